"""The workspace: the queue as it was left, filled again on start, and kept in step with the
queue as it changes (items added and removed, results written, a film's part to restore
marked) in the workspace file
(``app.workspace_store``); and Undo, which takes back removals and turns.

The queue model stays the one place things change: this listens to it and writes each change
down, so every way of adding (opening, dropping, splitting a scan) is kept without telling.
A change comes a run of neighbouring rows at a time; its runs are written together when it is
over, in one transaction, however scattered its rows.
A change that cannot be written (a full disk) leaves the file behind the queue: a lasting
warning says so, and each later change writes the whole queue as it is then, until one can.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QObject, Signal

from app.i18n import engine_words, plural
from app.item_status import BUSY_STATUSES, ItemStatus
from app.photo_queue import QueueItem, QueueModel, ResultFile
from app.workspace_store import StoredItem, WorkspaceStore
from engine.errors import RekindleError
from engine.filestamp import FileStamp

T = TypeVar("T")
UNDO_LIMIT = 20
"""Steps that can be undone. Past them the oldest step is let go with its items (and their
pictures), but one that holds a restored photo not saved: that stays until it is undone or
the window closes, when the question before quitting counts it (``Workspace.unsaved_removed``).
Letting it go would lose the restoration without a word, and keeping it costs no more memory
than the photo took in the queue."""


class Workspace(QObject):
    """Mirrors ``queue`` into ``store`` and keeps the steps that Undo takes back."""

    message = Signal(str)  # something the person should know (the file could not be read)
    undo_changed = Signal()  # a step was added or taken back: Undo may have become possible
    warning_changed = Signal()  # the file fell behind the queue, or caught up with it

    def __init__(
        self, queue: QueueModel, store: WorkspaceStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._store = store
        # queue item id: the store's id for it, of the items in the queue or in a step Undo
        # may put back (``_let_go_of_items_gone``)
        self._stored: dict[int, int] = {}
        self._removed: set[int] = set()  # queue item ids removed, which Undo may put back
        self._problem = ""  # why the last change could not be written ("": the file is in step)
        # queue item id, its result, the stamp of its file the result was made from
        self._results_behind: list[tuple[int, ResultFile, FileStamp | None]] = []
        self._steps: list[_Step] = []  # the oldest first
        self._leaving: list[int] = []  # the store's ids of the items the change takes out
        self._joining: list[_Run] = []  # the runs of items it puts in
        queue.rowsInserted.connect(self._on_inserted)
        queue.rowsAboutToBeRemoved.connect(self._on_removing)
        queue.rows_done.connect(self._write_rows)
        queue.results_added.connect(self._on_results)
        queue.part_marked.connect(self._on_part_marked)

    def load(self) -> list[QueueItem]:
        """Fill the queue with the items kept last time (a restored one shows its latest
        result, read from its file), saying how many of their files are not there; returns
        them."""
        kept = self._store.load()
        if self._store.problem:
            self._say_unreadable()
        items = [_item_of(stored) for stored in kept]
        self._stored.update((item.id, stored.id) for item, stored in zip(items, kept, strict=True))
        self._queue.add_items(items)
        self._say_not_found(sum(not stored.found for stored in kept))
        return items

    def remove(self, item_ids: list[int]) -> None:
        """Take the items out of the queue, as a step Undo takes back."""
        self._push(_Step(self._queue.remove(item_ids)))

    def replace(self, item_id: int, copy: QueueItem) -> None:
        """Take the item out for ``copy``, just put in its place, as one step: Undo puts the
        item back and takes the copy out of the queue (its file stays)."""
        self._push(_Step(self._queue.remove([item_id]), copy))

    def can_undo(self) -> bool:
        return bool(self._steps)

    def undo_takes_out(self) -> QueueItem | None:
        """The copy that Undo would take out of the queue (a turn's), if any."""
        return self._steps[-1].copy if self._steps else None

    def undo_puts_back(self) -> list[QueueItem]:
        """The items the last step took out, which Undo would put back."""
        return [item for _row, item in self._steps[-1].taken] if self._steps else []

    def undo_replaces(self) -> list[QueueItem]:
        """The files of the last step queued again since, as fresh items (nothing restored,
        nothing under way): Undo takes them out for the items it puts back, which hold
        more."""
        taken = self.undo_puts_back()
        again = {item.key for item in taken}
        return [
            item
            for item in self._queue.items()
            if item.key in again
            and item.result is None
            and item.saved_to is None
            and item.status not in BUSY_STATUSES
        ]

    def undo(self, hand_over: Callable[[int, int], None]) -> list[QueueItem]:
        """Take back the last step: its items go back in their rows, with their results, in
        place of their files queued again (``undo_replaces``); a turn's copy hands its place
        in the selection back to its photo (``hand_over(copy's id, photo's id)``) before it
        leaves the queue. Returns the items put back."""
        if not self._steps:
            return []
        replaced = [item.id for item in self.undo_replaces()]
        step = self._steps.pop()
        self._queue.remove(replaced)
        back = step.put_back(self._queue)
        if step.copy is not None:
            for item in back:
                hand_over(step.copy.id, item.id)
            self._queue.remove([step.copy.id])
        self._let_go_of_items_gone()
        self.undo_changed.emit()
        return back

    def unsaved_removed(self) -> list[QueueItem]:
        """The restored photos taken out of the queue, their results not saved, that Undo
        could still put back: quitting would lose them."""
        return [item for step in self._steps for item in step.unsaved()]

    def _push(self, step: _Step) -> None:
        self._steps.append(step)
        self._let_go_of_old_steps()
        self._let_go_of_items_gone()
        self.undo_changed.emit()

    def _let_go_of_old_steps(self) -> None:
        """Keep ``UNDO_LIMIT`` steps: past it, the oldest that holds no result not saved is
        let go, one at a time; steps that hold one are kept however many there are."""
        while len(self._steps) > UNDO_LIMIT:
            oldest = next((step for step in self._steps if not step.unsaved()), None)
            if oldest is None:
                return
            self._steps.remove(oldest)

    def _let_go_of_items_gone(self) -> None:
        """Forget the items out of the queue for good, in no step Undo may put back (let go,
        taken out by Undo, or left out by another way): while the file is behind the queue
        they are kept, for ``_catch_up`` to mark them removed."""
        if self._problem:
            return
        live = {item.id for item in self._queue.items()}
        live.update(item.id for step in self._steps for _row, item in step.taken)
        self._stored = {queued: stored for queued, stored in self._stored.items() if queued in live}
        self._removed &= live

    def close(self) -> None:
        """Close the file, after a last try at writing the queue when it is behind."""
        if self._problem:
            self._catch_up()
        self._store.close()

    def warning(self) -> str:
        """What the status bar keeps saying while the file is behind the queue, in the
        language of the moment ("" while it is in step)."""
        if not self._problem:
            return ""
        text = self.tr("The queue will not be remembered: {reason}")
        return text.format(reason=engine_words(self._problem))

    # -- the queue's changes --------------------------------------------------------------

    def _on_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Note a run of items put in, for ``_write_rows``."""
        items = [self._queue.item_at(row) for row in range(first, last + 1)]
        back = [item.id for item in items if item.id in self._removed]
        self._removed.difference_update(back)
        fresh = [item for item in items if item.id not in self._stored]
        self._joining.append(_Run(back, fresh, self._queue.item_at(last + 1)))

    def _on_removing(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Note a run of items taken out, for ``_write_rows``."""
        items = [self._queue.item_at(row) for row in range(first, last + 1)]
        gone = [item.id for item in items if item.id in self._stored]
        self._removed.update(gone)
        self._leaving += [self._stored[i] for i in gone]

    def _write_rows(self) -> None:
        """Write the change of rows just over: the items it took out, or those it put in, in
        one transaction; the whole queue while the file is behind it."""
        leaving, joining = self._leaving, self._joining
        self._leaving, self._joining = [], []
        if self._problem and (leaving or joining):
            self._catch_up()
            return
        if leaving:
            self._write(self._store.remove, leaving)
        joining = [run for run in joining if run.back or run.fresh]
        if joining:
            self._write(self._put_in, joining)

    def _put_in(self, runs: list[_Run]) -> None:
        """Put back and add the runs' items, each run in front of the item following it, in
        one transaction; the new items' ids are noted once it is written."""
        added: list[tuple[int, int]] = []
        with self._store.together():
            for run in runs:
                following = run.following
                before = self._stored.get(following.id) if following is not None else None
                if run.back:
                    self._store.put_back([self._stored[i] for i in run.back], before)
                if run.fresh:
                    ids = self._store.add(
                        [item.source for item in run.fresh], before, _folders_of(run.fresh)
                    )
                    added += zip((item.id for item in run.fresh), ids, strict=True)
        self._stored.update(added)

    def _on_results(self, added: list[tuple[QueueItem, ResultFile]]) -> None:
        """Note results written, those of a batch of saves in one transaction."""
        # an item not stored yet is written with its results, by ``_catch_up``
        self._results_behind += [
            (item.id, result, item.made_from) for item, result in added if item.id in self._stored
        ]
        if not self._results_behind:
            return
        if self._problem:
            self._catch_up()
        else:
            self._write(self._write_results)

    def _on_part_marked(self, item: QueueItem) -> None:
        """Note the part of a film marked to restore (a film not stored yet is written with
        its part, by ``_catch_up``)."""
        if self._problem:
            self._catch_up()
        elif item.id in self._stored:
            self._write(self._store.set_parts, [(self._stored[item.id], item.part)])

    def _write(self, change: Callable[..., T], *args: object) -> T | None:
        """Make a change in the store; one that fails leaves the file behind the queue (the
        queue goes on working, it is only not kept until ``_catch_up`` can write it)."""
        try:
            return change(*args)
        except RekindleError as error:
            self._set_problem(error.sentence)
            return None

    def _catch_up(self) -> None:
        """Write the whole queue as it is now, after changes that could not be written: the
        items added meanwhile, with their results; those taken out, marked removed; the order;
        the films' parts marked; and the results not written yet."""
        staying = self._queue.items()
        fresh = [item for item in staying if item.id not in self._stored]
        in_queue = {item.id for item in staying}
        self._removed.difference_update(in_queue)  # put back meanwhile
        try:
            ids = self._store.add([item.source for item in fresh], added_with=_folders_of(fresh))
            self._stored.update(zip((item.id for item in fresh), ids, strict=True))
            self._results_behind += [
                (item.id, result, item.made_from) for item in fresh for result in item.history
            ]
            gone = [stored for queued, stored in self._stored.items() if queued not in in_queue]
            self._store.remove(gone)
            self._store.put_back([self._stored[item.id] for item in staying], None)
            self._store.set_parts((self._stored[item.id], item.part) for item in staying)
            self._write_results()
        except RekindleError as error:
            self._set_problem(error.sentence)
            return
        self._set_problem("")

    def _write_results(self) -> None:
        """Note the results not written yet, the oldest first, in one transaction: all of
        them, or none (still to write)."""
        with self._store.together():
            for item_id, result, made_from in self._results_behind:
                self._store.add_result(
                    self._stored[item_id], result.path, result.recipe, made_from, result.part
                )
        self._results_behind.clear()

    def _set_problem(self, problem: str) -> None:
        """Note why the file is behind the queue ("": it is in step), for ``warning``."""
        if problem != self._problem:
            self._problem = problem
            self.warning_changed.emit()

    def _say_not_found(self, count: int) -> None:
        """Tell of the queued files not there: kept in the queue, they come back with their
        results once they are."""
        if not count:
            return
        text = plural(
            count,
            self.tr(
                "1 file in the queue is not there: it may have been moved, or be on a drive "
                "that is not plugged in."
            ),
            self.tr(
                "{count} files in the queue are not there: they may have been moved, or be on "
                "a drive that is not plugged in."
            ),
        )
        self.message.emit(text.format(count=count))

    def _say_unreadable(self) -> None:
        """Tell why the saved queue is not there (set aside as unreadable), or why it will not
        be remembered (the file cannot be written)."""
        store = self._store
        if store.set_aside is not None:
            text = self.tr(
                "The saved queue could not be read ({reason}), so it starts empty; the old "
                "file is kept as {name}."
            ).format(reason=engine_words(store.problem), name=store.set_aside.name)
            self.message.emit(text)
        else:  # the file cannot be written: said for as long as that lasts
            self._set_problem(store.problem)


@dataclass
class _Run:
    """Neighbouring items a change put in the queue: those put back (their queue ids), those
    new to the file, and the item following them (None: they are the last)."""

    back: list[int]
    fresh: list[QueueItem]
    following: QueueItem | None


@dataclass
class _Step:
    """A step Undo takes back: items taken out of the queue, each with the row it had, and
    the copy put in the place of the one taken out (a turn's), if any."""

    taken: list[tuple[int, QueueItem]]
    copy: QueueItem | None = None

    def unsaved(self) -> list[QueueItem]:
        """The items taken out whose results are not saved."""
        return [item for _row, item in self.taken if item.result_unsaved]

    def put_back(self, queue: QueueModel) -> list[QueueItem]:
        """The items back in their rows, with their results; returns those put back."""
        for _row, item in self.taken:
            if item.status is ItemStatus.QUEUED:  # its turn in the run went with it
                restored = item.result is not None or item.saved_to is not None
                item.status = ItemStatus.RESTORED if restored else ItemStatus.READY
        return queue.put_back(self.taken)


def _item_of(stored: StoredItem) -> QueueItem:
    """A queue item as kept (a film with its part marked to restore): restored, with its
    latest result on show, when it has one. One whose file is not there is read like a new
    one (reading says why it cannot be), with its results, which it shows once its file is
    read."""
    history = [ResultFile(result.path, result.recipe, result.part) for result in stored.results]
    if not history:
        return QueueItem(stored.source, added_with=stored.added_with, part=stored.part)
    latest = history[-1]
    return QueueItem(
        stored.source,
        added_with=stored.added_with,
        part=stored.part,
        status=ItemStatus.RESTORED if stored.found else ItemStatus.READING,
        saved_to=latest.path,
        recipe=latest.recipe,
        made_part=latest.part,
        made_from=stored.made_from,
        history=history,
    )


def _folders_of(items: list[QueueItem]) -> dict[Path, Path]:
    """Each item's file and the folder added it was found in (those added alone left out)."""
    return {item.source: item.added_with for item in items if item.added_with is not None}
