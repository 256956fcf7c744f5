"""Colours under fully transparent pixels filled from the visible ones around them.

A file's colour where alpha is 0 never shows, and files differ in it (black, white, noise, the
colour of a deleted background). The networks see colour without alpha, so whatever lies there
would bleed into the half-transparent edge of the result; filled from the visible pixels (a
push-pull pyramid: averages weighted by alpha, taken down to where every pixel has some, and
handed back up to the empty ones), two files that look the same restore the same."""

from __future__ import annotations

import numpy as np

from engine.imageio import Picture
from engine.pixels import GREY_BAND_PIXELS


def visible_colours(picture: Picture) -> np.ndarray:
    """``picture``'s pixels as the networks are given them: filled where it is fully
    transparent (its own pixels where it has no alpha, or none of it is hidden)."""
    if picture.alpha is None:
        return picture.pixels
    return with_hidden_colours_filled(picture.pixels, picture.alpha)


def with_hidden_colours_filled(pixels: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """``pixels`` (HxW or HxWx3, 8 or 16 bits) filled where ``alpha`` is 0 from the pixels
    around them that show; ``pixels`` themselves where none is hidden or none shows (a
    picture without transparency comes back untouched)."""
    hidden = alpha == 0
    if not hidden.any() or hidden.all():
        return pixels
    filled = pixels.copy()
    colours = filled[..., None] if filled.ndim == 2 else filled
    sums, weights = _halved_weighted(colours, alpha)
    coarse = _filled(sums, weights)
    top = np.iinfo(pixels.dtype).max
    for rows in _even_bands(colours):
        under = _doubled(coarse[rows.start // 2 : (rows.stop + 1) // 2])
        band = under[: hidden[rows].shape[0], : colours.shape[1]]
        rounded = np.clip(np.rint(band), 0, top).astype(pixels.dtype)
        np.copyto(colours[rows], rounded, where=hidden[rows][..., None])
    return filled


def _filled(sums: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The mean colour of each pixel of a level (``sums`` of alpha-weighted colours over
    ``weights``), those with no weight taking the colour of the coarser level above them."""
    has_weight = weights > 0
    colours = sums / np.maximum(weights, np.finfo(np.float32).tiny)[..., None]
    if has_weight.all():
        return colours
    coarser = _filled(_halved(sums), _halved(weights))
    above = _doubled(coarser)[: colours.shape[0], : colours.shape[1]]
    np.copyto(colours, above, where=~has_weight[..., None])
    return colours


def _halved_weighted(colours: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first level of the pyramid: sums over 2x2 blocks of colours times alpha, and of
    alpha; made a band of rows at a time (a float copy of a large picture would take its
    memory several times over)."""
    height, width, channels = colours.shape
    sums = np.empty(((height + 1) // 2, (width + 1) // 2, channels), np.float32)
    weights = np.empty(sums.shape[:2], np.float32)
    for rows in _even_bands(colours):
        weight = alpha[rows].astype(np.float32)
        half = slice(rows.start // 2, (rows.stop + 1) // 2)
        sums[half] = _halved(colours[rows] * weight[..., None])
        weights[half] = _halved(weight)
    return sums, weights


def _halved(values: np.ndarray) -> np.ndarray:
    """Sums over 2x2 blocks of ``values`` (HxW or HxWxC); an odd last row or column alone."""
    height, width = values.shape[:2]
    padding = ((0, height % 2), (0, width % 2)) + ((0, 0),) * (values.ndim - 2)
    even = np.pad(values, padding)
    blocks = even.reshape(even.shape[0] // 2, 2, even.shape[1] // 2, 2, *values.shape[2:])
    return blocks.sum(axis=(1, 3), dtype=np.float32)


def _doubled(values: np.ndarray) -> np.ndarray:
    """Each pixel of ``values`` made a 2x2 block."""
    return values.repeat(2, axis=0).repeat(2, axis=1)


def _even_bands(pixels: np.ndarray) -> list[slice]:
    """Bands of rows of ``pixels``, each an even number of rows but perhaps the last."""
    rows = 2 * max(1, GREY_BAND_PIXELS // (2 * pixels.shape[1]))
    return [slice(top, min(top + rows, pixels.shape[0])) for top in range(0, pixels.shape[0], rows)]
