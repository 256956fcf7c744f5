"""Frames beside a frame moved onto it by optical flow, for the cleanups that compare a frame
with the frames around it (dust.py, grain.py)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

FLOW_SIDE = 960
"""Optical flow runs on the frame shrunk to this longer side at most: the alignment it gives
is good enough to compare with, and a 4K frame costs no more than a small one."""
LEVELS = 255.0  # brightness is measured in levels of 8 bits, whatever the film's depth
SMOOTHING = 1 / 480  # grain is averaged over this share of the height (a pixel at least)
FLICKER_SPAN = 16 / 480  # brightness that differs over this share of the height is flicker


def luma(pixels: np.ndarray) -> np.ndarray:
    """Brightness in 8-bit levels (float32) of RGB ``pixels`` (uint8 or uint16): OpenCV's grey,
    in whole levels of their depth, far faster than weighing floats and finer than any grain."""
    grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY).astype(np.float32)
    return grey / 257.0 if pixels.dtype == np.uint16 else grey


def smoothed(brightness: np.ndarray) -> np.ndarray:
    """``brightness`` averaged over ``SMOOTHING``: what a frame shows, less its grain's
    finest part, to compare frames by."""
    return cv2.GaussianBlur(brightness, (0, 0), max(1.0, SMOOTHING * brightness.shape[0]))


def slow_part(difference: np.ndarray, beyond: float) -> np.ndarray:
    """The part of ``difference`` (a frame less an aligned neighbour, in levels) that varies
    slowly, over ``FLICKER_SPAN``: flicker, even uneven. Differences of ``beyond`` or more
    (dirt, motion) are left out of it, and it is worked out on an eighth of the size."""
    height, width = difference.shape
    span = FLICKER_SPAN * height
    small_size = (max(1, width // 8), max(1, height // 8))
    keep = (np.abs(difference) < beyond).astype(np.float32)
    weighted, weights = (
        cv2.GaussianBlur(
            cv2.resize(x, small_size, interpolation=cv2.INTER_AREA), (0, 0), max(1.0, span / 8)
        )
        for x in (difference * keep, keep)
    )
    small = weighted / np.maximum(weights, 1e-3)
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)


@dataclass(frozen=True)
class Aligned:
    """A neighbour moved onto the frame."""

    pixels: np.ndarray  # in the neighbour's own dtype
    inside: np.ndarray  # bool: where they came from inside the picture
    luma: np.ndarray  # their brightness (``luma``)


class Aligner:
    """Moves frames onto ``frame``: flow from it to each, found on greys shrunk to
    ``FLOW_SIDE``."""

    def __init__(self, frame: np.ndarray) -> None:
        self.frame = frame
        self.luma = luma(frame)
        self.factor = min(1.0, FLOW_SIDE / max(self.luma.shape))
        self.gray = shrunk(self.luma, self.factor)

    def align(self, neighbour: np.ndarray) -> Aligned:
        gray = shrunk(luma(neighbour), self.factor)
        flow = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM).calc(
            self.gray, gray, None
        )
        height, width = neighbour.shape[:2]
        if self.factor != 1.0:
            flow = cv2.resize(flow, (width, height), interpolation=cv2.INTER_LINEAR) / self.factor
        columns, rows = pixel_grid(height, width)
        map_x, map_y = columns + flow[..., 0], rows + flow[..., 1]
        inside = (map_x >= 0) & (map_x <= width - 1) & (map_y >= 0) & (map_y <= height - 1)
        moved = cv2.remap(
            neighbour, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
        return Aligned(moved, inside, luma(moved))


@functools.lru_cache(maxsize=4)
def pixel_grid(height: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel's column and row (float32, read-only), to add a flow to: made once for each
    size, as a film's frames are all one size."""
    columns, rows = np.meshgrid(
        np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32)
    )
    columns.flags.writeable = rows.flags.writeable = False
    return columns, rows


def shrunk(brightness: np.ndarray, factor: float) -> np.ndarray:
    """8-bit grey at ``factor`` of the size, for the optical flow."""
    if factor != 1.0:
        height, width = brightness.shape
        size = (max(1, round(width * factor)), max(1, round(height * factor)))
        brightness = cv2.resize(brightness, size, interpolation=cv2.INTER_AREA)
    return np.clip(brightness + 0.5, 0, LEVELS).astype(np.uint8)
