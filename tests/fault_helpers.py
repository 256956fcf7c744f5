"""Faults made on demand without root: a disk that fills up, one that loses bytes silently, a
read-only folder (by chmod, or by refusing writes there when running as root, whom chmod does
not stop), and looks at what a run left behind."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from engine import atomic
from engine.imageio import is_supported_image, picture_is_whole, read_picture

CHMOD_STOPS_WRITES = sys.platform != "win32" and os.geteuid() != 0


def fill_the_disk_after(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """Each file takes ``limit`` bytes and then the disk reports itself full, as a real one
    does."""
    real = atomic._CountedFile.write

    def write(self: atomic._CountedFile, data: bytes) -> int:
        if self.tell() + len(memoryview(data)) > limit:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(atomic._CountedFile, "write", write)


def lose_bytes_silently(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write stores half of what it is given and claims it stored it all (a disk that
    misreports, or a writer that ignores a short write)."""
    real = atomic._CountedFile.write

    def write(self: atomic._CountedFile, data: bytes) -> int:
        view = memoryview(data)
        real(self, view[: len(view) // 2])
        self.extent += len(view) - len(view) // 2
        return len(view)

    monkeypatch.setattr(atomic._CountedFile, "write", write)


def make_read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` refuse new files: chmod where that stops the writer, else the test
    files' probe (``engine.preflight``) is refused there by hand."""
    folder.mkdir(parents=True, exist_ok=True)
    if CHMOD_STOPS_WRITES:
        folder.chmod(0o555)
        return
    real = tempfile.TemporaryFile

    def refuse(*args: object, dir: str | os.PathLike | None = None, **kwargs: object):
        if dir is not None and Path(dir) == folder:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(*args, dir=dir, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)


def part_files(folder: Path) -> list[Path]:
    """The hidden files of writes that never finished, anywhere below ``folder``."""
    return sorted(folder.rglob("*.part"))


def files_of(folder: Path) -> dict[Path, bytes]:
    """Every file below ``folder`` with its bytes."""
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def results_in(folder: Path) -> list[Path]:
    """The pictures below ``folder``, each checked whole and readable."""
    found = sorted(p for p in folder.rglob("*") if p.is_file() and is_supported_image(p))
    for path in found:
        assert picture_is_whole(path), f"{path.name} is cut off"
        read_picture(path)
    return found


def held_in_another_process(take: str, path: Path) -> subprocess.Popen:
    """Another process that runs ``take`` (Python statements taking a hold on ``path``, a
    ``Path`` there, and keeping it referenced) and holds it until it is killed."""
    code = (
        "import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n"
        f"{take}\nprint('held', flush=True)\nsys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        cwd=Path(__file__).resolve().parents[1],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def batch_held_in_another_process(command: list[str], out: Path) -> subprocess.Popen:
    """Another process holding the batch ``command`` (the engine's arguments) runs into
    ``out``, as that run does."""
    take = (
        "from engine.cli.parser import command_parser\n"
        "from engine.cli.resuming import BATCH_SETTINGS, batch_settings\n"
        "from engine.unfinished import holding\n"
        f"args = command_parser().parse_args({command!r})\n"
        "held = holding(path, batch_settings(args, BATCH_SETTINGS))\nheld.__enter__()"
    )
    return held_in_another_process(take, out)
