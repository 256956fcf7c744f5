"""Mip pyramids of QImages, so a huge image is drawn at any zoom from a level near its size.

Levels are successive halvings (area averages) built on a background thread; until they are
ready, drawing falls back to the full image with fast sampling.
"""

from __future__ import annotations

import functools
import logging
import math
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtGui import QImage

from app.images import half_size

log = logging.getLogger(__name__)

MIN_LEVEL_SIDE = 256
"""No level is made whose longer side would fall below this."""


@functools.cache
def _pool() -> ThreadPoolExecutor:
    """One background thread shared by every pyramid (it works on one image at a time)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="rekindle-pyramid")


def level_count(width: int, height: int) -> int:
    """How many halvings the pyramid of a ``width`` x ``height`` image has."""
    count = 0
    while max(width, height) // 2 >= MIN_LEVEL_SIDE:
        width, height = max(1, width // 2), max(1, height // 2)
        count += 1
    return count


def _build_levels(image: QImage, count: int) -> list[QImage]:
    levels = []
    current = image
    for _ in range(count):
        current = half_size(current)
        levels.append(current)
    return levels


class ImagePyramid:
    """An image and its halvings; ``level_for`` picks the one to draw at a given scale."""

    def __init__(self, image: QImage) -> None:
        self.image = image
        self._levels = [image]
        self._wanted = level_count(image.width(), image.height())
        self._future: Future | None = None
        if self._wanted:
            self._future = _pool().submit(_build_levels, image, self._wanted)

    @property
    def ready(self) -> bool:
        return self._future is None

    def poll(self) -> bool:
        """Take in levels finished in the background; True when new ones arrived."""
        if self._future is None or not self._future.done():
            return False
        future, self._future = self._future, None
        try:
            self._levels.extend(future.result())
        except (MemoryError, ValueError) as error:
            log.warning(
                "no pyramid for a %dx%d image: %s", self.image.width(), self.image.height(), error
            )
        return True

    def discard(self) -> None:
        """Stop waiting for levels (the image is no longer shown)."""
        if self._future is not None:
            self._future.cancel()
            self._future = None

    def level_for(self, scale: float) -> tuple[QImage, float, float, bool]:
        """The smallest level at least ``scale`` times the image's size (so drawing it shrinks
        by at most half), its x and y factors, and whether that level is the ideal one (False
        while the pyramid is still being built)."""
        ideal = 0 if scale >= 1.0 else min(self._wanted, math.floor(-math.log2(scale)))
        index = min(ideal, len(self._levels) - 1)
        level = self._levels[index]
        return (
            level,
            level.width() / self.image.width(),
            level.height() / self.image.height(),
            index == ideal,
        )
