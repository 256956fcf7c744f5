"""A randomised "old photo" degradation applied to the low-resolution side of a training pair.

Why: a super-resolution model only learns to remove damage it has seen in its inputs. Like
Real-ESRGAN's degradation model, every low-resolution crop gets a random mix of the faults
real old prints and scans show, so the generator learns to enlarge *and* restore at once.
The high-resolution target stays clean.

Sampling and applying are split: ``sample_oldphoto_params`` draws every random choice into a
plain-JSON dict, ``apply_oldphoto`` is a pure function of the image and that dict. The
dataset manifest stores the dict, and any crop can be rebuilt bit for bit from it. Per-pixel
noise is stored as a seed; scratch and speck geometry is stored explicitly.

Steps, in the order they are applied (fading and casts happen to the print as it ages, blur
and grain come from the optics and the film, marks sit on the surface, JPEG is last because
the file is saved last):

============  ======  ===============================================================
step          prob.   what and how strong
============  ======  ===============================================================
fade          0.30    black level lifted to 10-45, white level lowered to 205-250,
                      saturation reduced by 0-40 %
colour_cast   0.30    half sepia toning (blend 0.2-0.7 toward a sepia tint), half a
                      per-channel gain shift (each gain 0.85-1.12)
blur          0.60    Gaussian kernel, sigma 0.3-1.6 px; half isotropic, half
                      anisotropic (independent sigma_x, sigma_y, rotation 0-180 deg)
noise         0.60    half Gaussian (sigma 1-10 levels, 40 % luminance-only, else per
                      channel), half film grain (luminance, slightly blurred by sigma
                      0.4-1.0 px, strength 2-12 levels, growing like sqrt(brightness)
                      as shot noise does)
scratches     0.30    1-4 thin lines, mostly vertical (tilt up to 8 deg, slight bow),
                      length 20-100 % of the height, 1 px (20 % 2 px), alpha 0.15-0.45,
                      light (60 %) or dark
specks        0.40    dust: 1-8 per 10 000 pixels (1-200), radius 0.4-2 px, elliptic,
                      alpha 0.4-0.9, light or dark (50/50)
jpeg          0.60    JPEG round trip at quality 30-95
============  ======  ===============================================================

Strengths are deliberately moderate: the crop must stay a recognisable photograph.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from training.damage.kernels import elliptic_kernel

RECIPE_VERSION = 1
"""Bump when ``apply_oldphoto`` would turn old params into a different image."""

STEPS = ("fade", "colour_cast", "blur", "noise", "scratches", "specks", "jpeg")
"""Step names, in application order; each is a key of the params dict (None when skipped)."""

DAMAGE_STEPS = ("blur", "noise", "scratches", "specks", "jpeg")
"""The recipe without fading and colour casts, which taught a model to tint black-and-white
film. Per-channel noise and JPEG's chroma rounding still colour a grey crop a little: a
detail model GAN-tuned on this recipe still tinted the 1906 film (resources/models/MODELS.md)."""

CLEANUP_STEPS = ("noise", "scratches", "specks", "jpeg")
"""What a clean-up model (scale 1) learns to remove: grain, noise, scratches, dust and JPEG
blocks. No blur (sharpening is the enlarging model's work) and no fading or casts (a model
that recolours would spoil black-and-white film)."""

FADING_STEPS = ("fade", "colour_cast")
"""What the years do to a print's colours, which ``engine.fading`` takes away."""

RECIPES = {"oldphoto": STEPS, "damage": DAMAGE_STEPS, "cleanup": CLEANUP_STEPS}
"""The steps of each ``prepare --degrade`` choice other than ``none``."""

# --- fade ---------------------------------------------------------------------------------
FADE_PROB = 0.3
FADE_BLACK_RANGE = (10.0, 45.0)
FADE_WHITE_RANGE = (205.0, 250.0)
FADE_DESATURATION_RANGE = (0.0, 0.4)

