"""Filling marked spots and scratches from the picture around them.

A thin mark (dust, a hair, a scratch) is filled by OpenCV's Navier-Stokes inpainting, which
carries the colours and lines around it inward. That fill is smooth, so the grain or print
texture of the picture around it is added back to it (noise of the same strength, drawn from
a generator seeded by the mark's place), or a filled scratch would show as a clean stripe
across a grainy photo. A wide mark (a tear, a blot, a broad brush stroke) would come out as a
streaky smear that way, with the lines, edges and stripes running through it washed out,
and copied patch by patch at full scale it would show blocks and seams and take long. So it
is filled coarse to fine (see ``_fill_wide``). At a reduced scale, its light is filled
smooth, and the detail on that light copied patch by patch from the places nearby that best
match it (exemplar-based inpainting, as in Criminisi et al. 2004: first where lines run into
it and most is known around), so that the lines, edges and stripes through it go on, also
along the picture's edges into a corner; the patches overlap, and are blended where they
do. At full scale, the fine detail and grain are copied from the same places,
blended the same way, and grain of the strength around is added where few patches cover.

Every group of marks is filled from a box around it that holds all the pixels its filling
reads (no marked pixel is ever copied from), and seeded by that box: a group comes out the
same whether the whole picture is filled or only the groups a preview's part needs
(``region``).
"""

from __future__ import annotations

import heapq
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
WIDE_STEPS = 2
"""The steps a wide mark's filling reports: its structure, its texture."""
PREPARING = 0.1
"""The share of a wide mark's structure step that reducing its scale and smoothing it count
for (they take a second on a large scan), the rest its patches."""
COARSE = 6.0
"""A wide mark's structure is filled at a scale where it reaches about this many pixels
from its edge..."""
COARSEST = 64
"""...shrunk by this at most."""
RELAXING = 1.0
"""Steps of smoothing of a wide mark's light, for each square pixel of its reach."""
LIGHT = 2.0
"""A wide mark's light is its smooth fill blurred this many times as wide as it reaches from
its edge; the detail on it is copied."""
PATCH = 5
"""The side of the patches a wide mark's structure is copied with, at its reduced scale..."""
SEARCH = 16
"""...from within this many pixels around them."""
GUIDE = 0.5
"""How much a wide mark's smooth fill counts in choosing a patch where none is copied yet,
against the pixels around it and those copied."""
EDGELESS = 0.4
"""How much a place on a wide mark's edge where no line runs into it counts in the order of
its filling, against one where the strongest lines of the picture around do."""
TEXTURE_STEPS = 50
"""How many steps a wide mark's texture reports, as its patches are copied."""
SURE = 0.5
"""A wide mark's pixel is filled with copied texture alone where the patches over it weigh
this much of a patch's middle, mixed with grain where they weigh less."""

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
    """Fills the ``hole`` pixels of ``box`` of ``filled`` in place: its structure copied
    patch by patch at a reduced scale (``_coarse_fill``), its fine detail and grain copied
    from where its structure was at full scale (``_texture``), kept within the range of the
    picture around. ``depth``: how far the hole reaches from its edge. Pixels ``marked``
    anywhere are never read, so other groups do not change this one. ``progress`` hears of
    its steps and may stop it between them (a wide stroke across a large scan takes
    seconds)."""
    height, width = marked.shape
    scale = _coarse_scale(depth)
    reach = 2 * ceil(depth) + scale * (SEARCH + PATCH + 2)  # the patches and light around
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
    structure = progress.span(0, 1 / WIDE_STEPS)
    base, copies = _coarse_fill(picture, known, scale, depth / scale, structure)
    progress.update(1, WIDE_STEPS)
    progress.check()
    detail = picture - base
    values = base[wanted] + _texture(detail, known, wanted, copies, scale, seed, progress)
    lowest, highest = _range(picture, known)
    filled[inside][wanted] = np.clip(np.rint(values), lowest, highest).astype(filled.dtype)


