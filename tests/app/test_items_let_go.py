"""What the window's parts note of each queued item goes once the item leaves for good (its
Undo step let go, or taken out by Undo itself), so a queue filled and cleared all day does not
pile up records; an item Undo may still put back keeps them, and comes back as it left."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, overwrite_photo, wait_for_status, wait_until_read, write_photo

import app.workspace
from app.item_status import ItemStatus
from app.on_show import OnShow, Subject, View
from app.photo_queue import QueueModel
from app.workspace import Workspace
from app.workspace_store import WORKSPACE_FILE, WorkspaceStore
from engine.errors import RekindleError
from engine.filestamp import FileStamp
from tests.app.test_workspace_batched import kept_names
from tests.app.test_workspace_store import files


@pytest.fixture
def one_step(monkeypatch) -> None:
    """Undo keeps one step: the one before is let go, with its items."""
    monkeypatch.setattr(app.workspace, "UNDO_LIMIT", 1)


def _noted(workspace: Workspace, item_id: int) -> tuple[bool, bool]:
    """Whether the workspace notes the item in the file, and as removed."""
    return item_id in workspace._stored, item_id in workspace._removed


def test_the_items_of_a_step_let_go_are_forgotten(qapp, tmp_path, one_step):
    path = tmp_path / WORKSPACE_FILE
    queue = QueueModel()
    workspace = Workspace(queue, WorkspaceStore(path))
    first, second = queue.add_paths(files(tmp_path / "photos", 2))
    workspace.remove([first.id])
    workspace.remove([second.id])  # the first step let go
    assert _noted(workspace, first.id) == (False, False)
    assert _noted(workspace, second.id) == (True, True)  # Undo may put it back
    assert workspace.undo(lambda _old, _new: None) == [second]
    assert _noted(workspace, second.id) == (True, False)
    workspace.close()
    assert kept_names(path) == [second.source.name]


def test_a_file_queued_again_that_undo_takes_out_is_forgotten(qapp, tmp_path):
    queue = QueueModel()
    workspace = Workspace(queue, WorkspaceStore(tmp_path / WORKSPACE_FILE))
    [photo] = files(tmp_path / "photos", 1)
    [first] = queue.add_paths([photo])
    workspace.remove([first.id])
    [again] = queue.add_paths([photo])
    assert workspace.undo(lambda _old, _new: None) == [first]  # in place of the one again
    assert _noted(workspace, again.id) == (False, False)
    assert _noted(workspace, first.id) == (True, False)


def test_items_let_go_while_the_file_is_behind_are_taken_out_of_it_once_it_catches_up(
    qapp, tmp_path, one_step
):
    path = tmp_path / WORKSPACE_FILE
    queue = QueueModel()
    store = WorkspaceStore(path)
    workspace = Workspace(queue, store)
    items = queue.add_paths(files(tmp_path / "photos", 4))
    real_remove = store.remove

    def full_disk(item_ids) -> None:
        raise RekindleError("the disk is full")

    store.remove = full_disk
    workspace.remove([items[0].id])
    workspace.remove([items[1].id])  # the first step let go while the file is behind
    assert workspace.warning()
    store.remove = real_remove
    workspace.remove([items[2].id])  # written: the whole queue as it is
    assert not workspace.warning()
    workspace.close()
    assert kept_names(path) == [items[3].source.name]


def test_an_item_taken_out_lets_go_of_the_stamp_its_result_was_made_from():
    made_from, edited = FileStamp(size=100, mtime_ns=1), FileStamp(size=120, mtime_ns=2)
    show = OnShow(kept=4)
    show.restored(1, made_from)
    show.forget([1])
    assert show._made_from == {}
    show.restored(1, made_from)  # put back by Undo, with its result
    assert show.show(Subject(1, has_result=True, stamp=edited)).view is View.READ_ORIGINAL


def test_the_reading_of_items_let_go_is_forgotten(make_window, qtbot, tmp_path: Path, one_step):
    window = make_window()
    for name in ("a.png", "b.png"):
        window.add_paths([write_photo(tmp_path / name)])
        wait_until_read(qtbot, window)
        window.clear_queue()  # the second clear lets the first go, with a.png's item
    gc.collect()
    assert len(window.reading._stamps) == 1  # b.png's: Undo may put it back


def test_photos_taken_out_while_waiting_to_be_restored_let_their_settings_go(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    window.add_paths([write_photo(tmp_path / f"p{n}.png") for n in range(3)])
    wait_until_read(qtbot, window)
    window.restore_all()
    window.clear_queue()  # all but the one under way
    assert window.runner._settings == {}
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)


def test_a_restored_photo_put_back_after_its_file_changed_shows_its_result_out_of_date(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    scan = write_photo(tmp_path / "scan.png", 60, 40)
    window = make_window()
    [item] = window.add_paths([scan])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    window.clear_queue()
    overwrite_photo(scan, 50, 30)
    window.undo()
    window.queue_view.select_id(item.id)
    qtbot.waitUntil(lambda: (item.width, item.height) == (50, 30), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.viewer.note() != "", timeout=WAIT_MS)
    assert window.viewer.note() == (
        "scan.png changed on disk after it was restored: "
        "Restore again for a result of the photo as it is now."
    )
    assert not window.viewer.has_after()
