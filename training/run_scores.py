"""A finished run's figures beside the built-in model's, from one measurement per model on the
same held-out photos (the training wizard shows them when a run ends).

The new model's and bicubic's figures are the trainer's own last validation, which the model
file records with the step it measured (``Trainer.finish`` validates the weights it keeps, on a
Stop too): the very figures shown while the run trained. Measuring the file again would give
other figures whenever the run stopped between two validations, since the last validation
measured earlier weights than the file holds. Only the built-in model is measured here, by the
trainer's own scoring (``training.evaluation.score``), on the photos damaged by the run's
recipe as its validation damaged them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from engine.devices import pick_device
from engine.library.descriptor import LoadedModel
from engine.library.loading import load_model, open_model
from engine.pixels import from_tensor, to_tensor
from engine.progress import Progress
from training.evaluation import Scores, ValidationPair, load_validation_set, score
from training.run_figures import Figures, Validation


@dataclass(frozen=True)
class Comparison:
    yours: Figures
    bicubic: Figures
    builtin: Figures | None  # None when no built-in model of this scale is installed


def recorded_validation(model: LoadedModel) -> Validation | None:
    """The validation the model file records, if it measured the weights the file holds (a
    file written before the trainer recorded the step may hold later weights)."""
    summary = model.descriptor.training
    scores = summary.get("validation")
    if not scores or summary.get("validation_step") != summary.get("steps_done"):
        return None
    return Validation.of_record(summary["steps_done"], scores)


def _scores(
    model: LoadedModel, pairs: list[ValidationPair], scale: int, device: torch.device
) -> Scores:
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
    """The new model's recorded figures beside the built-in model's, measured on the photos
    its validation used."""
    target = pick_device(device)
    pairs = load_validation_set(val_dir, scale, degrade=degrade)
    model = load_model(model_path)
    validation = recorded_validation(model)
    if validation is None:
        steps = int(model.descriptor.training.get("steps_done", 0))
        validation = Validation.of_record(steps, asdict(_scores(model, pairs, scale, target)))
    progress.check()
    reference = _scores(open_model(builtin), pairs, scale, target) if builtin else None
    return Comparison(
        validation.yours,
        validation.bicubic,
        Figures.of(reference.psnr, reference.ssim) if reference else None,
    )
