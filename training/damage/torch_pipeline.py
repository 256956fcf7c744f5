"""The real-damage model as batched torch, for training on the GPU.

The same model as ``training.damage.numpy_pipeline``, step for step, with the same draws.
Work is split in two so that the CPU part can run ahead of the device in another thread:

* ``plan_batch`` (CPU, numpy): each sample's params from ``training.damage.recipe``, their
  kernels from ``training.damage.kernels``, and the marks from ``training.degrade``'s drawing
  as a transmission and a light layer, which composite exactly as the numpy pipeline blends.
* ``apply_plan`` (the device): everything per pixel, in a few dozen batched operations.

Only the size-changing choices (film resolution and the two resampling methods) are shared by
a whole batch, so its pictures keep one size; each sample still draws from the same
distribution. Per-pixel noise comes from a ``torch.Generator`` on the device, so noise fields
differ from numpy's but share their distribution (``tests/test_damage_torch.py`` compares them
step by step). Blurs of any size are one FFT convolution per batch: a defocus disc at film
resolution can be thirty pixels wide, too wide for grouped convolutions to be fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from training.damage.block_codec import codec_blocking_batch, jpeg_batch
from training.damage.kernels import blur_kernel, difference_of_gaussians, gaussian
from training.damage.numpy_pipeline import (
    LUMA_WEIGHTS,
    MAX_LEVEL,
    NEUTRAL_TOLERANCE,
    kernel_limit,
)
from training.damage.recipe import GRAIN_FLOOR, Params, film_size, sample_damage
from training.degrade import draw_marks

SHARED_CHOICES = ("film_scale", "film_resize", "scan_resize")
"""Params that change picture sizes, taken from a batch's first sample for all of it."""
INTERPOLATION = {
    "cubic-aa": {"mode": "bicubic", "antialias": True, "align_corners": False},
    "linear-aa": {"mode": "bilinear", "antialias": True, "align_corners": False},
    "linear": {"mode": "bilinear", "antialias": False, "align_corners": False},
    "area": {"mode": "area"},
}
IDENTITY = np.ones((1, 1), dtype=np.float32)
NOTHING = np.zeros((1, 1), dtype=np.float32)


def stack_kernels(kernels: list[np.ndarray]) -> np.ndarray:
    """Odd square kernels of any sizes, centred in one (N, K, K) array."""
    side = max(k.shape[0] for k in kernels)
    stack = np.zeros((len(kernels), side, side), dtype=np.float32)
    for index, kernel in enumerate(kernels):
        start = (side - kernel.shape[0]) // 2
        stack[index, start : start + kernel.shape[0], start : start + kernel.shape[0]] = kernel
    return stack


def convolve(x: torch.Tensor, kernels: torch.Tensor) -> torch.Tensor:
    """Each sample of ``x`` (N, C, H, W) convolved with its own odd, point-symmetric kernel
    (``kernels``: N, K, K), with mirrored borders (OpenCV's BORDER_REFLECT_101), by one FFT."""
    side = kernels.shape[-1]
    radius = side // 2
    height, width = x.shape[-2:]
    padded = F.pad(x, (radius,) * 4, mode="reflect") if radius else x
    plane = torch.zeros(kernels.shape[0], *padded.shape[-2:], device=x.device)
    plane[:, :side, :side] = kernels
    plane = torch.roll(plane, shifts=(-radius, -radius), dims=(1, 2))
    spectrum = torch.fft.rfft2(padded) * torch.fft.rfft2(plane)[:, None]
    out = torch.fft.irfft2(spectrum, s=padded.shape[-2:])
    return out[..., radius : radius + height, radius : radius + width]


def resize(x: torch.Tensor, size: tuple[int, int], method: str) -> torch.Tensor:
    """``x`` (N, C, H, W) resized to ``size`` (height, width) by ``method``, as the numpy one."""
    if tuple(x.shape[-2:]) == tuple(size):
        return x
    return F.interpolate(x, size=size, **INTERPOLATION[method])


@dataclass(frozen=True)
class BatchPlan:
    """Everything about a batch's damage that is decided on the CPU."""

    params: list[Params]
    kernels: dict[str, np.ndarray | None]
    """Per step, the (N, K, K) kernels: capture and scan blur, grain, dye clouds, paper."""
    marked: list[int]
    transmission: np.ndarray | None
    """(M, 1, h, w) for the ``marked`` samples; the light layer beside it."""
    light: np.ndarray | None

    def column(self, step: str, key: str, default: float = 0.0) -> list[float]:
        """Each sample's ``params[step][key]``, ``default`` where the step is skipped."""
        return [p[step][key] if p[step] else default for p in self.params]

    def uses(self, step: str) -> bool:
        return any(p[step] is not None for p in self.params)


def sample_batch(
    rng: np.random.Generator, count: int, scale: int, height: int, width: int
) -> list[Params]:
    """``count`` params of ``sample_damage``, sharing the first one's size-changing choices."""
    params = [sample_damage(rng, scale, height, width) for _ in range(count)]
    shared = {key: params[0][key] for key in SHARED_CHOICES}
    return [{**p, **shared} for p in params]


