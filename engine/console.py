"""Rendering a ``Progress`` on stderr: on a terminal, a bar with the rate and the time left
(tqdm); elsewhere (a log kept by nohup or cron), a plain line now and then; and the exit status
of work stopped early. What the work itself writes to stderr meanwhile (a failure, a note) goes
above the progress, each line on its own (``_told_above``)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, redirect_stderr
from time import monotonic
from typing import Any, TextIO

from tqdm import tqdm

from engine.progress import CancelToken, Progress, ProgressEvent
from engine.time_left import EtaClock
from engine.words import say

BAR_UNITS = 1000
INTERRUPTED = 130
"""The exit status of work stopped before its end (Ctrl+C), as shells give one."""
LINE_SECONDS = 30.0
"""How often, at most, progress is written as a line where stderr is no terminal."""

Show = Callable[[ProgressEvent, str], None]
"""Shows where the work stands, and the time left in words ("00:40 left"; empty: unknown)."""


@contextmanager
def progress_bar(description: str, token: CancelToken | None = None) -> Iterator[Progress]:
    """A ``Progress`` shown on stderr (``_shown``): the time taken, what is being done and the
    time left (``engine.time_left``: a resumed job's earlier part is not counted as this run's
    speed)."""
    clock = EtaClock()
    resumed = 0.0  # the share an earlier run did, where this one's speed is measured from
    with _shown(description) as show:

        def listener(event: ProgressEvent) -> None:
            nonlocal resumed
            if event.resumed_fraction > resumed:
                resumed = event.resumed_fraction
                clock.restart(resumed)
            left = clock.remaining(event.fraction)
            show(event, "" if left is None else f"{tqdm.format_interval(left)} left")

        yield Progress(listener, token)


def _shown(description: str) -> AbstractContextManager[Show]:
    """A bar where stderr is a terminal, else plain lines (``progress_lines``)."""
    return _bar(description) if sys.stderr.isatty() else progress_lines(description)


@contextmanager
def _bar(description: str) -> Iterator[Show]:
    with tqdm(
        total=BAR_UNITS,
        desc=description,
        unit="‰",
        file=sys.stderr,
        bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}{postfix}",
    ) as bar:

        def show(event: ProgressEvent, left: str) -> None:
            # The words first: moving the bar draws it, and they are drawn with it.
            bar.set_postfix_str(", ".join(filter(None, (event.what, left))), refresh=False)
            bar.update(round(event.fraction * BAR_UNITS) - bar.n)

        with _told_above(before=bar.clear, after=bar.refresh):
            yield show


@contextmanager
def progress_lines(description: str, clock: Callable[[], float] = monotonic) -> Iterator[Show]:
    """Progress as plain lines on stderr, where no bar can be drawn (a log): the share done,
    the time taken, what is being done (the last event that said it: the photo whose tiles
    are under way) and the time left, at most every ``LINE_SECONDS``, and where it ended
    (done, or stopped) once at the end."""
    started = written = clock()
    waiting = ""  # the last line, not written yet
    doing = ""
    log = sys.stderr

    def write() -> None:
        nonlocal waiting, written
        if waiting:
            print(waiting, file=log, flush=True)
            waiting, written = "", clock()

    def show(event: ProgressEvent, left: str) -> None:
        nonlocal waiting, doing
        doing = event.what or doing
        line = say(
            "{task}: {percent}% done after {elapsed}",
            task=description,
            percent=int(event.fraction * 100),
            elapsed=tqdm.format_interval(clock() - started),
        )
        waiting = ", ".join(filter(None, (line, doing, left)))
        if clock() - written >= LINE_SECONDS:
            write()

    try:
        with _told_above(before=write):
            yield show
    finally:
        write()


@contextmanager
def _told_above(
    before: Callable[[], None], after: Callable[[], None] = lambda: None
) -> Iterator[None]:
    """Stderr as ``_Above`` while progress is shown: each line written there goes out after
    ``before`` (the progress so far written out, or the bar cleared off its line) and before
    ``after`` (the bar drawn again under it); a line left unended goes out, ended, at the end."""
    above = _Above(sys.stderr, before, after)
    try:
        with redirect_stderr(above):  # type: ignore[type-var]
            yield
    finally:
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