def _range(picture: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The least and the greatest of each channel of ``picture``'s ``known`` pixels."""
    channels = picture[..., None] if picture.ndim == 2 else picture
    mask = known.astype(np.uint8)
    ranges = [cv2.minMaxLoc(np.ascontiguousarray(channels[..., c]), mask)[:2]
              for c in range(channels.shape[2])]  # fmt: skip
    lowest, highest = np.array(ranges, np.float32).T
    return lowest.reshape(picture.shape[2:]), highest.reshape(picture.shape[2:])


def _coarse_scale(depth: float) -> int:
    """The power of two a hole reaching ``depth`` pixels from its edge is shrunk by so that
    it reaches about ``COARSE`` pixels (at most ``COARSEST``)."""
    steps = round(np.log2(max(depth / COARSE, 1.0)))
    return int(min(2**steps, COARSEST))


def _coarse_fill(
    picture: np.ndarray, known: np.ndarray, scale: int, reach: float, progress: Progress
) -> tuple[np.ndarray, np.ndarray]:
    """``picture`` (float) at ``scale`` (averaged over blocks of ``scale`` pixels, its
    ``known`` pixels only) with the blocks mostly unknown filled (a block at the picture's
    edge counted by its part within it; they reach ``reach`` blocks from their edge): their
    light smooth (``_relaxed``, then blurred by ``LIGHT``),
    and the detail on that light copied patch by patch from around (``_copied``), so that
    the light of the place a patch comes from does not show; brought back to full size
    smoothly (a Gaussian pyramid's steps up, so that no block shows). Also where each patch
    was copied from (``_copied``'s). Where no block at ``scale`` is mostly known (a mark
    leaving only a thin strip of picture), a finer scale is taken. ``progress`` (the
    structure's step) hears of the averaging and the smoothing, then of the patches (its
    ``PREPARING`` share first), and may stop it between them."""
    height, width = known.shape
    high, wide = -(-height // scale), -(-width // scale)
    weights = np.zeros((high * scale, wide * scale), np.float32)
    weights[:height, :width] = known
    sums = np.zeros((high * scale, wide * scale, *picture.shape[2:]), np.float32)
    sums[:height, :width] = picture
    sums[:height, :width][~known] = 0  # faster than multiplying by known, on a large scan

    def blocks(values: np.ndarray) -> np.ndarray:
        return cv2.resize(values, (wide, high), interpolation=cv2.INTER_AREA)

    known_share = blocks(weights)
    cover = known_share / np.outer(_in_picture(height, scale), _in_picture(width, scale))
    if scale > 1 and not (cover >= 0.5).any():  # too little picture at this scale to fill from
        return _coarse_fill(picture, known, scale // 2, reach * 2, progress)
    preparing = progress.span(0, PREPARING)
    preparing.update(1, 2)  # of its two steps: averaged, smoothed
    preparing.check()
    share = np.maximum(known_share, 1e-6)
    small = blocks(sums) / _per_channel(share, sums)
    hole = cover < 0.5
    smooth = _relaxed(_smooth(small, hole), hole, reach)
    preparing.update(2, 2)
    preparing.check()
    light = cv2.GaussianBlur(smooth, (0, 0), LIGHT * max(reach, 1.0)).reshape(smooth.shape)
    search = max(SEARCH, ceil(reach) + PATCH)  # a whole patch for the middle of the hole
    detail, copies = _copied(smooth - light, hole, search, progress.span(PREPARING, 1))
    large = light + detail
    for _ in range(scale.bit_length() - 1):
        large = cv2.pyrUp(large)
    return large[:height, :width], copies


def _in_picture(size: int, scale: int) -> np.ndarray:
    """The share of each block of ``scale`` pixels along ``size`` pixels that lies within
    them: the last may lie partly beyond the picture's edge."""
    count = -(-size // scale)
    share = np.ones(count, np.float32)
    share[-1] = (size - (count - 1) * scale) / scale
    return share


def _copied(
    picture: np.ndarray, hole: np.ndarray, search: int, progress: Progress
) -> tuple[np.ndarray, np.ndarray]:
    """``picture`` (float, its ``hole`` filled smooth) with its ``hole`` filled patch by
    patch from its edge inward, in ``_Front``'s order, each patch copied from the whole
    patch outside the hole within ``search`` pixels that best matches it (``_best_patch``);
    the patches overlapping a pixel blended by how near their middles it lies, so that no
    seam shows. Lines, edges and stripes go on across the hole this way. Also each patch's
    place and its source's: rows of top, left, source top, source left. ``progress`` hears
    how much of the hole is filled every hundredth of it, and may stop it then."""
    height, width = hole.shape
    copies: list[tuple[int, int, int, int]] = []
    if height < PATCH or width < PATCH:
        return picture, np.zeros((0, 4), np.int64)
    filled, todo = picture.copy(), hole.copy()
    whole = cv2.erode((~hole).astype(np.uint8), np.ones((PATCH, PATCH), np.uint8),
                      anchor=(0, 0), borderValue=0) > 0  # fmt: skip
    weight = np.where(hole, GUIDE, 1.0).astype(np.float32)
    window = _window(PATCH)
    votes, total = np.zeros_like(filled), np.zeros(hole.shape, np.float32)
    front = _Front(filled, todo)
    holes = unfilled = told = max(1, int(hole.sum()))
    progress.check()
    while (place := front.next()) is not None:
        top = min(max(place[0] - PATCH // 2, 0), height - PATCH)
        left_edge = min(max(place[1] - PATCH // 2, 0), width - PATCH)
        patch = np.s_[top : top + PATCH, left_edge : left_edge + PATCH]
        found = _best_patch(filled, whole, weight, (top, left_edge), search)
        if found is not None:
            copies.append((top, left_edge, *found))
            source = filled[found[0] : found[0] + PATCH, found[1] : found[1] + PATCH]
            filled[patch][todo[patch]] = source[todo[patch]]
            ours = window * hole[patch]
            votes[patch] += _per_channel(ours, source) * source
            total[patch] += ours
        weight[patch][todo[patch]] = 1.0
        unfilled -= int(todo[patch].sum())
        front.fill(place, (top, left_edge), found)
        if told - unfilled >= holes / 100:
            progress.update(holes - unfilled, holes)
            progress.check()
            told = unfilled
    voted = total > 0
    filled[voted] = votes[voted] / _per_channel(total[voted], votes[voted])
    return filled, np.array(copies, np.int64).reshape(-1, 4)


class _Front:
    """The pixels of a hole next to those filled, taken in the order of Criminisi et al.
    2004: first where the patch around a pixel is most surely known (its in-picture part
    only, so that a pixel at the picture's edge is not held back), times how strongly a line
    or edge runs into the hole there. A line reaching the hole is so carried across before
    the texture on either side of it closes in, and along the picture's edge where it meets
    it in a corner, instead of the rings from the hole's longest side filling the most."""

    def __init__(self, filled: np.ndarray, todo: np.ndarray) -> None:
        self.todo = todo  # shared with the filling, and cleared here
        self.sure = (~todo).astype(np.float32)
        self.tensor = _tensor(filled)  # a copied pixel's is its source's
        self.priority = np.full(todo.shape, -1.0, np.float32)
        self.patch_sure = np.zeros(todo.shape, np.float32)
        self.places = _patch_sums(np.ones(todo.shape, np.float32))
        self.queue: list[tuple[float, int, int]] = []
        gradients = np.sqrt(self.tensor[..., 0] + self.tensor[..., 1])
        self.strength = float(np.percentile(gradients[~todo], 99)) + 1e-6
        self._rank(0, 0, *todo.shape)

    def next(self) -> tuple[int, int] | None:
        """The place of the pixel to fill around next, or None where the hole is filled."""
        while self.queue:
            rank, y, x = heapq.heappop(self.queue)
            if self.todo[y, x] and self.priority[y, x] == -rank:
                return y, x
        return None

    def fill(
        self, place: tuple[int, int], corner: tuple[int, int], source: tuple[int, int] | None
    ) -> None:
        """Marks the patch at ``corner`` (top, left), filled around ``place`` from the patch
        at ``source`` (None: left smooth), as filled."""
        top, left = corner
        patch = np.s_[top : top + PATCH, left : left + PATCH]
        new = self.todo[patch].copy()
        self.sure[patch][new] = self.patch_sure[place]
        if source is not None:
            origin = np.s_[source[0] : source[0] + PATCH, source[1] : source[1] + PATCH]
            self.tensor[patch][new] = self.tensor[origin][new]
        self.todo[patch] = False
        reach = PATCH // 2 + 1
        self._rank(top - reach, left - reach, top + PATCH + reach, left + PATCH + reach)

    def _rank(self, top: int, left: int, bottom: int, right: int) -> None:
        """Ranks the pixels of the front within rows ``top`` to ``bottom`` and columns
        ``left`` to ``right`` anew, from the picture around them within a margin."""
        height, width = self.todo.shape
        top, left, bottom, right = max(top, 0), max(left, 0), min(bottom, height), min(right, width)
        margin = PATCH // 2 + 1
        up, back = max(top - margin, 0), max(left - margin, 0)
        part = np.s_[up : min(bottom + margin, height), back : min(right + margin, width)]
        inner = np.s_[top - up : bottom - up, left - back : right - back]
        todo = self.todo[part]
        front = todo & (cv2.dilate((~todo).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)
        sure = _patch_sums(self.sure[part])[inner] / self.places[top:bottom, left:right]
        strength = _across(self.tensor[part], todo)[inner] / self.strength
        priority = sure * (np.minimum(strength, 1.0) + EDGELESS)
        self.priority[top:bottom, left:right] = np.where(front[inner], priority, -1.0)
        self.patch_sure[top:bottom, left:right] = sure
        for y, x in zip(*np.nonzero(front[inner]), strict=True):
            place = (int(y) + top, int(x) + left)
            heapq.heappush(self.queue, (-float(self.priority[place]), *place))


def _patch_sums(values: np.ndarray) -> np.ndarray:
    """The sum of ``values`` over the patch around each pixel, its in-picture part only."""
    return cv2.boxFilter(
        values, -1, (PATCH, PATCH), normalize=False, borderType=cv2.BORDER_CONSTANT
    )


def _tensor(picture: np.ndarray) -> np.ndarray:
    """The structure tensor of ``picture`` at each pixel: its gradients' squares and
    product, xx, yy and xy, summed over its channels (HxWx3)."""
    dx = cv2.Sobel(picture, cv2.CV_32F, 1, 0, borderType=cv2.BORDER_REPLICATE)
    dy = cv2.Sobel(picture, cv2.CV_32F, 0, 1, borderType=cv2.BORDER_REPLICATE)
    return cv2.merge([_dot(dx, dx), _dot(dy, dy), _dot(dx, dy)])


def _dot(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The product of ``first`` and ``second`` at each pixel, summed over their channels."""
    return first * second if first.ndim == 2 else np.einsum("ijk,ijk->ij", first, second)


def _across(tensor: np.ndarray, todo: np.ndarray) -> np.ndarray:
    """How strongly the lines and edges around each pixel run across the edge of ``todo``
    there: the gradient along that edge, from the structure ``tensor`` (``_tensor``'s) of
    the pixels not ``todo`` in the 3 by 3 square around it."""
    known = (~todo).astype(np.float32)
    count = np.maximum(cv2.boxFilter(known, -1, (3, 3), normalize=False), 1e-6)
    summed = cv2.boxFilter(tensor * known[..., None], -1, (3, 3), normalize=False)
    xx, yy, xy = cv2.split(summed / count[..., None])
    edge = todo.astype(np.float32)
    nx = cv2.Sobel(edge, cv2.CV_32F, 1, 0, borderType=cv2.BORDER_REPLICATE)
    ny = cv2.Sobel(edge, cv2.CV_32F, 0, 1, borderType=cv2.BORDER_REPLICATE)
    along = (nx * nx * yy - 2 * nx * ny * xy + ny * ny * xx) / np.maximum(nx * nx + ny * ny, 1e-12)
    return np.sqrt(np.maximum(along, 0.0))


def _per_channel(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``weights`` shaped to weigh ``values``, which may have a channel more."""
    return weights if weights.ndim == values.ndim else weights[..., None]


def _window(side: int) -> np.ndarray:
    """How much a patch of ``side`` pixels counts at each of its pixels, blended with those
    overlapping it: most in its middle."""
    window = cv2.getGaussianKernel(side, side / 4)
    return (window @ window.T).astype(np.float32)


def _best_patch(
    filled: np.ndarray,
    whole: np.ndarray,
    weight: np.ndarray,
    place: tuple[int, int],
    search: int,
) -> tuple[int, int] | None:
    """The top and left of the patch within ``search`` pixels of the patch at ``place``
    (top, left) of ``filled`` that is ``whole`` (says its top left pixel) and best matches
    it (least squared difference, each pixel counted by its ``weight``), or None where there
    is none."""
    height, width = whole.shape
    top, left = place
    up, down = max(0, top - search), min(height, top + PATCH + search)
    back, on = max(0, left - search), min(width, left + PATCH + search)
    template = np.ascontiguousarray(filled[top : top + PATCH, left : left + PATCH])
    weights = np.ascontiguousarray(weight[top : top + PATCH, left : left + PATCH])
    if template.ndim == 3:
        weights = np.repeat(weights[..., None], template.shape[2], axis=2)
    area = filled[up:down, back:on]
    scores = cv2.matchTemplate(area, template, cv2.TM_SQDIFF, mask=weights)
    usable = whole[up : up + scores.shape[0], back : back + scores.shape[1]]
    if not usable.any():
        return None
    scores = np.where(usable & np.isfinite(scores), scores, np.inf)
    y, x = np.unravel_index(int(np.argmin(scores)), scores.shape)
    return up + int(y), back + int(x)


def _relaxed(picture: np.ndarray, hole: np.ndarray, reach: float) -> np.ndarray:
    """``picture`` with its ``hole`` (filled roughly) made as smooth as the picture around
    allows: each of its pixels the mean of its neighbours, step by step, as many steps as
    it takes to settle across a hole reaching ``reach`` pixels from its edge. Navier-Stokes
    carries the lines around inward, but leaves streaks and dips where light changes
    smoothly across a wide hole; this takes them out."""
    height, width = hole.shape
    rows, columns = np.nonzero(hole)
    neighbours = np.stack([
        np.clip(rows + down, 0, height - 1) * width + np.clip(columns + across, 0, width - 1)
        for down in (-1, 0, 1) for across in (-1, 0, 1)
    ])  # fmt: skip
    places = rows * width + columns
    relaxed = picture.reshape(height * width, -1).copy()
    for _ in range(ceil(RELAXING * max(reach, 1.0) ** 2)):
        relaxed[places] = relaxed[neighbours].mean(axis=0)
    return relaxed.reshape(picture.shape)


def _texture(
    detail: np.ndarray,
    known: np.ndarray,
    wanted: np.ndarray,
    copies: np.ndarray,
    scale: int,
    seed: Seed,
    progress: Progress,
) -> np.ndarray:
    """The texture for each ``wanted`` pixel: the ``detail`` of the picture copied from
    where its structure was (``copies``, ``_copied``'s, at ``scale``), from ``known`` pixels
    only, blended as the structure was; where the patches over a pixel weigh less than
    ``SURE`` of a patch's middle, mixed with grain of the strength around (drawn from
    ``seed``), so that the texture keeps its strength and no seam shows. ``progress`` hears
    how many patches are copied, and may stop it between them."""
    height, width = known.shape
    channels = detail[..., None] if detail.ndim == 2 else detail
    side = PATCH * scale
    window = _window(side)
    votes = np.zeros(channels.shape, np.float32)
    total = np.zeros(known.shape, np.float32)
    told = len(copies) // TEXTURE_STEPS + 1
    for number, (top, left, from_top, from_left) in enumerate(copies * scale):
        if number % told == 0:
            progress.update(1 + number / len(copies), WIDE_STEPS)
            progress.check()
        high = min(side, height - top, height - from_top)
        wide = min(side, width - left, width - from_left)
        to = np.s_[top : top + high, left : left + wide]
        source = np.s_[from_top : from_top + high, from_left : from_left + wide]
        weight = window[:high, :wide] * known[source] * wanted[to]
        votes[to] += weight[..., None] * channels[source]
        total[to] += weight
    progress.check()
    weights = total[wanted][:, None]
    sure = np.minimum(weights / (SURE * window.max()), 1.0)
    noise = np.random.default_rng(seed).standard_normal(weights.shape, np.float32)
    grain = noise * _grain(channels, wanted.astype(np.uint8))
    texture = sure * votes[wanted] / np.maximum(weights, 1e-6) + np.sqrt(1 - sure**2) * grain
    return texture.reshape(-1, *detail.shape[2:])


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
