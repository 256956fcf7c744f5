"""How close ``engine.video.inbetween``'s halfway frame comes to the frame it stands in for,
and what it costs a frame.

Run: ``python bench/inbetween.py --hr-dir ../shared/data/val/kodak24 --film
../shared/data/video/market_street_1906_60f.mp4 --json``. Each photo becomes three frames of
a camera panning across it (``PAN`` pixels a frame), with a part of the next photo crossing
the other way (``CROSSING`` pixels a frame), and grain; the middle frame, without grain, is
what the halfway frame between the first and the last should show. Prints its PSNR against
that middle frame for the halfway frame, for the two frames mixed (a crossfade) and for the
first frame again (the repeat the halfway frame replaces). For the real ``--film`` (no
frame is known to lie halfway): how many of its frames repeat the one before and for how many
of those a halfway frame is made; and, as a harder stand-in, each frame that is no repeat
made from the frames either side of it (two frames apart, where a repeat's neighbours are
one), its PSNR against the frame with the grain blurred out of both (Gaussian, 1.5 pixels).
Then milliseconds a halfway frame at each ``--sizes``. Nothing is asserted.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import cv2
import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)

# isort: split

from panning import film_frames, milliseconds, photo, run, with_grain

from engine.video.inbetween import inbetween
from engine.video.repeats import repeats, shown_twice
from training.metrics import psnr_rgb

PAN = 6  # pixels the camera pans a frame
CROSSING = 10  # pixels the crossing part moves a frame, the other way
PART = 4  # the crossing part is this share of the frame's height and width
GRAIN = 3.0  # levels
SOFT = 1.5  # pixels: grain blurred out of a real film's frames before they are compared


def _frames(picture: np.ndarray, other: np.ndarray, size: tuple[int, int]) -> list[np.ndarray]:
    """Three frames (``size``: width, height) of the pan across ``picture`` with a part of
    ``other`` crossing it, without grain."""
    width, height = size
    part = cv2.resize(other, (width // PART, height // PART), interpolation=cv2.INTER_AREA)
    top = (height - part.shape[0]) // 2
    frames = []
    for index in range(3):
        frame = picture[:height, PAN * index : PAN * index + width].copy()
        left = width // 2 + CROSSING * (1 - index)
        frame[top : top + part.shape[0], left : left + part.shape[1]] = part
        frames.append(frame)
    return frames


def _size(picture: np.ndarray) -> tuple[int, int]:
    height, width = picture.shape[:2]
    return width - 2 * PAN, height


def _planted(paths: list[Path]) -> dict:
    rng = np.random.default_rng(0)
    rows, made = [], 0
    for number, path in enumerate(paths):
        picture = photo(path)
        other = photo(paths[(number + 1) % len(paths)])
        before, truth, after = _frames(picture, other, _size(picture))
        before, after = (with_grain(frame, GRAIN, rng) for frame in (before, after))
        halfway = inbetween(before, after)
        made += halfway is not None
        crossfade = np.rint((before.astype(np.float32) + after) / 2).astype(np.uint8)
        shown = before if halfway is None else halfway
        rows.append([psnr_rgb(x, truth) for x in (shown, crossfade, before)])
    means = np.mean(np.array(rows), axis=0)
    return {
        "photos": len(paths),
        "made": made,
        "halfway_psnr": round(float(means[0]), 2),
        "crossfade_psnr": round(float(means[1]), 2),
        "repeat_psnr": round(float(means[2]), 2),
    }


def _soft(frame: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(frame, (0, 0), SOFT)


def _real(path: Path) -> dict:
    frames = film_frames(path)
    repeated = dict(enumerate([False] + [repeats(a, b) for a, b in pairwise(frames)]))
    lone = [index for index in range(1, len(frames) - 1) if shown_twice(index, repeated)]
    made = sum(inbetween(frames[i - 1], frames[i + 1]) is not None for i in lone)
    rows = []
    for index in range(1, len(frames) - 1):
        if any(repeated[near] for near in (index - 1, index, index + 1)):
            continue
        before, truth, after = frames[index - 1], _soft(frames[index]), frames[index + 1]
        halfway = inbetween(before, after)
        crossfade = np.rint((before.astype(np.float32) + after) / 2).astype(np.uint8)
        shown = before if halfway is None else halfway
        rows.append([psnr_rgb(_soft(x), truth) for x in (shown, crossfade, before)])
    means = np.mean(np.array(rows), axis=0)
    return {
        "film": path.name,
        "frames": len(frames),
        "repeats": sum(repeated.values()),
        "lone_repeats": len(lone),
        "made": made,
        "two_apart_frames": len(rows),
        "two_apart_halfway_psnr": round(float(means[0]), 2),
        "two_apart_crossfade_psnr": round(float(means[1]), 2),
        "two_apart_repeat_psnr": round(float(means[2]), 2),
    }


def _speed(path: Path, size: tuple[int, int], repeats: int) -> float:
    """Milliseconds a halfway frame of ``size`` (width, height) takes."""
    picture = photo(path, (size[0] + 2 * PAN, size[1]))
    before, _, after = _frames(picture, picture[::-1], size)
    return milliseconds(lambda: inbetween(before, after), repeats)


def main() -> None:
    run(__doc__, _planted, _speed, repeats=3, real=_real)


if __name__ == "__main__":
    main()
