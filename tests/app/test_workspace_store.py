"""The workspace file: what it keeps across a restart, what it forgets, a damaged file moved
aside, and a writer killed in the middle of a transaction (all of it, or none of it)."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.workspace_store import SET_ASIDE_SUFFIX, WORKSPACE_FILE, WorkspaceStore
from engine.chain import ModelRequest
from engine.recipe import Recipe
from engine.restorer import RestoreOptions

REPO = Path(__file__).resolve().parents[2]
ROUND = 50
"""Items a killed writer adds in each transaction."""


def files(folder: Path, count: int, stem: str = "p") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = [folder / f"{stem}{n}.png" for n in range(count)]
    for path in made:
        path.write_bytes(b"x")
    return made


def recipe(model: str = "restore-x4", made_at: float = 1.0) -> Recipe:
    return Recipe.of(ModelRequest(model), RestoreOptions(), "cpu", made_at)


def stored_rows(path: Path) -> int:
    """The items in the file, read without the store (nothing forgotten on the way)."""
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM items").fetchone()[0]


def test_items_and_results_survive_a_restart_in_order(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    a, b, c = files(tmp_path / "photos", 3)
    results = files(tmp_path / "restored", 2, stem="r")
    store = WorkspaceStore(path)
    ids = store.add([a, b])
    ids += store.add([c])
    store.add_result(ids[0], results[0], recipe("restore-x4", 1.0))
    store.add_result(ids[0], results[1], recipe("detail-x4", 2.0))
    store.close()

    again = WorkspaceStore(path)
    loaded = again.load()
    assert again.problem == "" and again.set_aside is None
    assert [item.source for item in loaded] == [a, b, c]
    assert [item.id for item in loaded] == ids
    assert [(r.path, r.recipe) for r in loaded[0].results] == [
        (results[0], recipe("restore-x4", 1.0)),
        (results[1], recipe("detail-x4", 2.0)),
    ]
    assert loaded[0].results[1].recipe.made_at == 2.0
    assert loaded[1].results == loaded[2].results == ()


def test_removed_items_come_back_in_their_places_until_the_next_start(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    sources = files(tmp_path / "photos", 4)
    store = WorkspaceStore(path)
    ids = store.add(sources)
    result = files(tmp_path / "restored", 1, stem="r")[0]
    store.add_result(ids[1], result, recipe())
    store.remove([ids[1], ids[2]])
    store.add(files(tmp_path / "more", 1, stem="late"))
    store.put_back([ids[1]], before=ids[3])
    loaded = store.load()
    assert [item.source.name for item in loaded] == ["p0.png", "p1.png", "p3.png", "late0.png"]
    assert [r.path for r in loaded[1].results] == [result]  # its history came back with it
    store.close()

    reopened = WorkspaceStore(path)  # the removal not undone is final now
    assert [item.source.name for item in reopened.load()] == [
        "p0.png",
        "p1.png",
        "p3.png",
        "late0.png",
    ]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 4
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 1


def test_the_order_kept_is_the_order_shown_whatever_joins_in_between(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    p0, p1, p2, p3, p4 = files(tmp_path / "photos", 5)
    store = WorkspaceStore(path)
    ids = store.add([p0, p1, p2, p3])
    store.remove(ids)  # Clear
    again, late = store.add([p1, p4])  # p1 queued again, and p4
    store.put_back([ids[0]], before=again)  # Undo: the rows the queue shows them in
    store.put_back([ids[2], ids[3]], before=late)
    turned = store.add(files(tmp_path / "turned", 1, stem="t"), before=ids[2])  # mid-queue
    expected = ["p0.png", "p1.png", "t0.png", "p2.png", "p3.png", "p4.png"]
    assert [item.source.name for item in store.load()] == expected
    assert [item.id for item in store.load()] == [ids[0], again, *turned, ids[2], ids[3], late]
    store.close()
    assert [item.source.name for item in WorkspaceStore(path).load()] == expected


def test_originals_and_results_deleted_meanwhile_are_left_out_not_forgotten(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    kept, gone = files(tmp_path / "photos", 2)
    old, new = files(tmp_path / "restored", 2, stem="r")
    store = WorkspaceStore(path)
    kept_id, gone_id = store.add([kept, gone])
    store.add_result(kept_id, old, recipe(made_at=1.0))
    store.add_result(kept_id, new, recipe(made_at=2.0))
    store.add_result(gone_id, new, recipe(made_at=3.0))
    store.close()
    gone.unlink()
    old.unlink()

    loaded = WorkspaceStore(path).load()
    assert [(item.source, item.found, [r.path for r in item.results]) for item in loaded] == [
        (kept, True, [new]),
        (gone, False, [new]),
    ]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 3


def test_a_result_whose_recipe_cannot_be_read_is_forgotten(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    source = files(tmp_path / "photos", 1)[0]
    result = files(tmp_path / "restored", 1, stem="r")[0]
    store = WorkspaceStore(path)
    item_id = store.add([source])[0]
    store.add_result(item_id, result, recipe())
    store.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE results SET recipe = 'garbled'")

    (item,) = WorkspaceStore(path).load()
    assert item.source == source and item.results == ()


@pytest.mark.parametrize("damage", ["garbage", "cut short"])
def test_a_damaged_file_is_moved_aside_and_the_workspace_starts_empty(tmp_path, damage):
    path = tmp_path / WORKSPACE_FILE
    store = WorkspaceStore(path)
    store.add(files(tmp_path / "photos", 300))
    store.close()
    whole = path.read_bytes()
    damaged = b"not a database at all" * 100 if damage == "garbage" else whole[: len(whole) // 2]
    path.write_bytes(damaged)

    store = WorkspaceStore(path)
    loaded = store.load()
    assert loaded == []
    assert store.problem
    assert store.set_aside is not None and store.set_aside.name.startswith(
        WORKSPACE_FILE + SET_ASIDE_SUFFIX
    )
    assert store.set_aside.read_bytes() == damaged  # kept, for a person who wants it back
    source = files(tmp_path / "new", 1)[0]
    store.add([source])
    store.close()
    assert [item.source for item in WorkspaceStore(path).load()] == [source]


def test_a_workspace_of_another_version_is_moved_aside_not_misread(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    WorkspaceStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    store = WorkspaceStore(path)
    assert "another version" in store.problem and store.set_aside is not None
    assert store.load() == []


def _writer(path: Path, photos: Path, mode: str) -> subprocess.Popen:
    """A process adding items to the workspace at ``path``: ``mid``: one committed round, then
    a transaction of many rows that stops half-way (it says "mid" there); ``rounds``: round
    after round, each its own transaction."""
    code = f"""
