"""The film on show: the frame bar under the viewer, the frames it asks the reader for, a
frame previewed with the current settings, and, while the film is being restored, its frames
as they are made. The bar follows those frames until the person moves it (or the film
leaves the viewer and comes back): a chosen frame stays chosen. While a preview is on show it
follows the settings and the marks, as a photo's does (app.part_preview): a change that
alters the frame (a cleanup, another model, a slider let rest) previews it again; a change
while one is under way, once that one is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QImage

from app.film_part import holds
from app.frame_output import result_name
from app.frame_scrubber import FrameScrubber
from app.item_status import ItemStatus
from app.on_show import OnShow
from app.part_preview import SETTLE_MS
from app.photo_queue import QueueItem, QueueModel
from app.pixel_aspect import pixel_aspect
from app.restore_runner import RestoreRunner, RestoreSettings
from app.result_view import latest_labels
from app.viewer import ComparisonViewer
from app.workers import FilmFrame, ImageLoader, PreviewResult
from engine.video import poster_frame


def _frame_key(settings: RestoreSettings | None) -> tuple[object, ...] | None:
    """What of the settings a film's frame depends on (not where or how the film is saved)."""
    if settings is None:
        return None
    return settings.model, settings.device, settings.film_options, settings.film_cleanup


def _restored_holds(item: QueueItem, index: int) -> bool:
    """Whether ``item`` is restored, its frame ``index`` in the part its result is of."""
    restored = item.status is ItemStatus.RESTORED and item.saved_to is not None
    return restored and holds(item.made_part, index, item.video.frames)


