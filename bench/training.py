"""Training speed of a network on this machine's CPU or GPU.

Run: ``python bench/training.py --json`` (the CPU, the seed spec's 512/128 pair, batch 4), or on
a GPU, for example ``python bench/training.py --json --device cuda --model faithful-x4
--patch 192 --batch 512 --data synthetic-pack --compile``. Trains through ``Trainer.run`` (the
data source, the steps and their bookkeeping, as a real run) for some warm-up steps, then some
GAN cycles, and prints for each phase the samples per second and seconds per step; then the
seconds of each of the spec's three steps alone; the FLOPs of a step (counted by
``FlopCounterMode``) and the rate achieved; on a GPU also the peak memory, the share of each
step's wall time the GPU spent in kernels (``torch.profiler``) and a bf16 matrix product's rate
on the same GPU, as the ceiling to compare with (null on a CPU). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)
import torch
from torch.autograd import DeviceType
from torch.profiler import ProfilerActivity, profile
from torch.utils.flop_counter import FlopCounterMode

# isort: split

from engine.devices import pick_device
from engine.library.loading import open_model
from training.config import PrepareOptions, TrainingConfig
from training.events import StepEvent
from training.pack import pack
from training.prepare import prepare
from training.trainer import Trainer

SYNTHETIC = ("synthetic", "synthetic-pack")
SYNTHETIC_PHOTOS = 4
SYNTHETIC_MARGIN = 64  # synthetic photos are this much larger than a crop
MATMUL_SIDE = 8192
MATMUL_REPEATS = 10
GIB = 2**30
NEVER = 10**9
PHASES = {"warmup": "warmup_l1", "gan": "gan_three_steps"}  # StepEvent.phase: printed name


def _synthetic_photos(folder: Path, side: int) -> Path:
    """A few noisy photo-like images: the content does not change the speed."""
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for index in range(SYNTHETIC_PHOTOS):
        base = cv2.resize(rng.integers(0, 256, (24, 24, 3), dtype=np.uint8), (side, side))
        cv2.imwrite(str(folder / f"{index}.png"), base)
    return folder


def _data(choice: str, folder: Path, crop: int, scale: int) -> Path:
    """The data ``--data`` names: synthetic photos cut into a prepared folder of pairs
    (``synthetic``) or packed (``synthetic-pack``), or a pack or dataset of one's own."""
    if choice not in SYNTHETIC:
        return Path(choice)
    photos = _synthetic_photos(folder / "photos", crop + SYNTHETIC_MARGIN)
    if choice == "synthetic-pack":
        return pack(photos, folder / "photos.rkpack").path
    dataset = folder / "pairs"
    prepare(photos, dataset, PrepareOptions(crop=crop, scale=scale, crops_per_image=4))
    return dataset


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _seconds(function: Callable[[], Any], device: torch.device, repeats: int) -> float:
    """The median seconds of ``function`` after one untimed call."""
    function()
    times = []
    for _ in range(repeats):
        _synchronize(device)
        start = time.perf_counter()
        function()
        _synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _busy_seconds(trace: profile) -> float:
    """The seconds the GPU spent in kernels (and copies) in a ``torch.profiler`` trace: the
    union of their intervals."""
    spans = sorted(
        (event.time_range.start, event.time_range.end)
        for event in trace.events()
        if event.device_type == DeviceType.CUDA
    )
    busy, reach = 0.0, float("-inf")
    for start, end in spans:
        busy += max(0.0, end - max(start, reach))
        reach = max(reach, end)
    return busy * 1e-6


def _flops(function: Callable[[], Any]) -> int:
    counter = FlopCounterMode(display=False)
    with counter:
        function()
    return counter.get_total_flops()


def _matmul_tflops(device: torch.device) -> float | None:
    """A large bf16 matrix product's rate on this GPU: the ceiling for the figures above."""
    if device.type != "cuda":
        return None
    a, b = (
        torch.randn(MATMUL_SIDE, MATMUL_SIDE, device=device, dtype=torch.bfloat16) for _ in range(2)
    )
    seconds = _seconds(lambda: a @ b, device, MATMUL_REPEATS)
    return 2 * MATMUL_SIDE**3 / seconds / 1e12


