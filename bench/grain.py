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

import argparse
import json
import sys
import time
from pathlib import Path

import cv2
import numpy as np

# Running ``python bench/X.py`` puts this folder first on the path; the project comes from the
# checkout above it, installed or not.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.imageio import read_picture  # noqa: E402
from engine.media import photos_in  # noqa: E402
from engine.pixels import to_rgb8  # noqa: E402
from engine.video.frames import Frame  # noqa: E402
from engine.video.temporal import FilmCleanup, cleaned  # noqa: E402
from training.metrics import psnr_rgb  # noqa: E402

FRAMES = 5
STEP = 2  # pixels the camera pans a frame
GRAIN = 6.0  # levels
MARGIN = 12  # pixels left out at the edges, which a pan brings in
CALM = FilmCleanup(calm_grain=True)


def _pan(photo: np.ndarray, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """Grainy frames panning across ``photo``, and the middle one without grain."""
    width = photo.shape[1] - STEP * FRAMES
    frames = []
    for n in range(FRAMES):
        crop = photo[:, n * STEP : n * STEP + width].astype(np.float32)
        grain = cv2.GaussianBlur(rng.normal(0, 1, crop.shape[:2]).astype(np.float32), (0, 0), 0.7)
        crop += (GRAIN / grain.std()) * grain[..., None]
        frames.append(np.clip(np.rint(crop), 0, 255).astype(np.uint8))
    middle = FRAMES // 2
    return frames, photo[:, middle * STEP : middle * STEP + width]


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
        frames, clean = _pan(to_rgb8(read_picture(path).pixels), np.random.default_rng(seed))
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
    photo = cv2.resize(to_rgb8(read_picture(path).pixels), (size[0] + STEP * FRAMES, size[1]))
    frames, _ = _pan(photo, np.random.default_rng(0))
    _calmed(frames)  # warm up
    started = time.perf_counter()
    for _ in range(repeats):
        _calmed(frames)
    return 1000 * (time.perf_counter() - started) / repeats


def _size(text: str) -> tuple[int, int]:
    width, height = text.lower().split("x")
    return int(width), int(height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hr-dir", required=True, help="folder of clean photographs")
    parser.add_argument("--limit", type=int, help="use only the first N photos")
    parser.add_argument(
        "--sizes", nargs="*", type=_size, default=[(640, 480), (1920, 1080), (3840, 2160)]
    )
    parser.add_argument("--repeats", type=int, default=2, help="timed runs a size")
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    args = parser.parse_args()

    paths = photos_in(args.hr_dir)[: args.limit]
    result = _quality(paths)
    result["ms_per_frame"] = {
        f"{w}x{h}": round(_speed(paths[0], (w, h), args.repeats), 1) for w, h in args.sizes
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