# --- colour cast --------------------------------------------------------------------------
COLOUR_CAST_PROB = 0.3
CAST_SEPIA_SHARE = 0.5
SEPIA_STRENGTH_RANGE = (0.2, 0.7)
SEPIA_TINT = (1.12, 0.98, 0.78)
"""Warm brown tint multiplied onto grey; its luma is ~1 so toning keeps the brightness."""
CAST_GAIN_RANGE = (0.85, 1.12)

# --- blur ---------------------------------------------------------------------------------
BLUR_PROB = 0.6
BLUR_ANISOTROPIC_SHARE = 0.5
BLUR_SIGMA_RANGE = (0.3, 1.6)
BLUR_ANGLE_RANGE_DEG = (0.0, 180.0)
BLUR_KERNEL_SIGMAS = 3.0
"""The kernel reaches this many sigmas from its centre, where the Gaussian is negligible."""
BLUR_MAX_KERNEL_SIZE = 15

# --- noise --------------------------------------------------------------------------------
NOISE_PROB = 0.6
NOISE_GAUSSIAN_SHARE = 0.5
GAUSSIAN_SIGMA_RANGE = (1.0, 10.0)
GAUSSIAN_LUMINANCE_ONLY_PROB = 0.4
GRAIN_SIGMA_RANGE = (2.0, 12.0)
GRAIN_CORRELATION_RANGE = (0.4, 1.0)
"""Sigma (px) of the blur that makes grain clump a little instead of being per-pixel."""
GRAIN_SHADOW_FLOOR = 0.2
"""Share of the grain strength left in pure black, so shadows are not perfectly clean."""

# --- scratches ----------------------------------------------------------------------------
SCRATCH_PROB = 0.3
SCRATCH_COUNT_RANGE = (1, 4)
SCRATCH_LENGTH_RANGE = (0.2, 1.0)
"""Fraction of the image height."""
SCRATCH_MAX_TILT_DEG = 8.0
SCRATCH_MAX_BOW = 0.04
"""Largest sideways bend at the middle of a scratch, as a fraction of its length."""
SCRATCH_SEGMENTS = 8
SCRATCH_THICK_PROB = 0.2
SCRATCH_ALPHA_RANGE = (0.15, 0.45)
SCRATCH_LIGHT_PROB = 0.6

# --- specks -------------------------------------------------------------------------------
SPECK_PROB = 0.4
SPECK_DENSITY_RANGE = (1.0, 8.0)
"""Specks per SPECK_DENSITY_AREA pixels."""
SPECK_DENSITY_AREA = 10_000
SPECK_MAX_COUNT = 200
SPECK_RADIUS_RANGE = (0.4, 2.0)
SPECK_ASPECT_RANGE = (0.5, 1.0)
"""Minor over major radius: dust is roughly round, not always."""
SPECK_ALPHA_RANGE = (0.4, 0.9)
SPECK_LIGHT_PROB = 0.5

# --- marks (scratches and specks) ---------------------------------------------------------
LIGHT_VALUE_RANGE = (200, 255)
DARK_VALUE_RANGE = (0, 60)
DRAW_SHIFT = 4
"""Fractional bits for OpenCV drawing, so stored sub-pixel positions are honoured."""
COORD_DECIMALS = 2
PARAM_DECIMALS = 4

# --- jpeg ---------------------------------------------------------------------------------
JPEG_PROB = 0.6
JPEG_QUALITY_RANGE = (30, 95)

SEED_BOUND = 2**32
"""Exclusive upper bound of stored noise seeds (safe as a JSON number everywhere)."""
LUMA_WEIGHTS = np.array([0.299, 0.587, 0.114], dtype=np.float32)
"""ITU-R BT.601 luma weights, for greying and luminance-only effects."""
MAX_LEVEL = 255.0
RGB_CHANNELS = 3

Params = dict[str, Any]


# ==========================================================================================
# Public API
# ==========================================================================================


def degrade_oldphoto(
    image: np.ndarray, rng: np.random.Generator, steps: tuple[str, ...] = STEPS
) -> tuple[np.ndarray, Params]:
    """Degrade ``image`` (HxWx3 uint8 RGB) at random with the recipe's ``steps``; return the
    result and the params used."""
    _check_image(image)
    params = sample_oldphoto_params(rng, image.shape[0], image.shape[1], steps)
    return apply_oldphoto(image, params), params


