"""The random draws of the real-damage model: one plain-JSON dict per training pair.

Sampling is apart from applying, as in ``training.degrade``: the numpy pipeline rebuilds any
crop from its dict (``prepare`` stores it in the manifest), and the torch pipeline draws its
batch's dicts with the same function, so both pipelines damage from one distribution by
construction. Per-pixel noise is stored as a seed. Sizes are in low-resolution pixels unless a
name says otherwise; "film" pixels are those of the material before it was scanned, ``film``
times finer than the low-resolution crop (``training.damage`` explains the chain).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from training.degrade import sample_scratch_marks, sample_speck_marks

RECIPE_VERSION = 1
"""Bump when applying old params would give a different image."""

Params = dict[str, Any]

# --- the material -------------------------------------------------------------------------
FILM_SHARE = 0.4
"""Share of film frames; the rest are prints (screens and paper texture only on prints)."""
CLEAN_SHARE = 0.08
"""Share of pairs with no damage at all (plain antialiased bicubic), so clean scans stay clean."""

# --- resampling ---------------------------------------------------------------------------
FILM_SCALE_RANGE = (1.0, 4.0)
"""Film resolution over the low resolution, log-uniform, never above the training scale."""
FILM_RESIZE = {"area": 0.5, "cubic-aa": 0.35, "linear-aa": 0.15}
"""How the sharp picture is brought to film resolution (all antialiased: it is optics)."""
SCAN_RESIZE = {"area": 0.4, "cubic-aa": 0.35, "linear": 0.25}
"""How the film is brought to the crop's resolution; plain ``linear`` skips pixels and so
aliases a print screen into moiré, as a cheap scan or a resized copy does."""

# --- capture blur (optics, enlarger, print) -----------------------------------------------
CAPTURE_BLUR_PROB = 0.85
CAPTURE_SHAPES = {"gaussian": 0.5, "generalized": 0.15, "plateau": 0.15, "defocus": 0.2}
ANISOTROPIC_SHARE = 0.4
CAPTURE_SIGMA_RANGE = (0.2, 1.6)
"""Log-uniform; low-resolution pixels."""
DEFOCUS_RADIUS_RANGE = (0.4, 2.0)
GENERALIZED_BETA_RANGE = (0.7, 4.0)
PLATEAU_BETA_RANGE = (1.2, 4.0)
ANGLE_RANGE_DEG = (0.0, 180.0)

# --- film grain -----------------------------------------------------------------------------
GRAIN_PROB = {"print": 0.55, "film": 0.85}
GRAIN_STRENGTH_RANGE = (1.5, 14.0)
"""Levels of 255 at film resolution, at the brightness where grain is strongest; log-uniform
(fine grain is the common case, the strongest draws look like pushed 1970s film)."""
GRAIN_SIZE_RANGE = (0.4, 1.4)
"""Sigma of the clumping, film pixels."""
GRAIN_CHROMA_RANGE = (0.0, 0.3)
"""Colour film only: the share of the grain that is colour, not luminance."""
GRAIN_FLOOR = 0.25
"""Grain left in pure black and pure white, as a share of its midtone strength."""

# --- dye clouds (colour film and prints) --------------------------------------------------
DYE_CLOUD_PROB = {"print": 0.3, "film": 0.15}
DYE_CLOUD_STRENGTH_RANGE = (1.5, 5.0)
DYE_CLOUD_SIZE_RANGE = (1.0, 3.0)
"""Sigma, film pixels: dye clouds are larger and softer than silver grain."""

# --- print screens and paper ----------------------------------------------------------------
SCREEN_PROB = 0.12
SCREEN_PITCH_RANGE = (2.2, 6.0)
"""Film pixels between dots: coarse enough to see, fine enough to alias when scanned."""
SCREEN_AMPLITUDE_RANGE = (0.05, 0.25)
SCREEN_ANGLE_RANGE_DEG = (0.0, 90.0)
PAPER_PROB = 0.25
PAPER_AMPLITUDE_RANGE = (0.01, 0.05)
PAPER_SIZE_RANGE = (0.6, 2.0)
PAPER_ELONGATION_RANGE = (1.0, 3.0)

# --- the scan --------------------------------------------------------------------------------
SCAN_BLUR_PROB = 0.5
SCAN_SIGMA_RANGE = (0.3, 1.0)
"""Film pixels."""
SENSOR_NOISE_PROB = 0.3
SENSOR_SIGMA_RANGE = (1.0, 5.0)
SENSOR_LUMINANCE_ONLY_PROB = 0.5

# --- marks ---------------------------------------------------------------------------------
DUST_PROB = {"print": 0.1, "film": 0.2}
SCRATCH_PROB = {"print": 0.03, "film": 0.12}

# --- compression ---------------------------------------------------------------------------
COMPRESSION_PROB = {"print": 0.7, "film": 0.8}
CODEC_SHARE = {"print": 0.0, "film": 0.6}
"""Of the compressed film frames, those that went through a video codec (the rest: JPEG)."""
JPEG_QUALITY_RANGE = (25, 92)
CODEC_QSCALE_RANGE = (3.0, 40.0)
"""MPEG-2 quantiser scale, log-uniform: DVD copies sit near 4-16, starved broadcasts higher."""
CODEC_DEADZONE_RANGE = (0.5, 1.3)
"""Coefficients below this many steps are dropped (0.5: plain rounding; more: rate control)."""
CODEC_GRID = 16
"""Macroblock period: the block grid's phase is drawn from 0..15 in each direction."""

