"""Black-and-white training crops: a share of the sharp crops made grey before the blurry side
is made from them.

Half of what people bring is black-and-white (prints, film), yet the training photos are all
in colour, and a GAN fine-tune learns to add faint colour texture to a grey picture. A grey
crop on both sides (the blurry one made from the grey sharp one, its damage included) teaches
the network that grey stays grey. The same BT.601 weights in both versions: numpy for
``prepare``, torch for batches cut on the training device.
"""

from __future__ import annotations

import numpy as np
import torch

LUMA = (0.299, 0.587, 0.114)
"""BT.601 luma weights for R, G, B."""


def grey_rgb(rgb: np.ndarray) -> np.ndarray:
    """An 8-bit RGB picture as grey: its luma, rounded, in all three channels."""
    luma = np.rint(rgb.astype(np.float32) @ np.array(LUMA, np.float32))
    return np.repeat(np.clip(luma, 0, 255).astype(np.uint8)[..., None], 3, axis=-1)


def grey_some(sharp: torch.Tensor, share: float, generator: torch.Generator) -> torch.Tensor:
    """A batch of (N, 3, H, W) pictures in [0, 1] on the 8-bit grid, each made grey (as
    ``grey_rgb``) with probability ``share``; a share of 0 draws nothing from ``generator``."""
    if share <= 0.0:
        return sharp
    chosen = torch.rand(sharp.shape[0], generator=generator, device=sharp.device) < share
    weights = torch.tensor(LUMA, device=sharp.device, dtype=sharp.dtype).view(1, 3, 1, 1)
    luma = (sharp * weights).sum(dim=1, keepdim=True).mul_(255).round_().div_(255)
    return torch.where(chosen.view(-1, 1, 1, 1), luma.expand_as(sharp), sharp)
