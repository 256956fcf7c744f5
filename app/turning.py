"""Turning photos a quarter turn (Queue > Turn Left, Turn Right): each selected photo's turned
copy is written on the saver's thread into the output folder and takes the photo's place in
the queue (Undo puts the photo back), the spots marked on it turned with it; the photo itself
is never touched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.action_rules import TURNED_FOLDER, turnable
from app.photo_queue import QueueModel
from app.selection import Selection
from app.workers import SaveWorker


class Turning(QObject):
    """Turns the selected photos and says how it went."""

    message = Signal(str)  # for the status bar
    _request = Signal(int, object, int, object)  # item id, photo, quarter turns, folder

    def __init__(
        self,
        queue: QueueModel,
        selection: Selection,
        output_folder: Callable[[], Path],
        worker: SaveWorker,
        # puts a photo's turned copy in its place, told whether the photo was restored since
        replace: Callable[[int, Path, bool], None],
        running_item: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._selection = selection
        self._output_folder = output_folder
        self._replace = replace
        self._running_item = running_item
        # item ids whose turned copy is being written, with their result when it was asked
        self._turning: dict[int, object] = {}
        self._request.connect(worker.turn)
        worker.turned.connect(self._on_turned)
        worker.turn_failed.connect(self._on_failed)

    def turn_selected(self, quarter_turns: int) -> None:
        """Turn each selected photo ``quarter_turns`` quarter turns clockwise (negative: the
        other way), in the background."""
        folder = self._output_folder() / TURNED_FOLDER
        for item in turnable(self._selection.selected(), self._running_item()):
            if item.id in self._turning:  # its copy replaces it soon: turn that one then
                text = self.tr("{name} is being turned: turn it again once its copy is shown.")
                self.message.emit(text.format(name=item.name))
                continue
            self._turning[item.id] = item.result
            self._request.emit(item.id, item.source, quarter_turns, folder)

    def _on_turned(self, item_id: int, path: Path) -> None:
        result_then = self._turning.pop(item_id, None)
        item = self._queue.item(item_id)
        restored_since = item is not None and item.result is not result_then
        self._replace(item_id, path, restored_since)

    def _on_failed(self, item_id: int, reason: str) -> None:
        self._turning.pop(item_id, None)
        item = self._queue.item(item_id)
        text = self.tr("{name} could not be turned: {reason}")
        self.message.emit(text.format(name=item.name if item is not None else "", reason=reason))
