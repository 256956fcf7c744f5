"""Fine film grain added to a restored picture, as a finish.

A restoration takes an old photo's grain away with the damage, and a face or a sky left
perfectly smooth looks plastic; a little fine grain gives the eye the texture a photograph
has. The grain lives in brightness only (a grey picture stays grey), is clumped over about a
pixel, and is strongest in the midtones, as film's is, fading towards black and white.

Each output row's noise is drawn from its own seed (the picture's seed and the row), so a part
of a picture (a preview) gets exactly the grain the whole picture does there, and a film's
frames each get their own (its seed is the frame's number). The picture is done a band of
rows at a time, so memory stays near the picture's own size.
"""

from __future__ import annotations

import cv2
import numpy as np

MOST_LEVELS = 8.0
"""The grain's standard deviation in the midtones at full strength, in levels of 255."""
CLUMP = 0.7
"""The grain's clumping: a Gaussian's sigma, in output pixels."""
FLOOR = 0.3
"""The grain left in pure black and pure white, as a share of the midtones'."""
BAND_PIXELS = 1 << 22  # pixels of noise worked on at once
REACH = int(np.ceil(3 * CLUMP))  # rows of noise beyond a band that its clumping reads


def add_grain(
    pixels: np.ndarray,
    strength: float,
    seed: int = 0,
    origin: tuple[int, int] = (0, 0),
    whole_width: int | None = None,
) -> np.ndarray:
    """``pixels`` (HxWx3 or HxW, uint8 or uint16) with grain of ``strength`` (0 to 1) added,
    as a new array (the same one at strength 0). ``origin`` (x, y) and ``whole_width``: where
    ``pixels`` lie in the whole picture they are part of, and its width, so the grain is the
    whole picture's there."""
    if strength <= 0:
        return pixels
    height, width = pixels.shape[:2]
    whole = whole_width if whole_width is not None else width
    left, top = origin
    top_value = float(np.iinfo(pixels.dtype).max)
    levels = strength * MOST_LEVELS * top_value / 255.0
    kernel = cv2.getGaussianKernel(2 * REACH + 1, CLUMP)
    gain = levels / float(np.sum(kernel**2))  # the clumped noise's deviation brought to levels
    out = np.empty_like(pixels)
    rows = max(1, BAND_PIXELS // max(whole, 1))
    for start in range(0, height, rows):
        stop = min(height, start + rows)
        noise = _noise(seed, top + start - REACH, top + stop + REACH, whole)
        clumped = cv2.sepFilter2D(noise, -1, kernel, kernel, borderType=cv2.BORDER_REFLECT)
        grain = clumped[REACH:-REACH, left : left + width] * gain
        band = pixels[start:stop].astype(np.float32)
        shade = band.mean(axis=2) / top_value if band.ndim == 3 else band / top_value
        weight = FLOOR + (1.0 - FLOOR) * 4.0 * shade * (1.0 - shade)
        grain *= weight
        band += grain[..., None] if band.ndim == 3 else grain
        out[start:stop] = np.clip(np.rint(band), 0, top_value).astype(pixels.dtype)
    return out


def _noise(seed: int, first: int, end: int, width: int) -> np.ndarray:
    """White noise of rows ``first`` to ``end`` (rows before the picture's first are drawn
    too, so its top edge clumps as any other), each row from its own seed."""
    return np.stack(
        [
            np.random.default_rng((seed, row + REACH)).standard_normal(width, dtype=np.float32)
            for row in range(first, end)
        ]
    )
