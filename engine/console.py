"""Rendering a ``Progress`` on stderr: on a terminal, a bar with the rate and the time left
(tqdm); elsewhere (a log kept by nohup or cron), a plain line now and then; the exit statuses
of the command lines, which each of their helps ends with (``CommandLineParser``); and their
streams (``command_streams``). What the work itself writes
meanwhile (a failure, a note; on a terminal a result too) goes above the progress, each line
on its own (``_told_above``)."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import (
    AbstractContextManager,
    ExitStack,
    contextmanager,
    redirect_stderr,
    redirect_stdout,
)
from time import monotonic
from typing import Any, TextIO

from tqdm import tqdm

from engine.progress import CancelToken, Progress, ProgressEvent
from engine.provenance import escaped
from engine.time_left import EtaClock
from engine.words import listed, say

BAR_UNITS = 1000
CANNOT_GO_ON = 2
"""The exit status of a run that cannot go on (a wrong argument, a missing input, a fault)."""
INTERRUPTED = 130
"""The exit status of work stopped before its end (Ctrl+C, SIGTERM, SIGHUP), as shells give
one for Ctrl+C."""
EXIT_STATUSES = (
    "exit status 0: done; 1: finished, but some files failed (each told on stderr) or, in a "
    "dry run, would fail (each listed); 2: cannot go on (one sentence says why); 130: stopped "
    "before the end by Ctrl+C, SIGTERM or SIGHUP (saying how to continue)"
)
"""The exit statuses, as the help of both command lines and of each of their commands ends
(``CommandLineParser``)."""
READER_GONE = frozenset({errno.EPIPE, errno.ECONNRESET, errno.EIO, errno.ENXIO})
"""How a write fails once nothing reads what is written: a pipe closed (``| head``), or a
socket; a terminal closed (a window shut, an ssh connection dropped), or its device gone."""
LINE_SECONDS = 30.0
"""How often, at most, progress is written as a line where stderr is no terminal."""

Show = Callable[[ProgressEvent, str], None]
"""Shows where the work stands, and the time left in words ("00:40 left"; empty: unknown)."""


class CommandLineParser(argparse.ArgumentParser):
    """A command line's parser, whose help ends with the exit statuses (``EXIT_STATUSES``),
    as does the help of each of its commands: their parsers are of its class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", EXIT_STATUSES)
        super().__init__(*args, **kwargs)


def cannot_go_on(reason: str) -> int:
    """Say on stderr why the command cannot go on ("error: ..."); its exit status."""
    print(say("error: {reason}", reason=reason), file=sys.stderr)
    return CANNOT_GO_ON


@contextmanager
def progress_bar(description: str, token: CancelToken | None = None) -> Iterator[Progress]:
    """A ``Progress`` shown on stderr (``progress_shown``): the time taken, what is being done
    and the time left (``engine.time_left``: a resumed job's earlier part is not counted as this
    run's speed)."""
    clock = EtaClock()
    resumed = 0.0  # the share an earlier run did, where this one's speed is measured from
    watched = token or CancelToken()
    with progress_shown(description, lambda: watched.ended_early) as show:

        def listener(event: ProgressEvent) -> None:
            nonlocal resumed
            if event.resumed_fraction > resumed:
                resumed = event.resumed_fraction
                clock.restart(resumed)
            show(event, time_left_words(clock.remaining(event.fraction)))

        yield Progress(listener, watched)


def time_left_words(seconds: float | None) -> str:
    """``seconds`` left, as progress words them ("00:40 left"); empty while unknown."""
    return "" if seconds is None else say("{time} left", time=tqdm.format_interval(seconds))


def progress_shown(description: str, stopped: Callable[[], bool]) -> AbstractContextManager[Show]:
    """Where progress is shown, its time left reckoned by the caller: a bar where stderr is a
    terminal, else plain lines (``progress_lines``, told by ``stopped`` whether the work
    stopped before its end: asked to, or by itself)."""
    if sys.stderr.isatty():
        return _bar(description)
    return progress_lines(description, stopped=stopped)


@contextmanager
def _bar(description: str) -> Iterator[Show]:
    """The bar on the terminal, with what is being done (the last event that said it, as
    ``progress_lines`` has it: the photo whose tiles are under way), drawn at once when that
    names something new: tqdm draws a move at most every tenth of a second, and a photo named
    at its start can take minutes to read or restore."""
    with tqdm(
        total=BAR_UNITS,
        desc=description,
        unit="‰",
        file=sys.stderr,
        bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}{postfix}",
    ) as bar:
        doing = ""  # what is being done, as ``progress_lines`` keeps it

        def show(event: ProgressEvent, left: str) -> None:
            nonlocal doing
            named_anew = bool(event.what) and event.what != doing
            doing = event.what or doing
            # The words first: moving the bar draws it, and they are drawn with it.
            said = [words for words in (doing, left) if words]
            bar.set_postfix_str(listed(said) if said else "", refresh=False)
            drawn = bar.update(round(event.fraction * BAR_UNITS) - bar.n)
            if named_anew and not drawn:
                bar.refresh()

        with _told_above(before=bar.clear, after=bar.refresh, results=True):
            yield show


