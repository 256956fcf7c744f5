"""Filling marked spots and scratches from the picture around them.

Each mark is filled by OpenCV's Navier-Stokes inpainting, which carries the colours
and lines around a mark inward: right for dust, hairs, scratches and small tears, the damage
old prints show. The fill is smooth, so the grain or print texture of the picture around it
is added back to it (noise of the same strength, drawn from a generator seeded by the mark's
place), or a filled scratch would show as a clean stripe across a grainy photo.

Every group of marks is filled from a box around it that holds all the pixels its filling
reads, and seeded by that box: a group comes out the same whether the whole picture is
filled or only the groups a preview's part needs (``region``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from engine.errors import RekindleError
from engine.retouch.marks import count_places

REACH = 5
"""How far from a mark (pixels) the inpainting reads the picture."""
MARGIN = REACH + 2
"""Marks closer than twice this are filled as one group, from one box."""
GRAIN_RING = 6
"""The picture within this many pixels around a group says how grainy its fill should be."""


@dataclass(frozen=True)
class Filled:
    pixels: np.ndarray  # the picture with its marks filled in, in its own dtype and shape
    spots: int  # how many separate marks were filled


@dataclass(frozen=True)
class Box:
    """A part of a picture, in pixels: left, top, and one past the right and bottom."""

    left: int
    top: int
    right: int
    bottom: int

    def meets(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.top, self.bottom), slice(self.left, self.right)


def fill_marks(
    pixels: np.ndarray, marks: np.ndarray | None, region: Box | None = None, seed: int = 0
) -> Filled:
    """``pixels`` (HxW or HxWx3, uint8 or uint16) with every marked pixel (``marks``: HxW,
    non-zero where marked; None: none) filled in from the picture around it; with
    ``region``, only the groups of marks whose boxes meet it (what a part of the picture
    needs), the rest left. ``seed`` draws other grain (a film's frame number: grain that
    stood still from frame to frame would show)."""
    if marks is None:
        return Filled(pixels, 0)
    if marks.shape != pixels.shape[:2]:
        (high, wide), (height, width) = marks.shape, pixels.shape[:2]
        raise RekindleError(
            f"the marks are {wide}x{high}, but the photo is {width}x{height}: marks are drawn "
            "on a picture of the photo's own size"
        )
    marked = (marks > 0).astype(np.uint8)
    spots = count_places(marked)
    if spots == 0:
        return Filled(pixels, 0)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * MARGIN + 1, 2 * MARGIN + 1))
    count, groups, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(marked, kernel))
    filled = None
    for group in range(1, count):
        left, top, width, height = (int(v) for v in stats[group, :4])
        box = Box(left, top, left + width, top + height)
        if region is not None and not box.meets(region):
            continue
        inside = box.slices
        mask = marked[inside] * (groups[inside] == group).astype(np.uint8)
        filled = pixels.copy() if filled is None else filled
        _fill_group(filled, inside, mask, seed=(seed, box.top, box.left))
    return Filled(pixels if filled is None else filled, spots)


def _fill_group(
    filled: np.ndarray, inside: tuple[slice, slice], mask: np.ndarray, seed: tuple[int, ...]
) -> None:
    """Fills ``mask``'s pixels of the box ``inside`` of ``filled``, in place."""
    part = filled[inside].astype(np.float32)
    channels = part[..., None] if part.ndim == 2 else part
    grain = _grain(channels, mask)
    noise = np.random.default_rng(seed).standard_normal(mask.shape, dtype=np.float32)
    top = float(np.iinfo(filled.dtype).max)
    hole = mask > 0
    for index in range(channels.shape[2]):
        smooth = cv2.inpaint(channels[..., index], mask, REACH, cv2.INPAINT_NS)
        value = np.clip(np.rint(smooth + noise * grain[index]), 0, top)
        channels[..., index][hole] = value[hole]
    filled[inside] = channels.reshape(part.shape).astype(filled.dtype)


def _grain(channels: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Each channel's grain around the marks: the robust spread of what a small blur takes
    away, in the ring of picture just outside them."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * GRAIN_RING + 1,) * 2)
    grown = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    ring = (cv2.dilate(mask, kernel) > 0) & (grown == 0)
    if not ring.any():
        return np.zeros(channels.shape[2], np.float32)
    fine = channels - cv2.GaussianBlur(channels, (0, 0), 1.0).reshape(channels.shape)
    deviation = np.abs(fine[ring] - np.median(fine[ring], axis=0))
    return 1.4826 * np.median(deviation, axis=0).astype(np.float32)
