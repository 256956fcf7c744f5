"""The app takes in a film scanner's DPX frames as it does photos: offered by the Open dialog,
dropped as a folder, their thumbnails read, and restored into DPX frames that keep their names
under the pattern ``{stem}``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gui_helpers import WAIT_MS, drop_paths, searched, wait_until_read
from PySide6.QtWidgets import QFileDialog

from app.item_status import ItemStatus
from engine.imageio import read_picture
from tests.dpx_helpers import SIZE, write_scan


def test_dpx_frames_are_offered_dropped_shown_and_restored(
    make_window, app_settings, qtbot, tiny_model, tmp_path: Path, monkeypatch
):
    frames = tmp_path / "reel1"
    names = [f"frame_{number:06d}.dpx" for number in (1, 2, 3)]
    for seed, name in enumerate(names):
        write_scan(frames / name, 10, seed)
    app_settings.auto_save = True
    app_settings.result_names = "{stem}"
    window = make_window()

    filters: list[str] = []

    def choose(_parent, _caption, _folder, kinds):
        filters.append(kinds)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    window.intake.open_files()
    assert "*.dpx" in filters[0].split()

    assert drop_paths(window, [frames])
    searched(qtbot, window)
    wait_until_read(qtbot, window)
    items = window.queue.items()
    assert sorted(item.source.name for item in items) == names
    for item in items:
        assert item.status is ItemStatus.READY and item.thumbnail is not None
        assert (item.width, item.height) == SIZE

    window.restore_all()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    for item in items:
        assert item.saved_to.name == item.source.name
        restored = read_picture(item.saved_to)
        assert restored.pixels.dtype == np.uint16 and restored.width == 4 * SIZE[0]
