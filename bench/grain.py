"""How much film grain ``engine.video.grain`` calms, what it keeps of the picture, and what it
costs a frame.

Run: ``python bench/grain.py --hr-dir ../shared/data/val/kodak24 --json``. Each photo becomes
five frames of a camera panning across it (2 px a frame), each with its own film grain (in
luminance, 6 levels, over about a pixel), drawn with fixed seeds; the middle frame is calmed
with the two frames each side, as a film's run calms it. Prints the grain left (the standard
deviation of the frame less the photo, away from the edges a pan brings in) before and after,
their PSNR against the photo, and the same PSNR for a plain 3x3 blur of the frame (what
calming without the neighbours would give); then milliseconds a frame at each ``--sizes``.
Nothing is asserted.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)

# isort: split

from panning import milliseconds, pan, photo, run, with_grain

from engine.video.frames import Frame
from engine.video.temporal import FilmCleanup, cleaned
from training.metrics import psnr_rgb

FRAMES = 5
GRAIN = 6.0  # levels
MARGIN = 12  # pixels left out at the edges, which a pan brings in
CALM = FilmCleanup(calm_grain=True)


def _pan(picture: np.ndarray, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """Grainy frames panning across ``picture``, and the middle one without grain."""
    frames = pan(picture, FRAMES)
    return [with_grain(frame, GRAIN, rng) for frame in frames], frames[FRAMES // 2]


def _calmed(frames: list[np.ndarray]) -> np.ndarray:
    decoded = iter(Frame(index, index, index, pixels) for index, pixels in enumerate(frames))
    middle = FRAMES // 2
    (frame,) = cleaned(decoded, middle, middle + 1, FRAMES, CALM)
    return frame.pixels


def _inner(pixels: np.ndarray) -> np.ndarray:
    return pixels[MARGIN:-MARGIN, MARGIN:-MARGIN]


def _quality(paths: list[Path]) -> dict:
    rows = []
    for seed, path in enumerate(paths):
        frames, clean = _pan(photo(path), np.random.default_rng(seed))
        grainy, calmed = frames[FRAMES // 2], _calmed(frames)
        blurred = cv2.GaussianBlur(grainy, (3, 3), 0)
        truth = _inner(clean).astype(float)
        rows.append(
            (
                np.std(_inner(grainy) - truth),
                np.std(_inner(calmed) - truth),
                psnr_rgb(_inner(grainy), _inner(clean)),
                psnr_rgb(_inner(calmed), _inner(clean)),
                psnr_rgb(_inner(blurred), _inner(clean)),
            )
        )
    means = np.mean(np.array(rows), axis=0)
    return {
        "photos": len(paths),
        "grain_before": round(float(means[0]), 2),
        "grain_after": round(float(means[1]), 2),
        "grainy_psnr": round(float(means[2]), 2),
        "calmed_psnr": round(float(means[3]), 2),
        "blurred_psnr": round(float(means[4]), 2),
    }


def _speed(path: Path, size: tuple[int, int], repeats: int) -> float:
    """Milliseconds calming takes a frame of ``size`` (width, height), its alignments included."""
    frames, _ = _pan(photo(path, size, FRAMES), np.random.default_rng(0))
    return milliseconds(lambda: _calmed(frames), repeats)


def main() -> None:
    run(__doc__, _quality, _speed, repeats=2)


if __name__ == "__main__":
    main()
