"""A window's size on its first showing: the size it was designed at, or most of a screen too
small for it (a laptop, or a display scaled to 150 or 200 %), so that no button is off-screen."""

from __future__ import annotations

from PySide6.QtCore import QSize

SCREEN_SHARE = 0.92
"""A window takes at most this share of a screen smaller than its designed size."""


def fitted_size(designed: tuple[int, int], available: QSize) -> QSize:
    """``designed`` (width, height), each side at most ``SCREEN_SHARE`` of ``available``."""
    width = min(designed[0], int(available.width() * SCREEN_SHARE))
    height = min(designed[1], int(available.height() * SCREEN_SHARE))
    return QSize(width, height)