def _train(
    trainer: Trainer, skip: int, timed: int, traced: int
) -> tuple[dict[str, float], dict[str, float] | None]:
    """Seconds per step of each phase of ``trainer.run`` (its first ``skip`` steps left out:
    compiling, cuDNN's choice of algorithms), timed over ``timed`` steps; on a GPU, then the
    share of that time the GPU was busy, over ``traced`` more steps under the profiler. Each
    phase must have ``skip + timed + traced`` steps, ``skip`` at least 1."""
    cuda = trainer.device.type == "cuda"
    stamps: dict[str, list[float]] = {"warmup": [], "gan": []}
    busy: dict[str, float] = {}
    trace: profile | None = None
    for event in trainer.run():
        if not isinstance(event, StepEvent):
            continue
        times = stamps[event.phase]
        times.append(time.perf_counter())  # each step ends by reading its losses: a sync
        if cuda and len(times) == skip + timed:
            trace = profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA])
            trace.start()
        elif trace is not None and len(times) == skip + timed + traced:
            _synchronize(trainer.device)
            trace.stop()
            busy[event.phase] = _busy_seconds(trace) / traced
            trace = None
    seconds = {
        PHASES[phase]: (times[skip + timed - 1] - times[skip - 1]) / timed
        for phase, times in stamps.items()
    }
    shares = {PHASES[phase]: value / seconds[PHASES[phase]] for phase, value in busy.items()}
    return seconds, shares if cuda else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--model", default="default", help="network whose shape is measured")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--width", type=int, help="measure the model's shape this wide instead")
    parser.add_argument("--up-width", type=int, help="and with this many features above")
    parser.add_argument(
        "--data",
        default="synthetic",
        help="a .rkpack, a prepared dataset, 'synthetic' (pairs) or 'synthetic-pack'",
    )
    parser.add_argument("--crop", type=int, default=512, help="synthetic photos' crop side")
    parser.add_argument("--patch", type=int, default=0, help="sharp patch side; 0: the crop")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--amp", choices=("bf16", "off"), help="default: bf16 on CUDA")
    parser.add_argument("--compile", action="store_true", help="torch.compile the networks")
    parser.add_argument("--steps", type=int, default=3, help="timed steps of each phase")
    parser.add_argument("--skip", type=int, default=1, help="untimed first steps of each")
    parser.add_argument("--traced", type=int, default=3, help="steps traced for GPU time")
    args = parser.parse_args()
    if min(args.skip, args.steps, args.traced) < 1:
        parser.error("--skip, --steps and --traced must each be at least 1")

    device = pick_device(args.device)
    shape = {k: v for k, v in (("width", args.width), ("up_width", args.up_width)) if v}
    hparams = {**open_model(args.model).descriptor.hparams, **shape}
    per_phase = args.skip + args.steps + args.traced
    config = replace(
        TrainingConfig(batch=args.batch, patch=args.patch),
        **hparams,
        warmup_steps=per_phase,
        steps=per_phase,
        checkpoint_every=NEVER,
    )
    cuda = device.type == "cuda"
    with tempfile.TemporaryDirectory() as folder:
        data = _data(args.data, Path(folder), args.crop, config.scale)
        trainer = Trainer(
            data, Path(folder) / "m.safetensors", config, device=args.device, amp=args.amp
        )
        blurry, sharp = (
            t.to(device, memory_format=trainer.memory_format)
            for t in trainer.sampler.batch(args.batch)
        )
        cycles = {
            "warmup_l1": lambda: trainer.warmup_step(blurry, sharp),
            "gan_three_steps": lambda: trainer.gan_step(blurry, sharp),
        }
        spec_steps = {  # each of the spec's three steps alone, on one batch
            "1_discriminator_real": lambda: trainer.discriminator_step(sharp, blurry, 1.0),
            "2_discriminator_fake": lambda: trainer.discriminator_step(
                trainer.generate_frozen(blurry), blurry, 0.0
            ),
            "3_generator": lambda: trainer.generator_step(blurry, sharp),
        }
        flops = {name: _flops(cycle) for name, cycle in cycles.items()}  # eager: before compiling
        if args.compile:
            trainer.compile_networks()
        if cuda:
            torch.cuda.reset_peak_memory_stats(device)
        loop, busy = _train(trainer, args.skip, args.steps, args.traced)
        alone = {name: _seconds(step, device, args.steps) for name, step in spec_steps.items()}
        peak = torch.cuda.max_memory_allocated(device) / GIB if cuda else None
    matmul = _matmul_tflops(device)
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "device": torch.cuda.get_device_name(device) if cuda else "cpu",
                "threads": torch.get_num_threads(),
                "network": hparams,
                "data": args.data,
                "patch": args.patch or args.crop,
                "batch": args.batch,
                "amp": "bf16" if trainer.amp else "off",
                "compile": args.compile,
                "samples_per_second": {k: round(args.batch / v, 2) for k, v in loop.items()},
                "seconds_per_step": {k: round(v, 5) for k, v in {**loop, **alone}.items()},
                "peak_gpu_memory_gib": round(peak, 3) if peak is not None else None,
                "gpu_busy": {k: round(v, 3) for k, v in busy.items()} if busy else None,
                "gflop_per_sample": {k: round(v / args.batch / 1e9, 3) for k, v in flops.items()},
                "achieved_tflops": {k: round(flops[k] / loop[k] / 1e12, 3) for k in loop},
                "matmul_bf16_tflops": round(matmul, 1) if matmul is not None else None,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
