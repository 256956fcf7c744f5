"""Small datasets and configs that let the trainer run in seconds on a CPU."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import photo_path
from training.config import PrepareOptions, TrainingConfig
from training.prepare import prepare

TINY = TrainingConfig(
    scale=4,
    width=8,
    depth=1,
    convs=1,
    up_width=8,
    disc_width=8,
    disc_depth=2,
    batch=2,
    warmup_steps=0,
    steps=4,
    checkpoint_every=2,
    validate_every=2,
    seed=0,
)


def tiny_dataset(
    folder: Path, crop: int = 32, photos: int = 2, scale: int = 4, degrade: str = "none"
) -> Path:
    source = folder / "photos"
    source.mkdir(parents=True, exist_ok=True)
    for index in range(photos):
        shutil.copy(photo_path(index), source / f"{index}.png")
    dataset = folder / "dataset"
    options = PrepareOptions(crop=crop, scale=scale, crops_per_image=4, degrade=degrade, seed=1)
    prepare(source, dataset, options)
    return dataset


def validation_folder(folder: Path) -> Path:
    """One real photo shrunk to a small size, as a validation set."""
    import cv2

    val = folder / "val"
    val.mkdir(parents=True, exist_ok=True)
    image = cv2.imread(str(photo_path(2)))
    cv2.imwrite(str(val / "v.png"), cv2.resize(image, (64, 48), interpolation=cv2.INTER_AREA))
    return val
