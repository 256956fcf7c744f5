"""A film scanner's folder with a frame copied only in part (an empty file) is refused on its
row when it is dropped, the frame named, before any restoration."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import drop_paths, searched, wait_until_read

from app.item_status import ItemStatus
from app.photo_queue import status_text
from tests.dpx_helpers import write_scan


def test_an_empty_frame_is_told_on_the_films_row_when_it_is_dropped(
    make_window, qtbot, tmp_path: Path
):
    scan = tmp_path / "scan"
    for number in range(1, 31):
        write_scan(scan / f"frame_{number:04d}.dpx", 8, seed=number)
    (scan / "frame_0025.dpx").write_bytes(b"")
    window = make_window()
    assert drop_paths(window, [scan])
    searched(qtbot, window)
    wait_until_read(qtbot, window)
    (film,) = window.queue.items()
    assert film.status is ItemStatus.UNREADABLE and film.is_video
    assert "frame 25 (frame_0025.dpx) is empty or cannot be read" in status_text(film)
