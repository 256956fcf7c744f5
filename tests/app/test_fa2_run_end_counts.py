"""The end of a Restore All run counts what became of each file asked for: the one the person
cancelled as cancelled, and the files that could not be opened apart from the failures (no
run tried them)."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, wait_for_status, wait_until_read, write_photo

from app.item_status import ItemStatus


def test_a_cancelled_run_counts_the_cancelled_photo_and_the_files_it_could_not_open(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo")
    window = make_window()
    window.settings_panel.tile_spin.setValue(16)  # hundreds of small tiles: time to cancel
    big, *unopened = window.add_paths([write_photo(tmp_path / "big.png", 512, 384), broken, notes])
    wait_until_read(qtbot, window)
    assert [item.status for item in unopened] == [ItemStatus.UNREADABLE] * 2

    window.restore_all()
    qtbot.waitUntil(lambda: big.progress > 0, timeout=30_000)
    window.cancel_action.trigger()
    wait_for_status(qtbot, big, ItemStatus.CANCELLED, timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    said = "Cancelled before restoring 1 photo. Could not open 2 files."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said, timeout=WAIT_MS)