def _mark_layers(params: Params) -> tuple[np.ndarray, np.ndarray]:
    """The marks as (transmission, light): picture * transmission + light blends them exactly
    as ``draw_marks`` does, whatever the picture."""
    size = (params["height"], params["width"], 1)
    dark, bright = np.zeros(size, np.float32), np.full(size, MAX_LEVEL, np.float32)
    for layer in (dark, bright):
        draw_marks(layer, params["scratches"] or [], params["specks"] or [])
    return (bright - dark) / MAX_LEVEL, dark


def plan_params(params: list[Params]) -> BatchPlan:
    """The CPU part of damaging a batch with ``params`` (which share ``SHARED_CHOICES``)."""
    first = params[0]
    limit = kernel_limit(*film_size(first))

    def kernels(
        step: str, make: Callable[[Params], np.ndarray], absent: np.ndarray = IDENTITY
    ) -> np.ndarray | None:
        if all(p[step] is None for p in params):
            return None
        return stack_kernels([absent if p[step] is None else make(p[step]) for p in params])

    marked = [i for i, p in enumerate(params) if p["scratches"] or p["specks"]]
    layers = [_mark_layers(params[i]) for i in marked]
    return BatchPlan(
        params,
        {
            "capture_blur": kernels(
                "capture_blur", lambda s: blur_kernel(s, first["film_scale"], limit)
            ),
            "grain": kernels("grain", lambda g: gaussian(g["size"], limit)),
            "dye_clouds": kernels("dye_clouds", lambda c: gaussian(c["size"], limit)),
            "paper": kernels(
                "paper",
                lambda p: difference_of_gaussians(
                    p["size"], p["elongation"], p["angle_deg"], limit
                ),
                NOTHING,
            ),
            "scan_blur": kernels("scan_blur", lambda s: blur_kernel(s, 1.0, limit)),
        },
        marked,
        np.stack([t for t, _ in layers]).transpose(0, 3, 1, 2) if layers else None,
        np.stack([light for _, light in layers]).transpose(0, 3, 1, 2) if layers else None,
    )


def plan_batch(
    rng: np.random.Generator, count: int, scale: int, height: int, width: int
) -> BatchPlan:
    """Draw and plan the damage of ``count`` pictures whose damaged side is ``height`` x
    ``width`` and whose sharp side is ``scale`` times larger."""
    return plan_params(sample_batch(rng, count, scale, height, width))


def neutral_mask(sharp: torch.Tensor) -> torch.Tensor:
    """(N, 1, 1, 1) booleans: which pictures of ``sharp`` (in 0..1) are black-and-white."""
    levels = (sharp * MAX_LEVEL).round()
    spread = (levels - levels[:, 1:2]).abs().flatten(1).amax(dim=1)
    return (spread <= NEUTRAL_TOLERANCE).view(-1, 1, 1, 1)


