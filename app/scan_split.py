"""Cutting scans of several prints into one photo per print: each selected scan is handed to
the saver's thread, its prints land in its own folder in the output folder, named after it
("scan (2)" when another scan of its name has "scan"; ``engine.split.prints_folder``), and
join the queue, the first of them on show. A scan being split, or whose prints are in the
queue already (turned or not), is not split again: that would only write the same prints once
more. Which scan queued prints were cut from is told by their folder's mark, so it holds after
a restart too. Scans split together are spoken of together once all are done (how many prints
were cut out, which scans could not be split), the row of a scan that could not be split
saying why; a single photo among them (no lid around it) is left as it is, its row too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.action_rules import scan_cut_from, splittable
from app.i18n import plural
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, QueueModel
from app.selection import Selection
from app.workers import SaveWorker

AddPaths = Callable[..., list[QueueItem]]
"""``Intake.add_paths``: queues paths, returning the new items."""
MARKED_WHEN_NOT_SPLIT = frozenset({ItemStatus.READY, ItemStatus.FAILED, ItemStatus.CANCELLED})
"""Where a scan stands whose row says why it could not be split (as failed): read, neither on
its way nor restored (a restored row's message says why its result could not be saved)."""


@dataclass
class _Batch:
    """Scans asked to be split together, and what came of those split so far."""

    names: dict[int, str]  # item id: the scan's name, for those not split yet
    count: int  # how many scans were asked for
    prints: int = 0  # cut out and queued
    failed: list[str] = field(default_factory=list)  # scans that could not be split, said so
    single: list[str] = field(default_factory=list)  # single photos, left as they are


class ScanSplit(QObject):
    """Splits the selected scans and says how it went."""

    message = Signal(str)  # for the status bar
    _request_split = Signal(int, object, object)  # item id, scan, output folder: to the saver

    def __init__(
        self,
        queue: QueueModel,
        selection: Selection,
        output_folder: Callable[[], Path],
        worker: SaveWorker,
        add_paths: AddPaths,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._selection = selection
        self._output_folder = output_folder
        self._add_paths = add_paths
        self._splitting: dict[int, Path] = {}  # item id: its scan (resolved), being split
        self._batches: dict[int, _Batch] = {}  # item id being split: the scans asked with it
        self._request_split.connect(worker.split)
        worker.split_done.connect(self._on_split)
        worker.split_failed.connect(self._on_split_failed)
        worker.not_a_scan.connect(self._on_not_a_scan)

    def split_selected(self) -> None:
        """Cut each selected scan's prints into its own folder in the output folder (in the
        background); the prints join the queue. A scan being split, or whose prints are
        queued, is left as it is, and the status bar says so."""
        asked: list[tuple[QueueItem, Path]] = []  # each scan to split, resolved
        for item in splittable(self._selection.selected()):
            scan = item.source.resolve()
            if scan in self._splitting.values():
                text = self.tr("{name} is being split: its prints join the queue soon.")
                self.message.emit(text.format(name=item.name))
            elif self._prints_queued(scan):
                text = self.tr("The prints of {name} are in the queue already.")
                self.message.emit(text.format(name=item.name))
            else:
                asked.append((item, scan))
        if asked:
            self._split(asked)

    def _split(self, scans: list[tuple[QueueItem, Path]]) -> None:
        """Have the saver split ``scans`` (each with its resolved path), as a batch."""
        batch = _Batch({item.id: item.name for item, _ in scans}, len(scans))
        if batch.count == 1:
            ((item, _),) = scans
            text = self.tr("Looking for the prints on {name}…").format(name=item.name)
        else:
            text = self._progress(batch)
        self.message.emit(text)
        for item, scan in scans:
            self._splitting[item.id] = scan
            self._batches[item.id] = batch
            self._request_split.emit(item.id, item.source, self._output_folder())

    def _prints_queued(self, scan: Path) -> bool:
        """Whether prints cut from ``scan`` (resolved), or their turned copies, are in the
        queue (``scan_cut_from``)."""
        return any(scan_cut_from(item.source) == scan for item in self._queue.items())

    def _on_split(self, item_id: int, paths: list[Path]) -> None:
        batch, name = self._done(item_id)
        added = self._add_paths(paths, remember=False)
        if added and not batch.prints:  # the first print on show (of the first scan split)
            self._selection.select(added[0])
        batch.prints += len(paths)
        if batch.count > 1:
            self._say_how_far(batch)
            return
        text = plural(
            len(paths),
            self.tr("{name}: 1 print cut out and added to the queue"),
            self.tr("{name}: {count} prints cut out and added to the queue"),
        )
        self.message.emit(text.format(name=name, count=len(paths)))

    def _on_split_failed(self, item_id: int, message: str) -> None:
        batch, name = self._done(item_id)
        marked = self._mark_not_split(item_id, message)
        if batch.count > 1:
            said = (
                name if marked else self.tr("{name} ({reason})").format(name=name, reason=message)
            )
            batch.failed.append(said)
            self._say_how_far(batch)
            return
        text = self.tr("{name} could not be split: {reason}")
        self.message.emit(text.format(name=name, reason=message))

    def _on_not_a_scan(self, item_id: int, message: str) -> None:
        """A single photo among the scans: its row stays as it was, since it restores as a
        photo; the status bar says it was left as it is."""
        batch, name = self._done(item_id)
        if batch.count > 1:
            batch.single.append(name)
            self._say_how_far(batch)
            return
        text = self.tr("{name}: {reason}; it is left as it is.")
        self.message.emit(text.format(name=name, reason=message))

    def _done(self, item_id: int) -> tuple[_Batch, str]:
        """Forget the scan ``item_id`` as being split: its batch, and its name."""
        del self._splitting[item_id]
        batch = self._batches.pop(item_id)
        return batch, batch.names.pop(item_id)

    def _mark_not_split(self, item_id: int, reason: str) -> bool:
        """Have the scan's row say why it could not be split, where its row is free to say it
        (``MARKED_WHEN_NOT_SPLIT``); returns whether it was."""
        item = self._queue.item(item_id)
        if item is None or item.status not in MARKED_WHEN_NOT_SPLIT:
            return False
        message = self.tr("could not be split into prints: {reason}").format(reason=reason)
        self._queue.update(item_id, status=ItemStatus.FAILED, message=message)
        return True

    def _say_how_far(self, batch: _Batch) -> None:
        """How far the scans split together have got, and once all are done, what came of
        them."""
        self.message.emit(self._summary(batch) if not batch.names else self._progress(batch))

    def _progress(self, batch: _Batch) -> str:
        text = self.tr("Looking for the prints on {count} scans: {done} done…")
        return text.format(count=batch.count, done=batch.count - len(batch.names))

    def _summary(self, batch: _Batch) -> str:
        """The prints cut out of the scans split together, the scans that could not be split,
        by name (their rows say why; one whose row cannot, here), and the single photos left
        as they are."""
        texts = []
        if batch.prints:
            text = plural(
                batch.prints,
                self.tr("1 print cut out and added to the queue."),
                self.tr("{count} prints cut out and added to the queue."),
            )
            texts.append(text.format(count=batch.prints))
        if batch.failed:
            text = plural(
                len(batch.failed),
                self.tr("1 scan could not be split: {names}."),
                self.tr("{count} scans could not be split: {names}."),
            )
            texts.append(text.format(count=len(batch.failed), names=", ".join(batch.failed)))
        if batch.single:
            text = plural(
                len(batch.single),
                self.tr(
                    "1 photo looks like a single photo, not a scan of prints, and was left as "
                    "it is: {names}."
                ),
                self.tr(
                    "{count} photos look like single photos, not scans of prints, and were "
                    "left as they are: {names}."
                ),
            )
            texts.append(text.format(count=len(batch.single), names=", ".join(batch.single)))
        return " ".join(texts)
