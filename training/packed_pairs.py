"""Training pairs made on the training device from a pack of photos (``training.pack``).

One of the trainer's two batch sources (``training.batches``). The ``PackedSampler`` cuts the
sharp patches on the device and the blurry side is made there too, from the sharp batch, so
the CPU does no work per sample. ``make_blurry`` is the one place that decides how
(``TrainingConfig.damage``): the benchmarks' bicubic reduction, or the model of real damage
(``training.damage``), whose CPU part for the next batch is planned in a thread while the
device trains on this one. The batch of step n is a pure function of the seed and n, so the
state a checkpoint keeps is the count of batches drawn.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from engine.errors import RekindleError
from engine.words import say
from training.config import DAMAGES, TrainingConfig
from training.damage.torch_pipeline import BatchPlan, apply_plan, plan_batch
from training.packed_sampler import PackedSampler, step_seed

DAMAGE_STREAM = 0x5EED_DA4A_6E00_0001
LEVELS = 255  # a saved 8-bit PNG keeps this many steps above black
OTHER_DATA = say(
    "the checkpoint was made on a folder of pairs, not a pack; resume it on the same data"
)


def reduce_bicubic(sharp: torch.Tensor, scale: int) -> torch.Tensor:
    """The benchmarks' reduction: antialiased bicubic, as ``training.prepare.shrink_bicubic``
    (Pillow) makes it, clamped and rounded to 8-bit levels as a saved PNG would be."""
    height, width = sharp.shape[-2:]
    small = F.interpolate(
        sharp, size=(height // scale, width // scale), mode="bicubic", antialias=True
    )
    return small.clamp_(0.0, 1.0).mul_(LEVELS).round_().div_(LEVELS)


def make_blurry(
    sharp: torch.Tensor, scale: int, damage: str, plan: BatchPlan | None, seed: int
) -> torch.Tensor:
    """The blurry partner of every sharp patch of ``sharp``, made on its device: the real
    damage follows ``plan``, its per-pixel noise drawn from ``seed``."""
    if damage == "none":
        return reduce_bicubic(sharp, scale)
    if damage == "real" and plan is not None:
        generator = torch.Generator(device=sharp.device).manual_seed(seed)
        return apply_plan(sharp, plan, generator)
    raise RekindleError(
        say(
            "damage must be one of {damages}, not '{damage}'",
            damages=", ".join(DAMAGES),
            damage=damage,
        )
    )


class PackedPairs:
    """(blurry, sharp) batches of ``config.patch``-sided sharp patches from a pack."""

    def __init__(
        self,
        pack: str | os.PathLike,
        config: TrainingConfig,
        device: torch.device,
        rank: int = 0,
        world: int = 1,
    ) -> None:
        if not config.patch:
            raise RekindleError(
                say("training on a pack needs --patch, the side of its sharp patches")
            )
        if config.scale == 1 and config.damage == "none":
            raise RekindleError(
                say(
                    "a clean-up model (scale 1) learns from damage alone: choose a damage other "
                    "than none for packed data"
                )
            )
        self.scale, self.damage = config.scale, config.damage
        self.degradation = config.damage  # validation damages its photos by the same model
        self.seed, self.rank = config.seed, rank
        self.patch = config.patch
        self.low_side = config.patch // config.scale
        self.sharp = PackedSampler(
            pack, config.patch, device, config.seed, rank, world, config.shrink, config.grey
        )
        self.step = 0
        self._planner = ThreadPoolExecutor(1) if config.damage == "real" else None
        self._planned: tuple[int, int, Future[BatchPlan]] | None = None

    def __len__(self) -> int:
        return len(self.sharp)

    def batch(self, size: int) -> tuple[torch.Tensor, torch.Tensor]:
        """(blurry, sharp) float tensors in [0, 1] on the device, as ``PairSampler.batch``."""
        sharp = self.sharp.sharp_batch(size, self.step)
        plan = self._plan(self.step, size)
        blurry = make_blurry(sharp, self.scale, self.damage, plan, self._seed(self.step))
        self.step += 1
        return blurry, sharp

    def _seed(self, step: int) -> int:
        """The damage's seed for ``step``: apart from the sampler's, so the noise and the
        crops of a step are not drawn from one stream."""
        return (step_seed(self.seed, self.rank, step) ^ DAMAGE_STREAM) % 2**63

    def _draw_plan(self, step: int, size: int) -> BatchPlan:
        rng = np.random.default_rng(self._seed(step))
        return plan_batch(rng, size, self.scale, self.low_side, self.low_side)

    def _plan(self, step: int, size: int) -> BatchPlan | None:
        """Step ``step``'s damage plan (planned ahead when it could be), and the next one's
        set going in the planner's thread."""
        if self._planner is None:
            return None
        planned = self._planned
        if planned is not None and planned[:2] == (step, size):
            plan = planned[2].result()
        else:
            plan = self._draw_plan(step, size)
        self._planned = (step + 1, size, self._planner.submit(self._draw_plan, step + 1, size))
        return plan

    def state(self) -> dict[str, Any]:
        return {"step": self.step}

    def restore(self, state: dict[str, Any]) -> None:
        if set(state) != {"step"}:
            raise RekindleError(OTHER_DATA)
        self.step = int(state["step"])
