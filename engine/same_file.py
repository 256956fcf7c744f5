"""One path per file, where several paths given lead to one file (a symbolic link beside the
file it names, a folder given twice): the file is restored once, and its result takes the
file's own name rather than a link's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def one_per_file(items: Sequence[T], path_of: Callable[[T], Path]) -> list[T]:
    """``items`` less those whose path (``path_of``) leads to the file of another's, in their
    order: of the items of one file, the first whose path is not a symbolic link (the file's
    own name) is kept, else the first."""
    kept: dict[Path, int] = {}
    for index, item in enumerate(items):
        path = path_of(item)
        real = path.resolve()
        first = kept.get(real)
        if first is None or (path_of(items[first]).is_symlink() and not path.is_symlink()):
            kept[real] = index
    return [items[index] for index in sorted(kept.values())]
