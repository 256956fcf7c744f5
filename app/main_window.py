"""The main window: composes the queue, the comparison viewer (with the film bar under it),
the settings panel, the workers, the menus and the status bar, and turns a person's actions
into work for them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.about import AboutDialog
from app.action_rules import Situation, enabled_actions, splittable
from app.actions import WindowActions
from app.eta import format_time_left
from app.frame_scrubber import FrameScrubber
from app.i18n import Translation
from app.item_status import LEFT_BY_RESTORE_ALL, ItemStatus
from app.model_actions import ModelActions
from app.model_import import ModelLibrary
from app.on_show import OnShow, Placeholder, Subject, View, placeholder
from app.photo_queue import QueueItem, QueueModel
from app.queue_view import QueuePanel, thumbnail_pixels
from app.restore_runner import RestoreRunner, RunProgress, RunSummary
from app.save_book import SaveBook
from app.settings import AppSettings
from app.settings_panel import SettingsPanel
from app.viewer import ComparisonViewer
from app.wizard.wizard import TrainingWizard
from app.workers import (
    FilmFrame,
    ImageLoader,
    PreviewResult,
    RestoredPhoto,
    SaveJob,
    SaveWorker,
    WorkerThread,
)
from engine.imageio import SUPPORTED_EXTENSIONS
from engine.library.files import is_model_file
from engine.video import VIDEO_EXTENSIONS, VideoInfo, poster_frame

ORIGINALS_KEPT = 4
"""Originals of photos not yet restored kept in memory for the viewer (the most recent)."""
MESSAGE_MS = 8000
DEFAULT_SIZE = (1440, 900)
SCREEN_SHARE = 0.92
"""On a first start the window takes at most this share of a smaller screen (a laptop)."""
SPLITTER_SIZES = [300, 820, 320]
BAR_WIDTH = 240
BAR_STEPS = 1000


def first_size(available: QSize) -> QSize:
    """The window's size on a first start: DEFAULT_SIZE, or most of a screen too small for it."""
    width = min(DEFAULT_SIZE[0], int(available.width() * SCREEN_SHARE))
    height = min(DEFAULT_SIZE[1], int(available.height() * SCREEN_SHARE))
    return QSize(width, height)


