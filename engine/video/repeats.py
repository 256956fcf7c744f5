"""Frames a film shows twice: a film shot at 16 or 18 frames a second and copied at 24 repeats
one frame in three or four (the 1906 film of the tests repeats one in ten). A repeat carries
the same dust and the same grain as the frame it repeats, so the cleanups that compare a
frame with the frames around it (dust.py, grain.py) look past a frame's repeats, to the
nearest frames that differ from it.
"""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np

from engine.video.align import luma

SMALL_SIDE = 160  # frames are compared shrunk to this longer side at most: grain averages out
REPEAT_LEVELS = 1.0  # frames differing by less than this (mean, 8-bit levels) are one frame
# shown twice: a codec's copy of a repeat differs by 0.1 or less, the next frame by several


def repeats(before: np.ndarray, after: np.ndarray) -> bool:
    """Whether the frame ``after`` shows the frame ``before`` again (RGB, same size)."""
    return shows_again(glance(before), glance(after))


def glance(pixels: np.ndarray) -> np.ndarray:
    """What ``repeats`` compares of a frame: its brightness shrunk to ``SMALL_SIDE``."""
    height, width = pixels.shape[:2]
    factor = min(1.0, SMALL_SIDE / max(height, width))
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return luma(cv2.resize(pixels, size, interpolation=cv2.INTER_AREA))


def shows_again(before: np.ndarray, after: np.ndarray) -> bool:
    """Whether a frame whose ``glance`` is ``after`` shows the one whose glance is ``before``."""
    return float(np.abs(before - after).mean()) < REPEAT_LEVELS


def shown_twice(index: int, repeated: Mapping[int, bool]) -> bool:
    """Whether frame ``index`` repeats the frame before it while neither that frame nor the
    next repeats (a frame shown twice, not a picture held), as far as ``repeated`` tells
    (``repeated[k]``: frame k repeats frame k - 1)."""
    return (
        repeated.get(index, False)
        and not repeated.get(index - 1, False)
        and not repeated.get(index + 1, False)
    )


def showing(index: int, repeated: Mapping[int, bool]) -> range:
    """The frames showing what frame ``index`` shows: it and its repeats, as far as
    ``repeated`` tells (``repeated[k]``: frame k repeats frame k - 1)."""
    first = index
    while repeated.get(first, False):
        first -= 1
    last = index
    while repeated.get(last + 1, False):
        last += 1
    return range(first, last + 1)
