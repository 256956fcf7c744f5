"""Tiled inference for images of any size, independent of which network runs the tiles.

The image is cut into tiles; each tile is run with ``context`` extra input pixels on every side
(at least the network's receptive radius), and only its centre is kept, so the result equals
whole-image inference. Tile corners sit on multiples of the network's size multiple, so a
network that halves the image sees the same pixel grid in a tile as in the whole image.
The output is one preallocated array; a tile that runs out of device memory is split in four
and retried, not the job failed. An output smaller than the network's scale is made by
averaging each tile's result over ``shrink`` x ``shrink`` blocks as the tile comes out, so the
full-scale result never exists whole (tile corners fall on multiples of ``shrink`` in the
network's output, so the blocks are those of the whole picture). A stack of same-sized images
(frames of a film) goes through tile by tile together, as one batch per tile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from engine.devices import is_out_of_memory
from engine.errors import RekindleError
from engine.pixels import peak, stack_from_tensor
from engine.progress import Progress, silent
from engine.words import say

TileRunner = Callable[[torch.Tensor], torch.Tensor]
"""Runs the network on a (n, 3, h, w) float tensor in [0, 1]; returns (n, 3, h*s, w*s)."""
TileWatcher = Callable[[Progress], None]
"""Told, before each tile runs, the tile's share of the job's progress: where the network can
report how far through the tile it is (one tile of a slow network can take minutes)."""

MIN_TILE = 16


@dataclass(frozen=True)
class TileGeometry:
    scale: int
    tile: int  # tile side in input pixels, a multiple of ``multiple``
    context: int  # extra input pixels on each side of a tile
    multiple: int  # tile corners and sides are multiples of this


def round_up(value: int, multiple: int) -> int:
    return -(-value // multiple) * multiple


def _pad_to_multiple(stack: np.ndarray, multiple: int) -> np.ndarray:
    """Pad an NxHxWx3 stack at the bottom and right to multiples of ``multiple``."""
    pad_h, pad_w = -stack.shape[1] % multiple, -stack.shape[2] % multiple
    if not (pad_h or pad_w):
        return stack
    return np.pad(stack, ((0, 0), (0, pad_h), (0, pad_w), (0, 0)), mode="edge")


class _TiledJob:
    """One image's (or one stack of images') tiles: runs them, writes their centres into
    ``out`` (NxHxWx3, like ``padded``), reports progress."""

    def __init__(
        self,
        run: TileRunner,
        padded: np.ndarray,
        out: np.ndarray,
        geometry: TileGeometry,
        progress: Progress,
        shrink: int,
        device: torch.device,
        watch: TileWatcher | None,
    ) -> None:
        self.run = run
        self.watch = watch
        self.device = device
        self.padded = padded
        self.out = out
        self.geometry = geometry
        self.progress = progress
        self.shrink = shrink
        self.done_area = 0
        self.total_area = padded.shape[1] * padded.shape[2]
        self.inv_peak = 1.0 / peak(padded.dtype)

    def _tile_tensor(self, y0: int, x0: int, y1: int, x1: int) -> torch.Tensor:
        """The tile as floats in [0, 1] on the network's device: 8-bit pixels travel there as
        bytes and become floats there (a quarter of the bytes to a GPU); 16-bit ones, which
        not every device copies, become floats here."""
        patch = np.ascontiguousarray(self.padded[:, y0:y1, x0:x1])
        tensor = torch.from_numpy(patch).permute(0, 3, 1, 2)
        if patch.dtype == np.uint8:
            tensor = tensor.to(self.device)
        return tensor.float().mul_(self.inv_peak)

    def region(self, y: int, x: int, height: int, width: int, tile: int) -> None:
        """Run every tile of the region at (y, x); split tiles that run out of memory."""
        for ty in range(y, y + height, tile):
            for tx in range(x, x + width, tile):
                self.progress.check()
                th, tw = min(tile, y + height - ty), min(tile, x + width - tx)
                try:
                    self._one_tile(ty, tx, th, tw)
                except Exception as error:
                    smaller = tile // 2 - (tile // 2) % self.geometry.multiple
                    if not is_out_of_memory(error):
                        raise
                    if smaller < max(MIN_TILE, self.geometry.multiple):
                        raise RekindleError(
                            say(
                                "the device ran out of memory even for the smallest tile; "
                                "choose the CPU or close other programs"
                            )
                        ) from error
                    _release_device_memory()
                    self.region(ty, tx, th, tw, smaller)

    def _one_tile(self, ty: int, tx: int, th: int, tw: int) -> None:
        g = self.geometry
        height, width = self.padded.shape[1:3]
        y0, x0 = max(0, ty - g.context), max(0, tx - g.context)
        y1, x1 = min(height, ty + th + g.context), min(width, tx + tw + g.context)
        if self.watch is not None:
            self.watch(self._share(th * tw))
        result = self.run(self._tile_tensor(y0, x0, y1, x1))
        s, k = g.scale, self.shrink
        o = s // k  # output pixels per input pixel
        top, left = (ty - y0) * s, (tx - x0) * s
        out_h = min(th * o, self.out.shape[1] - ty * o)
        out_w = min(tw * o, self.out.shape[2] - tx * o)
        if out_h > 0 and out_w > 0:
            centre = result[..., top : top + out_h * k, left : left + out_w * k]
            if k > 1:
                centre = F.avg_pool2d(centre.clamp(0, 1), k)
            pixels = stack_from_tensor(centre, self.out.dtype)
            self.out[:, ty * o : ty * o + out_h, tx * o : tx * o + out_w] = pixels
        self.done_area += th * tw
        self.progress.update(self.done_area, self.total_area, unit="pixel")

    def _share(self, area: int) -> Progress:
        """The share of the progress of the next ``area`` pixels."""
        done, total = self.done_area, self.total_area
        return self.progress.span(done / total, (done + area) / total)


def _release_device_memory() -> None:
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def upscale_tiled(
    run: TileRunner,
    rgb: np.ndarray,
    geometry: TileGeometry,
    progress: Progress | None = None,
    shrink: int = 1,
    device: torch.device | None = None,
    watch: TileWatcher | None = None,
) -> np.ndarray:
    """Enlarge HxWx3 uint8/uint16 ``rgb`` by ``geometry.scale / shrink`` tile by tile
    (``shrink`` divides the scale); ``device``: where ``run``'s network is (the CPU if None),
    for the tiles to be made floats there; ``watch``: told each tile's share of ``progress``
    before the tile runs.

    Returns a new array of the same dtype, (H*o, W*o, 3) for o = s / shrink. A stack NxHxWx3 of
    same-sized images gives NxH*oxW*ox3, each tile running as one batch of N. Raises
    ``Cancelled`` between tiles when the progress's token is cancelled.
    """
    progress = progress or silent()
    g = geometry
    if shrink < 1 or g.scale % shrink:
        raise ValueError(f"a {g.scale}x network's result cannot be shrunk by {shrink}")
    o = g.scale // shrink
    stack = rgb if rgb.ndim == 4 else rgb[None]
    count, height, width = stack.shape[:3]
    out = np.empty((count, height * o, width * o, 3), dtype=rgb.dtype)
    padded = _pad_to_multiple(stack, g.multiple)
    tile = max(round_up(g.tile, g.multiple), g.multiple)
    aligned = TileGeometry(g.scale, tile, round_up(g.context, g.multiple), g.multiple)
    device = device or torch.device("cpu")
    job = _TiledJob(run, padded, out, aligned, progress, shrink, device, watch)
    job.region(0, 0, padded.shape[1], padded.shape[2], tile)
    return out if rgb.ndim == 4 else out[0]
