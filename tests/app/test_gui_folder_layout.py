"""Results of a folder added keep its layout in the output folder, as the command line lays
them out (``engine.batch.result_folder``): under the folder's name, each in its subfolder, so
that same-named scans of two boxes never meet; a file added alone goes straight into the output
folder, and results saved in the folder added itself go beside their originals. The layout
survives a restart, and films keep it too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, add_searched, wait_until_read, write_photo

from app.main_window import MainWindow
from app.photo_queue import QueueItem
from app.settings import AppSettings
from app.workspace_store import WORKSPACE_FILE, WorkspaceStore
from engine.batch import FolderNames, result_folder
from tests.app.test_workspace_restart import FIRST_VERSION
from tests.app.test_workspace_store import files
from tests.video_helpers import make_clip


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def restored(qtbot, window: MainWindow, items: list[QueueItem]) -> list[Path]:
    """Restore the queue (saved at once); the results' files of ``items``."""
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    return [item.saved_to for item in items]


def boxes(root: Path) -> list[Path]:
    """Two boxes of scans under ``root``, each holding a photo named as the other's."""
    return [
        write_photo(root / box / "roll0" / "IMG_0000.png", 40, 30, i)
        for i, box in enumerate(("box1", "box2"))
    ]


def test_a_folders_results_keep_its_subfolders_and_a_loose_file_does_not(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    collection = tmp_path / "scans" / "coll"
    first, second = boxes(collection)
    loose = write_photo(tmp_path / "loose" / "IMG_0000.png", 40, 30, 5)
    window = make_window()
    items = [*add_searched(qtbot, window, [collection]), *window.add_paths([loose])]

    output = Path(saving_at_once.output_dir)
    assert restored(qtbot, window, items) == [
        output / "coll" / "box1" / "roll0" / "IMG_0000 [tiny].png",
        output / "coll" / "box2" / "roll0" / "IMG_0000 [tiny].png",
        output / "IMG_0000 [tiny].png",
    ]
    names = FolderNames([collection])  # where the command line puts them
    assert [item.saved_to.parent for item in items[:2]] == [
        result_folder(source, collection, output, names) for source in (first, second)
    ]


def test_results_saved_in_the_folder_added_go_beside_their_originals(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    collection = tmp_path / "coll"
    sources = boxes(collection)
    saving_at_once.output_dir = str(collection)
    window = make_window()
    items = add_searched(qtbot, window, [collection])

    assert restored(qtbot, window, items) == [
        source.with_name("IMG_0000 [tiny].png") for source in sources
    ]


def test_the_layout_survives_a_restart(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    collection = tmp_path / "coll"
    boxes(collection)
    window = make_window()
    add_searched(qtbot, window, [collection])
    window.close()

    again = make_window()
    items = again.queue.items()
    assert [item.added_with for item in items] == [collection, collection]
    output = Path(saving_at_once.output_dir)
    assert restored(qtbot, again, items) == [
        output / "coll" / box / "roll0" / "IMG_0000 [tiny].png" for box in ("box1", "box2")
    ]


def test_the_store_keeps_the_folder_each_file_was_added_with(tmp_path: Path):
    path = tmp_path / WORKSPACE_FILE
    a, b = files(tmp_path / "coll" / "box1", 2)
    store = WorkspaceStore(path)
    store.add([a, b], added_with={a: tmp_path / "coll"})
    store.close()

    loaded = WorkspaceStore(path).load()
    assert [item.added_with for item in loaded] == [tmp_path / "coll", None]


def test_a_film_in_a_subfolder_keeps_its_place(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    collection = tmp_path / "coll"
    for reel in ("reel1", "reel2"):
        (collection / reel).mkdir(parents=True)
        make_clip(collection / reel / "film.mkv", frames=2)
    window = make_window()
    items = add_searched(qtbot, window, [collection])

    output = Path(saving_at_once.output_dir)
    assert restored(qtbot, window, items) == [
        output / "coll" / reel / "film [tiny].mkv" for reel in ("reel1", "reel2")
    ]


def test_a_workspace_of_an_older_version_loads_its_files_as_added_alone(tmp_path: Path):
    path = tmp_path / WORKSPACE_FILE
    (source,) = files(tmp_path / "photos", 1)
    with sqlite3.connect(path) as db:
        db.executescript(FIRST_VERSION)
        db.execute(
            "INSERT INTO items (source, position, added_at) VALUES (?, 0, 0)", (str(source),)
        )

    (item,) = WorkspaceStore(path).load()
    assert (item.source, item.added_with) == (source, None)


def test_results_that_would_go_into_the_folder_added_go_straight_into_the_output_folder(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    scans = tmp_path / "scans"
    write_photo(scans / "coll" / "box1" / "IMG_0000.png", 40, 30)
    saving_at_once.output_dir = str(scans)  # coll's results would lie among its originals
    window = make_window()
    items = add_searched(qtbot, window, [scans / "coll"])

    assert restored(qtbot, window, items) == [scans / "IMG_0000 [tiny].png"]
    assert not list((scans / "coll").rglob("*tiny*"))  # none among the originals
