"""The project's own exceptions: each carries a sentence a person understands."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
}


class RekindleError(Exception):
    """Base of every error shown to a person, at the edge, as its message."""


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

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


def plain_reason(error: OSError) -> str:
    """A short plain-words cause for an OS error ("the disk is full")."""
    if isinstance(error, PermissionError):
        return "permission denied"
    return _REASONS.get(error.errno, error.strerror or str(error))  # type: ignore[arg-type]


def os_error_sentence(error: OSError) -> str:
    """An OS error that reached the command line's edge, as one sentence: the file and why."""
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}cannot be read or written ({plain_reason(error)})"
