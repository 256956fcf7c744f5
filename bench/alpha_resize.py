"""What resizing a picture's alpha (``engine.alpha_resize.resized_alpha``) costs, beside a
plain ``cv2.resize`` of the same alpha to the same size in the same run.

Run: ``python bench/alpha_resize.py --json`` (``--megapixels 12 --grow 4 --shrink 0.25
--bits 8 16``). The alpha is a 4:3 picture of ``--megapixels``: an opaque disc with a
feathered edge on a clear ground, crossed by 1-pixel opaque lines (the time does not depend
on what it holds). It is enlarged ``--grow`` times (bicubic, each value kept between its two
nearest source values; plain: ``cv2.INTER_CUBIC``) and reduced to ``--shrink`` of its sides
(by area; plain: ``cv2.INTER_AREA``). Prints seconds a resize (after one unmeasured run, the
mean of ``--repeats``); nothing is asserted.
"""

from __future__ import annotations

import argparse
import json

import cv2
import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)

# isort: split

from panning import milliseconds

from engine.alpha_resize import resized_alpha

FEATHER = 40  # pixels over which the disc's edge fades
LINE_SPACING = 50  # pixels between the thin lines


def _alpha(megapixels: float, bits: int) -> np.ndarray:
    """A 4:3 alpha of ``megapixels`` and ``bits`` bits: a feathered disc crossed by lines."""
    width = round((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = round(width * 3 / 4)
    y, x = np.ogrid[:height, :width]
    inside = height / 3 - np.hypot(x - width / 2, y - height / 2)
    alpha = np.clip(inside / FEATHER + 0.5, 0, 1)
    alpha[:, ::LINE_SPACING] = 1
    top = (1 << bits) - 1
    return np.rint(alpha * top).astype(np.uint8 if bits == 8 else np.uint16)


def _timed(alpha: np.ndarray, factor: float, repeats: int) -> dict:
    """Seconds ``resized_alpha`` and plain ``cv2.resize`` take to resize ``alpha`` by
    ``factor``."""
    height, width = alpha.shape
    size = (round(width * factor), round(height * factor))
    plain = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    ours = milliseconds(lambda: resized_alpha(alpha, size), repeats) / 1000
    theirs = milliseconds(lambda: cv2.resize(alpha, size, interpolation=plain), repeats) / 1000
    return {
        "size": f"{size[0]}x{size[1]}",
        "seconds": round(ours, 3),
        "cv2_seconds": round(theirs, 3),
        "times_cv2": round(ours / theirs, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megapixels", type=float, default=12.0, help="the alpha's size")
    parser.add_argument("--grow", type=float, default=4.0, help="enlargement measured")
    parser.add_argument("--shrink", type=float, default=0.25, help="reduction measured")
    parser.add_argument("--bits", type=int, nargs="+", choices=(8, 16), default=[8])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each")
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    args = parser.parse_args()

    results = []
    for bits in args.bits:
        alpha = _alpha(args.megapixels, bits)
        for name, factor in (("grow", args.grow), ("shrink", args.shrink)):
            row = {"bits": bits, "resize": name, "factor": factor}
            results.append({**row, **_timed(alpha, factor, args.repeats)})
            if not args.json:
                print(results[-1], flush=True)
    source = f"{alpha.shape[1]}x{alpha.shape[0]}"
    print(
        json.dumps(
            {"source": source, "cv2_threads": cv2.getNumThreads(), "results": results}, indent=1
        )
    )


if __name__ == "__main__":
    main()
