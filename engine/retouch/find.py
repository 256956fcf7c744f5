"""Finding dust, specks and hairlines on a scanned print, to be filled before restoring.

A speck of dust or a small scratch on a print or its scan is a few pixels that differ sharply
from a flat surround: a median of the picture over a window a little wider than such marks
takes them away, and what it took is looked at. A candidate is kept where it stands out from
the local texture, is small (or thin, for a hairline), stands out from a ring of picture just
around it by several times that ring's own spread (so an eye, a tooth, a letter or the edge of
a thing, whose surround is not flat, is left alone), and lies among few other candidates (so
gravel, foliage and print grain are left alone). What a median cannot tell from dust is a
small round bright thing on a dark ground that belongs to the picture (a button, a catchlight,
a star): the marks are shown for review before they are filled, in the app.
"""

from __future__ import annotations

import cv2
import numpy as np

WINDOW_SHARE = 1 / 150
"""The median's window, as a share of the picture's long side..."""
LEAST_WINDOW = 9
"""...and at least this many pixels."""
LEAST_STEP = 12.0
"""A mark differs from the picture around it by at least this many levels of 255..."""
TEXTURE_STEPS = 3.0
"""...and by this many times the texture's spread there,"""
RING_STEPS = 5.0
"""and by this many times the spread of the ring of picture just around it."""
CROWDING = 8
"""At most this many other candidates lie around a mark (in a square four windows wide): more
is texture."""
RING = 5
"""The surround a mark must stand out from reaches this many pixels beyond it."""
SPREAD_OF_DECILES = 2.563
"""The 90th less the 10th percentile of a normal spread, in standard deviations."""
LONGEST = 3
"""A hairline is at most this many windows long: longer thin lines are the picture's own
(wires, frames, mortar) as often as scratches, and are left to be marked by hand."""
GROWTH = 2
"""A found mark is widened by this many pixels, to take in its soft edge."""


def find_spots(pixels: np.ndarray) -> np.ndarray:
    """Where ``pixels`` (HxW or HxWx3, uint8 or uint16) shows dust, specks or hairlines: an
    HxW uint8 mask, 255 there and 0 elsewhere."""
    luma = _luma(pixels)
    height, width = luma.shape
    window = max(LEAST_WINDOW, round(max(height, width) * WINDOW_SHARE) | 1)
    soft = cv2.GaussianBlur(luma, (0, 0), 0.7)
    background = cv2.medianBlur(np.rint(luma).astype(np.uint8), window).astype(np.float32)
    away = soft - background
    spread = np.minimum(np.abs(away), 255).astype(np.uint8)
    texture = 1.4826 * cv2.medianBlur(spread, 2 * window + 1).astype(np.float32)
    candidates = (np.abs(away) > np.maximum(LEAST_STEP, TEXTURE_STEPS * texture)).astype(np.uint8)
    count, labels, stats, centres = cv2.connectedComponentsWithStats(candidates, connectivity=8)
    crowding = _crowding(centres[1:], (height, width), 4 * window + 1)
    found = np.zeros((height, width), np.uint8)
    for label in range(1, count):
        left, top, wide, high, area = (int(v) for v in stats[label])
        length = max(wide, high)
        if length > LONGEST * window:
            continue
        if area > window * window if length <= window else area / length > window / 2:
            continue  # too large for a speck, or too thick for a hairline
        if crowding[top + high // 2, left + wide // 2] > CROWDING + 1:
            continue
        reach = RING + 1
        box = np.s_[
            max(0, top - reach) : top + high + reach, max(0, left - reach) : left + wide + reach
        ]
        mark = (labels[box] == label).astype(np.uint8)
        if _stands_out(soft[box], mark):
            found[box] |= mark
    grown = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * GROWTH + 1,) * 2)
    return cv2.dilate(found, grown) * np.uint8(255)


def _crowding(centres: np.ndarray, shape: tuple[int, int], side: int) -> np.ndarray:
    """How many of the candidates (their ``centres``, x and y) lie in the ``side`` wide square
    around each pixel."""
    count = np.zeros(shape, np.float32)
    columns, rows = np.rint(centres).astype(int).T
    np.add.at(count, (rows, columns), 1)
    return cv2.boxFilter(count, -1, (side, side), normalize=False)


def _stands_out(soft: np.ndarray, mark: np.ndarray) -> bool:
    """Whether the marked pixels of ``soft`` differ from the ring around them by more than the
    least step and several times the ring's spread (a flat surround, unlike an edge's: the
    spread is read between the ring's 10th and 90th percentiles, which an edge through the
    ring widens however little of it is on one side)."""
    outer = cv2.dilate(mark, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * RING + 1,) * 2))
    inner = cv2.dilate(mark, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    ring = soft[(outer > 0) & (inner == 0)]
    if ring.size < 8:
        return False
    low, middle, high = np.percentile(ring, [10, 50, 90])
    spread = float(high - low) / SPREAD_OF_DECILES + 1.0
    inside = soft[mark > 0]
    tiny = inside.size <= 4  # a speck of a few pixels: its strongest pixel speaks for it
    step = float(np.max(np.abs(inside - middle)) if tiny else abs(np.median(inside) - middle))
    return step >= LEAST_STEP and step >= RING_STEPS * spread


def _luma(pixels: np.ndarray) -> np.ndarray:
    """The picture's brightness in levels of 255, as float32."""
    scale = 255.0 / float(np.iinfo(pixels.dtype).max)
    if pixels.ndim == 2:
        return pixels.astype(np.float32) * scale
    weights = np.array([0.299, 0.587, 0.114], np.float32) * scale
    return pixels.astype(np.float32) @ weights
