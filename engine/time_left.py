"""Time left for work measured as a share done: the same rule for the app's bars and the
terminal's."""

from __future__ import annotations

import time
from collections.abc import Callable

MIN_FRACTION = 0.01
"""Below this share of the work, an estimate is noise: none is given."""
MIN_ELAPSED_SECONDS = 0.5


class EtaClock:
    """Measures elapsed time and extrapolates the time left from the fraction done."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()
        self._start_fraction = 0.0

    def restart(self, fraction: float = 0.0) -> None:
        """Measure again from now, with ``fraction`` of the work already done (a resumed job
        starts past 0, and the part done earlier says nothing of this run's speed)."""
        self._start = self._clock()
        self._start_fraction = fraction

    def elapsed(self) -> float:
        return self._clock() - self._start

    def remaining(self, fraction: float) -> float | None:
        """Seconds left if the rest goes as fast as the part done so far; None while unknown."""
        if fraction >= 1.0:
            return 0.0
        elapsed = self.elapsed()
        done = fraction - self._start_fraction
        if done < MIN_FRACTION or elapsed < MIN_ELAPSED_SECONDS:
            return None
        return elapsed * (1.0 - fraction) / done
