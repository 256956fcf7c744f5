"""A row of a file that cannot be opened says why under the file's name, without naming the
file again (the viewer's placeholder leaves the name out the same way): the narrow queue
would wrap the name and the reason over several lines."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import wait_for_status

from app.item_status import ItemStatus
from app.photo_queue import QueueItem, status_text

WHY = "the file is damaged or not an image"


def test_the_reason_a_file_cannot_be_opened_leaves_its_name_to_the_row():
    item = QueueItem(Path("broken-truncated.png"), status=ItemStatus.UNREADABLE)
    item.message = f"broken-truncated.png: {WHY}"
    assert status_text(item) == f"Cannot open: {WHY}"


def test_a_reason_that_does_not_start_with_the_name_is_kept_whole():
    item = QueueItem(Path("notes.jpg"), status=ItemStatus.UNREADABLE)
    item.message = "not found; it may have been moved"
    assert status_text(item) == "Cannot open: not found; it may have been moved"


def test_a_damaged_file_queued_names_itself_once(make_window, qtbot, tmp_path: Path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    window = make_window()
    [item] = window.add_paths([broken])
    wait_for_status(qtbot, item, ItemStatus.UNREADABLE)
    assert item.message.startswith("broken.png")  # as the engine says it
    shown = status_text(item)
    assert shown.startswith("Cannot open: ") and "broken.png" not in shown
