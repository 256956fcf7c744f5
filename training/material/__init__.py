"""A run's training material, of the kind its state says (``RunState.data``): its photos
packed (``training.material.packed``) or cut into a folder of pairs
(``training.material.prepared``), with its validation photos and a preview either way. The
training wizard's workers call ``make_material`` once its folder is scanned."""

from __future__ import annotations

from engine.progress import Progress
from training.config import PrepareOptions, TrainingConfig
from training.folder_scan import ScanReport
from training.material.packed import pack_run
from training.material.prepared import Prepared, prepare_run
from training.run_state import PACK, RunState

CROPS_PER_IMAGE = 8
"""Pairs cut from each photo for a run on a folder of pairs."""


def make_material(state: RunState, report: ScanReport, crop: int, progress: Progress) -> Prepared:
    """Make ``state``'s training data from the scanned photos (crops of ``crop``), leaving its
    held-out photos to validation."""
    held_out = report.held_out()
    if state.data == PACK:
        preview = TrainingConfig(scale=state.scale, patch=crop, damage=state.recipe)
        return pack_run(
            report.folder,
            report.kept(),
            state.dataset,
            state.val_dir,
            held_out,
            preview,
            progress,
        )
    options = PrepareOptions(
        crop=crop, scale=state.scale, crops_per_image=CROPS_PER_IMAGE, degrade=state.recipe
    )
    return prepare_run(report.folder, state.dataset, state.val_dir, options, held_out, progress)
