"""Gate weave and shake in old film: the whole picture jumping a few pixels from frame to frame
(film riding loose in a worn gate or on torn sprocket holes, a splice, a copy printed
unsteadily, a hand-held camera), while the camera's own slow moves (a pan, a tilt, a tram going
down a street) belong to the film and stay.

How far each frame's picture lies from the frame before it is measured on small, softened
greys: the one shift that most of the picture agrees on (phase correlation), refined to a
fiftieth of a pixel or so by the picture's gradients, leaving out what moves. Chained, these
give where each frame of a shot lies; a frame is moved to where the frames of its shot around
it say it should lie: the middle of their places (as many each side, up to ``REACH``, nearer
frames counting more, the frame itself left out, and a frame that jumped left out too), so a
lone jump is taken out whole and a steady pan is kept; a shot's first and last frames are
steadied with fewer frames, its very first and last not at all. A cut (two frames whose phase
correlation finds no shift they agree on) or a frame too plain to measure ends the frames a
frame is steadied with. The strip a move uncovers at the picture's edge is filled from the
nearest frames of the shot that show it, moved the same way, and mirrored from the frame's own
edge where none does. An interlaced film whose fields are kept has each field moved on its own,
so that no row of one field lands in the other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from engine.video.align import luma
from engine.video.fields import split, woven

REACH = 6  # frames each side that say where a frame should lie
SPREAD = 3.0  # a frame this many frames away counts 60 % of a frame beside it
MEASURE_SIDE = 640  # shifts are measured on greys of this longer side at most,
SOFTENING = 1.5  # softened over this many of their pixels, so that grain does not count
PLAIN = 2.0  # a grey varying less than this many levels (a fade to black) is not measured
LIKENESS = 0.1  # two frames whose phase correlation peaks lower than this are two shots
ROUNDS = 3  # the shift is refined this many times by the frames' gradients
MOTION_LEVELS = 10.0  # differences beyond this (and 4 times the typical) are things moving
STRAY = 3.0  # a pair of frames this many times further than the typical pair from the
STRAY_PIXELS = 1.0  # pairs' median (and this many pixels) has a frame that jumped: left out
UNCHANGED = 0.05  # a frame that would move less than this many pixels stays as it is
FARTHEST_SHARE = 0.08  # a move beyond this share of the frame's height is a mistake: none


@dataclass(frozen=True)
class Footing:
    """What a frame's shift is measured by: its brightness, small and softened."""

    grey: np.ndarray  # float32, at most MEASURE_SIDE
    factor: float  # the grey's size to the frame's

    @property
    def plain(self) -> bool:
        """Too plain to measure (a fade to black, a blank frame)."""
        return float(self.grey.std()) < PLAIN


def footing(pixels: np.ndarray) -> Footing:
    """What a frame's shift is measured by, measured once as the frame is decoded."""
    height, width = pixels.shape[:2]
    factor = min(1.0, MEASURE_SIDE / max(height, width))
    small = pixels
    if factor < 1.0:
        size = (max(1, round(width * factor)), max(1, round(height * factor)))
        small = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)
    return Footing(cv2.GaussianBlur(luma(small), (0, 0), SOFTENING), factor)


def step(before: Footing, after: Footing) -> tuple[float, float] | None:
    """How far (x, y, in the frame's pixels) the picture of ``before`` lies in ``after``;
    None across a cut or where either frame is too plain to tell. Phase correlation finds
    the shift most of the picture agrees on, to a pixel or so (grain blurs its peak); the
    frames' gradients then refine it to a small fraction of a pixel, leaving out what moved."""
    if before.plain or after.plain or before.grey.shape != after.grey.shape:
        return None
    # phaseCorrelate multiplies its inputs by the window in place: it is given copies
    (x, y), peak = cv2.phaseCorrelate(
        before.grey.copy(), after.grey.copy(), _window(before.grey.shape)
    )
    if peak < LIKENESS:
        return None
    x, y = _refined(before.grey, after.grey, x, y)
    return x / before.factor, y / before.factor


