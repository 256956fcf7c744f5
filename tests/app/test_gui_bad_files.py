"""Bad files get a clear status; the rest of the queue goes on."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, wait_for_status, wait_until_read, write_photo

from app.item_status import ItemStatus


def test_a_corrupt_file_shows_an_error_while_the_others_finish(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    good = [write_photo(tmp_path / "a.png"), write_photo(tmp_path / "c.png", seed=2)]
    corrupt = tmp_path / "b.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    unsupported = tmp_path / "notes.txt"
    unsupported.write_text("hello")
    window = make_window()
    a, b, c, notes = window.add_paths([good[0], corrupt, good[1], unsupported])
    wait_until_read(qtbot, window)
    assert b.status is ItemStatus.UNREADABLE and "b.png" in b.message
    assert notes.status is ItemStatus.UNREADABLE and "cannot open .txt" in notes.message

    window.restore_all()
    wait_for_status(qtbot, a, ItemStatus.RESTORED)
    wait_for_status(qtbot, c, ItemStatus.RESTORED)
    assert b.status is ItemStatus.UNREADABLE
    finished = "Restored 2 photos. Could not open 2 files."  # none was tried
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == finished, timeout=WAIT_MS)

    window.queue_view.select_id(b.id)
    assert not window.viewer.has_images()
    assert "b.png" in window.viewer.placeholder()


def test_a_file_damaged_after_queueing_fails_alone(make_window, qtbot, tiny_model, tmp_path: Path):
    paths = [write_photo(tmp_path / n, seed=i) for i, n in enumerate(["a.png", "b.jpg", "c.png"])]
    window = make_window()
    a, b, c = window.add_paths(paths)
    wait_until_read(qtbot, window)
    assert b.status is ItemStatus.READY
    paths[1].write_bytes(paths[1].read_bytes()[:200])  # truncated, as by a broken copy

    window.restore_all()
    wait_for_status(qtbot, c, ItemStatus.RESTORED)
    assert a.status is ItemStatus.RESTORED
    assert b.status is ItemStatus.FAILED
    assert b.message.startswith("b.jpg:")
    assert not window.runner.is_running
