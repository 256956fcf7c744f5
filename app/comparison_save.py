"""Saving a before-and-after picture of the photo on show (File > Save Comparison): the
original left of the line and the restored photo right of it (or the two pictures chosen in
the compare picker), split where the viewer's slider stands (in the middle while the line
lies at the picture's edge, where it would show one side alone), each side labelled as the
viewer labels it, written on the saver's thread beside the result: in its folder, or where
saving it would put it."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.compare_picker import ComparePicker
from app.photo_queue import QueueItem, QueueModel
from app.restore_runner import results_below
from app.result_view import shown_labels
from app.save_controller import result_stem
from app.viewer import ComparisonViewer
from app.workers import SaveWorker
from engine.file_names import NAME_MAX, byte_length, name_with_tail, name_within
from engine.imageio import Picture

SUFFIX = " comparison.jpg"
"""Added to the result's name: ``photo [restore-x4] comparison.jpg``; two results compared
are named both, left first: ``photo [restore-x4] vs photo [faithful-x4] comparison.jpg``. A name
too long for a file name is cut before the suffix (``name_with_tail``), each of two named
(``both_named``)."""
BETWEEN = " vs "  # between the names of two results compared
MIDDLE = 0.5
"""Where a comparison is split while the viewer's line lies at the picture's edge."""


def comparable(item: QueueItem | None) -> bool:
    """Whether ``item`` is a restored photo whose result can be compared with it."""
    return item is not None and item.can_be_saved


def both_named(left: str, right: str) -> str:
    """The name of the comparison of results named ``left`` and ``right``, less its suffix:
    both names, cut short (``name_within``) where together they would not fit in a file
    name, each to what the other leaves, and to no less than half."""
    room = NAME_MAX - byte_length(BETWEEN + SUFFIX)
    left = name_within(left, max(room - byte_length(right), room // 2))
    return f"{left}{BETWEEN}{name_within(right, room - byte_length(left))}"


class ComparisonSave(QObject):
    """Writes the comparison of the photo on show and says where."""

    message = Signal(str)  # for the status bar
    _request = Signal(int, object, object, object, float, object, object)  # to the saver

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
        # for each comparison asked for and not answered yet, in the order the saver answers
        # them: whether it is split in the middle, the line being at the picture's edge
        self._in_middle: deque[bool] = deque()
        self._request.connect(worker.compare)
        worker.compared.connect(self._on_compared)
        worker.compare_failed.connect(self._on_failed)

    def save_shown(self) -> None:
        """Write the comparison of the restored photo on show, split as the viewer shows it
        (in the middle while the line lies at the picture's edge)."""
        item = self._shown_item()
        if not comparable(item):
            return
        left, right, stem = self._shown_pair(item)
        folder, below = self._place(item)
        split = self._viewer.split_in_image()
        at_edge = not 0.0 < split < 1.0  # split there, it would show one picture alone
        self._in_middle.append(at_edge)
        target = folder / below / name_with_tail(stem, SUFFIX)
        where = MIDDLE if at_edge else split
        labels = shown_labels(self._picker, item)
        self._request.emit(item.id, left, right, target, where, folder, labels)
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
        return left.path, right.path, both_named(left.path.stem, right.path.stem)

    def _place(self, item: QueueItem) -> tuple[Path, Path]:
        """Where the comparison goes, beside the result on the right: in that result's folder
        once it is a file, else where saving it would put it (the output folder, and in it
        the folders that a folder added keeps, ``results_below``); as a folder and the
        folders below it, made where missing."""
        if not self._picker.is_default():
            return self._picker.pair()[1].path.parent, Path()
        if item.saved_to is not None:
            return item.saved_to.parent, Path()
        output = self._output_folder()
        return output, results_below(item, output, self._queue.added_folders())

    def _on_compared(self, item_id: int, path: Path) -> None:
        if self._in_middle.popleft():
            text = self.tr(
                "Saved the comparison {name} in {folder}, split in the middle: the line was at "
                "the photo's edge."
            )
        else:
            text = self.tr("Saved the comparison {name} in {folder}.")
        self.message.emit(text.format(name=path.name, folder=path.parent))

    def _on_failed(self, item_id: int, reason: str) -> None:
        self._in_middle.popleft()
        item = self._queue.item(item_id)
        text = self.tr("Could not save the comparison of {name}: {reason}")
        self.message.emit(text.format(name=item.name if item is not None else "", reason=reason))
