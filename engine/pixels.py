"""Conversions between stored pixels (uint8/uint16, gray or RGB) and the networks' float tensors,
and the reduction the statistics of a picture are read from."""

from __future__ import annotations

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
