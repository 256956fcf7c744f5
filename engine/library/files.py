"""Which files are models: told by their suffix alone, since photos are never .safetensors,
.pth, .pt or .ckpt."""

from __future__ import annotations

import os
from pathlib import Path

MODEL_SUFFIX = ".safetensors"
WEIGHT_SUFFIXES = (MODEL_SUFFIX, ".pth", ".pt", ".ckpt")
"""Model files Rekindle loads: its own safetensors, and community weights in any of these."""


def is_model_file(path: str | os.PathLike) -> bool:
    """Whether a file (dropped, say) is a model rather than a photo."""
    return Path(path).suffix.lower() in WEIGHT_SUFFIXES


def model_files(folder: Path) -> list[Path]:
    """The model files in ``folder``, by name (hidden files are sidecars or imports under way)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if is_model_file(p) and not p.name.startswith(".") and p.is_file()
    )
