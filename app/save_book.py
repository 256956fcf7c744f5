"""The book of saves: which restored photos are being saved, which of those saves a person
asked for (reported together, in one message, once the last is written), and which results
quitting would lose. Free of Qt, so it is tested on its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar


class Result(Protocol):
    """A queue item as the book sees it (``QueueItem`` is one)."""

    @property
    def id(self) -> int: ...

    @property
    def saved_to(self) -> Path | None: ...

    @property
    def can_be_saved(self) -> bool: ...


R = TypeVar("R", bound=Result)


@dataclass(frozen=True)
class SavesDone:
    """The saves asked for together, all answered: how many were written, how many failed."""

    written: int
    failed: int
    places: tuple[Path, ...]  # where those written went


class SaveBook:
    """Saves from their start to the saver's answer."""

    def __init__(self) -> None:
        self._saving: set[int] = set()
        self._asked: set[int] = set()  # saves asked for by hand, not written yet
        self._written = 0  # saves asked for by hand and written, since the last report
        self._failed = 0  # saves asked for by hand that failed, since the last report
        self._places: list[Path] = []  # where those written went

    def start(self, items: Iterable[R], *, by_hand: bool) -> list[R]:
        """Note the saves of ``items`` begun; returns the items to hand to the saver: those
        that can be saved and are not being saved already. Saves not ``by_hand`` (made at once
        after a restoration) are never reported."""
        ready = [item for item in items if item.can_be_saved and item.id not in self._saving]
        if by_hand and ready and not self._asked:
            self._written = self._failed = 0
            self._places = []
        for item in ready:
            self._saving.add(item.id)
            if by_hand:
                self._asked.add(item.id)
        return ready

    def written(self, item_id: int, path: Path) -> SavesDone | None:
        """Note a save written to ``path``; once it was the last of the saves asked for by
        hand to be answered, returns how those went, for the report."""
        self._saving.discard(item_id)
        if item_id not in self._asked:
            return None
        self._written += 1
        self._places.append(path)
        return self._answered(item_id)

    def failed(self, item_id: int) -> tuple[bool, SavesDone | None]:
        """Note a save that failed: it is no longer being saved (it may be asked for again).
        Returns whether it was a save made at once after a restoration (not asked for by
        hand), and, once it was the last of the saves asked for by hand to be answered, how
        those went."""
        self._saving.discard(item_id)
        if item_id not in self._asked:
            return True, None
        self._failed += 1
        return False, self._answered(item_id)

    def _answered(self, item_id: int) -> SavesDone | None:
        self._asked.discard(item_id)
        if self._asked:
            return None
        return SavesDone(self._written, self._failed, tuple(self._places))

    def unsaved(self, restored: Iterable[R]) -> list[R]:
        """Among ``restored`` results, those neither saved nor being saved: what quitting
        now would lose."""
        return [item for item in restored if item.saved_to is None and item.id not in self._saving]
