"""A run's quality figures, rounded once and written one way.

Every figure shown of a run (by the training wizard: its progress label and plot, its table of
results, its verdict) is a ``Figures`` made here from the trainer's validation of the held-out
photos, so the same measurement always reads the same; and the verdict compares the rounded
values, so "below" never contradicts two equal numbers on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from training.events import ValidationEvent

PSNR_DECIMALS = 2
SSIM_DECIMALS = 4


@dataclass(frozen=True)
class Figures:
    """PSNR (dB) and SSIM of one way of enlarging the held-out photos, as shown."""

    psnr: float
    ssim: float

    @classmethod
    def of(cls, psnr: float, ssim: float) -> Figures:
        return cls(round(psnr, PSNR_DECIMALS), round(ssim, SSIM_DECIMALS))

    def psnr_text(self) -> str:
        return f"{self.psnr:.{PSNR_DECIMALS}f}"

    def ssim_text(self) -> str:
        return f"{self.ssim:.{SSIM_DECIMALS}f}"


@dataclass(frozen=True)
class Validation:
    """One validation as the person sees it: the new model's figures beside bicubic's."""

    step: int
    yours: Figures
    bicubic: Figures

    @classmethod
    def of_event(cls, event: ValidationEvent) -> Validation:
        return cls.of_record(event.step, vars(event))

    @classmethod
    def of_record(cls, step: int, scores: Mapping[str, Any]) -> Validation:
        """From the trainer's scores as a model file records them (``Trainer.last_scores``)."""
        return cls(
            step,
            Figures.of(scores["psnr"], scores["ssim"]),
            Figures.of(scores["bicubic_psnr"], scores["bicubic_ssim"]),
        )
