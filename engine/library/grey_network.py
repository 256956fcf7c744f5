"""Running a model made for grey pictures (one channel in, one out) on Rekindle's RGB ones.

Many community models for black-and-white photos, scans and manga are one-channel. The
network sees the picture's brightness (luma) and its result replaces the brightness of the
picture enlarged by bicubic, channel by channel, so the colours come from the picture and
the detail from the network. A grey picture (three equal channels) comes out exactly as the
network made it, in three equal channels."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from engine.fading import LUMA


class GreyNetwork(torch.nn.Module):
    """``network`` (one channel in, one out, enlarging ``scale`` times) taking and giving
    RGB batches."""

    def __init__(self, network: torch.nn.Module, scale: int) -> None:
        super().__init__()
        self.network = network  # a submodule, so moving this to a device moves it
        self.scale = scale
        self.register_buffer("luma", torch.from_numpy(LUMA).view(1, 3, 1, 1), persistent=False)

    def forward(self, rgb: torch.Tensor) -> torch.Tensor:
        luma = self.luma.to(rgb.dtype)
        grey = (rgb * luma).sum(dim=1, keepdim=True)
        made = self.network(grey)
        enlarged = rgb if self.scale == 1 else _bicubic(rgb, self.scale)
        return enlarged + (made - (enlarged * luma).sum(dim=1, keepdim=True))


def _bicubic(rgb: torch.Tensor, scale: int) -> torch.Tensor:
    return F.interpolate(rgb, scale_factor=scale, mode="bicubic", align_corners=False)
