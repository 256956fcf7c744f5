"""The project's own exceptions: each carries a sentence a person understands."""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable

from engine.words import Sentence, say

log = logging.getLogger(__name__)

_REASONS = {
    errno.ENOSPC: say("the disk is full"),
    errno.EDQUOT: say("the disk quota is used up"),
    errno.EROFS: say("the disk is read-only"),
}
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
    """A short plain-words cause for an OS error ("the disk is full")."""
    if isinstance(error, PermissionError):
        return say("permission denied")
    return _REASONS.get(error.errno, error.strerror or str(error))  # type: ignore[arg-type]


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
