"""The models a person can choose: built-in and user model files, read from their headers only
(no weights are loaded to list them), and how a choice plus a detail strength is loaded."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError
from engine.models import (
    BLEND_PAIRS,
    DETAILED,
    FAITHFUL,
    MODEL_SUFFIX,
    LoadedModel,
    open_model,
    read_header,
    resolve_model_path,
)
from engine.paths import builtin_models_dir, user_models_dir

log = logging.getLogger(__name__)

BUILT_IN = "built-in"
USER = "user"


@dataclass(frozen=True)
class ModelEntry:
    """One model in the list: ``key`` is what ``open_model`` takes (a built-in name, or the
    file's path for user models, so a user file never hides behind a built-in name)."""

    key: str
    display_name: str
    scale: int
    source: str
    path: Path
    training: dict[str, Any] = field(default_factory=dict)


def _entry(path: Path, source: str) -> ModelEntry | None:
    try:
        header = read_header(path)
        training = json.loads(header.get("training", "{}"))
        scale = int(header.get("scale", "0"))
    except (ModelFileError, ValueError) as error:
        log.warning("skipping model %s: %s", path, error)
        return None
    key = path.stem if source == BUILT_IN else str(path)
    name = header.get("display_name") or path.stem
    return ModelEntry(
        key, name, scale, source, path, training if isinstance(training, dict) else {}
    )


def available_models() -> list[ModelEntry]:
    """Built-in models first, then the user's, each group by file name."""
    entries = []
    for folder, source in ((builtin_models_dir(), BUILT_IN), (user_models_dir(), USER)):
        if folder.is_dir():
            for path in sorted(folder.glob(f"*{MODEL_SUFFIX}")):
                entry = _entry(path, source)
                if entry is not None:
                    entries.append(entry)
    return entries


def default_model_key(entries: list[ModelEntry]) -> str | None:
    """The built-in ``default`` alias if it resolves to a listed model, else the first one."""
    if not entries:
        return None
    try:
        default_path, _source = resolve_model_path("default")
    except ModelFileError:
        return entries[0].key
    for entry in entries:
        if entry.path.resolve() == default_path.resolve():
            return entry.key
    return entries[0].key


def supports_detail(entry: ModelEntry | None, entries: list[ModelEntry]) -> bool:
    """Whether the detail strength applies: a built-in model of the faithful/detail pair, with
    its partner installed too."""
    if entry is None or entry.source != BUILT_IN or entry.key not in BLEND_PAIRS:
        return False
    partner = BLEND_PAIRS[entry.key]
    return any(e.key == partner and e.source == BUILT_IN for e in entries)


def detail_end(key: str) -> float | None:
    """Where the detail slider belongs when this model is picked (0 faithful, 1 detail)."""
    return {FAITHFUL: 0.0, DETAILED: 1.0}.get(key)


@dataclass(frozen=True)
class ModelRequest:
    """A model to load: a key, and a blend strength for the faithful/detail pair."""

    key: str
    detail: float | None = None

    @classmethod
    def choose(cls, key: str, detail: float, blendable: bool) -> ModelRequest:
        """The request for the panel's choice; the ends of the slider load one model alone."""
        if not blendable:
            return cls(key)
        if detail <= 0.0:
            return cls(FAITHFUL)
        if detail >= 1.0:
            return cls(DETAILED)
        return cls(key, round(detail, 2))

    def load(self) -> LoadedModel:
        return open_model(self.key, self.detail)
