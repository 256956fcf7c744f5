"""Small numpy crops shown as pixmaps, all at one size so blurry and sharp line up."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

from app.images import image_from_array


def pixmap(rgb: np.ndarray, side: int, ratio: float = 1.0, smooth: bool = True) -> QPixmap:
    """``rgb`` (HxWx3 uint8) scaled to ``side`` pixels square on a screen of device pixel
    ``ratio`` (drawn from that many more pixels, or a HiDPI screen would show it stretched
    and soft); a blurry crop is enlarged smoothly so it looks as it would in a simple
    enlargement."""
    image = image_from_array(np.ascontiguousarray(rgb), QImage.Format.Format_RGB888)
    mode = (
        Qt.TransformationMode.SmoothTransformation
        if smooth
        else Qt.TransformationMode.FastTransformation
    )
    drawn = round(side * ratio)
    shown = QPixmap.fromImage(image.scaled(drawn, drawn, Qt.AspectRatioMode.KeepAspectRatio, mode))
    shown.setDevicePixelRatio(ratio)
    return shown
