"""A run whose terminal is closed (a terminal window shut, an ssh connection dropped): it is
sent SIGHUP (by the kernel, and again by the shell as it exits) and every later write to its
terminal fails. It stops as Ctrl+C stops it: what is finished is kept, training saves its
checkpoint and its model, and the exit status is 130."""

from __future__ import annotations

import errno
import io
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from engine import console
from engine.console import INTERRUPTED
from engine.progress import CancelToken
from engine.stopping import stopping_on_signals
from tests.fault_helpers import part_files, results_in
from tests.test_cli_scripts import _markers, _photo, _restore
from tests.test_training_cli import SMALL
from tests.training_helpers import tiny_dataset
from training.checkpoint import checkpoint_path
from training.metrics_log import metrics_path, read_records

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX terminals")

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def _gone_terminal() -> Iterator[io.TextIOWrapper]:
    """A stream on a terminal that is closed: its every write fails as a hung-up one does."""
    master, slave = os.openpty()
    os.close(master)
    with open(slave, "w", encoding="utf-8") as stream:
        yield stream


class _Refusing(io.StringIO):
    """Stderr on a terminal gone: writing fails with ``errno.EIO``."""

    def write(self, text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")


def _ignoring_hang_up() -> None:
    """What ``nohup`` does before it starts a program."""
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _on_closed_terminal(
    module: str, *args: str, nohup: bool = False
) -> tuple[subprocess.Popen, int]:
    """``python -m module args`` with stdin, stdout and stderr on a terminal of its own
    (started as ``nohup`` starts it, if ``nohup``); the process, and the terminal's end a
    terminal window reads (closing it closes the terminal)."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=_ignoring_hang_up if nohup else None,
    )
    os.close(slave)
    return process, master


def _reading_until(master: int, process: subprocess.Popen, ready: Callable[[], bool]) -> None:
    """Read what the terminal shows until ``ready()`` (so that no write waits on a full
    terminal); the process must still run meanwhile."""
    while not ready():
        assert process.poll() is None
        if select.select([master], [], [], 0.01)[0]:
            os.read(master, 65536)


def _hang_up(process: subprocess.Popen, master: int) -> int:
    """Close the terminal, then send SIGHUP twice, moments apart (the shell's as it exits, then
    the kernel's), as a terminal window shut does; the exit status."""
    os.close(master)
    process.send_signal(signal.SIGHUP)
    process.send_signal(signal.SIGHUP)
    return process.wait(timeout=120)


def test_a_write_to_a_closed_terminal_is_dropped_and_the_next_ones_too():
    with _gone_terminal() as terminal:
        outliving = console._Outliving(terminal)
        outliving.write("progress\n")
        outliving.flush()
        outliving.write("the summary\n")
        outliving.flush()


def test_the_stopping_line_to_a_closed_terminal_still_stops_the_work(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Refusing())
    token = CancelToken()
    with stopping_on_signals(token, "stopping now"):
        signal.raise_signal(signal.SIGHUP)
        assert token.cancelled


def test_a_repeated_sighup_does_not_stop_at_once_where_ctrl_c_does():
    token = CancelToken()
    with stopping_on_signals(token, ""):
        signal.raise_signal(signal.SIGHUP)
        signal.raise_signal(signal.SIGHUP)  # the shell's, after the kernel's
        assert token.cancelled
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)


def test_a_batch_whose_terminal_is_closed_stops_keeping_what_it_restored(tmp_path, tiny_model_file):
    album = tmp_path / "album"
    for index in range(40):
        _photo(album / f"{index:02d}.png", index % 4, (96, 64))
    out = tmp_path / "out"
    restoring, master = _on_closed_terminal(
        "engine", *_restore(album, "-o", out, model=tiny_model_file)
    )
    _reading_until(master, restoring, lambda: out.is_dir() and bool(_markers(out)))
    assert _hang_up(restoring, master) == INTERRUPTED
    results_in(out)  # each one whole
    assert part_files(out) == []


def test_a_hang_up_the_program_was_started_ignoring_stays_ignored():
    token = CancelToken()
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with stopping_on_signals(token, "stopping now"):
            signal.raise_signal(signal.SIGHUP)
            assert not token.cancelled
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, before)


def test_a_batch_started_with_nohup_outlives_its_terminal(tmp_path, tiny_model_file):
    album = tmp_path / "album"
    for index in range(12):
        _photo(album / f"{index:02d}.png", index % 4, (96, 64))
    out = tmp_path / "out"
    restoring, master = _on_closed_terminal(
        "engine", *_restore(album, "-o", out, model=tiny_model_file), nohup=True
    )
    _reading_until(master, restoring, lambda: out.is_dir() and bool(_markers(out)))
    assert _hang_up(restoring, master) == 0
    assert len(results_in(out)) == 12


def test_training_whose_terminal_is_closed_saves_its_checkpoint_and_model(tmp_path):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    rare = ["--checkpoint-every", "100000", "--validate-every", "100000"]
    training, master = _on_closed_terminal(
        "training", "train", str(dataset), "--out", str(out), *SMALL, *rare, "--steps", "100000"
    )
    _reading_until(master, training, lambda: bool(read_records(metrics_path(out))))
    assert not checkpoint_path(out).exists()
    assert _hang_up(training, master) == INTERRUPTED
    assert checkpoint_path(out).is_file() and out.is_file()


class _Full(io.StringIO):
    """A log file on a disk gone full."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_to_a_full_disk_is_no_terminal_gone_and_is_told():
    with pytest.raises(OSError, match="No space left"):
        console._Outliving(_Full()).write("a line\n")
