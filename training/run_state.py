"""A training wizard run's working folder, ``<data>/training/<run-id>/``, and its small state
file (Qt-free: ``python -m training resume-run`` continues a run the wizard began).

The folder keeps what the run trains from (``data``, chosen by ``data_for``), the validation
photos, the model being trained and its checkpoint, so a run closed half-way can be continued
when the wizard opens again. Only one run is kept: starting another replaces it (datasets are
large; a run another process trains now is left to it). Once its model is saved, the folder
goes.

A folder the app discards (``RunState.discard_in_background``) is first renamed to a hidden
``.removing-*`` name beside it, at once, and deleted on a thread: a run's data can be
gigabytes. ``discard_all_runs`` removes any such folder a kill left half deleted.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import shutil
import threading
import time
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import torch

from engine.atomic import write_bytes_atomically
from engine.busy import holder_of
from engine.devices import free_memory_bytes
from engine.library.catalog import all_models
from engine.library.files import MODEL_SUFFIX
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.library.store import free_model_names
from engine.paths import user_data_dir, user_models_dir
from training.checkpoint import checkpoint_path, lock_path
from training.pack_format import PACK_SUFFIX

STATE_FILE = "state.json"
PREPARED, TRAINING, TRAINED = "prepared", "training", "trained"
"""Stages: training data made; training started (checkpoint may exist); training complete."""
RESUMABLE = (PREPARED, TRAINING, TRAINED)
PAIRS, PACK = "pairs", "pack"
"""What a run trains from: a folder of crop pairs (``training.prepare``), or a pack of its
photos (``training.pack``) from which the trainer cuts and damages crops on the device."""


REMOVING_PREFIX = ".removing-"
"""The start of the hidden name a run folder takes while it is deleted on a thread."""

PACK_MEMORY_SHARE = 0.5
"""At most this share of a GPU's free memory may hold a pack's decoded photos: the network,
its optimiser state and the batches need the rest."""


def data_for(device: torch.device, decoded_bytes: int = 0) -> str:
    """The data a run on ``device`` trains from: a pack on a CUDA GPU, where the crops are cut,
    turned and damaged on the device every step, with no files, when the photos decoded
    (``decoded_bytes``: width x height x 3 of each; 0 while unknown) fit in its memory; pairs
    elsewhere (and for a collection too large for the GPU), made once beforehand, where damage
    made every step would add its cost to every step."""
    if device.type != "cuda":
        return PAIRS
    room = PACK_MEMORY_SHARE * free_memory_bytes(device) if decoded_bytes else 0.0
    return PAIRS if decoded_bytes > room else PACK


def recipe_for(degrade: bool) -> str:
    """The damage of a run's crops, with the old-photo damage or without (the ``prepare
    --degrade`` recipe of its pairs, or the ``TrainingConfig.damage`` of its pack), and of
    its validation."""
    return "real" if degrade else "none"


def runs_dir() -> Path:
    return user_data_dir() / "training"


@dataclass
class RunState:
    """Which choices made the run and how far it got (written as JSON at each milestone)."""

    run_id: str
    source: str
    scale: int
    degrade: bool
    preset: str
    init: str | None
    stage: str = PREPARED
    step: int = 0
    total_steps: int = 0
    pairs: int = 0  # of a folder of pairs; a pack's crops are cut afresh at every step
    config: dict[str, Any] | None = None  # the trainer's own config, once training started
    held_out: list[str] = field(default_factory=list)
    data: str = PAIRS  # a state written before packs were offered had pairs
    photos: int = 0  # the photos the run learns from

    @property
    def folder(self) -> Path:
        return runs_dir() / self.run_id

    @property
    def recipe(self) -> str:
        return recipe_for(self.degrade)

    @property
    def dataset(self) -> Path:
        """What the run trains from, as ``data`` says: its folder of pairs or its pack."""
        return self.folder / (f"photos{PACK_SUFFIX}" if self.data == PACK else "pairs")

    @property
    def val_dir(self) -> Path:
        return self.folder / "validation"

    @property
    def model_path(self) -> Path:
        return _model_in(self.folder)

    def has_checkpoint(self) -> bool:
        return checkpoint_path(self.model_path).is_file()

    def save(self) -> None:
        write_bytes_atomically(
            self.folder / STATE_FILE, json.dumps(asdict(self), indent=1).encode()
        )

    @classmethod
    def load(cls, folder: Path) -> RunState:
        data = json.loads((folder / STATE_FILE).read_text())
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard_in_background(self) -> None:
        """Discard the run without waiting: its folder is renamed away at once (so the run is
        no longer offered) and deleted on a thread. Where it cannot be renamed, its state file
        goes at once and the rest is deleted where it is."""
        if not self.folder.is_dir():
            return
        doomed = runs_dir() / f"{REMOVING_PREFIX}{self.run_id}-{secrets.token_hex(4)}"
        try:
            self.folder.rename(doomed)
        except OSError:
            (self.folder / STATE_FILE).unlink(missing_ok=True)
            doomed = self.folder
        threading.Thread(
            target=shutil.rmtree,
            args=(doomed,),
            kwargs={"ignore_errors": True},
            name="rekindle-discard",
            daemon=True,
        ).start()


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def unfinished_run() -> RunState | None:
    """The newest run that can be continued, if any (unreadable state files are skipped)."""
    folder = runs_dir()
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir(), reverse=True):
        if candidate.name.startswith(REMOVING_PREFIX):
            continue
        try:
            state = RunState.load(candidate)
        except (OSError, ValueError, TypeError):
            continue
        if state.stage in RESUMABLE and state.run_id == candidate.name:
            return state
    return None


def trained_by(state: RunState) -> str | None:
    """Who trains ``state``'s run now ("another run (process N)"), or None when no one does."""
    return _trained_in(state.folder)


