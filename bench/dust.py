"""How well ``engine.video.dust`` finds planted dirt on real photographs, what else it touches,
and what it costs a frame.

Run: ``python bench/dust.py --hr-dir ../shared/data/val/kodak24 --json``. Each photo becomes
three frames of a camera panning across it (2 px a frame) with film grain, and the middle one
gets spots of dirt (dark on light, light on dark, 25 to 120 levels from the picture, 1.5 to
7 px across, and thin hairs), drawn with fixed seeds. Prints the share of spots filled (most
of a spot brought within a third of its contrast of the clean frame), the share of the frame
changed by more than 8 levels away from any spot (what it touched that it should not have),
and the PSNR of the dirty and the cleaned frame against the clean one; then milliseconds a
frame at each ``--sizes`` (the photos enlarged to it). Nothing is asserted. A rigid pan is
the easy case: real film also moves unevenly, flickers and changes its sharpness, which
``docs/make_dust_figure.py`` and the real clips show.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)

# isort: split

from panning import (
    GRAIN,
    dirt_masks,
    draw_dirt,
    is_filled,
    milliseconds,
    pan,
    photo,
    run,
    with_grain,
)

from engine.video.dust import remove_dust
from training.metrics import psnr_rgb

TOUCHED = 8  # levels: a change this large away from the spots counts as touched


def _frames(picture: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    return [with_grain(frame, GRAIN, rng) for frame in pan(picture, 3)]


def _quality(paths: list[Path]) -> dict:
    filled = spots = 0
    touched, dirty_psnr, cleaned_psnr = [], [], []
    for seed, path in enumerate(paths):
        rng = np.random.default_rng(seed)
        before, clean, after = _frames(photo(path), rng)
        masks = dirt_masks(clean, rng)
        dirty = draw_dirt(clean, masks, rng)
        cleaned = remove_dust(dirty, (before, after)).pixels
        filled += sum(is_filled(clean, dirty, cleaned, mask) for mask in masks)
        spots += len(masks)
        near = cv2.dilate(np.any(masks, axis=0).astype(np.uint8), np.ones((15, 15), np.uint8))
        changed = np.abs(cleaned.astype(int) - dirty).max(axis=2) > TOUCHED
        touched.append(float(np.mean(changed & (near == 0))))
        dirty_psnr.append(psnr_rgb(dirty, clean))
        cleaned_psnr.append(psnr_rgb(cleaned, clean))
    return {
        "photos": len(paths),
        "spots_filled": round(filled / max(spots, 1), 3),
        "touched_elsewhere_percent": round(100 * float(np.mean(touched)), 4),
        "dirty_psnr": round(float(np.mean(dirty_psnr)), 2),
        "cleaned_psnr": round(float(np.mean(cleaned_psnr)), 2),
    }


def _speed(path: Path, size: tuple[int, int], repeats: int) -> float:
    """Milliseconds ``remove_dust`` takes for a dirty frame of ``size`` (width, height)."""
    rng = np.random.default_rng(0)
    before, clean, after = _frames(photo(path, size, 3), rng)
    dirty = draw_dirt(clean, dirt_masks(clean, rng), rng)
    return milliseconds(lambda: remove_dust(dirty, (before, after)), repeats)


def main() -> None:
    run(__doc__, _quality, _speed, repeats=3)


if __name__ == "__main__":
    main()
