"""The workspace file on a disk that takes nothing more (full) or in a folder that cannot be
written: the queue kept there is read as it is and shown, nothing is set aside as damaged, a
plain sentence says why it is not remembered, and it is written again once it can be."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from disk_problem_helpers import no_room, read_only
from gui_helpers import write_photo
from test_workspace_store import files

import engine.preflight
from app.workspace_store import WORKSPACE_FILE, WorkspaceStore
from engine.errors import RekindleError

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="no file size limit, and permissions work otherwise there"
)


def kept_queue(folder: Path, sources: list[Path]) -> Path:
    """A workspace file in ``folder`` that keeps ``sources``, closed as on quitting."""
    path = folder / WORKSPACE_FILE
    store = WorkspaceStore(path)
    store.add(sources)
    store.close()
    return path


def sources_in(store: WorkspaceStore) -> list[Path]:
    return [item.source for item in store.load()]


def set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{WORKSPACE_FILE}.unreadable*"))


def test_a_queue_on_a_full_disk_is_shown_not_set_aside_and_kept_once_there_is_room(
    tmp_path, monkeypatch
):
    queued = files(tmp_path / "photos", 3)
    path = kept_queue(tmp_path / "data", queued)
    before = path.read_bytes()
    new = files(tmp_path / "new", 1, stem="n")
    monkeypatch.setattr(engine.preflight, "free_bytes", lambda _folder: 0)

    with no_room():
        store = WorkspaceStore(path)
        assert sources_in(store) == queued
        with pytest.raises(RekindleError) as refused:
            store.add(new)
    full = f"{path.parent}: only 0 MB free; make room or choose another folder"
    assert store.problem == full and refused.value.sentence == full
    assert store.set_aside is None and set_aside(path.parent) == []
    assert path.read_bytes() == before

    monkeypatch.undo()  # room is made: the next change is written
    store.add(new)
    store.close()
    assert sources_in(WorkspaceStore(path)) == queued + new


def test_starting_again_and_again_on_a_full_disk_loses_nothing(tmp_path):
    queued = files(tmp_path / "photos", 2)
    path = kept_queue(tmp_path / "data", queued)
    for _start in range(2):
        with no_room():
            store = WorkspaceStore(path)
            assert sources_in(store) == queued
            store.close()
    assert set_aside(path.parent) == []
    assert sources_in(WorkspaceStore(path)) == queued


def test_a_queue_in_a_folder_that_cannot_be_written_is_shown_and_said_plainly(tmp_path):
    queued = files(tmp_path / "photos", 2)
    path = kept_queue(tmp_path / "data", queued)
    new = files(tmp_path / "new", 1, stem="n")

    with read_only(path.parent):
        store = WorkspaceStore(path)
        assert sources_in(store) == queued
        with pytest.raises(RekindleError) as refused:
            store.add(new)
    plain = f"cannot write into {path.parent} (permission denied)"
    assert store.problem == plain and refused.value.sentence == plain
    assert set_aside(path.parent) == []

    store.add(new)  # the folder can be written again
    store.close()
    assert sources_in(WorkspaceStore(path)) == queued + new


def test_a_data_folder_that_cannot_be_made_leaves_an_empty_queue_not_remembered(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    path = home / "data" / WORKSPACE_FILE
    new = files(tmp_path / "new", 1)

    with read_only(home):
        store = WorkspaceStore(path)
        assert store.load() == []
        with pytest.raises(RekindleError) as refused:
            store.add(new)  # said, not kept in memory as if it were remembered
    plain = f"cannot write into {path.parent} (permission denied)"
    assert store.problem == plain and refused.value.sentence == plain

    store.add(new)  # the folder can be made now
    store.close()
    assert sources_in(WorkspaceStore(path)) == new


def test_a_file_that_fails_to_be_read_now_is_not_taken_for_a_damaged_one(tmp_path, monkeypatch):
    queued = files(tmp_path / "photos", 2)
    path = kept_queue(tmp_path / "data", queued)
    failing = sqlite3.OperationalError("disk I/O error")  # a drive failing, say
    failing.sqlite_errorcode = sqlite3.SQLITE_IOERR_READ

    def fail(_store: WorkspaceStore) -> None:
        raise failing

    store = WorkspaceStore(path)
    with monkeypatch.context() as reading:
        reading.setattr(WorkspaceStore, "_results", fail)
        assert store.load() == []
    assert store.problem == f"{path}: cannot be read or written (disk I/O error)"
    assert store.set_aside is None and set_aside(path.parent) == []
    store.close()
    assert sources_in(WorkspaceStore(path)) == queued


def names(window) -> list[str]:
    return [item.name for item in window.queue.items()]


def test_the_window_shows_a_queue_it_cannot_keep_says_so_until_it_can_and_keeps_it(
    make_window, private_data_dir, tmp_path
):
    photos = [write_photo(tmp_path / "photos" / f"{name}.png") for name in "abcd"]
    window = make_window()
    window.add_paths(photos[:2])
    window.close()

    with read_only(private_data_dir):
        window = make_window()
        assert names(window) == ["a.png", "b.png"]
        plain = f"cannot write into {private_data_dir} (permission denied)"
        assert window.warnings.shown() == [f"The queue will not be remembered: {plain}"]
        window.add_paths(photos[2:3])
    assert window.warnings.shown() == [f"The queue will not be remembered: {plain}"]
    assert set_aside(private_data_dir) == []

    window.add_paths(photos[3:])  # the folder can be written again: the whole queue is
    assert window.warnings.shown() == []
    window.close()
    assert names(make_window()) == ["a.png", "b.png", "c.png", "d.png"]