class FilmView(QObject):
    """Shows the film that ``show`` puts on show (the window's current item)."""

    changed = Signal()  # the frame on show changed (some of the window's actions need one)
    _request_frame = Signal(int, object, int, object, int)  # to the reader's thread

    def __init__(
        self,
        viewer: ComparisonViewer,
        scrubber: FrameScrubber,
        show: OnShow[QImage, FilmFrame],
        queue: QueueModel,
        runner: RestoreRunner,
        loader: ImageLoader,
        restore_settings: Callable[[], RestoreSettings | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._viewer = viewer
        self._scrubber = scrubber
        self._show = show
        self._queue = queue
        self._runner = runner
        self._restore_settings = restore_settings
        self._following = False  # frames being restored move the bar
        self._previewing = False  # the bar says a preview is under way
        self._asked_with: tuple[object, ...] | None = None  # the settings of the one asked for
        self._shown_with: tuple[object, ...] | None = None  # those of the preview on show
        self._result_shown = False  # the frame beside is the film's result's, read from its file
        self._marks_changed = False  # since the last preview was asked for
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._follow)
        self._request_frame.connect(loader.request_frame)
        loader.frame_ready.connect(self._on_frame)
        runner.preview_ready.connect(self._on_preview_ready)
        runner.preview_failed.connect(self._on_preview_failed)
        runner.previewing_changed.connect(self._on_previewing_changed)
        runner.item_started.connect(self._on_item_started)
        runner.frame_restored.connect(self._on_frame_restored)
        runner.item_ended.connect(self._on_item_ended)
        scrubber.frame_chosen.connect(self._on_frame_chosen)
        viewer.installEventFilter(self)  # a language change: see eventFilter

    # -- commands -------------------------------------------------------------------------

    def show(self, item: QueueItem, *, fresh: bool) -> None:
        """Show the film's chosen frame (read in the background), with the same frame of the
        restored film beside it once there is one where the part restored holds it;
        ``fresh``: the film was not on show."""
        if item.video is None or item.status is ItemStatus.UNREADABLE:
            self.leave()
            self._viewer.clear()
            return
        if fresh:
            self._viewer.clear()
            chosen = item.shown_frame
            first = poster_frame(item.video) if chosen is None else chosen
            self._scrubber.set_film(item.video, first, item.part)
            self._scrubber.show()
            self._following = True
        index = self._scrubber.index()
        made = item.made_part
        restored = item.saved_to if _restored_holds(item, index) else None
        self._request_frame.emit(item.id, item.source, index, restored, index - made.first)

    def settings_changed(self) -> None:
        """The settings changed: a preview on show, or under way, follows them once they rest."""
        if self._shown_with is not None or self._previewing:
            self._settle.start()

    def marks_changed(self) -> None:
        """The marks of the film on show changed: a preview on show is made again, one under
        way once it is shown."""
        self._marks_changed = True
        self._follow()

    def _follow(self) -> None:
        """Preview the frame again when the preview on show was made with other settings, or
        before the marks changed; not while another is under way (the end of that one comes
        back here), nor during a run."""
        if self._shown_with is None or self._previewing or self._runner.is_running:
            return
        if self._marks_changed or _frame_key(self._restore_settings()) != self._shown_with:
            self.preview()

    def leave(self) -> None:
        """The film leaves the viewer: its frame, its preview and the bar go."""
        self._shown_with = None
        self._show.leave_film()
        self._runner.stop_preview()
        self._scrubber.hide()
        self._following = False

    def preview(self) -> None:
        """Restore the film's frame on screen with the current settings, to judge them before
        the whole film."""
        frame = self._show.frame
        settings = self._restore_settings()
        if frame is None or settings is None or self._runner.is_running:
            return
        self._runner.preview(frame.item_id, frame.index, frame.pixels, settings)
        self._scrubber.set_note(self.tr("Restoring frame {frame}…").format(frame=frame.index + 1))
        self._previewing = True
        self._asked_with = _frame_key(settings)
        self._marks_changed = False

    # -- reports --------------------------------------------------------------------------

    def _film(self, item_id: int | None) -> QueueItem | None:
        """The film ``item_id`` if it is the one on show."""
        item = self._queue.item(item_id) if item_id == self._show.shown_id else None
        return item if item is not None and item.video is not None else None

    def _on_frame_chosen(self, index: int) -> None:
        item = self._film(self._show.shown_id)
        if item is None:
            return
        item.shown_frame = index
        self._following = False
        self._runner.stop_preview()
        self.show(item, fresh=False)

    def _on_frame(self, frame: FilmFrame) -> None:
        """Show a frame read for the bar, unless the person has moved on since."""
        item = self._film(frame.item_id)
        if item is None or frame.index != self._scrubber.index():
            return
        if frame.restored_problem:
            text = self.tr("The restored film cannot be shown: {reason}")
            note = text.format(reason=frame.restored_problem)
        elif frame.restored is not None:
            name = result_name(item.saved_to, item.video, frame.index)
            note = self.tr("Restored: {name}").format(name=name)
        elif item.status is ItemStatus.RESTORED and not _restored_holds(item, frame.index):
            made = item.made_part
            text = self.tr("Frame {frame} is not in the part restored, frames {first} to {last}")
            note = text.format(frame=frame.index + 1, first=made.first + 1, last=made.end)
        else:
            note = None  # the bar's own: empty, or a preview under way
        self._display(item, frame, note, of_result=True)

    def _on_frame_restored(self, frame: FilmFrame) -> None:
        """Show a frame of the film being restored, just made, beside its source frame."""
        item = self._film(frame.item_id)
        if item is None or not self._following or not self._scrubber.follow(frame.index):
            return
        item.shown_frame = frame.index
        note = self.tr("Restoring: showing the latest frame restored")
        self._display(item, frame, note, of_result=False)

    def _display(
        self, item: QueueItem, frame: FilmFrame, note: str | None, *, of_result: bool
    ) -> None:
        """Show ``frame`` of ``item``: read with its result's frame (``of_result``), or just
        restored by the run under way."""
        self._shown_with = None  # a frame as read, or as the film was restored: no preview
        self._result_shown = of_result
        same_film = self._show.show_frame(frame)
        self._set_images(item, frame.image, frame.restored, keep_view=same_film)
        if note is not None:
            self._scrubber.set_note(note)
        self.changed.emit()

    def _on_item_started(self, item_id: int) -> None:
        if self._film(item_id) is not None:
            self._following = True

    def _on_item_ended(self, item_id: int, outcome: ItemStatus) -> None:
        """A film restored is shown again by the window, with its restored film; one stopped
        short (cancelled, failed) shows its chosen frame as read, the work shown so far
        gone."""
        item = self._film(item_id)
        if item is None:
            return
        self._following = False
        if outcome is not ItemStatus.RESTORED:
            self._scrubber.set_note("")
            self.show(item, fresh=False)

    def _on_previewing_changed(self, previewing: bool) -> None:
        """A preview cancelled (or dropped) leaves no "Restoring frame" behind."""
        if not previewing and self._previewing:
            self._previewing = False
            self._scrubber.set_note("")

    def _set_images(
        self, item: QueueItem, before: QImage, after: QImage | None, *, keep_view: bool
    ) -> None:
        """Show a frame of ``item`` (and its restored or previewed one) as players show the
        film: its pixels as wide as its sample aspect ratio says."""
        aspect = pixel_aspect(item.video)
        self._viewer.set_images(before, after, keep_view=keep_view, pixel_aspect=aspect)
        self._label(item)

    def _label(self, item: QueueItem) -> None:
        """Label the after side a preview while the frame's preview is on show; the film's
        result by its recipe, as a photo's is named (``latest_labels``), while its frame is;
        else a frame restored by the run under way, whose result is not made yet."""
        recipe = item.recipe if self._result_shown else None
        self._viewer.set_labels(*latest_labels(recipe, preview=self._shown_with is not None))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Label the film's frames again after a change of language: the window first labels
        the after side the film's result, as it labels a photo's (``ResultView.retranslate``),
        whatever frame is on show."""
        if event.type() == QEvent.Type.LanguageChange:
            item = self._film(self._show.shown_id)
            if item is not None:
                self._label(item)
        return super().eventFilter(watched, event)

    def _on_preview_ready(self, result: PreviewResult) -> None:
        item = self._film(result.item_id)
        if item is None or not self._show.frame_is(result.item_id, result.index):
            return
        self._previewing = False
        self._shown_with = self._asked_with  # before the images: they are labelled by it
        self._set_images(item, self._show.frame.image, result.image, keep_view=True)
        text = self.tr("Preview of frame {frame} with {model}")
        self._scrubber.set_note(text.format(frame=result.index + 1, model=result.model_name))
        if not self._settle.isActive():  # settings still changing follow once they rest
            self._follow()

    def _on_preview_failed(self, item_id: int, index: int, message: str) -> None:
        if not self._show.frame_is(item_id, index):
            return
        self._previewing = False
        self._scrubber.set_note(self.tr("Preview failed: {reason}").format(reason=message))
