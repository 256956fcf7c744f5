"""Small datasets and configs that let the trainer run in seconds on a CPU."""

from __future__ import annotations

import shutil
import signal
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from tests.conftest import photo_path
from tests.fault_helpers import held_in_another_process
from training import cli as training_cli
from training.config import PrepareOptions, TrainingConfig
from training.events import StepEvent
from training.pack import pack
from training.prepare import prepare
from training.trainer import Trainer

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
PACKED = replace(TINY, patch=32)  # packed data needs a patch side


def _photos(folder: Path, count: int) -> Path:
    source = folder / "photos"
    source.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        shutil.copy(photo_path(index), source / f"{index}.png")
    return source


def tiny_dataset(
    folder: Path, crop: int = 32, photos: int = 2, scale: int = 4, degrade: str = "none"
) -> Path:
    dataset = folder / "dataset"
    options = PrepareOptions(crop=crop, scale=scale, crops_per_image=4, degrade=degrade, seed=1)
    prepare(_photos(folder, photos), dataset, options)
    return dataset


def tiny_pack(folder: Path, photos: int = 2) -> Path:
    """A pack of a few real photos; train on it with a ``patch`` (``PACKED`` has one)."""
    path = folder / "photos.rkpack"
    pack(_photos(folder, photos), path)
    return path


def content_losses_on_one_batch(
    dataset: Path, folder: Path, warmup: int, gan: int, device: str, amp: str | None = None
) -> list[float]:
    """The content loss of every step of a run that trains on one batch again and again."""
    config = replace(
        TINY,
        warmup_steps=warmup,
        steps=gan,
        lr_generator=5e-3,
        validate_every=1000,
        checkpoint_every=1000,
        batch=4,
    )
    trainer = Trainer(dataset, folder / "m.safetensors", config, device=device, amp=amp)
    assert trainer.amp == (amp == "bf16" or (amp is None and device == "cuda"))
    fixed = trainer.sampler.batch(4)
    trainer.sampler.batch = lambda size: fixed
    return [e.losses["g_content"] for e in trainer.run() if isinstance(e, StepEvent)]


def snapshot(network: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in network.state_dict().items()}


def identical(before: dict[str, torch.Tensor], network: torch.nn.Module) -> bool:
    return all(torch.equal(before[k], v) for k, v in network.state_dict().items())


def unchanged_count(before: dict[str, torch.Tensor], network: torch.nn.Module) -> int:
    return sum(torch.equal(before[k], v) for k, v in network.state_dict().items())


def validation_folder(folder: Path) -> Path:
    """One real photo shrunk to a small size, as a validation set."""
    import cv2

    val = folder / "val"
    val.mkdir(parents=True, exist_ok=True)
    image = cv2.imread(str(photo_path(2)))
    cv2.imwrite(str(val / "v.png"), cv2.resize(image, (64, 48), interpolation=cv2.INTER_AREA))
    return val


def press_ctrl_c_at_step(monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    """Send this process SIGINT, as Ctrl+C does, when the training CLI shows ``step``."""
    real = training_cli._format_step

    def format_step(event: StepEvent) -> str:
        if event.step == step:
            signal.raise_signal(signal.SIGINT)
        return real(event)

    monkeypatch.setattr(training_cli, "_format_step", format_step)


def press_ctrl_c_at_first_call(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Send this process SIGINT, as Ctrl+C does, the first time ``module.name`` is called."""
    real = getattr(module, name)
    calls = []

    def pressing(*args, **kwargs):
        if not calls:
            signal.raise_signal(signal.SIGINT)
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, pressing)


def training_in_another_process(model: Path) -> subprocess.Popen:
    """Another process holding ``model`` as a trainer of it does, until it is killed."""
    take = "from training.run_training import holding\nheld = holding(path, 'it')\nheld.__enter__()"
    return held_in_another_process(take, model)
