"""Telling whether a file changed since it was last read: its size and modification time.

Whatever keeps work done on a file (a film's finished segments, an open film reader, what
loading a model taught, a loaded model) keeps the file's stamp with it, and trusts that work
only while the file's stamp is the same: a file rewritten, replaced or cut short gets another.
Reading the stamp costs one ``stat``, never a read of the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class FileStamp:
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | os.PathLike) -> FileStamp:
        """The stamp of the file at ``path`` now; raises OSError when it cannot be read."""
        stat = os.stat(path)
        return cls(stat.st_size, stat.st_mtime_ns)

    @classmethod
    def find(cls, path: str | os.PathLike) -> FileStamp | None:
        """The stamp of the file at ``path`` now, or None when it is gone or out of reach."""
        try:
            return cls.of(path)
        except OSError:
            return None

    def matches(self, path: str | os.PathLike) -> bool:
        """Whether the file at ``path`` is still the one stamped (False when it is gone)."""
        return FileStamp.find(path) == self
