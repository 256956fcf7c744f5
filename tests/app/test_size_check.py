"""Which photos' results are too large, before a run: without dialogs."""

from __future__ import annotations

from pathlib import Path

from app.photo_queue import QueueItem
from app.size_check import Oversized, check_results, largest


def times_four(width: int, height: int, *, film: bool = False) -> tuple[int, int] | None:
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
    as_png = check_results(items, times_four, None)
    assert as_png.beyond_format == ()
    large = [photo.name for photo in as_png.very_large]
    assert large == ["big.png", "bigger.png"]  # wide.png is 32 MP
    as_jpeg = check_results(items, times_four, "jpg")
    assert as_jpeg.beyond_format == (Oversized("wide.png", 80_000, 400, ".jpg"),)
    assert largest(as_jpeg.very_large) == Oversized("bigger.png", 28_000, 16_000, ".jpg")


def test_films_are_checked_against_4k():
    items = [
        QueueItem(Path("hd.mp4"), width=1920, height=1080),  # 7680 x 4320 at 4x
        QueueItem(Path("sd.mp4"), width=960, height=540),  # 3840 x 2160: 4K itself
        QueueItem(Path("scope.mkv"), width=1000, height=418),  # wider than 4K, fewer pixels
        QueueItem(Path("photo.png"), width=1920, height=1080),
    ]
    report = check_results(items, times_four, None)
    assert report.films_beyond_4k == (Oversized("hd.mp4", 7680, 4320, ".mp4"),)
    assert report.very_large == report.beyond_format == ()
