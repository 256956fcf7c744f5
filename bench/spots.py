"""How well ``engine.retouch`` finds and fills planted dust on real photographs, what else it
marks, and what it costs a photo.

Run: ``python bench/spots.py --hr-dir ../shared/data/val/kodak24 --json``. Each photo gets the
grain of a scanned print and the dirt ``bench/dust.py`` plants (spots 1.5 to 7 px across and
thin hairs, 25 to 120 levels from the picture, fixed seeds). Prints the share of the dirt
filled when found by ``find_spots`` (most of a spot brought within a third of its contrast of
the clean photo), the share of pixels it marks on the clean photo (what it would fill that
belongs to the picture), the PSNR of the dirty photo, of it with the dirt found and filled,
and of it with the dirt marked by hand (each spot's own pixels and one more around them)
and filled, against the clean one; then milliseconds to find and fill at each ``--sizes``
(the photos enlarged to it). Nothing is asserted.
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
    photo,
    run,
    with_grain,
)

from engine.retouch.fill import fill_marks
from engine.retouch.find import find_spots
from training.metrics import psnr_rgb

HAND_MARGIN = 1  # pixels a person's brush covers beyond a spot


def _planted(picture: np.ndarray, rng: np.random.Generator):
    """The photo with grain, the dirt's masks, and the photo with the dirt on it."""
    clean = with_grain(picture, GRAIN, rng)
    masks = dirt_masks(clean, rng)
    return clean, masks, draw_dirt(clean, masks, rng)


def _quality(paths: list[Path]) -> dict:
    filled = spots = 0
    marked_clean, dirty_psnr, found_psnr, hand_psnr = [], [], [], []
    grow = np.ones((2 * HAND_MARGIN + 1,) * 2, np.uint8)
    for seed, path in enumerate(paths):
        rng = np.random.default_rng(seed)
        clean, masks, dirty = _planted(photo(path), rng)
        cleaned = fill_marks(dirty, find_spots(dirty)).pixels
        filled += sum(is_filled(clean, dirty, cleaned, mask) for mask in masks)
        spots += len(masks)
        marked_clean.append(float(np.mean(find_spots(clean) > 0)))
        hand = cv2.dilate(np.any(masks, axis=0).astype(np.uint8), grow)
        dirty_psnr.append(psnr_rgb(dirty, clean))
        found_psnr.append(psnr_rgb(cleaned, clean))
        hand_psnr.append(psnr_rgb(fill_marks(dirty, hand).pixels, clean))
    return {
        "photos": len(paths),
        "spots_filled": round(filled / max(spots, 1), 3),
        "marked_on_clean_percent": round(100 * float(np.mean(marked_clean)), 4),
        "dirty_psnr": round(float(np.mean(dirty_psnr)), 2),
        "found_psnr": round(float(np.mean(found_psnr)), 2),
        "hand_psnr": round(float(np.mean(hand_psnr)), 2),
    }


def _speed(path: Path, size: tuple[int, int], repeats: int) -> float:
    """Milliseconds to find and fill the dust of a photo of ``size`` (width, height)."""
    _, _, dirty = _planted(photo(path, size), np.random.default_rng(0))
    return milliseconds(lambda: fill_marks(dirty, find_spots(dirty)), repeats)


def main() -> None:
    run(__doc__, _quality, _speed, repeats=3)


if __name__ == "__main__":
    main()
