"""One progress, pause-and-cancel protocol for every long job (tiles, photos, frames, steps).

A job reports ``update(done, total, what, unit=...)`` and calls ``check()`` between units of
work; nested work takes a ``part`` or ``span`` of its parent's range, so a batch of photos of
many tiles is one smooth bar. Each update reaches the listener as a ``ProgressEvent``: the
command line draws its ``fraction`` as a bar, the app's workers pass the event on as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from engine.errors import Cancelled


@dataclass(frozen=True)
class ProgressEvent:
    """Where a job stands: ``done`` of ``total`` units of the work reporting now (the
    innermost: the tiles of a photo, the frames of a film), and where that puts the whole
    job. ``resumed_from`` units were done by an earlier run (a film continued), which put the
    whole job at ``resumed_fraction`` before this run did anything."""

    done: float
    total: float
    unit: str = ""  # "tile", "photo", "frame", "segment", "step"…; "" when uncounted
    what: str = ""  # what is being worked on, in a few words
    resumed_from: float = 0
    fraction: float = 0.0  # of the whole job, 0..1
    resumed_fraction: float = 0.0  # of the whole job, done before this run


ProgressListener = Callable[[ProgressEvent], None]


class CancelToken:
    """Set from another thread to pause a job or stop it at its next check; a paused job
    waits there until resumed or cancelled."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._cancelled = False
        self._paused = False
        self._ended_early = False

    def cancel(self) -> None:
        with self._changed:
            self._cancelled = True
            self._changed.notify_all()

    def end_early(self) -> None:
        """Mark the job as stopped before its end by itself (a full disk), not asked to:
        ``ended_early`` says so, ``cancelled`` does not."""
        self._ended_early = True

    def pause(self) -> None:
        with self._changed:
            self._paused = True

    def resume(self) -> None:
        with self._changed:
            self._paused = False
            self._changed.notify_all()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def ended_early(self) -> bool:
        """Whether the job stopped before its end: asked to (``cancel``) or by itself
        (``end_early``)."""
        return self._cancelled or self._ended_early

    @property
    def paused(self) -> bool:
        return self._paused and not self._cancelled

    def wait_while_paused(self) -> None:
        """Return once the job is not paused, or is cancelled."""
        with self._changed:
            self._changed.wait_for(lambda: not self.paused)


class Progress:
    """Maps a job's (done, total) into its share of the overall range, and is where the job
    waits while paused and learns it was cancelled."""

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

    def update(
        self,
        done: float,
        total: float,
        what: str = "",
        *,
        unit: str = "",
        resumed_from: float = 0,
    ) -> None:
        """Report that ``done`` of ``total`` units of this (sub-)job are finished, of which
        ``resumed_from`` by an earlier run."""
        if self.listener is not None:
            self.listener(
                ProgressEvent(
                    done,
                    total,
                    unit,
                    what,
                    resumed_from,
                    self._overall(done, total),
                    self._overall(resumed_from, total) if resumed_from else 0.0,
                )
            )

    def _overall(self, done: float, total: float) -> float:
        fraction = 1.0 if total <= 0 else min(max(done / total, 0.0), 1.0)
        return self._start + (self._stop - self._start) * fraction

    def check(self) -> None:
        """Wait while the job is paused; raise ``Cancelled`` if it was asked to stop."""
        self.token.wait_while_paused()
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
