"""Honest time estimates: a few real training steps of a run's config, timed on this device.

A throw-away run on synthetic photos of the config's patch size (the content of the pixels does
not change the cost of a step), made into the run's kind of data, is timed per phase: on a pack
a step's time includes cutting and damaging its crops, as in the real run. The first step of
each phase is left out (it pays for allocations), the following ones are averaged. One
validation of a photo as large as the real validation photos is timed too. The estimate is then
the config's step counts and validations multiplied out.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from engine.imageio import Picture, write_picture
from engine.progress import CancelToken
from training.config import PrepareOptions, TrainingConfig
from training.events import StepEvent, ValidationEvent
from training.material.prepared import VAL_SIDE
from training.pack import pack
from training.pack_format import PACK_SUFFIX
from training.prepare import prepare
from training.run_state import PACK
from training.trainer import Trainer

TIMED_STEPS = 3
"""Steps run per phase; all but the first are timed."""
NEVER = 10**9


@dataclass(frozen=True)
class StepTimes:
    """Seconds per warm-up step, per adversarial step and per validation photo."""

    warmup: float
    gan: float
    validation_photo: float

    def total(self, config: TrainingConfig, validation_photos: int) -> float:
        validations = config.total_steps // config.validate_every + 1
        return (
            config.warmup_steps * self.warmup
            + config.steps * self.gan
            + validations * validation_photos * self.validation_photo
        )


def _synthetic_photo(side: int, seed: int) -> Picture:
    """Smooth colour fields with fine noise: photo-like enough for timing."""
    rng = np.random.default_rng(seed)
    coarse = rng.integers(0, 256, (8, 8, 3)).astype(np.float32)
    y, x = np.mgrid[0:side, 0:side] * (7 / max(side - 1, 1))
    base = coarse[y.astype(int), x.astype(int)]
    pixels = np.clip(base + rng.normal(0, 20, base.shape), 0, 255).astype(np.uint8)
    return Picture(pixels, None, None, None, "png")


def _training_data(photos: Path, data: str, side: int, scale: int) -> Path:
    """The photos made into ``data``: packed, or cut into pairs of ``side``."""
    if data == PACK:
        return pack(photos, photos.with_suffix(PACK_SUFFIX), min_side=side).path
    pairs = photos.with_name("pairs")
    prepare(photos, pairs, PrepareOptions(crop=side, scale=scale, crops_per_image=2))
    return pairs


def measure(
    config: TrainingConfig,
    init: str | None,
    device: str,
    crop: int,
    data: str,
    token: CancelToken,
) -> StepTimes | None:
    """Time ``config``'s steps on ``device`` training from ``data`` (``training.run_state``'s
    kinds; crops of ``crop``, the patch unless it is 0); None if cancelled meanwhile."""
    side = config.patch or crop
    timed = replace(
        config,
        warmup_steps=TIMED_STEPS,
        steps=TIMED_STEPS,
        validate_every=2 * TIMED_STEPS,
        checkpoint_every=NEVER,
    )
    with tempfile.TemporaryDirectory(prefix="rekindle-estimate-") as work:
        root = Path(work)
        for index in range(2):
            write_picture(_synthetic_photo(side, index), root / "photos" / f"{index}.png")
        write_picture(_synthetic_photo(VAL_SIDE, 9), root / "val" / "v.png")
        dataset = _training_data(root / "photos", data, side, config.scale)
        if token.cancelled:  # before the model is built (and a built-in one read)
            return None
        trainer = Trainer(
            dataset,
            root / "m.safetensors",
            timed,
            val_dir=root / "val",
            init=init,
            device=device,
        )
        times: dict[str, list[float]] = {"warmup": [], "gan": []}
        validation = 0.0
        last = time.perf_counter()
        events = trainer.run()  # cancelled here, not by its token: it would validate and save
        try:
            for event in events:
                if token.cancelled:
                    return None
                now = time.perf_counter()
                if isinstance(event, StepEvent):
                    times[event.phase].append(trainer.config.batch / event.samples_per_second)
                elif isinstance(event, ValidationEvent):
                    validation = now - last
                    break
                last = now
        finally:
            events.close()
    return StepTimes(
        float(np.mean(times["warmup"][1:])), float(np.mean(times["gan"][1:])), validation
    )
