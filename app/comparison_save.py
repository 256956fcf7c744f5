"""Saving a before-and-after picture of the photo on show (File > Save Comparison): the
original left of the line and the restored photo right of it (or the two pictures chosen in
the compare picker), split where the viewer's slider stands, written on the saver's thread
into the output folder beside the results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.compare_picker import ComparePicker
from app.photo_queue import QueueItem, QueueModel
from app.save_controller import result_stem
from app.viewer import ComparisonViewer
from app.workers import SaveWorker
from engine.imageio import Picture

SUFFIX = " comparison.jpg"
"""Added to the result's name: ``photo [restore-x4] comparison.jpg``; two results compared
are named both, left first: ``photo [restore-x4] vs photo [faithful-x4] comparison.jpg``."""


def comparable(item: QueueItem | None) -> bool:
    """Whether ``item`` is a restored photo whose result can be compared with it."""
    return item is not None and item.can_be_saved


class ComparisonSave(QObject):
    """Writes the comparison of the photo on show and says where."""

    message = Signal(str)  # for the status bar
    _request = Signal(int, object, object, object, float)  # to the saver's thread

    def __init__(
        self,
        queue: QueueModel,
        shown_item: Callable[[], QueueItem | None],
        viewer: ComparisonViewer,
        output_folder: Callable[[], Path],
        names: Callable[[], str],
        worker: SaveWorker,
        picker: ComparePicker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._shown_item = shown_item
        self._viewer = viewer
        self._output_folder = output_folder
        self._names = names
        self._picker = picker  # the pair on show, where another than the first is chosen
        self._request.connect(worker.compare)
        worker.compared.connect(self._on_compared)
        worker.compare_failed.connect(self._on_failed)

    def save_shown(self) -> None:
        """Write the comparison of the restored photo on show, split as the viewer shows it."""
        item = self._shown_item()
        if not comparable(item):
            return
        left, right, stem = self._shown_pair(item)
        target = self._output_folder() / f"{stem}{SUFFIX}"
        self._request.emit(item.id, left, right, target, self._viewer.split_in_image())
        self.message.emit(self.tr("Saving the comparison of {name}…").format(name=item.name))

    def _shown_pair(self, item: QueueItem) -> tuple[Path, Path | Picture, str]:
        """The pictures on show, left and right (a file, or the result not saved yet), and
        the comparison's name without its suffix."""
        if self._picker.is_default():
            result = item.result if item.result is not None else item.saved_to
            saved = item.saved_to
            stem = saved.stem if saved is not None else result_stem(item, self._names())
            return item.source, result, stem
        left, right = self._picker.pair()
        if left is None:
            return item.source, right.path, right.path.stem
        return left.path, right.path, f"{left.path.stem} vs {right.path.stem}"

    def _on_compared(self, item_id: int, path: Path) -> None:
        text = self.tr("Saved the comparison {name} in {folder}.")
        self.message.emit(text.format(name=path.name, folder=path.parent))

    def _on_failed(self, item_id: int, reason: str) -> None:
        item = self._queue.item(item_id)
        text = self.tr("Could not save the comparison of {name}: {reason}")
        self.message.emit(text.format(name=item.name if item is not None else "", reason=reason))
