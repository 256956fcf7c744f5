"""Atomic file writes: a hidden temporary file beside the target, then a rename.

A crash, a kill or a full disk leaves either the old file or the new one, never half of one.
The temporary file is made with ``os.open``'s default mode, so the umask applies (tempfile's
files would be private, 0600), and it is removed on any failure.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _create_temporary(target: Path) -> tuple[Path, int]:
    while True:
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        with suppress(FileExistsError):
            return candidate, os.open(candidate, _FLAGS, 0o666)


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path to write the whole file to; it becomes ``target`` on success."""
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    temp, fd = _create_temporary(final)
    mode = os.fstat(fd).st_mode & 0o777
    os.close(fd)
    try:
        yield temp
        os.chmod(temp, mode)  # some writers (safetensors) recreate the file as private
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, final)
    finally:
        with suppress(OSError):
            temp.unlink()


def write_bytes_atomically(target: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` as the whole content of ``target``, atomically."""
    with atomic_path(target) as temp:
        temp.write_bytes(data)
