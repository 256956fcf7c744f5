"""Conversions between stored pixels (uint8/uint16, gray or RGB) and the networks' float tensors,
the reduction the statistics of a picture are read from, and whether RGB pixels hold a
black-and-white picture."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np
import torch

UINT8_MAX = 255
UINT16_MAX = 65535


def peak(dtype: np.dtype) -> int:
    """The largest value of an image dtype (uint8 or uint16)."""
    return UINT16_MAX if np.dtype(dtype) == np.uint16 else UINT8_MAX


def as_rgb(pixels: np.ndarray) -> np.ndarray:
    """HxWx3 view of gray (HxW) or RGB pixels; gray is repeated into three channels."""
    return np.repeat(pixels[..., None], 3, axis=2) if pixels.ndim == 2 else pixels


def to_rgb8(pixels: np.ndarray) -> np.ndarray:
    """8-bit RGB from gray or RGB pixels of 8 or 16 bits (16-bit values are rounded)."""
    return np.ascontiguousarray(as_rgb(to_8bit(pixels)))


def to_8bit(pixels: np.ndarray) -> np.ndarray:
    """8-bit pixels of any shape from 8- or 16-bit ones: 16-bit values divided by 257 and
    rounded, by OpenCV in one pass (numpy's float or wide-integer copies of a 192 MP result
    took 4.4 GB more and some 18 s)."""
    if pixels.dtype == np.uint8:
        return pixels
    rows = np.ascontiguousarray(pixels).reshape(pixels.shape[0], -1)
    return cv2.convertScaleAbs(rows, alpha=UINT8_MAX / UINT16_MAX).reshape(pixels.shape)


def to_tensor(rgb: np.ndarray) -> torch.Tensor:
    """(1, 3, H, W) float32 in [0, 1] from HxWx3 uint8/uint16 pixels."""
    scale = 1.0 / peak(rgb.dtype)
    array = torch.from_numpy(np.ascontiguousarray(rgb)).permute(2, 0, 1)[None]
    return array.float().mul_(scale)


def from_tensor(tensor: torch.Tensor, dtype: np.dtype) -> np.ndarray:
    """HxWx3 pixels of ``dtype`` from a (1, 3, H, W) float tensor in [0, 1]: see
    ``stack_from_tensor``."""
    return stack_from_tensor(tensor[:1], dtype)[0]


def stack_from_tensor(tensor: torch.Tensor, dtype: np.dtype) -> np.ndarray:
    """NxHxWx3 pixels of ``dtype`` from an (N, 3, H, W) float tensor in [0, 1], clipped and
    rounded where the tensor is: 8-bit pixels are packed there too, and the whole stack comes
    back in one copy, so a GPU sends a quarter of the bytes of the floats, once per batch."""
    top = peak(dtype)
    scaled = tensor.detach().float().clamp_(0, 1).mul_(top).round_()
    if np.dtype(dtype) == np.uint8:
        scaled = scaled.to(torch.uint8)
    return scaled.permute(0, 2, 3, 1).cpu().numpy().astype(dtype, copy=False)


def reduced(pixels: np.ndarray, factor: float) -> np.ndarray:
    """``pixels`` reduced by ``factor`` (at most 1) by area, each side at least 1 pixel, so a
    long thin strip keeps a row."""
    height, width = pixels.shape[:2]
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)


GREY_BAND_PIXELS = 1 << 22
"""Pixels a band of rows holds at most where a picture is judged or made grey band by band:
a copy of a band, not of a whole large picture, is made at a time."""


@dataclass(frozen=True)
class GreyTolerance:
    """How far from grey RGB pixels may be and still hold a black-and-white picture: at most
    ``share`` of them with channels more than ``levels`` (of 8 bits) apart."""

    levels: int
    share: float = 0.0


STILL_GREY = GreyTolerance(levels=1)
"""A photo: a scanner saves black-and-white as RGB, and a JPEG's rounding may leave a level
between a grey pixel's channels."""
LOSSY_FILM_GREY = GreyTolerance(levels=4, share=0.005)
"""A frame of a black-and-white film: a lossy codec leaves its colour planes a code or so off
grey (whole frames of MPEG-4 Part 2, MS-MPEG-4, WMV2 and Sorenson films, every frame of a
Motion-JPEG one), which puts up to 4 levels between the channels, more in at most 0.08 % of
a frame's pixels (at edges); a film toned by a few levels has more than 4 in at least 7 % of
every frame's pixels. Measured on real film frames (shared/data/real/film: clip2 black and
white, clip1 and clip3 toned green) through each lossy codec PyAV writes."""


def bands(pixels: np.ndarray) -> Iterator[slice]:
    """The bands of rows (of ``GREY_BAND_PIXELS`` at most) of HxW or HxWxC ``pixels``."""
    rows = max(1, GREY_BAND_PIXELS // pixels.shape[1])
    return (slice(top, top + rows) for top in range(0, pixels.shape[0], rows))


def is_grey(
    rgb: np.ndarray, tolerance: GreyTolerance = STILL_GREY, left_out: np.ndarray | None = None
) -> bool:
    """Whether HxWx3 pixels (8 or 16 bits) hold a black-and-white picture within
    ``tolerance``; pixels where ``left_out`` (HxW) is non-zero do not count. Read a band of
    rows at a time, up to the band where too many pixels have colour: a grey picture is read
    once, a colour one seldom further than its first band."""
    most = tolerance.levels * (peak(rgb.dtype) // UINT8_MAX)
    allowed = int(tolerance.share * rgb.shape[0] * rgb.shape[1])
    coloured = 0
    for rows in bands(rgb):
        red, green, blue = cv2.split(rgb[rows])
        highest = cv2.max(cv2.max(red, green), blue)
        spread = cv2.subtract(highest, cv2.min(cv2.min(red, green), blue))
        _, beyond = cv2.threshold(spread, most, 1, cv2.THRESH_BINARY)
        if left_out is not None:
            beyond[left_out[rows] > 0] = 0
        coloured += cv2.countNonZero(beyond)
        if coloured > allowed:
            return False
    return True


@dataclass(frozen=True)
class GreyRule:
    """How a picture's RGB pixels are judged to hold a black-and-white picture: ``is_grey``
    within ``tolerance``, the places ``left_out`` (HxW, non-zero) holds not counted."""

    tolerance: GreyTolerance
    left_out: np.ndarray | None = field(default=None, compare=False, repr=False)

    def holds(self, rgb: np.ndarray) -> bool:
        """Whether HxWx3 ``rgb`` holds a black-and-white picture by this rule."""
        return is_grey(rgb, self.tolerance, self.left_out)


PHOTO_GREY = GreyRule(STILL_GREY)
"""A photo (or a part of one) judged on its own pixels."""
