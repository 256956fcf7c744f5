"""How much of a film's flicker ``engine.video.flicker`` takes out, what it costs the picture,
and what it costs a frame.

Run: ``python bench/flicker.py --hr-dir ../shared/data/val/kodak24 --film
../shared/data/video/market_street_1906_60f.mp4 --json``. Each photo becomes 12 frames of a
camera panning across it (2 px a frame), each exposed by a gain drawn between 0.8 and 1.2
with a fixed seed, some of them more on one side; the frames are steadied as a film's run
steadies them. Prints the mean change of brightness from one frame to the next (levels) of
the flickering and the steadied frames, and their PSNR against the frames exposed evenly;
the same change for the real ``--film`` (no even original: the change alone); then
milliseconds a frame at each ``--sizes``. Nothing is asserted.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)

# isort: split

from panning import cleaned_pixels, film_frames, milliseconds, pan, photo, run

from engine.video.temporal import FilmCleanup
from training.metrics import psnr_rgb

FRAMES = 12
GAINS = (0.8, 1.2)
STEADY = FilmCleanup(steady_flicker=True)


def _flicker(frames: list[np.ndarray], rng: np.random.Generator) -> list[np.ndarray]:
    flickering = []
    for frame in frames:
        gain = rng.uniform(*GAINS)
        tilt = rng.uniform(-0.1, 0.1) if rng.random() < 0.5 else 0.0  # lit more on one side
        across = gain * (1 + tilt * np.linspace(-1, 1, frame.shape[1]))[None, :, None]
        flickering.append(np.clip(np.rint(frame * across), 0, 255).astype(np.uint8))
    return flickering


def _steadied(frames: list[np.ndarray]) -> list[np.ndarray]:
    return cleaned_pixels(frames, STEADY)


def _change(frames: list[np.ndarray]) -> float:
    """The mean change of brightness from one frame to the next, in levels."""
    means = [float(frame.mean()) for frame in frames]
    return float(np.mean(np.abs(np.diff(means))))


def _mean_psnr(frames: list[np.ndarray], even: list[np.ndarray]) -> float:
    """Mean PSNR of ``frames`` against ``even``; a frame the same as its even one (a gain of
    nearly 1) counts 99 dB."""
    return float(np.mean([min(psnr_rgb(f, e), 99.0) for f, e in zip(frames, even, strict=True)]))


def _planted(paths: list[Path]) -> dict:
    rows = []
    for seed, path in enumerate(paths):
        even = pan(photo(path), FRAMES)
        flickering = _flicker(even, np.random.default_rng(seed))
        steadied = _steadied(flickering)
        rows.append(
            (
                _change(even),
                _change(flickering),
                _change(steadied),
                _mean_psnr(flickering, even),
                _mean_psnr(steadied, even),
            )
        )
    means = np.mean(np.array(rows), axis=0)
    return {
        "photos": len(paths),
        "even_change": round(float(means[0]), 2),
        "flickering_change": round(float(means[1]), 2),
        "steadied_change": round(float(means[2]), 2),
        "flickering_psnr": round(float(means[3]), 2),
        "steadied_psnr": round(float(means[4]), 2),
    }


def _film(path: Path) -> dict:
    frames = film_frames(path)
    return {
        "film": path.name,
        "change": round(_change(frames), 2),
        "steadied_change": round(_change(_steadied(frames)), 2),
    }


def _speed(path: Path, size: tuple[int, int], repeats: int) -> float:
    """Milliseconds steadying takes a frame of ``size`` (width, height), its map included."""
    frames = _flicker(pan(photo(path, size, 8), 8), np.random.default_rng(0))
    return milliseconds(lambda: _steadied(frames), repeats) / len(frames)


def main() -> None:
    run(__doc__, _planted, _speed, repeats=2, real=_film)


if __name__ == "__main__":
    main()
