"""A saved comparison with its sides' labels, as the viewer shows them: each in a dark
rounded pill in its side's top corner (``app.viewer``'s look), sized for the picture rather
than the screen, so that whoever the file is shared with can tell which side is which.

Drawn with a QPainter on a QImage, which works on the saver's thread as on the window's."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPainterPath

from app.images import pixel_view
from app.viewer import HANDLE_COLOR, LABEL_MARGIN, LABEL_PADDING, SHADOW
from engine.imageio import Picture
from engine.pixels import peak

TEXT_SHARE = 0.025  # the labels' text height, as a share of the picture's shorter side
MIN_TEXT_PIXELS = 12  # legible, where the picture is small, while both labels fit across


def labelled_picture(picture: Picture, labels: tuple[str, str]) -> Picture:
    """``picture`` (RGB) with ``labels`` (left, right) in its top corners, opaque where it
    has alpha."""
    height, width = picture.pixels.shape[:2]
    band = _labels_band(width, height, labels)
    cover = pixel_view(band).astype(np.float32) / 255
    rows = band.height()
    levels = peak(picture.pixels.dtype)
    pixels = picture.pixels.copy()
    opacity = cover[..., 3:]
    top = pixels[:rows].astype(np.float32)
    pixels[:rows] = np.round(top * (1 - opacity) + cover[..., :3] * levels * opacity)
    alpha = picture.alpha
    if alpha is not None:
        alpha = alpha.copy()
        alpha[:rows] = np.maximum(alpha[:rows], np.round(opacity[..., 0] * levels))
    return replace(picture, pixels=pixels, alpha=alpha)


def _labels_band(width: int, height: int, labels: tuple[str, str]) -> QImage:
    """The picture's top rows as a transparent image with the two labels drawn in."""
    font = _label_font(width, height, labels)
    metrics = QFontMetricsF(font)
    scale = font.pixelSize() / LABEL_MARGIN  # the viewer's margins, for this text height
    pill_height = metrics.height() + LABEL_PADDING * scale
    margin = LABEL_MARGIN * scale
    band = QImage(
        width, min(height, int(np.ceil(margin + pill_height))), QImage.Format.Format_RGBA8888
    )
    band.fill(Qt.GlobalColor.transparent)
    painter = QPainter(band)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    left, right = labels
    _pill(painter, left, QPointF(margin, margin), scale, align_right=False)
    _pill(painter, right, QPointF(width - margin, margin), scale, align_right=True)
    painter.end()
    return band


def _label_font(width: int, height: int, labels: tuple[str, str]) -> QFont:
    """The viewer's bold font, ``TEXT_SHARE`` of the picture's shorter side tall (at least
    ``MIN_TEXT_PIXELS``), made smaller where the two labels would not fit across it."""
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(MIN_TEXT_PIXELS, round(TEXT_SHARE * min(width, height))))
    scale = font.pixelSize() / LABEL_MARGIN
    metrics = QFontMetricsF(font)
    needed = sum(metrics.horizontalAdvance(text) for text in labels)
    needed += (2 * LABEL_PADDING + 3 * LABEL_MARGIN) * scale
    if needed > width:
        font.setPixelSize(max(1, int(font.pixelSize() * width / needed)))
    return font


def _pill(
    painter: QPainter, text: str, anchor: QPointF, scale: float, *, align_right: bool
) -> None:
    """``text`` on a dark rounded background with its top corner at ``anchor``, as the
    viewer draws a label, its padding times ``scale``."""
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance(text) + 2 * LABEL_PADDING * scale
    height = metrics.height() + LABEL_PADDING * scale
    box = QRectF(anchor.x() - width if align_right else anchor.x(), anchor.y(), width, height)
    path = QPainterPath()
    path.addRoundedRect(box, height / 2, height / 2)
    painter.fillPath(path, SHADOW)
    painter.setPen(HANDLE_COLOR)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
