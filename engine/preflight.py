"""Checks before long work starts, so a run does not fail an hour in, or with a traceback:
the inputs exist, and the destination folder exists (or can be made), takes a file and has
some room. Each failure is one sentence (``RekindleError``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from engine.errors import RekindleError, WriteError, plain_reason

MIN_FREE_BYTES = 64 * 1024 * 1024
"""Less room than this in the destination and no restoration or checkpoint is worth starting."""
MEGABYTE = 1024 * 1024


def require_inputs(paths: Iterable[Path]) -> None:
    """Raise RekindleError naming the first of ``paths`` that does not exist."""
    for path in paths:
        if not path.exists():
            raise RekindleError(f"{path}: no such file or folder")


def check_destination(folder: Path, needed: int = MIN_FREE_BYTES) -> None:
    """Check that ``folder`` exists or can be made, that a file can be written there and
    that ``needed`` bytes are free; raise WriteError saying what is wrong otherwise. Nothing
    is left behind: a missing folder is made by the first file written into it."""
    existing = next(path for path in (folder, *folder.parents) if os.path.lexists(path))
    if not existing.is_dir():
        raise WriteError(f"{existing}: is a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
        free = shutil.disk_usage(existing).free
    except OSError as error:
        raise WriteError(f"cannot write into {folder} ({plain_reason(error)})") from None
    if free < needed:
        raise WriteError(
            f"{folder}: only {free // MEGABYTE} MB free; make room or choose another folder"
        )
