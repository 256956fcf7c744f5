"""Resizing a picture's alpha, one axis at a time: averaged by area along an axis that shrinks
(as the colour is), so a thin opaque line keeps its share of coverage instead of falling
between samples; bicubic along an axis that grows, each value kept between its two nearest
source values, so an edge between two opacities does not ring past them (a faint halo or a
see-through seam). The result's grid is the whole picture's, so a part of it
(``window``) is the same part of the whole alpha resized, bit for bit.

Across, source rows are resized by OpenCV (``cv2.resize``, in floats) in blocks that a part
and the whole share, each block with the rows below it its result rows weigh: OpenCV's result
for a row differs in its last bits with the rows resized with it (the first row and the last
two come out as at an edge). Down, each run of result rows that weighs the same source rows
is summed from those rows, where OpenCV resizing a band of rows would lay the band's own
grid."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import cv2
import numpy as np

from engine.pixels import peak

CUBIC_A = -0.75
"""The bicubic kernel's sharpness, OpenCV's (``cv2.INTER_CUBIC``)."""
NEAREST_TAPS = (1, 2)
"""The bicubic taps of the two source pixels an output pixel lies between."""
BLOCK_VALUES = 1 << 20
"""About the floats a block of source rows resized across holds (a 4x result's alpha, in
floats whole, would take gigabytes)."""
RUN_VALUES = 1 << 18
"""Floats of result rows summed down at a time, at most (but for a row wider): few enough to
stay in the processor's cache, and a short alpha made tall is not summed whole."""


