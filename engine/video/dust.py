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
from collections.abc import Mapping
from dataclasses import dataclass

import cv2
import numpy as np

from engine.video.align import Aligned, Aligner, slow_part, smoothed
from engine.video.repeats import showing

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
BORDER_SHARE = 8 / 480  # no dirt is looked for this near the picture's edges, where the flow
# is least sure and the film's frame line shows
SPOT_MARGIN = 1 / 480  # a spot's repair reaches this share of the frame's height beyond it


@dataclass(frozen=True)
class Cleaned:
    pixels: np.ndarray  # the frame with its dirt filled in, in its own dtype
    spots: int  # how many spots were filled


@dataclass(frozen=True)
class _Found:
    mask: np.ndarray  # where the dirt is
    spots: int  # how many spots it makes
    brighter: np.ndarray  # levels the frame is brighter than the neighbours there (flicker)


def _spots(luma: np.ndarray, before: np.ndarray, after: np.ndarray, inside: np.ndarray) -> _Found:
    """Where the frame (``luma``) shows dirt its aligned neighbours (``before``, ``after``,
    lumas too) do not."""
    sample = np.s_[::4, ::4]
    luma, before, after = (smoothed(x) for x in (luma, before, after))
    to_before = np.median((luma - before)[sample])  # flicker is not dirt
    to_after = np.median((luma - after)[sample])
    spread = np.median(np.abs(before - after + to_before - to_after)[sample])
    grain = 1.4826 * float(spread) / math.sqrt(2)
    step = max(LEAST_STEP, GRAIN_STEPS * grain)
    to_before = to_before + slow_part(luma - before - to_before, step)  # nor is uneven
    to_after = to_after + slow_part(luma - after - to_after, step)  # flicker
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
    aligner = Aligner(frame)
    return fill_dust(aligner, (aligner.align(neighbours[0]), aligner.align(neighbours[1])))


def fill_dust(aligner: Aligner, neighbours: tuple[Aligned, Aligned]) -> Cleaned:
    """``remove_dust`` with the two neighbours already moved onto the frame by ``aligner``."""
    frame, brightness = aligner.frame, aligner.luma
    inside = np.zeros(brightness.shape, bool)
    border = max(4, round(BORDER_SHARE * brightness.shape[0]))
    inside[border:-border, border:-border] = True
    inside &= neighbours[0].inside & neighbours[1].inside
    found = _spots(brightness, neighbours[0].luma, neighbours[1].luma, inside)
    if not found.spots:
        return Cleaned(frame, 0)
    margin = max(1, round(SPOT_MARGIN * brightness.shape[0]))
    grown = cv2.dilate(found.mask.astype(np.uint8), np.ones((2 * margin + 1,) * 2, np.uint8))
    weight = cv2.GaussianBlur(grown.astype(np.float32), (0, 0), margin)
    near = weight > 1 / 1024  # the blend is worked out where it changes something only
    share = weight[near][:, None]
    levels = 257.0 if frame.dtype == np.uint16 else 1.0
    fill = (neighbours[0].pixels[near].astype(np.float32) + neighbours[1].pixels[near]) / 2
    fill += levels * found.brighter[near][:, None]  # at the frame's own exposure
    blended = frame[near] * (1 - share) + fill * share
    cleaned = frame.copy()
    cleaned[near] = np.clip(np.rint(blended), 0, np.iinfo(frame.dtype).max)
    return Cleaned(cleaned, found.spots)


def neighbours_of(
    index: int, frames: int, repeated: Mapping[int, bool] | None = None
) -> tuple[int, int] | None:
    """The two frames a frame is compared with, nearest first: the nearest before and after
    it that differ from it (``repeated[k]``: frame k repeats frame k - 1, see repeats.py), or
    at either end of the film the next two inward; None in a film too short to tell."""
    repeated = repeated or {}
    same = showing(index, repeated)
    before, after = same.start - 1, same.stop
    if before >= 0 and after < frames:
        return before, after
    if before < 0:  # the film's first frames: the next two inward
        further = showing(after, repeated).stop
        return (after, further) if further < frames else None
    further = showing(before, repeated).start - 1  # its last
    return (before, further) if further >= 0 else None