class MainWindow(QMainWindow):
    """Rekindle's window. ``confirm_close`` asks before discarding unsaved results."""

    _request_thumbnail = Signal(int, object, int)
    _request_original = Signal(int, object)
    _request_restored = Signal(int, object, object)
    _request_frame = Signal(int, object, int, object)
    _forget_requests = Signal(object)
    _request_save = Signal(object)
    _request_split = Signal(int, object, object)

    def __init__(
        self,
        settings: AppSettings,
        translation: Translation | None = None,
        *,
        confirm_close: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self._translation = translation or Translation(QApplication.instance())
        self._confirm_close = confirm_close
        self._closed = False
        self._show: OnShow[QImage, FilmFrame] = OnShow(ORIGINALS_KEPT)
        self._saves = SaveBook()
        self.wizard: TrainingWizard | None = None

        self.models = ModelLibrary(self)
        self.queue = QueueModel(self)
        self.runner = RestoreRunner(self.queue, self)
        self._loader = ImageLoader()
        self._loader_thread = WorkerThread(self._loader, "rekindle-reader")
        self._saver = SaveWorker()
        self._saver_thread = WorkerThread(self._saver, "rekindle-saver")

        self._build_widgets()
        self.model_actions = ModelActions(self, self.models, self.settings_panel, self._message)
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._restore_window_state()
        self.setAcceptDrops(True)
        self.setWindowIcon(theme.app_icon())
        self._retranslate()
        self._update_actions()
        self.models.read_details(self.settings_panel.entries())

    # -- building -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.queue_panel = QueuePanel(self.queue)
        self.queue_view = self.queue_panel.view
        self.viewer = ComparisonViewer()
        self.scrubber = FrameScrubber()
        self.scrubber.hide()
        self.viewer_pane = QWidget()
        pane = QVBoxLayout(self.viewer_pane)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.setSpacing(0)
        pane.addWidget(self.viewer, 1)
        pane.addWidget(self.scrubber)
        self.settings_panel = SettingsPanel(self.settings)
        self.settings_scroll = QScrollArea()
        self.settings_scroll.setWidget(self.settings_panel)
        self.settings_scroll.setWidgetResizable(True)
        self.settings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.settings_scroll.setMinimumWidth(self.settings_panel.minimumSizeHint().width() + 24)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.queue_panel)
        self.splitter.addWidget(self.viewer_pane)
        self.splitter.addWidget(self.settings_scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes(SPLITTER_SIZES)
        self.setCentralWidget(self.splitter)

    def _build_actions(self) -> None:
        self._actions = WindowActions(self, self.queue_panel)
        self.toolbar = self._actions.toolbar
        self.scrubber.set_preview_action(self.preview_action)

    def _build_status_bar(self) -> None:
        self.item_bar = QProgressBar()
        self.queue_bar = QProgressBar()
        for progress_bar in (self.item_bar, self.queue_bar):
            progress_bar.setRange(0, BAR_STEPS)
            progress_bar.setFixedWidth(BAR_WIDTH)
            progress_bar.setVisible(False)
            self.statusBar().addPermanentWidget(progress_bar)

    def _connect(self) -> None:
        self._request_thumbnail.connect(self._loader.request_thumbnail)
        self._request_original.connect(self._loader.request_original)
        self._request_restored.connect(self._loader.request_restored)
        self._request_frame.connect(self._loader.request_frame)
        self._forget_requests.connect(self._loader.forget)
        self._request_save.connect(self._saver.save)
        self._request_split.connect(self._saver.split)
        self._loader.thumbnail_ready.connect(self._on_thumbnail)
        self._loader.film_read.connect(self._on_film_read)
        self._loader.original_ready.connect(self._on_original)
        self._loader.restored_ready.connect(self._on_restored_photo)
        self._loader.frame_ready.connect(self._on_frame)
        self._loader.failed.connect(self._on_unreadable)
        self._saver.saved.connect(self._on_saved)
        self._saver.failed.connect(self._on_save_failed)
        self._saver.split_done.connect(self._on_split)
        self._saver.split_failed.connect(self._on_split_failed)
        self.runner.progress_changed.connect(self._on_run_progress)
        self.runner.running_changed.connect(self._on_running_changed)
        self.runner.item_restored.connect(self._on_restored)
        self.runner.run_finished.connect(self._on_run_finished)
        self.runner.preview_ready.connect(self._on_preview_ready)
        self.runner.preview_failed.connect(self._on_preview_failed)
        self.scrubber.frame_chosen.connect(self._on_frame_chosen)
        self.queue_view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.queue_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.queue.dataChanged.connect(lambda *_: self._update_actions())
        self.queue.rowsInserted.connect(lambda *_: self._on_queue_size_changed())
        self.queue.rowsRemoved.connect(lambda *_: self._on_queue_size_changed())
        self.settings_panel.changed.connect(self._on_settings_changed)
        self.settings_panel.language_changed.connect(self._translation.apply)

    def _restore_window_state(self) -> None:
        if not self.restoreGeometry(self.settings.window_geometry):
            self.resize(first_size(self.screen().availableGeometry().size()))
        self.restoreState(self.settings.window_state)
        if self.settings.splitter_state:
            self.splitter.restoreState(self.settings.splitter_state)

    # -- adding photos --------------------------------------------------------------------

    def add_paths(self, paths: Iterable[str | Path]) -> list[QueueItem]:
        """Queue files and the images and films in folders; returns the new items."""
        fresh = self.queue.add_paths(Path(p) for p in paths)
        side = thumbnail_pixels(self.queue_view)
        for item in fresh:
            self._request_thumbnail.emit(item.id, item.source, side)
        if fresh and self.queue_view.current_id() is None:
            self.queue_view.select_id(fresh[0].id)
        self._message(self._added_text(fresh))
        return fresh

    def _added_text(self, fresh: list[QueueItem]) -> str:
        films = sum(item.is_video for item in fresh)
        photos = len(fresh) - films
        if not fresh:
            return self.tr("No new photos or films found (they may already be in the queue).")
        if films and photos:
            text = self.tr("Added to the queue. Photos: {photos}, films: {films}.")
            return text.format(photos=photos, films=films)
        if films:
            if films == 1:
                return self.tr("Added 1 film to the queue.")
            return self.tr("Added {count} films to the queue.").format(count=films)
        if photos == 1:
            return self.tr("Added 1 photo to the queue.")
        return self.tr("Added {count} photos to the queue.").format(count=photos)

    def open_files(self) -> None:
        suffixes = sorted(SUPPORTED_EXTENSIONS | VIDEO_EXTENSIONS)
        patterns = " ".join(f"*{ext}" for ext in suffixes)
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open photos or films"),
            "",
            self.tr("Photos and films ({patterns})").format(patterns=patterns),
        )
        if files:
            self.add_paths(files)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of photos"))
        if folder:
            self.add_paths([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Photos and folders join the queue; model files are imported."""
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        models = [p for p in paths if is_model_file(p) and Path(p).is_file()]
        photos = [p for p in paths if p not in models]
        if models:
            self.model_actions.import_files(models)
        if photos:
            self.add_paths(photos)

    def remove_selected(self) -> None:
        running = self.runner.current_item
        self._remove([i for i in self.queue_view.selected_ids() if i != running])

    def clear_queue(self) -> None:
        running = self.runner.current_item
        self._remove([item.id for item in self.queue.items() if item.id != running])

    def _remove(self, item_ids: list[int]) -> None:
        if not item_ids:
            return
        self.runner.forget(item_ids)
        self._forget_requests.emit(set(item_ids))
        self._show.forget(item_ids)
        self.queue.remove(item_ids)
        if self.queue_view.current_id() is None:
            self._show_current()

    # -- restoring ------------------------------------------------------------------------

    def restore_selected(self) -> None:
        ids = self.queue_view.selected_ids() or list(filter(None, [self.queue_view.current_id()]))
        self._restore(ids)

    def restore_all(self) -> None:
        items = self.queue.items()
        self._restore([item.id for item in items if item.status not in LEFT_BY_RESTORE_ALL])

    def _restore(self, item_ids: list[int]) -> None:
        settings = self.settings_panel.restore_settings()
        if settings is None:
            self._message(self.tr("No model is installed, so nothing can be restored yet."))
            return
        if item_ids:
            folder = self.settings_panel.output_folder()
            self.runner.start(item_ids, replace(settings, output_folder=folder))

    def preview_frame(self) -> None:
        """Restore the film's frame on screen with the current settings, to judge them before
        the whole film."""
        frame = self._show.frame
        settings = self.settings_panel.restore_settings()
        if frame is None or settings is None or self.runner.is_running:
            return
        self.runner.preview(frame.item_id, frame.index, frame.pixels, settings)
        self.scrubber.set_note(self.tr("Restoring frame {frame}…").format(frame=frame.index + 1))

    def cancel(self) -> None:
        if self.runner.is_running:
            self.runner.cancel()
            self._message(self.tr("Cancelling…"))

    # -- saving ---------------------------------------------------------------------------

    def save_selected(self) -> None:
        self._save(self._selected_items())

    def save_all(self) -> None:
        self._save([item for item in self.queue.items() if item.saved_to is None])

    def _save(self, items: list[QueueItem], *, by_hand: bool = True) -> None:
        """Hand the restored photos among ``items`` to the saver; saves made at once after a
        restoration (not ``by_hand``) show in the queue only, not in the status bar."""
        folder = self.settings_panel.output_folder()
        fmt = self.settings_panel.output_format()
        ready = self._saves.start(items, by_hand=by_hand)
        if not ready:
            if by_hand:
                self._message(self.tr("Nothing to save: restore some photos first."))
            return
        for item in ready:
            picture = item.result if item.result is not None else item.saved_to
            self._request_save.emit(SaveJob(item.id, picture, item.source, folder, fmt))
        if by_hand:
            self._message(self.tr("Saving…"))

    # -- splitting scans ------------------------------------------------------------------

    def split_selected(self) -> None:
        """Cut each selected scan's prints into a folder named after it in the output folder
        (in the background); the prints join the queue."""
        for item in splittable(self._selected_items()):
            folder = self.settings_panel.output_folder() / item.source.stem
            self._request_split.emit(item.id, item.source, folder)
            self._message(self.tr("Looking for the prints on {name}…").format(name=item.name))

    def _on_split(self, item_id: int, paths: list[Path]) -> None:
        item = self.queue.item(item_id)
        name = item.name if item is not None else ""
        added = self.add_paths(paths)
        if added:
            self.queue_view.select_id(added[0].id)  # the first print on show
        text = self.tr("{name}: {count} prints cut out and added to the queue")
        self._message(text.format(name=name, count=len(paths)))

    def _on_split_failed(self, item_id: int, message: str) -> None:
        item = self.queue.item(item_id)
        text = self.tr("{name} could not be split: {reason}")
        self._message(text.format(name=item.name if item is not None else "", reason=message))

    def open_output_folder(self) -> None:
        folder = self.settings_panel.output_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._message(
                self.tr("Cannot create {folder}: {reason}").format(
                    folder=folder, reason=error.strerror
                )
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def show_in_folder(self) -> None:
        """Open the folder of the current photo's or film's restored file (its own folder while
        there is none) in the system's file manager."""
        item = self._current_item()
        if item is not None:
            folder = (item.saved_to or item.source).parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- showing --------------------------------------------------------------------------

    def _current_item(self) -> QueueItem | None:
        item_id = self.queue_view.current_id()
        return self.queue.item(item_id) if item_id is not None else None

    def _selected_items(self) -> list[QueueItem]:
        items = (self.queue.item(i) for i in self.queue_view.selected_ids())
        return [item for item in items if item is not None]

    def _show_current(self) -> None:
        """Put the current photo in the viewer: original and result, or the original alone;
        or the current film's chosen frame."""
        item = self._current_item()
        change = self._show.show(_subject(item))
        if not change.same:
            self._leave_film()
            self._release(self.queue.item(change.left) if change.left is not None else None)
        match change.view:
            case View.FILM:
                self._show_film(item, fresh=not change.same)
            case View.RESULT:
                self.viewer.set_images(
                    item.original_image, item.result_image, keep_view=change.same
                )
            case View.ORIGINAL:
                self.viewer.set_images(change.original, keep_view=change.same)
            case View.READ_RESULT:
                self.viewer.clear()
                self._request_restored.emit(item.id, item.source, item.saved_to)
            case View.READ_ORIGINAL:
                self.viewer.clear()
                self._request_original.emit(item.id, item.source)
            case _:
                self.viewer.clear()
        self._update_placeholder()
        self._update_title()
        self._update_actions()

    def _release(self, item: QueueItem | None) -> None:
        """Let a saved photo's pixels go when it is not on show (``QueueItem.release_pixels``)."""
        if item is not None and item.id != self._show.shown_id:
            item.release_pixels()

    def _on_restored_photo(self, photo: RestoredPhoto) -> None:
        item = self._current_item()
        if item is None or item.id != photo.item_id or item.status is not ItemStatus.RESTORED:
            return
        if photo.restored is None:
            self.viewer.set_images(photo.original)
            text = self.tr("The restored photo cannot be shown: {reason}")
            self.viewer.set_note(text.format(reason=photo.problem))
            self._message(text.format(reason=photo.problem))
        else:
            item.original_image, item.result_image = photo.original, photo.restored
            self.viewer.set_images(photo.original, photo.restored)
        self._update_actions()

    def _leave_film(self) -> None:
        self._show.leave_film()
        self.runner.stop_preview()
        self.scrubber.hide()

    def _show_film(self, item: QueueItem, *, fresh: bool) -> None:
        """Show the film's chosen frame (read in the background), with the same frame of the
        restored film beside it once there is one; ``fresh``: the film was not on show."""
        if item.video is None or item.status is ItemStatus.UNREADABLE:
            self._leave_film()
            self.viewer.clear()
            return
        if fresh:
            self.viewer.clear()
            shown = item.shown_frame
            self.scrubber.set_film(item.video, poster_frame(item.video) if shown is None else shown)
            self.scrubber.show()
        restored = item.saved_to if item.status is ItemStatus.RESTORED else None
        self._request_frame.emit(item.id, item.source, self.scrubber.index(), restored)

    def _on_frame_chosen(self, index: int) -> None:
        item = self._current_item()
        if item is None or item.video is None:
            return
        item.shown_frame = index
        self.runner.stop_preview()
        self._show_film(item, fresh=False)

    def _update_placeholder(self) -> None:
        item = self._current_item()
        kind = placeholder(_subject(item))
        if kind is Placeholder.WELCOME:
            text = self.tr("Drop photos, films or folders here,\nor open them with {shortcut}.")
            shortcut = self.open_action.shortcut()
            text = text.format(shortcut=shortcut.toString(QKeySequence.SequenceFormat.NativeText))
            if not self.settings_panel.has_model():
                text += "\n\n" + self.tr(
                    "No models are installed yet, so photos cannot be restored."
                )
        elif kind is Placeholder.UNREADABLE:
            text = self.tr("{name} cannot be opened:\n{reason}").format(
                name=item.name, reason=item.message
            )
        else:
            text = self.tr("Loading {name}…").format(name=item.name)
        self.viewer.set_placeholder(text)

    def _update_title(self) -> None:
        item = self._current_item()
        self.setWindowTitle(f"{item.name} — Rekindle" if item is not None else "Rekindle")

    def _update_actions(self) -> None:
        if self._closed:
            return
        situation = Situation(
            items=self.queue.items(),
            selected=self._selected_items(),
            has_model=self.settings_panel.has_model(),
            running=self.runner.is_running,
            running_item=self.runner.current_item,
            frame_on_show=self._show.frame is not None,
            current=self._current_item() is not None,
            has_images=self.viewer.has_images(),
        )
        for action_id, enabled in enabled_actions(situation).items():
            getattr(self, f"{action_id}_action").setEnabled(enabled)

    def _on_settings_changed(self) -> None:
        self._update_actions()
        if self._current_item() is None:
            self._update_placeholder()

    def _on_queue_size_changed(self) -> None:
        if not self.queue.rowCount():
            self._show_current()
        self._update_actions()

    def show_about(self) -> None:
        self.model_actions.refresh()
        AboutDialog(self.settings_panel.entries(), self).exec()

    def open_training_wizard(self, **options) -> TrainingWizard:
        """Show the training wizard (the open one, if any); ``options`` go to a new one."""
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = TrainingWizard(self.settings, self, **options)
        self.wizard.model_saved.connect(self.model_actions.select_trained)
        self.wizard.show()
        return self.wizard

    def _message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    # -- workers' reports -----------------------------------------------------------------

    def _on_thumbnail(self, item_id: int, image: QImage, width: int, height: int) -> None:
        item = self.queue.item(item_id)
        if item is None:
            return
        status = ItemStatus.READY if item.status is ItemStatus.READING else item.status
        self.queue.update(item_id, thumbnail=image, width=width, height=height, status=status)

    def _on_film_read(self, item_id: int, image: QImage, info: VideoInfo) -> None:
        item = self.queue.update(item_id, video=info)
        self._on_thumbnail(item_id, image, info.width, info.height)
        if item is not None and item_id == self._show.shown_id:
            self._show_film(item, fresh=True)
            self._update_actions()

    def _on_frame(self, frame: FilmFrame) -> None:
        """Show a frame read for the scrubber, unless the person has moved on since."""
        item = self._current_item()
        if item is None or item.id != frame.item_id or frame.index != self.scrubber.index():
            return
        same_film = self._show.show_frame(frame)
        self.viewer.set_images(frame.image, frame.restored, keep_view=same_film)
        if frame.restored_problem:
            text = self.tr("The restored film cannot be shown: {reason}")
            self.scrubber.set_note(text.format(reason=frame.restored_problem))
        elif frame.restored is not None:
            self.scrubber.set_note(self.tr("Restored: {name}").format(name=item.saved_to.name))
        self._update_actions()

    def _on_preview_ready(self, result: PreviewResult) -> None:
        if not self._show.frame_is(result.item_id, result.index):
            return
        self.viewer.set_images(self._show.frame.image, result.image, keep_view=True)
        text = self.tr("Preview of frame {frame} with {model}")
        self.scrubber.set_note(text.format(frame=result.index + 1, model=result.model_name))

    def _on_preview_failed(self, item_id: int, index: int, message: str) -> None:
        if not self._show.frame_is(item_id, index):
            return
        self.scrubber.set_note(self.tr("Preview failed: {reason}").format(reason=message))

    def _on_original(self, item_id: int, image: QImage) -> None:
        if self.queue.item(item_id) is None:
            return
        self._show.keep_original(item_id, image)
        current = self._current_item()
        if current is not None and current.id == item_id and current.result_image is None:
            self.viewer.set_images(image)
            self._update_actions()

    def _on_unreadable(self, item_id: int, message: str) -> None:
        item = self.queue.item(item_id)
        if item is None:
            return
        if item.status in (ItemStatus.READING, ItemStatus.READY):
            self.queue.update(item_id, status=ItemStatus.UNREADABLE, message=message)
        if item_id == self._show.shown_id:
            if item.is_video:  # its frames cannot be read (any more)
                self._leave_film()
                self.viewer.clear()
            self._update_placeholder()

    def _on_restored(self, item_id: int) -> None:
        item = self.queue.item(item_id)
        self._show.forget([item_id])
        if item is not None and item_id == self._show.shown_id:
            self._show_current()
        if item is not None:
            self._message(self.tr("Restored {name}.").format(name=item.name))
            if self.settings_panel.auto_save() and not item.is_video:
                self._save([item], by_hand=False)

    def _on_run_finished(self, summary: RunSummary) -> None:
        if summary.model_error:
            text = self.tr("The model could not be loaded: {reason}")
            self._message(text.format(reason=summary.model_error))
            return
        if summary.cancelled:
            text = self.tr("Cancelled. Restored: {restored}, failed: {failed}.")
        else:
            text = self.tr("Finished. Restored: {restored}, failed: {failed}.")
        self._message(text.format(restored=summary.restored, failed=summary.failed))

    def _on_run_progress(self, progress: RunProgress) -> None:
        self.item_bar.setValue(round(progress.item_fraction * BAR_STEPS))
        current = self.runner.current_item
        item = self.queue.item(current) if current is not None else None
        if item is not None and item.is_video:
            text = self.tr("Film: %p% · {left}")
        else:
            text = self.tr("Photo: %p% · {left}")
        self.item_bar.setFormat(text.format(left=format_time_left(progress.item_time_left)))
        self.queue_bar.setValue(round(progress.fraction * BAR_STEPS))
        self.queue_bar.setFormat(
            self.tr("Queue {done}/{total}: %p% · {left}").format(
                done=progress.done, total=progress.total, left=format_time_left(progress.time_left)
            )
        )

    def _on_running_changed(self, running: bool) -> None:
        self.item_bar.setVisible(running)
        self.queue_bar.setVisible(running)
        self._update_actions()

    def _on_saved(self, item_id: int, path: Path) -> None:
        written = self._saves.written(item_id)
        self._release(self.queue.update(item_id, saved_to=path, message=""))
        if written is None:
            return
        if written == 1:
            text = self.tr("Saved {name} in {folder}.").format(name=path.name, folder=path.parent)
        else:
            text = self.tr("Saved {count} photos in {folder}.")
            text = text.format(count=written, folder=path.parent)
        self._message(text)

    def _on_save_failed(self, item_id: int, message: str) -> None:
        self._saves.failed(item_id)
        item = self.queue.update(item_id, message=message)
        name = item.name if item is not None else ""
        self._message(self.tr("Could not save {name}: {reason}").format(name=name, reason=message))

    # -- look and language ----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self._retranslate()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._actions.refresh_icons()
        elif kind == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.model_actions.refresh()  # model files may have been added meanwhile
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._actions.retranslate()
        self.viewer.set_labels(self.tr("Original"), self.tr("Restored"))
        self._update_placeholder()

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            event.accept()
            return
        restored = (i for i in self.queue.items() if i.status is ItemStatus.RESTORED)
        unsaved = self._saves.unsaved(restored)
        if self._confirm_close and unsaved and not self._confirm_discard(len(unsaved)):
            event.ignore()
            return
        training = self.wizard is not None and self.wizard.is_training()
        if training and self._confirm_close and not self.wizard.confirm_stop():
            event.ignore()
            return
        if self.wizard is not None:
            self.wizard.stop_jobs()  # training stops after its step, keeping its checkpoint
        self._closed = True
        self.model_actions.closed = True
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(self.saveState().data())
        self.settings.splitter_state = bytes(self.splitter.saveState().data())
        self.settings.sync()
        self.runner.shutdown()
        self.models.shutdown()
        self._loader_thread.stop()
        self._saver_thread.stop(finish_queued=True)
        event.accept()

    def _confirm_discard(self, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Quit Rekindle"),
            self.tr("Restored photos that are not saved: {count}. Quit anyway?").format(
                count=count
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _subject(item: QueueItem | None) -> Subject | None:
    """What the viewer's choice of view needs to know of ``item``."""
    if item is None:
        return None
    return Subject(
        item.id,
        is_video=item.is_video,
        has_result=item.result_image is not None,
        result_on_disk=item.status is ItemStatus.RESTORED and item.saved_to is not None,
        unreadable=item.status is ItemStatus.UNREADABLE,
    )
