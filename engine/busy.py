"""An OS lock that a run holds on a lock file while it works on something a second run must
not touch meanwhile (a film's work folder, a model being trained): the second refuses at
once, naming the first's process, instead of spoiling its work. The system lets the lock go
when its process ends, however it ends, so a killed run blocks no one.

The holder writes its process id into the lock file, for a refusal to name. The lock file
stays when the lock is let go: removing it while another run has it open would let two runs
each hold a file of that name.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from engine.errors import RekindleError
from engine.words import say


class Busy(RekindleError):
    """Another run holds the lock."""


if sys.platform == "win32":
    import msvcrt

    LOCKED_BYTE = 64  # past the holder's process id, which others read

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _open(path: Path, flags: int = 0) -> int:
    return os.open(path, os.O_RDWR | flags | getattr(os, "O_BINARY", 0), 0o666)


def _holder(fd: int) -> str:
    """Who holds the lock on ``fd``'s file, as its holder wrote it there."""
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 32).decode("ascii", "replace").strip()
    if text.isdigit():
        return say("another run (process {process})", process=text)
    return say("another run")


class Lock:
    """This process's hold on a lock file (``flock``, or ``msvcrt.locking`` on Windows);
    ``with`` lets it go at the end of the block."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def take(cls, path: Path, refusal: Callable[[str], str]) -> Lock:
        """Hold the lock file at ``path`` (made if missing, in a folder that exists). When
        another run holds it, raise ``Busy`` with the sentence ``refusal`` makes of its holder
        ("another run (process N)"). Every take opens the file anew, so a second take in this
        process is refused as well."""
        fd = _open(path, os.O_CREAT)
        if not _try_lock(fd):
            who = _holder(fd)
            os.close(fd)
            raise Busy(refusal(who))
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return cls(fd)

    def release(self) -> None:
        """Let the lock go (again: nothing)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> Lock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def holder_of(path: Path) -> str | None:
    """Who holds the lock file at ``path`` now (as ``Lock.take``'s refusal names it), or None
    when no run does. It is asked by taking the lock and letting it go at once, so a run that
    tries to take it in that very instant is refused."""
    try:
        fd = _open(path)
    except FileNotFoundError:
        return None
    try:
        if not _try_lock(fd):
            return _holder(fd)
        _unlock(fd)
        return None
    finally:
        os.close(fd)
