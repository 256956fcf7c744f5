"""Finding dust, specks and hairlines on a scanned print, to be filled before restoring.

A speck of dust or a small scratch on a print or its scan is a few pixels that differ sharply
from a flat surround: a median of the picture over a window a little wider than such marks
takes them away, and what it took is looked at. A candidate is kept where it stands out from
the local texture, is small (or thin, for a hairline), stands out from a ring of picture just
around it by several times that ring's own spread (so an eye, a tooth, a letter or the edge of
a thing, whose surround is not flat, is left alone), and lies among few other candidates (so
gravel, foliage and print grain are left alone). Two more things a median cannot tell from
dust are told apart: a mark evenly spaced along a line with two others alike it (a row of
buttons, of rivets, of a digit's segments) is the picture's own, as dust falls at random; so
is a light mark whose core has a colour of its own, not the surround's paled towards white or
grey (the orange date a camera prints, a yellow ornament), as light dust on a print is white
or grey. Dark specks are not judged by colour: grit and fibres darker than the print are as
often brown, red or blue. What a median still cannot tell from dust is a small, lone, white
thing on a dark ground that belongs to the picture (a buckle, a hair clip, a catchlight, a
star): the marks are shown for review before they are filled, in the app.
"""

from __future__ import annotations

from dataclasses import dataclass

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
ALIKE_SIZE = 1.5
"""Alike candidates differ from the picture on the same side, their boxes' widths and heights
and their areas by at most this factor,"""
ALIKE_STEP = 1.5
"""and their mean steps from the median by at most this factor."""
GROUP_REACH = 4.0
"""Alike candidates are near where their centres are at most this many times the shorter one's
length (its box's longer side) apart."""
EVENLY = 0.2
"""Three candidates are evenly spaced along a line where the middle one lies within this
share of half the gap between the outer ones from their midpoint."""
TINT_STEP = 15.0
"""A light mark whose core's colour lies this many levels of 255 away from every mix of the
ring's colour with white has a colour of its own."""


def find_spots(pixels: np.ndarray) -> np.ndarray:
    """Where ``pixels`` (HxW or HxWx3 RGB, uint8 or uint16) shows dust, specks or hairlines:
    an HxW uint8 mask, 255 there and 0 elsewhere."""
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
    kin = _Kin.of(labels, stats, centres, away)
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
        if _stands_out(soft[box], mark) and not _the_pictures_own(
            kin, label, pixels[box], luma[box], mark
        ):
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


def _the_pictures_own(
    kin: _Kin, label: int, pixels: np.ndarray, luma: np.ndarray, mark: np.ndarray
) -> bool:
    """Whether a candidate that stands out like dust belongs to the picture: it lies in a row
    of alike ones, or it is light and of a colour of its own."""
    return kin.in_a_row(label) or (kin.steps[label] > 0 and _tinted(pixels, luma, mark))


@dataclass(frozen=True)
class _Kin:
    """What tells the candidates apart, by label: their centres (x, y), sizes (the width and
    height of their boxes, and their areas) and mean steps from the median (signed)."""

    centres: np.ndarray
    sizes: np.ndarray
    steps: np.ndarray

    @classmethod
    def of(
        cls, labels: np.ndarray, stats: np.ndarray, centres: np.ndarray, away: np.ndarray
    ) -> _Kin:
        """The candidates found by ``connectedComponentsWithStats``, their steps read from
        ``away`` (the picture less its median)."""
        sizes = stats[:, [cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT, cv2.CC_STAT_AREA]]
        inside = labels > 0  # candidates cover few pixels: summing theirs alone is quicker
        sums = np.bincount(labels[inside], away[inside], len(stats))
        return cls(centres, sizes.astype(np.float64), sums / np.maximum(sizes[:, 2], 1))

    def in_a_row(self, label: int) -> bool:
        """Whether ``label`` and two other candidates alike it are evenly spaced along a line
        (each alike the one before, so a row of buttons or of a digit's segments is found
        from its ends too): dust falls at random."""
        near = self._alike_near(label)
        for other in near:
            thirds = np.setdiff1d(np.union1d(near, self._alike_near(other)), [label, other])
            if self._evenly_spaced(label, other, thirds):
                return True
        return False

    def _alike_near(self, label: int) -> np.ndarray:
        """The other candidates (not the background, label 0) alike ``label`` and near it."""
        apart = np.hypot(*(self.centres - self.centres[label]).T)
        length = np.max(self.sizes[:, :2], axis=1)
        alike = (
            _within(self.sizes, self.sizes[label], ALIKE_SIZE).all(axis=1)
            & _within(self.steps, self.steps[label], ALIKE_STEP)
            & (apart <= GROUP_REACH * np.minimum(length, length[label]))
        )
        alike[[0, label]] = False
        return np.flatnonzero(alike)

    def _evenly_spaced(self, first: int, second: int, thirds: np.ndarray) -> bool:
        """Whether one of ``first``, ``second`` and a third lies midway between the others."""
        a, b, c = self.centres[first], self.centres[second], self.centres[thirds]
        for ends, middle in (((a, b), c), ((a, c), b), ((b, c), a)):
            gap = np.hypot(*(ends[0] - ends[1]).T)
            off = np.hypot(*((ends[0] + ends[1]) / 2 - middle).T)
            if np.any(off <= EVENLY * gap / 2):
                return True
        return False


