"""Restoring one part of a picture as restoring the whole would make it: to judge the settings
on a large scan in a second or two, where the whole takes a minute.

The part is cut out with a margin wide enough for every model of the chain to see around it
what it sees in the whole picture (each model's tile context, once per pass), its corners on
the networks' pixel grid, so the part comes out as the same part of the whole result (within a
level of 255, as tiles do; a model that leans on the whole picture only roughly)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from engine.added_grain import add_grain
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
    margin, step = context_margin(restorer, scale), grid(restorer)
    left = max(0, region.x - margin) // step * step
    top = max(0, region.y - margin) // step * step
    right = min(width, region.x + region.width + margin)
    bottom = min(height, region.y + region.height + margin)
    filling, enlarging = fill_then_enlarge(progress, marks)
    filled = fill_marks(pixels, marks, Box(left, top, right, bottom), progress=filling).pixels
    crop = filled[top:bottom, left:right]
    fix = fading if options.fix_fading else None
    if fix is not None:
        crop = fix.apply(crop)
    grey = _grey_as_a_whole(pixels, marks, fix)
    enlarged = restorer.enlarge(crop, scale, enlarging, options.tile, options.ensemble, grey)
    y, x = (region.y - top) * scale, (region.x - left) * scale
    part = enlarged[y : y + region.height * scale, x : x + region.width * scale]
    if size == (width * scale, height * scale):
        origin = (region.x * scale, region.y * scale)
        part = np.ascontiguousarray(part)
    else:
        shown = (
            max(1, round(region.width * size[0] / width)),
            max(1, round(region.height * size[1] / height)),
        )
        origin = (round(region.x * size[0] / width), round(region.y * size[1] / height))
        part = cv2.resize(part, shown, interpolation=cv2.INTER_AREA)
    return add_grain(part, options.grain, origin=origin, whole_width=size[0])


def part_alpha(alpha: np.ndarray, region: Region, shape: tuple[int, ...]) -> np.ndarray:
    """The alpha of ``region`` of a picture whose alpha is ``alpha``, enlarged on its own (as
    ``Restorer.restore`` enlarges the whole one) to its restored pixels' ``shape``."""
    crop = alpha[region.y : region.y + region.height, region.x : region.x + region.width]
    return cv2.resize(crop, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)


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