def fade_colour_print(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``image`` faded as a colour print fades: the recipe's fade and a per-channel colour
    cast, both (drawn until they come; sepia toning is a black-and-white print's)."""
    while True:
        params = sample_oldphoto_params(rng, image.shape[0], image.shape[1], FADING_STEPS)
        cast = params["colour_cast"]
        if params["fade"] is not None and cast is not None and cast["kind"] == "gains":
            return apply_oldphoto(image, params)


def sample_oldphoto_params(
    rng: np.random.Generator, height: int, width: int, steps: tuple[str, ...] = STEPS
) -> Params:
    """Draw every random choice of the recipe for an image of ``height`` x ``width``; the
    steps not in ``steps`` are skipped (None).

    The result holds only plain JSON types, so it can go straight into a manifest.
    """
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown degradation steps: {', '.join(sorted(unknown))}")
    if height < 1 or width < 1:
        raise ValueError(f"image size must be positive, got {height}x{width}")
    params: Params = {"version": RECIPE_VERSION, "height": int(height), "width": int(width)}
    samplers: dict[str, Callable[[np.random.Generator, int, int], Params | None]] = {
        "fade": _sample_fade,
        "colour_cast": _sample_colour_cast,
        "blur": _sample_blur,
        "noise": _sample_noise,
        "scratches": _sample_scratches,
        "specks": _sample_specks,
        "jpeg": _sample_jpeg,
    }
    for step in STEPS:
        params[step] = samplers[step](rng, height, width) if step in steps else None
    return params


def apply_oldphoto(image: np.ndarray, params: Params) -> np.ndarray:
    """Apply the degradation described by ``params`` to ``image``; deterministic.

    ``image`` must be HxWx3 uint8 RGB of the size the params were sampled for.
    """
    _check_image(image)
    if params.get("version") != RECIPE_VERSION:
        raise ValueError(
            f"params are for recipe version {params.get('version')!r}, this is {RECIPE_VERSION}"
        )
    if (params["height"], params["width"]) != image.shape[:2]:
        raise ValueError(
            f"params were sampled for {params['height']}x{params['width']}, "
            f"image is {image.shape[0]}x{image.shape[1]}"
        )
    work = image.astype(np.float32)
    if params["fade"] is not None:
        work = _apply_fade(work, params["fade"])
    if params["colour_cast"] is not None:
        work = _apply_colour_cast(work, params["colour_cast"])
    if params["blur"] is not None:
        work = _apply_blur(work, params["blur"])
    if params["noise"] is not None:
        work = _apply_noise(work, params["noise"])
    draw_marks(work, params["scratches"] or [], params["specks"] or [])
    result = _to_uint8(work)
    if params["jpeg"] is not None:
        result = _apply_jpeg(result, params["jpeg"])
    return result


# ==========================================================================================
# Sampling
# ==========================================================================================


def _uniform(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    return round(float(rng.uniform(bounds[0], bounds[1])), PARAM_DECIMALS)


def _int_between(rng: np.random.Generator, bounds: tuple[int, int]) -> int:
    """A random int in the inclusive range ``bounds``."""
    return int(rng.integers(bounds[0], bounds[1] + 1))


def _coord(value: float) -> float:
    return round(float(value), COORD_DECIMALS)


def _mark_value(rng: np.random.Generator, light_prob: float) -> int:
    return _int_between(rng, LIGHT_VALUE_RANGE if rng.random() < light_prob else DARK_VALUE_RANGE)


def _sample_fade(rng: np.random.Generator, height: int, width: int) -> Params | None:
    if rng.random() >= FADE_PROB:
        return None
    return {
        "black": _uniform(rng, FADE_BLACK_RANGE),
        "white": _uniform(rng, FADE_WHITE_RANGE),
        "desaturation": _uniform(rng, FADE_DESATURATION_RANGE),
    }


def _sample_colour_cast(rng: np.random.Generator, height: int, width: int) -> Params | None:
    if rng.random() >= COLOUR_CAST_PROB:
        return None
    if rng.random() < CAST_SEPIA_SHARE:
        return {"kind": "sepia", "strength": _uniform(rng, SEPIA_STRENGTH_RANGE)}
    return {"kind": "gains", "gains": [_uniform(rng, CAST_GAIN_RANGE) for _ in range(3)]}


def _sample_blur(rng: np.random.Generator, height: int, width: int) -> Params | None:
    if rng.random() >= BLUR_PROB:
        return None
    if rng.random() < BLUR_ANISOTROPIC_SHARE:
        kind = "anisotropic"
        sigma_x = _uniform(rng, BLUR_SIGMA_RANGE)
        sigma_y = _uniform(rng, BLUR_SIGMA_RANGE)
        angle = _uniform(rng, BLUR_ANGLE_RANGE_DEG)
    else:
        kind = "isotropic"
        sigma_x = sigma_y = _uniform(rng, BLUR_SIGMA_RANGE)
        angle = 0.0
    radius = math.ceil(BLUR_KERNEL_SIGMAS * max(sigma_x, sigma_y))
    size = min(2 * radius + 1, BLUR_MAX_KERNEL_SIZE)
    return {
        "kind": kind,
        "sigma_x": sigma_x,
        "sigma_y": sigma_y,
        "angle_deg": angle,
        "kernel_size": size,
    }


def _sample_noise(rng: np.random.Generator, height: int, width: int) -> Params | None:
    if rng.random() >= NOISE_PROB:
        return None
    seed = int(rng.integers(0, SEED_BOUND))
    if rng.random() < NOISE_GAUSSIAN_SHARE:
        return {
            "kind": "gaussian",
            "sigma": _uniform(rng, GAUSSIAN_SIGMA_RANGE),
            "luminance_only": bool(rng.random() < GAUSSIAN_LUMINANCE_ONLY_PROB),
            "seed": seed,
        }
    return {
        "kind": "grain",
        "sigma": _uniform(rng, GRAIN_SIGMA_RANGE),
        "correlation": _uniform(rng, GRAIN_CORRELATION_RANGE),
        "seed": seed,
    }


def _sample_scratches(rng: np.random.Generator, height: int, width: int) -> list[Params] | None:
    return sample_scratch_marks(rng, height, width) if rng.random() < SCRATCH_PROB else None


def sample_scratch_marks(rng: np.random.Generator, height: int, width: int) -> list[Params]:
    """1-4 thin scratches for an image of ``height`` x ``width`` (see the table above)."""
    scratches = []
    for _ in range(_int_between(rng, SCRATCH_COUNT_RANGE)):
        length = float(rng.uniform(*SCRATCH_LENGTH_RANGE)) * height
        tilt = math.radians(float(rng.uniform(-SCRATCH_MAX_TILT_DEG, SCRATCH_MAX_TILT_DEG)))
        bow = float(rng.uniform(-SCRATCH_MAX_BOW, SCRATCH_MAX_BOW)) * length
        x0 = float(rng.uniform(0.0, width))
        y0 = float(rng.uniform(0.0, max(height - length, 0.0)))
        points = []
        for i in range(SCRATCH_SEGMENTS + 1):
            t = i / SCRATCH_SEGMENTS
            sideways = bow * 4.0 * t * (1.0 - t)  # a parabola: 0 at both ends, `bow` mid-way
            x = x0 + t * length * math.sin(tilt) + sideways * math.cos(tilt)
            y = y0 + t * length * math.cos(tilt) - sideways * math.sin(tilt)
            points.append([_coord(x), _coord(y)])
        scratches.append(
            {
                "points": points,
                "thickness": 2 if rng.random() < SCRATCH_THICK_PROB else 1,
                "value": _mark_value(rng, SCRATCH_LIGHT_PROB),
                "alpha": _uniform(rng, SCRATCH_ALPHA_RANGE),
            }
        )
    return scratches


def _sample_specks(rng: np.random.Generator, height: int, width: int) -> list[Params] | None:
    return sample_speck_marks(rng, height, width) if rng.random() < SPECK_PROB else None


def sample_speck_marks(rng: np.random.Generator, height: int, width: int) -> list[Params]:
    """Dust specks for an image of ``height`` x ``width``, as many as a random density gives."""
    density = float(rng.uniform(*SPECK_DENSITY_RANGE))
    count = min(max(1, round(density * height * width / SPECK_DENSITY_AREA)), SPECK_MAX_COUNT)
    specks = []
    for _ in range(count):
        radius = float(rng.uniform(*SPECK_RADIUS_RANGE))
        specks.append(
            {
                "center": [_coord(rng.uniform(0.0, width)), _coord(rng.uniform(0.0, height))],
                "radii": [_coord(radius), _coord(radius * rng.uniform(*SPECK_ASPECT_RANGE))],
                "angle_deg": _uniform(rng, BLUR_ANGLE_RANGE_DEG),
                "value": _mark_value(rng, SPECK_LIGHT_PROB),
                "alpha": _uniform(rng, SPECK_ALPHA_RANGE),
            }
        )
    return specks


def _sample_jpeg(rng: np.random.Generator, height: int, width: int) -> Params | None:
    if rng.random() >= JPEG_PROB:
        return None
    return {"quality": _int_between(rng, JPEG_QUALITY_RANGE)}


# ==========================================================================================
# Applying (all on float32 RGB in 0..255, except JPEG)
# ==========================================================================================


def _check_image(image: np.ndarray) -> None:
    if image.ndim != 3 or image.shape[2] != RGB_CHANNELS or image.dtype != np.uint8:
        raise ValueError(
            f"expected an HxWx3 uint8 RGB image, got shape {image.shape} of {image.dtype}"
        )


def _to_uint8(work: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(work), 0, MAX_LEVEL).astype(np.uint8)


def _grey(work: np.ndarray) -> np.ndarray:
    """BT.601 luma as HxWx1, to broadcast against RGB."""
    return (work @ LUMA_WEIGHTS)[..., np.newaxis]


def _apply_fade(work: np.ndarray, fade: Params) -> np.ndarray:
    grey = _grey(work)
    work = work + fade["desaturation"] * (grey - work)
    black, white = fade["black"], fade["white"]
    return black + work * ((white - black) / MAX_LEVEL)


def _apply_colour_cast(work: np.ndarray, cast: Params) -> np.ndarray:
    if cast["kind"] == "sepia":
        toned = _grey(work) * np.array(SEPIA_TINT, dtype=np.float32)
        work = work + cast["strength"] * (toned - work)
    elif cast["kind"] == "gains":
        work = work * np.array(cast["gains"], dtype=np.float32)
    else:
        raise ValueError(f"unknown colour cast kind {cast['kind']!r}")
    return np.clip(work, 0.0, MAX_LEVEL)


def _apply_blur(work: np.ndarray, blur: Params) -> np.ndarray:
    kernel = elliptic_kernel(
        blur["sigma_x"], blur["sigma_y"], blur["angle_deg"], blur["kernel_size"]
    )
    return cv2.filter2D(work, -1, kernel, borderType=cv2.BORDER_REFLECT_101)


def _apply_noise(work: np.ndarray, noise: Params) -> np.ndarray:
    rng = np.random.default_rng(noise["seed"])
    height, width = work.shape[:2]
    if noise["kind"] == "gaussian":
        channels = 1 if noise["luminance_only"] else 3
        field = rng.standard_normal((height, width, channels), dtype=np.float32)
        return np.clip(work + noise["sigma"] * field, 0.0, MAX_LEVEL)
    if noise["kind"] == "grain":
        field = rng.standard_normal((height, width), dtype=np.float32)
        field = cv2.GaussianBlur(field, (0, 0), noise["correlation"])
        spread = float(field.std())
        if spread > 0.0:
            field /= spread  # blurring shrinks the spread; restore unit strength
        brightness = np.clip(_grey(work) / MAX_LEVEL, 0.0, 1.0)
        strength = noise["sigma"] * (
            GRAIN_SHADOW_FLOOR + (1.0 - GRAIN_SHADOW_FLOOR) * np.sqrt(brightness)
        )
        # Adding the same amount to R, G and B moves luminance only, leaving chroma alone.
        return np.clip(work + strength * field[..., np.newaxis], 0.0, MAX_LEVEL)
    raise ValueError(f"unknown noise kind {noise['kind']!r}")


def _fixed(value: float) -> int:
    """A coordinate in OpenCV's fixed-point format for ``DRAW_SHIFT`` fractional bits."""
    return round(value * (1 << DRAW_SHIFT))


def _blend_mark(
    work: np.ndarray,
    box: tuple[float, float, float, float],
    draw: Callable[[np.ndarray, float, float], None],
    value: float,
    alpha: float,
) -> None:
    """Draw a mark into a coverage mask over ``box`` (x0, y0, x1, y1) and blend it in place.

    Working on the mark's own bounding box keeps many small marks cheap on large images.
    """
    height, width = work.shape[:2]
    left, top = max(math.floor(box[0]), 0), max(math.floor(box[1]), 0)
    right, bottom = min(math.ceil(box[2]) + 1, width), min(math.ceil(box[3]) + 1, height)
    if left >= right or top >= bottom:
        return
    mask = np.zeros((bottom - top, right - left), dtype=np.uint8)
    draw(mask, float(left), float(top))
    cover = mask.astype(np.float32)[..., np.newaxis] * (alpha / MAX_LEVEL)
    region = work[top:bottom, left:right]
    region += cover * (value - region)


def draw_marks(work: np.ndarray, scratches: list[Params], specks: list[Params]) -> None:
    """Blend scratches, then specks, into ``work`` (HxWxC float32 in 0..255) in place."""
    for scratch in scratches:
        _draw_scratch(work, scratch)
    for speck in specks:
        _draw_speck(work, speck)


def _draw_scratch(work: np.ndarray, scratch: Params) -> None:
    points = np.array(scratch["points"], dtype=np.float64)
    thickness = int(scratch["thickness"])
    pad = thickness + 1  # anti-aliasing spills about a pixel past the stroke

    def draw(mask: np.ndarray, left: float, top: float) -> None:
        fixed = [[_fixed(x - left), _fixed(y - top)] for x, y in points]
        polyline = np.array(fixed, dtype=np.int32).reshape(-1, 1, 2)
        cv2.polylines(mask, [polyline], False, 255, thickness, cv2.LINE_AA, DRAW_SHIFT)

    box = (
        points[:, 0].min() - pad,
        points[:, 1].min() - pad,
        points[:, 0].max() + pad,
        points[:, 1].max() + pad,
    )
    _blend_mark(work, box, draw, scratch["value"], scratch["alpha"])


def _draw_speck(work: np.ndarray, speck: Params) -> None:
    cx, cy = speck["center"]
    major, minor = speck["radii"]
    pad = major + 1.0

    def draw(mask: np.ndarray, left: float, top: float) -> None:
        centre = (_fixed(cx - left), _fixed(cy - top))
        axes = (_fixed(major), _fixed(minor))
        cv2.ellipse(
            mask, centre, axes, speck["angle_deg"], 0, 360, 255, cv2.FILLED, cv2.LINE_AA, DRAW_SHIFT
        )

    _blend_mark(
        work, (cx - pad, cy - pad, cx + pad, cy + pad), draw, speck["value"], speck["alpha"]
    )


def _apply_jpeg(image: np.ndarray, jpeg: Params) -> np.ndarray:
    bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
    ok, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(jpeg["quality"])])
    if not ok:
        raise RuntimeError("OpenCV could not JPEG-encode the image")
    decoded = cv2.imdecode(encoded, cv2.IMREAD_COLOR)
    return cv2.cvtColor(decoded, cv2.COLOR_BGR2RGB)
