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
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.about import AboutDialog
from app.action_rules import Situation, enabled_actions, splittable
from app.actions import WindowActions
from app.film_view import FilmView
from app.frame_scrubber import FrameScrubber
from app.guide import GuideDialog
from app.i18n import Translation
from app.item_status import BUSY_STATUSES, LEFT_BY_RESTORE_ALL, ItemStatus
from app.model_actions import ModelActions
from app.model_import import ModelLibrary
from app.on_show import OnShow, Placeholder, Subject, View, placeholder
from app.photo_queue import QueueItem, QueueModel
from app.queue_view import QueuePanel, thumbnail_pixels
from app.recent import RecentMenu, RecentPaths
from app.restore_runner import RestoreRunner, RunProgress, RunSummary
from app.result_view import ResultView
from app.run_bars import RunBars
from app.save_controller import SaveController
from app.settings import AppSettings
from app.settings_panel import SettingsPanel
from app.shortcut_sheet import ShortcutSheet
from app.size_check import SizeReport, check_photos, confirm_sizes
from app.viewer import ComparisonViewer
from app.wizard.wizard import TrainingWizard
from app.workers import (
    FilmFrame,
    ImageLoader,
    RestoredPhoto,
    WorkerThread,
)
from app.workspace import Workspace
from app.workspace_store import WorkspaceStore
from engine.imageio import SUPPORTED_EXTENSIONS
from engine.library.files import is_model_file
from engine.video import VIDEO_EXTENSIONS, VideoInfo

ORIGINALS_KEPT = 4
"""Originals of photos not yet restored kept in memory for the viewer (the most recent)."""
MESSAGE_MS = 8000
DEFAULT_SIZE = (1440, 900)
SCREEN_SHARE = 0.92
"""On a first start the window takes at most this share of a smaller screen (a laptop)."""
SPLITTER_SIZES = [300, 820, 320]


def first_size(available: QSize) -> QSize:
    """The window's size on a first start: DEFAULT_SIZE, or most of a screen too small for it."""
    width = min(DEFAULT_SIZE[0], int(available.width() * SCREEN_SHARE))
    height = min(DEFAULT_SIZE[1], int(available.height() * SCREEN_SHARE))
    return QSize(width, height)


