"""Which photos of a collection can teach a model, and why the others cannot: the one rule the
training wizard's scan, ``prepare`` and ``pack`` judge each photo by, in the order they read
them, so that all three tell the same of one folder.

A photo that cannot be read whole is unreadable. Of the photos with the same bytes, the first
read whole is the one judged, whatever its size: a later one is a duplicate. A photo whose
shorter side is under the smallest side asked for is too small; the rest are usable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from engine.errors import RekindleError, sentence_for
from engine.imageio import Picture, read_file_bytes, read_picture
from engine.progress import Progress


class Verdict(Enum):
    USABLE = "usable"
    DUPLICATE = "duplicate"
    TOO_SMALL = "too small"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Finding:
    """What one photo is (``verdict``), with what reading it gave."""

    path: Path
    verdict: Verdict
    reason: str = ""
    """Why it cannot be read, in a sentence (an unreadable photo's)."""
    digest: str = ""
    """The SHA-256 of its bytes, in hex (where they could be read)."""
    picture: Picture | None = None
    """The picture, where it was decoded here (``Survey.look_at``) and is not a duplicate."""


class Opened(Protocol):
    """What reading a photo elsewhere gave (``pack`` reads in threads)."""

    @property
    def digest(self) -> str: ...

    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...


def digest_of(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex: copies of a photo share it."""
    return hashlib.sha256(data).hexdigest()


class Survey:
    """Judges a collection's photos, one after another, by the rule above: it keeps the
    digests of those read whole so far."""

    def __init__(self, min_side: int) -> None:
        self.min_side = min_side
        self._seen: set[str] = set()

    def look_at(self, path: Path) -> Finding:
        """Read the photo at ``path`` and judge it; a duplicate's pixels are not decoded."""
        try:
            data = read_file_bytes(path)
            digest = digest_of(data)
            if digest in self._seen:
                return Finding(path, Verdict.DUPLICATE, digest=digest)
            picture = read_picture(path, data)
        except (RekindleError, OSError) as error:
            return _unreadable(path, error)
        verdict = self._judged(digest, picture.width, picture.height)
        return Finding(path, verdict, digest=digest, picture=picture)

    def take(self, path: Path, opened: Callable[[], Opened]) -> Finding:
        """Judge the photo at ``path`` read elsewhere: ``opened`` gives what reading it gave,
        or raises why it could not be read."""
        try:
            found = opened()
        except (RekindleError, OSError) as error:
            return _unreadable(path, error)
        verdict = self._judged(found.digest, found.width, found.height)
        return Finding(path, verdict, digest=found.digest)

    def _judged(self, digest: str, width: int, height: int) -> Verdict:
        """The verdict on a photo read whole."""
        if digest in self._seen:
            return Verdict.DUPLICATE
        self._seen.add(digest)
        return Verdict.TOO_SMALL if min(width, height) < self.min_side else Verdict.USABLE


def _unreadable(path: Path, error: BaseException) -> Finding:
    return Finding(path, Verdict.UNREADABLE, reason=sentence_for(error))


class LeftOutLists(Protocol):
    """What a report made of the findings lists as left out, each photo by its name below the
    folder (``prepare``'s and ``pack``'s reports)."""

    too_small: list[str]
    duplicates: list[str]
    unreadable: list[dict[str, str]]


def left_out(report: LeftOutLists, name: str, finding: Finding) -> bool:
    """Whether the photo ``finding`` tells of is left out; if so, it is listed in ``report``
    under ``name``, by why."""
    if finding.verdict is Verdict.TOO_SMALL:
        report.too_small.append(name)
    elif finding.verdict is Verdict.DUPLICATE:
        report.duplicates.append(name)
    elif finding.verdict is Verdict.UNREADABLE:
        report.unreadable.append({"file": name, "reason": finding.reason})
    return finding.verdict is not Verdict.USABLE


def survey(
    photos: Sequence[Path],
    min_side: int,
    progress: Progress,
    opened: Sequence[Callable[[], Opened]] | None = None,
) -> Iterator[Finding]:
    """Each photo's ``Finding``, in order, telling ``progress`` (which may cancel) which one
    is being looked at; ``opened``: how each was read elsewhere (``Survey.take``), else each is
    read here."""
    judge = Survey(min_side)
    for index, path in enumerate(photos):
        progress.check()
        progress.update(index, len(photos), path.name, unit="photo")
        yield judge.look_at(path) if opened is None else judge.take(path, opened[index])
