"""A before-and-after picture of a restoration, to show or to share: the original, enlarged to
the result's size, left of a thin white line, and the result right of it, as the app's viewer
shows them split by its slider. Where either has alpha the picture has too (each half its
own), so what lies under a transparent part stays hidden: a PNG keeps it, and a JPEG lays the
picture over white as any picture saved so. Both halves are in one colour profile, which the
picture carries: the original's and the result's where they came with the same one, else sRGB,
each converted through its own, in its depth (a grey scan in a Dot Gain profile shows its
greys as it does). It is a picture of its own, not a copy of the result: it prints as large
as the result (``_dpi``) and carries the result's words about the photo (``_words``), but
neither its EXIF nor its XMP."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from engine import icc
from engine.alpha_resize import resized_alpha
from engine.errors import RekindleError
from engine.imageio import Picture, Resolution, print_resolution, read_picture, write_picture
from engine.pixels import as_rgb, peak
from engine.text_metadata import TextMetadata
from engine.words import say

LINE_SHARE = 1 / 500  # the line's width, as a share of the picture's width (2 pixels at least)
QUALITY = 92  # a comparison's JPEG quality: it is for looking at, not for keeping
LONG_SIDE = 4096
"""A comparison's longer side at most, unless asked otherwise: it is for showing and sharing,
and a 4x enlargement of a large scan would take gigabytes at full size."""


def comparison(
    before: np.ndarray, after: np.ndarray, split: float = 0.5, long_side: int | None = LONG_SIDE
) -> np.ndarray:
    """``before`` (grey or RGB, 8 or 16 bits) enlarged smoothly to the size of ``after``, left
    of ``split`` (a share of the width, 0 to 1), and ``after`` right of it, with a white line
    between; in ``after``'s depth, RGB, both made smaller first where ``after``'s longer side
    is beyond ``long_side`` (None: never)."""
    if not 0.0 <= split <= 1.0:
        raise ValueError(f"the split must lie between 0 and 1, not {split}")
    before, after = _fitted(before, after, long_side)
    return _halves(as_rgb(before), as_rgb(after).copy(), split)


def _comparison_alpha(
    before: Picture, after: Picture, split: float, long_side: int | None
) -> np.ndarray | None:
    """The alpha of ``comparison`` of the two pictures: ``before``'s left of the line,
    ``after``'s right of it (a picture without alpha opaque), the line opaque; None where
    neither has alpha."""
    if before.alpha is None and after.alpha is None:
        return None
    before_alpha, after_alpha = _fitted(_alpha(before), _alpha(after), long_side, resized_alpha)
    return _halves(before_alpha, after_alpha.copy(), split)


def _alpha(picture: Picture) -> np.ndarray:
    """The picture's alpha; opaque where it has none."""
    if picture.alpha is not None:
        return picture.alpha
    return np.full(picture.pixels.shape[:2], peak(picture.pixels.dtype), picture.pixels.dtype)


