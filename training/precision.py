"""Mixed precision for training: bfloat16 autocast over float32 master weights.

bfloat16 has float32's exponent range, so gradients neither underflow nor overflow and no loss
scaling is needed (float16 needed a GradScaler per optimiser). It is the default on a CUDA GPU
that supports it, where its matrix units run several times faster than float32; elsewhere
training stays in float32 unless asked (most CPUs run bfloat16 convolutions no faster).
"""

from __future__ import annotations

import torch

AMP_MODES = ("bf16", "off")


def uses_bf16(amp: str | None, device: torch.device) -> bool:
    """Whether to autocast to bfloat16: as ``amp`` says, or by the device when it is None."""
    if amp is None:
        return device.type == "cuda" and torch.cuda.is_bf16_supported()
    if amp not in AMP_MODES:
        raise ValueError(f"amp must be one of {', '.join(AMP_MODES)}")
    return amp == "bf16"


def autocast(device: torch.device, enabled: bool) -> torch.autocast:
    """Autocast to bfloat16 on ``device`` when ``enabled``; float32 otherwise."""
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=enabled)
