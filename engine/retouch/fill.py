"""Filling marked spots and scratches from the picture around them.

A thin mark (dust, a hair, a scratch) is filled by OpenCV's Navier-Stokes inpainting, which
carries the colours and lines around it inward. That fill is smooth, so the grain or print
texture of the picture around it is added back to it (noise of the same strength, drawn from
a generator seeded by the mark's place), or a filled scratch would show as a clean stripe
across a grainy photo. A wide mark (a tear, a blot, a crease) would come out as a smooth
smear that way, so it is filled with the picture's own texture instead: patch by patch from
its edge inward, each patch copied from the place nearby whose known pixels match it best
(exemplar-based inpainting, as in Criminisi et al. 2004, in onion-peel order).

Every group of marks is filled from a box around it that holds all the pixels its filling
reads (no marked pixel is ever copied from), and seeded by that box: a group comes out the
same whether the whole picture is filled or only the groups a preview's part needs
(``region``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from engine.errors import RekindleError
from engine.retouch.marks import count_places
from engine.words import say

REACH = 5
"""How far from a mark (pixels) the inpainting reads the picture."""
MARGIN = REACH + 2
"""Marks closer than twice this are filled as one group, from one box."""
GRAIN_RING = 6
"""The picture within this many pixels around a group says how grainy its fill should be."""
WIDE = 3.0
"""A mark reaching more than this many pixels from its edge is filled with texture."""
PATCH = 9
"""The side of the patches a wide mark is filled with."""
SEARCH = 40
"""How far from a patch (pixels) its match is looked for."""
GUIDE = (0.25, 3.0)
"""How much the smooth fill counts, against the picture's own pixels, in choosing a patch:
little where it is flat (so the texture around is copied freely), much where lines run
through it (an eye, an edge: so they go on across the hole)..."""
LINES = 6.0
"""...reaching the most where the smooth fill changes by this many levels of 255 a pixel."""


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
            say(
                "the marks are {marks_width}x{marks_height}, but the photo is {width}x{height}: "
                "marks are drawn on a picture of the photo's own size",
                marks_width=wide,
                marks_height=high,
                width=width,
                height=height,
            )
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
        if cv2.distanceTransform(mask, cv2.DIST_L2, 3).max() > WIDE:
            _fill_with_texture(filled, box, mask > 0, marked)
        else:
            _fill_group(filled, inside, mask, seed=(seed, box.top, box.left))
    return Filled(pixels if filled is None else filled, spots)


def _fill_with_texture(filled: np.ndarray, box: Box, hole: np.ndarray, marked: np.ndarray) -> None:
    """Fills the ``hole`` pixels of ``box`` of ``filled`` in place, patch by patch from the
    hole's edge inward (a ring at a time, the places with most known pixels around them
    first), each patch's unknown pixels copied from the patch within ``SEARCH`` pixels whose
    pixels are all known and that best matches it (its known pixels, and the smooth fill
    where it runs across lines). Pixels ``marked`` anywhere are never known here but those of
    this hole once filled, so other groups do not change this one."""
    height, width = marked.shape
    reach = SEARCH + PATCH
    around = Box(
        max(0, box.left - reach),
        max(0, box.top - reach),
        min(width, box.right + reach),
        min(height, box.bottom + reach),
    )
    inside = around.slices
    wanted = np.zeros((around.bottom - around.top, around.right - around.left), bool)
    offset = np.s_[box.top - around.top : box.bottom - around.top,
                   box.left - around.left : box.right - around.left]  # fmt: skip
    wanted[offset] = hole
    todo = wanted.copy()
    picture = filled[inside].astype(np.float32)
    known = marked[inside] == 0
    guide = _smooth(picture, todo)  # where the patches should lead: the lines carried in
    picture[todo] = guide[todo]
    weight = (known + _guidance(guide, filled.dtype) * todo).astype(np.float32)
    square = np.ones((3, 3), np.uint8)
    while todo.any():  # a ring of patches at a time, those with most known pixels first
        front = todo & (cv2.dilate(known.astype(np.uint8), square) > 0)
        rows, columns = np.nonzero(front)
        confidence = cv2.boxFilter(known.astype(np.float32), -1, (PATCH, PATCH))
        order = np.argsort(-confidence[rows, columns], kind="stable")
        taken = np.zeros_like(todo)  # each pixel in one patch of a ring at most
        filled_any = False
        for pick in order:
            patch = _patch_at(int(rows[pick]), int(columns[pick]))
            if taken[patch].any():
                continue
            taken[patch] = True
            source = _best_match(picture, known, weight, patch)
            if source is None:
                continue
            put = todo[patch] & ~known[patch]
            picture[patch][put] = source[put]
            known[patch] |= put
            weight[patch][put] = 1.0
            todo[patch] &= ~put
            filled_any = True
        if not filled_any:  # nothing whole to copy from nearby: the rest stays smooth
            break
    top = float(np.iinfo(filled.dtype).max)
    filled[inside][wanted] = np.clip(np.rint(picture[wanted]), 0, top).astype(filled.dtype)


def _patch_at(y: int, x: int) -> tuple[slice, slice]:
    """The patch centred on (``y``, ``x``), cut at the picture's top and left."""
    half = PATCH // 2
    return np.s_[max(0, y - half) : y + half + 1, max(0, x - half) : x + half + 1]


