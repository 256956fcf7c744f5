"""Time-left estimates for progress bars: one rule shared by the item bar and the queue bar."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

MIN_FRACTION = 0.01
"""Below this share of the work, an estimate is noise: none is given."""
MIN_ELAPSED_SECONDS = 0.5
SECONDS_PER_MINUTE = 60
SECONDS_PER_HOUR = 3600


class EtaClock:
    """Measures elapsed time and extrapolates the time left from the fraction done."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def restart(self) -> None:
        self._start = self._clock()

    def elapsed(self) -> float:
        return self._clock() - self._start

    def remaining(self, fraction: float) -> float | None:
        """Seconds left if the rest goes as fast as the part done so far; None while unknown."""
        if fraction >= 1.0:
            return 0.0
        elapsed = self.elapsed()
        if fraction < MIN_FRACTION or elapsed < MIN_ELAPSED_SECONDS:
            return None
        return elapsed * (1.0 - fraction) / fraction


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


def format_time_left(seconds: float | None) -> str:
    """ "12 s left", or "estimating…" while the estimate is unknown."""
    if seconds is None:
        return QCoreApplication.translate("Duration", "estimating…")
    text = QCoreApplication.translate("Duration", "{duration} left")
    return text.format(duration=format_duration(seconds))
