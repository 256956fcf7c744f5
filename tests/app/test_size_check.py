"""Which photos' results are too large, before a run: without dialogs."""

from __future__ import annotations

from pathlib import Path

from app.photo_queue import QueueItem
from app.size_check import Oversized, check_photos, largest


def times_four(width: int, height: int) -> tuple[int, int] | None:
    return (width * 4, height * 4) if width and height else None


def test_results_are_checked_in_the_format_they_are_saved_in():
    items = [
        QueueItem(Path("wide.png"), width=20_000, height=100),  # 80000 px: beyond JPEG
        QueueItem(Path("big.png"), width=6_000, height=4_000),  # 384 MP
        QueueItem(Path("bigger.png"), width=7_000, height=4_000),
        QueueItem(Path("small.png"), width=600, height=400),
        QueueItem(Path("unread.png")),  # its size is not known yet
        QueueItem(Path("film.mp4"), width=20_000, height=100),  # enlarged by a scale, not saved
    ]
    as_png = check_photos(items, times_four, None)
    assert as_png.beyond_format == ()
    large = [photo.name for photo in as_png.very_large]
    assert large == ["big.png", "bigger.png"]  # wide.png is 32 MP
    as_jpeg = check_photos(items, times_four, "jpg")
    assert as_jpeg.beyond_format == (Oversized("wide.png", 80_000, 400, ".jpg"),)
    assert largest(as_jpeg.very_large) == Oversized("bigger.png", 28_000, 16_000, ".jpg")
