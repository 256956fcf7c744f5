"""Community models (ESRGAN, Real-ESRGAN, SwinIR, HAT, SPAN, compact networks...) through
spandrel, which recognises the architecture and scale from the weights alone and says how the
network takes tiling, what sizes it needs and whether it runs in half precision.

Weights are read without running any code from the file: safetensors as they are, pickle-based
files (.pth, .pt, .ckpt) only through ``torch.load(weights_only=True)``. TorchScript is never
loaded (spandrel would ``torch.jit.load`` a .pt file, which runs the archive's code).
"""

from __future__ import annotations

import copy
import itertools
import os
import pickle
from pathlib import Path

import torch
from safetensors.torch import load_file
from spandrel import (
    ImageModelDescriptor,
    ModelLoader,
    ModelTiling,
    UnsupportedModelError,
    canonicalize_state_dict,
)

from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.library.descriptor import (
    BYTES_PER_ACTIVATION,
    LoadedModel,
    ModelDescriptor,
    Origin,
    Tiling,
    working_set_per_pixel,
)
from engine.library.files import MODEL_SUFFIX, WEIGHT_SUFFIXES
from engine.words import say

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
PROBE_SIDE = 64
"""Side of the picture a network is measured on (on the meta device: shapes, no pixels)."""
TYPICAL_WIDTH = 64
"""Feature width assumed for a network that cannot be measured: a common convnet's."""
TILING = {
    ModelTiling.SUPPORTED: Tiling.SUPPORTED,
    ModelTiling.DISCOURAGED: Tiling.DISCOURAGED,
    ModelTiling.INTERNAL: Tiling.INTERNAL,
}


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
        raise ModelFileError(
            say("{name}: not a model file (.pth, .pt, .ckpt, .safetensors)", name=file.name)
        )
    if file.is_file() and file.stat().st_size == 0:
        raise ModelFileError(
            say(
                "{name}: the file is empty (a copy or download that did not finish?)",
                name=file.name,
            )
        )
    try:
        if suffix == MODEL_SUFFIX:
            return load_file(file)
        loaded = torch.load(file, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise ModelFileError(
            say(
                "{name}: refused: it is not plain weights (it holds Python objects, which "
                "could run code, or it is damaged); Rekindle never runs code from a model file",
                name=file.name,
            )
        ) from None
    except Exception as error:  # torch and safetensors raise many kinds for a damaged file
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelFileError(
            say(
                "{name}: not a readable model file (damaged, or a copy that did not finish?): "
                "{error}",
                name=file.name,
                error=first_line,
            )
        ) from None
    if not isinstance(loaded, dict):
        raise ModelFileError(say("{name}: holds no weights Rekindle recognises", name=file.name))
    return loaded


def _tile_context(descriptor: ImageModelDescriptor) -> int:
    """Context that keeps tiled output equal to whole-image output for this architecture."""
    window = getattr(descriptor.model, "window_size", None)
    if isinstance(window, int | tuple | list):
        side = max(window) if isinstance(window, tuple | list) else window
        return max(ATTENTION_CONTEXT_MIN, WINDOW_CONTEXT_FACTOR * int(side))
    return DEFAULT_CONTEXT


def _meta_copy(network: torch.nn.Module) -> torch.nn.Module:
    """A copy of ``network`` whose weights live on the meta device (shapes, no data), so
    running it costs neither memory nor time, and whatever it changes in itself as it runs
    (some networks cast their own constants to the input's type) stays in the copy."""
    memo: dict[int, torch.Tensor] = {}
    for tensor in itertools.chain(network.parameters(), network.buffers()):
        meta = tensor.detach().to("meta")
        is_parameter = isinstance(tensor, torch.nn.Parameter)
        memo[id(tensor)] = torch.nn.Parameter(meta, tensor.requires_grad) if is_parameter else meta
    return copy.deepcopy(network, memo)


def _working_set(network: _DescribedNetwork, descriptor: ImageModelDescriptor) -> int:
    """Rough activation bytes per input pixel: the largest output of any layer, measured on a
    copy of the network on the meta device, times a safety factor for the tensors alive
    around it; a common convnet's when it cannot be measured."""
    needs = descriptor.size_requirements
    side = max(PROBE_SIDE, needs.minimum)
    side += -side % needs.multiple_of
    largest = 0

    def measure(module: torch.nn.Module, inputs: object, output: object) -> None:
        nonlocal largest
        if isinstance(output, torch.Tensor):
            largest = max(largest, output.numel())

    try:
        probe = _meta_copy(network)
        for layer in probe.modules():
            layer.register_forward_hook(measure)
        with torch.no_grad():
            probe(torch.empty(1, descriptor.input_channels, side, side, device="meta"))
    except Exception:  # an operation with no meta version, say: fall back to a guess
        return working_set_per_pixel(4 * TYPICAL_WIDTH, TYPICAL_WIDTH, descriptor.scale)
    return 4 * BYTES_PER_ACTIVATION * -(-largest // (side * side))


def load_community_model(path: str | os.PathLike, origin: Origin = Origin.FILE) -> LoadedModel:
    """Load a community model file and describe it the way our own models are described."""
    file = Path(path)
    stamp = FileStamp.find(file)
    state = read_state_dict(file)
    try:
        descriptor = ModelLoader().load_from_state_dict(canonicalize_state_dict(state))
    except UnsupportedModelError:
        raise ModelFileError(
            say("{name}: an architecture Rekindle does not know", name=file.name)
        ) from None
    except Exception as error:  # spandrel raises many kinds for weights that do not fit
        raise ModelFileError(
            say(
                "{name}: the weights do not fit their network ({error})",
                name=file.name,
                error=error,
            )
        ) from None
    if not isinstance(descriptor, ImageModelDescriptor):
        raise ModelFileError(say("{name}: not an image-to-image model", name=file.name))
    if descriptor.input_channels != 3 or descriptor.output_channels != 3:
        raise ModelFileError(
            say(
                "{name}: works on {channels}-channel images",
                name=file.name,
                channels=descriptor.input_channels,
            )
        )
    architecture = descriptor.architecture
    if descriptor.purpose == FACE_PURPOSE:
        raise ModelFileError(
            say(
                "{name}: a face restoration model ({architecture}); it only works on faces "
                "found, cut out and aligned by a face detector, which Rekindle does not have, "
                "so it would spoil whole photos",
                name=file.name,
                architecture=architecture.name,
            )
        )
    descriptor.model.eval()
    network = _DescribedNetwork(descriptor)
    described = ModelDescriptor(
        name=file.stem,
        title="",
        architecture=architecture.id,
        architecture_name=architecture.name,
        scale=descriptor.scale,
        purpose=descriptor.purpose,
        tile_context=_tile_context(descriptor),
        size_multiple=max(1, descriptor.size_requirements.multiple_of),
        tiling=TILING[descriptor.tiling],
        supports_half=descriptor.supports_half,
        working_set=_working_set(network, descriptor),
        origin=origin,
        path=file,
        stamp=stamp,
    )
    return LoadedModel(network, described)
