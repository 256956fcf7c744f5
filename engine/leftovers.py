"""Telling a dead writer's leftovers from live work, so each run can clean up after a crash.

A file being written is named ``.NAME.PID-RANDOM.part`` beside its target; the pid says which
process writes it. A part file is stale, and safe to remove, when that process is no longer
running on this machine, or when it is older than any write lasts (a pid can be reused).
Each folder is swept once per process, the first time it is written to, or when a run asks
before it starts.
"""

from __future__ import annotations

import ctypes
import os
import re
import secrets
import sys
import time
from contextlib import suppress
from ctypes import wintypes
from pathlib import Path
from typing import Any

from engine.file_names import NAME_MAX, name_within

PART_SUFFIX = ".part"
STALE_SECONDS = 24 * 60 * 60
"""A part file untouched this long is a leftover whoever wrote it."""

_PART_NAME = re.compile(r"^\..+\.(?:(?P<pid>\d+)-)?[0-9a-f]{8}\.part$")
_swept: set[Path] = set()


def part_name(target: Path) -> Path:
    """A fresh hidden name beside ``target`` for writing it, carrying this process's pid
    (``target``'s own name cut short where the whole would not fit in a file name,
    ``engine.file_names``)."""
    tail = f".{os.getpid()}-{secrets.token_hex(4)}{PART_SUFFIX}"
    return target.with_name(f".{name_within(target.name, NAME_MAX - 1 - len(tail))}{tail}")


# Windows' values for asking whether a process runs
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259
ERROR_ACCESS_DENIED = 5


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (asked without touching it)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or beyond any process id
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs, asked of Windows: a process it refuses to open runs (one
    of another user, or a protected one); one it cannot open otherwise is gone. A process
    that ended with exit code 259 (STILL_ACTIVE) is taken to run."""
    kernel32 = _kernel32()
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return ctypes.get_last_error() == ERROR_ACCESS_DENIED
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # unknown: what it wrote is left to the age limit
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _kernel32() -> Any:
    """kernel32, with the types of the calls ``_windows_process_alive`` makes; each call keeps
    its error for ``ctypes.get_last_error``."""
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    kernel32.CloseHandle.restype = wintypes.BOOL
    return kernel32


def is_stale(path: Path, pid: int | None) -> bool:
    """Whether ``path``, written by ``pid`` (None: unknown), is a leftover."""
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False  # gone already
    return age > STALE_SECONDS or (pid is not None and not process_alive(pid))


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the stale part files in ``folder`` (not below it); return what was removed."""
    removed = []
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(PART_SUFFIX)]
    except OSError:
        return removed
    for name in names:
        match = _PART_NAME.match(name)
        path = folder / name
        if match and is_stale(path, int(match["pid"]) if match["pid"] else None):
            with suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def sweep_once(folder: Path) -> None:
    """``remove_leftovers`` the first time this process writes into ``folder``."""
    key = folder.resolve()
    if key not in _swept:
        _swept.add(key)
        remove_leftovers(folder)
