"""Typed, frozen configurations of pair preparation and training, saved beside their results."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Self

from engine.words import listed, say

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


HELP = "help"
"""The key of a field's meaning in its metadata (``setting``)."""


def setting(default: Any, meaning: str) -> Any:
    """A configuration's field with its ``default`` and ``meaning``: the command line's help
    for its option (``HELP``)."""
    return field(default=default, metadata={HELP: meaning})


class _Config:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Rebuild from a saved dict; unknown keys are rejected so typos are not ignored."""
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        unknown = set(data) - known
        if unknown:
            raise ValueError(
                say(
                    "unknown {kind} settings: {names}",
                    kind=cls.__name__,
                    names=listed(sorted(unknown)),
                )
            )
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

    crop: int = setting(512, "the sharp crops' side in pixels (a multiple of --scale)")
    scale: int = setting(4, "how many times the blurry side is smaller: 1 trains a clean-up model")
    crops_per_image: int = setting(8, "crops cut at random from each photo")
    crops_per_megapixel: float = setting(
        0.0, "cut more crops from larger photos (never fewer than --crops-per-image)"
    )
    shrink: float = setting(
        1.0,
        "take some crops from larger squares reduced by a random factor down to this (for big, "
        "soft photos: denser detail, as in the small ones); 1 = never",
    )
    grey: float = setting(0.0, "the share of crops made black-and-white on both sides (0 to 1)")
    degrade: str = setting(
        "none",
        "what else the blurry side suffers: none (the reduction alone); oldphoto (fading, a "
        "colour cast, blur, noise, scratches, specks and JPEG blocks); damage (the same without "
        "fading and casts, which taught models to tint black-and-white film); cleanup (noise, "
        "scratches, specks and JPEG blocks, never blur or colour: scale 1's); real (the model "
        "of real old photos' and films' damage)",
    )
    resize: str = setting(
        "area", "how the sharp crop is reduced to its blurry side (--degrade real makes its own)"
    )
    seed: int = setting(0, "the seed of the random crops and damage: the same seed, the same pairs")

    def crop_count(self, height: int, width: int) -> int:
        """How many crops a photo of this size gives: a 24 MP scan holds far more distinct
        detail than a 0.2 MP thumbnail, so it may give more (``crops_per_megapixel``)."""
        by_area = round(self.crops_per_megapixel * height * width / 1e6)
        return max(self.crops_per_image, by_area)

    def __post_init__(self) -> None:
        self._refuse_non_finite()
        if self.scale not in SCALES:
            raise ValueError(say("scale must be 1, 2 or 4"))
        if self.crop % self.scale or self.crop < 8 * self.scale:
            raise ValueError(
                say(
                    "crop must be a multiple of the scale and at least {least}",
                    least=8 * self.scale,
                )
            )
        if self.crops_per_image < 1:
            raise ValueError(say("crops per image must be at least 1"))
        if self.crops_per_megapixel < 0:
            raise ValueError(say("crops per megapixel cannot be negative"))
        if not SHRINK_RANGE[0] <= self.shrink <= SHRINK_RANGE[1]:
            raise ValueError(say("shrink must lie between 0.25 and 1 (1: crops are never reduced)"))
        if not 0.0 <= self.grey <= 1.0:
            raise ValueError(say("the grey share must lie between 0 and 1"))
        if self.degrade not in DEGRADATIONS:
            raise ValueError(say("degrade must be one of {choices}", choices=listed(DEGRADATIONS)))
        if self.scale == 1 and self.degrade == "none":
            raise ValueError(
                say("a clean-up dataset (scale 1) needs a degradation: its pairs differ only by it")
            )
        if self.resize not in RESIZE_METHODS:
            raise ValueError(say("resize must be one of {choices}", choices=listed(RESIZE_METHODS)))
        if self.seed < 0:
            raise ValueError(say("the seed cannot be negative"))


@dataclass(frozen=True)
class TrainingConfig(_Config):
    """One whole training run: the networks, the three-phase schedule and the losses."""

    scale: int = setting(4, "how many times the model enlarges: 1, 2 or 4 (1: a clean-up model)")
    width: int = setting(32, "the generator's features at the input's size")
    depth: int = setting(2, "how many times the generator halves the picture")
    convs: int = setting(1, "the generator's convolutions per level, each side")
    up_width: int = setting(16, "the generator's features above the input's size")
    disc_width: int = setting(16, "the discriminator's features at the input's size")
    disc_depth: int = setting(4, "how many times the discriminator halves the picture")
    batch: int = setting(8, "pairs per step")
    patch: int = setting(
        0, "the side of the sharp patch cut at random from each stored crop; 0 = the whole crop"
    )
    warmup_steps: int = setting(0, "content-loss-only generator steps before the adversarial phase")
    steps: int = setting(
        1000, "adversarial steps (the three-step cycle) after the warm-up; 0 = the warm-up only"
    )
    lr_generator: float = setting(2e-4, "the generator's learning rate")
    lr_discriminator: float = setting(1e-4, "the discriminator's learning rate")
    warmup_final_lr: float = setting(
        1e-6, "the learning rate the warm-up's cosine schedule ends at"
    )
    content_weight: float = setting(1.0, "the content loss's weight in the generator's loss")
    content_loss: str = setting("l1", "l1, or charbonnier (a smooth L1 that is kinder near zero)")
    fft_weight: float = setting(
        0.0, "> 0: add the L1 distance of the outputs' spectra, with this weight"
    )
    adversarial_weight: float = setting(
        5e-3, "the adversarial loss's weight in the generator's loss"
    )
    balance_phases: bool = setting(
        True, "keep the transposed convolutions free of checkerboard patterns"
    )
    ema: float = setting(
        0.0,
        "> 0: validate and save an average of the weights with this decay per step (0.999); "
        "0 = the last weights",
    )
    seconds: float = setting(
        0.0, "> 0: train this many seconds, the phases sharing them as their steps; 0 = by steps"
    )
    checkpoint_every: int = setting(200, "save a checkpoint every this many steps")
    checkpoint_seconds: float = setting(
        0.0, "> 0: also save a checkpoint when this many seconds have passed since the last"
    )
    validate_every: int = setting(500, "validate every this many steps")
    seed: int = setting(0, "the seed of the run's random numbers: weights, batches, patches")
    damage: str = setting(
        "none",
        "packed data's blurry sides: none (the benchmarks' bicubic reduction) or real (the "
        "model of real old photos' and films' damage)",
    )
    shrink: float = setting(
        1.0, "packed data: < 1 cuts squares up to 1 / shrink larger, reduced evenly"
    )
    grey: float = setting(0.0, "packed data: the share of patches made black-and-white (0 to 1)")

    def __post_init__(self) -> None:
        self._refuse_non_finite()
        if self.scale not in SCALES:
            raise ValueError(say("scale must be 1, 2 or 4"))
        if self.patch and (self.patch % self.scale or self.patch < 8 * self.scale):
            raise ValueError(
                say(
                    "the patch must be a multiple of the scale and at least {least} px",
                    least=8 * self.scale,
                )
            )
        if min(self.disc_width, self.disc_depth) < 1:
            raise ValueError(say("the discriminator's width and depth must be at least 1"))
        if self.warmup_steps < 0 or self.steps < 0 or self.warmup_steps + self.steps == 0:
            raise ValueError(say("there must be some warm-up or adversarial steps"))
        if self.batch < 1:
            raise ValueError(say("batch must be at least 1"))
        if self.lr_generator <= 0 or self.lr_discriminator <= 0 or self.warmup_final_lr < 0:
            raise ValueError(say("the learning rates must be above 0"))
        if max(self.lr_generator, self.lr_discriminator, self.warmup_final_lr) > MAX_LEARNING_RATE:
            raise ValueError(
                say(
                    "the learning rates can be at most {most} (such as 2e-4): larger ones make "
                    "training diverge",
                    most=MAX_LEARNING_RATE,
                )
            )
        if min(self.content_weight, self.adversarial_weight) < 0:
            raise ValueError(say("the losses' weights cannot be negative"))
        if self.checkpoint_every < 1 or self.validate_every < 1:
            raise ValueError(say("checkpoints and validations fall due every 1 step or more"))
        if self.seed < 0:
            raise ValueError(say("the seed cannot be negative"))
        if not 0.0 <= self.ema < 1.0:
            raise ValueError(say("ema must be 0 (off) or a decay below 1, such as 0.999"))
        if self.content_loss not in CONTENT_LOSSES:
            raise ValueError(
                say("content loss must be one of {choices}", choices=listed(CONTENT_LOSSES))
            )
        if self.fft_weight < 0:
            raise ValueError(say("the FFT loss's weight cannot be negative"))
        if self.seconds < 0:
            raise ValueError(say("the training time cannot be negative (0: train by steps)"))
        if self.checkpoint_seconds < 0:
            raise ValueError(say("checkpoint seconds cannot be negative (0 turns them off)"))
        if not SHRINK_RANGE[0] <= self.shrink <= SHRINK_RANGE[1]:
            raise ValueError(
                say("shrink must lie between 0.25 and 1 (1: patches are never reduced)")
            )
        if not 0.0 <= self.grey <= 1.0:
            raise ValueError(say("the grey share must lie between 0 and 1"))
        if self.damage not in DAMAGES:
            raise ValueError(say("damage must be one of {choices}", choices=listed(DAMAGES)))

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
