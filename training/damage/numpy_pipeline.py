"""The real-damage model in numpy, one crop at a time: for ``prepare`` and the wizard.

``apply_damage`` is a pure function of the sharp crop and the params that
``training.damage.recipe.sample_damage`` drew, so any pair in a manifest can be rebuilt bit for
bit. ``training.damage.torch_pipeline`` is the same model, batched on the GPU.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image

from training.damage.block_codec import codec_blocking_numpy, jpeg_numpy
from training.damage.kernels import blur_kernel, difference_of_gaussians, gaussian
from training.damage.recipe import GRAIN_FLOOR, RECIPE_VERSION, Params, film_size
from training.degrade import draw_marks

MAX_LEVEL = 255.0
LUMA_WEIGHTS = np.array([0.299, 0.587, 0.114], dtype=np.float32)
"""ITU-R BT.601 luma weights: brightness for grain and screens."""
NEUTRAL_TOLERANCE = 2
"""A crop whose channels never differ by more than this many levels is black-and-white: it
gets no colour noise, so a grey picture stays grey."""
PIL_FILTERS = {"cubic-aa": Image.BICUBIC, "linear-aa": Image.BILINEAR}
CV2_FILTERS = {"area": cv2.INTER_AREA, "linear": cv2.INTER_LINEAR}


def is_neutral(rgb: np.ndarray) -> bool:
    """Whether an HxWx3 picture is black-and-white (its channels agree everywhere)."""
    pixels = rgb.astype(np.int16)
    spread = np.abs(pixels - pixels[..., 1:2]).max()
    return bool(spread <= NEUTRAL_TOLERANCE)


def resize(work: np.ndarray, size: tuple[int, int], method: str) -> np.ndarray:
    """``work`` (HxWx3 float32) resized to ``size`` (height, width) by ``method``."""
    height, width = size
    if work.shape[:2] == (height, width):
        return work
    if method in CV2_FILTERS:
        return cv2.resize(work, (width, height), interpolation=CV2_FILTERS[method])
    channels = [
        np.asarray(Image.fromarray(work[..., c]).resize((width, height), PIL_FILTERS[method]))
        for c in range(work.shape[2])
    ]
    return np.stack(channels, axis=-1)


def _filter(work: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    return cv2.filter2D(work, -1, kernel, borderType=cv2.BORDER_REFLECT_101)


def kernel_limit(height: int, width: int) -> int:
    """The largest odd kernel side that reflection padding allows on this picture."""
    side = min(height, width)
    return side - 1 if side % 2 == 0 else side - 2


def _unit_field(field: np.ndarray) -> np.ndarray:
    spread = float(field.std())
    return field / spread if spread > 0.0 else field


def _luma(work: np.ndarray) -> np.ndarray:
    return work @ LUMA_WEIGHTS


def midtone_response(brightness: np.ndarray, floor: float) -> np.ndarray:
    """How strongly grain shows at each brightness (0..1): most in the midtones, ``floor`` of
    that in pure black and white, where the film or paper is saturated."""
    return floor + (1.0 - floor) * 4.0 * brightness * (1.0 - brightness)


def _chroma_field(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Smooth colour noise with no luminance-like common part: R, G and B minus their mean."""
    field = rng.standard_normal((*shape, 3), dtype=np.float32)
    field = _filter(field, gaussian(sigma, kernel_limit(*shape)))
    field -= field.mean(axis=2, keepdims=True)
    return _unit_field(field)


def _add_grain(work: np.ndarray, grain: Params, neutral: bool) -> np.ndarray:
    rng = np.random.default_rng(grain["seed"])
    shape = work.shape[:2]
    field = rng.standard_normal(shape, dtype=np.float32)
    field = _unit_field(_filter(field, gaussian(grain["size"], kernel_limit(*shape))))
    strength = grain["strength"] * midtone_response(_luma(work) / MAX_LEVEL, GRAIN_FLOOR)
    chroma = 0.0 if neutral else grain["chroma"]
    work = work + (strength * (1.0 - chroma) * field)[..., np.newaxis]
    if chroma > 0.0:
        work = work + strength[..., np.newaxis] * chroma * _chroma_field(rng, shape, grain["size"])
    return work


def _add_dye_clouds(work: np.ndarray, clouds: Params) -> np.ndarray:
    rng = np.random.default_rng(clouds["seed"])
    return work + clouds["strength"] * _chroma_field(rng, work.shape[:2], clouds["size"])


