"""Frames of a camera panning across a real photo, for the benchmarks of the film cleanups
(dust.py, grain.py, flicker.py, weave.py) and of a photo's spots (spots.py): the photo read
and sized, its frames with or without grain, dirt planted on a frame and whether it was
filled, frames cleaned as a film's run cleans them, a real film's frames, and the command
line they share."""

from __future__ import annotations

import argparse
import functools
import json
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from engine.imageio import read_picture
from engine.media import photos_in
from engine.pixels import to_rgb8
from engine.video.frames import Frame, decode_frames
from engine.video.probe import probe
from engine.video.temporal import FilmCleanup, cleaned

STEP = 2  # pixels the camera pans a frame
SIZES = [(640, 480), (1920, 1080), (3840, 2160)]  # the frames timed unless told
SPOTS = 12  # spots and hairs of dirt planted on a frame
HAIRS = 3
GRAIN = 4.0  # levels, in luminance, correlated over a pixel or so
CONTRAST = (25.0, 120.0)  # levels darker or lighter than the picture under it


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


def arguments(description: str, repeats: int) -> argparse.ArgumentParser:
    """The options every cleanup benchmark takes: the photos, how many, the frame sizes to
    time (``SIZES`` unless told), how often, and JSON."""

    def size(text: str) -> tuple[int, int]:
        width, height = text.lower().split("x")
        return int(width), int(height)

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--hr-dir", required=True, help="folder of clean photographs")
    parser.add_argument("--limit", type=int, help="use only the first N photos")
    parser.add_argument("--sizes", nargs="*", type=size, default=SIZES, metavar="WxH")
    parser.add_argument("--repeats", type=int, default=repeats, help="timed runs a size")
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    return parser


def milliseconds(work: Callable[[], object], repeats: int) -> float:
    """Milliseconds ``work`` takes, once warmed up, over ``repeats`` runs."""
    work()
    started = time.perf_counter()
    for _ in range(repeats):
        work()
    return 1000 * (time.perf_counter() - started) / repeats


def timed(
    result: dict, speed: Callable[[tuple[int, int]], float], sizes: list[tuple[int, int]]
) -> dict:
    """``result`` with ``ms_per_frame``: ``speed`` of a frame of each size (width, height)."""
    return {**result, "ms_per_frame": {f"{w}x{h}": round(speed((w, h)), 1) for w, h in sizes}}


def run(
    description: str,
    quality: Callable[[list[Path]], dict],
    speed: Callable[..., float],
    repeats: int,
    real: Callable[[Path], dict] | None = None,
) -> None:
    """A cleanup benchmark's command line: ``quality`` of the photos, ``real`` of the film
    given with ``--film`` (when the benchmark takes one), then ``speed(photo, size,
    repeats=...)`` (milliseconds) of the first photo at each size, printed."""
    parser = arguments(description, repeats)
    if real is not None:
        parser.add_argument("--film", type=Path, help="a real film to clean")
    args = parser.parse_args()
    paths = photos_in(args.hr_dir)[: args.limit]
    result = quality(paths)
    if real is not None and args.film is not None:
        result["real"] = real(args.film)
    timing = functools.partial(speed, paths[0], repeats=args.repeats)
    show(timed(result, timing, args.sizes), args.json)


def cleaned_pixels(frames: list[np.ndarray], cleanup: FilmCleanup) -> list[np.ndarray]:
    """``frames`` (a whole film) cleaned as a film's run cleans them."""
    decoded = iter(Frame(index, index, index, pixels) for index, pixels in enumerate(frames))
    return [frame.pixels for frame in cleaned(decoded, 0, len(frames), len(frames), cleanup)]


def film_frames(path: Path) -> list[np.ndarray]:
    """Every frame of the film at ``path``, as decoded."""
    info = probe(path)
    return [frame.pixels for frame in decode_frames(info)]


def show(result: dict, as_json: bool) -> None:
    """Print the figures: one JSON line, or a line each."""
    if as_json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


def dirt_masks(frame: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    """Masks of the spots and hairs to draw on ``frame``, one each."""
    height, width = frame.shape[:2]
    masks = []
    for _ in range(SPOTS):
        mask = np.zeros((height, width), np.uint8)
        centre = (int(rng.integers(8, width - 8)), int(rng.integers(8, height - 8)))
        axes = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        cv2.ellipse(mask, centre, axes, float(rng.uniform(0, 180)), 0, 360, 1, -1)
        masks.append(mask.astype(bool))
    for _ in range(HAIRS):
        mask = np.zeros((height, width), np.uint8)
        points = np.cumsum(rng.normal(0, 6, (6, 2)), axis=0) + rng.uniform(
            (20, 20), (width - 20, height - 20)
        )
        cv2.polylines(mask, [points.astype(np.int32)], False, 1, 1)
        masks.append(mask.astype(bool))
    return masks


def draw_dirt(frame: np.ndarray, masks: list[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """``frame`` with each mask drawn ``CONTRAST`` levels darker than the picture there (or
    lighter, where it is dark), fading into it at its edge as dirt does."""
    dirty = frame.astype(np.float32)
    for mask in masks:
        here = dirty[mask].mean()
        sign = -1.0 if here >= 128 else 1.0
        shade = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), 0.6)[..., None]
        dirty += sign * rng.uniform(*CONTRAST) * np.minimum(1.0, 1.5 * shade)
    return np.clip(np.rint(dirty), 0, 255).astype(np.uint8)


def is_filled(clean: np.ndarray, dirty: np.ndarray, cleaned: np.ndarray, mask: np.ndarray) -> bool:
    """Whether most of the spot ``mask`` was brought within a third of its contrast of the
    clean frame."""
    contrast = np.abs(dirty[mask].astype(int) - clean[mask]).max(axis=1)
    left = np.abs(cleaned[mask].astype(int) - clean[mask]).max(axis=1)
    return bool(np.mean(left <= contrast / 3) >= 0.5)
