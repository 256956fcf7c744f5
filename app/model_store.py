"""Model files in the user's models folder: importing them, removing them, and what we know
about community models without loading them again.

Community models (ESRGAN, SwinIR...) have no header of ours: their architecture and scale are
only known once spandrel has read the weights, which takes from milliseconds to seconds. So
whatever reads them (the import, or a background reader for files put in the folder by hand)
writes the answer to a small JSON *sidecar* beside the file, ``.<file name>.json``, keyed by
the file's size and modification time; listing the models then costs a stat and a small read,
never a load. A sidecar also records that a file was imported, and from where.

Nothing here touches Qt: the app calls these from a worker thread.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from engine.atomic import publish, write_bytes_atomically
from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.models import WEIGHT_SUFFIXES, ModelInfo, load_model
from engine.networks.generator import ARCHITECTURE
from engine.paths import user_models_dir

log = logging.getLogger(__name__)

SIDECAR_FORMAT = "rekindle-model-details"
SIDECAR_VERSION = 1
STAGING_DIR = ".importing"
"""Where an import is copied and checked before it appears under its own name."""
STALE_STAGING_SECONDS = 24 * 3600
"""Leftovers of an import cut short (a crash) older than this are cleared by the next one."""


@dataclass(frozen=True)
class ModelDetails:
    """What loading a community model told us (or why it could not be loaded: ``error``)."""

    size: int  # the file's stamp, field by field as the sidecar holds it
    mtime_ns: int
    display_name: str = ""
    architecture: str = ""  # spandrel's id, e.g. "ESRGAN"
    architecture_name: str = ""  # spandrel's name for people, e.g. "RealESRGAN Compact"
    scale: int = 0
    purpose: str = ""  # "SR", "Restoration"...
    error: str = ""

    @property
    def stamp(self) -> FileStamp:
        """The model file as it was when these details were read."""
        return FileStamp(self.size, self.mtime_ns)


@dataclass(frozen=True)
class ImportedModel:
    """A model file now in the user's models folder."""

    source: Path
    path: Path
    display_name: str
    scale: int


def is_model_file(path: str | os.PathLike) -> bool:
    """Whether a file (dropped, say) is a model rather than a photo: by its suffix alone, since
    photos are never .safetensors, .pth, .pt or .ckpt."""
    return Path(path).suffix.lower() in WEIGHT_SUFFIXES


def sidecar_path(model: Path) -> Path:
    return model.with_name(f".{model.name}.json")


def _read_sidecar(model: Path) -> dict:
    try:
        data = json.loads(sidecar_path(model).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(data, dict) and data.get("format") == SIDECAR_FORMAT
    return data if ok and int(data.get("version", 0)) <= SIDECAR_VERSION else {}


def _write_sidecar(model: Path, data: dict) -> None:
    """Best effort: a folder we cannot write to (a read-only install) only costs a re-read."""
    record = {"format": SIDECAR_FORMAT, "version": SIDECAR_VERSION, **data}
    text = json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False)
    try:
        write_bytes_atomically(sidecar_path(model), text.encode("utf-8"))
    except OSError as error:
        log.info("cannot write the details of %s: %s", model, error)


_memory: dict[tuple[Path, FileStamp], ModelDetails] = {}
"""Details read in this session, for folders where no sidecar can be written."""


def cached_details(model: Path) -> ModelDetails | None:
    """The details of ``model`` if they were read since it last changed, else None."""
    stamp = FileStamp.find(model)
    if stamp is None:
        return None
    known = _memory.get((model, stamp))
    if known is not None:
        return known
    data = _read_sidecar(model).get("details")
    if not isinstance(data, dict):
        return None
    try:
        details = ModelDetails(**data)
    except TypeError:  # written by another version of Rekindle
        return None
    return details if details.stamp == stamp else None


def was_imported(model: Path) -> bool:
    """Whether ``model`` came in through Import (rather than the training wizard)."""
    return "imported_from" in _read_sidecar(model)


