"""The project's own exceptions: each carries a sentence a person understands."""

from __future__ import annotations

import errno
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path

from engine.words import Sentence, say

log = logging.getLogger(__name__)

_REASONS = {
    errno.ENOSPC: say("the disk is full"),
    errno.EDQUOT: say("the disk quota is used up"),
    errno.EROFS: say("the disk is read-only"),
    errno.EFBIG: say("the file is too large for this disk"),
    errno.ENAMETOOLONG: say("the name is too long for this disk"),
    errno.ENOENT: say("the file or its folder is gone (moved, deleted, or its drive unplugged)"),
    errno.EEXIST: say("something of that name is in the way"),
    errno.ENOTDIR: say("a file is in the way where a folder is needed"),
    errno.ECONNREFUSED: say("connection refused"),
    errno.ECONNRESET: say("the connection was cut"),
    errno.ETIMEDOUT: say("no answer"),
    errno.EHOSTUNREACH: say("no way to that computer"),
    errno.ENETUNREACH: say("no way to that network"),
    socket.EAI_NONAME: say("no computer has that name"),
    socket.EAI_AGAIN: say("the name could not be looked up now"),
}
NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})
EVERY_WRITE = NO_ROOM | {errno.EROFS}
"""Causes every later write to the same disk meets too (a full disk, a read-only one)."""
FOLDER_WANTED = frozenset({errno.EEXIST, errno.ENOTDIR})
"""Errors of a file found where a folder is needed (making a folder, or writing into one)."""
OUT_OF_MEMORY = say("there is not enough memory")


class RekindleError(Exception):
    """Base of every error shown to a person, at the edge, as its message: a ``Sentence``
    (made with ``say``), so that the app can show it in the person's language."""

    @property
    def sentence(self) -> str:
        """The message as it was said: the ``Sentence`` given, else its text."""
        said = self.args[0] if len(self.args) == 1 else None
        return said if isinstance(said, Sentence) else str(self)


class ImageReadError(RekindleError):
    """An image file could not be read."""


class WriteError(RekindleError):
    """A file could not be written whole (nothing, or the previous file, is left at its name)."""


class ImageWriteError(WriteError):
    """An image file could not be written."""


class ModelFileError(RekindleError):
    """A file is not a model Rekindle can load."""


class DeviceError(RekindleError):
    """A requested compute device is not available."""


class Cancelled(RekindleError):
    """Work stopped because the person asked it to."""

    def __init__(self, message: str = say("cancelled")) -> None:
        super().__init__(message)


def plain_reason(error: OSError) -> str:
    """A short plain-words cause for an OS error ("the disk is full"); a file in the way of
    a folder is named."""
    if isinstance(error, PermissionError):
        return say("permission denied")
    blocker = file_in_the_way(error.filename) if error.errno in FOLDER_WANTED else None
    if blocker is not None:
        return say("{path} is a file, where a folder is needed", path=blocker)
    return _REASONS.get(error.errno, error.strerror or str(error))  # type: ignore[arg-type]


def os_cause(error: BaseException) -> OSError | None:
    """The OS error ``error`` is, or was raised from (a ``WriteError`` saying why a file
    cannot be saved); None where there is none."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__
    return cause


def file_in_the_way(path: object) -> Path | None:
    """The file (not a folder) at ``path`` or at the nearest of its folders that exists: what
    keeps ``path`` from being made or reached as a folder; None where there is none."""
    if not isinstance(path, str | os.PathLike):
        return None
    there = nearest_existing(Path(path))
    return there if there is not None and not there.is_dir() else None


def not_there(path: Path) -> str:
    """Why ``path`` cannot be found: it is a link that leads nowhere, or nothing at all."""
    if os.path.islink(path):
        return leads_nowhere(path)
    return say("{path}: no such file or folder", path=path)


def leads_nowhere(shown: object) -> str:
    """That the link ``shown`` (a path, or a name) leads nowhere: what it points to is missing
    (on a drive not plugged in, say), or a loop."""
    return say("{path}: a link to nothing (what it points to is missing, or a loop)", path=shown)


def nearest_existing(path: Path) -> Path | None:
    """``path`` or the nearest of its folders that is there (a link to nothing included);
    None where none is."""
    return next((p for p in (path, *path.parents) if os.path.lexists(p)), None)


def os_error_sentence(error: OSError) -> str:
    """An OS error that reached the command line's edge, as one sentence: the file and why."""
    if error.filename:
        return say(
            "{name}: cannot be read or written ({reason})",
            name=error.filename,
            reason=plain_reason(error),
        )
    return say("cannot be read or written ({reason})", reason=plain_reason(error))


def unexpected_sentence(error: BaseException) -> str:
    """An error no check foresaw, in the words the person sees (the details are logged)."""
    return say("unexpected error ({error}); details are in the log file", error=error)


def sentence_for(
    error: BaseException,
    *,
    out_of_memory: str = OUT_OF_MEMORY,
    unexpected: Callable[[BaseException], str] = unexpected_sentence,
    os_error: Callable[[OSError], str] = os_error_sentence,
    about: object = "",
) -> str:
    """The sentence a person sees for ``error``: a ``RekindleError``'s own (``Cancelled``
    included), ``out_of_memory``, an OS error in plain words, or else the ``unexpected`` one,
    whose details go to the log (with ``about``: what was being done). Each edge may word
    the last three its own way (the app passes them translated)."""
    if isinstance(error, RekindleError):
        return error.sentence
    if isinstance(error, MemoryError):
        return out_of_memory
    if isinstance(error, OSError):
        return os_error(error)
    log.error("unexpected error %s", about, exc_info=error)
    return unexpected(error)
