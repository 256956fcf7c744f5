"""Flicker in old film: frames of one shot exposed brighter or darker than the frames around
them, all over or more on one side (a hand-cranked camera, a printer's lamp, uneven
developing).

Each frame's brightness is taken on a small map; the frames around it that belong to the same
shot give a steady brightness, their median map, and the frame is brought to it by a gain that
varies smoothly across the picture (a plane fitted to the ratio of the two maps, so that a dark
coat walking across the picture does not make a bright patch follow it). A picture held over
several frames counts once. A cut to another shot, told by maps that no longer look alike,
ends the frames a frame is steadied with, so a shot's brightness never leaks into the next.
Mid-shot a frame is steadied with ``SIDE`` frames each side, as many before as after, so that a
fade or a pan is not evened toward one side. Near a cut or the film's ends, where camera
start-up and splice flashes are, it is compared with as many frames of its shot, most of them
on its one full side, each brought along the shot's trend of brightness (a line fitted to
their levels, robust to a flash among them) to where that trend is at the frame, and takes the
median of the gains they ask for: a flash is outvoted, a fade is followed.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import cv2
import numpy as np

from engine.video.align import luma

SIDE = 3  # frames each side that a frame mid-shot is steadied with
WINDOW = 2 * SIDE + 1  # frames of its shot a frame is steadied with, itself included
REACH = WINDOW - 1  # frames each side whose maps steadying a frame may use (at a shot's edge)
MAP_SHARE = 1 / 16  # brightness is compared on a map this share of the frame's sides,
MAP_CELLS = 24  # with at least this many cells on its shorter side
MAP_SMOOTHING = 1.0  # and smoothed over this many of its cells
LIKENESS = 0.5  # frames whose maps correlate less than this are two shots
DARK_LEVELS = 4.0  # added to both maps before dividing, so black stays black
KEEP_SHARE = 0.1  # cells whose log ratio strays further than this from the plane are motion
GAINS = (0.67, 1.5)  # a frame is made at most this much darker or brighter
UNCHANGED = 0.005  # a gain closer to 1 than this everywhere leaves the frame as it is,
EDGE_UNCHANGED = 0.02  # or this, near a cut or a film's end, where the frames it is compared
# with lie further off (in time and, in a pan, in content): a small difference is theirs
FADE_FIT = 0.5  # a line must fit a shot's levels this much more closely than one level: a fade
HELD = 0.5  # maps of neighbouring frames closer than this (mean levels) show one held picture


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


def shot_reach(index: int, maps: Mapping[int, np.ndarray], step: int) -> int:
    """How many frames of ``index``'s shot ``maps`` holds in direction ``step`` (up to
    ``REACH``): outward until a cut, a film's end or the reach."""
    here = index
    while abs(here + step - index) <= REACH and here + step in maps:
        if not same_shot(maps[here], maps[here + step]):
            break
        here += step
    return abs(here - index)


def shot_around(index: int, maps: Mapping[int, np.ndarray]) -> list[int]:
    """The frames in ``maps`` of ``index``'s shot that it is steadied with: ``SIDE`` each side
    mid-shot; near a cut or a film's end, the ``WINDOW`` frames of its shot nearest it (all of
    the shot's when it is shorter), so that a flash at a shot's edge is outvoted as one
    mid-shot is."""
    before, after = (shot_reach(index, maps, step) for step in (-1, 1))
    start = max(index - before, min(index - SIDE, index + after - REACH))
    return list(range(start, min(start + REACH, index + after) + 1))


def _centred(index: int, members: list[int]) -> bool:
    """Whether ``members`` lie as many each side of ``index``."""
    return members[0] + members[-1] == 2 * index


def _pictures(members: list[int], maps: Mapping[int, np.ndarray]) -> list[int]:
    """``members`` less each frame that shows the picture of the one before it again (a held
    frame), so that a held flash counts once."""
    kept = members[:1]
    for before, member in pairwise(members):
        if np.abs(maps[member] - maps[before]).mean() >= HELD:
            kept.append(member)
    return kept


def _trend(levels: np.ndarray, offsets: np.ndarray) -> tuple[float, float]:
    """The line ``level = at + slope * offset`` through ``levels`` by repeated medians (each
    point's median slope to the others, then the median of those): a flash among them, even
    at the end the line is read at, does not tilt it. Unless the line fits the levels clearly
    more closely than one steady level does (a fade), flicker alone tilted it: the steady
    level, their median, is taken instead."""
    rise = levels[None, :] - levels[:, None]
    run = offsets[None, :] - offsets[:, None]
    others = ~np.eye(len(levels), dtype=bool)
    slopes = np.where(others, rise / np.where(others, run, 1), np.nan)
    slope = float(np.median(np.nanmedian(slopes, axis=1)))
    at = float(np.median(levels - slope * offsets))
    steady = float(np.median(levels))
    line_misfit = np.median(np.abs(levels - at - slope * offsets))
    if line_misfit < FADE_FIT * np.median(np.abs(levels - steady)):
        return at, slope
    return steady, 0.0


def _along_trend(pictures: list[int], index: int, maps: Mapping[int, np.ndarray]) -> np.ndarray:
    """For each of ``pictures``, the log of the gain that brings its level along its shot's
    trend (``_trend`` of their mean levels) to where the trend is at frame ``index``."""
    offsets = np.array(pictures, np.float64) - index
    levels = np.array([float(maps[picture].mean()) for picture in pictures])
    at, slope = _trend(levels, offsets)
    along = np.maximum(at + slope * offsets, 0) + DARK_LEVELS
    return np.log((max(at, 0) + DARK_LEVELS) / along)


def _plane(
    index: int, members: list[int], maps: Mapping[int, np.ndarray]
) -> tuple[float, float, float] | None:
    """The gain plane (``_gain``) that brings frame ``index`` to the steady brightness of
    ``members`` (held frames counted once). Around a frame with as many of them each side,
    that is their median map, where a steady trend is at the frame. With more on one side,
    where the frames' content lies further from the frame's own, each is compared with the
    frame alone, brought along the shot's trend, and the median of those planes is taken."""
    pictures = _pictures(members, maps)
    own = maps[index]
    if _centred(index, members):
        return _gain(own, np.median(np.stack([maps[picture] for picture in pictures]), axis=0))
    planes = [
        (plane[0] + float(trend), plane[1], plane[2])
        for picture, trend in zip(pictures, _along_trend(pictures, index, maps), strict=True)
        if (plane := _gain(own, maps[picture])) is not None
    ]
    if not planes:
        return None
    a, b, c = np.median(np.array(planes), axis=0)
    return float(a), float(b), float(c)


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
    plane = _plane(index, members, maps)
    if plane is None:
        return pixels
    a, b, c = plane
    height, width = pixels.shape[:2]
    across = np.exp(b * np.linspace(-1, 1, width, dtype=np.float32))
    down = np.exp(c * np.linspace(-1, 1, height, dtype=np.float32))
    gain = np.clip(np.exp(a) * down[:, None] * across[None, :], *GAINS)
    if np.abs(gain - 1).max() < (UNCHANGED if _centred(index, members) else EDGE_UNCHANGED):
        return pixels
    top = np.iinfo(pixels.dtype).max
    evened = pixels.astype(np.float32) * gain[..., None]
    return np.clip(np.rint(evened), 0, top).astype(pixels.dtype)
