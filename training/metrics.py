"""Image-quality metrics as the super-resolution literature reports them: PSNR and SSIM on Y.

Why Y and not RGB: published numbers (and the MATLAB scripts behind them) compare the
luma of ITU-R BT.601 YCbCr in the studio range 16..235, with a border of ``scale`` pixels
cropped because networks are least reliable at the edges. Matching that convention lets
our validation and ``bench/quality.py`` be compared with papers.

Input conventions, shared by every function here:

* uint8 arrays are 8-bit values; uint16 arrays are scaled into the 8-bit range
  (x * 255 / 65535); floating arrays are taken to be in 0..1 (as tensors are) and scaled
  by 255.
* HxWx3 arrays are RGB and go through ``rgb_to_y``; 2-D arrays are already Y and are used
  as they are (after the scaling above, no colour conversion).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

PEAK = 255.0
"""Peak signal for PSNR and the dynamic range L for SSIM: both on the 8-bit scale."""

Y_OFFSET = 16.0
Y_COEFFS = np.array([65.481, 128.553, 24.966], dtype=np.float64)
"""BT.601 studio-range luma weights for R, G, B in 0..1 (MATLAB's rgb2ycbcr)."""

UINT16_MAX = 65535.0
RGB_CHANNELS = 3

HALO_WINDOW = 5
"""Side, in pixels, of the square around each pixel whose range in the original bounds a
restoration: wide enough to hold both sides of an edge at 4x, narrow enough that a texture's
own peaks are near."""
DETAIL_SIGMA = 1.5
"""Fine detail is what a Gaussian blur of this radius takes away."""

SSIM_WINDOW = 11
SSIM_SIGMA = 1.5
SSIM_K1 = 0.01
SSIM_K2 = 0.03
SSIM_C1 = (SSIM_K1 * PEAK) ** 2
SSIM_C2 = (SSIM_K2 * PEAK) ** 2


def rgb_to_y(image: np.ndarray) -> np.ndarray:
    """BT.601 luma of an HxWx3 RGB image as float64 on the 8-bit scale (16 black, 235 white)."""
    if image.ndim != 3 or image.shape[2] != RGB_CHANNELS:
        raise ValueError(f"rgb_to_y expects an HxWx3 RGB image, got shape {image.shape}")
    unit = _to_8bit_scale(image) / PEAK
    return Y_OFFSET + unit @ Y_COEFFS


def psnr_y(a: np.ndarray, b: np.ndarray, border: int) -> float:
    """PSNR in dB of ``a`` against ``b`` on Y, ``border`` pixels cropped from each side.

    Identical images give ``inf``.
    """
    ya, yb = _paired_y(a, b, border)
    return _psnr(ya, yb)


def psnr_rgb(a: np.ndarray, b: np.ndarray) -> float:
    """PSNR in dB of ``a`` against ``b`` over every channel: for changes of colour, which Y
    hardly sees. Identical images give ``inf``."""
    if a.shape != b.shape:
        raise ValueError(f"images differ in shape: {a.shape} and {b.shape}")
    return _psnr(_to_8bit_scale(a), _to_8bit_scale(b))


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    """PSNR in dB of two arrays on the 8-bit scale; ``inf`` when they are equal."""
    mse = float(np.mean((a - b) ** 2))
    if mse == 0.0:
        return math.inf
    return 10.0 * math.log10(PEAK**2 / mse)


def ssim_y(a: np.ndarray, b: np.ndarray, border: int) -> float:
    """Mean SSIM (Wang et al. 2004) of ``a`` and ``b`` on Y, ``border`` pixels cropped.

    Local statistics use an 11x11 Gaussian window (sigma 1.5); as in the reference
    implementation only the 'valid' positions, where the window lies wholly inside the
    image, enter the mean.
    """
    ya, yb = _paired_y(a, b, border)
    if min(ya.shape) < SSIM_WINDOW:
        raise ValueError(
            f"SSIM needs at least {SSIM_WINDOW}x{SSIM_WINDOW} pixels after cropping, "
            f"got {ya.shape[0]}x{ya.shape[1]}"
        )
    window = _ssim_window()

    def local_mean(x: np.ndarray) -> np.ndarray:
        return _valid(cv2.filter2D(x, cv2.CV_64F, window, borderType=cv2.BORDER_REFLECT_101))

    mu_a, mu_b = local_mean(ya), local_mean(yb)
    var_a = local_mean(ya * ya) - mu_a * mu_a
    var_b = local_mean(yb * yb) - mu_b * mu_b
    cov = local_mean(ya * yb) - mu_a * mu_b
    numerator = (2.0 * mu_a * mu_b + SSIM_C1) * (2.0 * cov + SSIM_C2)
    denominator = (mu_a * mu_a + mu_b * mu_b + SSIM_C1) * (var_a + var_b + SSIM_C2)
    return float(np.mean(numerator / denominator))


def halo_y(restored: np.ndarray, original: np.ndarray, border: int) -> float:
    """Mean levels (of 255, on Y) by which ``restored`` strays beyond the range of
    ``original`` in the ``HALO_WINDOW`` square around each pixel.

    A sharpened edge that overshoots gets a bright rim on its light side and a dark one on
    its dark side, brighter and darker than anything near it in the original: that is the
    halo, and the ringing after it, that people see. True detail stays within the original's
    local range and costs nothing here, however sharp.
    """
    ya, yb = _paired_y(restored, original, border)
    kernel = np.ones((HALO_WINDOW, HALO_WINDOW), np.uint8)
    above = ya - cv2.dilate(yb, kernel, borderType=cv2.BORDER_REPLICATE)
    below = cv2.erode(yb, kernel, borderType=cv2.BORDER_REPLICATE) - ya
    return float(np.mean(np.maximum(above, 0.0) + np.maximum(below, 0.0)))


def fine_detail_y(image: np.ndarray, border: int) -> float:
    """Mean levels (of 255, on Y) of fine detail: how far the picture differs from its own
    blur. A sharper restoration of the same photo has more; the original has the most."""
    y = _cropped_y(image, border)
    return float(np.mean(np.abs(y - cv2.GaussianBlur(y, (0, 0), DETAIL_SIGMA))))


def _to_8bit_scale(image: np.ndarray) -> np.ndarray:
    """``image`` as float64 on the 0..255 scale, following the module's input conventions."""
    if image.dtype == np.uint8:
        return image.astype(np.float64)
    if image.dtype == np.uint16:
        return image.astype(np.float64) * (PEAK / UINT16_MAX)
    if np.issubdtype(image.dtype, np.floating):
        return image.astype(np.float64) * PEAK
    raise TypeError(f"unsupported image dtype {image.dtype}; use uint8, uint16 or float")


def _luma(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:  # already Y
        return _to_8bit_scale(image)
    return rgb_to_y(image)


def _paired_y(a: np.ndarray, b: np.ndarray, border: int) -> tuple[np.ndarray, np.ndarray]:
    """Both images' Y with the border cropped, after checking they can be compared."""
    if a.shape != b.shape:
        raise ValueError(f"images differ in shape: {a.shape} vs {b.shape}")
    return _cropped_y(a, border), _cropped_y(b, border)


def _cropped_y(image: np.ndarray, border: int) -> np.ndarray:
    """The image's Y with ``border`` pixels cropped from each side, after checking its shape."""
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != RGB_CHANNELS):
        raise ValueError(f"expected HxW grey or HxWx3 RGB images, got shape {image.shape}")
    if border < 0:
        raise ValueError(f"border must not be negative, got {border}")
    height, width = image.shape[:2]
    if height <= 2 * border or width <= 2 * border:
        raise ValueError(f"a border of {border} leaves nothing of a {height}x{width} image")
    return _luma(image)[border : height - border, border : width - border]


def _ssim_window() -> np.ndarray:
    profile = cv2.getGaussianKernel(SSIM_WINDOW, SSIM_SIGMA, cv2.CV_64F)
    return profile @ profile.T


def _valid(filtered: np.ndarray) -> np.ndarray:
    """Drop the positions where the SSIM window overhangs the image edge."""
    margin = SSIM_WINDOW // 2
    return filtered[margin:-margin, margin:-margin]
