"""PSNR/SSIM of a model against bicubic, the super-resolution literature's way.

Run: ``python bench/quality.py --model NAME --hr-dir DIR --json`` (``--before cleanup-x1``
measures a chain; ``--degrade real`` photos with realistic old damage). Each sharp photo is shrunk
by the model's scale with bicubic interpolation, restored through the engine (tiled, as the
app does), and compared on the Y channel with ``scale`` pixels of border cropped. Beside
PSNR/SSIM it prints how sharp the result is (its share of the original's fine detail) and how
much of that sharpness is false (halos: overshoot beyond the original's local range).
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)
import torch

# isort: split

from engine.chain import open_chain
from engine.restorer import Restorer
from training.config import DEGRADATIONS
from training.evaluation import load_validation_set, score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="default", help="built-in name or model file")
    parser.add_argument("--detail", type=float, help="detail strength of a built-in blend")
    parser.add_argument("--repair", type=float, help="repair strength of a built-in blend")
    parser.add_argument(
        "--before", action="append", default=[], help="a 1x model run first (a chain)"
    )
    parser.add_argument("--hr-dir", required=True, help="folder of sharp photos")
    parser.add_argument("--limit", type=int, help="use only the first N photos")
    parser.add_argument("--ensemble", action="store_true", help="average eight orientations")
    parser.add_argument(
        "--degrade",
        choices=DEGRADATIONS,
        default="none",
        help="damage each photo with this prepare recipe (fixed seeds): 'real' is the model of "
        "real old material (training.damage), as for training with other seeds; a clean-up "
        "model is measured against the damaged photo itself",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    args = parser.parse_args()

    chain = open_chain(args.model, args.detail, args.before, repair=args.repair)
    model = chain.model
    restorer = Restorer(chain, torch.device("cpu"))
    pairs = load_validation_set(args.hr_dir, model.descriptor.scale, args.limit, args.degrade)
    started = time.perf_counter()
    scores, _ = score(
        pairs,
        lambda blurry: restorer.enlarge(blurry, ensemble=args.ensemble),
        model.descriptor.scale,
    )
    seconds = time.perf_counter() - started
    result = {
        "model": model.descriptor.name,
        "before": args.before,
        "ensemble": args.ensemble,
        "degrade": args.degrade,
        "scale": model.descriptor.scale,
        "images": len(pairs),
        "psnr_y": round(scores.psnr, 3),
        "ssim_y": round(scores.ssim, 4),
        "bicubic_psnr_y": round(scores.bicubic_psnr, 3),
        "bicubic_ssim_y": round(scores.bicubic_ssim, 4),
        "psnr_gain_db": round(scores.psnr - scores.bicubic_psnr, 3),
        "halo_y": round(scores.halo, 4),
        "bicubic_halo_y": round(scores.bicubic_halo, 4),
        "detail_share": round(scores.detail_share, 3),
        "bicubic_detail_share": round(scores.bicubic_detail_share, 3),
        "seconds": round(seconds, 1),
        "border": model.descriptor.scale,
        "note": "Y channel (BT.601), border of `scale` pixels cropped, bicubic (antialiased) "
        "reduction; halo_y: mean levels of 255 beyond the original's range in 5x5 around each "
        "pixel (overshoot, ringing); detail_share: fine detail (minus a 1.5 px Gaussian blur) "
        "as a share of the original's",
    }
    print(json.dumps(result, indent=2, default=lambda v: float(np.asarray(v))))


if __name__ == "__main__":
    main()
