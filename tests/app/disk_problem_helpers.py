"""Disks and folders that refuse the app's files for real, whoever runs the tests: a disk that
takes no more bytes (a file size limit of nothing, which binds root too), and folders whose
permissions bind root as they bind a person (root's power to pass them by is set aside, in
the calling thread only)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
from collections.abc import Iterator
from pathlib import Path

CAPABILITY_VERSION_3 = 0x20080522
"""The layout of Linux's capability sets that ``capget`` and ``capset`` are given."""
PASSING_PERMISSIONS = 1 << 1 | 1 << 2
"""CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: root's power to read and write whatever the
permissions say."""


@contextlib.contextmanager
def no_room() -> Iterator[None]:
    """Inside, no file of this process takes another byte: a write that would make one larger
    fails (EFBIG), as it does on a full disk; files are still made, read and renamed."""
    import resource  # here: not on Windows

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    kept = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails, the process lives
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, kept)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Inside, ``folder`` takes no new file and no change of name, in the calling thread (and
    the threads it starts meanwhile): made read-only, its permissions binding root too."""
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    try:
        with permissions_bind():
            yield
    finally:
        folder.chmod(mode)


@contextlib.contextmanager
def permissions_bind() -> Iterator[None]:
    """Inside, file permissions bind the calling thread even as root: root's power to pass
    them by is set aside (Linux keeps capabilities per thread) and taken up again after."""
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)  # 0: this thread
    held = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable; twice (64 bits)
    _call(libc.capget, header, held)
    bound = (ctypes.c_uint32 * 6)(*held)
    bound[0] &= ~PASSING_PERMISSIONS
    _call(libc.capset, header, bound)
    try:
        yield
    finally:
        _call(libc.capset, header, held)


def _call(function: ctypes._CFuncPtr, *args: object) -> None:
    if function(*args) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))