@contextmanager
def progress_lines(
    description: str,
    clock: Callable[[], float] = monotonic,
    stopped: Callable[[], bool] = lambda: False,
) -> Iterator[Show]:
    """Progress as plain lines on stderr, where no bar can be drawn (a log): the share done,
    the time taken, what is being done (the last event that said it: the photo whose tiles
    are under way) and the time left, at most every ``LINE_SECONDS``, and where it ended
    (done, or stopped: by an exception, or ``stopped`` says so) once at the end, in place
    of the last line not written yet."""
    started = written = clock()
    waiting = ""  # the last line, not written yet
    doing = ""
    percent = 0
    log = sys.stderr

    def write() -> None:
        nonlocal waiting, written
        if waiting:
            print(waiting, file=log, flush=True)
            waiting, written = "", clock()

    def show(event: ProgressEvent, left: str) -> None:
        nonlocal waiting, doing, percent
        doing = event.what or doing
        percent = int(event.fraction * 100)
        line = say(
            "{task}: {percent}% done after {elapsed}",
            task=description,
            percent=percent,
            elapsed=taken(),
        )
        waiting = listed([words for words in (line, doing, left) if words])
        if clock() - written >= LINE_SECONDS:
            write()

    def taken() -> str:
        return tqdm.format_interval(clock() - started)

    def end(broken_off: bool) -> None:
        """Where the work ended, as the last line."""
        nonlocal waiting
        if broken_off or stopped():
            line = say(
                "{task}: stopped at {percent}% after {elapsed}",
                task=description,
                percent=percent,
                elapsed=taken(),
            )
            waiting = listed([words for words in (line, doing) if words])
        else:
            waiting = say("{task}: done after {elapsed}", task=description, elapsed=taken())
        write()

    broken_off = True
    try:
        with _told_above(before=write):
            yield show
        broken_off = False
    finally:
        end(broken_off)


@contextmanager
def _told_above(
    before: Callable[[], None], after: Callable[[], None] = lambda: None, results: bool = False
) -> Iterator[None]:
    """Stderr, and stdout where ``results`` (a bar on the terminal they may share), as
    ``_Above`` while progress is shown: each line written there goes out after ``before`` (the
    progress so far written out, or the bar cleared off its line) and before ``after`` (the bar
    drawn again under it); a line left unended goes out, ended, at the end."""
    streams = [(redirect_stderr, _Above(sys.stderr, before, after))]
    if results:
        streams.append((redirect_stdout, _Above(sys.stdout, before, after)))
    try:
        with ExitStack() as stack:
            for redirect, above in streams:
                stack.enter_context(redirect(above))  # type: ignore[type-var]
            yield
    finally:
        for _, above in streams:
            above.tell(above.held and f"{above.held}\n")


class _Above:
    """A stream standing for stderr that keeps what is written to it (a failure, a note) out
    of the progress's line, a whole line at a time; all else is the stream's."""

    def __init__(
        self, stream: TextIO, before: Callable[[], None], after: Callable[[], None]
    ) -> None:
        self.stream = stream
        self.before = before
        self.after = after
        self.held = ""  # the start of a line not ended yet

    def write(self, text: str) -> int:
        lines, ended, self.held = (self.held + text).rpartition("\n")
        self.tell(lines + ended)
        return len(text)

    def tell(self, text: str) -> None:
        """``text`` out on the stream, between ``before`` and ``after``."""
        if text:
            self.before()
            self.stream.write(text)
            self.stream.flush()
            self.after()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def command_streams() -> Iterator[None]:
    """Stdout and stderr for a command line's run. Whatever they are given to write is written:
    a file name's bytes that are not UTF-8 (which Python holds as surrogate escapes) as
    ``\\xe9``, as a result's record of its source writes them (``engine.provenance.escaped``),
    and other characters their encoding cannot write with backslashes. And they outlive their
    reader, as a Unix program's output does: once the pipe one writes into is closed
    (``| head``, a program that stopped reading) or its terminal is (a window shut, an ssh
    connection dropped), what is written there goes nowhere and the work goes on, its exit
    status telling how it went."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    out, err = _Outliving(sys.stdout), _Outliving(sys.stderr)
    with redirect_stdout(out), redirect_stderr(err):  # type: ignore[type-var]
        try:
            yield
        finally:
            out.flush()  # here, where a reader gone is no error, not as Python ends
            err.flush()


class _Outliving:
    """A stream standing for stdout or stderr whose writing stops quietly once its reader is
    gone (``command_streams``: ``READER_GONE``); all else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        with self._while_read():
            self.stream.write(escaped(text))
        return len(text)

    def flush(self) -> None:
        with self._while_read():
            self.stream.flush()

    @contextmanager
    def _while_read(self) -> Iterator[None]:
        """The block, whose writing goes nowhere from the moment the stream's reader is gone;
        any other fault (a full disk under a log) is raised."""
        try:
            yield
        except OSError as error:
            if error.errno not in READER_GONE:
                raise
            self._to_nowhere()

    def _to_nowhere(self) -> None:
        """The stream's file made the null device: what it holds, and what comes, goes there."""
        nowhere = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(nowhere, self.stream.fileno())
        finally:
            os.close(nowhere)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
