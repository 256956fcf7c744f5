"""Cutting scans of several prints into one photo per print: each selected scan is handed to
the saver's thread, its prints land in its own folder in the output folder, named after it
("scan (2)" when another scan of its name has "scan"; ``engine.split.prints_folder``), and
join the queue, the first of them on show. A scan being split, or whose prints are in the
queue already, is not split again: that would only write the same prints once more. Which
scan queued prints were cut from is told by their folder's mark, so it holds after a restart
too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.action_rules import splittable
from app.i18n import plural
from app.photo_queue import QueueItem, QueueModel
from app.selection import Selection
from app.workers import SaveWorker
from engine.split import scan_of

AddPaths = Callable[..., list[QueueItem]]
"""``Intake.add_paths``: queues paths, returning the new items."""


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
        self._request_split.connect(worker.split)
        worker.split_done.connect(self._on_split)
        worker.split_failed.connect(self._on_split_failed)

    def split_selected(self) -> None:
        """Cut each selected scan's prints into its own folder in the output folder (in the
        background); the prints join the queue. A scan being split, or whose prints
        are queued, is left as it is, and the status bar says so."""
        for item in splittable(self._selection.selected()):
            scan = item.source.resolve()
            if scan in self._splitting.values():
                text = self.tr("{name} is being split: its prints join the queue soon.")
                self.message.emit(text.format(name=item.name))
            elif self._prints_queued(scan):
                text = self.tr("The prints of {name} are in the queue already.")
                self.message.emit(text.format(name=item.name))
            else:
                self._split(item, scan)

    def _split(self, item: QueueItem, scan: Path) -> None:
        self.message.emit(self.tr("Looking for the prints on {name}…").format(name=item.name))
        self._splitting[item.id] = scan
        self._request_split.emit(item.id, item.source, self._output_folder())

    def _prints_queued(self, scan: Path) -> bool:
        """Whether prints cut from ``scan`` (resolved) are in the queue: files in a folder
        marked as its (``engine.split.scan_of``)."""
        folders = {item.source.parent for item in self._queue.items()}
        return any(scan_of(folder) == scan for folder in folders)

    def _on_split(self, item_id: int, paths: list[Path]) -> None:
        del self._splitting[item_id]
        added = self._add_paths(paths, remember=False)
        if added:
            self._selection.select(added[0])  # the first print on show
        text = plural(
            len(paths),
            self.tr("{name}: 1 print cut out and added to the queue"),
            self.tr("{name}: {count} prints cut out and added to the queue"),
        )
        self.message.emit(text.format(name=self._name(item_id), count=len(paths)))

    def _on_split_failed(self, item_id: int, message: str) -> None:
        del self._splitting[item_id]
        text = self.tr("{name} could not be split: {reason}")
        self.message.emit(text.format(name=self._name(item_id), reason=message))

    def _name(self, item_id: int) -> str:
        """The scan's name; none when it has left the queue meanwhile."""
        item = self._queue.item(item_id)
        return item.name if item is not None else ""
