"""Film grain calmed with the frames around a frame: grain differs from frame to frame while
the picture stays, so averaging a frame with its neighbours moved onto it (align.py) keeps
the picture and leaves less grain.

Each neighbour counts, pixel by pixel, as much as it looks like the frame there: a difference
of the size grain makes counts nearly fully, a larger one (something the flow did not follow,
a thing that moved, dirt on one of them) hardly at all, so nothing is smeared. A neighbour's
brightness is first brought to the frame's (flicker), so the average keeps the frame's light.
Grain is calmed, not taken away: with four neighbours its strength falls to about half, and
the Restore models take the rest without painting texture into what was grain.
"""

from __future__ import annotations

import numpy as np

from engine.video.align import Aligned, luma, slow_part, smoothed

REACH = 2  # frames each side a frame is averaged with
LIKENESS = 2.0  # a neighbour differing by this many times the grain's spread counts ~60 %
MOTION = 4.0  # differences beyond this many times the grain's spread are left out of flicker


def calm_grain(pixels: np.ndarray, neighbours: list[Aligned]) -> np.ndarray:
    """``pixels`` (RGB, uint8 or uint16) averaged with ``neighbours`` (frames of the same shot
    beside it, moved onto it) where they look alike."""
    if not neighbours:
        return pixels
    own = luma(pixels)
    smooth_own = smoothed(own)
    differences = [smoothed(neighbour.luma) - smooth_own for neighbour in neighbours]
    sample = np.s_[::4, ::4]
    centred = [d[sample] - np.median(d[sample]) for d in differences]  # flicker aside
    spread = 1.4826 * float(np.median(np.abs(np.stack(centred))))
    if spread < 1e-3:
        return pixels  # the frames are the same: no grain to calm
    levels = 257.0 if pixels.dtype == np.uint16 else 1.0
    total = pixels.astype(np.float32)
    weights = np.ones(own.shape, np.float32)
    shift = np.zeros(own.shape, np.float32)  # the flicker taken out of the neighbours, weighed
    for neighbour, difference in zip(neighbours, differences, strict=True):
        offset = float(np.median(difference[sample]))  # flicker over the whole frame,
        flicker = offset + slow_part(difference - offset, MOTION * spread)  # and uneven
        weight = difference - flicker  # how unlike the frame, in steps of LIKENESS spreads:
        weight *= 1.0 / (LIKENESS * spread)
        np.multiply(weight, weight, out=weight)
        weight *= -0.5
        np.exp(weight, out=weight)  # a Gaussian of it
        weight *= neighbour.inside
        total += neighbour.pixels * weight[..., None]
        shift += flicker * weight
        weights += weight
    total -= (levels * shift)[..., None]
    total /= weights[..., None]
    top = np.iinfo(pixels.dtype).max
    return np.clip(np.rint(total), 0, top).astype(pixels.dtype)
