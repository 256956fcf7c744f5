"""Training checkpoints: written atomically, read back without unpickling arbitrary objects.

A checkpoint holds CPU tensors and plain data only, so a run started on a GPU can be finished
on a CPU (or another GPU, or under another torch) and the other way round. Checkpoints fall due
every so many steps and, on a slow machine, every so many seconds as well.
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any, BinaryIO

import torch

from engine.atomic import staged_file
from engine.errors import RekindleError
from engine.file_names import NAME_MAX, name_within
from engine.words import say
from training.config import TrainingConfig

REQUIRED_KEYS = ("config", "step", "generator", "discriminator", "opt_g", "opt_d", "sampler")
LOCK_SUFFIX = ".lock"


def checkpoint_path(model_path: str | os.PathLike) -> Path:
    """The checkpoint that belongs to a model file being trained."""
    path = Path(model_path)
    return path.with_name(path.stem + ".checkpoint.pt")


def lock_path(model_path: Path) -> Path:
    """The hidden lock file beside a model that a trainer of it holds (the model's name cut
    short where the whole would not fit in a file name)."""
    room = NAME_MAX - len(".") - len(LOCK_SUFFIX)
    return model_path.with_name(f".{name_within(model_path.name, room)}{LOCK_SUFFIX}")


def _on_cpu(value: Any) -> Any:
    """``value`` with every tensor in it copied to the CPU (dicts, lists and tuples walked)."""
    if isinstance(value, torch.Tensor):
        return value.detach().cpu()
    if isinstance(value, dict):
        return {key: _on_cpu(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_on_cpu(item) for item in value)
    return value


class _WriteFailure(io.RawIOBase):
    """A stream onto ``stream`` that keeps the OS error its write raised: ``torch.save``
    turns that error into a RuntimeError without its cause ("unexpected pos ..."), so the
    cause (a full disk) is read back from here."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        self.stream = stream
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        try:
            return self.stream.write(data)
        except OSError as error:
            self.error = error
            raise


def save_checkpoint(state: dict[str, Any], path: Path) -> None:
    """Write ``state``, its tensors moved to the CPU, to a temporary file, then rename it over
    ``path``; a write the disk refuses is a WriteError saying why, the previous checkpoint
    kept."""
    with staged_file(path, check=_zip_is_whole) as staged, staged.open() as stream:
        writer = _WriteFailure(stream)
        try:
            torch.save(_on_cpu(state), writer)
        except RuntimeError:
            if writer.error is None:
                raise
            raise writer.error from None


def _zip_is_whole(path: Path) -> bool:
    """Whether the zip archive ``torch.save`` wrote ends with its directory of entries (a
    file cut off by a full disk does not)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return False


def load_checkpoint(path: Path) -> dict[str, Any]:
    """Read a checkpoint with ``weights_only=True``: tensors and plain data, never code."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise RekindleError(say("{name}: no checkpoint to resume from", name=path.name)) from None
    except Exception as error:  # torch raises many kinds for a damaged or foreign file
        raise RekindleError(
            say("{name}: the checkpoint cannot be read ({error})", name=path.name, error=error)
        ) from None
    if not isinstance(state, dict) or any(key not in state for key in REQUIRED_KEYS):
        raise RekindleError(say("{name}: not a Rekindle training checkpoint", name=path.name))
    return state


def saved_config(state: dict[str, Any]) -> dict[str, Any]:
    """The training settings a checkpoint was made with, refused in one sentence if this
    version does not know them all (a checkpoint from a newer Rekindle)."""
    saved = json.loads(state["config"])
    unknown = sorted(set(saved) - {f.name for f in fields(TrainingConfig)})
    if unknown:
        raise RekindleError(
            say(
                "the checkpoint was made by a newer Rekindle with settings this version does "
                "not know ({settings}); finish the run with that version or start afresh",
                settings=", ".join(unknown),
            )
        )
    return saved


class CheckpointTimer:
    """Says when ``seconds`` have passed since the last checkpoint (never, for 0)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.last = clock()

    def due(self) -> bool:
        return self.seconds > 0 and self.clock() - self.last >= self.seconds

    def restart(self) -> None:
        self.last = self.clock()
