"""Rendering a ``Progress`` on stderr: on a terminal, a bar with the rate and the time left
(tqdm); elsewhere (a log kept by nohup or cron), a plain line now and then; and the exit status
of work stopped early."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from time import monotonic

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

    def write() -> None:
        nonlocal waiting, written
        if waiting:
            print(waiting, file=sys.stderr, flush=True)
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
        yield show
    finally:
        write()