def discard_all_runs() -> None:
    """Remove every run folder, before a new run takes the place of any earlier one, and any
    ``.removing-*`` folder whose deletion a kill cut short; a run another process trains now
    stays (it is that process's to finish)."""
    folder = runs_dir()
    if not folder.is_dir():
        return
    for run in folder.iterdir():
        if run.name.startswith(REMOVING_PREFIX) or _trained_in(run) is None:
            shutil.rmtree(run, ignore_errors=True)


def _model_in(folder: Path) -> Path:
    """The model a run folder trains."""
    return folder / f"model{MODEL_SUFFIX}"


def _trained_in(folder: Path) -> str | None:
    """Who trains the run in ``folder`` now, or None."""
    return holder_of(lock_path(_model_in(folder)))


DEVICE_NAMES = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")
"""Names Windows takes for a device, in any case and whatever follows a dot ("CON.x")."""


def slugify(name: str) -> str:
    """A file-name-safe form of a display name ("Grandma's album ×4" -> "grandma-s-album-4");
    letters of any script are kept, so Chinese names stay readable. It has no dot, and a name
    Windows takes for a device gets "-model" (on every system: a model file is copied between
    machines)."""
    text = unicodedata.normalize("NFKC", name).lower()
    slug = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")[:60] or "my-model"
    return f"{slug}-model" if DEVICE_NAMES.fullmatch(slug) else slug


def model_target(name: str) -> Path:
    """Where a model of this display name is saved: in the user's models folder, under its
    ``slugify``'d name, numbered ("name (2)") where a built-in model (or an alias) or one of
    the user's answers to that name already, so the model can be chosen by its own name.
    Saving never replaces a file: a name taken meanwhile gets a number when it is published."""
    return next(free_model_names(user_models_dir() / f"{slugify(name)}{MODEL_SUFFIX}"))


def free_display_name(name: str) -> str:
    """``name``, or where a model in the list shows it already (case ignored), the first of
    "name (2)", "name (3)"... that none shows, so the list tells every model apart."""
    shown = {entry.display_name.casefold() for entry in all_models()}
    numbered = (f"{name} ({number})" for number in itertools.count(2))
    return next(free for free in itertools.chain([name], numbered) if free.casefold() not in shown)


def publish_run_model(state: RunState, name: str) -> Path:
    """Save the run's model among the user's models under the display name ``name`` (made
    ``free_display_name``; never over a file); return where it went. The run's folder is left
    to the caller to remove."""
    trained = load_model(state.model_path)
    shown = free_display_name(name)
    return save_model(
        trained.network,
        model_target(shown),
        display_name=shown,
        training=trained.descriptor.training,
        replace=False,
    )


def save_run_model(state: RunState, name: str) -> Path:
    """``publish_run_model``, then remove the run's folder, no longer needed."""
    target = publish_run_model(state, name)
    state.discard()
    return target