@lru_cache(maxsize=4)
def _window(shape: tuple[int, ...]) -> np.ndarray:
    return cv2.createHanningWindow((shape[1], shape[0]), cv2.CV_32F)


def _refined(before: np.ndarray, after: np.ndarray, x: float, y: float) -> tuple[float, float]:
    """The shift (``x``, ``y``) from ``before`` to ``after`` refined by least squares on the
    gradients of ``before`` (Lucas and Kanade's step), over the pixels both show that did not
    move on their own."""
    height, width = before.shape
    down, across = np.gradient(before)
    for _ in range(ROUNDS):
        back = np.float32([[1, 0, -x], [0, 1, -y]])
        moved = cv2.warpAffine(
            after, back, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REFLECT_101
        )
        difference = moved - before
        edge = math.ceil(max(abs(x), abs(y))) + 4
        if 2 * edge >= min(height, width):
            break
        inner = np.s_[edge : height - edge, edge : width - edge]
        change, gx, gy = difference[inner], across[inner], down[inner]
        still = np.abs(change) <= max(4 * float(np.median(np.abs(change))), MOTION_LEVELS)
        change, gx, gy = change[still], gx[still], gy[still]
        normal = np.array([[gx @ gx, gx @ gy], [gx @ gy, gy @ gy]], dtype=np.float64)
        if abs(np.linalg.det(normal)) < 1e-6:
            break
        error = np.linalg.solve(normal, [gx @ change, gy @ change])
        x, y = x - float(error[0]), y - float(error[1])
    return x, y


def places(index: int, steps: Mapping[int, tuple[float, float] | None]) -> dict[int, np.ndarray]:
    """Where the pictures of the frames of ``index``'s shot within ``REACH`` lie, from frame
    ``index``'s (``steps[k]``: ``step`` from frame k - 1 to frame k)."""
    found = {index: np.zeros(2)}
    for direction in (-1, 1):
        here = index
        while abs(here + direction - index) <= REACH:
            later = max(here, here + direction)
            shift = steps.get(later)
            if shift is None:
                break
            found[here + direction] = found[here] + direction * np.asarray(shift)
            here += direction
    return found


def move_of(index: int, found: Mapping[int, np.ndarray]) -> np.ndarray | None:
    """How far to move frame ``index``'s picture: to where the frames around it lie
    (``places``), as many each side. Each pair of frames as far before as after gives the
    middle of their places, which a steady move keeps; their weighted mean (nearer pairs
    counting more) is taken, leaving out pairs far from the others' median, so that a frame
    that jumped (a splice) does not pull its neighbours. None when a cut or the film's end is
    right beside it."""
    side = min(max(k - index for k in found), max(index - k for k in found))
    if side < 1:
        return None
    distances = np.arange(1, side + 1)
    middles = np.stack([(found[index - k] + found[index + k]) / 2 for k in distances])
    weights = np.exp(-0.5 * (distances / SPREAD) ** 2)
    typical = np.array([_weighted_median(middles[:, axis], weights) for axis in (0, 1)])
    apart = np.abs(middles - typical).max(axis=1)
    kept = apart <= max(STRAY * float(np.median(apart)), STRAY_PIXELS)
    return weights[kept] @ middles[kept] / weights[kept].sum()


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    reached = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(reached, reached[-1] / 2)])


