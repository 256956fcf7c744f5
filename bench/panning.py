"""Frames of a camera panning across a real photo, for the benchmarks of the film cleanups
(dust.py, grain.py, flicker.py): the photo read and sized, its frames with or without grain,
and the frame sizes their command lines take."""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from engine.imageio import read_picture
from engine.pixels import to_rgb8

STEP = 2  # pixels the camera pans a frame
SIZES = [(640, 480), (1920, 1080), (3840, 2160)]  # the frames timed unless told


def photo(path: Path, size: tuple[int, int] | None = None, frames: int = 0) -> np.ndarray:
    """The photo at ``path`` as 8-bit RGB; with ``size`` (width, height), made that size plus
    the width ``frames`` frames of panning take."""
    pixels = to_rgb8(read_picture(path).pixels)
    if size is None:
        return pixels
    return cv2.resize(pixels, (size[0] + STEP * frames, size[1]), interpolation=cv2.INTER_AREA)


def pan(picture: np.ndarray, frames: int) -> list[np.ndarray]:
    """``frames`` frames of a camera panning ``STEP`` pixels a frame across ``picture``."""
    width = picture.shape[1] - STEP * frames
    return [picture[:, n * STEP : n * STEP + width] for n in range(frames)]


def with_grain(frame: np.ndarray, levels: float, rng: np.random.Generator) -> np.ndarray:
    """``frame`` with film grain of ``levels`` in luminance, correlated over about a pixel."""
    grain = cv2.GaussianBlur(rng.normal(0, 1, frame.shape[:2]).astype(np.float32), (0, 0), 0.7)
    grainy = frame.astype(np.float32) + (levels / grain.std()) * grain[..., None]
    return np.clip(np.rint(grainy), 0, 255).astype(np.uint8)


def add_sizes(parser: argparse.ArgumentParser) -> None:
    """``--sizes WxH ...``: the frames to time (``SIZES`` unless told)."""

    def size(text: str) -> tuple[int, int]:
        width, height = text.lower().split("x")
        return int(width), int(height)

    parser.add_argument("--sizes", nargs="*", type=size, default=SIZES, metavar="WxH")
