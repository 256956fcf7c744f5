"""A frame halfway in time between two frames, for a film that shows some frames twice.

A film shot at 16 or 18 frames a second and copied at 24 or 25 shows one frame in three (or
in ten) twice: its motion stops for a frame and jumps on, a stutter. Where a frame repeats the
one before and the frame after it is new, the repeat is replaced by a frame halfway between
the two: the motion then slows for two frames instead of stopping for one.

The halfway frame is made from the optical flow both ways (found on greys shrunk as for the
cleanups, align.py): each of the two frames is moved half of its flow towards the middle, and
the two are mixed, each counted less where its flow and the flow back disagree (a place one
of them hides: a thing passing in front). Where the two moved frames disagree over much of the
picture (a cut, motion the flow lost), no frame is made and the repeat stays: a stutter is
better than a smear.
"""

from __future__ import annotations

import cv2
import numpy as np

from engine.video.align import FLOW_SIDE, luma, pixel_grid, shrunk, smoothed

AGREE_PIXELS = 1.0
"""A frame's pixel whose flow and flow back miss each other by this many pixels (of the
shrunk greys) counts half in the mix: the place is seen in that frame only."""
DISAGREE_LEVELS = 12.0
"""Where the two moved frames still differ by this many levels (mean, grain smoothed away),
no halfway frame is made: within a shot they differ by 2 to 7 on old film two frames apart,
across a cut by 50 or more (less their difference in overall brightness: flicker)."""


def inbetween(before: np.ndarray, after: np.ndarray) -> np.ndarray | None:
    """The frame halfway between ``before`` and ``after`` (RGB, uint8 or uint16, the same
    size), or None where the flow cannot be trusted to make it."""
    height, width = before.shape[:2]
    factor = min(1.0, FLOW_SIDE / max(height, width))
    greys = [shrunk(luma(frame), factor) for frame in (before, after)]
    flow = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    forward = flow.calc(greys[0], greys[1], None)  # before(x) shows what after(x + forward) does
    backward = flow.calc(greys[1], greys[0], None)
    to_before, miss_before = _halfway(forward, backward)
    to_after, miss_after = _halfway(backward, forward)
    size = (width, height)
    moved = [
        _moved(frame, _full(field, size, factor))
        for frame, field in ((before, to_before), (after, to_after))
    ]
    weights = [
        _full(1.0 / (1.0 + (miss / AGREE_PIXELS) ** 2), size, 1.0)
        for miss in (miss_before, miss_after)
    ]
    apart = smoothed(luma(moved[0])) - smoothed(luma(moved[1]))
    if float(np.abs(apart - np.median(apart)).mean()) > DISAGREE_LEVELS:  # flicker aside
        return None
    total = weights[0] + weights[1]
    mix = (moved[0].astype(np.float32) * _channels(weights[0] / total, before)
           + moved[1].astype(np.float32) * _channels(weights[1] / total, before))  # fmt: skip
    top = float(np.iinfo(before.dtype).max)
    return np.clip(np.rint(mix), 0, top).astype(before.dtype)


def _halfway(there: np.ndarray, back: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each pixel of the halfway frame lies in the frame ``there`` flows from (an
    offset, shrunk pixels), and by how far the flow ``there`` and the flow ``back`` miss each
    other at that place."""
    columns, rows = pixel_grid(*there.shape[:2])
    offset = -0.5 * there
    for _ in range(2):  # the flow where the pixel comes from, not where it lands
        offset = -0.5 * _sample(there, columns + offset[..., 0], rows + offset[..., 1])
    source_x, source_y = columns + offset[..., 0], rows + offset[..., 1]
    out = _sample(there, source_x, source_y)
    returned = _sample(back, source_x + out[..., 0], source_y + out[..., 1])
    miss = np.hypot(out[..., 0] + returned[..., 0], out[..., 1] + returned[..., 1])
    return offset, miss


def _sample(field: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return cv2.remap(field, x, y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _moved(frame: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """``frame`` with each pixel taken from ``offset`` away."""
    columns, rows = pixel_grid(*frame.shape[:2])
    return cv2.remap(frame, columns + offset[..., 0], rows + offset[..., 1], cv2.INTER_CUBIC,
                     borderMode=cv2.BORDER_REPLICATE)  # fmt: skip


def _full(field: np.ndarray, size: tuple[int, int], factor: float) -> np.ndarray:
    """A field found on the shrunk greys at the frame's ``size``; offsets scaled by 1 /
    ``factor``."""
    if field.shape[1::-1] == size:
        return field
    return cv2.resize(field, size, interpolation=cv2.INTER_LINEAR) / factor


def _channels(weight: np.ndarray, like: np.ndarray) -> np.ndarray:
    return weight[..., None] if like.ndim == 3 else weight
