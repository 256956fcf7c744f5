"""Where the trainer's batches come from: a prepared folder of pairs, read and cut on the CPU
(``training.dataset``), or a pack of photos, cut and reduced on the training device
(``training.packed_pairs``). Both keep the same small protocol, so the trainer treats them
alike, and both resume from the state a checkpoint keeps.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

import torch

from engine.errors import RekindleError
from engine.words import say
from training.config import TrainingConfig
from training.dataset import PairSampler
from training.pack_format import PACK_SUFFIX
from training.packed_pairs import PackedPairs


class BatchSource(Protocol):
    """Draws (blurry, sharp) batches; ``degradation`` is the damage the blurry sides carry (a
    ``prepare --degrade`` choice: ``training.degrade.RECIPES`` or "real"), which validation
    applies to its photos too."""

    degradation: str
    patch: int  # the side of the sharp patches

    def __len__(self) -> int: ...

    def batch(self, size: int) -> tuple[torch.Tensor, torch.Tensor]: ...

    def state(self) -> dict[str, Any]: ...

    def restore(self, state: dict[str, Any]) -> None: ...


def open_batches(
    data: str | os.PathLike,
    config: TrainingConfig,
    device: torch.device,
    rank: int = 0,
    world: int = 1,
) -> BatchSource:
    """The batch source for ``data``: a ``.rkpack`` file or a prepared dataset folder."""
    if Path(data).suffix == PACK_SUFFIX:
        return PackedPairs(data, config, device, rank, world)
    if config.grey:
        raise RekindleError(
            say(
                "{name}: a prepared dataset's pairs are made already; give --grey to "
                "prepare instead (train takes it for a .rkpack file)",
                name=Path(data).name,
            )
        )
    return PairSampler(data, config.scale, config.patch, config.seed, rank, world)
