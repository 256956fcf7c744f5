"""Community models (ESRGAN, Real-ESRGAN, SwinIR, HAT, SPAN, compact networks...) through
spandrel, which recognises the architecture and scale from the weights alone and says how the
network takes tiling, what sizes it needs and whether it runs in half precision.

Weights are read without running any code from the file: safetensors as they are, PyTorch's
pickle-based files only through ``torch.load(weights_only=True)``. Which of the two a file
holds is told by its content, not its suffix (a safetensors download named .pth loads). A
TorchScript program is never loaded (spandrel would ``torch.jit.load`` it, which runs the
archive's code). Torch's warnings for a network's authors (``torch.meshgrid``'s indexing, a
pickle's protocol) are kept off the command line while a model loads and runs.
"""

from __future__ import annotations

import copy
import itertools
import logging
import math
import os
import pickle
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path, PurePosixPath

import torch
from safetensors.torch import load_file
from spandrel import (
    MAIN_REGISTRY,
    ArchSupport,
    ImageModelDescriptor,
    MaskedImageModelDescriptor,
    ModelTiling,
    canonicalize_state_dict,
)

from engine.errors import ModelFileError, plain_reason
from engine.filestamp import FileStamp
from engine.library.descriptor import (
    BYTES_PER_ACTIVATION,
    LoadedModel,
    ModelDescriptor,
    Origin,
    Tiling,
    working_set_per_pixel,
)
from engine.library.files import refuse_unless_model_file
from engine.library.grey_network import GreyNetwork
from engine.words import say

log = logging.getLogger(__name__)

DEFAULT_CONTEXT = 24
"""Tile context, in input pixels, for convolutional networks of unknown reach."""
WINDOW_CONTEXT_FACTOR = 2
"""Transformers attend within shifted windows: give tiles two windows of context."""
ATTENTION_CONTEXT_MIN = 32
WINDOW_ATTRIBUTES = ("window_size", "split_size", "ws")
"""Where attention networks keep the sides of the windows they cut the picture into:
``window_size`` (SwinIR, Swin2SR, HAT, DRCT, ATD, OmniSR, DCTLSA, CRAFT, GRL, SCUNet),
``split_size`` (the rectangles of DAT, RGT and CRAFT, cut both ways round), ``ws`` (FDAT)."""
SCUNET_SHRINK = 8
"""SCUNet cuts windows on features shrunk up to 8 times (it pads its input to 64 pixels)."""
ONE_IMAGE_CALLS = frozenset({"DRUNet", "DnCNN"})
"""Architectures whose spandrel call adds a noise-level map made for one image, so a batch
(a film's frames on CUDA) must go through them one image at a time."""
RGB_CHANNELS = (3, 3)
GREY_CHANNELS = (1, 1)
"""The channels a model may take and make: colour, or grey (run on the picture's brightness,
``GreyNetwork``)."""
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
        with _torch_warnings_silenced():
            if self._one_at_a_time and len(tensor) > 1:
                return torch.cat([self._descriptor(image) for image in tensor.split(1)])
            return self._descriptor(tensor)


ZIP_MAGIC = b"PK\x03\x04"
"""How a zip archive begins: PyTorch's own files (since 1.6) and TorchScript programs are zips."""
PICKLE_MAGIC = b"\x80"
"""How a pickle of protocol 2 or later begins: PyTorch's files before its zip format."""
SAFETENSORS_LENGTH_BYTES = 8
"""A safetensors file begins with its JSON header's length, then the header's opening '{'."""
PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
"""How PNG, JPEG and TIFF files begin (a photo renamed by mistake)."""
TORCHSCRIPT_ENTRIES = ("constants.pkl", "code")
"""Entries only a TorchScript program's zip holds, in its top folder (a file and a folder)."""
TORCH_PICKLE_ENTRY = "data.pkl"
"""The entry of PyTorch's zip that holds its pickle."""


class _Content(Enum):
    """What a weights file holds, as ``_content`` tells it."""

    SAFETENSORS = "safetensors"
    PYTORCH = "pytorch"  # torch.save's zip, or its older plain pickle
    TORCHSCRIPT = "torchscript"
    ARCHIVE = "archive"  # a zip of other files
    CUT_SHORT = "cut short"  # a zip whose end (where its list of entries is) is missing
    PICTURE = "picture"
    UNKNOWN = "unknown"


def _zip_content(file: Path) -> _Content:
    """What a zip holds, told by the names of its entries."""
    try:
        with zipfile.ZipFile(file) as archive:
            entries = [PurePosixPath(name).parts for name in archive.namelist()]
    except zipfile.BadZipFile:
        return _Content.CUT_SHORT
    if any(len(parts) > 1 and parts[1] in TORCHSCRIPT_ENTRIES for parts in entries):
        return _Content.TORCHSCRIPT
    if any(parts[-1] == TORCH_PICKLE_ENTRY for parts in entries if parts):
        return _Content.PYTORCH
    return _Content.ARCHIVE


