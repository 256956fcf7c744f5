"""Time-left estimates for progress bars (``engine.time_left``'s rule, shared by the item bar
and the queue bar), rates, and durations and timecodes as people read them."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from engine.time_left import MIN_ELAPSED_SECONDS

SECONDS_PER_MINUTE = 60
SECONDS_PER_HOUR = 3600
MOMENT_SECONDS = 1.0
"""Less time left than this reads "a moment left": a duration would round it to "0 s"."""
ALMOST_DONE = 0.9
"""The share of the work done from which less than a second left is believed."""


RATE_WINDOW_SECONDS = 5.0
"""A rate is measured over about this much of the latest work: recent enough to follow a change
of speed, long enough not to jump with each frame."""


class RateMeter:
    """Units done per second (a film's frames), over the last ``RATE_WINDOW_SECONDS``."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._samples: list[tuple[float, float]] = []  # (time, units done so far)

    def restart(self) -> None:
        self._samples.clear()

    def add(self, done: float) -> None:
        now = self._clock()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[1][0] >= RATE_WINDOW_SECONDS:
            self._samples.pop(0)

    def rate(self) -> float | None:
        """Units per second, or None before two reports at least ``MIN_ELAPSED_SECONDS``
        apart."""
        if len(self._samples) < 2:
            return None
        (start, first), (end, last) = self._samples[0], self._samples[-1]
        if end - start < MIN_ELAPSED_SECONDS:
            return None
        return (last - first) / (end - start)


def format_duration(seconds: float) -> str:
    """A short, translated duration such as "45 s", "3 min 05 s" or "1 h 20 min"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, SECONDS_PER_HOUR)
    minutes, secs = divmod(rest, SECONDS_PER_MINUTE)
    if hours:
        text = QCoreApplication.translate("Duration", "{hours} h {minutes:02d} min")
        return text.format(hours=hours, minutes=minutes)
    if minutes:
        text = QCoreApplication.translate("Duration", "{minutes} min {seconds:02d} s")
        return text.format(minutes=minutes, seconds=secs)
    return QCoreApplication.translate("Duration", "{seconds} s").format(seconds=secs)


def format_timecode(seconds: float) -> str:
    """A position in a film: "0:02.50", or "1:02:03.25" from an hour on."""
    hundredths = max(0, round(seconds * 100))
    whole, fraction = divmod(hundredths, 100)
    hours, rest = divmod(whole, SECONDS_PER_HOUR)
    minutes, secs = divmod(rest, SECONDS_PER_MINUTE)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}.{fraction:02d}"
    return f"{minutes}:{secs:02d}.{fraction:02d}"


def format_time_left(seconds: float | None, done: float | None = None) -> str:
    """ "12 s left"; "a moment left" for less than a second (not "0 s left"); or
    "estimating…" while the estimate is unknown, or not to be believed (``_trusted``) for the
    share ``done`` of the work done, where given."""
    if seconds is None or not _trusted(seconds, done):
        return QCoreApplication.translate("Duration", "estimating…")
    if seconds < MOMENT_SECONDS:
        return QCoreApplication.translate("Duration", "a moment left")
    text = QCoreApplication.translate("Duration", "{duration} left")
    return text.format(duration=format_duration(seconds))


def _trusted(seconds: float, done: float | None) -> bool:
    """Whether a time left of ``seconds``, with the share ``done`` of the work done (None:
    not known), may be told. Less than a second left is told only from ``ALMOST_DONE`` on:
    before it, such an estimate rests on the first reports of a photo, which come within
    its first tile and count the network's work only (not the copying of each tile's answer
    into the picture, nor saving), so the rest is seldom as short."""
    return seconds >= MOMENT_SECONDS or done is None or done >= ALMOST_DONE