def _within(values: np.ndarray, value: np.ndarray | float, factor: float) -> np.ndarray:
    """Where ``values`` lie on the same side of zero as ``value`` and within ``factor`` of it."""
    return (
        (values * value > 0)
        & (np.abs(values) <= factor * np.abs(value))
        & (np.abs(value) <= factor * np.abs(values))
    )


def _ring(mark: np.ndarray) -> np.ndarray:
    """The pixels (a boolean mask) from one to RING pixels beyond ``mark``."""
    outer = cv2.dilate(mark, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * RING + 1,) * 2))
    inner = cv2.dilate(mark, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    return (outer > 0) & (inner == 0)


def _stands_out(soft: np.ndarray, mark: np.ndarray) -> bool:
    """Whether the marked pixels of ``soft`` differ from the ring around them by more than the
    least step and several times the ring's spread (a flat surround, unlike an edge's: the
    spread is read between the ring's 10th and 90th percentiles, which an edge through the
    ring widens however little of it is on one side)."""
    ring = soft[_ring(mark)]
    if ring.size < 8:
        return False
    low, middle, high = np.percentile(ring, [10, 50, 90])
    spread = float(high - low) / SPREAD_OF_DECILES + 1.0
    inside = soft[mark > 0]
    tiny = inside.size <= 4  # a speck of a few pixels: its strongest pixel speaks for it
    step = float(np.max(np.abs(inside - middle)) if tiny else abs(np.median(inside) - middle))
    return step >= LEAST_STEP and step >= RING_STEPS * spread


def _tinted(pixels: np.ndarray, luma: np.ndarray, mark: np.ndarray) -> bool:
    """Whether the core of ``mark`` (its pixels a pixel inside its edge, where a blur and
    JPEG's half-size colour mix in less of the surround's) has a colour that no mix of the
    ring's colour with white or grey makes: mixed, a colour pales along the line to grey."""
    core = cv2.erode(mark, np.ones((3, 3), np.uint8)) > 0
    if pixels.ndim == 2 or not core.any():
        return False
    scale = 255.0 / float(np.iinfo(pixels.dtype).max)
    tints = pixels.astype(np.float32) * scale - luma[..., None]  # each colour less its grey
    inside = tints[core].mean(axis=0)
    around = np.median(tints[_ring(mark)], axis=0)
    share = np.clip(inside @ around / max(float(around @ around), 1e-6), 0.0, 1.0)
    return float(np.linalg.norm(inside - share * around)) >= TINT_STEP


def _luma(pixels: np.ndarray) -> np.ndarray:
    """The picture's brightness in levels of 255, as float32."""
    scale = 255.0 / float(np.iinfo(pixels.dtype).max)
    if pixels.ndim == 2:
        return pixels.astype(np.float32) * scale
    weights = np.array([0.299, 0.587, 0.114], np.float32) * scale
    return pixels.astype(np.float32) @ weights