class _Damage:
    """One batch on its way from sharp to damaged, in levels of 0..255."""

    def __init__(self, sharp: torch.Tensor, plan: BatchPlan, generator: torch.Generator):
        self.plan = plan
        self.generator = generator
        self.device = sharp.device
        self.neutral = neutral_mask(sharp)
        first = plan.params[0]
        self.x = resize(sharp * MAX_LEVEL, film_size(first), first["film_resize"])

    def column(self, step: str, key: str, default: float = 0.0) -> torch.Tensor:
        values = self.plan.column(step, key, default)
        return torch.tensor(values, dtype=torch.float32, device=self.device).view(-1, 1, 1, 1)

    def kernels(self, step: str) -> torch.Tensor:
        return torch.from_numpy(self.plan.kernels[step]).to(self.device, non_blocking=True)

    def noise(self, channels: int) -> torch.Tensor:
        shape = (self.x.shape[0], channels, *self.x.shape[-2:])
        return torch.randn(shape, generator=self.generator, device=self.device)

    def unit(self, field: torch.Tensor) -> torch.Tensor:
        spread = field.flatten(1).std(dim=1).view(-1, 1, 1, 1)
        return field / torch.where(spread > 0, spread, torch.ones_like(spread))

    def chroma(self, step: str) -> torch.Tensor:
        """Smooth colour noise without a common part, as the numpy ``_chroma_field``."""
        field = convolve(self.noise(3), self.kernels(step))
        return self.unit(field - field.mean(dim=1, keepdim=True))

    def brightness(self) -> torch.Tensor:
        weights = torch.from_numpy(LUMA_WEIGHTS).to(self.device).view(1, 3, 1, 1)
        return (self.x * weights).sum(dim=1, keepdim=True) / MAX_LEVEL

    def blur(self, step: str) -> None:
        if self.plan.kernels[step] is not None:
            self.x = convolve(self.x, self.kernels(step))

    def colour_only(self, values: torch.Tensor) -> torch.Tensor:
        return torch.where(self.neutral, torch.zeros_like(values), values)

    def grain(self) -> None:
        if not self.plan.uses("grain"):
            return
        strength = self.column("grain", "strength")
        chroma = self.colour_only(self.column("grain", "chroma"))
        response = strength * _midtones(self.brightness(), GRAIN_FLOOR)
        luminance = self.unit(convolve(self.noise(1), self.kernels("grain")))
        self.x = self.x + response * (1.0 - chroma) * luminance
        if bool((chroma > 0).any()):
            self.x = self.x + response * chroma * self.chroma("grain")

    def dye_clouds(self) -> None:
        if self.plan.uses("dye_clouds"):
            strength = self.colour_only(self.column("dye_clouds", "strength"))
            self.x = self.x + strength * self.chroma("dye_clouds")

    def screen(self) -> None:
        if not self.plan.uses("screen"):
            return
        height, width = self.x.shape[-2:]
        rows = torch.arange(height, device=self.device, dtype=torch.float32).view(1, 1, -1, 1)
        cols = torch.arange(width, device=self.device, dtype=torch.float32).view(1, 1, 1, -1)
        theta = torch.deg2rad(self.column("screen", "angle_deg"))
        pitch = self.column("screen", "pitch", 1.0)
        phases = [p["screen"]["phase"] if p["screen"] else [0.0, 0.0] for p in self.plan.params]
        phase = torch.tensor(phases, device=self.device).view(-1, 2, 1, 1)
        along = (cols * torch.cos(theta) + rows * torch.sin(theta)) / pitch + phase[:, :1]
        across = (-cols * torch.sin(theta) + rows * torch.cos(theta)) / pitch + phase[:, 1:]
        pattern = torch.cos(2 * math.pi * along) * torch.cos(2 * math.pi * across)
        depth = self.column("screen", "amplitude") * _midtones(self.brightness().clamp(0, 1), 0.0)
        self.x = self.x * (1.0 + depth * pattern)

    def paper(self) -> None:
        if self.plan.uses("paper"):
            field = self.unit(convolve(self.noise(1), self.kernels("paper")))
            self.x = self.x * (1.0 + self.column("paper", "amplitude") * field)

    def sensor_noise(self) -> None:
        if not self.plan.uses("sensor_noise"):
            return
        single = self.neutral | (self.column("sensor_noise", "luminance_only") > 0)
        field = torch.where(single, self.noise(1).expand(-1, 3, -1, -1), self.noise(3))
        self.x = self.x + self.column("sensor_noise", "sigma") * field

    def marks(self) -> None:
        if not self.plan.marked:
            return
        index = torch.tensor(self.plan.marked, device=self.device)
        transmission = torch.from_numpy(self.plan.transmission).to(self.device)
        light = torch.from_numpy(self.plan.light).to(self.device)
        self.x = self.x.index_copy(0, index, self.x[index] * transmission + light)

    def compression(self) -> None:
        settings = [p["compression"] for p in self.plan.params]
        for kind, codec in (("jpeg", _jpeg), ("codec", _video)):
            chosen = [i for i, s in enumerate(settings) if s and s["kind"] == kind]
            if chosen:
                index = torch.tensor(chosen, device=self.device)
                done = codec(self.x[index] / MAX_LEVEL, [settings[i] for i in chosen])
                self.x = self.x.index_copy(0, index, done * MAX_LEVEL)


def _midtones(brightness: torch.Tensor, floor: float) -> torch.Tensor:
    return floor + (1.0 - floor) * 4.0 * brightness * (1.0 - brightness)


def _jpeg(pictures: torch.Tensor, settings: list[Params]) -> torch.Tensor:
    quality = torch.tensor([s["quality"] for s in settings], device=pictures.device)
    return jpeg_batch(pictures, quality)


def _video(pictures: torch.Tensor, settings: list[Params]) -> torch.Tensor:
    qscale, deadzone, offsets = (
        torch.tensor([s[key] for s in settings], device=pictures.device)
        for key in ("qscale", "deadzone", "offset")
    )
    return codec_blocking_batch(pictures, qscale, offsets[:, 0], offsets[:, 1], deadzone)


def _levels(x: torch.Tensor) -> torch.Tensor:
    return x.clamp(0.0, MAX_LEVEL).round()


def apply_plan(sharp: torch.Tensor, plan: BatchPlan, generator: torch.Generator) -> torch.Tensor:
    """The damaged low-resolution partners of ``sharp`` (N, 3, H, W) in 0..1, as ``plan``
    says, in 0..1 and rounded to 8-bit levels."""
    first = plan.params[0]
    size = (first["height"], first["width"])
    with torch.no_grad():
        damage = _Damage(sharp, plan, generator)
        damage.blur("capture_blur")
        damage.grain()
        damage.dye_clouds()
        damage.screen()
        damage.paper()
        damage.blur("scan_blur")
        damage.x = resize(damage.x, size, first["scan_resize"])
        damage.sensor_noise()
        damage.marks()
        damage.x = _levels(damage.x)
        damage.compression()
        clean = torch.tensor([p["clean"] for p in plan.params], device=sharp.device)
        if bool(clean.any()):
            plain = _levels(resize(sharp * MAX_LEVEL, size, "cubic-aa"))
            damage.x = torch.where(clean.view(-1, 1, 1, 1), plain, damage.x)
        return damage.x / MAX_LEVEL
