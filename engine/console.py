"""Rendering a ``Progress`` on a terminal: a bar with the rate and the time left (tqdm), and
the exit status of work stopped early."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

from engine.progress import CancelToken, Progress, ProgressEvent

BAR_UNITS = 1000
INTERRUPTED = 130
"""The exit status of work stopped before its end (Ctrl+C), as shells give one."""


@contextmanager
def progress_bar(description: str, token: CancelToken | None = None) -> Iterator[Progress]:
    """A ``Progress`` drawn as a terminal bar with ETA, on stderr."""
    with tqdm(
        total=BAR_UNITS,
        desc=description,
        unit="‰",
        file=sys.stderr,
        bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}<{remaining} {postfix}",
        disable=None,
    ) as bar:

        def listener(event: ProgressEvent) -> None:
            bar.update(round(event.fraction * BAR_UNITS) - bar.n)
            if event.what:
                bar.set_postfix_str(event.what, refresh=False)

        yield Progress(listener, token)
