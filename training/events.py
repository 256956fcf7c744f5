"""What a training run reports, step by step; the command line and the wizard read the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class StepEvent:
    """One finished step. ``phase`` is "warmup" (L1 only) or "gan" (the three-step cycle)."""

    step: int
    total_steps: int
    phase: str
    losses: dict[str, float]
    d_real: float | None
    d_fake: float | None
    lr_generator: float
    lr_discriminator: float
    samples_per_second: float
    elapsed: float


@dataclass(frozen=True)
class ValidationEvent:
    """Quality on the validation photos, with bicubic's beside it, and a few (blurry, restored,
    sharp) sample crops as HxWx3 uint8 arrays of the same size."""

    step: int
    psnr: float
    ssim: float
    bicubic_psnr: float
    bicubic_ssim: float
    samples: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)


@dataclass(frozen=True)
class CheckpointEvent:
    step: int
    path: Path


@dataclass(frozen=True)
class FinishedEvent:
    """The run ended; ``model_path`` is a model file the engine loads, even when cancelled."""

    step: int
    model_path: Path
    cancelled: bool


TrainingEvent = StepEvent | ValidationEvent | CheckpointEvent | FinishedEvent
