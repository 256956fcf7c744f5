"""Whether paths lead to one file or folder, told by the file system rather than by how the
paths are spelt. A folder has more than one spelling where a volume ignores case ("Photos",
"photos") or keeps names in another Unicode form than the one typed ("Grand-mère" stored
decomposed, NFD, on macOS, and typed composed, NFC), and ``Path.resolve`` keeps the spelling
it is given; the file system knows each file by its device and number (``os.stat``), whatever
the name it was reached by.

Where several paths given lead to one file (a symbolic link beside the file it names, a hard
link, a folder given twice or under two spellings), the file is restored once, and its result
takes the file's own name rather than a link's (``one_per_file``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    """Where a path leads: the file system's identity (device, number) of the nearest of it
    and its folders that can be looked at, links followed, and the names below that one,
    which do not exist yet (an output folder still to be made), compared as spelt. Where no
    folder up to the root can be looked at, or the file system numbers no file (some network
    shares give each the number 0), the names from the root tell it, as spelt."""

    identity: tuple[int, int] | None
    names: tuple[str, ...] = ()


def _identity(path: Path) -> tuple[int, int] | None:
    """The file system's identity of what ``path`` leads to, or None where nothing can be
    looked at there or the file system does not number its files."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):  # ValueError: a name holding a NUL
        return None
    return (found.st_dev, found.st_ino) if found.st_ino else None


def place_of(path: str | os.PathLike) -> Place:
    """Where ``path`` leads (``Place``): one look where it can be looked at; else from its
    nearest folder that can, after its links and ".." are followed."""
    identity = _identity(Path(path))
    if identity is not None:
        return Place(identity)
    return next(_places_up(Path(path).resolve()))


def _places_up(path: Path) -> Iterator[Place]:
    """The ``Place`` of ``path`` (absolute, its links followed), then of each folder above it
    up to the root, each folder looked at once."""
    below: list[str] = []  # the names between the folder looked at and ``path``
    for folder in (path, *path.parents):
        identity = _identity(folder)
        root = folder == folder.parent
        if identity is None:
            below.insert(0, str(folder) if root else folder.name)
            if not root:
                continue
        fewest = 0 if identity is not None else 1  # an unknown root is known by its name
        for count in range(len(below), fewest - 1, -1):
            yield Place(identity, tuple(below[:count]))
        below = []


def same_place(path: str | os.PathLike, other: str | os.PathLike) -> bool:
    """Whether ``path`` and ``other`` lead to one file or folder."""
    return place_of(path) == place_of(other)


def lies_inside(path: str | os.PathLike, folder: str | os.PathLike) -> bool:
    """Whether ``path`` lies below ``folder`` (not ``folder`` itself), links followed; the
    folders above ``path`` are each looked at once."""
    places = _places_up(Path(path).resolve())
    own = next(places)
    wanted = place_of(folder)
    return own != wanted and wanted in places


def found_inside(folder: Path, results: Path) -> Callable[[Path], bool]:
    """Whether a path found by walking ``folder`` lies in ``results``, a folder inside it: told
    by the folder it was found in, each folder of the walk looked at once, for a walk of many
    files."""
    wanted = place_of(results)
    known: dict[Path, bool] = {}

    def below(where: Path) -> bool:
        if where not in known:
            top = where == folder or where == where.parent
            known[where] = not top and (place_of(where) == wanted or below(where.parent))
        return known[where]

    return lambda path: below(path.parent)


def one_per_file(items: Sequence[T], path_of: Callable[[T], Path]) -> list[T]:
    """``items`` less those whose path (``path_of``) leads to the file of another's, in their
    order: of the items of one file, the first whose path is not a symbolic link (the file's
    own name) is kept, else the first."""
    kept: dict[Place, int] = {}
    for index, item in enumerate(items):
        path = path_of(item)
        place = place_of(path)
        first = kept.get(place)
        if first is None or (path_of(items[first]).is_symlink() and not path.is_symlink()):
            kept[place] = index
    return [items[index] for index in sorted(kept.values())]
