"""The queue items a person has picked in the queue's list: the current one (the one on show)
and those selected, as items rather than rows, for the window's parts that act on them."""

from __future__ import annotations

from collections.abc import Sequence

from app.photo_queue import QueueItem, QueueModel
from app.queue_view import QueueView


class Selection:
    """Reads and moves the list's current item and selection."""

    def __init__(self, queue: QueueModel, view: QueueView) -> None:
        self._queue = queue
        self._view = view

    def current(self) -> QueueItem | None:
        item_id = self._view.current_id()
        return self._queue.item(item_id) if item_id is not None else None

    def selected(self) -> list[QueueItem]:
        items = (self._queue.item(i) for i in self._view.selected_ids())
        return [item for item in items if item is not None]

    def select(self, item: QueueItem) -> None:
        """Make ``item`` the current one, on show, and the only one selected."""
        self._view.select_id(item.id)

    def hand_over(self, old_id: int, new_id: int) -> None:
        """Put the item ``new_id`` where ``old_id`` is in the selection and on show, before
        ``old_id`` leaves the queue (a photo's turned copy, or the photo again at Undo)."""
        self._view.hand_over(old_id, new_id)

    def show_first(self, items: Sequence[QueueItem]) -> None:
        """Put the first of ``items`` on show when nothing is."""
        if items and self._view.current_id() is None:
            self.select(items[0])
