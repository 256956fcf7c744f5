"""The figures on the finish page: the new model and the built-in one, scored the same way on
the same held-out photos (``training.evaluation``, as the trainer's own validation)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from engine.devices import pick_device
from engine.library.descriptor import LoadedModel
from engine.library.loading import load_model, open_model
from engine.pixels import from_tensor, to_tensor
from engine.progress import Progress
from training.evaluation import Scores, load_validation_set, score


@dataclass(frozen=True)
class Comparison:
    yours: Scores
    builtin: Scores | None  # None when no built-in model of this scale is installed


def _scores(model: LoadedModel, pairs: list, scale: int, device: torch.device) -> Scores:
    network = model.network.to(device)

    def restore(blurry: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            return from_tensor(network(to_tensor(blurry).to(device)), np.uint8)

    return score(pairs, restore, scale)[0]


def compare(
    val_dir: Path,
    scale: int,
    model_path: Path,
    builtin: str | None,
    device: str,
    progress: Progress,
    degrade: str = "none",
) -> Comparison:
    """Both models on the held-out photos, damaged by the run's recipe as the trainer's
    validation damaged them."""
    target = pick_device(device)
    pairs = load_validation_set(val_dir, scale, degrade=degrade)
    yours = _scores(load_model(model_path), pairs, scale, target)
    progress.check()
    reference = _scores(open_model(builtin), pairs, scale, target) if builtin else None
    return Comparison(yours, reference)
