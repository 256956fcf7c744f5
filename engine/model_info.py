"""What a loaded model is, whichever kind of file it came from: Rekindle's own model files
(``engine.models``) and community weights (``engine.community``) both load into these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

MODEL_SUFFIX = ".safetensors"
WEIGHT_SUFFIXES = (MODEL_SUFFIX, ".pth", ".pt", ".ckpt")
"""Model files Rekindle loads: its own safetensors, and community weights in any of these."""


@dataclass(frozen=True)
class ModelInfo:
    """What callers need to know about a loaded model, without asking the network."""

    name: str
    display_name: str
    architecture: str
    scale: int
    hparams: dict[str, Any]
    tile_context: int
    size_multiple: int
    supports_half: bool = True
    training: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    source: str = "file"


@dataclass
class LoadedModel:
    network: torch.nn.Module
    info: ModelInfo