def resized_alpha(
    alpha: np.ndarray, size: tuple[int, int], window: tuple[int, int, int, int] | None = None
) -> np.ndarray:
    """``alpha`` (HxW, 8 or 16 bits) resized to ``size`` (width, height), or only the
    ``window`` (x, y, width, height) of it, in bands of rows: those whose first source row
    lies in one block of source rows, resized across with the rows below it they weigh."""
    x, y, columns, rows = window or (0, 0, *size)
    down = _taps(y, rows, alpha.shape[0], size[1])
    block = max(1, BLOCK_VALUES // size[0])
    reach = block + down.index.shape[1] - 1
    firsts = down.index[:, 0]
    out = np.empty((rows, columns), alpha.dtype)
    for top in np.unique(firsts - firsts % block).tolist():
        band = slice(*np.searchsorted(firsts, (top, top + block)).tolist())
        widened = _widened(alpha[top : top + reach], size[0], x, columns)
        _resize_down(widened, down.of_rows(band, top), out[band])
    return out


def rounded(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Float ``values`` rounded to the levels of ``dtype`` (uint8 or uint16)."""
    return np.rint(values).clip(0, peak(dtype)).astype(dtype)


def _widened(rows: np.ndarray, width: int, x: int, columns: int) -> np.ndarray:
    """Float columns ``x`` to ``x + columns`` of source ``rows`` resized across to ``width``
    by OpenCV, where it grows each kept between the two source pixels it lies between (the
    lower and the higher of each pair, repeated over the columns between them: faster than
    taking two pixels for each column)."""
    pixels = rows.astype(np.float32)
    count, source = pixels.shape
    if width < source:
        return cv2.resize(pixels, (width, count), interpolation=cv2.INTER_AREA)[:, x : x + columns]
    resized = cv2.resize(pixels, (width, count), interpolation=cv2.INTER_CUBIC)[:, x : x + columns]
    edged = np.concatenate([pixels[:, :1], pixels, pixels[:, -1:]], axis=1)
    left, right = edged[:, :-1], edged[:, 1:]  # pair i: source pixels i - 1 and i
    pair = np.floor(_positions(x, columns, source, width)).astype(np.int64) + 1
    between = np.bincount(pair, minlength=source + 1)
    low = np.repeat(np.minimum(left, right), between, axis=1)
    return _kept_within(resized, low, np.repeat(np.maximum(left, right), between, axis=1))


def _resize_down(widened: np.ndarray, taps: _Taps, out: np.ndarray) -> None:
    """``out`` (integer levels) filled with ``widened`` resampled down by ``taps``, a run of
    rows that weigh the same rows of ``widened`` at a time (``RUN_VALUES`` at most): each
    row's weights times those rows, summed tap by tap."""
    runs = _runs(taps.index, max(1, RUN_VALUES // widened.shape[1]))
    total = np.empty((max(stop - start for start, stop in runs), widened.shape[1]), np.float32)
    term = np.empty_like(total)
    for start, stop in runs:
        source, weights = taps.index[start], taps.weights[start:stop]
        run, product = total[: stop - start], term[: stop - start]
        np.multiply.outer(weights[:, 0], widened[source[0]], out=run)
        for tap in range(1, len(source)):
            run += np.multiply.outer(weights[:, tap], widened[source[tap]], out=product)
        if taps.bounded:
            first, second = (widened[source[tap]] for tap in NEAREST_TAPS)
            _kept_within(run, np.minimum(first, second), np.maximum(first, second))
        out[start:stop] = np.rint(run, out=run)


def _runs(index: np.ndarray, longest: int) -> list[tuple[int, int]]:
    """(start, stop) of each run of equal rows of ``index``, cut every ``longest`` rows."""
    changes = np.flatnonzero((index[1:] != index[:-1]).any(axis=1)) + 1
    edges = np.union1d(changes, np.arange(0, len(index), longest))
    return list(itertools.pairwise([*edges.tolist(), len(index)]))


def _kept_within(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Float ``values``, each kept within ``low`` and ``high`` (broadcast), in place."""
    np.maximum(values, low, out=values)
    return np.minimum(values, high, out=values)


@dataclass(frozen=True)
class _Taps:
    """Of a run of output pixels along one axis: the source pixels each one weighs
    (``index``, one row per output pixel, all within the source) and their ``weights``;
    ``bounded``: each kept between its two nearest source pixels (``NEAREST_TAPS``), as
    bicubic weights overshoot."""

    index: np.ndarray
    weights: np.ndarray
    bounded: bool

    def of_rows(self, rows: slice, first: int) -> _Taps:
        """The taps of output pixels ``rows``, counted from source pixel ``first``."""
        return _Taps(self.index[rows] - first, self.weights[rows], self.bounded)


def _taps(start: int, count: int, source: int, out: int) -> _Taps:
    """The taps of output pixels ``start`` to ``start + count`` of a line of ``source``
    pixels resized to ``out``: by area where it shrinks, bicubic where it grows."""
    if out < source:
        index, weights = area_taps(start, count, source, out)
        return _Taps(index.clip(0, source - 1), weights, bounded=False)
    return _Taps(*_cubic_taps(start, count, source, out), bounded=True)


def _cubic_taps(start: int, count: int, source: int, out: int) -> tuple[np.ndarray, np.ndarray]:
    """Bicubic taps as ``cv2.resize`` places them (pixel centres aligned, the edge pixels
    repeated beyond the edges)."""
    position = _positions(start, count, source, out)
    left = np.floor(position)
    t = (position - left)[:, None]
    index = (left.astype(np.int64)[:, None] + np.arange(-1, 3)).clip(0, source - 1)
    distance = np.abs(np.arange(-1, 3) - t)
    near = ((CUBIC_A + 2) * distance - (CUBIC_A + 3)) * distance**2 + 1
    far = ((distance - 5) * distance + 8) * distance * CUBIC_A - 4 * CUBIC_A
    weights = np.where(distance <= 1, near, far).astype(np.float32)
    return index, weights


def _positions(start: int, count: int, source: int, out: int) -> np.ndarray:
    """Where output pixels ``start`` to ``start + count`` of a line of ``source`` pixels
    resized to ``out`` lie among the source pixels, as ``cv2.resize`` places them (pixel
    centres aligned)."""
    return (start + np.arange(count) + 0.5) * source / out - 0.5


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