def _content(file: Path) -> _Content:
    """What ``file`` holds, told by its first bytes (a zip by its entries), never by its
    suffix: people rename files, and downloads come named for another format."""
    with file.open("rb") as stream:
        head = stream.read(SAFETENSORS_LENGTH_BYTES + 1)
    if head.startswith(ZIP_MAGIC):
        return _zip_content(file)
    if head.startswith(PICTURE_MAGIC):
        return _Content.PICTURE
    if head[SAFETENSORS_LENGTH_BYTES:] == b"{":
        return _Content.SAFETENSORS
    if head.startswith(PICKLE_MAGIC):
        return _Content.PYTORCH
    return _Content.UNKNOWN


@contextmanager
def _torch_warnings_silenced() -> Iterator[None]:
    """Torch's and spandrel's UserWarnings (``torch.meshgrid`` wanting its indexing argument,
    a pickle of another protocol) speak to a network's authors, not to someone restoring
    photos: hidden within the block only."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"(torch|spandrel)\b")
        yield


def _damaged(name: str) -> ModelFileError:
    return ModelFileError(
        say(
            "{name}: the file is damaged or cut short (a copy or download that did not finish?)",
            name=name,
        )
    )


def _refusal(content: _Content, name: str) -> ModelFileError | None:
    """Why a file holding ``content`` cannot be weights, or None where it may be."""
    if content is _Content.TORCHSCRIPT:
        return ModelFileError(
            say(
                "{name}: refused: a TorchScript program rather than plain weights, and "
                "Rekindle never runs code from a model file; look for the model as .pth or "
                ".safetensors weights",
                name=name,
            )
        )
    if content is _Content.ARCHIVE:
        return ModelFileError(
            say(
                "{name}: a zip archive, not a model file; unpack it and use the model file inside",
                name=name,
            )
        )
    if content is _Content.PICTURE:
        return ModelFileError(say("{name}: a picture, not a model file", name=name))
    if content is _Content.CUT_SHORT:
        return _damaged(name)
    if content is _Content.UNKNOWN:
        return ModelFileError(
            say(
                "{name}: not a readable model file: neither safetensors nor PyTorch weights",
                name=name,
            )
        )
    return None


def _load_safetensors(file: Path) -> dict[str, torch.Tensor]:
    try:
        return load_file(file)
    except OSError:  # the disk's fault, not the file's: said as such by the caller
        raise
    except Exception:  # safetensors raises several kinds for a file cut short or damaged
        raise _damaged(file.name) from None


def _load_pytorch(file: Path) -> object:
    """PyTorch's weights, through its loader that runs no code; from a stream, since
    ``torch.load`` reads a path named .safetensors as safetensors whatever it holds."""
    try:
        with file.open("rb") as stream:
            return torch.load(stream, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise ModelFileError(
            say(
                "{name}: refused: it is not plain weights (it holds Python objects, which "
                "could run code, or it is damaged); Rekindle never runs code from a model file",
                name=file.name,
            )
        ) from None
    except OSError:  # the disk's fault, not the file's: said as such by the caller
        raise
    except Exception:  # torch raises many kinds for a file cut short or damaged
        raise _damaged(file.name) from None


def _weights(file: Path) -> object:
    """What a weights file holds once read, told by its content (``_content``)."""
    content = _content(file)
    refusal = _refusal(content, file.name)
    if refusal is not None:
        raise refusal
    with _torch_warnings_silenced():
        if content is _Content.SAFETENSORS:
            return _load_safetensors(file)
        return _load_pytorch(file)


def read_state_dict(path: str | os.PathLike) -> dict[str, torch.Tensor]:
    """The tensors of a weights file, refusing anything that would need code to be run."""
    file = Path(path)
    refuse_unless_model_file(file)
    try:
        if file.stat().st_size == 0:
            raise ModelFileError(
                say(
                    "{name}: the file is empty (a copy or download that did not finish?)",
                    name=file.name,
                )
            )
        loaded = _weights(file)
    except OSError as error:
        reason = plain_reason(error)
        raise ModelFileError(
            say("{name}: cannot be read ({reason})", name=file.name, reason=reason)
        ) from None
    if not isinstance(loaded, dict):
        raise ModelFileError(say("{name}: holds no weights Rekindle recognises", name=file.name))
    return loaded


def _window_shrink(descriptor: ImageModelDescriptor) -> int:
    """How many times the network shrinks the picture before cutting it into windows: SwinIR
    and FDAT may unshuffle its pixels first, SCUNet cuts windows on every level of its U."""
    model = descriptor.model
    match descriptor.architecture.id:
        case "SwinIR":
            return model.start_unshuffle
        case "FDAT":
            return max(1, model.pad)
        case "SCUNet":
            return SCUNET_SHRINK
    return 1


def _window_sides(descriptor: ImageModelDescriptor) -> set[int]:
    """The sides, in input pixels, of the windows an attention network cuts the picture into,
    as its layers state them (none for a convolutional network)."""
    sides = set()
    for layer in descriptor.model.modules():
        for name in WINDOW_ATTRIBUTES:
            value = getattr(layer, name, None)
            values = value if isinstance(value, tuple | list) else (value,)
            sides.update(v for v in values if type(v) is int and v > 0)
    shrink = _window_shrink(descriptor)
    return {side * shrink for side in sides}


def _tile_context(windows: set[int]) -> int:
    """Context that keeps tiled output equal to whole-image output for a network with these
    window sides (none: a convolutional network)."""
    if windows:
        return max(ATTENTION_CONTEXT_MIN, WINDOW_CONTEXT_FACTOR * max(windows))
    return DEFAULT_CONTEXT


def _size_multiple(descriptor: ImageModelDescriptor, windows: set[int]) -> int:
    """The pixel grid the network works on: the size spandrel says its input must be a
    multiple of, and the sides of its windows. A tile whose corners are off the windows' grid
    is cut into other windows than the whole picture is, and comes out different."""
    return math.lcm(max(1, descriptor.size_requirements.multiple_of), *windows)


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


def _architecture_of(state: dict[str, torch.Tensor], name: str) -> ArchSupport:
    """The architecture spandrel recognises ``state`` as (in its own order of detection)."""
    found = (
        support for support in MAIN_REGISTRY.architectures("detection") if support.detect(state)
    )
    support = next(found, None)
    if support is None:
        raise ModelFileError(say("{name}: an architecture Rekindle does not know", name=name))
    return support


def _spandrel_model(
    file: Path, state: dict[str, torch.Tensor]
) -> ImageModelDescriptor | MaskedImageModelDescriptor:
    """The network spandrel builds from the weights ``state`` of ``file``. Weights whose
    layers no variant of their architecture has are refused in one sentence naming the
    architecture; spandrel's own account (a list of layers and sizes) is logged."""
    with _torch_warnings_silenced():  # spandrel builds the network here
        state = canonicalize_state_dict(state)
        architecture = _architecture_of(state, file.name).architecture
        try:
            return architecture.load(state)
        except Exception as error:  # spandrel raises many kinds for weights that do not fit
            log.info("%s: spandrel cannot build %s from it: %s", file, architecture.name, error)
            raise ModelFileError(
                say(
                    "{name}: looks like a {architecture} model, but its layers are not the "
                    "sizes of any {architecture} Rekindle knows",
                    name=file.name,
                    architecture=architecture.name,
                )
            ) from None


