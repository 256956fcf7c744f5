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
    _refuse_pack_settings(Path(data).name, config)
    return PairSampler(data, config.scale, config.patch, config.seed, rank, world)


def _refuse_pack_settings(name: str, config: TrainingConfig) -> None:
    """Refuse the settings only a pack's batches follow (grey, damage, shrink): a prepared
    dataset's pairs are cut already, so they would be ignored, yet recorded in the model."""
    refused = (
        (
            config.grey > 0,
            say(
                "{name}: a prepared dataset's pairs are made already; give --grey to "
                "prepare instead (train takes it for a .rkpack file)",
                name=name,
            ),
        ),
        (
            config.damage != "none",
            say(
                "{name}: a prepared dataset's pairs are made already; give --degrade real to "
                "prepare instead (train takes --damage for a .rkpack file)",
                name=name,
            ),
        ),
        (
            config.shrink < 1,
            say(
                "{name}: a prepared dataset's pairs are made already; give --shrink to "
                "prepare instead (train takes it for a .rkpack file)",
                name=name,
            ),
        ),
    )
    for given, sentence in refused:
        if given:
            raise RekindleError(sentence)
