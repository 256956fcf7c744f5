"""Checks before long work starts, so a run does not fail an hour in, or with a traceback:
the inputs exist, and the destination folder exists (or can be made), takes a file and has
some room. Each failure is one sentence (``RekindleError``)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from engine.errors import (
    RekindleError,
    WriteError,
    file_in_the_way,
    nearest_existing,
    not_there,
    plain_reason,
)
from engine.words import say

MIN_FREE_BYTES = 64 * 1024 * 1024
"""Less room than this in the destination and no restoration or checkpoint is worth starting."""
MEGABYTE = 1024 * 1024


def require_inputs(paths: Iterable[Path]) -> None:
    """Raise RekindleError naming the first of ``paths`` that does not exist (or is a link
    that leads nowhere)."""
    for path in paths:
        if not path.exists():
            raise RekindleError(not_there(path))


def refuse_file_in_the_way(folder: Path) -> None:
    """Raise WriteError where a file holds the place of ``folder`` or of a folder above it."""
    blocker = file_in_the_way(folder)
    if blocker is not None:
        raise WriteError(say("{path}: is a file, not a folder", path=blocker))


def check_destination(folder: Path, needed: int = MIN_FREE_BYTES) -> None:
    """Check that ``folder`` exists or can be made, that a file can be written there and
    that ``needed`` bytes are free; raise WriteError saying what is wrong otherwise. Nothing
    is left behind: a missing folder is made by the first file written into it."""
    refuse_file_in_the_way(folder)
    existing = nearest_existing(folder) or folder
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
        free = free_bytes(existing)
    except OSError as error:
        raise WriteError(
            say("cannot write into {folder} ({reason})", folder=folder, reason=plain_reason(error))
        ) from None
    if free < needed:
        raise WriteError(
            say(
                "{folder}: only {megabytes} MB free; make room or choose another folder",
                folder=folder,
                megabytes=free // MEGABYTE,
            )
        )


def free_bytes(folder: Path) -> int:
    """The bytes free to this user on the drive that holds ``folder`` (which exists)."""
    return shutil.disk_usage(folder).free
