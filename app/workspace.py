"""The workspace: the queue as it was left, filled again on start, and kept in step with the
queue as it changes (items added and removed, results written) in the workspace file
(``app.workspace_store``); and the undoing of removals.

The queue model stays the one place things change: this listens to it and writes each change
down, so every way of adding (opening, dropping, splitting a scan) is kept without telling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.item_status import ItemStatus
from app.photo_queue import QueueItem, QueueModel, ResultFile
from app.workspace_store import StoredItem, WorkspaceStore
from engine.errors import RekindleError

T = TypeVar("T")
UNDO_LIMIT = 20
"""Removals that can be undone; the items of older ones are let go (with their pictures)."""


class Workspace(QObject):
    """Mirrors ``queue`` into ``store`` and keeps the removals that Undo takes back."""

    message = Signal(str)  # something the person should know (the file could not be kept)

    def __init__(
        self, queue: QueueModel, store: WorkspaceStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._store = store
        self._stored: dict[int, int] = {}  # queue item id: the store's id for it
        self._removed: set[int] = set()  # queue item ids removed, which Undo may put back
        self._failed = False  # a write failed already (said once, not at every change)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        queue.rowsInserted.connect(self._on_inserted)
        queue.rowsAboutToBeRemoved.connect(self._on_removing)
        queue.result_added.connect(self._on_result)

    def load(self) -> list[QueueItem]:
        """Fill the queue with the items kept last time (a restored one shows its latest
        result, read from its file); returns them."""
        if self._store.problem:
            self._say_unreadable()
        items = []
        for stored in self._store.load():
            item = _item_of(stored)
            self._stored[item.id] = stored.id
            items.append(item)
        self._queue.add_items(items)
        return items

    def remove(self, item_ids: list[int]) -> None:
        """Take the items out of the queue, as a step Undo can take back."""
        self.undo_stack.push(_Removal(self._queue, item_ids))

    def can_undo(self) -> bool:
        return self.undo_stack.canUndo()

    def undo(self) -> list[QueueItem]:
        """Put back the items of the last removal; returns them."""
        if not self.can_undo():
            return []
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        self.undo_stack.undo()
        return command.back if isinstance(command, _Removal) else []

    def close(self) -> None:
        self._store.close()

    # -- the queue's changes --------------------------------------------------------------

    def _on_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        items = [self._queue.item_at(row) for row in range(first, last + 1)]
        back = [item.id for item in items if item.id in self._removed]
        fresh = [item for item in items if item.id not in self._stored]
        if back:
            self._removed.difference_update(back)
            self._write(self._store.put_back, [self._stored[i] for i in back])
        if fresh:
            ids = self._write(self._store.add, [item.source for item in fresh])
            self._stored.update(zip((item.id for item in fresh), ids or (), strict=False))

    def _on_removing(self, _parent: QModelIndex, first: int, last: int) -> None:
        items = [self._queue.item_at(row) for row in range(first, last + 1)]
        gone = [item.id for item in items if item.id in self._stored]
        self._removed.update(gone)
        self._write(self._store.remove, [self._stored[i] for i in gone])

    def _on_result(self, item: QueueItem, result: ResultFile) -> None:
        stored = self._stored.get(item.id)
        if stored is not None:
            self._write(self._store.add_result, stored, result.path, result.recipe)

    def _write(self, change: Callable[..., T], *args: object) -> T | None:
        """Make a change in the store; a failure is said once (the queue goes on working, it
        is only not kept)."""
        try:
            return change(*args)
        except RekindleError as error:
            if not self._failed:
                self._failed = True
                self.message.emit(
                    self.tr("The queue will not be remembered: {reason}").format(reason=error)
                )
            return None

    def _say_unreadable(self) -> None:
        store = self._store
        if store.set_aside is not None:
            text = self.tr(
                "The saved queue could not be read ({reason}), so it starts empty; the old "
                "file is kept as {name}."
            ).format(reason=store.problem, name=store.set_aside.name)
        else:
            text = self.tr("The queue will not be remembered: {reason}").format(
                reason=store.problem
            )
        self.message.emit(text)


class _Removal(QUndoCommand):
    """Items taken out of the queue; undone, they go back in their rows, with their results."""

    def __init__(self, queue: QueueModel, item_ids: list[int]) -> None:
        super().__init__()
        self._queue = queue
        self._item_ids = item_ids
        self._taken: list[tuple[int, QueueItem]] = []
        self.back: list[QueueItem] = []  # the items the last undo put back

    def redo(self) -> None:
        self._taken = self._queue.remove(self._item_ids)

    def undo(self) -> None:
        for _row, item in self._taken:
            if item.status is ItemStatus.QUEUED:  # its turn in the run went with it
                restored = item.result is not None or item.saved_to is not None
                item.status = ItemStatus.RESTORED if restored else ItemStatus.READY
        self.back = self._queue.put_back(self._taken)


def _item_of(stored: StoredItem) -> QueueItem:
    """A queue item as kept: restored, with its latest result on show, when it has one."""
    history = [ResultFile(result.path, result.recipe) for result in stored.results]
    if not history:
        return QueueItem(stored.source)
    latest = history[-1]
    return QueueItem(
        stored.source,
        status=ItemStatus.RESTORED,
        saved_to=latest.path,
        recipe=latest.recipe,
        history=history,
    )
