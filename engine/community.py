"""Community models (ESRGAN, Real-ESRGAN, SwinIR, HAT, SPAN, compact networks...) through
spandrel, which recognises the architecture and scale from the weights alone.

Weights are read without running any code from the file: safetensors as they are, pickle-based
files (.pth, .pt, .ckpt) only through ``torch.load(weights_only=True)``. TorchScript is never
loaded (spandrel would ``torch.jit.load`` a .pt file, which runs the archive's code).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import torch
from safetensors.torch import load_file
from spandrel import (
    ImageModelDescriptor,
    ModelLoader,
    UnsupportedModelError,
    canonicalize_state_dict,
)

from engine.errors import ModelFileError
from engine.model_info import WEIGHT_SUFFIXES, LoadedModel, ModelInfo

DEFAULT_CONTEXT = 24
"""Tile context, in input pixels, for convolutional networks of unknown reach."""
WINDOW_CONTEXT_FACTOR = 2
"""Transformers attend within shifted windows: give tiles two windows of context."""
ATTENTION_CONTEXT_MIN = 32
ONE_IMAGE_CALLS = frozenset({"DRUNet", "DnCNN"})
"""Architectures whose spandrel call adds a noise-level map made for one image, so a batch
(a film's frames on CUDA) must go through them one image at a time."""
FACE_PURPOSE = "FaceSR"
"""spandrel's purpose for face restoration models (GFPGAN, RestoreFormer, CodeFormer)."""


class _DescribedNetwork(torch.nn.Module):
    """A spandrel network called the way its architecture needs (some add a noise-level map,
    normalise their input or return several outputs), as a plain module the tiler can run."""

    def __init__(self, descriptor: ImageModelDescriptor) -> None:
        super().__init__()
        self.network = descriptor.model  # a submodule, so moving this to a device moves it
        self._descriptor = descriptor
        self._one_at_a_time = descriptor.architecture.id in ONE_IMAGE_CALLS

    def forward(self, tensor: torch.Tensor) -> torch.Tensor:
        if self._one_at_a_time and len(tensor) > 1:
            return torch.cat([self._descriptor(image) for image in tensor.split(1)])
        return self._descriptor(tensor)


def read_state_dict(path: str | os.PathLike) -> dict[str, torch.Tensor]:
    """The tensors of a weights file, refusing anything that would need code to be run."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in WEIGHT_SUFFIXES:
        raise ModelFileError(f"{file.name}: not a model file (.pth, .pt, .ckpt, .safetensors)")
    try:
        if suffix == ".safetensors":
            return load_file(file)
        loaded = torch.load(file, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise ModelFileError(
            f"{file.name}: refused: it is not plain weights (it holds Python objects, which "
            "could run code, or it is damaged); Rekindle never runs code from a model file"
        ) from None
    except Exception as error:  # torch and safetensors raise many kinds for a damaged file
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelFileError(f"{file.name}: not a readable model file ({first_line})") from None
    if not isinstance(loaded, dict):
        raise ModelFileError(f"{file.name}: holds no weights Rekindle recognises")
    return loaded


def _tile_context(descriptor: ImageModelDescriptor) -> int:
    """Context that keeps tiled output equal to whole-image output for this architecture."""
    window = getattr(descriptor.model, "window_size", None)
    if isinstance(window, int | tuple | list):
        side = max(window) if isinstance(window, tuple | list) else window
        return max(ATTENTION_CONTEXT_MIN, WINDOW_CONTEXT_FACTOR * int(side))
    return DEFAULT_CONTEXT


def load_community_model(path: str | os.PathLike, *, source: str = "file") -> LoadedModel:
    """Load a community model file and describe it the way our own models are described."""
    file = Path(path)
    state = read_state_dict(file)
    try:
        descriptor = ModelLoader().load_from_state_dict(canonicalize_state_dict(state))
    except UnsupportedModelError:
        raise ModelFileError(f"{file.name}: an architecture Rekindle does not know") from None
    except Exception as error:  # spandrel raises many kinds for weights that do not fit
        message = f"{file.name}: the weights do not fit their network ({error})"
        raise ModelFileError(message) from None
    if not isinstance(descriptor, ImageModelDescriptor):
        raise ModelFileError(f"{file.name}: not an image-to-image model")
    if descriptor.input_channels != 3 or descriptor.output_channels != 3:
        raise ModelFileError(f"{file.name}: works on {descriptor.input_channels}-channel images")
    architecture = descriptor.architecture
    if descriptor.purpose == FACE_PURPOSE:
        raise ModelFileError(
            f"{file.name}: a face restoration model ({architecture.name}); it only works on "
            "faces found, cut out and aligned by a face detector, which Rekindle does not have, "
            "so it would spoil whole photos"
        )
    descriptor.model.eval()
    info = ModelInfo(
        name=file.stem,
        display_name=f"{file.stem} ({architecture.name} {descriptor.scale}x)",
        architecture=architecture.id,
        scale=descriptor.scale,
        hparams={},
        tile_context=_tile_context(descriptor),
        size_multiple=max(1, descriptor.size_requirements.multiple_of),
        supports_half=descriptor.supports_half,
        training={"purpose": descriptor.purpose},
        path=file,
        source=source,
    )
    return LoadedModel(_DescribedNetwork(descriptor), info)