def screen_pattern(
    rows: np.ndarray, cols: np.ndarray, pitch: float, angle_deg: float, phase: list[float]
) -> np.ndarray:
    """A halftone dot screen in -1..1: two crossed cosines of period ``pitch`` at ``angle``."""
    theta = math.radians(angle_deg)
    along = (cols * math.cos(theta) + rows * math.sin(theta)) / pitch + phase[0]
    across = (-cols * math.sin(theta) + rows * math.cos(theta)) / pitch + phase[1]
    return np.cos(2 * np.pi * along) * np.cos(2 * np.pi * across)


def _apply_screen(work: np.ndarray, screen: Params) -> np.ndarray:
    rows, cols = np.mgrid[0 : work.shape[0], 0 : work.shape[1]].astype(np.float32)
    pattern = screen_pattern(rows, cols, screen["pitch"], screen["angle_deg"], screen["phase"])
    brightness = np.clip(_luma(work) / MAX_LEVEL, 0.0, 1.0)
    depth = screen["amplitude"] * midtone_response(brightness, 0.0) * pattern
    return work * (1.0 + depth[..., np.newaxis])


def _apply_paper(work: np.ndarray, paper: Params) -> np.ndarray:
    rng = np.random.default_rng(paper["seed"])
    kernel = difference_of_gaussians(
        paper["size"], paper["elongation"], paper["angle_deg"], kernel_limit(*work.shape[:2])
    )
    field = _unit_field(_filter(rng.standard_normal(work.shape[:2], dtype=np.float32), kernel))
    return work * (1.0 + paper["amplitude"] * field[..., np.newaxis])


def _add_sensor_noise(work: np.ndarray, noise: Params, neutral: bool) -> np.ndarray:
    rng = np.random.default_rng(noise["seed"])
    channels = 1 if noise["luminance_only"] or neutral else 3
    field = rng.standard_normal((*work.shape[:2], channels), dtype=np.float32)
    return work + noise["sigma"] * field


def _compress(image: np.ndarray, compression: Params) -> np.ndarray:
    if compression["kind"] == "jpeg":
        return jpeg_numpy(image, compression["quality"])
    offset_x, offset_y = compression["offset"]
    return codec_blocking_numpy(
        image, compression["qscale"], offset_x, offset_y, compression["deadzone"]
    )


def _check(sharp: np.ndarray, params: Params) -> None:
    if params.get("version") != RECIPE_VERSION:
        raise ValueError(
            f"params are for damage version {params.get('version')!r}, this is {RECIPE_VERSION}"
        )
    expected = (params["height"] * params["scale"], params["width"] * params["scale"], 3)
    if sharp.shape != expected or sharp.dtype != np.uint8:
        raise ValueError(
            f"expected a {expected[0]}x{expected[1]} uint8 RGB crop, "
            f"got shape {sharp.shape} of {sharp.dtype}"
        )


def apply_damage(sharp: np.ndarray, params: Params) -> np.ndarray:
    """The damaged low-resolution partner of ``sharp`` (HxWx3 uint8 RGB) for ``params``."""
    _check(sharp, params)
    size = (params["height"], params["width"])
    work = sharp.astype(np.float32)
    if params["clean"]:
        return _to_uint8(resize(work, size, "cubic-aa"))
    neutral = is_neutral(sharp)
    work = resize(work, film_size(params), params["film_resize"])
    limit = kernel_limit(*work.shape[:2])
    if params["capture_blur"] is not None:
        kernel = blur_kernel(params["capture_blur"], params["film_scale"], limit)
        work = _filter(work, kernel)
    if params["grain"] is not None:
        work = _add_grain(work, params["grain"], neutral)
    if params["dye_clouds"] is not None and not neutral:
        work = _add_dye_clouds(work, params["dye_clouds"])
    if params["screen"] is not None:
        work = _apply_screen(work, params["screen"])
    if params["paper"] is not None:
        work = _apply_paper(work, params["paper"])
    if params["scan_blur"] is not None:
        work = _filter(work, blur_kernel(params["scan_blur"], 1.0, limit))
    work = resize(work, size, params["scan_resize"])
    if params["sensor_noise"] is not None:
        work = _add_sensor_noise(work, params["sensor_noise"], neutral)
    draw_marks(work, params["scratches"] or [], params["specks"] or [])
    result = _to_uint8(work)
    if params["compression"] is not None:
        result = _compress(result, params["compression"])
    return result


def _to_uint8(work: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(work), 0, MAX_LEVEL).astype(np.uint8)