import itertools, sys, time
from pathlib import Path
from app.workspace_store import WorkspaceStore

store = WorkspaceStore(Path({str(path)!r}))
photos = sorted(Path({str(photos)!r}).iterdir())
store.add(photos[:{ROUND}])
print("committed", flush=True)
if {mode!r} == "mid":
    def endless():
        for n, photo in enumerate(itertools.cycle(photos)):
            if n == 60_000:
                print("mid", flush=True)
                time.sleep(600)
            yield photo
    store.add(endless())
while True:
    store.add(photos[:{ROUND}])
"""
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, text=True
    )


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL


def test_a_writer_killed_in_the_middle_of_a_transaction_leaves_none_of_it(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    photos = tmp_path / "photos"
    files(photos, ROUND)
    process = _writer(path, photos, "mid")
    assert process.stdout.readline().strip() == "committed"
    committed_journal = Path(f"{path}-wal").stat().st_size
    assert process.stdout.readline().strip() == "mid"
    assert Path(f"{path}-wal").stat().st_size > committed_journal  # half a transaction on disk
    _kill(process)

    assert stored_rows(path) == ROUND
    store = WorkspaceStore(path)
    assert store.problem == ""
    assert len(store.load()) == ROUND
    store.add(files(tmp_path / "after", 1, stem="after"))  # and it goes on being written
    assert stored_rows(path) == ROUND + 1


def test_a_writer_killed_at_a_random_moment_leaves_whole_transactions(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    photos = tmp_path / "photos"
    files(photos, ROUND)
    process = _writer(path, photos, "rounds")
    assert process.stdout.readline().strip() == "committed"
    time.sleep(random.Random().uniform(0.05, 0.5))
    _kill(process)

    rows = stored_rows(path)
    assert rows >= ROUND and rows % ROUND == 0, rows
    store = WorkspaceStore(path)
    assert store.problem == "" and len(store.load()) == rows


def test_a_film_restored_into_frames_keeps_its_result_while_its_frames_are_there(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    film, other = files(tmp_path / "films", 2)
    folder = tmp_path / "restored" / "film"
    pattern = folder / "film_%06d.dpx"
    files(folder, 0)
    for number in (1, 2):
        (folder / f"film_{number:06d}.dpx").write_bytes(b"frame")
    store = WorkspaceStore(path)
    film_id, other_id = store.add([film, other])
    store.add_result(film_id, pattern, recipe())
    store.add_result(other_id, folder / "gone_%06d.dpx", recipe())  # its frames deleted
    store.close()

    loaded = WorkspaceStore(path).load()
    assert [r.path for r in loaded[0].results] == [pattern]
    assert loaded[1].results == ()
