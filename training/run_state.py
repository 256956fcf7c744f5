"""A training wizard run's working folder, ``<data>/training/<run-id>/``, and its small state
file (Qt-free: ``python -m training resume-run`` continues a run the wizard began).

The folder keeps the pairs, the validation photos, the model being trained and its checkpoint,
so a run closed half-way can be continued when the wizard opens again. Only one run is kept:
starting another replaces it (datasets are large). Once its model is saved, the folder goes.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from engine.atomic import write_bytes_atomically
from engine.library.files import MODEL_SUFFIX
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.paths import user_data_dir, user_models_dir
from training.checkpoint import checkpoint_path

STATE_FILE = "state.json"
PREPARED, TRAINING, TRAINED = "prepared", "training", "trained"
"""Stages: pairs made; training started (checkpoint may exist); training complete."""
RESUMABLE = (PREPARED, TRAINING, TRAINED)


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
    pairs: int = 0
    config: dict[str, Any] | None = None  # the trainer's own config, once training started
    held_out: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return runs_dir() / self.run_id

    @property
    def recipe(self) -> str:
        """The ``prepare --degrade`` recipe of the run's pairs (and of its validation)."""
        return "real" if self.degrade else "none"

    @property
    def dataset(self) -> Path:
        return self.folder / "pairs"

    @property
    def val_dir(self) -> Path:
        return self.folder / "validation"

    @property
    def model_path(self) -> Path:
        return self.folder / f"model{MODEL_SUFFIX}"

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


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def unfinished_run() -> RunState | None:
    """The newest run that can be continued, if any (unreadable state files are skipped)."""
    folder = runs_dir()
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir(), reverse=True):
        try:
            state = RunState.load(candidate)
        except (OSError, ValueError, TypeError):
            continue
        if state.stage in RESUMABLE and state.run_id == candidate.name:
            return state
    return None


def discard_all_runs() -> None:
    """Remove every run folder, before a new run takes the place of any earlier one."""
    shutil.rmtree(runs_dir(), ignore_errors=True)


def slugify(name: str) -> str:
    """A file-name-safe form of a display name ("Grandma's album ×4" -> "grandma-s-album-4");
    letters of any script are kept, so Chinese names stay readable."""
    text = unicodedata.normalize("NFKC", name).lower()
    slug = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return slug[:60] or "my-model"


def model_target(name: str) -> Path:
    """Where a model of this display name is saved (a taken name gets a number when it is
    published, so saving never replaces a file)."""
    return user_models_dir() / f"{slugify(name)}{MODEL_SUFFIX}"


def save_run_model(state: RunState, name: str) -> Path:
    """Save the run's model among the user's models under the display name ``name`` (never
    over a file) and remove the run's folder, no longer needed; return where it went."""
    trained = load_model(state.model_path)
    target = save_model(
        trained.network,
        model_target(name),
        display_name=name,
        training=trained.descriptor.training,
        replace=False,
    )
    state.discard()
    return target
