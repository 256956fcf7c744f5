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

import functools
import sys
from pathlib import Path

import cv2
import numpy as np

# Running ``python bench/X.py`` puts this folder first on the path, where training.py would
# shadow the ``training`` package: the project comes first, from the checkout above (installed
# or not), and this folder last, for panning.py beside this script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [str(HERE.parent), *(p for p in sys.path if Path(p or ".").resolve() != HERE)]
sys.path.append(str(HERE))

from panning import arguments, milliseconds, pan, photo, show, timed, with_grain  # noqa: E402

from engine.media import photos_in  # noqa: E402
from engine.video.dust import remove_dust  # noqa: E402
from training.metrics import psnr_rgb  # noqa: E402

SPOTS = 12
HAIRS = 3
GRAIN = 4.0  # levels, in luminance, correlated over a pixel or so
CONTRAST = (25.0, 120.0)  # levels darker or lighter than the picture under it
TOUCHED = 8  # levels: a change this large away from the spots counts as touched


def _frames(picture: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    return [with_grain(frame, GRAIN, rng) for frame in pan(picture, 3)]


def _dirt(frame: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
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


def _draw(frame: np.ndarray, masks: list[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """``frame`` with each mask drawn ``CONTRAST`` levels darker than the picture there (or
    lighter, where it is dark), fading into it at its edge as dirt does."""
    dirty = frame.astype(np.float32)
    for mask in masks:
        here = dirty[mask].mean()
        sign = -1.0 if here >= 128 else 1.0
        shade = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), 0.6)[..., None]
        dirty += sign * rng.uniform(*CONTRAST) * np.minimum(1.0, 1.5 * shade)
    return np.clip(np.rint(dirty), 0, 255).astype(np.uint8)


def _filled(clean: np.ndarray, dirty: np.ndarray, cleaned: np.ndarray, mask: np.ndarray) -> bool:
    contrast = np.abs(dirty[mask].astype(int) - clean[mask]).max(axis=1)
    left = np.abs(cleaned[mask].astype(int) - clean[mask]).max(axis=1)
    return bool(np.mean(left <= contrast / 3) >= 0.5)


def _quality(paths: list[Path]) -> dict:
    filled = spots = 0
    touched, dirty_psnr, cleaned_psnr = [], [], []
    for seed, path in enumerate(paths):
        rng = np.random.default_rng(seed)
        before, clean, after = _frames(photo(path), rng)
        masks = _dirt(clean, rng)
        dirty = _draw(clean, masks, rng)
        cleaned = remove_dust(dirty, (before, after)).pixels
        filled += sum(_filled(clean, dirty, cleaned, mask) for mask in masks)
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
    dirty = _draw(clean, _dirt(clean, rng), rng)
    return milliseconds(lambda: remove_dust(dirty, (before, after)), repeats)


def main() -> None:
    args = arguments(__doc__, repeats=3).parse_args()
    paths = photos_in(args.hr_dir)[: args.limit]
    speed = functools.partial(_speed, paths[0], repeats=args.repeats)
    show(timed(_quality(paths), speed, args.sizes), args.json)


if __name__ == "__main__":
    main()
