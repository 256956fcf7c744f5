"""Sidecars: a small JSON file beside a model, ``.<file name>.json``, holding what reading the
model once told (``engine.library.store``) and, for an imported file, where it came from.

Format: ``{"format": "rekindle-model-details", "version": 1, "imported_from": ...,
"imported_at": ..., "details": {"size", "mtime_ns", "display_name", "architecture",
"architecture_name", "scale", "purpose", "error"}}``; ``details`` holds the model file's stamp,
so details of a file changed since are not trusted.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from engine.atomic import write_bytes_atomically
from engine.errors import ModelFileError, WriteError
from engine.filestamp import FileStamp
from engine.library.descriptor import Origin
from engine.library.own_format import header_training, read_header

log = logging.getLogger(__name__)

SIDECAR_FORMAT = "rekindle-model-details"
SIDECAR_VERSION = 1


def sidecar_path(model: Path) -> Path:
    return model.with_name(f".{model.name}.json")


def read_sidecar(model: Path) -> dict[str, Any]:
    """The sidecar's record, or {} when there is none this version can read."""
    try:
        data = json.loads(sidecar_path(model).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(data, dict) and data.get("format") == SIDECAR_FORMAT
    return data if ok and int(data.get("version", 0)) <= SIDECAR_VERSION else {}


def current_details(model: Path) -> dict[str, Any] | None:
    """The sidecar's ``details`` if they describe ``model`` as it is now (same size and
    modification time), else None."""
    details = read_sidecar(model).get("details")
    if not isinstance(details, dict):
        return None
    try:
        stamp = FileStamp(int(details["size"]), int(details["mtime_ns"]))
    except (KeyError, TypeError, ValueError):  # written by another version of Rekindle
        return None
    return details if stamp.matches(model) else None


def write_sidecar(model: Path, data: dict[str, Any]) -> None:
    """Best effort: a folder we cannot write to (a read-only install) only costs a re-read in
    the next session. The atomic writer words an OS error as a WriteError."""
    record = {"format": SIDECAR_FORMAT, "version": SIDECAR_VERSION, **data}
    text = json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False)
    try:
        write_bytes_atomically(sidecar_path(model), text.encode("utf-8"))
    except (OSError, WriteError) as error:
        log.info("cannot write the details of %s: %s", model, error)


def user_origin(model: Path) -> Origin:
    """Where a model in the user's folder came from: trained in the wizard (a Rekindle file
    with a training record and no record of an import), else imported."""
    try:
        training = header_training(read_header(model))
    except ModelFileError:
        training = {}  # a community model
    if training and "imported_from" not in read_sidecar(model):
        return Origin.TRAINED
    return Origin.IMPORTED
