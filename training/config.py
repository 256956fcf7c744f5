"""Typed, frozen configurations of pair preparation and training, saved beside their results."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any, Self

from engine.words import say

RESIZE_METHODS = ("area", "antialiased-cubic", "cubic", "linear", "lanczos")
SCALES = (1, 2, 4)  # 1: a clean-up model, trained on damaged copies of the same crops
DEGRADATIONS = ("none", "oldphoto", "damage", "cleanup", "real")
"""``prepare --degrade`` choices: training.degrade.RECIPES' steps, or "real", the model of real
old material (training.damage)."""
DAMAGES = ("none", "real")  # how packed data's blurry sides are made (training.packed_pairs)
CONTENT_LOSSES = ("l1", "charbonnier")
SHRINK_RANGE = (0.25, 1.0)
"""How far a crop or patch may be reduced from a larger square: 1 is never."""
MAX_LEARNING_RATE = 0.1
"""Above this Adam's steps throw the weights about and the losses run off to huge numbers."""


class _Config:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Rebuild from a saved dict; unknown keys are rejected so typos are not ignored."""
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown {cls.__name__} settings: {', '.join(sorted(unknown))}")
        return cls(**data)

    def _refuse_non_finite(self) -> None:
        """Refuse a number that is not one (nan) or endless (inf): the range checks let nan
        through (every comparison with it is false), and it would train a model of nans."""
        for setting in fields(self):  # type: ignore[arg-type]
            value = getattr(self, setting.name)
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(
                    say(
                        "{setting} must be a finite number, not {value}",
                        setting="--" + setting.name.replace("_", "-"),
                        value=value,
                    )
                )


@dataclass(frozen=True)
class PrepareOptions(_Config):
    """How ``training prepare`` cuts (blurry, sharp) pairs out of a folder of photos."""

    crop: int = 512
    scale: int = 4
    crops_per_image: int = 8
    crops_per_megapixel: float = 0.0  # > 0: larger photos give more (at least crops_per_image)
    shrink: float = 1.0  # < 1: a crop may be a larger square reduced by down to this factor
    grey: float = 0.0  # the share of crops made black-and-white (training.monochrome)
    degrade: str = "none"
    resize: str = "area"
    seed: int = 0

    def crop_count(self, height: int, width: int) -> int:
        """How many crops a photo of this size gives: a 24 MP scan holds far more distinct
        detail than a 0.2 MP thumbnail, so it may give more (``crops_per_megapixel``)."""
        by_area = round(self.crops_per_megapixel * height * width / 1e6)
        return max(self.crops_per_image, by_area)

    def __post_init__(self) -> None:
        self._refuse_non_finite()
        if self.scale not in SCALES:
            raise ValueError("scale must be 1, 2 or 4")
        if self.crop % self.scale or self.crop < 8 * self.scale:
            raise ValueError(f"crop must be a multiple of the scale and at least {8 * self.scale}")
        if self.crops_per_image < 1:
            raise ValueError("crops per image must be at least 1")
        if self.crops_per_megapixel < 0:
            raise ValueError("crops per megapixel cannot be negative")
        if not SHRINK_RANGE[0] <= self.shrink <= SHRINK_RANGE[1]:
            raise ValueError("shrink must lie between 0.25 and 1 (1: crops are never reduced)")
        if not 0.0 <= self.grey <= 1.0:
            raise ValueError("the grey share must lie between 0 and 1")
        if self.degrade not in DEGRADATIONS:
            raise ValueError(f"degrade must be one of {', '.join(DEGRADATIONS)}")
        if self.scale == 1 and self.degrade == "none":
            raise ValueError(
                "a clean-up dataset (scale 1) needs a degradation: its pairs differ only by it"
            )
        if self.resize not in RESIZE_METHODS:
            raise ValueError(f"resize must be one of {', '.join(RESIZE_METHODS)}")
        if self.seed < 0:
            raise ValueError("the seed cannot be negative")


@dataclass(frozen=True)
class TrainingConfig(_Config):
    """One whole training run: the networks, the three-phase schedule and the losses."""

    scale: int = 4
    width: int = 32
    depth: int = 2
    convs: int = 1
    up_width: int = 16
    disc_width: int = 16
    disc_depth: int = 4
    batch: int = 8
    patch: int = 0  # sharp patch side cut at random from each stored crop; 0 = whole crop
    warmup_steps: int = 0  # L1-only generator steps before the adversarial phase
    steps: int = 1000  # adversarial steps (the three-step cycle), after the warm-up
    lr_generator: float = 2e-4
    lr_discriminator: float = 1e-4
    warmup_final_lr: float = 1e-6  # the warm-up's cosine schedule ends here
    content_weight: float = 1.0
    content_loss: str = "l1"  # or "charbonnier" (a smooth L1 that is kinder near zero)
    fft_weight: float = 0.0  # > 0: add the L1 distance of the outputs' spectra (training.losses)
    adversarial_weight: float = 5e-3
    balance_phases: bool = True  # keep transposed convolutions checkerboard-free (see generator)
    ema: float = 0.0  # > 0: validate and ship an average of the weights with this decay per step
    seconds: float = 0.0  # > 0: train this long (s of steps); the phases share it as their steps
    checkpoint_every: int = 200
    checkpoint_seconds: float = 0.0  # > 0: also checkpoint when this long has passed since the last
    validate_every: int = 500
    seed: int = 0
    damage: str = "none"  # packed data: "none" is the benchmarks' bicubic, "real" training.damage
    shrink: float = 1.0  # packed data: < 1 cuts squares up to 1 / shrink larger, reduced evenly
    grey: float = 0.0  # packed data: the share of patches made black-and-white

    def __post_init__(self) -> None:
        self._refuse_non_finite()
        if self.scale not in SCALES:
            raise ValueError("scale must be 1, 2 or 4")
        if self.patch and (self.patch % self.scale or self.patch < 8 * self.scale):
            raise ValueError(
                f"the patch must be a multiple of the scale and at least {8 * self.scale} px"
            )
        if min(self.disc_width, self.disc_depth) < 1:
            raise ValueError("the discriminator's width and depth must be at least 1")
        if self.warmup_steps < 0 or self.steps < 0 or self.warmup_steps + self.steps == 0:
            raise ValueError("there must be some warm-up or adversarial steps")
        if self.batch < 1:
            raise ValueError("batch must be at least 1")
        if self.lr_generator <= 0 or self.lr_discriminator <= 0 or self.warmup_final_lr < 0:
            raise ValueError("the learning rates must be above 0")
        if max(self.lr_generator, self.lr_discriminator, self.warmup_final_lr) > MAX_LEARNING_RATE:
            raise ValueError(
                say(
                    "the learning rates can be at most {most} (such as 2e-4): larger ones make "
                    "training diverge",
                    most=MAX_LEARNING_RATE,
                )
            )
        if min(self.content_weight, self.adversarial_weight) < 0:
            raise ValueError("the losses' weights cannot be negative")
        if self.checkpoint_every < 1 or self.validate_every < 1:
            raise ValueError("checkpoints and validations fall due every 1 step or more")
        if self.seed < 0:
            raise ValueError("the seed cannot be negative")
        if not 0.0 <= self.ema < 1.0:
            raise ValueError("ema must be 0 (off) or a decay below 1, such as 0.999")
        if self.content_loss not in CONTENT_LOSSES:
            raise ValueError(f"content loss must be one of {', '.join(CONTENT_LOSSES)}")
        if self.fft_weight < 0:
            raise ValueError("the FFT loss's weight cannot be negative")
        if self.seconds < 0:
            raise ValueError("the training time cannot be negative (0: train by steps)")
        if self.checkpoint_seconds < 0:
            raise ValueError("checkpoint seconds cannot be negative (0 turns them off)")
        if not SHRINK_RANGE[0] <= self.shrink <= SHRINK_RANGE[1]:
            raise ValueError("shrink must lie between 0.25 and 1 (1: patches are never reduced)")
        if not 0.0 <= self.grey <= 1.0:
            raise ValueError("the grey share must lie between 0 and 1")
        if self.damage not in DAMAGES:
            raise ValueError(f"damage must be one of {', '.join(DAMAGES)}")

    @property
    def total_steps(self) -> int:
        return self.warmup_steps + self.steps

    def generator_hparams(self) -> dict[str, int]:
        return {
            "scale": self.scale,
            "width": self.width,
            "depth": self.depth,
            "convs": self.convs,
            "up_width": self.up_width,
        }
