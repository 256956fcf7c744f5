"""A marker in an output folder while a batch runs, so a re-run can tell the last one was cut
short and skip the photos it finished, instead of restoring them again under new names.

The marker's name holds a hash of the batch's settings and the pid of the run writing it; it
is removed when every photo of the batch is done, and kept when the batch is cancelled or
some photos failed. A run that finds a marker of the same settings whose process is gone (or
is this one, whose earlier batch has ended) knows that run did not finish (Ctrl+C, a crash, a
kill, a power cut, a full disk), and takes the marker over.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import suppress
from pathlib import Path

from engine.leftovers import process_alive

MARKER_PREFIX = ".rekindle-batch-"
MARKER_SUFFIX = ".running"
KEY_CHARS = 16


class BatchMarker:
    """The marker of one batch into ``folder``; ``unfinished`` says whether an earlier run
    of the same ``settings`` into it did not finish."""

    def __init__(self, folder: Path, settings: dict[str, object]) -> None:
        text = json.dumps(settings, sort_keys=True, default=str)
        self.key = hashlib.sha256(text.encode()).hexdigest()[:KEY_CHARS]
        self.folder = folder
        self.path = folder / f"{MARKER_PREFIX}{self.key}.{os.getpid()}{MARKER_SUFFIX}"
        pattern = re.compile(rf"^{re.escape(MARKER_PREFIX + self.key)}\.(\d+){MARKER_SUFFIX}$")
        self.earlier = [
            path
            for path in (folder.iterdir() if folder.is_dir() else ())
            if (found := pattern.match(path.name)) and _ended(int(found[1]))
        ]
        self.unfinished = bool(self.earlier)

    def start(self) -> None:
        """Put this run's marker in place of those of the runs that did not finish."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path.touch()
        for path in self.earlier:
            with suppress(OSError):
                path.unlink()

    def finish(self) -> None:
        """Every photo of the batch is done: no marker is left."""
        with suppress(OSError):
            self.path.unlink()


def _ended(pid: int) -> bool:
    """Whether the run ``pid`` is over: gone, or this process (which runs one batch at once)."""
    return pid == os.getpid() or not process_alive(pid)
