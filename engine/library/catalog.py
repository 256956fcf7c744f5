"""The models a person can choose: built-in and user model files, listed without loading any
weights (our own files from their headers, community files from the details remembered when
they were imported or first read: see ``engine.library.store``), and the choices that depend
on the list (the default model, which blend strengths apply)."""

from __future__ import annotations

import logging
from pathlib import Path

from engine import paths
from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.library.blend import REPAIR, Mix, blend_family
from engine.library.descriptor import Origin, purpose_of
from engine.library.entry import CatalogEntry, network_id
from engine.library.files import model_files
from engine.library.loading import DEFAULT, resolve_model_path
from engine.library.own_format import header_training, read_header
from engine.library.registry import find
from engine.library.sidecar import user_origin
from engine.library.store import remembered

log = logging.getLogger(__name__)


def _own_entry(
    path: Path, origin: Origin, stamp: FileStamp, header: dict[str, str]
) -> CatalogEntry:
    try:
        scale = int(header.get("scale", "0"))
    except ValueError:
        scale = 0
    architecture = header.get("architecture", "")
    known = find(architecture)
    return CatalogEntry(
        path,
        origin,
        stamp,
        header.get("display_name") or path.stem,
        scale,
        architecture,
        known.name if known is not None else architecture,
        purpose_of(scale),
        header_training(header),
        network=network_id(architecture, header.get("hparams", "")) if known is not None else "",
    )


def _entry(path: Path, origin: Origin) -> CatalogEntry | None:
    try:
        stamp = FileStamp.of(path)
    except OSError as error:
        log.warning("skipping model %s: %s", path, error)
        return None
    try:
        header = read_header(path)
    except ModelFileError:  # not ours: spandrel will say what it is, once it has read it
        known = remembered(path, origin)
        return known or CatalogEntry(path, origin, stamp, path.stem, pending=True)
    return _own_entry(path, origin, stamp, header)


BUILT_IN_ORDER = (
    "restore-x4",
    "restore-detail-x4",
    "restore-x2",
    "faithful-x4",
    "detail-x4",
    "faithful-x2",
    "cleanup-x1",
)
"""How the built-in models are listed: the Restore family (old photos and films) first, then
the ones that only enlarge, then the clean-up model; any other built-in file after them."""


def _built_in_rank(path: Path) -> tuple[int, str]:
    stem = path.stem
    return (BUILT_IN_ORDER.index(stem) if stem in BUILT_IN_ORDER else len(BUILT_IN_ORDER), stem)


def all_models() -> list[CatalogEntry]:
    """Every model file, usable or not: built-in ones first (in ``BUILT_IN_ORDER``), then the
    user's by name."""
    shipped = sorted(model_files(paths.builtin_models_dir()), key=_built_in_rank)
    builtin = [_entry(path, Origin.BUILT_IN) for path in shipped]
    users = [_entry(path, user_origin(path)) for path in model_files(paths.user_models_dir())]
    return [entry for entry in builtin + users if entry is not None]


def available_models() -> list[CatalogEntry]:
    """The models that can be chosen (those being read included), in ``all_models`` order."""
    return [entry for entry in all_models() if entry.usable]


def restoration_models(entries: list[CatalogEntry]) -> list[CatalogEntry]:
    """The models that can run before or after enlarging: those that do not enlarge (1x)."""
    return [entry for entry in entries if entry.scale == 1]


def default_model_key(entries: list[CatalogEntry]) -> str | None:
    """The built-in ``default`` alias if it resolves to a listed model, else the first one."""
    if not entries:
        return None
    try:
        default_path, _origin = resolve_model_path(DEFAULT)
    except ModelFileError:
        return entries[0].key
    for entry in entries:
        if entry.path.resolve() == default_path.resolve():
            return entry.key
    return entries[0].key


def blend_axes(entry: CatalogEntry | None, entries: list[CatalogEntry]) -> tuple[str, ...]:
    """The strengths (``blend.REPAIR``, ``blend.DETAIL``) offered with a model: those of its
    blend family's axes whose models, built in, share its network (a model retrained wider can
    no longer be blended with the others)."""
    family = blend_family(entry.key) if entry is not None else None
    if family is None or entry.origin is not Origin.BUILT_IN:
        return ()
    networks = {e.key: e.network for e in entries if e.origin is Origin.BUILT_IN}
    return family.axes_for(
        entry.key, lambda one, other: networks.get(one, "") == networks.get(other) != ""
    )


def blend_position(key: str) -> Mix | None:
    """Where the strengths start when this model is picked (``BlendFamily.offered``)."""
    family = blend_family(key)
    return family.offered(key) if family is not None else None


def offered_repair(name_or_path: str) -> float | None:
    """The repair strength a model runs at where none is asked for: a built-in Restore
    model's offered strength where it is not its own and the repair strength applies (its
    family's models share one network), else None (the model as it is)."""
    try:
        path, origin = resolve_model_path(name_or_path)
    except ModelFileError:
        return None  # loading it says why
    family = blend_family(path.stem) if origin is Origin.BUILT_IN else None
    if family is None:
        return None
    offered, own = family.offered(path.stem).repair, family.position(path.stem).repair
    entries = available_models()
    entry = next((e for e in entries if e.path == path), None)
    return offered if offered != own and REPAIR in blend_axes(entry, entries) else None
