"""Filling marked spots and scratches from the picture around them.

A thin mark (dust, a hair, a scratch) is filled by OpenCV's Navier-Stokes inpainting, which
carries the colours and lines around it inward. That fill is smooth, so the grain or print
texture of the picture around it is added back to it (noise of the same strength, drawn from
a generator seeded by the mark's place), or a filled scratch would show as a clean stripe
across a grainy photo. A wide mark (a tear, a blot, a broad brush stroke) would come out as a
streaky smear that way, and copied patch by patch it would show blocks and seams, so it is
filled coarse to fine: its structure (the light and colours running through it) smooth at a
reduced scale, and the picture's own texture and grain mirrored in across its edge at full
scale, or copied from beside it where mirroring would stretch it (see ``_fill_wide``).

Every group of marks is filled from a box around it that holds all the pixels its filling
reads (no marked pixel is ever copied from), and seeded by that box: a group comes out the
same whether the whole picture is filled or only the groups a preview's part needs
(``region``).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

import cv2
import numpy as np

from engine.errors import RekindleError
from engine.progress import Progress, silent
from engine.retouch.marks import count_places, marks_misfit

REACH = 5
"""How far from a mark (pixels) the inpainting reads the picture."""
MARGIN = REACH + 2
"""Marks closer than twice this are filled as one group, from one box."""
GRAIN_RING = 6
"""The picture within this many pixels around a group says how grainy its fill should be."""
WIDE = 3.0
"""A mark reaching more than this many pixels from its edge is filled with texture."""
WIDE_STEPS = 3
"""The steps a wide mark's filling reports: its structure, its texture's ways, the rest."""
COARSE = 4.0
"""A wide mark's structure is filled smooth at a scale where it reaches about this many
pixels from its edge..."""
COARSEST = 64
"""...shrunk by this at most."""
RELAXING = 4.0
"""Steps of smoothing of a wide mark's structure, for each square pixel of its reach."""
SHIFTS = 16
"""How many directions a wide mark's texture is looked for in, beside it, where mirroring it
in is unsure."""
TEXTURE_LIMIT = 3.0
"""The texture mirrored into a wide mark is kept within this many times its usual strength."""
MIRROR_SOFTENING = 0.25
"""How much a wide mark's edge is softened, for the way its texture mirrors in, as a share
of how far the mark reaches from its edge."""
BLUR_DETAIL = 2.0
"""A blur this many times wider than a pixel, or more, is made at a reduced scale."""

Seed = tuple[int, ...]


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
    def area(self) -> int:
        return (self.right - self.left) * (self.bottom - self.top)

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.top, self.bottom), slice(self.left, self.right)


@dataclass(frozen=True)
class Places:
    """Where in a part of the picture the texture of some of its pixels is taken from (rows
    and columns, integers, one each a pixel), and how sure each is (0 to 1)."""

    rows: np.ndarray
    columns: np.ndarray
    sure: np.ndarray

    def usable(self, known: np.ndarray) -> np.ndarray:
        """Whether each place is inside the part and ``known``."""
        height, width = known.shape
        rows, columns = self.rows, self.columns
        usable = (rows >= 0) & (rows < height) & (columns >= 0) & (columns < width)
        usable[usable] = known[rows[usable], columns[usable]]
        return usable

    def sure_where_known(self, known: np.ndarray) -> np.ndarray:
        return np.where(self.usable(known), self.sure, 0.0).astype(np.float32)

    def take(self, channels: np.ndarray, limit: np.ndarray) -> np.ndarray:
        """The ``channels`` (HxWxC) at the places (at the part's edge where outside it), each
        softly kept within ``limit``."""
        height, width = channels.shape[:2]
        rows = np.clip(self.rows, 0, height - 1)
        columns = np.clip(self.columns, 0, width - 1)
        return limit * np.tanh(channels[rows, columns] / limit)


