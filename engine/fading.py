"""Faded prints: with the years a print's blacks turn grey, its whites dull and, as its dyes
fade at different rates, a colour cast creeps in. ``fix_fading`` sets the picture's black and
white points back at the ends of the range (one pair for all channels, so hues stay) and
takes away part of the cast by the grey-edge rule: the edges of a scene are grey on average,
which holds far better than a grey-world average for a photo of one dominant colour (a
door, a field). A toned black-and-white print (sepia) keeps its tone: its channels rise and
fall together, and a picture like that gets only the levels.

It is a choice for faded photos, not for every photo: a well-kept one changes little, but it
does change. ``python bench/fading.py --hr-dir DIR --json`` measures both.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

CLIP_PERCENT = 0.2
"""The share of pixels (%) allowed to turn pure black, and pure white, when the levels move."""
LEVELS_SHARE = 0.6
"""How far the black and white points move toward the ends of the range: a faded black and a
hazy or dark scene look alike to the numbers, so they go 60 % of the way (on faded kodak24
photos this restored more than going all the way or half: bench/fading.py)."""
MAX_GAIN = 4.0
"""The most the contrast may grow: a dark, flat picture is not a faded one."""
CAST_STRENGTH = 0.5
"""The share (in log gain) of the grey-edge correction applied: it cannot tell a cast from a
scene that really is warm, so it goes half way."""
TONED_CORRELATION = 0.985
"""Channels this correlated (every pair) make a monochrome print, toned or not."""
STATISTICS_SIDE = 512
LUMA = np.array([0.299, 0.587, 0.114], np.float32)


def fix_fading(pixels: np.ndarray) -> np.ndarray:
    """``pixels`` (grey or RGB, uint8, uint16 or float in 0..1) with the fading taken away, in
    the same shape and type."""
    top = float(np.iinfo(pixels.dtype).max) if pixels.dtype.kind in "ui" else 1.0
    work = pixels.astype(np.float32) / top
    sample = _sample(work)
    if work.ndim == 3 and _monochrome(sample):
        # A toned print: the levels of its brightness, each pixel's channels scaled alike.
        luma = work @ LUMA
        stretch = _stretch(sample @ LUMA)
        work = work * (stretch(luma) / np.maximum(luma, 1e-6))[..., None]
    else:
        stretch = _stretch(sample)
        work = stretch(work)
        if work.ndim == 3:
            work = work * _cast_gains(np.clip(stretch(sample), 0.0, 1.0))
    work = np.clip(work, 0.0, 1.0) * top
    if pixels.dtype.kind in "ui":
        work = np.rint(work)
    return work.astype(pixels.dtype)


def _stretch(sample: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """The levels move for a picture like ``sample``: black and white points moved
    ``LEVELS_SHARE`` of the way to the ends of the range."""
    black, white = _levels(sample)
    black, white = LEVELS_SHARE * black, 1.0 - LEVELS_SHARE * (1.0 - white)
    gain = min(1.0 / max(white - black, 1e-6), MAX_GAIN)
    return lambda values: (values - black) * gain


def _sample(work: np.ndarray) -> np.ndarray:
    """The picture at most ``STATISTICS_SIDE`` pixels across, for its statistics."""
    factor = min(1.0, STATISTICS_SIDE / max(work.shape[:2]))
    if factor == 1.0:
        return work
    return cv2.resize(work, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def _levels(sample: np.ndarray) -> tuple[float, float]:
    """The black and white points: the darkest of the channels' low percentiles and the
    brightest of their high ones, so no channel clips more than ``CLIP_PERCENT``."""
    channels = sample.reshape(-1, sample.shape[2] if sample.ndim == 3 else 1)
    low, high = np.percentile(channels, [CLIP_PERCENT, 100.0 - CLIP_PERCENT], axis=0)
    return float(low.min()), float(high.max())


def _monochrome(sample: np.ndarray) -> bool:
    channels = sample.reshape(-1, 3).T
    if np.ptp(channels, axis=1).min() < 1e-6:
        return True  # a flat channel: nothing to compare
    pairs = np.corrcoef(channels)[np.triu_indices(3, 1)]
    return bool(pairs.min() > TONED_CORRELATION)


def _cast_gains(sample: np.ndarray) -> np.ndarray:
    """Per-channel gains that make the mean edge strength of the channels equal, at
    ``CAST_STRENGTH``, keeping the brightness."""
    edges = np.array([_edge_strength(np.ascontiguousarray(sample[..., c])) for c in range(3)])
    if edges.min() < 1e-6:
        return np.ones(3, np.float32)
    gains = (edges.mean() / edges) ** CAST_STRENGTH
    return (gains / float(gains @ LUMA)).astype(np.float32)


def _edge_strength(channel: np.ndarray) -> float:
    across = cv2.Sobel(channel, cv2.CV_32F, 1, 0)
    down = cv2.Sobel(channel, cv2.CV_32F, 0, 1)
    return float(np.abs(across).mean() + np.abs(down).mean())
