"""Restoring one part of a picture as restoring the whole would make it: to judge the settings
on a large scan in a second or two, where the whole takes a minute.

The part is cut out with a margin wide enough for every model of the chain to see around it
what it sees in the whole picture (each model's tile context, once per pass), its corners on
the networks' pixel grid, so the part comes out as the same part of the whole result (within a
level of 255, as tiles do; a model that leans on the whole picture only roughly)."""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass

import numpy as np

from engine.added_grain import add_grain
from engine.alpha_resize import area_taps, resized_alpha, rounded, weighted_along
from engine.errors import RekindleError
from engine.fading import FadingFix
from engine.output_size import whole_scale
from engine.pixels import bands, is_grey
from engine.progress import Progress
from engine.restorer import RestoreOptions, Restorer, fill_then_enlarge, passes
from engine.retouch.fill import Box, fill_marks
from engine.words import say


@dataclass(frozen=True)
class Region:
    """A rectangle of a picture's pixels."""

    x: int
    y: int
    width: int
    height: int

    @classmethod
    def parse(cls, text: str) -> Region:
        """A region from "X,Y,WIDTH,HEIGHT" (the command line's ``--part``)."""
        try:
            x, y, width, height = (int(part) for part in text.split(","))
        except ValueError:
            message = say(
                "{text} is not a part; write it as X,Y,WIDTH,HEIGHT in pixels", text=repr(text)
            )
            raise RekindleError(message) from None
        return cls(x, y, width, height)

    def capped(self, most_pixels: int) -> Region:
        """This region, or its centred part of at most ``most_pixels`` with the same shape."""
        area = self.width * self.height
        if area <= most_pixels:
            return self
        shrink = math.sqrt(most_pixels / area)
        width = max(1, int(self.width * shrink))
        height = max(1, int(self.height * shrink))
        x = self.x + (self.width - width) // 2
        y = self.y + (self.height - height) // 2
        return Region(x, y, width, height)


def context_margin(restorer: Restorer, scale_out: int) -> int:
    """Input pixels around a part that every model of the chain needs to see: the sum of their
    tile contexts, the enlarging model's once per pass (a context at a larger scale needs
    fewer input pixels, so the sum is enough)."""
    chain = restorer.chain
    main = chain.model.descriptor.tile_context * passes(restorer.scale, scale_out)
    stages = (*chain.before, *chain.after)
    return main + sum(stage.descriptor.tile_context for stage in stages)


def grid(restorer: Restorer) -> int:
    """The pixel grid every model of the chain tiles on (their size multiples' common one)."""
    chain = restorer.chain
    return math.lcm(*(m.descriptor.size_multiple for m in (*chain.before, chain.model)))


def restore_part(
    restorer: Restorer,
    pixels: np.ndarray,
    region: Region,
    options: RestoreOptions | None = None,
    progress: Progress | None = None,
    fading: FadingFix | None = None,
    marks: np.ndarray | None = None,
) -> np.ndarray:
    """The restored pixels of ``region`` of ``pixels`` (a picture's gray or colour pixels), as
    ``restorer.restore`` makes them for the whole picture with ``options``; ``fading``: the
    fix measured on the whole picture, applied when the options ask for one; ``marks``: the
    spots and scratches to fill first, on the whole picture (found or made by hand: see
    ``engine.restorer.spot_marks``)."""
    options = options or RestoreOptions()
    height, width = pixels.shape[:2]
    inside = region.x >= 0 and region.y >= 0 and region.width > 0 and region.height > 0
    if not inside or region.x + region.width > width or region.y + region.height > height:
        raise RekindleError(
            say(
                "the part {width}x{height} at {x},{y} is not inside "
                "the {picture_width}x{picture_height} picture",
                width=region.width,
                height=region.height,
                x=region.x,
                y=region.y,
                picture_width=width,
                picture_height=height,
            )
        )
    size = restorer.output_size(width, height, options)
    scale = whole_scale(width, height, size)
    shown = _shown(region, (width, height), size)
    needed = _source_of(shown, (width, height), size, scale)
    filling, enlarging = fill_then_enlarge(progress, marks)
    margin, step = context_margin(restorer, scale), grid(restorer)
    left = max(0, needed.x - margin) // step * step
    top = max(0, needed.y - margin) // step * step
    right = min(width, needed.x + needed.width + margin)
    bottom = min(height, needed.y + needed.height + margin)
    filled = fill_marks(pixels, marks, Box(left, top, right, bottom), progress=filling).pixels
    crop = filled[top:bottom, left:right]
    fix = fading if options.fix_fading else None
    if fix is not None:
        crop = fix.apply(crop)
    grey = _grey_as_a_whole(pixels, marks, fix)
    enlarged = restorer.enlarge(crop, scale, enlarging, options.tile, options.ensemble, grey)
    y, x = (needed.y - top) * scale, (needed.x - left) * scale
    part = enlarged[y : y + needed.height * scale, x : x + needed.width * scale]
    if size != (width * scale, height * scale):
        offset = (needed.x * scale, needed.y * scale)
        part = _area_reduced(part, offset, shown, (width * scale, height * scale), size)
    part = np.ascontiguousarray(part)
    return add_grain(part, options.grain, origin=(shown.x, shown.y), whole_width=size[0])


