"""The record of a training run beside its model file: one JSON object a line, appended as the
run goes. A run killed while appending leaves a cut-off last line, which readers skip and the
resumed run drops with every record past its checkpoint."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from engine.atomic import write_bytes_atomically


def metrics_path(model_path: str | os.PathLike) -> Path:
    path = Path(model_path)
    return path.with_name(path.stem + ".metrics.jsonl")


def append_record(path: Path, record: dict[str, Any]) -> None:
    """Add one record as one write, so a line is never interleaved with another. A failed
    write's error names the file (``os.write`` knows only its descriptor)."""
    line = (json.dumps(record) + "\n").encode()
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, line)
    except OSError as error:
        raise OSError(error.errno, error.strerror, os.fspath(path)) from error
    finally:
        os.close(descriptor)


def read_records(path: Path, last_step: int | None = None) -> list[dict[str, Any]]:
    """The whole records in ``path`` (none if it is missing), up to ``last_step`` if given."""
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # cut off by a kill
        if isinstance(record, dict) and (last_step is None or record.get("step", 0) <= last_step):
            records.append(record)
    return records


def forget_after(path: Path, step: int) -> None:
    """Keep only the whole records of steps up to ``step``: a resumed run makes the rest again."""
    if path.is_file():
        kept = "".join(json.dumps(record) + "\n" for record in read_records(path, step))
        write_bytes_atomically(path, kept.encode())