def _best_match(
    picture: np.ndarray, known: np.ndarray, weight: np.ndarray, patch: tuple[slice, slice]
) -> np.ndarray | None:
    """The pixels of the patch within ``SEARCH`` of ``patch`` that are all known and whose
    pixels best match ``patch``'s (least squared difference, each pixel counted by its
    ``weight``), or None."""
    rows, columns = patch
    height, width = known.shape
    top, left = max(0, rows.start - SEARCH), max(0, columns.start - SEARCH)
    bottom = min(height, rows.stop + SEARCH)
    right = min(width, columns.stop + SEARCH)
    template = picture[patch]
    high, wide = template.shape[:2]
    area = picture[top:bottom, left:right]
    whole = cv2.erode(
        known[top:bottom, left:right].astype(np.uint8),
        np.ones((high, wide), np.uint8),
        anchor=(0, 0),
        borderValue=0,
    )
    weights = np.ascontiguousarray(weight[patch])
    if template.ndim == 3:
        weights = np.repeat(weights[..., None], template.shape[2], axis=2)
    scores = cv2.matchTemplate(area, template, cv2.TM_SQDIFF, mask=weights)
    usable = whole[: scores.shape[0], : scores.shape[1]] > 0
    if not usable.any():
        return None
    scores = np.where(usable & np.isfinite(scores), scores, np.inf)
    y, x = np.unravel_index(int(np.argmin(scores)), scores.shape)
    return area[y : y + high, x : x + wide]


def _guidance(guide: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """How much each pixel of the smooth fill ``guide`` counts in choosing patches (GUIDE)."""
    scale = 255.0 / float(np.iinfo(dtype).max)
    luma = (guide if guide.ndim == 2 else guide.mean(axis=2)) * scale
    slope = cv2.magnitude(cv2.Sobel(luma, -1, 1, 0), cv2.Sobel(luma, -1, 0, 1)) / 8
    least, most = GUIDE
    return least + (most - least) * np.clip(slope / LINES, 0.0, 1.0)


def _smooth(picture: np.ndarray, hole: np.ndarray) -> np.ndarray:
    """``picture`` (float, HxW or HxWxC) with ``hole`` filled smooth by Navier-Stokes."""
    mask = hole.astype(np.uint8)
    if picture.ndim == 2:
        return cv2.inpaint(picture, mask, REACH, cv2.INPAINT_NS)
    channels = [
        cv2.inpaint(np.ascontiguousarray(picture[..., c]), mask, REACH, cv2.INPAINT_NS)
        for c in range(picture.shape[2])
    ]
    return np.stack(channels, axis=-1)


def _fill_group(
    filled: np.ndarray, inside: tuple[slice, slice], mask: np.ndarray, seed: tuple[int, ...]
) -> None:
    """Fills ``mask``'s pixels of the box ``inside`` of ``filled``, in place: smooth, with
    the grain around them."""
    part = filled[inside].astype(np.float32)
    hole = mask > 0
    channels = part[..., None] if part.ndim == 2 else part
    noise = np.random.default_rng(seed).standard_normal(mask.shape, dtype=np.float32)
    grainy = _smooth(part, hole).reshape(channels.shape) + noise[..., None] * _grain(channels, mask)
    top = float(np.iinfo(filled.dtype).max)
    values = np.clip(np.rint(grainy[hole]), 0, top).reshape(-1, *part.shape[2:])
    filled[inside][hole] = values.astype(filled.dtype)


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
