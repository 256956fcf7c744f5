"""The workspace across a restart, when files changed or went out of reach while the app was
closed: a photo replaced shows its old result as out of date, as it would have in the session
that made it; queued files and results on a drive not plugged in stay in the workspace, and
come back with the drive; a workspace of the first version loads, and a malformed row is
taken for a damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, back_to_the_front, overwrite_photo, wait_until_read, write_photo

from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import status_text
from app.settings import AppSettings
from app.workspace_store import WORKSPACE_FILE, WorkspaceStore
from engine.filestamp import FileStamp
from tests.app.test_workspace_store import files, recipe

FIRST_VERSION = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    added_at REAL NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    recipe TEXT NOT NULL,
    made_at REAL NOT NULL
);
CREATE INDEX results_of_item ON results(item_id);
PRAGMA user_version = 1;
"""
"""The tables of a workspace written by the first version, which kept no stamps."""
NOT_THERE = (
    "Cannot open: not found; it may have been moved, or be on a drive that is not plugged in"
)


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def restored_and_closed(window: MainWindow, qtbot, paths: list[Path]) -> list[Path]:
    """Queue ``paths`` in ``window``, restore them all (saved at once), close the window;
    the results' files."""
    items = window.add_paths(paths)
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    window.close()
    return [item.saved_to for item in items]


# -- the store -----------------------------------------------------------------------------


