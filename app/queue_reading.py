"""What the reader finds in the queue's files: each item's thumbnail and size (a film's
description too), asked for as its row appears (added, kept from the last session, or put back
by Undo), and noted in the queue; or why a file cannot be read.

A file may change while it is queued (edited in another program): its row is read again when
its file's stamp (``FileStamp``, one ``stat``) is not the one it had when the row was read,
looked at as the item goes on show, as the app comes back to the front (the item on show) and
as a restoration ends (which read the file anew). A frame sequence's folder stands for its
file; its rows are read again when the Films settings read frame sequences otherwise (their
rate, or their gaps let through)."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage

from app.i18n import Lasting
from app.item_status import FOUND_BY_READING, ItemStatus
from app.photo_queue import QueueItem, QueueModel
from app.queue_view import QueueView, thumbnail_pixels
from app.workers import ImageLoader
from engine.filestamp import FileStamp
from engine.video import VideoInfo
from engine.video.sequence import SequenceOptions


class QueueReading(QObject):
    """Asks ``loader`` for the thumbnails of new rows, and of rows whose files changed, and
    records its reports in ``queue``."""

    read = Signal(int)  # item id: its thumbnail and size (a film's description) are known
    unreadable = Signal(int)  # item id: reading its file (or a picture of it) failed
    _request_thumbnail = Signal(int, object, int)  # to the reader's thread
    _forget = Signal(object)  # set of item ids, to the reader's thread
    _let_go = Signal(object)  # frozenset of the files of items leaving, to the reader's thread
    _read_sequences = Signal(object)  # SequenceOptions, to the reader's thread

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
        # each item's file as it was when its row was asked for, kept while the item lives:
        # in the queue, or taken out in a step Undo may put back as it was read
        self._stamps: WeakKeyDictionary[QueueItem, FileStamp | None] = WeakKeyDictionary()
        self._sequences = SequenceOptions()  # how the reader reads frame sequences
        self._request_thumbnail.connect(loader.request_thumbnail)
        self._forget.connect(loader.forget)
        self._let_go.connect(loader.let_go)
        self._read_sequences.connect(loader.read_sequences_with)
        queue.rowsInserted.connect(self._on_rows_inserted)
        queue.rowsAboutToBeRemoved.connect(self._on_rows_leaving)
        queue.dataChanged.connect(self._on_data_changed)
        view.selectionModel().currentChanged.connect(lambda *_: self.follow_current())
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)
        loader.thumbnail_ready.connect(self._on_thumbnail)
        loader.film_read.connect(self._on_film_read)
        loader.thumbnail_failed.connect(self._on_thumbnail_failed)
        loader.failed.connect(self._on_shown_failed)

    def forget(self, item_ids: list[int]) -> None:
        """Drop the reads still waiting for items taken out of the queue."""
        self._forget.emit(set(item_ids))

    def _on_rows_leaving(self, _parent: object, first: int, last: int) -> None:
        """The reader closes the films it keeps ready of items leaving the queue (however
        they leave), their restored copies' too."""
        rows = (self._queue.item_at(row) for row in range(first, last + 1))
        items = [item for item in rows if item is not None]
        files = (path for item in items for path in (item.source, item.saved_to))
        self._let_go.emit(frozenset(path for path in files if path is not None))

    def _on_rows_inserted(self, _parent: object, first: int, last: int) -> None:
        """Read the thumbnails of items added, kept, or put back before theirs were read."""
        for row in range(first, last + 1):
            item = self._queue.item_at(row)
            if item is not None and item.thumbnail is None:
                self._read(item)

    def _read(self, item: QueueItem) -> None:
        """Ask for the item's thumbnail and size, its file's stamp noted first: a change made
        while it is read is found the next time it is looked at."""
        self._stamps[item] = FileStamp.find(item.stamped)
        self._request_thumbnail.emit(item.id, item.source, thumbnail_pixels(self._view))

    def _follow(self, item: QueueItem | None) -> None:
        """Read the item's row again if its file changed since the row was read."""
        if item is None or item.status is ItemStatus.READING:
            return  # being read: its stamp was noted as it was asked for
        if item in self._stamps and self._stamps[item] == FileStamp.find(item.stamped):
            return
        self._read_again(item)

    def _read_again(self, item: QueueItem) -> None:
        """Read the item's row again, "Reading…" where it showed what reading found."""
        if item.status in FOUND_BY_READING:
            self._queue.update(item.id, status=ItemStatus.READING, message="")
        self._read(item)

    def read_sequences_with(self, options: SequenceOptions) -> None:
        """Read frame sequences as ``options`` say (the Films settings' rate and gaps) from
        now on: those added from now on, and those queued whose rows show what reading found
        (a sequence refused for its gaps is taken once they are let through), or are being
        read (the reader may have begun with the options before)."""
        if options == self._sequences:
            return
        self._sequences = options
        self._read_sequences.emit(options)
        for item in self._queue.items():
            if item.is_sequence and item.status in (ItemStatus.READING, *FOUND_BY_READING):
                self._read_again(item)

    def follow_current(self) -> None:
        """The item on show follows its file."""
        item_id = self._view.current_id()
        self._follow(self._queue.item(item_id) if item_id is not None else None)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        """Back to the front, perhaps from the program the item on show was edited in."""
        if state == Qt.ApplicationState.ApplicationActive:
            self.follow_current()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, *_: object) -> None:
        """A restored row follows its file as it changes: first as its restoration ends,
        which read the file anew (a restored row changes seldom: saved, marked)."""
        for row in range(top.row(), bottom.row() + 1):
            item = self._queue.item_at(row)
            if item is not None and item.status is ItemStatus.RESTORED:
                self._follow(item)

    def _on_thumbnail(
        self, item_id: int, image: QImage, width: int, height: int, marked: bool
    ) -> None:
        """A photo's (or film's) thumbnail and size read; ``marked``: places are marked on
        it to fill (``has_marks``, read with the thumbnail)."""
        item = self._queue.item(item_id)
        if item is None:
            return
        status = _status_once_read(item) if item.status is ItemStatus.READING else item.status
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
        self._on_thumbnail(item_id, image, info.width, info.height, False)

    def _on_thumbnail_failed(self, item_id: int, message: str) -> None:
        self._failed(item_id, message, (ItemStatus.READING, ItemStatus.READY))

    def _on_shown_failed(self, item_id: int, message: str) -> None:
        """The viewer's read of the item failed: while its row is being read again, that
        read, asked for later (a drive plugged in again, say), decides."""
        self._failed(item_id, message, (ItemStatus.READY,))

    def _failed(self, item_id: int, message: str, marked: tuple[ItemStatus, ...]) -> None:
        """A read of the item's file failed: its row says why if its status is in ``marked``."""
        item = self._queue.item(item_id)
        if item is None:
            return
        if item.status in marked:
            reason = self._reason(item, message)
            self._queue.update(item_id, status=ItemStatus.UNREADABLE, message=reason)
        self.unreadable.emit(item_id)

    def _reason(self, item: QueueItem, message: str) -> str:
        """Why the item's file cannot be read: the reader's ``message``, but for a file not
        there at all, which may be on a drive not plugged in (it is read again once back)."""
        if FileStamp.find(item.stamped) is not None:
            return message
        return Lasting(
            lambda: self.tr(
                "not found; it may have been moved, or be on a drive that is not plugged in"
            )
        )


def _status_once_read(item: QueueItem) -> ItemStatus:
    """An item's status once its file is read: restored when it has a result saved (kept
    from the last session while its file was not there), else ready."""
    return ItemStatus.RESTORED if item.saved_to is not None else ItemStatus.READY
