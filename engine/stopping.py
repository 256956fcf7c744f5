"""How the command lines' runs stop other than by finishing: asked to, by Ctrl+C or by the
signals scripts, services and terminals stop a program with (SIGTERM: ``timeout``, systemd,
``docker stop``, a cancelled CI job; SIGHUP: the terminal closed), each of which stops a run
as Ctrl+C does; or by a fault no check foresaw (a bug), told in one line with an exit status
of its own, never the 1 that says some files failed."""

from __future__ import annotations

import shlex
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from types import FrameType

from engine.console import CANNOT_GO_ON, INTERRUPTED
from engine.errors import Cancelled
from engine.paths import user_data_dir
from engine.progress import CancelToken
from engine.words import say

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Ctrl+C, and the signals that ask a program to stop (Windows has no SIGHUP)."""
HANG_UP = getattr(signal, "SIGHUP", None)
"""The signal of a terminal closed (None on Windows)."""
FAULT_LOG = "command-line-faults.log"
"""In the user's log folder, beside the app's log: the tracebacks of the command lines' faults."""


@contextmanager
def stopping_on_signals(token: CancelToken | None, stopping: str = "") -> Iterator[None]:
    """For the block: the first of ``STOP_SIGNALS`` asks the work to stop where it stays
    whole (``token``), then says on stderr ``stopping`` (what the work does now: "stopping
    after this photo"; nothing where empty) with what stops it at once after that signal
    (``_at_once_after``); a SIGINT or SIGTERM after it stops the work at once
    (``KeyboardInterrupt``), a SIGHUP does not (a terminal closed sends it more than once:
    the shell as it exits, then the kernel). Without a token (work that does not watch one)
    the first stops it at once. A signal the program was started ignoring stays ignored
    (``nohup`` ignores SIGHUP so that a run outlives its terminal; a shell starts a job in the
    background ignoring SIGINT). The handlers found are put back after the block."""
    before = {
        number: handler
        for number in STOP_SIGNALS
        if (handler := signal.getsignal(number)) != signal.SIG_IGN
    }
    watched = tuple(before)

    def at_once(number: int, frame: FrameType | None) -> None:
        _handle_all(watched, again)
        raise KeyboardInterrupt

    def first(number: int, frame: FrameType | None) -> None:
        _handle_all(watched, again)
        if token is not None:
            token.cancel()
        if stopping:
            _tell(_at_once_after(number, stopping))

    def again(number: int, frame: FrameType | None) -> None:
        if number != HANG_UP:
            raise KeyboardInterrupt

    _handle_all(watched, at_once if token is None else first)
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _handle_all(numbers: tuple[int, ...], handler: Callable[[int, FrameType | None], None]) -> None:
    for number in numbers:
        signal.signal(number, handler)


def _at_once_after(number: int, stopping: str) -> str:
    """``stopping`` with what stops the work at once after the signal ``number`` came: the
    same again, but for SIGHUP (a second one does not: ``stopping_on_signals``), whose name
    is said, as SIGTERM's is, since no Ctrl+C was pressed."""
    if number == HANG_UP:
        return say("{stopping} (asked by SIGHUP; SIGTERM stops at once)", stopping=stopping)
    if number == signal.SIGTERM:
        return say(
            "{stopping} (asked by SIGTERM; a second SIGTERM stops at once)", stopping=stopping
        )
    return say("{stopping} (Ctrl+C again stops at once)", stopping=stopping)


def _tell(line: str) -> None:
    """``line`` on stderr, where a signal found the work: a write failing there (its terminal
    closed) would break the work off, so it is let go."""
    with suppress(OSError):
        print(line, file=sys.stderr, flush=True)


def stopped_before_the_end(error: Cancelled | KeyboardInterrupt, again: str) -> int:
    """Tell on stderr that the run stopped before its end, at its next check (``Cancelled``)
    or at once (``KeyboardInterrupt``: a stop signal again), and how to go on (``again``);
    the exit status of work stopped."""
    if isinstance(error, KeyboardInterrupt):
        told = say("stopped at once; {again}", again=again)
    else:
        told = say("stopped before the end; {again}", again=again)
    print(told, file=sys.stderr)
    return INTERRUPTED


def unforeseen(error: Exception) -> int:
    """Tell a fault no check foresaw in one line on stderr, with where its traceback is kept
    (``FAULT_LOG``; where that cannot be written, the traceback follows on stderr); the exit
    status of a run that cannot go on."""
    details = "".join(traceback.format_exception(error))
    kept = _kept(details)
    fault = f"{type(error).__name__}: {error}".splitlines()[0]
    if kept is None:
        print(
            say("error: an unexpected fault stopped the run ({fault})", fault=fault),
            file=sys.stderr,
        )
        print(details, file=sys.stderr, end="")
    else:
        told = say(
            "error: an unexpected fault stopped the run ({fault}); its details are in {path}",
            fault=fault,
            path=kept,
        )
        print(told, file=sys.stderr)
    return CANNOT_GO_ON


def _kept(details: str) -> Path | None:
    """The log ``details`` were added to, with the time and the command; None where it
    cannot be written."""
    try:
        folder = user_data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FAULT_LOG
        with path.open("a", encoding="utf-8", errors="backslashreplace") as log:
            when = datetime.now().astimezone().isoformat(timespec="seconds")
            log.write(f"{when} {shlex.join(sys.orig_argv)}\n{details}\n")
    except (ImportError, OSError):  # no platformdirs (a training machine), a folder unwritable
        return None
    return path
