"""Quitting while the saver writes a photo: the queue notes where it was written before the
workspace is closed, so after a restart the photo is restored and saved, not to be restored
(and saved as "name (2)") again."""

from __future__ import annotations

import threading
from pathlib import Path

from gui_helpers import WAIT_MS, write_photo

import app.workers
from app.item_status import ItemStatus
from app.settings import AppSettings


def test_a_photo_written_as_the_window_closes_is_known_saved_after_a_restart(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings, monkeypatch
):
    app_settings.auto_save = True
    real_write = app.workers.write_picture
    writing, disk_ready = threading.Event(), threading.Event()

    def slow_write(*args, **kwargs):
        writing.set()
        disk_ready.wait(timeout=WAIT_MS / 1000)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(app.workers, "write_picture", slow_write)
    first = make_window()
    [item] = first.add_paths([write_photo(tmp_path / "photos" / "a.png", 40, 30)])
    first.restore_all()
    qtbot.waitUntil(writing.is_set, timeout=WAIT_MS)
    disk_ready.set()  # written while the window closes: no event is handled in between
    first.close()
    written = Path(app_settings.output_dir) / "a [tiny].png"
    assert written.is_file()
    assert item.saved_to == written

    second = make_window()
    [kept] = second.queue.items()
    assert kept.status is ItemStatus.RESTORED and kept.saved_to == written
