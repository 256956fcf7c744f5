"""The workspace file cannot be written while the app runs (its disk is full): a warning stays
in the status bar, whatever is said after it, until a later change (or closing the window)
writes the whole queue as it is then; the queue comes back whole after a restart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gui_helpers import WAIT_MS, wait_until_read, write_photo

from app.workspace_store import WorkspaceStore
from engine.errors import RekindleError

FULL = "the queue could not be written to workspace.sqlite (database or disk is full)"


def _fail(*_args, **_kwargs):
    raise RekindleError(FULL)


@pytest.fixture
def disk() -> Iterator[pytest.MonkeyPatch]:
    """A patch of its own, to fill the disk and then make room (``disk.undo()``) leaving the
    test's private data folder in place."""
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def fill(disk: pytest.MonkeyPatch) -> None:
    """The workspace cannot be written until ``disk.undo()``."""
    for change in ("add", "remove", "put_back", "add_result"):
        disk.setattr(WorkspaceStore, change, _fail)


def names(window) -> list[str]:
    return [item.name for item in window.queue.items()]


def test_a_write_that_fails_is_warned_of_until_the_queue_is_written_again(
    make_window, qtbot, tiny_model, tmp_path, app_settings, disk
):
    app_settings.auto_save = True
    photos = [write_photo(tmp_path / "photos" / f"{name}.png") for name in "abcd"]
    window = make_window()
    a, b = window.add_paths(photos[:2])
    wait_until_read(qtbot, window)

    fill(disk)
    window.add_paths(photos[2:3])  # c, not written
    window.workspace.remove([a.id])  # a, not marked removed
    window.queue_view.select_id(b.id)
    window.restore_selected()
    qtbot.waitUntil(lambda: len(b.history) == 1, timeout=WAIT_MS)  # its result, not noted
    warning = "The queue will not be remembered: " + FULL
    assert window.warnings.shown() == [warning]
    window.statusBar().showMessage("Another message")
    assert window.warnings.shown() == [warning]  # it stays

    disk.undo()  # room is made: the next change writes the whole queue
    window.add_paths(photos[3:])
    assert window.warnings.shown() == []
    window.close()
    again = make_window()
    assert names(again) == ["b.png", "c.png", "d.png"]
    assert again.queue.items()[0].saved_to == b.saved_to


def test_closing_writes_the_queue_that_could_not_be_written(make_window, qtbot, tmp_path, disk):
    photos = [write_photo(tmp_path / "photos" / f"{name}.png") for name in "ab"]
    window = make_window()
    window.add_paths(photos[:1])
    fill(disk)
    window.add_paths(photos[1:])
    wait_until_read(qtbot, window)
    assert window.warnings.shown()

    disk.undo()  # room is made, and the window closed with no other change
    window.close()
    assert names(make_window()) == ["a.png", "b.png"]