STEPS = (
    "capture_blur",
    "grain",
    "dye_clouds",
    "screen",
    "paper",
    "scan_blur",
    "sensor_noise",
    "scratches",
    "specks",
    "compression",
)
"""The optional steps, in the order they are applied; each is a key of the params (None when
skipped)."""

PARAM_DECIMALS = 4
SEED_BOUND = 2**32


def _choose(rng: np.random.Generator, weights: dict[str, float]) -> str:
    names = list(weights)
    probabilities = np.array([weights[n] for n in names])
    return names[int(rng.choice(len(names), p=probabilities / probabilities.sum()))]


def _uniform(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    return round(float(rng.uniform(*bounds)), PARAM_DECIMALS)


def _log_uniform(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    low, high = math.log(bounds[0]), math.log(bounds[1])
    return round(math.exp(float(rng.uniform(low, high))), PARAM_DECIMALS)


def _seed(rng: np.random.Generator) -> int:
    return int(rng.integers(0, SEED_BOUND))


def _capture_blur(rng: np.random.Generator) -> Params:
    shape = _choose(rng, CAPTURE_SHAPES)
    if shape == "defocus":
        return {"shape": shape, "radius": _uniform(rng, DEFOCUS_RADIUS_RANGE)}
    sigma_x = _log_uniform(rng, CAPTURE_SIGMA_RANGE)
    anisotropic = rng.random() < ANISOTROPIC_SHARE
    spec: Params = {
        "shape": shape,
        "sigma_x": sigma_x,
        "sigma_y": _log_uniform(rng, CAPTURE_SIGMA_RANGE) if anisotropic else sigma_x,
        "angle_deg": _uniform(rng, ANGLE_RANGE_DEG) if anisotropic else 0.0,
    }
    if shape == "generalized":
        spec["beta"] = _uniform(rng, GENERALIZED_BETA_RANGE)
    elif shape == "plateau":
        spec["beta"] = _uniform(rng, PLATEAU_BETA_RANGE)
    return spec


def _round_gaussian(sigma: float) -> Params:
    return {"shape": "gaussian", "sigma_x": sigma, "sigma_y": sigma, "angle_deg": 0.0}


def _maybe(rng: np.random.Generator, probability: float, draw: Any) -> Any:
    """``draw()`` with ``probability``, else None (the coin is always tossed first)."""
    return draw() if rng.random() < probability else None


def sample_damage(rng: np.random.Generator, scale: int, height: int, width: int) -> Params:
    """Every random choice of the damage for a pair whose low-resolution side is ``height`` x
    ``width`` and whose sharp side is ``scale`` times larger."""
    if height < 1 or width < 1:
        raise ValueError(f"image size must be positive, got {height}x{width}")
    material = "film" if rng.random() < FILM_SHARE else "print"
    params: Params = {
        "version": RECIPE_VERSION,
        "scale": int(scale),
        "height": int(height),
        "width": int(width),
        "material": material,
        "clean": bool(rng.random() < CLEAN_SHARE),
        "film_scale": _log_uniform(rng, (FILM_SCALE_RANGE[0], min(FILM_SCALE_RANGE[1], scale)))
        if scale > 1
        else 1.0,
        "film_resize": _choose(rng, FILM_RESIZE),
        "scan_resize": _choose(rng, SCAN_RESIZE),
    }
    if params["clean"]:
        return {**params, **dict.fromkeys(STEPS)}
    is_print = material == "print"
    params["capture_blur"] = _maybe(rng, CAPTURE_BLUR_PROB, lambda: _capture_blur(rng))
    params["grain"] = _maybe(
        rng,
        GRAIN_PROB[material],
        lambda: {
            "strength": _log_uniform(rng, GRAIN_STRENGTH_RANGE),
            "size": _uniform(rng, GRAIN_SIZE_RANGE),
            "chroma": _uniform(rng, GRAIN_CHROMA_RANGE),
            "seed": _seed(rng),
        },
    )
    params["dye_clouds"] = _maybe(
        rng,
        DYE_CLOUD_PROB[material],
        lambda: {
            "strength": _uniform(rng, DYE_CLOUD_STRENGTH_RANGE),
            "size": _uniform(rng, DYE_CLOUD_SIZE_RANGE),
            "seed": _seed(rng),
        },
    )
    params["screen"] = _maybe(
        rng,
        SCREEN_PROB if is_print else 0.0,
        lambda: {
            "pitch": _uniform(rng, SCREEN_PITCH_RANGE),
            "angle_deg": _uniform(rng, SCREEN_ANGLE_RANGE_DEG),
            "amplitude": _uniform(rng, SCREEN_AMPLITUDE_RANGE),
            "phase": [_uniform(rng, (0.0, 1.0)), _uniform(rng, (0.0, 1.0))],
        },
    )
    params["paper"] = _maybe(
        rng,
        PAPER_PROB if is_print else 0.0,
        lambda: {
            "amplitude": _uniform(rng, PAPER_AMPLITUDE_RANGE),
            "size": _uniform(rng, PAPER_SIZE_RANGE),
            "elongation": _uniform(rng, PAPER_ELONGATION_RANGE),
            "angle_deg": _uniform(rng, ANGLE_RANGE_DEG),
            "seed": _seed(rng),
        },
    )
    params["scan_blur"] = _maybe(
        rng,
        SCAN_BLUR_PROB,
        lambda: _round_gaussian(_uniform(rng, SCAN_SIGMA_RANGE)),
    )
    params["sensor_noise"] = _maybe(
        rng,
        SENSOR_NOISE_PROB,
        lambda: {
            "sigma": _uniform(rng, SENSOR_SIGMA_RANGE),
            "luminance_only": bool(rng.random() < SENSOR_LUMINANCE_ONLY_PROB),
            "seed": _seed(rng),
        },
    )
    params["scratches"] = _maybe(
        rng, SCRATCH_PROB[material], lambda: sample_scratch_marks(rng, height, width)
    )
    params["specks"] = _maybe(
        rng, DUST_PROB[material], lambda: sample_speck_marks(rng, height, width)
    )
    params["compression"] = _maybe(
        rng, COMPRESSION_PROB[material], lambda: _compression(rng, material)
    )
    return params


def _compression(rng: np.random.Generator, material: str) -> Params:
    if rng.random() < CODEC_SHARE[material]:
        return {
            "kind": "codec",
            "qscale": _log_uniform(rng, CODEC_QSCALE_RANGE),
            "deadzone": _uniform(rng, CODEC_DEADZONE_RANGE),
            "offset": [int(rng.integers(0, CODEC_GRID)), int(rng.integers(0, CODEC_GRID))],
        }
    return {
        "kind": "jpeg",
        "quality": int(rng.integers(JPEG_QUALITY_RANGE[0], JPEG_QUALITY_RANGE[1] + 1)),
    }


def film_size(params: Params) -> tuple[int, int]:
    """(height, width) of the film: the crop's size times ``film_scale``, rounded."""
    factor = params["film_scale"]
    return round(params["height"] * factor), round(params["width"] * factor)
