"""Memory and time of saving a large restored picture, per format.

Each format is written in its own process (peak RSS is per process). The picture is a photo
enlarged 4x with bicubic and repeated to ``--megapixels``, so the encoders see the texture
of a 4x restoration, not noise. Reports the peak resident memory
above what the picture itself holds, the seconds and the file size.

Run: ``python bench/write_memory.py --megapixels 100 --json``. Prints JSON; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("jpg", "png", "tif", "webp")
PHOTO = Path(__file__).resolve().parents[1] / "../shared/data/val/kodak24/kodim01.png"


def measure(fmt: str, megapixels: float, photo: Path) -> dict[str, float]:
    """Write one picture in ``fmt`` and report this process's memory above the picture."""
    import cv2
    import numpy as np

    from engine.imageio import Picture, write_picture

    side = int((megapixels * 1e6) ** 0.5)
    source = cv2.imread(str(photo))
    if source is None:
        raise SystemExit(f"cannot read {photo}")
    enlarged = cv2.resize(source, None, fx=4, fy=4, interpolation=cv2.INTER_CUBIC)[..., ::-1]
    pixels = np.empty((side, side, 3), np.uint8)  # filled in place: no larger peak before
    step_y, step_x = enlarged.shape[:2]
    for y in range(0, side, step_y):
        for x in range(0, side, step_x):
            block = pixels[y : y + step_y, x : x + step_x]
            block[...] = enlarged[: block.shape[0], : block.shape[1]]
    del enlarged
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB (Linux: KiB)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"out.{fmt}"
        start = time.perf_counter()
        write_picture(Picture(pixels, None, None, None, fmt), target)
        seconds = time.perf_counter() - start
        size = target.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "picture_mib": round(pixels.nbytes / 2**20, 1),
        "extra_peak_mib": round(peak - before, 1),
        "seconds": round(seconds, 2),
        "file_mib": round(size / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megapixels", type=float, default=100.0)
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--photo", type=Path, default=PHOTO)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--one", choices=FORMATS, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.megapixels, args.photo)))
        return
    results = {}
    for fmt in args.formats:
        child = subprocess.run(
            [sys.executable, __file__, "--one", fmt, "--megapixels", str(args.megapixels),
             "--photo", str(args.photo)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        results[fmt] = json.loads(child.stdout)
        if not args.json:
            print(fmt, results[fmt], file=sys.stderr)
    print(json.dumps({"megapixels": args.megapixels, "formats": results}, indent=1))


if __name__ == "__main__":
    main()
