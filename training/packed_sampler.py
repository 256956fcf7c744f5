"""Random sharp patches cut on the training device from a pack held there whole.

A fast GPU takes hundreds of patches a step; cutting them on the CPU with Python would starve
it. So the pack's images are decoded once (by a thread each core) into one flat uint8 buffer
in device memory, and each step draws the images, the corners and one of the eight dihedral
transforms (quarter turns, with or without a flip) with a device generator, turns them into
one index tensor and gathers the whole batch at once: no loop over samples.

An image is drawn in proportion to how many distinct patch positions it holds, so a large
photo gives more patches than a small one, but at most ``MOST_DRAWN`` times as often as the
median image: one panorama among a family's phone photos would otherwise give most of them.
The batch of a step is a pure function of (seed, rank, step, size) on a device type: its
generator is seeded from a hash of the first three, so a resumed run needs only the step
number. Under several processes each rank holds the images ``[rank::world]``. With
``shrink`` below 1 each batch cuts squares up to 1 / shrink times the patch and reduces them
evenly (antialiased bicubic, as ``prepare --shrink`` does): large, soft photos then give
patches as dense in detail as small sharp ones; with ``grey`` above 0 that share of the
patches is made black-and-white (``training.monochrome``). Like ``training.pack_format``
this imports only torch, numpy, OpenCV and safetensors, which is all a training machine may
have.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from engine.errors import RekindleError
from engine.pixels import UINT8_MAX
from engine.words import say
from training.config import SHRINK_RANGE
from training.monochrome import grey_some
from training.pack_format import read_pack

CHANNELS = 3
DIHEDRAL_TRANSFORMS = 8
TRANSPOSE, FLIP_ROWS, FLIP_COLUMNS = 1, 2, 4
"""Bits of a transform's number: the eight combinations are the eight dihedral transforms."""
DECODE_THREADS = os.cpu_count()
MOST_DRAWN = 4.0
"""How many times as often as the median image (by patch positions) an image is drawn at most."""


def step_seed(seed: int, rank: int, step: int) -> int:
    """A well-mixed 64-bit generator seed for one step of one rank (numpy's SeedSequence)."""
    return int(np.random.SeedSequence((seed, rank, step)).generate_state(1, np.uint64)[0])


class PackedSampler:
    """Batches of random ``patch``-sided sharp patches from the images of a pack.

    ``left_out`` counts this rank's images whose shorter side is below ``patch``.
    """

    def __init__(
        self,
        pack: str | os.PathLike,
        patch: int,
        device: torch.device,
        seed: int = 0,
        rank: int = 0,
        world: int = 1,
        shrink: float = 1.0,
        grey: float = 0.0,
    ) -> None:
        if patch < 1:
            raise ValueError("the patch side must be at least 1 pixel")
        if not SHRINK_RANGE[0] <= shrink <= SHRINK_RANGE[1]:
            raise ValueError(f"shrink must lie between {SHRINK_RANGE[0]} and 1 (1: never reduced)")
        loaded = read_pack(pack)
        shard = range(rank, len(loaded), world)
        entries = loaded.entries
        fitting = [i for i in shard if min(entries[i]["height"], entries[i]["width"]) >= patch]
        self.left_out = len(shard) - len(fitting)
        if not fitting:
            raise RekindleError(
                say(
                    "{name}: no image of this process's share is {patch} px or more on its "
                    "shorter side; choose a smaller patch",
                    name=Path(pack).name,
                    patch=patch,
                )
            )
        heights = np.array([entries[i]["height"] for i in fitting], dtype=np.int64)
        widths = np.array([entries[i]["width"] for i in fitting], dtype=np.int64)
        counts = heights * widths
        starts = np.cumsum(counts) - counts
        pixels = np.empty((int(counts.sum()), CHANNELS), dtype=np.uint8)

        def place(slot: int) -> None:
            image = loaded.image(fitting[slot])
            pixels[starts[slot] : starts[slot] + counts[slot]] = image.reshape(-1, CHANNELS)

        with ThreadPoolExecutor(DECODE_THREADS) as pool:
            list(pool.map(place, range(len(fitting))))
        self.device = torch.device(device)
        self.patch = patch
        self.seed = seed
        self.rank = rank
        self._pixels = torch.from_numpy(pixels).to(self.device)
        self._starts = torch.from_numpy(starts).to(self.device)
        self._heights = torch.from_numpy(heights).to(self.device)
        self._widths = torch.from_numpy(widths).to(self.device)
        self.shrink = shrink
        self.grey = grey

    def __len__(self) -> int:
        return len(self._starts)

    def _side(self, generator: torch.Generator) -> int:
        """The side of this batch's squares: the patch, or with ``shrink`` below 1 a square up
        to 1 / shrink times larger that is then reduced to the patch (at most what the
        largest image allows)."""
        if self.shrink >= 1.0:
            return self.patch
        factor = self.shrink + (1.0 - self.shrink) * float(
            torch.rand(1, generator=generator, device=self.device)
        )
        largest = int(torch.minimum(self._heights, self._widths).max())
        return min(round(self.patch / factor), largest)

    def sharp_batch(self, size: int, step: int) -> torch.Tensor:
        """(size, 3, patch, patch) float32 patches in [0, 1] on the device, channels last."""
        generator = torch.Generator(device=self.device)
        generator.manual_seed(step_seed(self.seed, self.rank, step))
        draw = {"generator": generator, "device": self.device}
        side = self._side(generator)
        positions = (self._heights - side + 1).clamp(min=0) * (self._widths - side + 1).clamp(min=0)
        images = torch.multinomial(_capped(positions), size, replacement=True, generator=generator)
        widths = self._widths[images].view(-1, 1, 1)
        room = side - 1
        offsets = torch.arange(side, device=self.device)
        down, across = offsets.view(1, side, 1), offsets.view(1, 1, side)
        top = torch.rand(size, dtype=torch.float64, **draw) * (self._heights[images] - room)
        left = torch.rand(size, dtype=torch.float64, **draw) * (widths.view(-1) - room)
        transform = torch.randint(DIHEDRAL_TRANSFORMS, (size, 1, 1), **draw)
        transposed = (transform & TRANSPOSE).bool()
        rows = torch.where(transposed, across, down)
        columns = torch.where(transposed, down, across)
        rows = torch.where((transform & FLIP_ROWS).bool(), room - rows, rows)
        columns = torch.where((transform & FLIP_COLUMNS).bool(), room - columns, columns)
        rows += top.long().view(-1, 1, 1)
        columns += left.long().view(-1, 1, 1)
        index = self._starts[images].view(-1, 1, 1) + rows * widths + columns
        patches = self._pixels[index]  # (size, side, side, 3): the one gather
        sharp = patches.permute(0, 3, 1, 2).float().div_(UINT8_MAX)
        if side != self.patch:
            sharp = F.interpolate(sharp, size=(self.patch,) * 2, mode="bicubic", antialias=True)
            sharp = sharp.clamp_(0.0, 1.0).mul_(UINT8_MAX).round_().div_(UINT8_MAX)
        return grey_some(sharp, self.grey, generator)


def _capped(positions: torch.Tensor) -> torch.Tensor:
    """How often each image is drawn: its patch positions, at most ``MOST_DRAWN`` times those
    of the median image that holds any."""
    weights = positions.double()
    return weights.clamp(max=MOST_DRAWN * torch.quantile(weights[weights > 0], 0.5))
