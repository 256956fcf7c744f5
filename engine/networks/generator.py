"""The U-shaped super-resolution generator of the seed spec.

Left half: convolutions only, shrinking the image ``depth`` times. Right half: transposed
convolutions only, rising back to the input size and then ``log2(scale)`` stages above it
(none at scale 1: a product extension for clean-up models that remove grain, dust and JPEG
blocks without enlarging).
Same-size feature maps are joined by addition. No dropout; no activation after the last left
convolution and the last deconvolution. The bicubic-enlarged input is added to the output
(a global residual), so the network only has to learn the missing detail.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

ARCHITECTURE = "rekindle-unet"
NEGATIVE_SLOPE = 0.2


def _act() -> nn.Module:
    return nn.LeakyReLU(NEGATIVE_SLOPE, inplace=True)


def _level_width(width: int, level: int) -> int:
    """Feature width at a given level below the input: doubles per level, capped at 4x."""
    return width * min(2**level, 4)


class UNetGenerator(nn.Module):
    """Enlarge an RGB image (N, 3, H, W) in [0, 1] by ``scale`` (1, 2 or 4).

    ``width`` is the feature count at input resolution, ``depth`` the number of halvings in the
    left half, ``convs`` the convolutions per level on the left and deconvolutions per level on
    the right (besides the resampling ones), ``up_width`` the feature count above the input size.
    """

    def __init__(
        self,
        scale: int = 4,
        width: int = 32,
        depth: int = 2,
        convs: int = 1,
        up_width: int = 16,
    ) -> None:
        super().__init__()
        if scale not in (1, 2, 4):
            raise ValueError(f"scale must be 1, 2 or 4, not {scale}")
        if min(width, depth, convs, up_width) < 1:
            raise ValueError("width, depth, convs and up_width must be at least 1")
        self.hparams = {
            "scale": scale,
            "width": width,
            "depth": depth,
            "convs": convs,
            "up_width": up_width,
        }
        self.scale = scale
        self.depth = depth
        widths = [_level_width(width, level) for level in range(depth + 1)]

        self.head = nn.Conv2d(3, widths[0], 3, padding=1)
        self.left = nn.ModuleList(
            nn.ModuleList(nn.Conv2d(widths[lv], widths[lv], 3, padding=1) for _ in range(convs))
            for lv in range(depth + 1)
        )
        self.down = nn.ModuleList(
            nn.Conv2d(widths[lv], widths[lv + 1], 3, stride=2, padding=1) for lv in range(depth)
        )
        self.up = nn.ModuleList(
            nn.ConvTranspose2d(widths[lv + 1], widths[lv], 4, stride=2, padding=1)
            for lv in range(depth)
        )
        self.right = nn.ModuleList(
            nn.ModuleList(
                nn.ConvTranspose2d(widths[lv], widths[lv], 3, padding=1) for _ in range(convs)
            )
            for lv in range(depth)
        )
        stages = int(math.log2(scale))
        rise_widths = [widths[0]] + [up_width] * stages
        self.rise = nn.ModuleList(
            nn.ConvTranspose2d(rise_widths[i], rise_widths[i + 1], 4, stride=2, padding=1)
            for i in range(stages)
        )
        self.tail = nn.ConvTranspose2d(rise_widths[-1], 3, 3, padding=1)
        # An untrained network is exactly bicubic: training starts from a sound picture and
        # only learns what bicubic misses.
        nn.init.zeros_(self.tail.weight)
        nn.init.zeros_(self.tail.bias)
        self.act = _act()

    def balance_phases(self) -> None:
        """Make every stride-2 transposed convolution give its four output phases (the pixels
        at even/odd rows and columns) the same gain, so a flat input yields a flat output.

        Unbalanced phases are what draws the checkerboard of transposed convolutions; L1
        training keeps them nearly equal, but adversarial training drifts them apart. This is
        the nearest balanced kernel (each phase's taps shifted by the same amount), applied
        after each generator update. A linear constraint, so blends of balanced models stay
        balanced.
        """
        with torch.no_grad():
            for deconv in (*self.up, *self.rise):
                weight = deconv.weight  # (in, out, 4, 4): taps of one parity feed one phase
                phases = [weight[..., row::2, col::2] for row in (0, 1) for col in (0, 1)]
                gains = torch.stack([phase.sum(dim=(-2, -1)) for phase in phases])
                mean = gains.mean(dim=0)
                for phase, gain in zip(phases, gains, strict=True):
                    phase -= ((gain - mean) / phase[0, 0].numel())[..., None, None]

    @property
    def size_multiple(self) -> int:
        """Input sides must be a multiple of this (the left half halves them ``depth`` times)."""
        return 2**self.depth

    def receptive_radius(self) -> int:
        """How many input pixels on each side can influence one output pixel.

        Tiled inference gives each tile at least this much context so that the result equals
        whole-image inference.
        """
        radius, jump = 1.0, 1.0  # head: 3x3 at input scale
        convs = len(self.left[0])
        for level in range(self.depth + 1):
            radius += convs * jump  # 3x3 convolutions at this level
            if level < self.depth:
                radius += jump  # stride-2 3x3 convolution, sampled at this level's spacing
                jump *= 2
        for _level in range(self.depth):
            radius += jump  # stride-2 transposed convolution reaches one coarse pixel
            jump /= 2
            radius += convs * jump
        if self.rise:
            radius += 1  # the first rising stage reaches one input pixel; later ones less
            radius += 1  # bicubic residual: 2 input pixels, already covered; tail is sub-pixel
        else:
            radius += 1  # the tail: a 3x3 transposed convolution at input scale
        return math.ceil(radius)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        height, width = x.shape[-2:]
        multiple = self.size_multiple
        pad_h, pad_w = -height % multiple, -width % multiple
        if pad_h or pad_w:
            x = F.pad(x, (0, pad_w, 0, pad_h), mode="replicate")
        features = self.act(self.head(x))
        skips = []
        for level in range(self.depth):
            for conv in self.left[level]:
                features = self.act(conv(features))
            skips.append(features)
            features = self.act(self.down[level](features))
        *inner, last_left = self.left[self.depth]
        for conv in inner:
            features = self.act(conv(features))
        features = last_left(features)  # the last left convolution: no activation
        for level in reversed(range(self.depth)):
            features = self.act(self.up[level](features)) + skips[level]
            for deconv in self.right[level]:
                features = self.act(deconv(features))
        for stage in self.rise:
            features = self.act(stage(features))
        out = self.tail(features)  # the last deconvolution: no activation
        base = x
        if self.scale > 1:
            # bicubic runs on one thread, and slower, on a channels-last input
            base = F.interpolate(
                x.contiguous(), scale_factor=self.scale, mode="bicubic", align_corners=False
            )
        out = out + base
        if pad_h or pad_w:
            out = out[..., : height * self.scale, : width * self.scale]
        return out
