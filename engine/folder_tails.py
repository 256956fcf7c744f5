"""Telling apart paths that share a name by the fewest last folders that differ: two scans both
called ``photo.jpg``, from ``box1`` and ``box2``, are told by "box1/" and "box2/" (the app's
queue shows these hints); two folders given to a run, both called ``scans``, by "2019" and
"2020" (a batch keeps their results apart so: ``engine.batch.FolderNames``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePath, PureWindowsPath
from typing import TypeVar

P = TypeVar("P", bound=PurePath)


def folder_tails(paths: Iterable[P]) -> dict[P, tuple[str, ...]]:
    """For each path whose name another path shares, the fewest last parts of its folder
    that tell the group apart (its root among them once reached); paths with a name of their
    own get none."""
    by_name: dict[str, list[P]] = defaultdict(list)
    for path in dict.fromkeys(paths):
        by_name[path.name].append(path)
    tails: dict[P, tuple[str, ...]] = {}
    for group in by_name.values():
        if len(group) > 1:
            tails.update(_distinct_tails(group))
    return tails


def folder_hints(paths: Iterable[PurePath]) -> dict[PurePath, str]:
    """For each path whose name another path shares, the fewest last folders that tell the
    group apart (``folder_tails``), ending in a separator ("box1/"); paths with a name of
    their own get none."""
    return {path: _hint(path.parent, tail) for path, tail in folder_tails(paths).items()}


def _distinct_tails(group: list[P]) -> dict[P, tuple[str, ...]]:
    """The same number of last folders for the whole group: the fewest that differ for all
    (whole folders at most, which differ since the paths do)."""
    deepest = max(len(path.parent.parts) for path in group)
    count = next((n for n in range(1, deepest) if _tails_differ(group, n)), deepest)
    return {path: path.parent.parts[-count:] for path in group}


def _tails_differ(group: list[P], count: int) -> bool:
    return len({path.parent.parts[-count:] for path in group}) == len(group)


def _hint(folder: PurePath, tail: tuple[str, ...]) -> str:
    """``tail``, the last parts of ``folder`` (its root too once reached), with a closing
    separator."""
    separator = "\\" if isinstance(folder, PureWindowsPath) else "/"
    text = str(type(folder)(*tail))
    return text if text.endswith(separator) else text + separator
