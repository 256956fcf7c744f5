"""Dust and dirt on film: spots that one frame shows and the frames beside it do not.

A speck of dust or dirt on a print, or a spot where the emulsion came away, lies on one frame
only; the picture under it is in the frames before and after. Each frame's two nearest
neighbours are aligned to it by optical flow, and a spot is taken for dirt where the frame is
brighter (or darker) than both by more than the grain and any flicker explain, while the two
agree with each other and the frame around the spot lines up well with them (so that a place
where the flow lost track of the picture is not taken for dirt). Such spots are filled from
the aligned neighbours, at the frame's own exposure, with a soft edge. Scratches that stay in
one place over many frames are beyond it, and so is a small thing that moves too fast for the
flow to follow (a ball in flight may be taken for dirt).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

FLOW_SIDE = 960
"""Optical flow runs on the frame shrunk to this longer side at most: the alignment it gives
is good enough to compare with, and a 4K frame costs no more than a small one."""
LEVELS = 255.0  # the thresholds below are in levels of 8 bits, whatever the film's depth
LEAST_STEP = 14.0  # a spot must differ from both neighbours by at least this many levels...
GRAIN_STEPS = 4.0  # ...and by at least this many times the grain's standard deviation
EDGE_SHARE = 0.5  # the spot's soft edge: same sign, this share of the threshold
AGREEMENT = 0.5  # the neighbours differ from each other by less than this share of the step
RING_PIXELS = 4  # the frame around a spot that must line up with the neighbours...
RING_MISFIT = 0.25  # ...of which at most this share may differ from them by more than
RING_LEAST = 8.0  # this many levels or
RING_GRAIN = 2.5  # this many times the grain's standard deviation, whichever is more
LARGEST_SHARE = 0.01  # a spot covers at most this share of the frame: larger is motion
SMALLEST_SHARE = 3 / (640 * 480)  # and at least this share, and three pixels
SMOOTHING = 1 / 480  # grain is averaged over this share of the height (a pixel at least)
FLICKER_SPAN = 16 / 480  # brightness that differs over this share of the height is flicker
BORDER_SHARE = 8 / 480  # no dirt is looked for this near the picture's edges, where the flow
# is least sure and the film's frame line shows
SPOT_MARGIN = 1 / 480  # a spot's repair reaches this share of the frame's height beyond it


@dataclass(frozen=True)
class Cleaned:
    pixels: np.ndarray  # the frame with its dirt filled in, in its own dtype
    spots: int  # how many spots were filled


def _luma(pixels: np.ndarray, depth: np.dtype) -> np.ndarray:
    """Brightness in 8-bit levels (float32) of RGB ``pixels`` whose range is ``depth``'s
    (uint8 or uint16), whether they are still of that type or float32 already."""
    weights = np.array([0.299, 0.587, 0.114], np.float32)
    if depth == np.uint16:
        weights /= 257.0
    return pixels.astype(np.float32, copy=False) @ weights


def _shrunk(luma: np.ndarray, factor: float) -> np.ndarray:
    """8-bit grey at ``factor`` of the size, for the optical flow."""
    if factor != 1.0:
        height, width = luma.shape
        size = (max(1, round(width * factor)), max(1, round(height * factor)))
        luma = cv2.resize(luma, size, interpolation=cv2.INTER_AREA)
    return np.clip(luma + 0.5, 0, LEVELS).astype(np.uint8)


def _aligned(
    neighbour: np.ndarray, frame_gray: np.ndarray, neighbour_gray: np.ndarray, factor: float
) -> tuple[np.ndarray, np.ndarray]:
    """``neighbour``'s pixels moved onto the frame (in its own dtype), and where they came from
    inside the picture (bool): flow from the frame to the neighbour, found on the shrunk
    greys."""
    flow = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM).calc(
        frame_gray, neighbour_gray, None
    )
    height, width = neighbour.shape[:2]
    if factor != 1.0:
        flow = cv2.resize(flow, (width, height), interpolation=cv2.INTER_LINEAR) / factor
    columns, rows = np.meshgrid(
        np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32)
    )
    map_x, map_y = columns + flow[..., 0], rows + flow[..., 1]
    inside = (map_x >= 0) & (map_x <= width - 1) & (map_y >= 0) & (map_y <= height - 1)
    moved = cv2.remap(
        neighbour,
        map_x,
        map_y,
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return moved, inside


def _flicker(difference: np.ndarray, step: float) -> np.ndarray:
    """The part of ``difference`` (the frame less an aligned neighbour) that varies slowly,
    over ``FLICKER_SPAN``: flicker, even uneven. Differences beyond ``step`` (dirt, motion)
    are left out of it, and it is worked out on an eighth of the size."""
    height, width = difference.shape
    small_size = (max(1, width // 8), max(1, height // 8))
    sigma = max(1.0, FLICKER_SPAN * height / 8)
    keep = (np.abs(difference) < step).astype(np.float32)
    weighted, weights = (
        cv2.GaussianBlur(cv2.resize(x, small_size, interpolation=cv2.INTER_AREA), (0, 0), sigma)
        for x in (difference * keep, keep)
    )
    small = weighted / np.maximum(weights, 1e-3)
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)


@dataclass(frozen=True)
class _Found:
    mask: np.ndarray  # where the dirt is
    spots: int  # how many spots it makes
    brighter: np.ndarray  # levels the frame is brighter than the neighbours there (flicker)


def _spots(luma: np.ndarray, before: np.ndarray, after: np.ndarray, inside: np.ndarray) -> _Found:
    """Where the frame (``luma``) shows dirt its aligned neighbours (``before``, ``after``,
    lumas too) do not."""
    sample = np.s_[::4, ::4]
    blur = max(1.0, SMOOTHING * luma.shape[0])
    luma, before, after = (cv2.GaussianBlur(x, (0, 0), blur) for x in (luma, before, after))
    to_before = np.median((luma - before)[sample])  # flicker is not dirt
    to_after = np.median((luma - after)[sample])
    spread = np.median(np.abs(before - after + to_before - to_after)[sample])
    grain = 1.4826 * float(spread) / math.sqrt(2)
    step = max(LEAST_STEP, GRAIN_STEPS * grain)
    to_before = to_before + _flicker(luma - before - to_before, step)  # nor is uneven flicker
    to_after = to_after + _flicker(luma - after - to_after, step)
    brighter = (to_before + to_after) / 2
    before, after = before + to_before, after + to_after
    to_before, to_after = luma - before, luma - after
    same_sign = (np.sign(to_before) == np.sign(to_after)) & inside
    nearer = np.minimum(np.abs(to_before), np.abs(to_after))
    agree = np.abs(before - after) < AGREEMENT * nearer
    core = same_sign & agree & (nearer > step)
    if not core.any():
        return _Found(core, 0, brighter)
    edge = same_sign & agree & (nearer > EDGE_SHARE * step)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(edge.astype(np.uint8), 8)
    area = stats[:, cv2.CC_STAT_AREA]
    seeded = np.bincount(labels[core], minlength=count) > 0
    pixels = luma.size
    smallest = max(3, SMALLEST_SHARE * pixels)
    fits = seeded & (area >= smallest) & (area <= LARGEST_SHARE * pixels)
    fits[0] = False
    if not fits.any():
        return _Found(np.zeros_like(core), 0, brighter)

    # The frame around each spot must line up with both neighbours, or the flow failed there.
    kept_labels = np.where(fits[labels], labels, 0).astype(np.float32)
    around = cv2.dilate(kept_labels, np.ones((2 * RING_PIXELS + 1,) * 2, np.uint8))
    around = around.astype(np.int32)
    ring = (around > 0) & ~edge
    ring_labels = around[ring]
    loose = max(RING_LEAST, RING_GRAIN * grain)
    misfit = np.maximum(np.abs(to_before), np.abs(to_after))[ring] > loose
    ring_size = np.bincount(ring_labels, minlength=count)
    misfits = np.bincount(ring_labels[misfit], minlength=count)
    fits &= (ring_size > 0) & (misfits <= RING_MISFIT * np.maximum(ring_size, 1))
    return _Found(fits[labels], int(fits.sum()), brighter)


def remove_dust(frame: np.ndarray, neighbours: tuple[np.ndarray, np.ndarray]) -> Cleaned:
    """``frame`` (RGB, uint8 or uint16) with the dirt that ``neighbours`` (two frames of the
    same shot beside it, nearest first) do not show filled in from them."""
    luma = _luma(frame, frame.dtype)
    factor = min(1.0, FLOW_SIDE / max(luma.shape))
    frame_gray = _shrunk(luma, factor)
    moved: list[np.ndarray] = []
    inside = np.zeros(luma.shape, bool)
    border = max(4, round(BORDER_SHARE * luma.shape[0]))
    inside[border:-border, border:-border] = True
    for neighbour in neighbours:
        neighbour_gray = _shrunk(_luma(neighbour, frame.dtype), factor)
        pixels, within = _aligned(neighbour, frame_gray, neighbour_gray, factor)
        moved.append(pixels)
        inside &= within
    moved_lumas = [_luma(pixels, frame.dtype) for pixels in moved]
    found = _spots(luma, *moved_lumas, inside)
    if not found.spots:
        return Cleaned(frame, 0)
    mask = found.mask
    margin = max(1, round(SPOT_MARGIN * luma.shape[0]))
    grown = cv2.dilate(mask.astype(np.uint8), np.ones((2 * margin + 1,) * 2, np.uint8))
    weight = cv2.GaussianBlur(grown.astype(np.float32), (0, 0), margin)
    near = weight > 1 / 1024  # the blend is worked out where it changes something only
    share = weight[near][:, None]
    levels = 257.0 if frame.dtype == np.uint16 else 1.0
    fill = (moved[0][near].astype(np.float32) + moved[1][near]) / 2
    fill += levels * found.brighter[near][:, None]  # at the frame's own exposure
    blended = frame[near] * (1 - share) + fill * share
    cleaned = frame.copy()
    cleaned[near] = np.clip(np.rint(blended), 0, np.iinfo(frame.dtype).max)
    return Cleaned(cleaned, found.spots)


def neighbours_of(index: int, frames: int) -> tuple[int, int] | None:
    """The two frames a frame is compared with, nearest first: the one before and the one
    after, or at either end of the film the next two inward; None in a film of under three."""
    if frames < 3:
        return None
    if index == 0:
        return 1, 2
    if index == frames - 1:
        return frames - 2, frames - 3
    return index - 1, index + 1
