"""Model files: save and load generators as safetensors with a self-describing header.

A model file alone rebuilds its network: the header names the architecture and its
hyper-parameters. Every loaded model travels with one ``ModelInfo`` that the tiler, the
command line and the app all read.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from engine.atomic import staged_file
from engine.errors import ModelFileError
from engine.model_info import MODEL_SUFFIX, WEIGHT_SUFFIXES, LoadedModel, ModelInfo
from engine.networks.generator import ARCHITECTURE, UNetGenerator
from engine.paths import builtin_models_dir, user_models_dir

FORMAT_NAME = "rekindle-model"
FORMAT_VERSION = 1
ALIASES_FILE = "aliases.json"
MAX_HEADER_BYTES = 100_000_000

ARCHITECTURES: dict[str, type[UNetGenerator]] = {ARCHITECTURE: UNetGenerator}


def build_generator(architecture: str, hparams: dict[str, Any]) -> UNetGenerator:
    """Build an untrained network from its architecture name and hyper-parameters."""
    try:
        cls = ARCHITECTURES[architecture]
    except KeyError:
        raise ModelFileError(f"unknown architecture '{architecture}'") from None
    try:
        return cls(**hparams)
    except (TypeError, ValueError) as error:
        raise ModelFileError(f"bad hyper-parameters for {architecture}: {error}") from None


def describe(network: UNetGenerator, **fields: Any) -> ModelInfo:
    """The ``ModelInfo`` of one of our own generators."""
    return ModelInfo(
        architecture=ARCHITECTURE,
        scale=network.scale,
        hparams=dict(network.hparams),
        tile_context=network.receptive_radius(),
        size_multiple=network.size_multiple,
        **fields,
    )


def save_model(
    network: UNetGenerator,
    path: str | os.PathLike,
    *,
    display_name: str,
    training: dict[str, Any] | None = None,
    replace: bool = True,
) -> Path:
    """Write ``network`` as a model file, atomically (temporary file, then rename), and return
    its path: with ``replace=False`` a taken name gives "name (2).ext"... (``publish``)."""
    target = Path(path)
    metadata = {
        "format": FORMAT_NAME,
        "format_version": str(FORMAT_VERSION),
        "architecture": ARCHITECTURE,
        "hparams": json.dumps(network.hparams, sort_keys=True),
        "scale": str(network.scale),
        "display_name": display_name,
        "training": json.dumps(training or {}, sort_keys=True),
    }
    tensors = {k: v.detach().float().cpu().contiguous() for k, v in network.state_dict().items()}
    with staged_file(target, replace=replace, check=safetensors_is_whole) as staged:
        save_file(tensors, staged.temp, metadata=metadata)
    return staged.path


def _safetensors_header(stream: BinaryIO) -> tuple[int, dict[str, Any]]:
    """The header's length and content; ValueError if the start is not a safetensors header."""
    length = int.from_bytes(stream.read(8), "little")
    if not 2 <= length <= MAX_HEADER_BYTES:
        raise ValueError("not a safetensors header")
    header = json.loads(stream.read(length))
    if not isinstance(header, dict):
        raise ValueError("not a safetensors header")
    return length, header


def safetensors_is_whole(path: str | os.PathLike) -> bool:
    """Whether a safetensors file holds every byte its header promises (and no more)."""
    try:
        with open(path, "rb") as stream:
            length, header = _safetensors_header(stream)
            size = os.fstat(stream.fileno()).st_size
        ends = [entry["data_offsets"][1] for key, entry in header.items() if key != "__metadata__"]
    except (ValueError, OSError, KeyError, TypeError, IndexError):
        return False
    return size == 8 + length + max(ends, default=0)


def read_header(path: str | os.PathLike) -> dict[str, str]:
    """The metadata of a model file, checked; raises ``ModelFileError`` if it is not one."""
    file = Path(path)
    if not file.is_file():
        raise ModelFileError(f"{file.name}: no such model file")
    try:
        with open(file, "rb") as stream:
            _, header = _safetensors_header(stream)
        metadata = header.get("__metadata__") or {}
    except (ValueError, OSError, AttributeError):
        raise ModelFileError(f"{file.name}: not a safetensors model file") from None
    if metadata.get("format") != FORMAT_NAME:
        raise ModelFileError(f"{file.name}: a safetensors file, but not a Rekindle model")
    if int(metadata.get("format_version", "0")) > FORMAT_VERSION:
        raise ModelFileError(f"{file.name}: made by a newer Rekindle; update to load it")
    return metadata


