"""A run's training material when it learns from a pack (``training.material.prepared`` makes
a folder of pairs): the photos not held out packed into one file, the validation photos, and a
few pairs to show the person.

Only the kept photos are handed to ``training.pack``, so a held-out photo never enters the
pack. The preview is cut from the pack by the trainer's own batch source
(``training.packed_pairs``), here on the CPU: the crops, turns and damage training will see.
It holds only a few images spread through the pack (the source's share of one process among
several), so a large collection is not decoded whole for four crops.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import torch

from engine.pixels import stack_from_tensor
from engine.progress import Progress
from training.config import TrainingConfig
from training.material.prepared import PREVIEW_PAIRS, Pair, Prepared, write_validation_photos
from training.pack import pack
from training.packed_pairs import PackedPairs

PREVIEW_DEVICE = torch.device("cpu")


def pack_run(
    source: Path,
    photos: list[Path],
    pack_path: Path,
    val_dir: Path,
    held_out: list[Path],
    preview: TrainingConfig,
    progress: Progress,
) -> Prepared:
    """Pack ``photos`` (below ``source``, none of them held out) into ``pack_path`` and write
    the validation photos into ``val_dir``; ``preview`` says which pairs to show:
    ``patch``-sided crops, made blurry by ``scale`` and ``damage``."""
    shutil.rmtree(val_dir, ignore_errors=True)
    report = pack(
        source, pack_path, min_side=preview.patch, photos=photos, progress=progress, replace=True
    )
    write_validation_photos(held_out or photos[:1], val_dir)
    photos_packed = len(report.images)
    return Prepared(None, photos_packed, preview_pairs(pack_path, preview, photos_packed))


def preview_pairs(pack_path: Path, config: TrainingConfig, photos: int) -> list[Pair]:
    """A few (blurry, sharp) pairs drawn as the trainer draws them, from a few of the pack's
    ``photos`` spread through it (every ``stride``-th)."""
    stride = max(1, photos // PREVIEW_PAIRS)
    source = PackedPairs(pack_path, config, PREVIEW_DEVICE, rank=0, world=stride)
    blurry, sharp = source.batch(PREVIEW_PAIRS)
    blurry_pixels = stack_from_tensor(blurry, np.uint8)
    return list(zip(blurry_pixels, stack_from_tensor(sharp, np.uint8), strict=True))
