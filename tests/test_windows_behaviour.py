"""What Rekindle does on Windows, simulated on any system: the Windows code paths run with
``sys.platform`` set to "win32" and fakes in place of the Windows APIs they call (kernel32's
process calls, ``msvcrt.locking``, a rename refused while antivirus holds a new file). Names
Windows takes for devices are kept out of model file names on every system."""

import ctypes
import importlib.util
import os
import sys
import time
import types
import unicodedata
from pathlib import PureWindowsPath

import pytest

from engine import busy
from engine.atomic import RENAME_PAUSE, RENAME_RETRIES, staged_file, write_bytes_atomically
from engine.errors import WriteError
from engine.leftovers import process_alive, remove_leftovers
from engine.library.files import MODEL_SUFFIX
from engine.unfinished import MARKER_PREFIX, MARKER_SUFFIX, BatchMarker
from training.run_state import slugify

RUNNING, ENDED, DENIED, UNKNOWN = 4100, 4200, 4300, 4400
"""Process ids as the fake Windows knows them: running, ended, another user's, never seen."""
STILL_ACTIVE = 259  # GetExitCodeProcess's answer for a process that runs
ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER = 5, 87


class FakeKernel32:
    """kernel32's process calls, answering from ``exit_codes`` (by pid); Windows refuses to
    open ``DENIED`` and knows no other pid. ``handles``: those opened and not yet closed."""

    def __init__(self, exit_codes: dict[int, int]) -> None:
        self.exit_codes = exit_codes
        self.handles: dict[int, int] = {}
        self.last_error = 0
        self.OpenProcess = self._function(self._open_process)
        self.GetExitCodeProcess = self._function(self._exit_code)
        self.CloseHandle = self._function(self._close)

    @staticmethod
    def _function(call):
        """``call`` as a function that takes ``argtypes`` and ``restype``, as ctypes' do."""
        return lambda *args: call(*args)

    def _open_process(self, access: int, inherit: bool, pid: int) -> int | None:
        assert access == 0x1000 and not inherit  # PROCESS_QUERY_LIMITED_INFORMATION
        if pid == DENIED or pid not in self.exit_codes:
            self.last_error = ERROR_ACCESS_DENIED if pid == DENIED else ERROR_INVALID_PARAMETER
            return None
        handle = 8 + 4 * len(self.handles)
        self.handles[handle] = pid
        return handle

    def _exit_code(self, handle: int, code) -> int:
        code._obj.value = self.exit_codes[self.handles[handle]]
        return 1

    def _close(self, handle: int) -> int:
        del self.handles[handle]
        return 1


@pytest.fixture
def kernel32(monkeypatch) -> FakeKernel32:
    """Windows, where RUNNING runs and ENDED has ended (exit code 0)."""
    fake = FakeKernel32({RUNNING: STILL_ACTIVE, ENDED: 0})
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error: fake, raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: fake.last_error, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    return fake


@pytest.mark.parametrize(
    ("pid", "alive"), [(RUNNING, True), (ENDED, False), (DENIED, True), (UNKNOWN, False)]
)
def test_windows_is_asked_whether_a_process_runs(kernel32, pid, alive):
    assert process_alive(pid) is alive
    assert kernel32.handles == {}  # every handle opened is closed


def test_a_batch_whose_run_ended_is_resumed_on_windows(kernel32, tmp_path):
    settings = {"model": "cleanup-x1"}
    key = BatchMarker(tmp_path, settings).key
    for pid in (RUNNING, ENDED):
        (tmp_path / f"{MARKER_PREFIX}{key}.{pid}{MARKER_SUFFIX}").write_text("")
    marker = BatchMarker(tmp_path, settings)
    assert marker.unfinished
    assert [path.name.split(".")[-2] for path in marker.earlier] == [str(ENDED)]


def test_a_part_file_whose_writer_ended_is_swept_on_windows(kernel32, tmp_path):
    left = tmp_path / f".a.png.{ENDED}-0123abcd.part"
    written = tmp_path / f".b.png.{RUNNING}-0123abcd.part"
    for part in (left, written):
        part.write_bytes(b"half")
    assert remove_leftovers(tmp_path) == [left]
    assert written.exists()


def test_a_pid_beyond_any_process_id_is_not_running():
    assert not process_alive(10**20)  # a part file's name may say anything