def load_community_model(path: str | os.PathLike, origin: Origin = Origin.FILE) -> LoadedModel:
    """Load a community model file and describe it the way our own models are described."""
    file = Path(path)
    stamp = FileStamp.find(file)
    descriptor = _spandrel_model(file, read_state_dict(file))
    if not isinstance(descriptor, ImageModelDescriptor):
        raise ModelFileError(say("{name}: not an image-to-image model", name=file.name))
    channels = (descriptor.input_channels, descriptor.output_channels)
    if channels not in (RGB_CHANNELS, GREY_CHANNELS):
        raise ModelFileError(
            say(
                "{name}: refused: a model that takes {taken}-channel images and makes "
                "{made}-channel ones, and Rekindle runs models for colour (3 channels) or "
                "grey (1 channel) pictures",
                name=file.name,
                taken=descriptor.input_channels,
                made=descriptor.output_channels,
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
    described_network = _DescribedNetwork(descriptor)
    network: torch.nn.Module = described_network
    if channels == GREY_CHANNELS:
        network = GreyNetwork(described_network, descriptor.scale)
    windows = _window_sides(descriptor)
    described = ModelDescriptor(
        name=file.stem,
        title="",
        architecture=architecture.id,
        architecture_name=architecture.name,
        scale=descriptor.scale,
        purpose=descriptor.purpose,
        tile_context=_tile_context(windows),
        size_multiple=_size_multiple(descriptor, windows),
        tiling=TILING[descriptor.tiling],
        supports_half=descriptor.supports_half,
        working_set=_working_set(described_network, descriptor),
        origin=origin,
        path=file,
        stamp=stamp,
    )
    return LoadedModel(network, described)