def steadied(
    index: int,
    frames: Mapping[int, np.ndarray],
    steps: Mapping[int, tuple[float, float] | None],
    fields: bool = False,
) -> np.ndarray:
    """Frame ``index`` (``frames[index]``, RGB uint8 or uint16) moved to where the frames of its
    shot around it say it should lie, its uncovered edges filled from them (``frames``: those
    decoded around it; ``steps``: ``step`` from frame k - 1 to frame k, by k), each of its
    fields on its own where ``fields`` (an interlaced film whose fields are kept). The same
    array when it needs no move."""
    pixels = frames[index]
    found = places(index, steps)
    move = move_of(index, found)
    height, width = pixels.shape[:2]
    if (
        move is None
        or math.hypot(*move) < UNCHANGED
        or np.abs(move).max() > FARTHEST_SHARE * height
    ):
        return pixels
    moved = _placed(pixels, move, (0, 0, width, height), fields)
    nearest = sorted(
        (k for k in found if k != index and k in frames), key=lambda k: (abs(k - index), k)
    )
    for box in _uncovered(move, width, height):
        x0, y0, x1, y1 = box
        missing = ~_covers(move, box, width, height)
        part = moved[y0:y1, x0:x1]
        for other in nearest:
            if not missing.any():
                break
            shift = move - found[other]
            take = missing & _covers(shift, box, width, height)
            if take.any():
                part[take] = _placed(frames[other], shift, box, fields)[take]
                missing &= ~take
    return moved


def _placed(
    pixels: np.ndarray, shift: np.ndarray, box: tuple[int, int, int, int], fields: bool
) -> np.ndarray:
    """The part ``box`` (x0, y0, x1, y1, ends excluded) of ``pixels`` moved by ``shift``; with
    ``fields``, each field moved on its own (``_fields_placed``)."""
    return _fields_placed(pixels, shift, box) if fields else _warped(pixels, shift, box)


def _fields_placed(
    pixels: np.ndarray, shift: np.ndarray, box: tuple[int, int, int, int]
) -> np.ndarray:
    """The part ``box`` of interlaced ``pixels`` moved by ``shift``, field by field: a move of
    y rows of the frame is one of y / 2 rows of each field (``fields.split``), whose rows stay
    among its own when woven again, whatever y is, so each field keeps its own moment."""
    x0, y0, x1, y1 = box
    first, end = y0 // 2, (y1 + 1) // 2  # the rows of each field that the box's rows are among
    half = np.array([shift[0], shift[1] / 2])
    top, bottom = (_warped(field, half, (x0, first, x1, end)) for field in split(pixels))
    return woven(top, bottom, y1 - 2 * first)[y0 - 2 * first :]


def _warped(pixels: np.ndarray, shift: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The part ``box`` (x0, y0, x1, y1, ends excluded) of ``pixels`` moved by ``shift``."""
    x0, y0, x1, y1 = box
    matrix = np.float32([[1, 0, shift[0] - x0], [0, 1, shift[1] - y0]])
    return cv2.warpAffine(
        pixels,
        matrix,
        (x1 - x0, y1 - y0),
        flags=cv2.INTER_LANCZOS4,
        borderMode=cv2.BORDER_REFLECT_101,
    )


def _covers(
    shift: np.ndarray, box: tuple[int, int, int, int], width: int, height: int
) -> np.ndarray:
    """Where in ``box`` a frame moved by ``shift`` has a picture (bool, the box's shape)."""
    x0, y0, x1, y1 = box
    columns = np.arange(x0, x1)
    rows = np.arange(y0, y1)
    across = (columns >= shift[0]) & (columns <= width - 1 + shift[0])
    down = (rows >= shift[1]) & (rows <= height - 1 + shift[1])
    return down[:, None] & across[None, :]


def _uncovered(move: np.ndarray, width: int, height: int) -> list[tuple[int, int, int, int]]:
    """The bands along the edges that a frame moved by ``move`` leaves without a picture."""
    bands = []
    across = min(width, math.ceil(abs(move[0])))
    down = min(height, math.ceil(abs(move[1])))
    if across:
        bands.append((0, 0, across, height) if move[0] > 0 else (width - across, 0, width, height))
    if down:
        bands.append((0, 0, width, down) if move[1] > 0 else (0, height - down, width, height))
    return bands