def fill_marks(
    pixels: np.ndarray,
    marks: np.ndarray | None,
    region: Box | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> Filled:
    """``pixels`` (HxW or HxWx3, uint8 or uint16) with every marked pixel (``marks``: HxW,
    non-zero where marked; None: none) filled in from the picture around it; with
    ``region``, only the groups of marks whose boxes meet it (what a part of the picture
    needs), the rest left. ``seed`` draws other grain (a film's frame number: grain that
    stood still from frame to frame would show). ``progress`` hears how much of the groups'
    boxes is filled, and may stop the filling between its steps."""
    if marks is None:
        return Filled(pixels, 0)
    misfit = marks_misfit(marks, pixels.shape[1], pixels.shape[0])
    if misfit is not None:
        raise RekindleError(misfit)
    marked = (marks > 0).astype(np.uint8)
    spots = count_places(marked)
    if spots == 0:
        return Filled(pixels, 0)
    progress = progress or silent()
    groups, boxes = _groups(marked, region)
    total = sum(box.area for _, box in boxes)
    filled, done, told = pixels.copy() if boxes else pixels, 0, 0
    for group, box in boxes:
        progress.check()
        inside = box.slices
        mask = marked[inside] * (groups[inside] == group).astype(np.uint8)
        depth = float(cv2.distanceTransform(mask, cv2.DIST_L2, 3).max())
        place = (seed, box.top, box.left)
        if depth > WIDE:
            share = _share(progress, done, box.area, total)
            _fill_wide(filled, box, mask > 0, marked, depth, place, share)
        else:
            _fill_group(filled, inside, mask, place)
        done += box.area
        if done - told >= total / 100 or done == total:  # a step of the bar, not every speck
            progress.update(done, total, unit="pixel")
            told = done
    return Filled(filled, spots)


def _share(progress: Progress, done: int, area: int, total: int) -> Progress:
    """The progress of filling a group of ``area`` of the ``total`` once ``done`` is filled:
    its own span of ``progress`` if it is a step of the bar, else only its cancel."""
    if area >= total / 100:
        return progress.span(done / total, (done + area) / total)
    return Progress(token=progress.token)


def _groups(marked: np.ndarray, region: Box | None) -> tuple[np.ndarray, list[tuple[int, Box]]]:
    """The groups of ``marked`` pixels filled together (``MARGIN``): each pixel's group
    number, and each group's number and box (those meeting ``region``, if given)."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * MARGIN + 1, 2 * MARGIN + 1))
    count, groups, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(marked, kernel))
    boxes = []
    for group in range(1, count):
        left, top, width, height = (int(v) for v in stats[group, :4])
        box = Box(left, top, left + width, top + height)
        if region is None or box.meets(region):
            boxes.append((group, box))
    return groups, boxes


def _fill_wide(
    filled: np.ndarray,
    box: Box,
    hole: np.ndarray,
    marked: np.ndarray,
    depth: float,
    seed: Seed,
    progress: Progress,
) -> None:
    """Fills the ``hole`` pixels of ``box`` of ``filled`` in place: its structure filled
    smooth at a reduced scale (``_coarse_fill``), its texture and grain mirrored in from around
    it at full scale (``_texture``). ``depth``: how far the hole reaches from its edge.
    Pixels ``marked`` anywhere are never read, so other groups do not change this one.
    ``progress`` hears of its steps and may stop it between them (a wide stroke across a
    large scan takes seconds)."""
    height, width = marked.shape
    scale = _coarse_scale(depth)
    reach = 2 * ceil(depth) + 2 + scale * (REACH + 2)
    around = Box(
        max(0, box.left - reach),
        max(0, box.top - reach),
        min(width, box.right + reach),
        min(height, box.bottom + reach),
    )
    inside = around.slices
    known = marked[inside] == 0
    if not known.any():
        return
    wanted = np.zeros(known.shape, bool)
    wanted[box.top - around.top : box.bottom - around.top,
           box.left - around.left : box.right - around.left] = hole  # fmt: skip
    picture = filled[inside].astype(np.float32)
    base = _coarse_fill(picture, known, scale, depth / scale)
    progress.update(1, WIDE_STEPS)
    progress.check()
    values = base[wanted] + _texture(picture - base, known, wanted, depth, seed, progress)
    top = float(np.iinfo(filled.dtype).max)
    filled[inside][wanted] = np.clip(np.rint(values), 0, top).astype(filled.dtype)


def _coarse_scale(depth: float) -> int:
    """The power of two a hole reaching ``depth`` pixels from its edge is shrunk by so that
    it reaches about ``COARSE`` pixels (at most ``COARSEST``)."""
    steps = round(np.log2(max(depth / COARSE, 1.0)))
    return int(min(2**steps, COARSEST))


def _coarse_fill(picture: np.ndarray, known: np.ndarray, scale: int, reach: float) -> np.ndarray:
    """``picture`` (float) smooth at ``scale``: averaged over blocks of ``scale`` pixels (its
    ``known`` pixels only), the blocks mostly unknown filled smooth (``_relaxed``: they
    reach ``reach`` blocks from their edge), brought back to full size
    smoothly (a Gaussian pyramid's steps up, so that no block shows)."""
    height, width = known.shape
    high, wide = -(-height // scale), -(-width // scale)
    weights = np.zeros((high * scale, wide * scale), np.float32)
    weights[:height, :width] = known
    sums = np.zeros((high * scale, wide * scale, *picture.shape[2:]), np.float32)
    sums[:height, :width] = picture * (known if picture.ndim == 2 else known[..., None])

    def blocks(values: np.ndarray) -> np.ndarray:
        return values.reshape(high, scale, wide, scale, *values.shape[2:]).mean(axis=(1, 3))

    cover = blocks(weights)
    share = np.maximum(cover, 1e-6)
    small = blocks(sums) / (share if picture.ndim == 2 else share[..., None])
    large = _relaxed(_smooth(small, cover < 0.5), cover < 0.5, reach)
    for _ in range(scale.bit_length() - 1):
        large = cv2.pyrUp(large)
    return large[:height, :width]


def _relaxed(picture: np.ndarray, hole: np.ndarray, reach: float) -> np.ndarray:
    """``picture`` with its ``hole`` (filled roughly) made as smooth as the picture around
    allows: each of its pixels the mean of its neighbours, step by step, as many steps as
    it takes to settle across a hole reaching ``reach`` pixels from its edge. Navier-Stokes
    carries the lines around inward, but leaves streaks and dips where light changes
    smoothly across a wide hole; this takes them out."""
    relaxed = picture.copy()
    for _ in range(ceil(RELAXING * max(reach, 1.0) ** 2)):
        relaxed[hole] = cv2.blur(relaxed, (3, 3))[hole]
    return relaxed


def _texture(
    detail: np.ndarray,
    known: np.ndarray,
    wanted: np.ndarray,
    depth: float,
    seed: Seed,
    progress: Progress,
) -> np.ndarray:
    """The texture for each ``wanted`` pixel: the ``detail`` of the picture around mirrored
    in (``_mirror_places``); where that would stretch it, copied from beside the unknown
    (``_shifted_places``); elsewhere, grain of the strength around. Each is
    mixed into the next by how sure it is, so that the texture keeps its strength and no
    seam shows, and kept within ``_texture_limit``. ``progress`` hears of its steps and may
    stop it between them."""
    channels = detail[..., None] if detail.ndim == 2 else detail
    limit = _texture_limit(channels, known, depth)
    softening = max(MIRROR_SOFTENING * depth, 1.0)
    outward = cv2.distanceTransform(known.astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    noise = np.random.default_rng(seed).standard_normal(int(wanted.sum()), np.float32)
    texture = noise[:, None] * _grain(channels, wanted.astype(np.uint8))
    progress.check()
    mirrored, unstretched = _mirror_places(known, wanted, softening, outward)
    progress.update(2, WIDE_STEPS)
    progress.check()
    shifted = _shifted_places(known, wanted, depth, np.minimum(outward / softening, 1.0))
    shifted = Places(shifted.rows, shifted.columns, shifted.sure * (1 - unstretched))
    for places in (shifted, mirrored):
        sure = places.sure_where_known(known)[:, None]
        texture = sure * places.take(channels, limit) + np.sqrt(1 - sure**2) * texture
    return texture.reshape(-1, *detail.shape[2:])


def _mirror_places(
    known: np.ndarray, wanted: np.ndarray, softening: float, outward: np.ndarray
) -> tuple[Places, np.ndarray]:
    """Where each ``wanted`` pixel's texture is mirrored from: its mirror image across the
    nearest edge of the unknown, as far out along the normal of the edge softened by
    ``softening`` pixels as it lies within (so that neighbouring pixels mirror neighbouring
    ones, and the texture goes on across the edge without a step); and how sure that way is:
    less where the mirrors across opposite edges meet (the middle of a stroke) and where
    mirroring stretches the texture (the middle of a round blot); and apart, how little it
    stretches it (1: not at all). ``outward``: how far each known pixel is from the
    unknown."""
    inward = cv2.distanceTransform((~known).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    soft = _blurred(inward - outward, softening)
    down, across = cv2.Sobel(soft, -1, 0, 1, scale=1 / 8), cv2.Sobel(soft, -1, 1, 0, scale=1 / 8)
    slope = np.hypot(down, across)
    step = 2 * inward / np.maximum(slope, 1e-6)
    rows, columns = np.indices(known.shape, np.float32)
    rows -= step * down
    columns -= step * across
    unstretched = _blurred(_stretch(rows, columns) ** -2, softening)[wanted]
    sure = np.minimum(np.minimum(slope[wanted], 1.0), unstretched)
    mirror_rows, mirror_columns = np.rint(rows[wanted]), np.rint(columns[wanted])
    places = Places(mirror_rows.astype(np.int64), mirror_columns.astype(np.int64), sure)
    return places, unstretched


def _blurred(values: np.ndarray, sigma: float) -> np.ndarray:
    """``values`` (HxW float) blurred by a Gaussian of ``sigma`` pixels; by a wide one at a
    reduced scale (what it leaves is smooth there already), so that it takes no longer."""
    shrink = max(1, int(sigma / BLUR_DETAIL))
    if shrink == 1:
        return cv2.GaussianBlur(values, (0, 0), sigma)
    height, width = values.shape
    small = cv2.resize(
        values, (ceil(width / shrink), ceil(height / shrink)), interpolation=cv2.INTER_AREA
    )
    small = cv2.GaussianBlur(small, (0, 0), sigma / shrink)
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)


def _stretch(rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """How much the map to (``rows``, ``columns``) stretches the picture at each place, at
    most (the larger singular value of its Jacobian), at least 1."""
    row_down, row_across = np.gradient(rows)
    column_down, column_across = np.gradient(columns)
    half = (row_down**2 + row_across**2 + column_down**2 + column_across**2) / 2
    determinant = row_down * column_across - row_across * column_down
    largest = half + np.sqrt(np.maximum(half**2 - determinant**2, 0.0))
    return np.sqrt(np.maximum(largest, 1.0))


def _shifted_places(
    known: np.ndarray, wanted: np.ndarray, depth: float, clear: np.ndarray
) -> Places:
    """Where each ``wanted`` pixel's texture is copied from where mirroring is unsure: the
    place beside it by a shift just over the unknown's width, the same for all (in whichever
    of ``SHIFTS`` directions finds the most ``clear`` places), so the texture is copied
    whole; as sure as that place is ``clear`` of the unknown (0 to 1)."""
    length = 2 * ceil(depth) + 2
    rows, columns = np.nonzero(wanted)
    best = None
    for angle in np.linspace(0, 2 * np.pi, SHIFTS, endpoint=False):
        down, across = round(length * np.sin(angle)), round(length * np.cos(angle))
        places = Places(rows + down, columns + across, np.zeros(rows.size, np.float32))
        usable = places.usable(known)
        places.sure[usable] = clear[places.rows[usable], places.columns[usable]]
        if best is None or places.sure.sum() > best.sure.sum():
            best = places
    return best


def _texture_limit(channels: np.ndarray, known: np.ndarray, depth: float) -> np.ndarray:
    """How strong (each channel) the texture mirrored in may be: ``TEXTURE_LIMIT`` times the
    robust spread of the ``channels``' detail within ``depth`` around the unknown, so that a
    line or an edge beside a mark is not mirrored into it as a ghost."""
    outward = cv2.distanceTransform(known.astype(np.uint8), cv2.DIST_L2, 3)
    near = channels[known & (outward <= depth)]
    deviation = np.abs(near - np.median(near, axis=0))
    spread = 1.4826 * np.median(deviation, axis=0)
    return np.maximum(TEXTURE_LIMIT * spread, 1e-3).astype(np.float32)


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
    filled: np.ndarray, inside: tuple[slice, slice], mask: np.ndarray, seed: Seed
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
