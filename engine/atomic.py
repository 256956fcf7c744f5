"""Writing files whole or not at all, and publishing them without replacing anyone's work.

Every file is filled under a hidden part name beside its target (``engine.leftovers``), then
flushed, synced to the disk and checked before it takes its name: its size against what was
written, and where the caller knows the format, a cheap look at its structure. A crash, a kill
or a full disk therefore leaves no file (or the previous one) at the name, never half of one;
what such a fault leaves is a part file, which a later run removes. Once named, the folder is
synced too, so a power cut after a result was counted cannot take its name away.

Publishing comes in two kinds. Files a run owns (a checkpoint, the model being trained, a
journal) replace their previous version. A result never replaces anything: it is linked to
its name, which fails if the name is taken, and then tries "NAME (2).EXT", "NAME (3).EXT"...,
so two runs writing one folder both keep their results. On a file system without hard links
(FAT, exFAT) the name is checked and then renamed into, which leaves a moment for a race.
On Windows, a rename refused (antivirus and the search indexer open a new file for a moment)
is tried again for about a second.

The part file is made with ``os.open``'s default mode, so the umask applies (tempfile's files
would be private, 0600).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from engine.errors import WriteError, plain_reason
from engine.file_names import name_with_tail
from engine.leftovers import part_name, sweep_once
from engine.words import say

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)

Check = Callable[[Path], bool]
"""Whether a written file looks whole, by a cheap look at its format's structure."""

RENAME_RETRIES = 10  # of a rename Windows refuses, RENAME_PAUSE apart: about a second
RENAME_PAUSE = 0.1  # seconds


def numbered_names(path: Path) -> Iterator[Path]:
    """``path``, then "name (2).ext", "name (3).ext"...: the names a result may take, each
    within a file name's bytes (``name_with_tail``: "name" cut short where it must be)."""
    yield path
    for n in itertools.count(2):
        yield path.with_name(name_with_tail(path.stem, f" ({n}){path.suffix}"))


def is_numbered_name(name: Path, path: Path) -> bool:
    """Whether ``name`` is one of ``numbered_names(path)``: ``path`` itself, or the name it
    takes numbered where it was taken ("name (2).ext")."""
    if name == path:
        return True
    numbered = re.fullmatch(r".* \(([1-9][0-9]*)\)", name.stem)
    if numbered is None or name.parent != path.parent or int(numbered[1]) < 2:
        return False
    return name.name == name_with_tail(path.stem, f" ({numbered[1]}){path.suffix}")


def publish(temp: Path, target: Path, *, replace: bool) -> Path:
    """Give the finished file ``temp`` the name ``target`` and return the name it got: over
    the old file if ``replace``, else ``target`` or the first free numbered name."""
    if replace:
        _renamed(os.replace, temp, target)
        return target
    return publish_first_free(temp, numbered_names(target))


def publish_first_free(temp: Path, names: Iterable[Path]) -> Path:
    """Give the finished file ``temp`` the first of ``names`` that is free (never replacing
    a file) and return it; FileExistsError if every one is taken."""
    for name in names:
        try:
            _link_or_fail(temp, name)
        except FileExistsError:
            continue
        with suppress(OSError):
            temp.unlink()
        return name
    raise FileExistsError(temp)


def _link_or_fail(temp: Path, name: Path) -> None:
    """Make ``name`` the file ``temp``; raise FileExistsError if ``name`` is taken."""
    if sys.platform == "win32":
        _renamed(os.rename, temp, name)  # fails on Windows when the name exists
        return
    try:
        os.link(temp, name)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(name):
            raise FileExistsError(name) from None
        os.replace(temp, name)


def _renamed(rename: Callable[[Path, Path], None], temp: Path, target: Path) -> None:
    """``rename(temp, target)``; on Windows, where antivirus or the search indexer may hold a
    new file for a moment, tried again for about a second while it is refused (elsewhere a
    PermissionError is real, and raised at once)."""
    for _ in range(RENAME_RETRIES if sys.platform == "win32" else 0):
        try:
            rename(temp, target)
        except PermissionError:
            time.sleep(RENAME_PAUSE)
        else:
            return
    rename(temp, target)


class _CountedFile(io.FileIO):
    """A file that remembers how far its writes reached, the size it must have on disk.

    It offers no ``fileno``: encoders that get one (Pillow) write to it from C and ignore a
    short write, which a nearly full disk makes; through ``write`` Python's buffered layer
    repeats the rest or raises."""

    extent = 0

    def write(self, data: bytes) -> int:  # type: ignore[override]
        written = super().write(data)
        self.extent = max(self.extent, self.tell())
        return written

    def fileno(self) -> int:
        raise io.UnsupportedOperation("written through Python only")


@dataclass
class Staged:
    """A file being written: fill ``temp`` by path, or through ``open``. Once the block ends
    without an error, ``path`` is the name the file was published under."""

    temp: Path
    path: Path
    written: int | None = None  # bytes the writer put there, when it knows

    @contextmanager
    def open(self) -> Iterator[io.BufferedWriter]:
        """A buffered stream onto ``temp`` that counts what is written."""
        raw = _CountedFile(self.temp, "w")
        with io.BufferedWriter(raw) as stream:
            yield stream
            stream.flush()
            self.written = raw.extent


def _verify(staged: Staged, check: Check | None) -> None:
    """Sync ``staged.temp`` to the disk; raise WriteError if it is not what was written."""
    fd = os.open(staged.temp, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
        size = os.fstat(fd).st_size
    finally:
        os.close(fd)
    whole = staged.written is None or size == staged.written
    if not whole or (check is not None and not check(staged.temp)):
        raise WriteError(
            say(
                "{name}: cannot be saved (what reached the disk is incomplete; is it full?)",
                name=staged.path.name,
            )
        )


def _sync_folder(folder: Path) -> None:
    """Sync the folder's entries, so the new name survives a power cut as the file does (a
    file system that cannot sync a folder is left to its own timing)."""
    if sys.platform == "win32":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def staged_file(
    target: str | os.PathLike, *, replace: bool = True, check: Check | None = None
) -> Iterator[Staged]:
    """Yield a ``Staged`` file for ``target``; it is verified and published (``publish``)
    when the block ends, or removed if it raises. An OS error, in the block or after it,
    becomes a WriteError saying why in plain words."""
    final = Path(target)
    staged: Staged | None = None
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        sweep_once(final.parent)
        temp = part_name(final)
        fd = os.open(temp, _FLAGS, 0o666)
        staged = Staged(temp, final)
        mode = os.fstat(fd).st_mode & 0o777
        os.close(fd)
        yield staged
        os.chmod(temp, mode)  # some writers (safetensors) recreate the file as private
        _verify(staged, check)
        staged.path = publish(temp, final, replace=replace)
        _sync_folder(final.parent)
    except OSError as error:
        if error.errno is None:  # an encoder's own failure (Pillow, tifffile): the caller words it
            raise
        raise WriteError(
            say("{name}: cannot be saved ({reason})", name=final.name, reason=plain_reason(error))
        ) from error
    finally:
        if staged is not None:
            with suppress(OSError):
                staged.temp.unlink()


def write_bytes_atomically(target: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` as the whole content of ``target``, atomically."""
    with staged_file(target) as staged, staged.open() as stream:
        stream.write(data)
