"""Telling apart files that share a name: two scans both called ``photo.jpg``, from ``box1`` and
``box2``, would look the same in the queue, so each gets the end of its folder that no other
file of that name shares ("box1/", "box2/"). Free of Qt, so it is tested on its own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePath, PureWindowsPath


def folder_hints(paths: Iterable[PurePath]) -> dict[PurePath, str]:
    """For each path whose name another path shares, the fewest last folders that tell the
    group apart, ending in a separator ("box1/"); paths with a name of their own get none."""
    by_name: dict[str, list[PurePath]] = defaultdict(list)
    for path in dict.fromkeys(paths):
        by_name[path.name].append(path)
    hints: dict[PurePath, str] = {}
    for group in by_name.values():
        if len(group) > 1:
            hints.update(_distinct_tails(group))
    return hints


def _distinct_tails(group: list[PurePath]) -> dict[PurePath, str]:
    """The same number of last folders for the whole group: the fewest that differ for all
    (whole folders at most, which differ since the paths do)."""
    deepest = max(len(path.parent.parts) for path in group)
    count = next((n for n in range(1, deepest) if _tails_differ(group, n)), deepest)
    return {path: _tail(path.parent, count) for path in group}


def _tails_differ(group: list[PurePath], count: int) -> bool:
    return len({path.parent.parts[-count:] for path in group}) == len(group)


def _tail(folder: PurePath, count: int) -> str:
    """``folder``'s last ``count`` parts (its root too once reached), with a closing separator."""
    separator = "\\" if isinstance(folder, PureWindowsPath) else "/"
    text = str(type(folder)(*folder.parts[-count:]))
    return text if text.endswith(separator) else text + separator
