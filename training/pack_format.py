"""The ``.rkpack`` file: a training corpus as one compact file, read with few libraries.

A pack is one safetensors file: a 1-D uint8 tensor per image holding its encoded bytes (a
JPEG, WebP or PNG file) and the manifest as JSON in the safetensors metadata. Safetensors
because the trainer already depends on it, it never runs code on load (unlike pickle) and a
reader needs nothing else; encoded bytes because they are 3 to 10 times smaller than pixels.

This module is the reading side, used on the training machine, which may have only torch,
numpy, OpenCV and safetensors: it imports nothing beyond them (``training.pack`` makes packs).
JPEG, WebP and PNG are what every OpenCV build decodes, so a pack opens wherever it is taken.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import save

from engine.atomic import staged_file
from engine.errors import RekindleError
from engine.words import say

PACK_SUFFIX = ".rkpack"
PACK_FORMAT = "rekindle-pack"
PACK_VERSION = 1
FORMAT_KEY = "format"
VERSION_KEY = "version"
MANIFEST_KEY = "manifest"


def tensor_name(index: int) -> str:
    """The safetensors name of the ``index``-th image's bytes."""
    return f"image{index:06d}"


def decode(data: np.ndarray | bytes) -> np.ndarray:
    """HxWx3 uint8 RGB pixels of an encoded image (upright, 8 bits, grey made RGB)."""
    buffer = np.frombuffer(data, dtype=np.uint8)
    try:
        bgr = cv2.imdecode(buffer, cv2.IMREAD_COLOR)
    except cv2.error:
        bgr = None
    if bgr is None:
        raise RekindleError(say("an image in the pack is damaged; pack the photos again"))
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


@dataclass(frozen=True)
class Pack:
    """A read pack: its manifest and every image's encoded bytes, decoded on demand."""

    manifest: dict[str, Any]
    encoded: list[np.ndarray]

    def __len__(self) -> int:
        return len(self.encoded)

    @property
    def entries(self) -> list[dict[str, Any]]:
        """One manifest entry per image, in the order of ``encoded``."""
        return self.manifest["images"]

    def image(self, index: int) -> np.ndarray:
        """The ``index``-th image's pixels, checked against the size the manifest gives."""
        pixels = decode(self.encoded[index])
        entry = self.entries[index]
        if pixels.shape[:2] != (entry["height"], entry["width"]):
            raise RekindleError(
                say(
                    "{name} in the pack is not the size its manifest gives; pack the photos again",
                    name=entry["file"],
                )
            )
        return pixels


def write_pack(
    path: str | os.PathLike,
    manifest: dict[str, Any],
    encoded: list[bytes],
    *,
    replace: bool = False,
) -> Path:
    """Write a pack atomically (a failure leaves no file, or the previous one, at ``path``)
    and return where: ``path``, or when it is taken and not to be replaced, the first free
    "name (2).rkpack"..."""
    tensors = {
        tensor_name(i): np.frombuffer(data, dtype=np.uint8) for i, data in enumerate(encoded)
    }
    metadata = {
        FORMAT_KEY: PACK_FORMAT,
        VERSION_KEY: str(PACK_VERSION),
        MANIFEST_KEY: json.dumps(manifest),
    }
    with staged_file(path, replace=replace, check=pack_is_whole) as staged, staged.open() as stream:
        stream.write(save(tensors, metadata=metadata))
    return staged.path


def pack_is_whole(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a pack whose every byte is there (safetensors checks that its
    header covers the file exactly) with one image for each entry of its manifest."""
    try:
        with safe_open(path, framework="np") as stored:
            metadata = stored.metadata() or {}
            images = len(json.loads(metadata[MANIFEST_KEY])["images"])
            names = set(stored.keys())
    except (SafetensorError, OSError, ValueError, KeyError, TypeError):
        return False
    return metadata.get(FORMAT_KEY) == PACK_FORMAT and names == {
        tensor_name(i) for i in range(images)
    }


@contextmanager
def _opened(path: Path) -> Iterator[tuple[Any, dict[str, Any]]]:
    """The pack at ``path``, open, and its manifest, its header checked: a file that is not a
    whole pack of this version raises RekindleError, in the block too."""
    not_a_pack = say(
        "{name} is not a Rekindle pack ({suffix}); make one with 'pack'",
        name=path.name,
        suffix=PACK_SUFFIX,
    )
    if not path.is_file():
        raise RekindleError(say("{name}: the pack does not exist", name=path.name))
    try:
        with safe_open(path, framework="np") as stored:
            metadata = stored.metadata() or {}
            if metadata.get(FORMAT_KEY) != PACK_FORMAT:
                raise RekindleError(not_a_pack)
            if metadata.get(VERSION_KEY) != str(PACK_VERSION):
                raise RekindleError(
                    say("{name} is a pack of another version; pack it again", name=path.name)
                )
            yield stored, json.loads(metadata[MANIFEST_KEY])
    except (SafetensorError, OSError, ValueError, KeyError) as error:
        raise RekindleError(not_a_pack) from error


def read_pack(path: str | os.PathLike) -> Pack:
    """Load a pack's manifest and encoded images (a pack is small: its bytes stay in memory)."""
    with _opened(Path(path)) as (stored, manifest):
        encoded = [stored.get_tensor(tensor_name(i)) for i in range(len(manifest["images"]))]
    return Pack(manifest, encoded)


def read_pack_manifest(path: str | os.PathLike) -> dict[str, Any]:
    """A pack's manifest alone, from its header: its images are not read."""
    with _opened(Path(path)) as (_stored, manifest):
        return manifest
