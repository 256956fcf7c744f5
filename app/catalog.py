"""The models a person can choose: built-in and user model files, listed without loading any
weights (our own files from their headers, community files from the details remembered when
they were imported or first read: see ``app.model_store``), and how a choice plus a detail
strength and the 1x models chained around it is loaded."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.model_store import cached_details, was_imported
from engine.chain import ModelChain, open_chain
from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.models import (
    BLEND_PAIRS,
    DETAILED,
    FAITHFUL,
    WEIGHT_SUFFIXES,
    read_header,
    resolve_model_path,
)
from engine.paths import builtin_models_dir, user_models_dir

log = logging.getLogger(__name__)

BUILT_IN = "built-in"
USER = "user"
IMPORTED = "imported"
TRAINED = "trained"
"""Where a user model came from: imported (any file), or trained in the wizard (our own format
with a training record, and no record of an import)."""


@dataclass(frozen=True)
class ModelEntry:
    """One model in the list: ``key`` is what ``open_model`` takes (a built-in name, or the
    file's path for user models, so a user file never hides behind a built-in name).

    A community model not read yet is ``pending`` (scale 0, architecture unknown); one that
    cannot be used has an ``error`` and is only shown where models are managed."""

    key: str
    display_name: str
    scale: int
    source: str
    path: Path
    training: dict[str, Any] = field(default_factory=dict)
    architecture: str = ""
    size: int = 0
    origin: str = BUILT_IN
    community: bool = False
    pending: bool = False
    error: str = ""

    @property
    def usable(self) -> bool:
        return not self.error


def _own_entry(path: Path, source: str, header: dict[str, str], size: int) -> ModelEntry:
    try:
        training = json.loads(header.get("training", "{}"))
        scale = int(header.get("scale", "0"))
    except ValueError:
        training, scale = {}, 0
    training = training if isinstance(training, dict) else {}
    if source == BUILT_IN:
        origin = BUILT_IN
    elif training and not was_imported(path):
        origin = TRAINED
    else:
        origin = IMPORTED
    return ModelEntry(
        _key(path, source),
        header.get("display_name") or path.stem,
        scale,
        source,
        path,
        training,
        architecture=header.get("architecture", ""),
        size=size,
        origin=origin,
    )


def _community_entry(path: Path, source: str, size: int) -> ModelEntry:
    details = cached_details(path)
    common = {
        "source": source,
        "path": path,
        "size": size,
        "origin": BUILT_IN if source == BUILT_IN else IMPORTED,
        "community": True,
    }
    if details is None:
        return ModelEntry(_key(path, source), path.stem, 0, pending=True, **common)
    return ModelEntry(
        _key(path, source),
        details.display_name or path.stem,
        details.scale,
        training={"purpose": details.purpose} if details.purpose else {},
        architecture=details.architecture_name or details.architecture,
        error=details.error,
        **common,
    )


def _key(path: Path, source: str) -> str:
    return path.stem if source == BUILT_IN else str(path)


def _entry(path: Path, source: str) -> ModelEntry | None:
    try:
        size = path.stat().st_size
    except OSError as error:
        log.warning("skipping model %s: %s", path, error)
        return None
    try:
        header = read_header(path)
    except ModelFileError:
        return _community_entry(path, source, size)  # not ours: spandrel will say what it is
    return _own_entry(path, source, header, size)


def model_files(folder: Path) -> list[Path]:
    """The model files in ``folder``, by name (hidden files are sidecars or imports under way)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in WEIGHT_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def all_models() -> list[ModelEntry]:
    """Every model file, usable or not: built-in ones first, then the user's, each by name."""
    entries = []
    for folder, source in ((builtin_models_dir(), BUILT_IN), (user_models_dir(), USER)):
        for path in model_files(folder):
            entry = _entry(path, source)
            if entry is not None:
                entries.append(entry)
    return entries


def available_models() -> list[ModelEntry]:
    """The models that can be chosen (those being read included), in ``all_models`` order."""
    return [entry for entry in all_models() if entry.usable]


def restoration_models(entries: list[ModelEntry]) -> list[ModelEntry]:
    """The models that can run before or after enlarging: those that do not enlarge (1x)."""
    return [entry for entry in entries if entry.scale == 1]


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
    """A model to load: a key, a blend strength for the faithful/detail pair, and the keys of
    the 1x models to run before and after it. Equal requests load the same models, so the
    restore worker keeps what it loaded while the request stays the same."""

    key: str
    detail: float | None = None
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    @classmethod
    def choose(
        cls,
        key: str,
        detail: float,
        blendable: bool,
        before: tuple[str, ...] = (),
        after: tuple[str, ...] = (),
    ) -> ModelRequest:
        """The request for the panel's choice; the ends of the slider load one model alone."""
        if not blendable:
            return cls(key, None, before, after)
        if detail <= 0.0:
            return cls(FAITHFUL, None, before, after)
        if detail >= 1.0:
            return cls(DETAILED, None, before, after)
        return cls(key, round(detail, 2), before, after)

    def load(self) -> ModelChain:
        """The model and its 1x stages, loaded: what a ``Restorer`` is built from."""
        return open_chain(self.key, self.detail, self.before, self.after)

    def stamp(self) -> tuple[FileStamp, ...] | None:
        """The model files' stamps, so a file replaced under the same name (removed and
        imported again, say) is loaded afresh; None if one cannot be found."""
        try:
            return tuple(
                FileStamp.of(resolve_model_path(key)[0])
                for key in (self.key, *self.before, *self.after)
            )
        except (ModelFileError, OSError):
            return None