def _resized(pixels: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``pixels`` brought to ``size`` (width, height): averaged by area where they are made
    smaller, else enlarged smoothly."""
    smaller = pixels.shape[1] > size[0] or pixels.shape[0] > size[1]
    interpolation = cv2.INTER_AREA if smaller else cv2.INTER_CUBIC
    return cv2.resize(pixels, size, interpolation=interpolation)


def _fitted(
    before: np.ndarray,
    after: np.ndarray,
    long_side: int | None,
    resize: Callable[[np.ndarray, tuple[int, int]], np.ndarray] = _resized,
) -> tuple[np.ndarray, np.ndarray]:
    """``after``, made smaller where its longer side is beyond ``long_side``, and ``before``
    brought to its size and depth, each by ``resize`` (to a (width, height))."""
    height, width = after.shape[:2]
    if long_side is not None and max(height, width) > long_side:
        factor = long_side / max(height, width)
        width, height = max(1, round(width * factor)), max(1, round(height * factor))
        after = resize(after, (width, height))
    if before.shape[:2] != (height, width):
        before = resize(before, (width, height))
    return _in_depth(before, after.dtype), after


def _in_depth(pixels: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``pixels`` (8 or 16 bits) with the levels of ``dtype`` (uint8 or uint16)."""
    if pixels.dtype == dtype:
        return pixels
    return np.round(pixels.astype(np.float32) * (peak(dtype) / peak(pixels.dtype))).astype(dtype)


def _in_one_profile(
    before: Picture, after: Picture, long_side: int | None
) -> tuple[np.ndarray, np.ndarray, bytes | None]:
    """The two pictures' pixels at the comparison's size (``_fitted``), their levels in one
    colour profile, and that profile: as they are where both came with the same one (the
    writer converts a grey profile's tones for both halves alike), else each converted to
    sRGB (``icc.srgb_levels``), with sRGB's. Converted at the comparison's size, not the result's,
    which may have hundreds of megapixels."""
    before_pixels, after_pixels = _fitted(before.pixels, after.pixels, long_side)
    if before.icc_profile == after.icc_profile:
        return before_pixels, after_pixels, after.icc_profile
    before_pixels = icc.srgb_levels(before_pixels, before.icc_profile)
    return before_pixels, icc.srgb_levels(after_pixels, after.icc_profile), icc.srgb_profile()


def _halves(before: np.ndarray, shown: np.ndarray, split: float) -> np.ndarray:
    """``shown`` with ``before`` (the same size and kind) left of ``split`` and the line at
    its brightest."""
    width = shown.shape[1]
    column = round(split * width)
    shown[:, :column] = before[:, :column]
    line = max(2, round(LINE_SHARE * width))
    left = min(max(0, column - line // 2), max(0, width - line))
    shown[:, left : left + line] = peak(shown.dtype)
    return shown


def write_comparison(
    original: str | os.PathLike,
    result: str | os.PathLike | Picture,
    out: str | os.PathLike,
    split: float = 0.5,
    long_side: int | None = LONG_SIDE,
    decorate: Callable[[Picture], Picture] | None = None,
) -> Path:
    """Write the comparison of the photo ``original`` and its ``result`` (a file, or a picture
    not saved yet) to ``out`` (its extension names the format), at most ``long_side`` pixels
    long, atomically, never over a file (a taken name gets a number) and never over either of
    them; the name it got. ``decorate`` draws on the comparison before it is written (the
    app's labels)."""
    original = Path(original)
    after = result if isinstance(result, Picture) else read_picture(result)
    before = read_picture(original)
    _refuse_another_shape(before, after, original, result)
    before_pixels, after_pixels, profile = _in_one_profile(before, after, long_side)
    pixels = comparison(before_pixels, after_pixels, split, long_side=None)
    alpha = _comparison_alpha(before, after, split, long_side)
    picture = Picture(
        pixels,
        alpha,
        profile,
        None,
        after.source_format,
        dpi=_dpi(after, pixels.shape[1]),
        text_metadata=_words(after.text_metadata),
    )
    if decorate is not None:
        picture = decorate(picture)
    forbid = [original] if isinstance(result, Picture) else [original, Path(result)]
    return write_picture(picture, out, quality=QUALITY, forbid=forbid, replace=False)


def _refuse_another_shape(
    before: Picture, after: Picture, original: Path, result: str | os.PathLike | Picture
) -> None:
    """Refuse a result whose sides are not in the original's proportion, naming it: its file,
    or, not saved yet, the original's result."""
    if abs(_aspect(before.pixels) - _aspect(after.pixels)) <= 0.02 * _aspect(after.pixels):
        return
    if isinstance(result, Picture):
        raise RekindleError(
            say(
                "{original}: its result is not the same shape, so the two cannot be compared "
                "side by side",
                original=original.name,
            )
        )
    raise RekindleError(
        say(
            "{name}: the result is not the same shape as {original}, so the two cannot be "
            "compared side by side",
            name=Path(result).name,
            original=original.name,
        )
    )


def _aspect(pixels: np.ndarray) -> float:
    height, width = pixels.shape[:2]
    return width / height


def _dpi(after: Picture, width: int) -> Resolution | None:
    """The comparison's resolution across and down, ``width`` pixels across: the result's
    (its header's, or its EXIF's, where a TIFF or WebP says it) times the comparison's share
    of its width, so that it prints as large as the result; None where the result has
    none."""
    dpi = print_resolution(after)
    share = width / after.width
    return None if dpi is None else Resolution(*(max(1, round(side * share)) for side in dpi))


def _words(text: TextMetadata) -> TextMetadata:
    """What of the result's text metadata a comparison carries: its IPTC record and PNG text,
    which hold words about the photo alone (a caption, keywords, its creator and rights),
    true of any picture of it. Neither its XMP nor its sidecar: XMP names the result as a
    document (its IDs, what it was derived from) and holds an editor's settings for its
    pixels (Lightroom's and Camera Raw's crop and develop settings), which would make a
    catalogue take the comparison for the result, or crop and re-develop it."""
    return replace(text, xmp=None, sidecar=None)
