"""The queue's current item in the viewer: a photo's original beside its result (from memory,
or read back from their files), a film handed to ``FilmView``; what the viewer says while it
has no picture (while the queue is empty, the ``Welcome`` over it), the window's title, and
what the output size makes of the item. ``OnShow`` makes the choices (without Qt); this part
carries them out. A photo's file is looked at (one ``stat``) as it goes on show, as the worker
reads it to restore it and as the app comes back to the front (from the program it was edited
in, say): changed, it is read again, and a result made from it before is said to be out of
date. Only the answer to an item's latest read is shown: a read asked for before what is on
show was chosen again ends unseen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence

from app.film_view import FilmView
from app.i18n import in_language_shown
from app.item_status import ItemStatus
from app.on_show import OnShow, Placeholder, Subject, View, placeholder
from app.photo_queue import QueueItem, QueueModel
from app.pixel_aspect import pixel_aspect
from app.result_view import ResultView
from app.selection import Selection
from app.settings_panel import SettingsPanel
from app.viewer import ComparisonViewer
from app.welcome import Welcome
from app.workers import FilmFrame, ImageLoader, RestoredPhoto
from engine.filestamp import FileStamp
from engine.words import without_name

APP_NAME = "Rekindle"


@dataclass(frozen=True)
class _Read:
    """A read asked of the reader for the viewer: ``files``, the left picture's (the original,
    or a result) and the right one's (None: the original alone); ``stamp``, the original's
    file as it was when asked for, which the original read is kept with (a change made while
    it is read is then seen the next time it goes on show); ``failed``, whether the reader's
    last answer for the item was a failure."""

    files: tuple[Path, Path | None]
    stamp: FileStamp | None = None
    failed: bool = False


class PhotoView(QObject):
    """Shows the queue's current item; ``show_current`` is called whenever it may change."""

    changed = Signal()  # what the viewer shows changed (some of the window's actions follow)
    message = Signal(str)  # for the status bar
    title_changed = Signal(str)  # the window's title: the item on show, if any
    _request_original = Signal(int, object)  # to the reader's thread
    _request_restored = Signal(int, object, object)

    def __init__(
        self,
        viewer: ComparisonViewer,
        show: OnShow[QImage, FilmFrame],
        film: FilmView,
        result_view: ResultView,
        queue: QueueModel,
        selection: Selection,
        loader: ImageLoader,
        panel: SettingsPanel,
        open_action: QAction,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._viewer = viewer
        self._show = show
        self._film = film
        self._result_view = result_view
        self._queue = queue
        self._selection = selection
        self._panel = panel
        self._open_action = open_action
        self.welcome = Welcome(viewer)  # over the viewer while the queue is empty
        # each item's latest read for the viewer, until it is shown without reading: only the
        # answer to the one here is shown (or kept)
        self._reads: dict[int, _Read] = {}
        self._request_original.connect(loader.request_original)
        self._request_restored.connect(loader.request_restored)
        result_view.request_pair.connect(self._on_pair_asked)
        loader.original_ready.connect(self._on_original)
        loader.restored_ready.connect(self._on_restored_photo)
        loader.failed.connect(self._on_read_failed)
        queue.rowsInserted.connect(self._on_rows_inserted)
        queue.rowsRemoved.connect(self._on_rows_removed)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)

    def show_current(self) -> None:
        """Put the current photo in the viewer: original and result, or the original alone;
        or the current film's chosen frame."""
        item = self._selection.current()
        change = self._show.show(_subject(item, _file_stamp(item)))
        if not change.same:
            self._film.leave()
            self.release(change.left)
        if item is not None:
            self._reads.pop(item.id, None)  # what it shows is chosen anew: no read awaited
        match change.view:
            case View.FILM:
                self._film.show(item, fresh=not change.same)
            case View.RESULT:
                self._viewer.set_images(
                    item.original_image, item.result_image, keep_view=change.same
                )
            case View.ORIGINAL:
                self._show_original(item, change.original, keep_view=change.same)
            case View.READ_RESULT:
                self._viewer.clear()
                self._read(item, item.saved_to)
            case View.READ_ORIGINAL:
                self._viewer.clear()
                self._read(item, None)
            case _:
                self._viewer.clear()
        self.update_placeholder()
        self.title_changed.emit(f"{item.name} — {APP_NAME}" if item is not None else APP_NAME)
        self._update_size_note()
        self._result_view.show(item)
        self.changed.emit()

    def release(self, item_id: int | None) -> None:
        """Let a saved photo's pixels go when it is not on show (``QueueItem.release_pixels``)."""
        item = self._queue.item(item_id) if item_id is not None else None
        if item is not None and item.id != self._show.shown_id:
            item.release_pixels()

    def forget(self, item_ids: Iterable[int]) -> None:
        """Let the originals kept of ``item_ids`` go, and their reads (taken out of the
        queue)."""
        item_ids = list(item_ids)
        self._show.forget(item_ids)
        for item_id in item_ids:
            self._reads.pop(item_id, None)

    def restored(self, item_id: int) -> None:
        """A photo or film was restored: its result goes on show, if it is. A photo's is
        trusted while its file is as the worker read it (``made_from``, kept with the item's
        results in the workspace): a file saved over while it was restored shows it out of
        date."""
        item = self._queue.item(item_id)
        self._show.restored(item_id, item.made_from if item is not None else None)
        if item is not None and item_id == self._show.shown_id:
            self.show_current()

    def follow_file(self) -> None:
        """Show the photo on show again if its file changed since it was put on show."""
        item = self._queue.item(self._show.shown_id)
        if item is not None and _file_stamp(item) != self._show.stamp:
            self.show_current()

    def item_read(self, item_id: int) -> None:
        """An item's file was read: its size is known, a film's frames can be shown, and so
        can a photo that could not be read before (its file mended since), and the result of
        one that reading found restored."""
        current = self._selection.current()
        if current is not None and current.id == item_id:
            self._update_size_note()
        item = self._queue.item(item_id)
        if item is None or item_id != self._show.shown_id:
            return
        if item.is_video:
            self._film.show(item, fresh=True)
            self.changed.emit()
        elif (
            self._show.view is View.UNREADABLE
            or self._read_failed(item)
            or self._result_left_out(item)
        ):
            self.show_current()

    def _read_failed(self, item: QueueItem) -> bool:
        """Whether the photo on show is shown nothing because the viewer's read of it failed
        while its row was read again (a drive plugged in again meanwhile, say): that read,
        asked for later, found it can be read."""
        read = self._reads.get(item.id)
        reading = self._show.view in (View.READ_ORIGINAL, View.READ_RESULT)
        return reading and read is not None and read.failed

    def _result_left_out(self, item: QueueItem) -> bool:
        """Whether the photo on show is restored but shown alone, its result not out of date:
        it went on show before reading found it restored (kept from the last session while
        its file was not there)."""
        alone = self._show.view in (View.ORIGINAL, View.READ_ORIGINAL)
        return item.status is ItemStatus.RESTORED and alone and not self._show.stale

    def item_unreadable(self, item_id: int) -> None:
        """The file on show (or a picture of it) cannot be read: say so instead."""
        item = self._queue.item(item_id)
        if item is None or item_id != self._show.shown_id:
            return
        if item.is_video:  # its frames cannot be read (any more)
            self._film.leave()
            self._viewer.clear()
        self.update_placeholder()

    def settings_changed(self) -> None:
        """The welcome says whether a model is installed."""
        if self._selection.current() is None:
            self.update_placeholder()

    def retranslate(self) -> None:
        """Say again in the language now shown what the viewer says of the photo on show."""
        self.update_placeholder()
        item = self._queue.item(self._show.shown_id)
        if item is not None and self._viewer.note() and self._show.stale:
            self._say_stale(item)

    def update_placeholder(self) -> None:
        """What the viewer says while it has no picture, in the current language: while the
        queue is empty, the welcome says it over the viewer, with its first steps to take."""
        item = self._selection.current()
        kind = placeholder(_subject(item))
        welcoming = kind is Placeholder.WELCOME and not self._queue.rowCount()
        self.welcome.setVisible(welcoming)
        if kind is Placeholder.WELCOME:
            hint, note = self._welcome_words()
            self.welcome.say(hint, note)
            text = "" if welcoming else "\n\n".join(words for words in (hint, note) if words)
        elif kind is Placeholder.UNREADABLE:
            text = self.tr("{name} cannot be opened:\n{reason}").format(
                name=item.name, reason=without_name(in_language_shown(item.message), item.name)
            )
        else:
            text = self.tr("Loading {name}…").format(name=item.name)
        self._viewer.set_placeholder(text)

    def _welcome_words(self) -> tuple[str, str]:
        """How to add photos, and the note that no model is installed ("" where one is)."""
        text = self.tr("Drop photos, films or folders here,\nor open them with {shortcut}.")
        shortcut = self._open_action.shortcut()
        hint = text.format(shortcut=shortcut.toString(QKeySequence.SequenceFormat.NativeText))
        if self._panel.has_model():
            return hint, ""
        return hint, self.tr("No models are installed yet, so photos cannot be restored.")

    def _update_size_note(self) -> None:
        """Under the output size: what the photo on show becomes."""
        item = self._selection.current()
        size_field = self._panel.size_field
        if item is None:
            size_field.show_photo(0, 0)
        else:
            aspect = pixel_aspect(item.video)
            size_field.show_photo(item.width, item.height, film=item.is_video, pixel_aspect=aspect)

    def _show_original(self, item: QueueItem, image: QImage, *, keep_view: bool) -> None:
        """Show the photo's original alone. Its size is the picture's: the row's may still be
        that of the file as it was, and a preview's part is measured by it. A result made
        from the file as it was is said to be out of date."""
        if (item.width, item.height) != (image.width(), image.height()):
            self._queue.update(item.id, width=image.width(), height=image.height())
            self._update_size_note()
        self._viewer.set_images(image, keep_view=keep_view)
        if self._show.stale:
            self._say_stale(item)

    def _say_stale(self, item: QueueItem) -> None:
        """The note over a photo whose result was made from its file as it was before."""
        text = self.tr(
            "{name} changed on disk after it was restored: Restore again for a result of the "
            "photo as it is now."
        )
        self._viewer.set_note(text.format(name=item.name))

    def _read(self, item: QueueItem, result: Path | None) -> None:
        """Ask the reader for the photo's original, beside its ``result`` file if any; its
        file's stamp as it goes on show is the one an original read is kept with."""
        self._reads[item.id] = _Read((item.source, result), self._show.stamp)
        if result is None:
            self._request_original.emit(item.id, item.source)
        else:
            self._request_restored.emit(item.id, item.source, result)

    def _on_pair_asked(self, item_id: int, left: Path, right: Path) -> None:
        """Two pictures chosen to compare are read: the latest read of the item."""
        self._reads[item_id] = _Read((left, right))

    def _on_read_failed(self, item_id: int, _message: object) -> None:
        self._note_answer(item_id, failed=True)

    def _note_answer(self, item_id: int, *, failed: bool) -> None:
        """Note whether the reader's last answer for the item was a failure: one for a read
        asked before its latest may come before the latest's picture."""
        read = self._reads.get(item_id)
        if read is not None:
            self._reads[item_id] = replace(read, failed=failed)

    def _on_original(self, item_id: int, image: QImage) -> None:
        item = self._queue.item(item_id)
        read = self._reads.get(item_id)
        if item is None or read is None or read.files[1] is not None:
            return  # not the item's latest read: another view of it was chosen since
        self._note_answer(item_id, failed=False)
        self._show.keep_original(item_id, image, read.stamp)
        if item_id == self._show.shown_id and self._show.view is View.READ_ORIGINAL:
            self._show_original(item, image, keep_view=False)
            self.changed.emit()

    def _on_restored_photo(self, photo: RestoredPhoto) -> None:
        """Two pictures of the item read, shown if they answer its latest read (another
        choice, a new result, may have come since)."""
        item = self._selection.current()
        if item is None or item.id != photo.item_id or item.status is not ItemStatus.RESTORED:
            return
        read = self._reads.get(item.id)
        if read is None or read.files != photo.files:
            return
        self._note_answer(item.id, failed=False)
        if photo.restored is None:
            self._viewer.set_images(photo.original)
            text = self.tr("The restored photo cannot be shown: {reason}")
            self._viewer.set_note(text.format(reason=photo.problem))
            self.message.emit(text.format(reason=photo.problem))
            self._let_go_of_lost_results(item)
        else:
            if self._result_view.shows_latest():  # the original and the latest result: kept
                item.original_image, item.result_image = photo.original, photo.restored
            self._viewer.set_images(photo.original, photo.restored)
        self.changed.emit()

    def _let_go_of_lost_results(self, item: QueueItem) -> None:
        """A result let go of memory whose file is gone (deleted or moved) cannot be saved or
        compared: the item lets go of the results whose files are gone, as the workspace does
        on loading. The latest left is the one on hand, read for the viewer; with none left,
        the photo is ready to restore again."""
        if item.result is not None or item.saved_to is None or item.saved_to.is_file():
            return
        history = [result for result in item.history if result.path.is_file()]
        latest = history[-1] if history else None
        self._queue.update(
            item.id,
            status=ItemStatus.RESTORED if latest else ItemStatus.READY,
            saved_to=latest.path if latest else None,
            recipe=latest.recipe if latest else None,
            history=history,
        )
        self._result_view.show(item)
        if latest is not None:
            self.show_current()

    def _on_rows_inserted(self, _parent: object, first: int, last: int) -> None:
        """An item that joins with a result (kept from the last session, or put back by
        Undo) has it trusted while its file is as it was when the result was made, as in
        the session that made it."""
        for row in range(first, last + 1):
            item = self._queue.item_at(row)
            if item is not None and item.made_from is not None:
                self._show.restored(item.id, item.made_from)
        if not self.welcome.isHidden():  # the queue is empty no longer
            self.update_placeholder()

    def _on_rows_removed(self, *_: object) -> None:
        """The queue emptied shows nothing (the list may not say its current row went)."""
        if not self._queue.rowCount():
            self.show_current()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        """Back to the front, perhaps from the program the photo on show was edited in."""
        if state == Qt.ApplicationState.ApplicationActive:
            self.follow_file()


def _file_stamp(item: QueueItem | None) -> FileStamp | None:
    """The stamp of a photo's file now (None: gone, or not a photo)."""
    if item is None or item.is_video:
        return None
    return FileStamp.find(item.source)


def _subject(item: QueueItem | None, stamp: FileStamp | None = None) -> Subject | None:
    """What the viewer's choice of view needs to know of ``item`` (and of its file, ``stamp``)."""
    if item is None:
        return None
    return Subject(
        item.id,
        is_video=item.is_video,
        has_result=item.result_image is not None,
        result_on_disk=item.status is ItemStatus.RESTORED and item.saved_to is not None,
        unreadable=item.status is ItemStatus.UNREADABLE,
        stamp=stamp,
    )
