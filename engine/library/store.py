"""The user's models folder: importing model files, removing them, and what we know about
community models without loading them again.

Community models (ESRGAN, SwinIR...) have no header of ours: their architecture and scale are
only known once spandrel has read the weights, which takes from milliseconds to seconds. So
whatever reads them (the import, or a background reader for files put in the folder by hand)
writes the answer to the file's sidecar (``engine.library.sidecar``); listing the models then
costs a stat and a small read, never a load. Loading is slow for big models: the app calls
``import_model`` and ``read_details`` off its UI thread.
"""

from __future__ import annotations

import filecmp
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from engine import paths
from engine.atomic import numbered_names, publish_first_free
from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.library.descriptor import ModelDescriptor, Origin
from engine.library.entry import CatalogEntry
from engine.library.files import is_model_file, model_files, refuse_unless_model_file
from engine.library.loading import builtin_names, load_model
from engine.library.sidecar import current_details, read_sidecar, sidecar_path, write_sidecar
from engine.words import as_record, from_record, say

STAGING_DIR = ".importing"
"""Where an import is copied and checked before it appears under its own name."""
STALE_STAGING_SECONDS = 24 * 3600
"""Leftovers of an import cut short (a crash) older than this are cleared by the next one."""

_memory: dict[tuple[Path, FileStamp], CatalogEntry] = {}
"""Details read in this session, for folders where no sidecar can be written."""


class AlreadyImported(ModelFileError):
    """A file given to import is among the user's models already, as ``model`` (that model's
    file): nothing to do, so a caller importing a batch again may take it as done rather than
    as refused, and choose ``model``."""

    def __init__(self, sentence: str, model: Path) -> None:
        super().__init__(sentence)
        self.model = model


def _record(entry: CatalogEntry) -> dict[str, Any]:
    """An entry as the sidecar's ``details`` hold it."""
    return {
        "size": entry.stamp.size,
        "mtime_ns": entry.stamp.mtime_ns,
        "display_name": entry.display_name,
        "architecture": entry.architecture,
        "architecture_name": entry.architecture_name,
        "scale": entry.scale,
        "purpose": entry.purpose,
        "error": as_record(entry.error),
    }


def _from_record(path: Path, origin: Origin, record: dict[str, Any]) -> CatalogEntry | None:
    """The entry a sidecar's ``details`` describe, or None if they cannot be read."""
    try:
        return CatalogEntry(
            path,
            origin,
            FileStamp(int(record["size"]), int(record["mtime_ns"])),
            str(record.get("display_name") or path.stem),
            int(record.get("scale", 0)),
            str(record.get("architecture", "")),
            str(record.get("architecture_name") or record.get("architecture", "")),
            str(record.get("purpose", "")),
            error=from_record(record.get("error", "")),
        )
    except (KeyError, TypeError, ValueError):  # written by another version of Rekindle
        return None


def remembered(path: Path, origin: Origin) -> CatalogEntry | None:
    """The entry of a community model if it was read since it last changed, else None."""
    stamp = FileStamp.find(path)
    if stamp is None:
        return None
    known = _memory.get((path, stamp))
    if known is not None:
        return known
    record = current_details(path)
    return _from_record(path, origin, record) if record is not None else None


def _remember(entry: CatalogEntry, **extra: object) -> None:
    # Sidecar first: a catalogue refresh on the UI thread may see the memory entry at once, and
    # whoever sees the details should find them on disk too.
    write_sidecar(entry.path, {**read_sidecar(entry.path), **extra, "details": _record(entry)})
    _memory[(entry.path, entry.stamp)] = entry


def read_details(path: Path, origin: Origin) -> CatalogEntry:
    """Load a model once to learn its architecture and scale (or why it cannot be used), and
    remember the answer."""
    try:
        entry = CatalogEntry.of(load_model(path, origin).descriptor)
    except ModelFileError as error:
        entry = CatalogEntry(path, origin, FileStamp.of(path), path.stem, error=error.sentence)
    _remember(entry)
    return entry