def _shown(region: Region, whole: tuple[int, int], size: tuple[int, int]) -> Region:
    """The part of the whole picture's result, of ``size``, that ``region`` of the
    ``whole`` (width, height) picture becomes."""
    (width, height), (out_width, out_height) = whole, size
    x = min(round(region.x * out_width / width), out_width - 1)
    y = min(round(region.y * out_height / height), out_height - 1)
    return Region(
        x,
        y,
        max(1, min(round(region.width * out_width / width), out_width - x)),
        max(1, min(round(region.height * out_height / height), out_height - y)),
    )


def _source_of(shown: Region, whole: tuple[int, int], size: tuple[int, int], scale: int) -> Region:
    """The region of the ``whole`` (width, height) picture whose enlargement by ``scale``
    holds every pixel that reducing the whole enlargement to ``size`` by area averages into
    the ``shown`` part of the result."""
    x, width = _source_span(shown.x, shown.width, whole[0] * scale, size[0], scale)
    y, height = _source_span(shown.y, shown.height, whole[1] * scale, size[1], scale)
    return Region(x, y, width, height)


def _source_span(
    start: int, length: int, enlarged: int, reduced: int, scale: int
) -> tuple[int, int]:
    """The first source pixel and the count whose enlargement by ``scale`` covers output
    pixels ``start`` to ``start + length`` of an ``enlarged`` line reduced to ``reduced``."""
    first = start * enlarged // reduced
    last = -(-(start + length) * enlarged // reduced)
    first, last = first // scale, -(-last // scale)
    return first, last - first


def _area_reduced(
    part: np.ndarray,
    offset: tuple[int, int],
    shown: Region,
    enlarged: tuple[int, int],
    size: tuple[int, int],
) -> np.ndarray:
    """The ``shown`` part of the whole enlargement, of ``enlarged`` (width, height), reduced
    to ``size`` by area as ``cv2.INTER_AREA`` reduces the whole (each result pixel the mean
    of the enlarged ones it covers, in part where it covers part): from ``part``, the
    enlargement's pixels from ``offset`` (x, y) on. Resizing the part alone would spread
    its own edges over the result's grid instead, a fraction of a pixel away."""
    rows = area_taps(shown.y, shown.height, enlarged[1], size[1], offset[1])
    columns = area_taps(shown.x, shown.width, enlarged[0], size[0], offset[0])
    reduced = weighted_along(weighted_along(part.astype(np.float32), 0, *rows), 1, *columns)
    return rounded(reduced, part.dtype)


def part_alpha(alpha: np.ndarray, region: Region, size: tuple[int, int]) -> np.ndarray:
    """The alpha of the part of the whole result, of ``size`` (width, height), that
    ``region`` of a picture whose alpha is ``alpha`` becomes: that part of the whole alpha
    as ``Restorer.restore`` resizes it (``resized_alpha``), so the part's edges are not its
    own."""
    height, width = alpha.shape
    return resized_alpha(alpha, size, astuple(_shown(region, (width, height), size)))


def _grey_as_a_whole(
    pixels: np.ndarray, marks: np.ndarray | None, fading: FadingFix | None
) -> bool:
    """Whether restoring the whole picture makes it grey: ``is_grey`` on the whole as
    ``Restorer.restore`` gives it to the networks (its fading fixed by ``fading``), a band of
    rows at a time, its marked pixels left out (they are filled from the picture around
    them, and a part fills only those near it). A grey-ish part of a colour photo keeps the
    colour the whole restore gives it."""
    if pixels.ndim == 2:
        return True
    for rows in bands(pixels):
        band = pixels[rows] if fading is None else fading.apply(pixels[rows])
        if not is_grey(band, left_out=None if marks is None else marks[rows]):
            return False
    return True