class FakeMsvcrt(types.ModuleType):
    """``msvcrt.locking`` as Windows does it: it locks ``nbytes`` from the file's position
    (leaving the position there) for one open file, and refuses another's lock at once."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int, int, int], int] = {}  # (device, inode, start, size)

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        found = os.fstat(fd)
        region = (found.st_dev, found.st_ino, os.lseek(fd, 0, os.SEEK_CUR), nbytes)
        if mode == self.LK_UNLCK:
            assert self.held.pop(region) == fd
        elif region in self.held:
            raise PermissionError(13, "Permission denied")
        else:
            self.held[region] = fd


@pytest.fixture
def windows_busy(monkeypatch) -> types.ModuleType:
    """A copy of ``engine.busy`` made on "win32", over ``FakeMsvcrt``."""
    msvcrt = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    spec = importlib.util.spec_from_file_location("busy_on_windows", busy.__file__)
    module = importlib.util.module_from_spec(spec)
    with monkeypatch.context() as windows:
        windows.setattr(sys, "platform", "win32")
        spec.loader.exec_module(module)
    return module


def test_a_lock_refused_on_windows_names_the_process_holding_it(windows_busy, tmp_path):
    path = tmp_path / "film.lock"
    with windows_busy.Lock.take(path, str):
        with pytest.raises(windows_busy.Busy) as refused:
            windows_busy.Lock.take(path, str)
        held = list(sys.modules["msvcrt"].held)
        holder = windows_busy.holder_of(path)
    assert f"process {os.getpid()})" in str(refused.value)
    assert holder == str(refused.value)
    assert [region[2:] for region in held] == [(windows_busy.LOCKED_BYTE, 1)]
    assert path.read_bytes() == f"{os.getpid()}\n".encode()
    assert windows_busy.holder_of(path) is None  # let go


def _refused(times: int, rename):
    """``rename``, refused with PermissionError the first ``times`` calls; and its calls."""
    calls = []

    def refusing(source, target):
        calls.append(target)
        if len(calls) <= times:
            raise PermissionError(13, "The file is being used by another process", str(source))
        rename(source, target)

    return refusing, calls


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    """The pauses made, instead of making them."""
    made: list[float] = []
    monkeypatch.setattr(time, "sleep", made.append)
    return made


def test_a_result_held_a_moment_by_antivirus_is_saved_on_windows(tmp_path, monkeypatch, pauses):
    monkeypatch.setattr(sys, "platform", "win32")
    rename, calls = _refused(2, os.rename)
    monkeypatch.setattr(os, "rename", rename)
    with staged_file(tmp_path / "a.png", replace=False) as staged:
        staged.temp.write_bytes(b"restored")
    assert staged.path == tmp_path / "a.png" and staged.path.read_bytes() == b"restored"
    assert len(calls) == 3 and pauses == [RENAME_PAUSE] * 2
    assert [path.name for path in tmp_path.iterdir()] == ["a.png"]


def test_a_file_replaced_is_retried_on_windows_for_about_a_second(tmp_path, monkeypatch, pauses):
    target = tmp_path / "model.safetensors"
    target.write_bytes(b"old")
    monkeypatch.setattr(sys, "platform", "win32")
    rename, calls = _refused(RENAME_RETRIES, os.replace)
    monkeypatch.setattr(os, "replace", rename)
    write_bytes_atomically(target, b"new")  # on its last try
    assert target.read_bytes() == b"new"
    assert len(calls) == RENAME_RETRIES + 1
    assert sum(pauses) == pytest.approx(1, abs=0.5)


def test_a_rename_refused_for_longer_on_windows_fails(tmp_path, monkeypatch, pauses):
    target = tmp_path / "model.safetensors"
    target.write_bytes(b"old")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", _refused(RENAME_RETRIES + 1, os.replace)[0])
    with pytest.raises(WriteError, match=r"model\.safetensors"):
        write_bytes_atomically(target, b"new")
    assert [path.name for path in tmp_path.iterdir()] == ["model.safetensors"]
    assert target.read_bytes() == b"old"


def test_a_refused_rename_elsewhere_fails_at_once(tmp_path, monkeypatch, pauses):
    monkeypatch.setattr(sys, "platform", "linux")
    rename, calls = _refused(1, os.replace)
    monkeypatch.setattr(os, "replace", rename)
    with pytest.raises(WriteError):
        write_bytes_atomically(tmp_path / "a.bin", b"data")
    assert len(calls) == 1 and pauses == []


@pytest.mark.parametrize(
    "name",
    [
        "Con",
        "Aux",
        "NUL",
        "Prn",
        "Com1",
        "com9",
        "LPT1",
        "Lpt9",
        "com¹",
        "ＣＯＮ",
        "Con!",
        "con.backup",
    ],
)
def test_a_model_named_like_a_windows_device_gets_a_file_name_windows_takes(name):
    slug = slugify(name)
    assert not PureWindowsPath(f"{slug}{MODEL_SUFFIX}").is_reserved()
    assert slug.startswith(unicodedata.normalize("NFKC", name).lower()[:3])  # still its name


@pytest.mark.parametrize("name", ["Console", "Com10", "Connie", "Lpt", "Nullarbor"])
def test_a_name_that_only_starts_like_a_device_keeps_its_slug(name):
    assert slugify(name) == name.lower()
