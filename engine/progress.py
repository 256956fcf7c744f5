"""One progress-and-cancel protocol for every long job (tiles, photos, frames, steps).

The command line renders it as a progress bar; the app's workers forward it as Qt signals.
A job reports ``update(done, total)`` and calls ``check()`` between units of work; nested work
takes a ``part`` of its parent's range, so a batch of photos of many tiles is one smooth bar.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from engine.errors import Cancelled

ProgressListener = Callable[[float, str], None]
"""Receives the overall fraction done (0..1) and a short note."""


class CancelToken:
    """A flag another thread sets to stop a job at its next check."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class Progress:
    """Maps a job's (done, total) into its share of the overall range and checks for cancel."""

    def __init__(
        self,
        listener: ProgressListener | None = None,
        token: CancelToken | None = None,
        *,
        start: float = 0.0,
        stop: float = 1.0,
    ) -> None:
        self.listener = listener
        self.token = token or CancelToken()
        self._start = start
        self._stop = stop

    def update(self, done: float, total: float, note: str = "") -> None:
        """Report that ``done`` of ``total`` units of this (sub-)job are finished."""
        fraction = 1.0 if total <= 0 else min(max(done / total, 0.0), 1.0)
        if self.listener is not None:
            self.listener(self._start + (self._stop - self._start) * fraction, note)

    def check(self) -> None:
        """Raise ``Cancelled`` if the job was asked to stop."""
        if self.token.cancelled:
            raise Cancelled()

    def part(self, index: int, count: int) -> Progress:
        """The sub-progress for item ``index`` of ``count`` equal parts of this range."""
        count = max(count, 1)
        return self.span(index / count, (index + 1) / count)

    def span(self, start: float, stop: float) -> Progress:
        """The sub-progress for the stretch from ``start`` to ``stop`` (fractions of this range),
        for parts of unequal size."""
        width = self._stop - self._start
        return Progress(
            self.listener,
            self.token,
            start=self._start + width * start,
            stop=self._start + width * stop,
        )


def silent() -> Progress:
    """A progress that reports nowhere and is never cancelled."""
    return Progress()
