"""Training checkpoints: written atomically, read back without unpickling arbitrary objects."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

from engine.atomic import atomic_path
from engine.errors import RekindleError


def checkpoint_path(model_path: str | os.PathLike) -> Path:
    """The checkpoint that belongs to a model file being trained."""
    path = Path(model_path)
    return path.with_name(path.stem + ".checkpoint.pt")


def metrics_path(model_path: str | os.PathLike) -> Path:
    path = Path(model_path)
    return path.with_name(path.stem + ".metrics.jsonl")


def save_checkpoint(state: dict[str, Any], path: Path) -> None:
    """Write ``state`` to a temporary file, then rename it over ``path``."""
    with atomic_path(path) as temp:
        torch.save(state, temp)


def load_checkpoint(path: Path) -> dict[str, Any]:
    """Read a checkpoint with ``weights_only=True``: tensors and plain data, never code."""
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise RekindleError(f"{path.name}: no checkpoint to resume from") from None
    except Exception as error:  # torch raises many kinds for a damaged or foreign file
        raise RekindleError(f"{path.name}: the checkpoint cannot be read ({error})") from None
