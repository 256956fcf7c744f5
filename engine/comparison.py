"""A before-and-after picture of a restoration, to show or to share: the original, enlarged to
the result's size, left of a thin white line, and the result right of it, as the app's viewer
shows them split by its slider. Where either has alpha the picture has too (each half its
own), so what lies under a transparent part stays hidden: a PNG keeps it, and a JPEG lays the
picture over white as any picture saved so."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from engine.errors import RekindleError
from engine.imageio import Picture, read_picture, write_picture
from engine.pixels import as_rgb, peak
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
    before_alpha, after_alpha = _fitted(_alpha(before), _alpha(after), long_side)
    return _halves(before_alpha, after_alpha.copy(), split)


def _alpha(picture: Picture) -> np.ndarray:
    """The picture's alpha; opaque where it has none."""
    if picture.alpha is not None:
        return picture.alpha
    return np.full(picture.pixels.shape[:2], peak(picture.pixels.dtype), picture.pixels.dtype)


def _fitted(
    before: np.ndarray, after: np.ndarray, long_side: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """``after``, made smaller where its longer side is beyond ``long_side``, and ``before``
    brought to its size and depth."""
    height, width = after.shape[:2]
    if long_side is not None and max(height, width) > long_side:
        factor = long_side / max(height, width)
        width, height = max(1, round(width * factor)), max(1, round(height * factor))
        after = cv2.resize(after, (width, height), interpolation=cv2.INTER_AREA)
    if before.shape[:2] != (height, width):
        smaller = before.shape[1] > width
        interpolation = cv2.INTER_AREA if smaller else cv2.INTER_CUBIC
        before = cv2.resize(before, (width, height), interpolation=interpolation)
    if before.dtype != after.dtype:
        before = np.round(before.astype(np.float32) * (peak(after.dtype) / peak(before.dtype)))
        before = before.astype(after.dtype)
    return before, after


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
) -> Path:
    """Write the comparison of the photo ``original`` and its ``result`` (a file, or a picture
    not saved yet) to ``out`` (its extension names the format), at most ``long_side`` pixels
    long, atomically, never over a file (a taken name gets a number) and never over either of
    them; the name it got."""
    original = Path(original)
    after = result if isinstance(result, Picture) else read_picture(result)
    before = read_picture(original)
    if abs(_aspect(before.pixels) - _aspect(after.pixels)) > 0.02 * _aspect(after.pixels):
        raise RekindleError(
            say(
                "{name}: the result is not the same shape as {original}, so the two cannot be "
                "compared side by side",
                name=Path(out).name,
                original=original.name,
            )
        )
    pixels = comparison(before.pixels, after.pixels, split, long_side)
    alpha = _comparison_alpha(before, after, split, long_side)
    picture = replace(after, pixels=pixels, alpha=alpha, exif=None)
    forbid = [original] if isinstance(result, Picture) else [original, Path(result)]
    return write_picture(picture, out, quality=QUALITY, forbid=forbid, replace=False)


def _aspect(pixels: np.ndarray) -> float:
    height, width = pixels.shape[:2]
    return width / height
