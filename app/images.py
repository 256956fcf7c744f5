"""Pixels to QImages: engine pictures for display, thumbnails, and numpy views of QImages.

Every QImage made here owns its memory (it is allocated by Qt and filled through a numpy
view), so it can be passed between threads and kept by Qt without tying it to an array.
"""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtGui import QImage

from engine import icc
from engine.imageio import Picture
from engine.pixels import to_8bit, to_rgb8

CHANNELS_OF_FORMAT = {
    QImage.Format.Format_Grayscale8: 1,
    QImage.Format.Format_RGB888: 3,
    QImage.Format.Format_BGR888: 3,
    QImage.Format.Format_RGBA8888: 4,
    QImage.Format.Format_RGBX8888: 4,
    QImage.Format.Format_RGBA8888_Premultiplied: 4,
    QImage.Format.Format_RGB32: 4,
    QImage.Format.Format_ARGB32: 4,
    QImage.Format.Format_ARGB32_Premultiplied: 4,
}
"""QImage formats of 8-bit channels that numpy can view as HxWxC (or HxW) arrays."""


def pixel_view(image: QImage, *, writable: bool = False) -> np.ndarray:
    """An HxWxC (HxW for gray) numpy view of an 8-bit-per-channel QImage's pixels.

    The view does not keep ``image`` alive: hold the image while the view is used.
    """
    channels = CHANNELS_OF_FORMAT.get(image.format())
    if channels is None:
        raise ValueError(f"no numpy view for QImage format {image.format()}")
    buffer = image.bits() if writable else image.constBits()
    rows = np.frombuffer(buffer, np.uint8).reshape(image.height(), image.bytesPerLine())
    rows = rows[:, : image.width() * channels]
    if channels == 1:
        return rows
    return rows.reshape(image.height(), image.width(), channels)


def image_from_array(array: np.ndarray, fmt: QImage.Format) -> QImage:
    """A new QImage of ``fmt`` holding a copy of HxWxC (or HxW) uint8 ``array``."""
    height, width = array.shape[:2]
    image = QImage(width, height, fmt)
    if image.isNull():
        raise MemoryError(f"no memory for a {width}x{height} image")
    pixel_view(image, writable=True)[...] = array
    return image


def pixels_to_qimage(pixels: np.ndarray, profile: bytes | None = None) -> QImage:
    """An 8-bit RGB QImage of gray or RGB pixels of any depth (a film's frame, a photo's part
    in its ``profile``), for display, in sRGB (``_shown_rgb8``)."""
    return image_from_array(_shown_rgb8(pixels, profile), QImage.Format.Format_RGB888)


def picture_to_qimage(picture: Picture) -> QImage:
    """An 8-bit RGB (or RGBA, with alpha) QImage of an engine picture, in sRGB (``_shown_rgb8``),
    for display."""
    rgb = _shown_rgb8(picture.pixels, picture.icc_profile)
    if picture.alpha is None:
        return image_from_array(rgb, QImage.Format.Format_RGB888)
    alpha = to_rgb8(picture.alpha)[..., :1]
    return image_from_array(np.concatenate([rgb, alpha], axis=2), QImage.Format.Format_RGBA8888)


def _shown_rgb8(pixels: np.ndarray, profile: bytes | None) -> np.ndarray:
    """8-bit RGB levels of grey or RGB ``pixels`` converted through their ``profile`` (a PNG's
    gamma and primaries among them) to sRGB's, which screens show (``icc.srgb_levels``): an
    Adobe RGB or ProPhoto photo's own levels look dull there, a linear PNG's near black. Grey
    is converted in its depth (a lookup table), colour at 8 bits, by LittleCMS: 16-bit colour,
    converted in floats, took five times as long (3.3 s for 24 MP, against 0.7 s)."""
    if not profile:
        return to_rgb8(pixels)
    pixels = pixels if pixels.ndim == 2 else to_8bit(pixels)
    return to_rgb8(icc.srgb_levels(pixels, profile))


def thumbnail(pixels: np.ndarray, side: int, profile: bytes | None = None) -> QImage:
    """An RGB QImage of gray or RGB ``pixels`` that fits in ``side`` x ``side`` device pixels,
    in sRGB from their ``profile`` (``_shown_rgb8``: shrunk first, so converted cheaply)."""
    height, width = pixels.shape[:2]
    factor = min(side / width, side / height, 1.0)
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    if size != (width, height):
        pixels = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)
    return image_from_array(_shown_rgb8(pixels, profile), QImage.Format.Format_RGB888)


def half_size(image: QImage) -> QImage:
    """``image`` at half its width and height, averaged by area (reads the pixels directly,
    so it can run off the UI thread while other threads draw the same image)."""
    if image.format() not in CHANNELS_OF_FORMAT:
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    size = (max(1, image.width() // 2), max(1, image.height() // 2))
    smaller = cv2.resize(pixel_view(image), size, interpolation=cv2.INTER_AREA)
    return image_from_array(smaller, image.format())
