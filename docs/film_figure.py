"""What the README's figures of the 1906 film share: a stretch of its frames as a film's run
cleans them, and a row of the same part of each with a red line drawn at one place."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.video.frames import decode_frames  # noqa: E402
from engine.video.probe import scan  # noqa: E402
from engine.video.temporal import FilmCleanup, cleaned, context  # noqa: E402
from tools.side_by_side import row  # noqa: E402

FILM = REPO.parent / "shared" / "data" / "video" / "market_street_1906_60f.mp4"
RED = np.array([230, 30, 30], np.uint8)


def frames_before_and_after(
    first: int, end: int, cleanup: FilmCleanup
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Frames ``first`` to ``end`` of the film as it has them and as ``cleanup`` leaves
    them in a film's run."""
    info, _ = scan(FILM)
    start, stop = context(first, end, info.frames, cleanup)
    decoded = (frame for frame in decode_frames(info) if start <= frame.index < stop)
    frames = list(cleaned(decoded, first, end, info.frames, cleanup))
    before = [frame.pixels if frame.source is None else frame.source for frame in frames]
    return before, [frame.pixels for frame in frames]


def marked_row(frames: list[np.ndarray], crop: tuple, line: tuple) -> np.ndarray:
    """The ``crop`` of each frame side by side, ``line`` (an index into the crop: a row or
    a column) drawn red on each."""
    parts = [pixels[crop].copy() for pixels in frames]
    for part in parts:
        part[line] = RED
    return row(parts)
