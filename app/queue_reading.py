"""What the reader finds in the queue's files: each item's thumbnail and size (a film's
description too), asked for as its row appears (added, kept from the last session, or put back
by Undo), and noted in the queue; or why a file cannot be read."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.item_status import ItemStatus
from app.photo_queue import QueueModel
from app.queue_view import QueueView, thumbnail_pixels
from app.spot_marks import stored_marks
from app.workers import ImageLoader
from engine.video import VideoInfo


class QueueReading(QObject):
    """Asks ``loader`` for the thumbnails of new rows and records its reports in ``queue``."""

    read = Signal(int)  # item id: its thumbnail and size (a film's description) are known
    unreadable = Signal(int)  # item id: reading its file (or a picture of it) failed
    _request_thumbnail = Signal(int, object, int)  # to the reader's thread
    _forget = Signal(object)  # set of item ids, to the reader's thread

    def __init__(
        self,
        queue: QueueModel,
        view: QueueView,
        loader: ImageLoader,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._view = view
        self._request_thumbnail.connect(loader.request_thumbnail)
        self._forget.connect(loader.forget)
        queue.rowsInserted.connect(self._on_rows_inserted)
        loader.thumbnail_ready.connect(self._on_thumbnail)
        loader.film_read.connect(self._on_film_read)
        loader.failed.connect(self._on_failed)

    def forget(self, item_ids: list[int]) -> None:
        """Drop the reads still waiting for items taken out of the queue."""
        self._forget.emit(set(item_ids))

    def _on_rows_inserted(self, _parent: object, first: int, last: int) -> None:
        """Read the thumbnails of items added, kept, or put back before theirs were read."""
        side = thumbnail_pixels(self._view)
        for row in range(first, last + 1):
            item = self._queue.item_at(row)
            if item is not None and item.thumbnail is None:
                self._request_thumbnail.emit(item.id, item.source, side)

    def _on_thumbnail(self, item_id: int, image: QImage, width: int, height: int) -> None:
        item = self._queue.item(item_id)
        if item is None:
            return
        status = ItemStatus.READY if item.status is ItemStatus.READING else item.status
        marked = not item.is_video and stored_marks(item.source) is not None
        self._queue.update(
            item_id,
            thumbnail=image,
            width=width,
            height=height,
            status=status,
            spots_marked=marked,
        )
        self.read.emit(item_id)

    def _on_film_read(self, item_id: int, image: QImage, info: VideoInfo) -> None:
        self._queue.update(item_id, video=info)
        self._on_thumbnail(item_id, image, info.width, info.height)

    def _on_failed(self, item_id: int, message: str) -> None:
        item = self._queue.item(item_id)
        if item is None:
            return
        if item.status in (ItemStatus.READING, ItemStatus.READY):
            self._queue.update(item_id, status=ItemStatus.UNREADABLE, message=message)
        self.unreadable.emit(item_id)
