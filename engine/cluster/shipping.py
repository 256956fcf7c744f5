"""The model a cluster's workers restore with, sent as its files' bytes through Ray's object
store: a worker may not have the driver's model files (or may have other versions of them),
and plain bytes need no torch module pickled. Each worker writes them to its temporary folder
once and loads them as the command line would."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from engine.atomic import write_bytes_atomically
from engine.chain import ModelChain, ModelRequest
from engine.cluster.connect import ray_module
from engine.devices import pick_device_present
from engine.library.blend import Mix, blend_family, open_mix
from engine.library.descriptor import LoadedModel, Origin
from engine.library.loading import load_model, resolve_model_path
from engine.restorer import Restorer

CACHE_FOLDER = "rekindle-cluster-models"


@dataclass(frozen=True)
class ModelFile:
    name: str  # the file's name (a community model is named after it)
    origin: Origin
    data: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class WorkerSetup:
    """All a worker needs to build its ``Restorer``: the model that enlarges (one file, or
    the built-in models of a blend family with a share in ``mix``), the 1x models before and
    after it, the device choice, the tile and its CPU threads."""

    model: tuple[ModelFile, ...]
    mix: Mix | None
    before: tuple[ModelFile, ...]
    after: tuple[ModelFile, ...]
    device: str
    tile: int
    threads: int

    @property
    def key(self) -> str:
        """Which setup this is, for a worker to keep the restorer it built."""
        files = (*self.model, *self.before, *self.after)
        parts = [file.digest for file in files]
        parts += [repr(self.mix), self.device, str(self.tile), str(self.threads)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _model_file(name_or_path: str | os.PathLike) -> ModelFile:
    path, origin = resolve_model_path(name_or_path)
    return ModelFile(path.name, origin, path.read_bytes())


def pack_setup(request: ModelRequest, *, device: str, tile: int, threads: int) -> WorkerSetup:
    """The setup for the models ``request`` names (the caller has already loaded them, which
    checked them)."""
    mix, enlarging = None, (request.key,)
    if (request.detail, request.repair) != (None, None):
        # open_model has checked that the key is a blend family's
        stem = resolve_model_path(request.key)[0].stem
        family = blend_family(stem)
        mix = family.mix(stem, repair=request.repair, detail=request.detail)
        enlarging = tuple(family.weights(mix))
    return WorkerSetup(
        model=tuple(_model_file(name) for name in enlarging),
        mix=mix,
        before=tuple(_model_file(name) for name in request.before),
        after=tuple(_model_file(name) for name in request.after),
        device=device,
        tile=tile,
        threads=threads,
    )


def share_setup(setup: WorkerSetup) -> Any:
    """``setup`` in the cluster's object store, for the tasks that follow to share (passed to
    each task itself, its model files would travel again with every task)."""
    return ray_module().put(setup)


def _load(file: ModelFile) -> LoadedModel:
    """Load ``file`` from this machine's copy, written first if it is not there yet."""
    path = Path(tempfile.gettempdir()) / CACHE_FOLDER / file.digest[:16] / file.name
    if not (path.is_file() and path.stat().st_size == len(file.data)):
        write_bytes_atomically(path, file.data)
    return load_model(path, file.origin)


def open_setup(setup: WorkerSetup, device: torch.device | None = None) -> Restorer:
    """The ``Restorer`` ``setup`` describes, on ``device``; by default on the device
    ``setup.device`` names (a GPU Ray gave this worker, or its CPU share), or, where this
    worker has no such device, the one "auto" picks (``pick_device_present``)."""
    torch.set_num_threads(setup.threads)
    files = {Path(file.name).stem: file for file in setup.model}
    if setup.mix is None:
        enlarging = _load(setup.model[0])
    else:
        family = blend_family(next(iter(files)))
        enlarging = open_mix(family, setup.mix, lambda name: _load(files[name]))
    chain = ModelChain(
        enlarging,
        tuple(_load(file) for file in setup.before),
        tuple(_load(file) for file in setup.after),
    )
    if device is None:
        device = pick_device_present(setup.device)[0]
    return Restorer(chain, device, setup.tile)
