"""Curves that stay small however long the run: at most ``limit`` points each.

Values are averaged in buckets of consecutive steps; when the curve would pass its limit, the
bucket doubles and neighbouring points merge. A curve of a million steps thus draws as fast as
one of a thousand, and shows the trend of the whole run rather than its last stretch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_LIMIT = 600
SMOOTHING = 0.1
"""Weight of the newest value in ``Smoothed``: about the last twenty steps count."""


@dataclass
class Series:
    limit: int = DEFAULT_LIMIT
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    bucket: int = 1
    _sum_x: float = 0.0
    _sum_y: float = 0.0
    _count: int = 0

    def add(self, x: float, y: float) -> None:
        self._sum_x += x
        self._sum_y += y
        self._count += 1
        if self._count == self.bucket:
            self.xs.append(self._sum_x / self._count)
            self.ys.append(self._sum_y / self._count)
            self._sum_x = self._sum_y = 0.0
            self._count = 0
            if len(self.xs) > self.limit:
                self._halve()

    def _halve(self) -> None:
        """Merge neighbours; an odd last point goes back to fill half of the next bucket."""
        if len(self.xs) % 2:
            self._sum_x = self.xs.pop() * self.bucket
            self._sum_y = self.ys.pop() * self.bucket
            self._count = self.bucket
        pairs = len(self.xs) // 2
        self.xs = [(self.xs[2 * i] + self.xs[2 * i + 1]) / 2 for i in range(pairs)]
        self.ys = [(self.ys[2 * i] + self.ys[2 * i + 1]) / 2 for i in range(pairs)]
        self.bucket *= 2

    def points(self) -> tuple[list[float], list[float]]:
        """The curve, with the bucket still filling as its last point."""
        if not self._count:
            return self.xs, self.ys
        return (
            [*self.xs, self._sum_x / self._count],
            [*self.ys, self._sum_y / self._count],
        )


@dataclass
class Smoothed(Series):
    """A ``Series`` of the running (exponential) mean, for reading trends in noisy losses."""

    _mean: float | None = None

    def add(self, x: float, y: float) -> None:
        self._mean = y if self._mean is None else self._mean + SMOOTHING * (y - self._mean)
        super().add(x, self._mean)
