"""Blur kernels of real optics and prints, built once in numpy for both damage pipelines.

Old material is soft for several reasons, and each leaves its own point-spread shape: a lens
slightly out of focus (a disc: ``defocus``), ordinary optical and print softness (a Gaussian,
round or stretched along a direction: ``gaussian``), enlarger and copy-stand flare with a
sharper core and longer skirt (``generalized`` Gaussian with shape beta < 2, or ``plateau``
with its 1 / (1 + r^beta) tail), and motion or a tilted film plane (the anisotropic cases).
Every kernel is normalised to sum 1, so blurring keeps tone and colour, and is point-symmetric,
so convolution and correlation (OpenCV's ``filter2D``) give the same result.

A kernel's spec holds its sizes in low-resolution pixels; ``blur_kernel`` scales them to the
resolution it is applied at.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

KERNEL_REACH = 3.0
"""A kernel reaches this many sigmas (or disc radii plus a pixel) from its centre."""
DEFOCUS_EDGE = 0.5
"""Half-width, in pixels, of the disc's antialiased rim."""

Profile = Callable[[np.ndarray], np.ndarray]


def elliptic_kernel(
    sigma_x: float, sigma_y: float, angle_deg: float, size: int, profile: Profile | None = None
) -> np.ndarray:
    """A normalised ``size`` x ``size`` kernel whose weight is ``profile(q)``, where ``q`` is
    the squared elliptic distance ((along / sigma_x)^2 + (across / sigma_y)^2) and ``sigma_x``
    lies along ``angle_deg``. The default profile is the Gaussian exp(-q / 2)."""
    radius = size // 2
    axis = np.arange(-radius, radius + 1, dtype=np.float64)
    xx, yy = np.meshgrid(axis, axis)
    theta = math.radians(angle_deg)
    along = math.cos(theta) * xx + math.sin(theta) * yy
    across = -math.sin(theta) * xx + math.cos(theta) * yy
    squared = (along / sigma_x) ** 2 + (across / sigma_y) ** 2
    kernel = np.exp(-0.5 * squared) if profile is None else profile(squared)
    return (kernel / kernel.sum()).astype(np.float32)


def gaussian(sigma: float, limit: int) -> np.ndarray:
    """A round Gaussian kernel reaching ``KERNEL_REACH`` sigmas, no larger than ``limit``."""
    size = min(2 * max(1, math.ceil(KERNEL_REACH * sigma)) + 1, limit)
    return elliptic_kernel(sigma, sigma, 0.0, size)


def _disc(radius: float, size: int) -> np.ndarray:
    half = size // 2
    axis = np.arange(-half, half + 1, dtype=np.float64)
    xx, yy = np.meshgrid(axis, axis)
    distance = np.hypot(xx, yy)
    kernel = np.clip((radius + DEFOCUS_EDGE - distance) / (2 * DEFOCUS_EDGE), 0.0, 1.0)
    return (kernel / kernel.sum()).astype(np.float32)


def kernel_size(spec: dict[str, Any], pixel_scale: float, limit: int) -> int:
    """The odd side of ``spec``'s kernel at ``pixel_scale`` pixels per low-resolution pixel,
    at most ``limit`` (odd)."""
    if spec["shape"] == "defocus":
        reach = spec["radius"] * pixel_scale + 1.0
    else:
        reach = KERNEL_REACH * max(spec["sigma_x"], spec["sigma_y"]) * pixel_scale
    return min(2 * max(1, math.ceil(reach)) + 1, limit)


def blur_kernel(spec: dict[str, Any], pixel_scale: float, limit: int) -> np.ndarray:
    """The kernel of ``spec`` (sizes in low-resolution pixels) at ``pixel_scale`` pixels per
    low-resolution pixel, no larger than ``limit`` on a side."""
    size = kernel_size(spec, pixel_scale, limit)
    shape = spec["shape"]
    if shape == "defocus":
        return _disc(spec["radius"] * pixel_scale, size)
    sigma_x, sigma_y = spec["sigma_x"] * pixel_scale, spec["sigma_y"] * pixel_scale
    beta = spec.get("beta", 2.0)
    if shape == "gaussian":
        return elliptic_kernel(sigma_x, sigma_y, spec["angle_deg"], size)
    if shape == "generalized":
        return elliptic_kernel(
            sigma_x, sigma_y, spec["angle_deg"], size, lambda q: np.exp(-0.5 * q ** (beta / 2))
        )
    if shape == "plateau":
        return elliptic_kernel(
            sigma_x, sigma_y, spec["angle_deg"], size, lambda q: 1.0 / (1.0 + q ** (beta / 2))
        )
    raise ValueError(f"unknown blur kernel shape {shape!r}")


def difference_of_gaussians(
    sigma: float, elongation: float, angle_deg: float, limit: int
) -> np.ndarray:
    """A zero-sum band-pass kernel: an elongated Gaussian minus one twice as wide.

    Filtering white noise with it gives paper texture: lumps of about ``sigma`` pixels,
    stretched ``elongation`` times along ``angle_deg`` (the fibres), with no slow drift of tone.
    """
    wide = 2.0 * sigma * elongation
    size = min(2 * math.ceil(KERNEL_REACH * wide) + 1, limit)
    narrow = elliptic_kernel(sigma * elongation, sigma, angle_deg, size)
    broad = elliptic_kernel(2.0 * sigma * elongation, 2.0 * sigma, angle_deg, size)
    return narrow - broad
