"""Rekindle's model files: safetensors whose header names the architecture and its
hyper-parameters, the scale, a display name, a training record and a format version, so the
file alone rebuilds its network (``engine.library.registry`` knows the architectures)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from safetensors import SafetensorError, safe_open
from safetensors.torch import load_file, save
from torch import nn

from engine.atomic import staged_file
from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.library.descriptor import LoadedModel, ModelDescriptor, Origin, purpose_of
from engine.library.registry import Architecture, architecture_of, build_network, recognise
from engine.words import say

FORMAT_NAME = "rekindle-model"
FORMAT_VERSION = 1


def save_model(
    network: nn.Module,
    path: str | os.PathLike,
    *,
    display_name: str,
    training: dict[str, Any] | None = None,
    replace: bool = True,
    half: bool = False,
) -> Path:
    """Write one of Rekindle's networks as a model file, atomically (temporary file, then
    rename), and return its path: with ``replace=False`` a taken name gives "name (2).ext"...
    (``engine.atomic.publish``). ``half`` stores the weights in half precision, half the room
    (loading widens them back); a weight half precision cannot hold is refused."""
    target = Path(path)
    metadata = {
        "format": FORMAT_NAME,
        "format_version": str(FORMAT_VERSION),
        "architecture": architecture_of(network).id,
        "hparams": json.dumps(network.hparams, sort_keys=True),
        "scale": str(network.scale),
        "display_name": display_name,
        "training": json.dumps(training or {}, sort_keys=True),
    }
    tensors = {k: v.detach().float().cpu().contiguous() for k, v in network.state_dict().items()}
    if half:
        tensors = {key: value.half() for key, value in tensors.items()}
        if not all(bool(value.isfinite().all()) for value in tensors.values()):
            raise ModelFileError(
                say("{name}: a weight is too large for half precision", name=target.name)
            )
    with (
        staged_file(target, replace=replace, check=safetensors_is_whole) as staged,
        staged.open() as stream,
    ):
        stream.write(save(tensors, metadata=metadata))
    return staged.path


def _metadata(path: str | os.PathLike) -> dict[str, str]:
    """A safetensors file's metadata; safetensors refuses a file that holds fewer (or more)
    bytes than its header promises, so a file cut short never passes."""
    with safe_open(path, framework="pt") as stream:
        return stream.metadata() or {}


def safetensors_is_whole(path: str | os.PathLike) -> bool:
    """Whether a safetensors file holds every byte its header promises (and no more)."""
    try:
        _metadata(path)
    except (SafetensorError, OSError):
        return False
    return True


def read_header(path: str | os.PathLike) -> dict[str, str]:
    """The metadata of a model file, checked; raises ``ModelFileError`` if it is not one."""
    file = Path(path)
    if not file.is_file():
        raise ModelFileError(say("{name}: no such model file", name=file.name))
    try:
        metadata = _metadata(file)
    except (SafetensorError, OSError):
        raise ModelFileError(say("{name}: not a safetensors model file", name=file.name)) from None
    if metadata.get("format") != FORMAT_NAME:
        raise ModelFileError(
            say("{name}: a safetensors file, but not a Rekindle model", name=file.name)
        )
    if int(metadata.get("format_version", "0")) > FORMAT_VERSION:
        raise ModelFileError(
            say("{name}: made by a newer Rekindle; update to load it", name=file.name)
        )
    return metadata


def is_rekindle_model(path: str | os.PathLike) -> bool:
    """Whether ``path`` is one of our own model files (else maybe a community model)."""
    try:
        read_header(path)
    except ModelFileError:
        return False
    return True


def header_training(metadata: dict[str, str]) -> dict[str, Any]:
    """The training record of a header ({} when it has none or it is damaged)."""
    try:
        training = json.loads(metadata.get("training", "{}"))
    except ValueError:
        return {}
    return training if isinstance(training, dict) else {}


def _describe(
    architecture: Architecture, network: nn.Module, *, name: str, **fields: Any
) -> ModelDescriptor:
    """The descriptor of one of Rekindle's own networks (``fields``: title, origin, path,
    stamp, training)."""
    return ModelDescriptor(
        name=name,
        architecture=architecture.id,
        architecture_name=architecture.name,
        scale=network.scale,
        purpose=purpose_of(network.scale),
        tile_context=architecture.tile_context(network),
        size_multiple=architecture.size_multiple(network),
        tiling=architecture.tiling,
        supports_half=architecture.supports_half,
        working_set=architecture.working_set(network),
        hparams=dict(network.hparams),
        **fields,
    )


def load_own_model(path: str | os.PathLike, origin: Origin = Origin.FILE) -> LoadedModel:
    """Load a Rekindle model file: its network rebuilt from the header, then its weights."""
    file = Path(path)
    metadata = read_header(file)
    try:
        hparams = json.loads(metadata["hparams"])
        training = json.loads(metadata.get("training", "{}"))
    except (KeyError, ValueError):
        raise ModelFileError(say("{name}: the model header is damaged", name=file.name)) from None
    architecture = recognise(metadata)
    network = build_network(architecture, hparams)
    try:
        stamp = FileStamp.of(file)
        network.load_state_dict(load_file(file))
    except (SafetensorError, RuntimeError, OSError) as error:
        raise ModelFileError(
            say("{name}: the weights do not fit the network ({error})", name=file.name, error=error)
        ) from None
    network.eval()
    descriptor = _describe(
        architecture,
        network,
        name=file.stem,
        title=metadata.get("display_name") or file.stem,
        origin=origin,
        path=file,
        stamp=stamp,
        training=training,
    )
    return LoadedModel(network, descriptor)
