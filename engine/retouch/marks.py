"""Marks kept as files: a PNG the size of the photo, white where spots and scratches are to
be filled and black elsewhere, so that any paint program can make or change one."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np

from engine.imageio import Picture, read_picture, write_picture
from engine.words import say

MARKED = 255


def read_marks(path: str | os.PathLike) -> np.ndarray:
    """The marks in ``path``: HxW uint8, 255 where a pixel is at least half white, else 0."""
    picture = read_picture(path)
    pixels = picture.pixels if picture.pixels.ndim == 2 else picture.pixels.max(axis=2)
    half = (int(np.iinfo(pixels.dtype).max) + 1) // 2
    return np.where(pixels >= half, np.uint8(MARKED), np.uint8(0))


def write_marks(
    path: str | os.PathLike,
    marks: np.ndarray,
    forbid: Iterable[str | os.PathLike] = (),
    *,
    replace: bool = True,
) -> Path:
    """Save ``marks`` (HxW, non-zero where marked) as a black and white PNG, atomically, never
    over a path in ``forbid`` (nor over any file unless ``replace``: see ``write_picture``)."""
    pixels = np.where(marks > 0, np.uint8(MARKED), np.uint8(0))
    picture = Picture(pixels, None, None, None, "png")
    return write_picture(picture, path, forbid=forbid, replace=replace)


def count_places(marks: np.ndarray) -> int:
    """How many separate places are marked (pixels touching, corners too, make one)."""
    return cv2.connectedComponents((marks > 0).astype(np.uint8), connectivity=8)[0] - 1


def marks_digest(marks: np.ndarray) -> str:
    """A short fingerprint of where the marks are: two sets of marks make the same result
    exactly when their fingerprints match."""
    packed = np.packbits(marks > 0)
    shape = f"{marks.shape[0]}x{marks.shape[1]}".encode()
    return hashlib.sha256(shape + packed.tobytes()).hexdigest()[:12]


def marks_misfit(marks: np.ndarray, width: int, height: int) -> str | None:
    """Why ``marks`` cannot be filled on a photo of ``width`` by ``height`` pixels, in words:
    they are of another size; None where they fit."""
    if marks.shape == (height, width):
        return None
    high, wide = marks.shape
    return say(
        "the marks are {marks_width}x{marks_height}, but the photo is {width}x{height}: "
        "marks are drawn on a picture of the photo's own size",
        marks_width=wide,
        marks_height=high,
        width=width,
        height=height,
    )
