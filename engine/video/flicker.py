"""Flicker in old film: frames of one shot exposed brighter or darker than the frames around
them, all over or more on one side (a hand-cranked camera, a printer's lamp, uneven
developing).

Each frame's brightness is taken on a small map; the frames around it (``REACH`` each side,
as many before as after) that belong to the same shot give a steady brightness, their median
map, and the frame is brought to it by a gain that varies smoothly across the picture (a
plane fitted to the ratio of the two maps, so that a dark coat walking across the picture
does not make a bright patch follow it). A cut to another shot, told by maps that no longer
look alike, ends the frames a frame is steadied with, so a shot's brightness never leaks into
the next; the frames right at a cut or at the film's ends are steadied with fewer frames, and
the very first and last not at all.
"""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np

from engine.video.align import luma

REACH = 3  # frames each side that a frame's brightness is steadied with
MAP_SHARE = 1 / 16  # brightness is compared on a map this share of the frame's sides,
MAP_CELLS = 24  # with at least this many cells on its shorter side
MAP_SMOOTHING = 1.0  # and smoothed over this many of its cells
LIKENESS = 0.5  # frames whose maps correlate less than this are two shots
DARK_LEVELS = 4.0  # added to both maps before dividing, so black stays black
KEEP_SHARE = 0.1  # cells whose log ratio strays further than this from the plane are motion
GAINS = (0.67, 1.5)  # a frame is made at most this much darker or brighter
UNCHANGED = 0.005  # a gain closer to 1 than this everywhere leaves the frame as it is


def brightness_map(pixels: np.ndarray) -> np.ndarray:
    """A frame's brightness (8-bit levels, float32) on a small, smooth map."""
    height, width = pixels.shape[:2]
    share = min(1.0, max(MAP_SHARE, MAP_CELLS / min(height, width)))
    size = (round(width * share), round(height * share))
    small = luma(cv2.resize(pixels, size, interpolation=cv2.INTER_AREA))
    return cv2.GaussianBlur(small, (0, 0), MAP_SMOOTHING)


def same_shot(one: np.ndarray, other: np.ndarray) -> bool:
    """Whether two frames' maps look alike (flicker changes their level, not their pattern)."""
    a, b = one - one.mean(), other - other.mean()
    spread = float(np.sqrt((a * a).sum() * (b * b).sum()))
    if spread < 1e-6:
        return abs(float(one.mean()) - float(other.mean())) < 64  # flat frames: alike unless far
    return float((a * b).sum()) / spread >= LIKENESS


def shot_around(index: int, maps: Mapping[int, np.ndarray]) -> list[int]:
    """The frames in ``maps`` around ``index`` in its shot, as many each side (up to
    ``REACH``): outward until a cut, a film's end or the reach, then the longer side cut to
    the shorter, so that a fade or a pan is not evened toward one side."""
    reached = []
    for step in (-1, 1):
        here = index
        while abs(here + step - index) <= REACH and here + step in maps:
            if not same_shot(maps[here], maps[here + step]):
                break
            here += step
        reached.append(abs(here - index))
    side = min(reached)
    return list(range(index - side, index + side + 1))


def _gain(own: np.ndarray, steady: np.ndarray) -> tuple[float, float, float] | None:
    """The plane ``log gain = a + b x + c y`` (x and y from -1 to 1 across the map) that best
    brings ``own`` to ``steady``: fitted to every cell, then again without the cells it fits
    worst (where something moved); None if too few cells are left to tell."""
    ratio = np.log((steady + DARK_LEVELS) / (own + DARK_LEVELS))
    rows, columns = ratio.shape
    y, x = np.mgrid[-1 : 1 : rows * 1j, -1 : 1 : columns * 1j]
    terms = np.stack([np.ones_like(x), x, y], axis=-1).reshape(-1, 3)
    values = ratio.reshape(-1)
    keep = np.ones(values.shape, bool)
    for _ in range(2):
        if keep.sum() < 3:
            return None
        solution, *_ = np.linalg.lstsq(terms[keep], values[keep], rcond=None)
        keep = np.abs(terms @ solution - values) < KEEP_SHARE
    return float(solution[0]), float(solution[1]), float(solution[2])


def steady(pixels: np.ndarray, index: int, maps: Mapping[int, np.ndarray]) -> np.ndarray:
    """Frame ``index``'s ``pixels`` at the brightness of the frames of its shot around it
    (``maps``: ``brightness_map`` of frame ``index`` and of those beside it); the same array
    when it needs no change."""
    members = shot_around(index, maps)
    if len(members) < 2:
        return pixels
    target = np.median(np.stack([maps[member] for member in members]), axis=0)
    plane = _gain(maps[index], target)
    if plane is None:
        return pixels
    a, b, c = plane
    height, width = pixels.shape[:2]
    across = np.exp(b * np.linspace(-1, 1, width, dtype=np.float32))
    down = np.exp(c * np.linspace(-1, 1, height, dtype=np.float32))
    gain = np.clip(np.exp(a) * down[:, None] * across[None, :], *GAINS)
    if np.abs(gain - 1).max() < UNCHANGED:
        return pixels
    top = np.iinfo(pixels.dtype).max
    evened = pixels.astype(np.float32) * gain[..., None]
    return np.clip(np.rint(evened), 0, top).astype(pixels.dtype)
