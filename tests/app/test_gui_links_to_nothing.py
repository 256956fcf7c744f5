"""A link named as a photo found in a folder added, that leads nowhere (to a photo on a drive
not plugged in), joins the queue as a row that cannot be opened and says why, as a queued
file's row does while its drive is away, rather than being left out without a word."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import add_searched, wait_until_read, write_photo

from app.item_status import ItemStatus
from app.photo_queue import status_text

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")

NOT_THERE = (
    "Cannot open: not found; it may have been moved, or be on a drive that is not plugged in"
)


def test_a_link_to_nothing_in_a_folder_is_a_row_that_says_why(make_window, qtbot, tmp_path: Path):
    folder = tmp_path / "album"
    write_photo(folder / "a.png")
    write_photo(folder / "b.png")
    (folder / "onusb.jpg").symlink_to(tmp_path / "usb" / "photo.jpg")
    window = make_window()
    said: list[str] = []
    window.intake.message.connect(said.append)
    items = add_searched(qtbot, window, [folder])
    wait_until_read(qtbot, window)
    assert [item.name for item in items] == ["a.png", "b.png", "onusb.jpg"]
    *photos, link = items
    assert all(photo.status is ItemStatus.READY for photo in photos)
    assert link.status is ItemStatus.UNREADABLE
    assert status_text(link) == NOT_THERE
    assert said[-1] == "Added 3 photos to the queue."


def test_a_file_given_that_is_not_there_is_named_with_why(make_window, qtbot, tmp_path: Path):
    """Opened by name (the app's command line, a recent file, the desktop's open event) after
    it went away: the message names it and why, not "No new photos found (they may already
    be in the queue)"."""
    (tmp_path / "onusb.jpg").symlink_to(tmp_path / "usb" / "photo.jpg")
    window = make_window()
    said: list[str] = []
    window.intake.message.connect(said.append)
    assert window.intake.add_paths([tmp_path / "gone.jpg", tmp_path / "onusb.jpg"]) == []
    assert said == [
        f"Not read: {tmp_path / 'gone.jpg'}: no such file or folder; "
        f"{tmp_path / 'onusb.jpg'}: a link to nothing (what it points to is missing, or a loop)."
    ]
