"""Rendering a ``Progress`` on a terminal: a bar with the rate and the time left (tqdm), and
the exit status of work stopped early."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

from engine.progress import CancelToken, Progress, ProgressEvent
from engine.time_left import EtaClock

BAR_UNITS = 1000
INTERRUPTED = 130
"""The exit status of work stopped before its end (Ctrl+C), as shells give one."""


@contextmanager
def progress_bar(description: str, token: CancelToken | None = None) -> Iterator[Progress]:
    """A ``Progress`` drawn as a terminal bar on stderr: the time taken, what is being done
    and the time left (``engine.time_left``: a resumed job's earlier part is not counted as
    this run's speed)."""
    clock = EtaClock()
    resumed = 0.0  # the share an earlier run did, where this one's speed is measured from
    with tqdm(
        total=BAR_UNITS,
        desc=description,
        unit="‰",
        file=sys.stderr,
        bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}{postfix}",
        disable=None,
    ) as bar:

        def listener(event: ProgressEvent) -> None:
            nonlocal resumed
            if event.resumed_fraction > resumed:
                resumed = event.resumed_fraction
                clock.restart(resumed)
            bar.update(round(event.fraction * BAR_UNITS) - bar.n)
            left = clock.remaining(event.fraction)
            said = [event.what] if event.what else []
            said += [] if left is None else [f"{tqdm.format_interval(left)} left"]
            bar.set_postfix_str(", ".join(said), refresh=False)

        yield Progress(listener, token)
