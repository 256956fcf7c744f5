"""Validation as the super-resolution literature does it: shrink each sharp photo by the scale
with bicubic interpolation, restore it, and compare on the Y channel with a ``scale`` border.
A model trained on damaged pairs is validated on photos damaged by the same recipe (with fixed
seeds, so every validation sees the same damage)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, fields

import cv2
import numpy as np

from engine.errors import RekindleError, sentence_for
from engine.imageio import read_picture
from engine.media import photos_in
from engine.pixels import to_rgb8
from engine.words import say
from training.damage.numpy_pipeline import apply_damage
from training.damage.recipe import sample_damage
from training.degrade import RECIPES, degrade_oldphoto
from training.metrics import fine_detail_y, halo_y, psnr_y, ssim_y
from training.prepare import REAL_DAMAGE, shrink_bicubic

log = logging.getLogger("rekindle.training")

SAMPLE_SIDE = 96  # side of the sample crops shown beside the figures, in sharp pixels
DAMAGE_SEED = 2024  # the validation photos' damage, the same at every validation and run
SMALLEST_SIDE = 8
"""A photo is validated on when its reduction is at least this many pixels a side (as
``prepare``'s smallest crop)."""
MAX_DAMAGE_DRAWS = 16  # all of a recipe's steps are skipped in about 1 draw in 15


@dataclass(frozen=True)
class ValidationPair:
    name: str
    blurry: np.ndarray
    sharp: np.ndarray


@dataclass(frozen=True)
class Scores:
    """Means over the photos, for the restoration and for bicubic. ``halo`` is
    ``metrics.halo_y``; ``detail_share`` the fine detail (``metrics.fine_detail_y``) as a share
    of the original's: how sharp, and how falsely sharp, beside how close."""

    psnr: float
    ssim: float
    bicubic_psnr: float
    bicubic_ssim: float
    halo: float
    detail_share: float
    bicubic_halo: float
    bicubic_detail_share: float


def enlarge_bicubic(blurry: np.ndarray, scale: int) -> np.ndarray:
    height, width = blurry.shape[:2]
    return cv2.resize(blurry, (width * scale, height * scale), interpolation=cv2.INTER_CUBIC)


def load_validation_set(
    folder: str | os.PathLike, scale: int, limit: int | None = None, degrade: str = "none"
) -> list[ValidationPair]:
    """The first ``limit`` photos of ``folder`` large enough to measure (``SMALLEST_SIDE``
    reduced pixels a side), cropped to a multiple of ``scale``, with their reductions, damaged
    by the ``degrade`` recipe (``prepare --degrade``) unless it is ``none``. A photo that
    cannot be read is left out with a warning naming it, as a too small one is."""
    pairs: list[ValidationPair] = []
    for path in photos_in(folder):
        if limit is not None and len(pairs) >= limit:
            break
        try:
            rgb = to_rgb8(read_picture(path).pixels)
        except (RekindleError, OSError) as error:
            log.warning("%s", say("{reason}; not validated on", reason=sentence_for(error)))
            continue
        if min(rgb.shape[:2]) < SMALLEST_SIDE * scale:
            told = say(
                "{name}: too small to validate on (under {side} px)",
                name=path.name,
                side=SMALLEST_SIDE * scale,
            )
            log.warning("%s", told)
            continue
        height, width = (rgb.shape[0] // scale) * scale, (rgb.shape[1] // scale) * scale
        sharp = np.ascontiguousarray(rgb[:height, :width])
        pairs.append(ValidationPair(path.name, _reduced(sharp, scale, degrade, len(pairs)), sharp))
    return pairs


def _reduced(sharp: np.ndarray, scale: int, degrade: str, index: int) -> np.ndarray:
    if degrade == REAL_DAMAGE:
        return _really_damaged(sharp, scale, index)
    blurry = shrink_bicubic(sharp, scale)
    steps = RECIPES.get(degrade)
    return blurry if steps is None else _damaged(blurry, steps, index)


def _really_damaged(sharp: np.ndarray, scale: int, index: int) -> np.ndarray:
    """The photo through the real-damage model with fixed seeds: the training draws' recipe,
    other seeds. A draw of the model's clean share is drawn again, as in ``_damaged``."""
    height, width = sharp.shape[0] // scale, sharp.shape[1] // scale
    for attempt in range(MAX_DAMAGE_DRAWS):
        params = sample_damage(
            np.random.default_rng([DAMAGE_SEED, index, attempt]), scale, height, width
        )
        if not params["clean"]:
            break
    return apply_damage(sharp, params)


def _damaged(image: np.ndarray, steps: tuple[str, ...], index: int) -> np.ndarray:
    """The photo damaged by the recipe with fixed seeds. Each step is left out at random, so
    a draw may leave the photo untouched: it is drawn again with the next seed, since an
    undamaged photo would measure nothing about a clean-up model."""
    for attempt in range(MAX_DAMAGE_DRAWS):
        rng = np.random.default_rng([DAMAGE_SEED, index, attempt])
        damaged, _params = degrade_oldphoto(image, rng, steps)
        if not np.array_equal(damaged, image):
            break
    return damaged


def score(
    pairs: list[ValidationPair], restore: Callable[[np.ndarray], np.ndarray], scale: int
) -> tuple[Scores, list[np.ndarray]]:
    """Mean scores of ``restore`` and of bicubic over ``pairs``; also the restored images."""
    results, restored = [], []
    for pair in pairs:
        output = restore(pair.blurry)
        original_detail = fine_detail_y(pair.sharp, scale)
        figures = {}
        for prefix, image in (("", output), ("bicubic_", enlarge_bicubic(pair.blurry, scale))):
            figures[f"{prefix}psnr"] = psnr_y(image, pair.sharp, scale)
            figures[f"{prefix}ssim"] = ssim_y(image, pair.sharp, scale)
            figures[f"{prefix}halo"] = halo_y(image, pair.sharp, scale)
            detail = fine_detail_y(image, scale)
            figures[f"{prefix}detail_share"] = detail / original_detail if original_detail else 1.0
        results.append(figures)
        restored.append(output)
    means = {
        field.name: float(np.mean([figures[field.name] for figures in results])) if results else 0.0
        for field in fields(Scores)
    }
    return Scores(**means), restored


def sample_crops(
    pair: ValidationPair, restored: np.ndarray, scale: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(bicubic, restored, sharp) crops of the photo's centre, for showing progress by eye."""
    height, width = pair.sharp.shape[:2]
    side = min(SAMPLE_SIDE, height, width)
    y, x = (height - side) // 2, (width - side) // 2
    bicubic = enlarge_bicubic(pair.blurry, scale)
    box = (slice(y, y + side), slice(x, x + side))
    return bicubic[box], restored[box], pair.sharp[box]
