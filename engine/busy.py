"""An OS lock that a run holds on a lock file while it works on something a second run must
not touch meanwhile (a film's work folder, a model being trained): the second refuses at
once, naming the first's process, instead of spoiling its work. The system lets the lock go
when its process ends, however it ends, so a killed run blocks no one.

The holder writes its process id into the lock file, for a refusal to name. A holder may
have the lock file removed as it lets go (``remove``): it is removed while still held, and a
run that takes a lock checks then that the file it locked is still the one of that name,
taking the lock anew otherwise, so a run that opened the file just before its removal never
holds a file that the next run cannot find. (Windows refuses to remove a file another run has
open: there it goes after the lock is let go, unless another run has it open by then.)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from itertools import takewhile
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

    REMOVED_WHILE_OPEN = False

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

    REMOVED_WHILE_OPEN = True


def _open(path: Path, flags: int = 0) -> int:
    return os.open(path, os.O_RDWR | flags | getattr(os, "O_BINARY", 0), 0o666)


def _holder(fd: int) -> str:
    """Who holds the lock on ``fd``'s file, as its holder wrote it there."""
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 32).decode("ascii", "replace").strip()
    if text.isdigit():
        return say("another run (process {process})", process=text)
    return say("another run")


def _write_holder(fd: int) -> None:
    """Write this process's id at the start of ``fd``'s file, where ``_holder`` reads it
    (``_try_lock`` may have left the position at the locked byte; that byte stays locked)."""
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())


def _still_named(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (its holder may have removed it,
    letting go, since it was opened)."""
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    return os.path.samestat(os.fstat(fd), named)


def _remove(path: Path) -> None:
    """Remove a lock file where the system lets it (Windows does not while another run has
    it open, and so may hold it now; a file gone already is gone)."""
    with suppress(OSError):
        path.unlink()


class Lock:
    """This process's hold on a lock file (``flock``, or ``msvcrt.locking`` on Windows);
    ``with`` lets it go at the end of the block. ``removed``: the lock file, when it is to go
    as the lock is let go."""

    def __init__(self, fd: int, removed: Path | None = None) -> None:
        self._fd: int | None = fd
        self._removed = removed

    @classmethod
    def take(cls, path: Path, refusal: Callable[[str], str], remove: bool = False) -> Lock:
        """Hold the lock file at ``path`` (made if missing, in a folder that exists). When
        another run holds it, raise ``Busy`` with the sentence ``refusal`` makes of its holder
        ("another run (process N)"). Every take opens the file anew, so a second take in this
        process is refused as well. With ``remove``, the file goes when the lock is let go."""
        while True:
            fd = _open(path, os.O_CREAT)
            if not _try_lock(fd):
                who = _holder(fd)
                os.close(fd)
                raise Busy(refusal(who))
            if _still_named(fd, path):
                break
            _unlock(fd)  # removed by a holder letting go: the next take makes it anew
            os.close(fd)
        _write_holder(fd)
        return cls(fd, path if remove else None)

    def release(self) -> None:
        """Let the lock go (again: nothing), removing the lock file if it is to go: while it
        is held where the system allows it (see the module's note), else just after."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if self._removed is not None and REMOVED_WHILE_OPEN:
            _remove(self._removed)
        _unlock(fd)
        os.close(fd)
        if self._removed is not None and not REMOVED_WHILE_OPEN:
            _remove(self._removed)

    def __enter__(self) -> Lock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


@contextmanager
def holding(path: Path, refusal: Callable[[str], str]) -> Iterator[None]:
    """Hold the lock file at ``path`` while the block runs (``Lock.take``, ``refusal`` making
    the sentence of ``Busy``). However the block ends, the lock file goes, and so do the
    folders made for it that nothing else was written to (a run refused before its work
    leaves nothing behind)."""
    made = _missing_folders(path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with Lock.take(path, refusal, remove=True):
            yield
    finally:
        _remove_if_empty(made)


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and the folders above it that do not exist yet, the deepest first."""
    return list(takewhile(lambda path: not path.exists(), (folder, *folder.parents)))


def _remove_if_empty(folders: list[Path]) -> None:
    """Remove ``folders`` (the deepest first) while they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # something was written there, so the folders above stay too
            return


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
