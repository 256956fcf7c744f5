"""Restoring pictures with a loaded model on a device: colour through the network, tile by
tile; alpha enlarged on its own; gray, 8-bit and 16-bit pictures come back as they went in."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import cv2
import numpy as np
import torch

from engine.devices import free_memory_bytes, uses_half
from engine.errors import RekindleError
from engine.imageio import Picture
from engine.models import LoadedModel
from engine.pixels import as_rgb
from engine.progress import Progress, silent
from engine.tiling import TileGeometry, upscale_tiled

AUTO_TILE = 0
MAX_AUTO_TILE = {"cpu": 384, "mps": 768, "cuda": 1024}
"""Auto tiles stay small enough that Cancel answers within about a second on each device."""
MEMORY_SHARE = 0.25
"""Auto tiles use at most this share of the free device memory."""
BYTES_PER_ACTIVATION = 4


@dataclass(frozen=True)
class RestoreOptions:
    """How to restore: which output scale, tile size (0 = auto) and device."""

    scale_out: int | None = None  # None = the model's own scale
    tile: int = AUTO_TILE  # overrides the restorer's tile for this picture


def working_set_per_pixel(model: LoadedModel) -> int:
    """Rough bytes of activations per input pixel: the widest feature map at input size plus the
    rising stages at the output size, times a safety factor for the convolution buffers."""
    hparams = model.info.hparams
    width = int(hparams.get("width", 64)) * 4
    up_width = int(hparams.get("up_width", 64))
    scale = model.info.scale
    return 4 * BYTES_PER_ACTIVATION * (width + up_width * scale * scale)


def auto_tile(model: LoadedModel, device: torch.device) -> int:
    """The largest tile that fits a share of the free memory, capped for responsiveness."""
    budget = free_memory_bytes(device) * MEMORY_SHARE
    side = int(math.sqrt(budget / working_set_per_pixel(model)))
    return max(model.info.size_multiple, min(side, MAX_AUTO_TILE.get(device.type, 384)))


class Restorer:
    """A model placed on a device, ready to enlarge pictures of any size."""

    def __init__(self, model: LoadedModel, device: torch.device, tile: int = AUTO_TILE) -> None:
        self.model = model
        self.device = device
        self.half = uses_half(device) and model.info.supports_half
        network = model.network.to(device).eval()
        if self.half:
            network = network.half()
        if device.type == "cuda":
            network = network.to(memory_format=torch.channels_last)
        self.network = network
        self.tile = tile or auto_tile(model, device)

    @property
    def scale(self) -> int:
        return self.model.info.scale

    def _run(self, tensor: torch.Tensor) -> torch.Tensor:
        tensor = tensor.to(self.device)
        if self.half:
            tensor = tensor.half()
        if self.device.type == "cuda":
            tensor = tensor.contiguous(memory_format=torch.channels_last)
        with torch.inference_mode():
            return self.network(tensor).float()

    def geometry(self, tile: int = AUTO_TILE) -> TileGeometry:
        info = self.model.info
        return TileGeometry(info.scale, tile or self.tile, info.tile_context, info.size_multiple)

    def enlarge_rgb(
        self, rgb: np.ndarray, progress: Progress | None = None, tile: int = AUTO_TILE
    ) -> np.ndarray:
        """One pass of the network over HxWx3 (or a stack NxHxWx3) of uint8/uint16 pixels."""
        return upscale_tiled(self._run, rgb, self.geometry(tile), progress)

    def enlarge(
        self,
        pixels: np.ndarray,
        scale_out: int | None = None,
        progress: Progress | None = None,
        tile: int = AUTO_TILE,
    ) -> np.ndarray:
        """Enlarge gray or RGB pixels by ``scale_out`` (the model's scale by default).

        A smaller output scale shrinks the model's result with area averaging; a larger one
        runs the model again on its own result (a 2x model twice makes 4x). A stack of
        same-sized RGB pictures (NxHxWx3, frames of a film) goes through as batches.
        """
        progress = progress or silent()
        scale_out = scale_out or self.scale
        passes = _passes(self.scale, scale_out)
        rgb = as_rgb(pixels)
        for index in range(passes):
            rgb = self.enlarge_rgb(rgb, progress.part(index, passes), tile)
        reached = self.scale**passes
        if reached != scale_out:
            height, width = pixels.shape[1:3] if pixels.ndim == 4 else pixels.shape[:2]
            size = (width * scale_out, height * scale_out)
            if rgb.ndim == 4:
                rgb = np.stack([cv2.resize(f, size, interpolation=cv2.INTER_AREA) for f in rgb])
            else:
                rgb = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
        if pixels.ndim == 2:
            return np.round(rgb.mean(axis=2)).astype(pixels.dtype)
        return rgb

    def restore(
        self,
        picture: Picture,
        options: RestoreOptions | None = None,
        progress: Progress | None = None,
    ) -> Picture:
        """The restored picture: colour enlarged by the network, alpha enlarged on its own,
        colour profile and metadata carried over."""
        options = options or RestoreOptions()
        scale_out = options.scale_out or self.scale
        pixels = self.enlarge(picture.pixels, scale_out, progress, options.tile)
        alpha = None
        if picture.alpha is not None:
            size = (pixels.shape[1], pixels.shape[0])
            alpha = cv2.resize(picture.alpha, size, interpolation=cv2.INTER_CUBIC)
        return replace(picture, pixels=pixels, alpha=alpha)


def _passes(model_scale: int, scale_out: int) -> int:
    """How many runs of the model reach at least ``scale_out``."""
    if scale_out < 1:
        raise RekindleError(f"the output scale must be at least 1, not {scale_out}")
    if model_scale == 1 and scale_out > 1:
        raise RekindleError("this model restores without enlarging: choose an output scale of 1")
    passes = 1
    while model_scale**passes < scale_out:
        passes += 1
    return passes