def remember_failure(path: Path, origin: Origin, reason: str) -> None:
    """For this session only (the cause may pass: memory, say), ``path`` cannot be read."""
    stamp = FileStamp.find(path)
    if stamp is None:
        return  # gone: it leaves the list anyway
    _memory[(path, stamp)] = CatalogEntry(path, origin, stamp, path.stem, error=reason)


def _clear_stale_staging(staging: Path) -> None:
    cutoff = time.time() - STALE_STAGING_SECONDS
    for leftover in staging.iterdir():
        try:
            if leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            continue


def import_model(source: str | os.PathLike, folder: Path | None = None) -> ModelDescriptor:
    """Copy a model file into the user's models folder once it has loaded, and describe the
    copy.

    The copy is what gets checked (by loading it, as a restore would), so what is installed is
    exactly what passed, and the original is only ever read. A file that does not load raises
    ``ModelFileError`` and leaves nothing behind; one that is among the user's models already
    raises ``AlreadyImported``, and is not copied again. A name that is taken, by a file in the
    folder or by a built-in model (``free_model_names``), gives "name (2)".
    """
    source = Path(source)
    refuse_unless_model_file(source)
    if not source.is_file():
        raise ModelFileError(say("{name}: no such model file", name=source.name))
    folder = folder or paths.user_models_dir()
    if source.parent.resolve() == folder.resolve():
        raise AlreadyImported(
            say("{name}: already in your models folder", name=source.name), source
        )
    same = _same_model_file(source, folder)
    if same is not None:
        raise AlreadyImported(
            say("{name}: already among your models, as {model}", name=source.name, model=same.stem),
            same,
        )
    staging = folder / STAGING_DIR
    staging.mkdir(parents=True, exist_ok=True)
    _clear_stale_staging(staging)
    work = staging / secrets.token_hex(8)
    work.mkdir()
    try:
        staged = work / f"{source.stem}{source.suffix.lower()}"
        shutil.copyfile(source, staged)
        with open(staged, "rb+") as stream:
            os.fsync(stream.fileno())
        loaded = load_model(staged).descriptor
        target = publish_first_free(staged, free_model_names(folder / staged.name))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    descriptor = replace(
        loaded, name=target.stem, origin=Origin.IMPORTED, path=target, stamp=FileStamp.of(target)
    )
    _remember(CatalogEntry.of(descriptor), imported_from=str(source), imported_at=int(time.time()))
    return descriptor


def free_model_names(target: Path) -> Iterator[Path]:
    """The names a model added to ``target``'s folder (imported, or saved from training) may
    take: ``target``, "name (2).ext"..., less those a built-in model answers to (which would
    win over it wherever it is named) and those of the folder's models, its subfolders' too,
    in any format (a model is chosen by its name without the suffix). Compared without case:
    a file system that ignores case finds a model under any case."""
    folder = target.parent
    mine = [path.stem for path in model_files(folder)]
    taken = {name.casefold() for name in (*builtin_names(), *mine)}
    return (name for name in numbered_names(target) if name.stem.casefold() not in taken)


def _same_model_file(source: Path, folder: Path) -> Path | None:
    """A model file in ``folder`` or below it with the very bytes of ``source`` (imported
    before)."""
    size = source.stat().st_size
    return next(
        (
            path
            for path in model_files(folder)
            if path.stat().st_size == size and filecmp.cmp(source, path, shallow=False)
        ),
        None,
    )


def remove_model(path: Path, folder: Path | None = None) -> None:
    """Delete a user model and its sidecar; anything outside the user's folder (and its
    subfolders) is refused."""
    folder = folder or paths.user_models_dir()
    if not path.parent.resolve().is_relative_to(folder.resolve()) or not is_model_file(path):
        raise ModelFileError(
            say("{name}: not one of your models, so it cannot be removed", name=path.name)
        )
    path.unlink()
    sidecar_path(path).unlink(missing_ok=True)
    for key in [k for k in list(_memory) if k[0] == path]:  # list(): a reader may add some
        _memory.pop(key, None)
