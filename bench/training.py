"""Training speed of the built-in network on this machine.

Run: ``python bench/training.py --json``. Prints samples per second at the default crop
(512 sharp / 128 blurry, the seed spec's pair) and the seconds per step of each of the
spec's three steps, plus the L1 warm-up step. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import torch

# Running ``python bench/X.py`` puts this folder first on the path, where training.py would
# shadow the ``training`` package; the project itself is installed, so the folder is not needed.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from engine.models import open_model  # noqa: E402
from training.config import PrepareOptions, TrainingConfig  # noqa: E402
from training.prepare import prepare  # noqa: E402
from training.trainer import Trainer  # noqa: E402


def _synthetic_dataset(folder: Path, crop: int) -> Path:
    """A few noisy photos-like images, cut into pairs: the content does not change the speed."""
    source = folder / "src"
    source.mkdir()
    rng = np.random.default_rng(0)
    for index in range(4):
        base = cv2.resize(rng.integers(0, 256, (24, 24, 3), dtype=np.uint8), (crop + 64,) * 2)
        cv2.imwrite(str(source / f"{index}.png"), base)
    dataset = folder / "pairs"
    prepare(source, dataset, PrepareOptions(crop=crop, scale=4, crops_per_image=4))
    return dataset


def _timed(function, repeats: int) -> float:
    function()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--model", default="default", help="network whose shape is measured")
    parser.add_argument("--crop", type=int, default=512)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    hparams = open_model(args.model).info.hparams
    config = replace(TrainingConfig(batch=args.batch), **hparams)
    with tempfile.TemporaryDirectory() as folder:
        dataset = _synthetic_dataset(Path(folder), args.crop)
        trainer = Trainer(dataset, Path(folder) / "m.safetensors", config, device="cpu")
        blurry, sharp = trainer.sampler.batch(args.batch)
        phases = {
            "warmup_l1": lambda: trainer.warmup_step(blurry, sharp),
            "1_discriminator_real": lambda: trainer.discriminator_step(sharp, blurry, 1.0),
            "2_discriminator_fake": lambda: trainer.discriminator_step(
                trainer.generate_frozen(blurry), blurry, 0.0
            ),
            "3_generator": lambda: trainer.generator_step(blurry, sharp),
        }
        seconds = {name: _timed(step, args.repeats) for name, step in phases.items()}
    gan_step = sum(v for k, v in seconds.items() if k[0].isdigit())
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "network": hparams,
                "crop": args.crop,
                "batch": args.batch,
                "seconds_per_step": {k: round(v, 3) for k, v in seconds.items()},
                "samples_per_second": {
                    "warmup_l1": round(args.batch / seconds["warmup_l1"], 2),
                    "gan_three_steps": round(args.batch / gan_step, 2),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
