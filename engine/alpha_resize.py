"""Resizing a picture's alpha, one axis at a time: averaged by area along an axis that shrinks
(as the colour is), so a thin opaque line keeps its share of coverage instead of falling
between samples; bicubic along an axis that grows, each value kept between its two nearest
source values, so an edge between two opacities does not ring past them (a faint halo or a
see-through seam). The result's grid is the whole picture's, so a part of it
(``window``) is the same part of the whole alpha resized."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.pixels import bands, peak

CUBIC_A = -0.75
"""The bicubic kernel's sharpness, OpenCV's (``cv2.INTER_CUBIC``)."""
NEAREST_TAPS = (1, 2)
"""The bicubic taps of the two source pixels an output pixel lies between."""


def resized_alpha(
    alpha: np.ndarray, size: tuple[int, int], window: tuple[int, int, int, int] | None = None
) -> np.ndarray:
    """``alpha`` (HxW, 8 or 16 bits) resized to ``size`` (width, height), or only the
    ``window`` (x, y, width, height) of it, in bands of rows (a 4x result's alpha, in floats
    whole, would take gigabytes)."""
    height, width = alpha.shape
    x, y, columns, rows = window or (0, 0, *size)
    across = _taps(x, columns, width, size[0])
    down = _taps(y, rows, height, size[1])
    out = np.empty((rows, columns), alpha.dtype)
    for band in bands(out):
        source, taps = down.of_rows(band)
        widened = across.apply(alpha[source].astype(np.float32), axis=1)
        out[band] = rounded(taps.apply(widened, axis=0), alpha.dtype)
    return out


def rounded(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Float ``values`` rounded to the levels of ``dtype`` (uint8 or uint16)."""
    return np.rint(values).clip(0, peak(dtype)).astype(dtype)


@dataclass(frozen=True)
class _Taps:
    """Of a run of output pixels along one axis: the source pixels each one weighs
    (``index``, one row per output pixel) and their ``weights``; ``bounded``: each kept
    between its two nearest source pixels (``NEAREST_TAPS``), as bicubic weights overshoot."""

    index: np.ndarray
    weights: np.ndarray
    bounded: bool

    def of_rows(self, rows: slice) -> tuple[slice, _Taps]:
        """The source pixels that output pixels ``rows`` weigh, and their taps counted from
        the first of those."""
        index = self.index[rows]
        first = int(index.min())
        return slice(first, int(index.max()) + 1), _Taps(
            index - first, self.weights[rows], self.bounded
        )

    def apply(self, pixels: np.ndarray, axis: int) -> np.ndarray:
        """Float ``pixels`` resampled along ``axis``."""
        total = weighted_along(pixels, axis, self.index, self.weights)
        if not self.bounded:
            return total
        near = [np.take(pixels, self.index[:, tap], axis=axis) for tap in NEAREST_TAPS]
        return np.clip(total, np.minimum(*near), np.maximum(*near))


def _taps(start: int, count: int, source: int, out: int) -> _Taps:
    """The taps of output pixels ``start`` to ``start + count`` of a line of ``source``
    pixels resized to ``out``: by area where it shrinks, bicubic where it grows."""
    if out < source:
        return _Taps(*area_taps(start, count, source, out), bounded=False)
    return _Taps(*_cubic_taps(start, count, source, out), bounded=True)


def _cubic_taps(start: int, count: int, source: int, out: int) -> tuple[np.ndarray, np.ndarray]:
    """Bicubic taps as ``cv2.resize`` places them (pixel centres aligned, the edge pixels
    repeated beyond the edges)."""
    position = (start + np.arange(count) + 0.5) * source / out - 0.5
    left = np.floor(position)
    t = (position - left)[:, None]
    index = (left.astype(np.int64)[:, None] + np.arange(-1, 3)).clip(0, source - 1)
    distance = np.abs(np.arange(-1, 3) - t)
    near = ((CUBIC_A + 2) * distance - (CUBIC_A + 3)) * distance**2 + 1
    far = ((distance - 5) * distance + 8) * distance * CUBIC_A - 4 * CUBIC_A
    weights = np.where(distance <= 1, near, far).astype(np.float32)
    return index, weights


def area_taps(
    start: int, count: int, enlarged: int, reduced: int, offset: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Of output pixels ``start`` to ``start + count`` of a line of ``enlarged`` pixels
    reduced to ``reduced`` by area (as ``cv2.INTER_AREA``): the enlarged pixels each one
    averages (indices from ``offset``), and their weights, each one's share of the output
    pixel it falls in."""
    ratio = enlarged / reduced
    edges = (start + np.arange(count + 1)) * enlarged / reduced
    index = np.floor(edges[:-1]).astype(np.int64)[:, None] + np.arange(math.ceil(ratio) + 1)
    covered = np.minimum(edges[1:, None], index + 1) - np.maximum(edges[:-1, None], index)
    weights = (covered.clip(0) / ratio).astype(np.float32)
    return index - offset, weights


def weighted_along(
    pixels: np.ndarray, axis: int, index: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """``pixels`` resampled along ``axis``: each output pixel the sum of the pixels at its
    ``index`` times their ``weights`` (a tap of no weight may lie past the end)."""
    last = pixels.shape[axis] - 1
    spread = (-1,) + (1,) * (pixels.ndim - axis - 1)
    total = np.zeros(1, np.float32)
    for tap in range(index.shape[1]):
        taken = np.take(pixels, index[:, tap].clip(0, last), axis=axis)
        total = total + taken * weights[:, tap].reshape(spread)
    return total
