"""How large a result is: a scale, a long side in pixels, or a print size at a resolution,
and what sizes the formats and common viewers can take.

A long side is met exactly, and a print size as closely as the photo's shape allows (it fits
within the print, nothing cropped): the model enlarges to the smallest whole scale that
reaches it and the result is then reduced, by area averaging, to that size.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from engine.errors import RekindleError
from engine.words import say

MM_PER_INCH = 25.4
LARGE_MEGAPIXELS = 100
"""Above this, many viewers and editors refuse a picture or take minutes to open it."""
MAX_SIDE = {".jpg": 65_535, ".jpeg": 65_535, ".webp": 16_383}
"""The longest side each format can record (PNG, TIFF and BMP take far more than fits in
memory)."""
FILM_4K = (3840, 2160)
"""UHD 4K: few players, editors and broadcast chains take a film larger than this."""
PRINT_PATTERN = re.compile(r"^\s*([\d.]+)\s*[x×]\s*([\d.]+)\s*(cm|mm|in)\s*$", re.IGNORECASE)
UNIT_MM = {"cm": 10.0, "mm": 1.0, "in": MM_PER_INCH}


@dataclass(frozen=True)
class OutputSize:
    """The size to restore to. ``long_side`` (pixels) or ``print_mm`` (the print's two sides,
    either way round) at ``dpi``; neither: the model's scale or the chosen one."""

    long_side: int | None = None
    print_mm: tuple[float, float] | None = None
    dpi: int = 300

    def __post_init__(self) -> None:
        if self.long_side is not None and self.long_side < 1:
            raise RekindleError(say("the long side must be at least one pixel"))
        if self.print_mm is not None and min(self.print_mm) <= 0:
            raise RekindleError(say("a print size needs two sides longer than zero"))
        if self.dpi < 1:
            raise RekindleError(say("the resolution must be at least 1 dpi"))

    @property
    def asked(self) -> bool:
        """Whether a size in pixels or print was asked for (else the scale decides)."""
        return self.long_side is not None or self.print_mm is not None

    def fits(self, width: int, height: int) -> tuple[int, int] | None:
        """The (width, height) a ``width`` x ``height`` picture is restored to, keeping its
        shape; None when no size in pixels or print was asked for."""
        if self.long_side is not None:
            factor = self.long_side / max(width, height)
        elif self.print_mm is not None:
            long_px, short_px = (
                side / MM_PER_INCH * self.dpi for side in sorted(self.print_mm)[::-1]
            )
            factor = min(long_px / max(width, height), short_px / min(width, height))
        else:
            return None
        return max(1, round(width * factor)), max(1, round(height * factor))


def restored_size(width: int, height: int, size: OutputSize | None, scale: int) -> tuple[int, int]:
    """The (width, height) a ``width`` x ``height`` picture is restored to: the size asked for
    in pixels or print, else ``scale`` times its own."""
    fitted = size.fits(width, height) if size is not None else None
    return fitted or (width * scale, height * scale)


def parse_print_size(text: str) -> tuple[float, float]:
    """ "20x30cm", "8 x 10 in", "130x180mm" as the print's two sides in millimetres."""
    match = PRINT_PATTERN.match(text)
    if match is None:
        raise RekindleError(
            say("{text} is not a print size; write it like 20x30cm, 8x10in", text=repr(text))
        )
    unit = UNIT_MM[match.group(3).lower()]
    return float(match.group(1)) * unit, float(match.group(2)) * unit


def whole_scale(width: int, height: int, size: tuple[int, int]) -> int:
    """The smallest whole scale that makes a ``width`` x ``height`` picture at least ``size``."""
    return max(1, math.ceil(max(size[0] / width, size[1] / height) - 1e-9))


def check_size(width: int, height: int, suffix: str, name: str) -> str | None:
    """Refuse (``RekindleError``) a size the format cannot record; a warning sentence for one
    that common viewers may not open, else None."""
    limit = MAX_SIDE.get(suffix.lower())
    if limit is not None and max(width, height) > limit:
        raise RekindleError(
            say(
                "{name}: {width}x{height} is larger than {suffix} can hold ({limit} px a side); "
                "choose a smaller size or save as PNG or TIFF",
                name=name,
                width=width,
                height=height,
                suffix=suffix.lower(),
                limit=limit,
            )
        )
    megapixels = width * height / 1e6
    if megapixels > LARGE_MEGAPIXELS:
        return say(
            "{name} will be {width}x{height} ({megapixels:.0f} MP): many viewers cannot open "
            "pictures over {limit} MP; a smaller output size avoids it",
            name=name,
            width=width,
            height=height,
            megapixels=megapixels,
            limit=LARGE_MEGAPIXELS,
        )
    return None


def beyond_4k(width: int, height: int) -> bool:
    """Whether a film frame has more pixels than 4K's (a wider, shorter frame may still fit)."""
    return width * height > FILM_4K[0] * FILM_4K[1]