def test_the_stamp_an_original_had_when_its_result_was_made_is_kept(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    (source,) = files(tmp_path / "photos", 1)
    (result,) = files(tmp_path / "restored", 1, stem="r")
    store = WorkspaceStore(path)
    (item_id,) = store.add([source])
    made_from = FileStamp.of(source)
    store.add_result(item_id, result, recipe(), made_from)
    store.close()
    source.write_bytes(b"another picture")

    (item,) = WorkspaceStore(path).load()
    assert item.made_from == made_from != FileStamp.of(source)


def test_a_workspace_of_the_first_version_loads_its_stamps_taken_at_loading(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    (source,) = files(tmp_path / "photos", 1)
    (result,) = files(tmp_path / "restored", 1, stem="r")
    with sqlite3.connect(path) as db:
        db.executescript(FIRST_VERSION)
        db.execute(
            "INSERT INTO items (source, position, added_at) VALUES (?, 0, 0)", (str(source),)
        )
        db.execute(
            "INSERT INTO results (item_id, path, recipe, made_at) VALUES (1, ?, ?, 1)",
            (str(result), recipe().to_json()),
        )
    loaded_at = FileStamp.of(source)

    store = WorkspaceStore(path)
    (item,) = store.load()
    store.close()
    assert store.problem == "" and store.set_aside is None
    assert item.source == source and [r.path for r in item.results] == [result]
    assert item.made_from == loaded_at
    source.write_bytes(b"another picture")  # changed while the app is closed
    (again,) = WorkspaceStore(path).load()
    assert again.made_from == loaded_at  # the stamp taken at loading was kept


def test_files_out_of_reach_at_loading_are_kept_until_they_are_back(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    scans, output = tmp_path / "media" / "Scans", tmp_path / "media" / "Output"
    a, b = files(scans, 2)
    (result,) = files(output, 1, stem="r")
    store = WorkspaceStore(path)
    a_id, _b_id = store.add([a, b])
    store.add_result(a_id, result, recipe())
    store.close()
    scans.rename(tmp_path / "scans away")
    output.rename(tmp_path / "output away")

    loaded = WorkspaceStore(path).load()
    assert [(item.source, item.found, item.results) for item in loaded] == [
        (a, False, ()),
        (b, False, ()),
    ]
    (tmp_path / "scans away").rename(scans)
    (tmp_path / "output away").rename(output)
    loaded = WorkspaceStore(path).load()
    assert [(item.source, item.found) for item in loaded] == [(a, True), (b, True)]
    assert [r.path for r in loaded[0].results] == [result] and loaded[1].results == ()


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("items", "source", b"\x00\xff not a path"),
        ("results", "path", b"\x00\xff not a path"),
        ("items", "made_size", "large"),
    ],
)
def test_a_malformed_row_is_taken_for_a_damaged_file(tmp_path, table, column, value):
    path = tmp_path / WORKSPACE_FILE
    (source,) = files(tmp_path / "photos", 1)
    (result,) = files(tmp_path / "restored", 1, stem="r")
    store = WorkspaceStore(path)
    (item_id,) = store.add([source])
    store.add_result(item_id, result, recipe(), FileStamp.of(source))
    store.close()
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE {table} SET {column} = ?", (value,))

    store = WorkspaceStore(path)
    assert store.load() == []
    assert store.problem and store.set_aside is not None


# -- in the window -------------------------------------------------------------------------


def test_a_photo_replaced_while_the_app_was_closed_shows_its_result_out_of_date(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    scan = write_photo(tmp_path / "photos" / "grandma.png", 40, 30)
    restored_and_closed(make_window(), qtbot, [scan])
    overwrite_photo(scan, 30, 60)  # another print scanned in its place

    window = make_window()
    (item,) = window.queue.items()
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    qtbot.waitUntil(lambda: window.viewer.note() != "", timeout=WAIT_MS)
    assert window.viewer.note() == (
        "grandma.png changed on disk after it was restored: "
        "Restore again for a result of the photo as it is now."
    )
    assert not window.viewer.has_after()  # the photo as it is now, without the old result
    assert window.viewer.before_image().size().toTuple() == (30, 60)
    window.restore_selected()
    qtbot.waitUntil(lambda: len(item.history) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(window.viewer.has_after, timeout=WAIT_MS)
    assert window.viewer.after_image().size().toTuple() == (120, 240)
    assert window.viewer.note() == ""


def test_queued_files_not_there_at_a_start_stay_queued_and_come_back_at_the_next(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    drive, away = tmp_path / "media" / "FamilyScans", tmp_path / "media" / "unplugged"
    scans = [write_photo(drive / f"scan{n}.png", 40, 30, seed=n) for n in range(3)]
    results = restored_and_closed(make_window(), qtbot, scans)
    drive.rename(away)

    unplugged = make_window()
    assert [item.source for item in unplugged.queue.items()] == scans
    assert unplugged.statusBar().currentMessage() == (
        "3 files in the queue are not there: they may have been moved, or be on a drive that "
        "is not plugged in."
    )
    wait_until_read(qtbot, unplugged)
    assert [status_text(item) for item in unplugged.queue.items()] == [NOT_THERE] * 3
    unplugged.queue_view.select_id(unplugged.queue.items()[0].id)
    assert not unplugged.save_action.isEnabled()
    unplugged.close()
    away.rename(drive)

    window = make_window()
    wait_until_read(qtbot, window)
    kept = window.queue.items()
    assert [item.status for item in kept] == [ItemStatus.RESTORED] * 3
    assert [item.saved_to for item in kept] == results
    assert window.statusBar().currentMessage() == ""


def test_a_queued_file_back_in_the_session_is_read_again_with_its_result(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    drive, away = tmp_path / "media" / "FamilyScans", tmp_path / "media" / "unplugged"
    scan = write_photo(drive / "scan.png", 40, 30)
    (result,) = restored_and_closed(make_window(), qtbot, [scan])
    drive.rename(away)

    window = make_window()
    (item,) = window.queue.items()
    window.queue_view.select_id(item.id)
    wait_until_read(qtbot, window)
    assert item.status is ItemStatus.UNREADABLE
    away.rename(drive)  # plugged in again
    back_to_the_front()
    qtbot.waitUntil(lambda: item.status is ItemStatus.RESTORED, timeout=WAIT_MS)
    assert item.saved_to == result and item.message == ""
    qtbot.waitUntil(window.viewer.has_after, timeout=WAIT_MS)
    assert window.save_comparison_action.isEnabled()
    assert not window.save_action.isEnabled()  # its result is saved as chosen already


def test_results_on_a_drive_not_there_at_a_start_come_back_with_it(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    drive, away = tmp_path / "media" / "PhotoDrive", tmp_path / "media" / "unplugged"
    drive.mkdir(parents=True)  # plugged in
    saving_at_once.output_dir = str(drive / "Restored")
    scan = write_photo(tmp_path / "photos" / "grandma.png", 40, 30)
    (result,) = restored_and_closed(make_window(), qtbot, [scan])
    drive.rename(away)

    unplugged = make_window()
    (item,) = unplugged.queue.items()
    wait_until_read(qtbot, unplugged)
    assert item.status is ItemStatus.READY and item.saved_to is None  # none on hand
    unplugged.close()
    away.rename(drive)

    window = make_window()
    (item,) = window.queue.items()
    assert item.status is ItemStatus.RESTORED and [r.path for r in item.history] == [result]
