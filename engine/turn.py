"""Turning a photo a quarter or half turn: a print scanned on its side, or cut from a scan by
Split Scan into Prints lying sideways. The photo is never touched; a turned copy is written,
in its own format where that keeps every pixel (PNG, TIFF, BMP), else as a PNG (a JPEG, WebP
or HEIC written again would lose a little more each time)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from engine.file_names import STEM_MAX, name_with_tail
from engine.imageio import Picture, print_resolution, quarter_turned, read_picture, write_picture

TURNED = " turned"
"""Added to a turned copy's name."""
LOSSLESS = (".png", ".tif", ".tiff", ".bmp")
"""Extensions whose files are turned into their own format; the rest become PNG."""


def turned_pixels(pixels: np.ndarray, quarter_turns: int) -> np.ndarray:
    """``pixels`` (a picture, its alpha, or marks on it) turned ``quarter_turns`` quarter
    turns clockwise (negative: the other way)."""
    return np.ascontiguousarray(np.rot90(pixels, -quarter_turns, axes=(0, 1)))


def turned(picture: Picture, quarter_turns: int) -> Picture:
    """``picture`` turned ``quarter_turns`` quarter turns clockwise, its alpha and its
    resolution across and down with it."""
    alpha = None if picture.alpha is None else turned_pixels(picture.alpha, quarter_turns)
    dpi = quarter_turned(print_resolution(picture)) if quarter_turns % 2 else picture.dpi
    pixels = turned_pixels(picture.pixels, quarter_turns)
    return replace(picture, pixels=pixels, alpha=alpha, dpi=dpi)


def turn_file(path: str | os.PathLike, quarter_turns: int, out_dir: str | os.PathLike) -> Path:
    """Write the photo at ``path`` turned ``quarter_turns`` quarter turns clockwise into
    ``out_dir`` as ``<name> turned.<ext>`` (a name taken gets a number; a turned copy turned
    again keeps its name), atomically; the photo is only read. Returns the file written."""
    path, out_dir = Path(path), Path(out_dir)
    suffix = path.suffix.lower() if path.suffix.lower() in LOSSLESS else ".png"
    picture = turned(read_picture(path), quarter_turns)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = path.stem.removesuffix(TURNED)  # a copy turned again is not "turned turned"
    target = out_dir / f"{name_with_tail(stem, TURNED, STEM_MAX)}{suffix}"
    return write_picture(picture, target, forbid=[path], replace=False)