def is_rekindle_model(path: str | os.PathLike) -> bool:
    """Whether ``path`` is one of our own model files (else maybe a community model)."""
    try:
        read_header(path)
    except ModelFileError:
        return False
    return True


def load_model(path: str | os.PathLike, *, source: str = "file") -> LoadedModel:
    """Load our own model file, or a community model (ESRGAN, SwinIR...) through spandrel."""
    file = Path(path)
    if file.suffix.lower() != MODEL_SUFFIX or not is_rekindle_model(file):
        # Imported here: spandrel, which only these need, registers dozens of architectures,
        # and a training machine has none of it.
        from engine.community import load_community_model

        return load_community_model(file, source=source)
    metadata = read_header(file)
    try:
        hparams = json.loads(metadata["hparams"])
        training = json.loads(metadata.get("training", "{}"))
    except (KeyError, ValueError):
        raise ModelFileError(f"{file.name}: the model header is damaged") from None
    network = build_generator(metadata.get("architecture", ""), hparams)
    try:
        state = load_file(file)
        network.load_state_dict(state)
    except (SafetensorError, RuntimeError, OSError) as error:
        raise ModelFileError(f"{file.name}: the weights do not fit the network ({error})") from None
    network.eval()
    info = describe(
        network,
        name=file.stem,
        display_name=metadata.get("display_name") or file.stem,
        training=training,
        path=file,
        source=source,
    )
    return LoadedModel(network, info)


def builtin_model_names() -> list[str]:
    return sorted(p.stem for p in builtin_models_dir().glob(f"*{MODEL_SUFFIX}"))


def _aliases() -> dict[str, str]:
    path = builtin_models_dir() / ALIASES_FILE
    return json.loads(path.read_text()) if path.is_file() else {}


def resolve_model_path(name_or_path: str | os.PathLike) -> tuple[Path, str]:
    """Find a model by path, built-in name (or alias such as ``default``), or user model name.

    Returns the file and where it came from ("file", "built-in" or "user").
    """
    candidate = Path(name_or_path)
    if candidate.suffix and candidate.is_file():
        return candidate, "file"
    name = _aliases().get(str(name_or_path), str(name_or_path))
    for folder, source in ((builtin_models_dir(), "built-in"), (user_models_dir(), "user")):
        for suffix in WEIGHT_SUFFIXES:
            path = folder / f"{name}{suffix}"
            if path.is_file():
                return path, source
    known = ", ".join(builtin_model_names()) or "none"
    raise ModelFileError(f"no model called '{name_or_path}' (built-in models: {known})")


BLEND_PAIRS = {"faithful-x4": "detail-x4", "detail-x4": "faithful-x4"}
"""Built-in models that share one network, so their weights can be interpolated."""
FAITHFUL, DETAILED = "faithful-x4", "detail-x4"


def blend(faithful: LoadedModel, detailed: LoadedModel, strength: float) -> LoadedModel:
    """Network interpolation (as in ESRGAN): ``(1 - strength) * faithful + strength * detailed``.

    Strength 0 never invents detail; 1 is the GAN-trained model's full sharpness.
    """
    if not 0.0 <= strength <= 1.0:
        raise ModelFileError(f"the detail strength must be between 0 and 1, not {strength}")
    if faithful.info.hparams != detailed.info.hparams:
        raise ModelFileError("these two models have different networks and cannot be blended")
    detailed_state = detailed.network.state_dict()
    mixed = {
        key: torch.lerp(value.float(), detailed_state[key].float(), strength)
        for key, value in faithful.network.state_dict().items()
    }
    network = build_generator(faithful.info.architecture, faithful.info.hparams)
    network.load_state_dict(mixed)
    network.eval()
    info = replace(
        faithful.info,
        name=f"{FAITHFUL}+{DETAILED}@{strength:g}",
        display_name=f"{faithful.info.display_name} + {strength:.0%} detail",
    )
    return LoadedModel(network, info)


def open_model(
    name_or_path: str | os.PathLike = "default", detail: float | None = None
) -> LoadedModel:
    """Load a model by name or path, as the command line and the app do.

    With ``detail``, the built-in faithful and detail models are blended at that strength
    (the name must be one of them, or ``default``).
    """
    path, source = resolve_model_path(name_or_path)
    if detail is None:
        return load_model(path, source=source)
    if source != "built-in" or path.stem not in BLEND_PAIRS:
        raise ModelFileError(
            f"a detail strength applies to the built-in {FAITHFUL} and {DETAILED} models only"
        )
    faithful = load_model(resolve_model_path(FAITHFUL)[0], source="built-in")
    detailed = load_model(resolve_model_path(DETAILED)[0], source="built-in")
    return blend(faithful, detailed, detail)
