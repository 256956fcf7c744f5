"""The conditional discriminator of the seed spec: ``disc(a, b)`` judges ``a`` given ``b``.

``a`` is a sharp or a generated image; ``b`` is the blurry image it belongs to. ``b`` is
resized to ``a``'s size and enters the main path from the side after the first convolution,
so it shapes the features the judgement rests on; the main path itself looks at what ``a``
adds to the resized ``b``. Global pooling before the fully connected
layer lets one discriminator judge any crop size. ``forward`` returns logits (losses use
binary cross-entropy with logits); ``probability`` gives the spec's sigmoid output.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

NEGATIVE_SLOPE = 0.2


class ConditionalDiscriminator(nn.Module):
    """Logit that ``a`` (N, 3, sH, sW) is a real sharp image of ``b`` (N, 3, H, W)."""

    def __init__(self, width: int = 32, depth: int = 4) -> None:
        super().__init__()
        self.hparams = {"width": width, "depth": depth}
        self.stem = nn.Conv2d(3, width, 3, padding=1)
        self.side = nn.Conv2d(3, width, 3, padding=1)
        layers: list[nn.Module] = []
        channels = width
        for level in range(depth):
            out_channels = width * min(2 ** (level + 1), 8)
            layers += [
                nn.Conv2d(channels, out_channels, 4, stride=2, padding=1),
                nn.LeakyReLU(NEGATIVE_SLOPE, inplace=True),
                nn.Conv2d(out_channels, out_channels, 3, padding=1),
                nn.LeakyReLU(NEGATIVE_SLOPE, inplace=True),
            ]
            channels = out_channels
        self.body = nn.Sequential(*layers)
        self.fc = nn.Linear(channels, 1)

    def forward(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        b_resized = F.interpolate(b, size=a.shape[-2:], mode="bicubic", align_corners=False)
        # The main path judges the detail ``a`` adds to the enlarged ``b``: real and generated
        # images differ only there, and a discriminator that sees it learns several times faster.
        detail = a - b_resized
        features = F.leaky_relu(self.stem(detail), NEGATIVE_SLOPE) + F.leaky_relu(
            self.side(b_resized), NEGATIVE_SLOPE
        )
        features = self.body(features)
        return self.fc(features.mean(dim=(2, 3))).squeeze(1)

    def probability(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        """The probability that ``a`` is a real sharp image (the seed spec's sigmoid output)."""
        return torch.sigmoid(self(a, b))