class MainWindow(QMainWindow):
    """Rekindle's window. ``confirm_close`` asks before quitting would lose work (results
    not saved, restorations under way, training)."""

    _request_thumbnail = Signal(int, object, int)
    _request_original = Signal(int, object)
    _request_restored = Signal(int, object, object)
    _forget_requests = Signal(object)
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
        self.wizard: TrainingWizard | None = None
        self.guide: GuideDialog | None = None

        self.models = ModelLibrary(self)
        self.queue = QueueModel(self)
        self.runner = RestoreRunner(self.queue, self)
        self._loader = ImageLoader()
        self._loader_thread = WorkerThread(self._loader, "rekindle-reader")
        self.workspace = Workspace(self.queue, WorkspaceStore.in_data_folder(), self)

        self._build_widgets()
        self.saving = SaveController(self.queue, self.settings_panel, self)
        self.film = FilmView(
            self.viewer,
            self.scrubber,
            self._show,
            self.queue,
            self.runner,
            self._loader,
            self.settings_panel.restore_settings,
            self,
        )
        self.model_actions = ModelActions(self, self.models, self.settings_panel, self._message)
        self._build_actions()
        self.run_bars = RunBars(self.statusBar(), self)
        self._connect()
        self._restore_window_state()
        self._load_workspace()
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
        self.result_view = ResultView(self.viewer, self.settings_panel.restore_settings, self)
        pane.insertWidget(0, self.result_view.stale_note)
        pane.insertWidget(0, self.result_view.picker)
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
        self.recent_menu = RecentMenu(RecentPaths(self.settings), self)
        self.recent_menu.chosen.connect(lambda path: self.add_paths([path]))
        self.recent_menu.place_after(self.file_menu, self.open_folder_action)
        self.scrubber.set_preview_action(self.preview_action)

    def _connect(self) -> None:
        self._request_thumbnail.connect(self._loader.request_thumbnail)
        self._request_original.connect(self._loader.request_original)
        self._request_restored.connect(self._loader.request_restored)
        self._forget_requests.connect(self._loader.forget)
        self._request_split.connect(self.saving.worker.split)
        self._loader.thumbnail_ready.connect(self._on_thumbnail)
        self._loader.film_read.connect(self._on_film_read)
        self._loader.original_ready.connect(self._on_original)
        self._loader.restored_ready.connect(self._on_restored_photo)
        self._loader.failed.connect(self._on_unreadable)
        self.saving.worker.split_done.connect(self._on_split)
        self.saving.worker.split_failed.connect(self._on_split_failed)
        self.saving.saved.connect(lambda item_id: self._release(self.queue.item(item_id)))
        self.saving.message.connect(self._message)
        self.workspace.message.connect(self._message)
        self.queue.result_added.connect(self.result_view.result_added)
        self.result_view.request_pair.connect(self._loader.request_restored)
        self.workspace.undo_stack.canUndoChanged.connect(lambda *_: self._update_actions())
        self.runner.progress_changed.connect(self._on_run_progress)
        self.runner.running_changed.connect(self._on_running_changed)
        self.runner.item_restored.connect(self._on_restored)
        self.runner.run_finished.connect(self._on_run_finished)
        self.film.changed.connect(self._update_actions)
        self.queue_view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.queue_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.queue.dataChanged.connect(lambda *_: self._update_actions())
        self.queue.rowsInserted.connect(self._on_rows_inserted)
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

    def add_paths(self, paths: Iterable[str | Path], *, remember: bool = True) -> list[QueueItem]:
        """Queue files and the images and films in folders; returns the new items. With
        ``remember`` the paths go first in File > Open Recent (prints cut from a scan do not)."""
        paths = [Path(p) for p in paths]
        fresh = self.queue.add_paths(paths)
        if remember:
            self.recent_menu.recent.add(paths)
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
        ids = [i for i in self.queue_view.selected_ids() if i != running]
        self._remove(ids, self.tr("Removed {count} items — Undo ({shortcut})"))

    def clear_queue(self) -> None:
        """Empty the queue (but the item being restored) without asking: Undo puts it back."""
        running = self.runner.current_item
        ids = [item.id for item in self.queue.items() if item.id != running]
        self._remove(ids, self.tr("Cleared {count} items — Undo ({shortcut})"))

    def _remove(self, item_ids: list[int], said: str) -> None:
        """Take the items out, as a step Undo takes back; ``said``: the status bar's words."""
        if not item_ids:
            return
        self.runner.forget(item_ids)
        self._forget_requests.emit(set(item_ids))
        self._show.forget(item_ids)
        self.workspace.remove(item_ids)
        shortcut = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self._message(said.format(count=len(item_ids), shortcut=shortcut))
        if self.queue_view.current_id() is None:
            self._show_current()

    def undo(self) -> None:
        """Put back the photos and films last removed, with their results; the first on show
        when nothing is."""
        back = self.workspace.undo()
        if back and self.queue_view.current_id() is None:
            self.queue_view.select_id(back[0].id)

    def _load_workspace(self) -> None:
        """Fill the queue as it was left, the first item on show."""
        kept = self.workspace.load()
        if kept:
            self.queue_view.select_id(kept[0].id)

    def _on_rows_inserted(self, _parent: object, first: int, last: int) -> None:
        """Read the thumbnails of items added, kept, or put back before theirs were read."""
        side = thumbnail_pixels(self.queue_view)
        for row in range(first, last + 1):
            item = self.queue.item_at(row)
            if item is not None and item.thumbnail is None:
                self._request_thumbnail.emit(item.id, item.source, side)
        self._on_queue_size_changed()

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
        if item_ids and confirm_sizes(self, self._size_report(item_ids)):
            folder = self.settings_panel.output_folder()
            self.runner.start(item_ids, replace(settings, output_folder=folder))

    def _size_report(self, item_ids: list[int]) -> SizeReport:
        items = filter(None, map(self.queue.item, item_ids))
        panel = self.settings_panel
        return check_photos(items, panel.size_field.result_for, panel.output_format())

    def cancel(self) -> None:
        if self.runner.is_running:
            self.runner.cancel()
            self._message(self.tr("Cancelling…"))

    # -- saving ---------------------------------------------------------------------------

    def save_selected(self) -> None:
        self.saving.save(self._selected_items())

    def save_all(self) -> None:
        self.saving.save_all()

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
        added = self.add_paths(paths, remember=False)
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
        self._open_in_file_manager(folder)

    def show_in_folder(self) -> None:
        """Open the folder of the current photo's or film's restored file (its own folder while
        there is none) in the system's file manager."""
        item = self._current_item()
        if item is not None:
            folder = (item.saved_to or item.source).parent
            self._open_in_file_manager(folder)

    def _open_in_file_manager(self, folder: Path) -> None:
        """Show ``folder`` in the system's file manager; where none is set up, say so and put
        the folder's path on the clipboard, to paste where it is needed."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return
        QApplication.clipboard().setText(str(folder))
        text = self.tr(
            "Cannot open {folder}: no file manager is set up; the folder is {path} (copied to "
            "the clipboard)."
        )
        self._message(text.format(folder=folder.name, path=folder))

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
            self.film.leave()
            self._release(self.queue.item(change.left) if change.left is not None else None)
        match change.view:
            case View.FILM:
                self.film.show(item, fresh=not change.same)
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
        self._update_size_note()
        self.result_view.show(item)
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
            if self.result_view.shows_latest():  # the original and the latest result: kept
                item.original_image, item.result_image = photo.original, photo.restored
            self.viewer.set_images(photo.original, photo.restored)
        self._update_actions()

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

    def _update_size_note(self) -> None:
        """Under the output size: what the photo on show becomes."""
        item = self._current_item()
        size_field = self.settings_panel.size_field
        if item is None:
            size_field.show_photo(0, 0)
        else:
            size_field.show_photo(item.width, item.height, film=item.is_video)

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
            cancelling=self.runner.cancelling,
            can_undo=self.workspace.can_undo(),
        )
        for action_id, enabled in enabled_actions(situation).items():
            getattr(self, f"{action_id}_action").setEnabled(enabled)

    def _on_settings_changed(self) -> None:
        self._update_actions()
        self.result_view.update_stale()
        if self._current_item() is None:
            self._update_placeholder()

    def _on_queue_size_changed(self) -> None:
        if not self.queue.rowCount():
            self._show_current()
        self._update_actions()

    def show_guide(self) -> None:
        """Show the guide beside the window (the one open, if any)."""
        if self.guide is None:
            self.guide = GuideDialog(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def show_shortcuts(self) -> None:
        ShortcutSheet(self.actions(), self).exec()

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
        if item_id == self.queue_view.current_id():
            self._update_size_note()

    def _on_film_read(self, item_id: int, image: QImage, info: VideoInfo) -> None:
        item = self.queue.update(item_id, video=info)
        self._on_thumbnail(item_id, image, info.width, info.height)
        if item is not None and item_id == self._show.shown_id:
            self.film.show(item, fresh=True)
            self._update_actions()

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
                self.film.leave()
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
                self.saving.save([item], by_hand=False)

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
        current = self.runner.current_item
        item = self.queue.item(current) if current is not None else None
        self.run_bars.show_progress(progress, film=item is not None and item.is_video)

    def _on_running_changed(self, running: bool) -> None:
        self.run_bars.set_running(running)
        self._update_actions()

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
        self.result_view.retranslate()
        self._update_placeholder()

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            event.accept()
            return
        unsaved = len(self.saving.unsaved())
        in_flight = sum(item.status in BUSY_STATUSES for item in self.queue.items())
        asking = self._confirm_close and (unsaved or in_flight)
        if asking and not self._confirm_quit(unsaved, in_flight):
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
        self.settings_panel.shutdown()
        self._loader_thread.stop()
        self.saving.stop()
        self.workspace.close()
        event.accept()

    def _confirm_quit(self, unsaved: int, in_flight: int) -> bool:
        """One question for all that quitting now would lose: the restorations under way or
        waiting, and the restored photos not saved."""
        lines = []
        if in_flight:
            text = self.tr("Photos and films being restored or waiting: {count}.")
            lines.append(text.format(count=in_flight))
        if unsaved:
            text = self.tr("Restored photos that are not saved: {count}.")
            lines.append(text.format(count=unsaved))
        lines.append(self.tr("Quit anyway?"))
        answer = QMessageBox.question(
            self,
            self.tr("Quit Rekindle"),
            "\n".join(lines),
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
