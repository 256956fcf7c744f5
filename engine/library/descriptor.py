"""What a loaded model is, whichever kind of file it came from: Rekindle's own model files and
community weights both load into a ``LoadedModel``, whose ``ModelDescriptor`` is all the tiler,
the command line, the app and the trainer read about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import torch

from engine.filestamp import FileStamp

BYTES_PER_ACTIVATION = 4
ENLARGING = "SR"
RESTORING = "Restoration"
"""Purposes, in spandrel's words: enlarging (super-resolution), or restoring at 1x."""


class Origin(Enum):
    """Where a model came from."""

    BUILT_IN = "built-in"  # shipped in resources/models
    IMPORTED = "imported"  # in the user's models folder, imported or put there by hand
    TRAINED = "trained"  # in the user's models folder, trained in the wizard
    FILE = "file"  # named by its path

    @property
    def is_users(self) -> bool:
        """Whether the model is one of the user's own (so it may be removed)."""
        return self in (Origin.IMPORTED, Origin.TRAINED)


class Tiling(Enum):
    """How a network takes being run tile by tile (spandrel's ``ModelTiling``)."""

    SUPPORTED = "supported"
    DISCOURAGED = "discouraged"  # it leans on the whole picture: seams may show
    INTERNAL = "internal"  # it tiles (or the like) by itself


@dataclass(frozen=True)
class ModelDescriptor:
    """Everything callers need to know about a loaded model, without asking its network.

    ``title`` is the name a Rekindle model file gives itself; community files give none, and
    are called after their file, architecture and scale (see ``display_name``).
    ``working_set`` is a rough count of activation bytes per input pixel, for tile sizing.
    """

    name: str
    title: str
    architecture: str  # its registry id, e.g. "rekindle-unet" or spandrel's "ESRGAN"
    architecture_name: str  # for people, e.g. "Rekindle U-Net" or "RealESRGAN Compact"
    scale: int
    purpose: str  # in spandrel's words: ENLARGING, RESTORING...
    tile_context: int
    size_multiple: int
    tiling: Tiling
    supports_half: bool
    working_set: int
    origin: Origin = Origin.FILE
    path: Path | None = None
    stamp: FileStamp | None = None  # the file as it was when the model was loaded
    hparams: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    # a blend's models and their shares (``engine.library.blend``); none for a model alone
    blended_from: tuple[tuple[ModelDescriptor, float], ...] = ()

    @property
    def display_name(self) -> str:
        return self.title or f"{self.name} ({self.architecture_name} {self.scale}x)"


@dataclass
class LoadedModel:
    """A network ready to run, and what it is."""

    network: torch.nn.Module
    descriptor: ModelDescriptor


def model_key(path: Path, origin: Origin) -> str:
    """What a model file is chosen by wherever models are chosen (``open_model``, a
    ``ModelRequest``): a built-in model's name, else the file's path (so a user file never
    hides behind a built-in name), resolved, so that one file has one key however its path
    was written (relative, "./", absolute, through a link)."""
    return path.stem if origin is Origin.BUILT_IN else str(path.resolve())


def purpose_of(scale: int) -> str:
    """The purpose of one of Rekindle's own models, which follows from its scale."""
    return ENLARGING if scale > 1 else RESTORING


def working_set_per_pixel(width: int, up_width: int, scale: int) -> int:
    """Rough bytes of activations per input pixel: ``width`` channels at input size plus
    ``up_width`` at the output size, times a safety factor for the convolution buffers."""
    return 4 * BYTES_PER_ACTIVATION * (width + up_width * scale * scale)
