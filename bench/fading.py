"""How much ``engine.fading.fix_fading`` gives back of a faded print, and what it costs a
photo that never faded.

Run: ``python bench/fading.py --hr-dir ../shared/data/val/kodak24 --json``. Each photo is
faded by the training recipe's fade and per-channel colour cast (``training.degrade``, drawn
with fixed seeds until the photo gets both), then fixed; the photo itself is fixed too. Prints
the mean RGB PSNR against the photo of the faded, the fixed faded and the fixed photo, and how
many photos were left alone (no sign of fading) and how many faded ones were found; nothing
is asserted.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)

# isort: split

from engine.fading import fix_fading, measure_fading
from engine.imageio import read_picture
from engine.media import photos_in
from engine.pixels import to_rgb8
from training.degrade import fade_colour_print
from training.metrics import psnr_rgb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hr-dir", required=True, help="folder of photos that never faded")
    parser.add_argument("--limit", type=int, help="use only the first N photos")
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    args = parser.parse_args()

    rows, seconds, left_alone, found = [], 0.0, 0, 0
    for seed, path in enumerate(photos_in(args.hr_dir)[: args.limit]):
        photo = to_rgb8(read_picture(path).pixels)
        old = fade_colour_print(photo, np.random.default_rng(seed))
        started = time.perf_counter()
        fixed = fix_fading(old)
        seconds += time.perf_counter() - started
        left_alone += not measure_fading([photo]).faded
        found += measure_fading([old]).faded
        rows.append(
            (psnr_rgb(old, photo), psnr_rgb(fixed, photo), psnr_rgb(fix_fading(photo), photo))
        )
    means = np.mean(np.minimum(np.array(rows), 99.0), axis=0)  # an unchanged photo counts 99
    result = {
        "images": len(rows),
        "faded_psnr": round(float(means[0]), 2),
        "fixed_psnr": round(float(means[1]), 2),
        "unfaded_fixed_psnr": round(float(means[2]), 2),
        "photos_fixed_worse_than_faded": int(sum(fixed < old for old, fixed, _ in rows)),
        "unfaded_left_alone": left_alone,
        "faded_found": found,
        "seconds_per_photo": round(seconds / max(len(rows), 1), 3),
        "note": "RGB PSNR against the photo; unfaded_fixed_psnr: how little a photo that never "
        "faded changes (99: not at all)",
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
