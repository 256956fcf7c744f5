"""The generator's content loss: how far its output is from the sharp crop, pixel by pixel
and, optionally, frequency by frequency.

L1 is the seed spec's choice. Charbonnier (``sqrt(d² + eps²)``) is L1 with a rounded bottom,
whose gradient fades near zero instead of flipping sign, as the best small networks train. The
FFT term compares the 2-D spectra of output and target, which weighs the fine detail that a
pixel loss averages away. Everything is computed in float32, also under autocast.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from training.config import TrainingConfig

CHARBONNIER_EPS = 1e-3


def charbonnier(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """The mean of ``sqrt((output - target)² + eps²)``."""
    return torch.sqrt((output - target).square() + CHARBONNIER_EPS**2).mean()


def fft_l1(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """The mean absolute difference of the real and imaginary parts of both images' 2-D
    spectra (``rfft2``, orthonormal: the same scale as the pixels, whatever the patch)."""
    spectra = [torch.view_as_real(torch.fft.rfft2(x, norm="ortho")) for x in (output, target)]
    return F.l1_loss(*spectra)


PIXEL_LOSSES = {"l1": F.l1_loss, "charbonnier": charbonnier}


def content_loss(
    output: torch.Tensor, target: torch.Tensor, config: TrainingConfig
) -> torch.Tensor:
    """``config``'s pixel loss plus ``fft_weight`` times the spectral one, in float32."""
    with torch.autocast(output.device.type, enabled=False):
        output, target = output.float(), target.float()
        loss = PIXEL_LOSSES[config.content_loss](output, target)
        if config.fft_weight:
            loss = loss + config.fft_weight * fft_l1(output, target)
    return loss
