"""Which files are models: told by their suffix alone, since photos are never .safetensors,
.pth, .pt or .ckpt; and which are models of other upscalers' runtimes, which Rekindle cannot
use.

A models folder is searched with its subfolders, as people who collect community models
organise them (``ESRGAN/``, ``SwinIR/``). Hidden files and folders, whose names start with a
dot, are left out: they are sidecars (``engine.library.sidecar``), imports under way
(``engine.library.store``) or the system's. A folder reached through a symbolic link is not
entered, since it may lead back up the tree; a linked file is taken like any other.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from engine.errors import ModelFileError
from engine.words import say

MODEL_SUFFIX = ".safetensors"
WEIGHT_SUFFIXES = (MODEL_SUFFIX, ".pth", ".pt", ".ckpt")
"""Model files Rekindle loads: its own safetensors, and community weights in any of these."""
OTHER_RUNTIME_SUFFIXES = (".onnx", ".param", ".bin")
"""Model files of other upscalers' runtimes (ONNX; NCNN's .param and .bin pair), which
Rekindle cannot load."""


def is_model_file(path: str | os.PathLike) -> bool:
    """Whether a file (dropped, say) is a model rather than a photo."""
    return Path(path).suffix.lower() in WEIGHT_SUFFIXES


def is_other_runtime(path: str | os.PathLike) -> bool:
    """Whether a file is named as a model of another runtime (hidden files are not)."""
    file = Path(path)
    return file.suffix.lower() in OTHER_RUNTIME_SUFFIXES and not _hidden(file.name)


def refuse_unless_model_file(path: str | os.PathLike) -> None:
    """Raise ``ModelFileError`` for a file not named as a model Rekindle loads, telling one of
    another runtime as such, since its owner has the model and only needs another file of it."""
    file = Path(path)
    if is_model_file(file):
        return
    if file.suffix.lower() in OTHER_RUNTIME_SUFFIXES:
        raise ModelFileError(
            say(
                "{name}: an ONNX or NCNN model, which Rekindle cannot use; use the model's .pth "
                "or .safetensors file",
                name=file.name,
            )
        )
    raise ModelFileError(
        say("{name}: not a model file (.safetensors, .pth, .pt, .ckpt)", name=file.name)
    )


def _hidden(name: str) -> bool:
    return name.startswith(".")


def model_files(folder: Path) -> list[Path]:
    """The model files in ``folder`` and its subfolders, by the rule above, in path order."""
    found = []
    for root, folders, files in os.walk(folder):  # links to folders are listed, not entered
        folders[:] = [name for name in folders if not _hidden(name)]
        found.extend(
            path
            for path in (Path(root, name) for name in files if not _hidden(name))
            if is_model_file(path) and path.is_file()
        )
    return sorted(found)


def name_below(path: Path, folder: Path) -> str:
    """``path`` named from ``folder``, the models folder it lies in: "ESRGAN/4x.pth"."""
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name


def told_apart(path: Path, folder: Path, listed: Iterable[Path]) -> str | None:
    """For a model file in ``folder`` that another of the ``listed`` ones shares its name with
    (case ignored, as some file systems ignore it), its path below ``folder``
    (``name_below``), which tells them apart; None where its name is its own."""
    stem = path.stem.casefold()
    shared = sum(other.stem.casefold() == stem for other in listed) > 1
    return name_below(path, folder) if shared else None


def listed_name(path: Path, folder: Path, listed: Iterable[Path]) -> str:
    """What a model file in ``folder`` goes by among the ``listed`` ones, as ``--model``
    takes it: its name without suffix, or where that is shared, its path below ``folder``."""
    return told_apart(path, folder, listed) or path.stem
