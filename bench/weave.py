"""How much of a film's weave ``engine.video.weave`` takes out, and what it costs a frame.

Run: ``python bench/weave.py --hr-dir ../shared/data/val/kodak24 --film
../shared/data/video/market_street_1906_60f.mp4 --json``. Each photo becomes 24 frames of a
camera panning across it (2 px a frame), each frame lying off the pan by a weave drawn
between -3 and 3 pixels each way with a fixed seed, one frame in twelve 12 pixels off (a
splice), with grain; the frames are steadied as a film's run steadies them. Prints, for the
frames three or more frames from either end, how far the picture lies from where the pan
puts it (mean pixels, measured against the frame without weave) and how far it jumps from
one frame to the next beyond the pan's move (what the eye sees as weave), before and after,
and the frames' PSNR against those without weave (their uncovered edges included); for the real
``--film`` (no steady original) the mean jump of its picture from one frame to the next,
before and after; then milliseconds a frame at each ``--sizes``. Nothing is asserted.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)

# isort: split

from panning import (
    STEP,
    cleaned_pixels,
    film_frames,
    milliseconds,
    photo,
    run,
    with_grain,
)

from engine.video.temporal import FilmCleanup
from engine.video.weave import footing, step
from training.metrics import psnr_rgb

FRAMES = 24
WEAVE = 3  # pixels each way a frame lies off the pan at most
SPLICE = 12  # pixels a spliced frame lies off
SPLICE_EVERY = 12
BORDER = WEAVE + SPLICE  # room around the frames for the weave
EDGE_FRAMES = 3  # frames this near either end are steadied with fewer frames: not counted
STEADY = FilmCleanup(steady_picture=True)


def _film(picture: np.ndarray, frames: int, seed: int) -> tuple[list, list]:
    """``frames`` frames of a pan across ``picture`` as they should be, and weaving, with
    grain."""
    rng = np.random.default_rng(seed)
    height = picture.shape[0] - 2 * BORDER
    width = picture.shape[1] - 2 * BORDER - STEP * frames
    steady, weaving = [], []
    for index in range(frames):
        across, down = rng.integers(-WEAVE, WEAVE + 1, 2)
        if index % SPLICE_EVERY == SPLICE_EVERY // 2:
            down = SPLICE
        left = BORDER + STEP * index
        steady.append(picture[BORDER : BORDER + height, left : left + width])
        top, side = BORDER - down, left - across
        weaving.append(with_grain(picture[top : top + height, side : side + width], 3.0, rng))
    return steady, weaving


def _steadied(frames: list[np.ndarray]) -> list[np.ndarray]:
    return cleaned_pixels(frames, STEADY)


def _off(frames: list[np.ndarray], steady: list[np.ndarray]) -> float:
    """How far (mean pixels) the frames' pictures lie from the steady frames'."""
    shifts = [step(footing(s), footing(f)) for f, s in zip(frames, steady, strict=True)]
    return float(np.mean([np.hypot(*shift) for shift in shifts if shift is not None]))


def _shifts(frames: list[np.ndarray]) -> list[np.ndarray | None]:
    """How far the picture moves from each frame to the next (None across a cut)."""
    shifts = [step(*pair) for pair in pairwise(footing(frame) for frame in frames)]
    return [None if shift is None else np.asarray(shift) for shift in shifts]


def _jumps(frames: list[np.ndarray], steady: list[np.ndarray] | None = None) -> float:
    """The mean jump (pixels) of the picture from one frame to the next, beyond the steady
    frames' move when given, cuts left out."""
    moves = _shifts(frames)
    smooth = _shifts(steady) if steady is not None else [np.zeros(2)] * len(moves)
    jumps = [np.hypot(*(m - s)) for m, s in zip(moves, smooth, strict=True) if m is not None]
    return float(np.mean(jumps))


def _planted(paths: list[Path]) -> dict:
    rows = []
    counted = slice(EDGE_FRAMES, FRAMES - EDGE_FRAMES)
    for seed, path in enumerate(paths):
        steady, weaving = _film(photo(path), FRAMES, seed)
        steadied = _steadied(weaving)
        steady, weaving, steadied = steady[counted], weaving[counted], steadied[counted]
        rows.append(
            (
                _off(weaving, steady),
                _off(steadied, steady),
                _jumps(weaving, steady),
                _jumps(steadied, steady),
                np.mean([psnr_rgb(f, s) for f, s in zip(weaving, steady, strict=True)]),
                np.mean([psnr_rgb(f, s) for f, s in zip(steadied, steady, strict=True)]),
            )
        )
    means = np.mean(np.array(rows), axis=0)
    return {
        "photos": len(paths),
        "weaving_off_pixels": round(float(means[0]), 2),
        "steadied_off_pixels": round(float(means[1]), 2),
        "weaving_jump_pixels": round(float(means[2]), 2),
        "steadied_jump_pixels": round(float(means[3]), 2),
        "weaving_psnr": round(float(means[4]), 2),
        "steadied_psnr": round(float(means[5]), 2),
    }


def _real(path: Path) -> dict:
    frames = film_frames(path)
    return {
        "film": path.name,
        "jump_pixels": round(_jumps(frames), 2),
        "steadied_jump_pixels": round(_jumps(_steadied(frames)), 2),
    }


def _speed(path: Path, size: tuple[int, int], repeats: int) -> float:
    """Milliseconds steadying takes a frame of ``size`` (width, height), its measuring
    included."""
    frames = 8
    room = (size[0] + 2 * BORDER, size[1] + 2 * BORDER)
    _, weaving = _film(photo(path, room, frames), frames, 0)
    return milliseconds(lambda: _steadied(weaving), repeats) / frames


def main() -> None:
    run(__doc__, _planted, _speed, repeats=2, real=_real)


if __name__ == "__main__":
    main()