def _details_from(info: ModelInfo, path: Path) -> ModelDetails:
    stamp = FileStamp.of(path)
    # The engine names a community model after its file; the file may have been renamed since.
    display = info.display_name
    if info.architecture != ARCHITECTURE and display.startswith(info.name):
        display = path.stem + display[len(info.name) :]
    return ModelDetails(
        stamp.size,
        stamp.mtime_ns,
        display_name=display,
        architecture=info.architecture,
        architecture_name=_architecture_name(info.architecture),
        scale=info.scale,
        purpose=str(info.training.get("purpose", "")),
    )


def _architecture_name(architecture: str) -> str:
    try:
        from spandrel import MAIN_REGISTRY  # already imported by whoever loaded the model

        return MAIN_REGISTRY.get(architecture).architecture.name
    except (ImportError, KeyError, AttributeError):
        return architecture


def _remember(path: Path, details: ModelDetails, **extra: object) -> None:
    # Sidecar first: a catalogue refresh on the UI thread may see the memory entry at once, and
    # whoever sees the details should find them on disk too.
    record = {**_read_sidecar(path), **extra, "details": asdict(details)}
    _write_sidecar(path, record)
    _memory[(path, details.stamp)] = details


def read_details(path: Path) -> ModelDetails:
    """Load a model once to learn its architecture and scale (or why it cannot be used), and
    remember the answer. Slow for big models: call it off the UI thread."""
    try:
        info = load_model(path).info
    except ModelFileError as error:
        stamp = FileStamp.of(path)
        details = ModelDetails(stamp.size, stamp.mtime_ns, display_name=path.stem, error=str(error))
    else:
        details = _details_from(info, path)
    _remember(path, details)
    return details


def remember_failure(path: Path, reason: str) -> None:
    """For this session only (the cause may pass: memory, say), ``path`` cannot be read."""
    stamp = FileStamp.find(path)
    if stamp is None:
        return  # gone: it leaves the list anyway
    _memory[(path, stamp)] = ModelDetails(stamp.size, stamp.mtime_ns, path.stem, error=reason)


# -- importing ------------------------------------------------------------------------------


def _clear_stale_staging(staging: Path) -> None:
    cutoff = time.time() - STALE_STAGING_SECONDS
    for leftover in staging.iterdir():
        try:
            if leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            continue


def import_model(source: str | os.PathLike, folder: Path | None = None) -> ImportedModel:
    """Copy a model file into the user's models folder once it has loaded.

    The copy is what gets checked (by loading it, as a restore would), so what is installed is
    exactly what passed, and the original is only ever read. A file that does not load raises
    ``ModelFileError`` and leaves nothing behind. Slow: call it off the UI thread.
    """
    source = Path(source)
    suffix = source.suffix.lower()
    if suffix not in WEIGHT_SUFFIXES:
        raise ModelFileError(f"{source.name}: not a model file (.safetensors, .pth, .pt, .ckpt)")
    if not source.is_file():
        raise ModelFileError(f"{source.name}: no such model file")
    folder = folder or user_models_dir()
    if source.parent.resolve() == folder.resolve():
        raise ModelFileError(f"{source.name}: already in your models folder")
    staging = folder / STAGING_DIR
    staging.mkdir(parents=True, exist_ok=True)
    _clear_stale_staging(staging)
    work = staging / secrets.token_hex(8)
    work.mkdir()
    try:
        staged = work / f"{source.stem}{suffix}"
        shutil.copyfile(source, staged)
        with open(staged, "rb+") as stream:
            os.fsync(stream.fileno())
        info = load_model(staged).info
        target = publish(staged, folder / staged.name, replace=False)  # never replaces
    finally:
        shutil.rmtree(work, ignore_errors=True)
    details = _details_from(info, target)
    _remember(target, details, imported_from=str(source), imported_at=int(time.time()))
    return ImportedModel(source, target, details.display_name, details.scale)


def remove_model(path: Path, folder: Path | None = None) -> None:
    """Delete a user model and its sidecar; anything outside the user's folder is refused."""
    folder = folder or user_models_dir()
    if path.parent.resolve() != folder.resolve() or not is_model_file(path):
        raise ModelFileError(f"{path.name}: not one of your models, so it cannot be removed")
    path.unlink()
    sidecar_path(path).unlink(missing_ok=True)
    for key in [k for k in list(_memory) if k[0] == path]:  # list(): the worker may add some
        _memory.pop(key, None)
