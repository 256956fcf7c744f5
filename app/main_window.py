"""The main window: assembles the queue, the comparison viewer (with the film bar under it),
the settings panel, the menus and the status bar from parts that each own one job, and wires
them together."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.about import AboutDialog
from app.action_rules import Situation, enabled_actions
from app.actions import WindowActions
from app.comparison_save import ComparisonSave, comparable
from app.device_note import DeviceNote
from app.file_manager import FileManager
from app.film_part import FilmPart
from app.film_view import FilmView
from app.frame_scrubber import FrameScrubber
from app.guide import GuideDialog
from app.i18n import Translation, plural
from app.intake import Intake
from app.item_status import BUSY_STATUSES
from app.model_actions import ModelActions
from app.model_import import ModelLibrary
from app.on_show import OnShow
from app.part_preview import PartPreview
from app.photo_queue import QueueItem, QueueModel
from app.photo_view import PhotoView
from app.queue_reading import QueueReading
from app.queue_view import QueuePanel
from app.quit_question import confirm_quit
from app.quitting import may_quit, queue_loss
from app.recent import RecentMenu, RecentPaths
from app.restore_runner import RestoreRunner
from app.result_view import ResultView
from app.run_bars import LastingWarnings, RunBars
from app.run_control import RunControl
from app.save_controller import SaveController
from app.scan_split import ScanSplit
from app.screen_fit import ColumnScroll, fitted_size
from app.selection import Selection
from app.settings import AppSettings
from app.settings_panel import SettingsPanel
from app.shortcut_sheet import ShortcutSheet, shortcuts
from app.spot_marking import SpotMarking
from app.turning import Turning
from app.viewer import ComparisonViewer
from app.workers import FilmFrame, ImageLoader, WorkerThread
from app.workspace import Workspace
from app.workspace_store import WorkspaceStore

if TYPE_CHECKING:
    from app.wizard.wizard import TrainingWizard

log = logging.getLogger(__name__)
ORIGINALS_KEPT = 512 * 2**20
"""Bytes of the originals of photos not yet restored kept in memory for the viewer (the most
recent; always the one on show): ten photos of 12 MP, two of 48 MP."""
MESSAGE_MS = 8000
DEFAULT_SIZE = (1440, 900)
SPLITTER_SIZES = (300, 740, 400)
"""The widths of the queue, the photo and the settings in a window of the default size."""
PHOTO_LEAST = 240
"""The photo's least width on a first showing while the settings column keeps its whole
width: a 1024 px screen shows the queue, the photo and the whole column."""
JUDGING_GAP_PER_ROW_MS = 0.05
"""While the queue keeps changing, the actions are judged again at most once in this many ms
per row of the queue (a judgement reads every row): a folder of a thousand photos, each row
changing as its photo is read, has them judged every 50 ms, not once per photo."""
JUDGING_GAP_MOST_MS = 250
"""However long the queue, its changes have the actions judged at least this often."""


class MainWindow(QMainWindow):
    """Rekindle's window. ``confirm_close`` asks before quitting would lose work (results
    not saved, restorations under way, training)."""

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
        self._show: OnShow[QImage, FilmFrame] = OnShow(ORIGINALS_KEPT, QImage.sizeInBytes)
        self.wizard: TrainingWizard | None = None
        self.guide: GuideDialog | None = None
        self._actions_due = QTimer(self)  # the queue's changes judge the actions once settled
        self._actions_due.setSingleShot(True)
        self._actions_due.timeout.connect(self._update_actions)
        self._actions_judged = QElapsedTimer()  # since the actions were last judged
        self._actions_judged.start()
        # a film queued as photos: the ids of its frames queued, which Undo takes out
        self._frames_queued: dict[int, list[int]] = {}

        self.models = ModelLibrary(self)
        self.queue = QueueModel(self)
        self.runner = RestoreRunner(self.queue, self)
        self._loader = ImageLoader()
        self._loader_thread = WorkerThread(self._loader, "rekindle-reader")
        self.workspace = Workspace(self.queue, WorkspaceStore.in_data_folder(), self)

        self._build_widgets()
        self._build_parts()
        self._build_actions()
        self._connect()
        self._restore_window_state()
        self._load_workspace()
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
        self.spot_marking = SpotMarking(self.viewer, self._shown_item, self)
        pane.insertWidget(0, self.spot_marking.bar)
        pane.insertWidget(0, self.result_view.picker)
        self.settings_scroll = ColumnScroll(self.settings_panel)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.queue_panel)
        self.splitter.addWidget(self.viewer_pane)
        self.splitter.addWidget(self.settings_scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _pane_widths(self) -> list[int]:
        """The queue's width of ``SPLITTER_SIZES`` scaled to the window's, no narrower than
        the queue can be; the settings column's whole width there (or the wider one its fields
        ask for), so that its sliders stay long. In a smaller window the photo gives up width
        first, down to ``PHOTO_LEAST``, then the column, down to the narrowest it can be."""
        room = self.width() - 2 * self.splitter.handleWidth()
        queue_width, _photo, settings_width = SPLITTER_SIZES
        scaled = round(queue_width * room / sum(SPLITTER_SIZES))
        queue = max(scaled, self.queue_panel.minimumSizeHint().width())
        column = self.settings_scroll
        whole = max(settings_width, column.sizeHint().width())
        settings = max(min(whole, room - queue - PHOTO_LEAST), column.minimumWidth())
        return [queue, room - queue - settings, settings]

    def _build_parts(self) -> None:
        """The parts the actions' handlers name (the photo view, which needs an action, comes
        after them)."""
        panel = self.settings_panel
        self.selection = Selection(self.queue, self.queue_view)
        self.reading = QueueReading(self.queue, self.queue_view, self._loader, self)
        self.saving = SaveController(self.queue, panel, self)
        self.film = FilmView(
            self.viewer,
            self.scrubber,
            self._show,
            self.queue,
            self.runner,
            self._loader,
            panel.restore_settings,
            self,
        )
        self.film_part = FilmPart(self.scrubber, self.queue, self._shown_item, self)
        self.part_preview = PartPreview(
            self.viewer, self._show, self.queue, self.runner, panel.restore_settings, self
        )
        self.model_actions = ModelActions(self, self.models, panel, self._message)
        self.recent = RecentPaths(self.settings)
        self.intake = Intake(
            self,
            self.queue,
            self.selection,
            self.recent,
            self.model_actions.import_files,
            panel.output_folder,
            self.settings,
        )
        self.scans = ScanSplit(
            self.queue,
            self.selection,
            panel.output_folder,
            self.saving.worker,
            self.intake.add_paths,
            self,
        )
        self.turning = Turning(
            self.queue,
            self.selection,
            panel.output_folder,
            self.saving.worker,
            self._replace_turned,
            lambda: self.runner.current_item,
            self,
        )
        self.comparisons = ComparisonSave(
            self.queue,
            self._shown_item,
            self.viewer,
            panel.output_folder,
            panel.result_names,
            self.saving.worker,
            self.result_view.picker,
            self,
        )
        self.file_manager = FileManager(panel.output_folder, self.selection, self)
        self.run_bars = RunBars(self.statusBar(), self)
        self.warnings = LastingWarnings(self.statusBar(), self)
        for part in (self.workspace, self.spot_marking):
            self.warnings.add(part.warning, part.warning_changed)
        self.warnings.add(self._settings_warning, panel.changed)
        self.device_note = DeviceNote(panel.device, panel.changed, self)
        self.runner.device_replaced.connect(self.device_note.tell)
        self.warnings.add(self.device_note.words, self.device_note.changed)
        self.run_control = RunControl(
            self, self.runner, self.queue, self.selection, panel, self.run_bars, self.saving
        )

    def _build_actions(self) -> None:
        """The actions and their menus, and the parts that take an action."""
        self._actions = WindowActions(self, self.queue_panel)
        self.toolbar = self._actions.toolbar
        self.recent_menu = RecentMenu(self.recent, self)
        self.recent_menu.chosen.connect(lambda path: self.intake.add_paths([path]))
        self.recent_menu.place_after(self.file_menu, self.open_folder_action)
        self.scrubber.set_preview_action(self.preview_action)
        self.scrubber.set_part_actions(
            self.set_in_action, self.set_out_action, self.clear_in_out_action
        )
        self.photo_view = PhotoView(
            self.viewer,
            self._show,
            self.film,
            self.result_view,
            self.queue,
            self.selection,
            self._loader,
            self.settings_panel,
            self.open_action,
            self,
        )

    def _connect(self) -> None:
        update_actions = self._update_actions
        speaking = (
            self.intake,
            self.scans,
            self.turning,
            self.comparisons,
            self.file_manager,
            self.run_control,
            self.saving,
            self.part_preview,
            self.spot_marking,
        )
        for part in (*speaking, self.workspace, self.photo_view):  # to the status bar
            part.message.connect(self._message)
        self.reading.read.connect(self.photo_view.item_read)
        self.reading.unreadable.connect(self.photo_view.item_unreadable)
        self.saving.saved.connect(self.photo_view.release)
        self.photo_view.changed.connect(update_actions)
        self.photo_view.title_changed.connect(self.setWindowTitle)
        welcome = self.photo_view.welcome
        welcome.open_photos.connect(self.open_action.trigger)
        welcome.open_folder.connect(self.open_folder_action.trigger)
        welcome.try_sample.connect(self.intake.add_sample)
        self.settings_panel.follow_queue(self.queue)
        self.queue.results_added.connect(self.result_view.results_added)
        self.queue.part_marked.connect(lambda *_: self.result_view.update_stale())
        self.result_view.request_pair.connect(self._loader.request_restored)
        self.workspace.undo_changed.connect(update_actions)
        self.runner.running_changed.connect(lambda *_: update_actions())
        self.runner.previewing_changed.connect(lambda *_: update_actions())
        self.runner.item_restored.connect(self.photo_view.restored)
        self.runner.photo_restored.connect(self.saving.save_at_once)
        self.film.changed.connect(update_actions)
        self.run_control.waiting_changed.connect(self._judge_actions_next_turn)
        selection_model = self.queue_view.selectionModel()
        selection_model.currentChanged.connect(lambda *_: self.photo_view.show_current())
        selection_model.selectionChanged.connect(lambda *_: self._judge_actions_next_turn())
        queue = self.queue
        for changed in (queue.rowsInserted, queue.rowsRemoved):
            changed.connect(lambda *_: self._judge_actions_soon())
        queue.dataChanged.connect(self._rows_changed)
        for action in self.actions():  # after its handler: what it changed is judged at once
            action.triggered.connect(lambda *_: update_actions())
        self.settings_panel.changed.connect(update_actions)
        self.settings_panel.changed.connect(self.result_view.update_stale)
        self.settings_panel.changed.connect(self.photo_view.settings_changed)
        self.settings_panel.changed.connect(self.part_preview.settings_changed)
        self.settings_panel.changed.connect(self.film.settings_changed)
        self._read_sequences_as_set()
        self.settings_panel.changed.connect(self._read_sequences_as_set)
        self.settings_panel.language_changed.connect(self._translation.apply)
        self.spot_marking.active_changed.connect(self.mark_spots_action.setChecked)
        for marking_hides in (self.result_view.picker, self.result_view.stale_note):
            self.spot_marking.active_changed.connect(marking_hides.set_marking)
        self.spot_marking.active_changed.connect(self.result_view.set_marking)
        self.spot_marking.active_changed.connect(lambda *_: update_actions())
        self.spot_marking.keeping_changed.connect(lambda *_: update_actions())
        self.spot_marking.marks_changed.connect(
            lambda item_id, marked: self.queue.update(item_id, spots_marked=marked)
        )
        self.spot_marking.marks_changed.connect(lambda *_: self.result_view.update_stale())
        self.spot_marking.marks_changed.connect(lambda *_: self.part_preview.marks_changed())
        self.spot_marking.marks_changed.connect(lambda *_: self.film.marks_changed())
        self.viewer.brush_stepped.connect(self.spot_marking.step_brush)
        selection_model.currentChanged.connect(lambda *_: self.spot_marking.shown_changed())

    def _restore_window_state(self) -> None:
        if not self.restoreGeometry(self.settings.window_geometry):
            self.resize(fitted_size(DEFAULT_SIZE, self.screen().availableGeometry().size()))
        self.restoreState(self.settings.window_state)
        if self.settings.splitter_state:
            self.splitter.restoreState(self.settings.splitter_state)
        else:
            self.splitter.setSizes(self._pane_widths())
        shown = self.settings.settings_panel_shown
        self.settings_action.setChecked(shown)
        self.settings_scroll.setVisible(shown)

    # -- the queue ------------------------------------------------------------------------

    def add_paths(self, paths: Iterable[str | Path], *, remember: bool = True) -> list[QueueItem]:
        """Queue files and the images and films in folders (``Intake.add_paths``)."""
        return self.intake.add_paths(paths, remember=remember)

    def receive_paths(self, paths: Iterable[str | Path]) -> None:
        """Another start of Rekindle's photos (``app.single_instance``): queued here, and the
        window brought forward."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        self.add_paths(paths)

    def remove_selected(self) -> None:
        running = self.runner.current_item
        ids = [item.id for item in self.selection.selected() if item.id != running]
        said = plural(
            len(ids),
            self.tr("Removed 1 item — Undo ({shortcut})"),
            self.tr("Removed {count} items — Undo ({shortcut})"),
        )
        self._remove(ids, said)

    def clear_queue(self) -> None:
        """Empty the queue (but the item being restored) without asking: Undo puts it back."""
        running = self.runner.current_item
        ids = [item.id for item in self.queue.items() if item.id != running]
        said = plural(
            len(ids),
            self.tr("Cleared 1 item — Undo ({shortcut})"),
            self.tr("Cleared {count} items — Undo ({shortcut})"),
        )
        self._remove(ids, said)

    def restore_as_photos(self) -> None:
        """The frame sequences selected leave the queue for their frames, queued as photos
        in their rows (``Intake.frames_as_photos``), as a step Undo takes back: the films
        back, their frames out."""
        queued = self.intake.frames_as_photos(self.selection.selected())
        self._frames_queued.update(queued)
        films = list(queued)
        said = plural(
            len(films),
            self.tr("Queued the frames of 1 film as photos — Undo ({shortcut}) puts it back"),
            self.tr(
                "Queued the frames of {count} films as photos — Undo ({shortcut}) puts them back"
            ),
        )
        self._remove(films, said)

    def _read_sequences_as_set(self) -> None:
        """Frame sequences are read as the Films settings say (``QueueReading``)."""
        self.reading.read_sequences_with(self.settings_panel.sequence_options())

    def _remove(self, item_ids: list[int], said: str) -> None:
        """Take the items out, as a step Undo takes back; ``said``: the status bar's words.
        The item on show then (Qt makes a neighbour of the current row current) is the one
        selected, so what acts on the selection acts on it."""
        if not item_ids:
            return
        self._forget(item_ids)
        self.workspace.remove(item_ids)
        self._message(said.format(count=len(item_ids), shortcut=self._undo_shortcut()))
        current = self.selection.current()
        if current is None:
            self.photo_view.show_current()
        else:
            self.selection.select(current)

    def _forget(self, item_ids: list[int]) -> None:
        """Let the parts drop what they hold or wait for of items leaving the queue."""
        self.runner.forget(item_ids)
        self.reading.forget(item_ids)
        self.photo_view.forget(item_ids)

    def _replace_turned(self, item_id: int, path: Path, restored_since: bool) -> None:
        """Put a photo's turned copy (written to ``path``) in the photo's row, selected and on
        show where the photo was, and take the photo out, as one step Undo takes back. A photo
        taken out meanwhile stays out, its copy not queued; one being restored, or restored
        since it was turned (``restored_since``), stays with its result."""
        row = self.queue.row_of(item_id)
        if row < 0:
            return
        photo = self.queue.item_at(row)
        if photo is not None and (photo.status in BUSY_STATUSES or restored_since):
            text = self.tr(
                "{name} is being restored, so its turned copy did not take its place: the "
                "copy is {copy}."
            )
            self._message(text.format(name=photo.name, copy=path))
            return
        fresh = self.queue.add_paths([path], row + 1)
        if not fresh:  # a queued file's name, free again once that file was deleted
            self._message(self.tr("{name} is in the queue already.").format(name=path.name))
            return
        copy = fresh[0]
        self.selection.hand_over(item_id, copy.id)
        self._forget([item_id])
        self.workspace.replace(item_id, copy)
        said = self.tr("Turned: the turned copy takes the photo's place — Undo ({shortcut})")
        self._message(said.format(shortcut=self._undo_shortcut()))

    def _undo_shortcut(self) -> str:
        return self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def undo(self) -> None:
        """Take back the last stroke while marking spots; else the last removal, turn or
        Restore as Photos (a turn's copy, or the frames queued as photos, leave the queue,
        unless that would lose their work), the first item put back on show when nothing
        is."""
        if self.spot_marking.is_active():
            self.spot_marking.undo()
            return
        leaving = self._undo_takes_out()
        busy = next((item for item in leaving if self._has_work(item)), None)
        if busy is not None:
            text = self.tr("Not undone: {name} is being restored, or its result is not saved.")
            self._message(text.format(name=busy.name))
            return
        self._forget([item.id for item in leaving])
        self._forget([item.id for item in self.workspace.undo_replaces()])
        taken = self.workspace.undo_puts_back()
        back = self.workspace.undo(self.selection.hand_over)
        self._take_out_frames_queued(taken)
        said = []
        if back:
            text = plural(
                len(back), self.tr("Put back 1 item."), self.tr("Put back {count} items.")
            )
            said.append(text.format(count=len(back)))
        for item in taken:
            if item not in back:
                text = self.tr("{name} is in the queue again, with work of its own: left as it is.")
                said.append(text.format(name=item.name))
        if said:
            self._message(" ".join(said))
        self.selection.show_first(back)

    def _undo_takes_out(self) -> list[QueueItem]:
        """The items Undo would take out of the queue: a turn's copy, or the frames queued
        as photos for the films it would put back."""
        copy = self.workspace.undo_takes_out()
        films = self.workspace.undo_puts_back()
        frames = {frame for film in films for frame in self._frames_queued.get(film.id, ())}
        queued = [item for item in self.queue.items() if item.id in frames]
        return queued if copy is None else [copy, *queued]

    def _take_out_frames_queued(self, films: list[QueueItem]) -> None:
        """Take the frames queued as photos for ``films`` out of the queue, each film (put
        back) taking its frames' place in the selection and on show."""
        frames = []
        for film in films:
            for frame in self._frames_queued.pop(film.id, []):
                self.selection.hand_over(frame, film.id)
                frames.append(frame)
        if frames:
            self.queue.remove(frames)

    def _has_work(self, item: QueueItem) -> bool:
        """Whether taking ``item`` out of the queue would lose work: its restoration under
        way, or a result not saved."""
        return item.id == self.runner.current_item or item.result_unsaved

    def _load_workspace(self) -> None:
        """Fill the queue as it was left, the first item on show."""
        self.selection.show_first(self.workspace.load())

    # -- restoring and saving -------------------------------------------------------------

    def restore_selected(self) -> None:
        self.spot_marking.write_now()  # marks not written yet: restoring reads their files
        self.run_control.restore_selected()

    def restore_all(self) -> None:
        self.spot_marking.write_now()
        self.run_control.restore_all()

    def preview(self) -> None:
        """Restore the film's frame on show, or the part of the photo in view, to judge the
        settings; a photo whose file changed since it was shown is read again first (the
        next Preview takes the new one), one gone from its folder is told by the preview."""
        self.spot_marking.write_now()
        shown = self._shown_item()
        if shown is not None and shown.source.exists():
            self.reading.follow_current()
            self.photo_view.follow_file()
        if self._show.frame is not None:
            self.film.preview()
        else:
            self.part_preview.preview()

    def _shown_item(self) -> QueueItem | None:
        return self.queue.item(self._show.shown_id)

    def _part_on_show(self) -> bool:
        """Whether the film on show has a part of it marked to restore."""
        item = self._shown_item()
        return item is not None and item.has_part

    def _photo_on_show(self) -> bool:
        item = self.queue.item(self._show.shown_id)
        return item is not None and not item.is_video and self.viewer.has_images()

    def save_selected(self) -> None:
        self.saving.save(self.selection.selected())

    def save_all(self) -> None:
        self.saving.save_all()

    # -- actions, dialogs and the status bar ----------------------------------------------

    def _judge_actions_soon(self) -> None:
        """Judge the actions once the queue's changes settle: at the next turn of the event
        loop, or, where they were judged a moment ago, once ``JUDGING_GAP_PER_ROW_MS`` per row
        has passed since. Judging reads the whole queue, and a folder's photos change their
        rows one at a time as they are read: judged after each, the time taken would grow
        with the square of the queue's length."""
        if self._actions_due.isActive():
            return
        gap = min(self.queue.rowCount() * JUDGING_GAP_PER_ROW_MS, JUDGING_GAP_MOST_MS)
        self._actions_due.start(max(0, round(gap - self._actions_judged.elapsed())))

    def _rows_changed(self, _top: object, _bottom: object, roles: Sequence[int] = ()) -> None:
        """Judge the actions once the rows' changes settle, but for a run's progress reports
        (many a second), which change nothing an action is judged by."""
        if list(roles) != [QueueModel.ProgressRole]:
            self._judge_actions_soon()

    def _judge_actions_next_turn(self) -> None:
        """Judge the actions at the next turn of the event loop, however long the queue (with
        the queue's changes waiting to be judged): what the person selects changes what they
        can do with it, at once."""
        self._actions_due.start(0)

    def _update_actions(self) -> None:
        """Enable the actions that can be used now. The queue's rows and selection change many
        at a time (a run of rows removed, each row read or restored), and judging the actions
        reads the whole queue and selection: their changes call this once they settle
        (``_judge_actions_soon``, ``_judge_actions_next_turn``), and each action as it has
        been handled."""
        if self._closed:
            return
        self._actions_due.stop()  # what was waiting to be judged is judged now
        self._actions_judged.start()
        selected = self.selection.selected()
        situation = Situation(
            items=self.queue.items(),
            selected=selected,
            has_model=self.settings_panel.has_model(),
            running=self.runner.is_running,
            running_item=self.runner.current_item,
            frame_on_show=self._show.frame is not None,
            photo_on_show=self._photo_on_show(),
            restored_on_show=self._photo_on_show() and comparable(self._shown_item()),
            current=self.selection.current() is not None,
            has_images=self.viewer.has_images(),
            cancelling=self.runner.cancelling,
            waiting=self.run_control.waiting,
            previewing=self.runner.previewing,
            can_undo=self.workspace.can_undo(),
            marking=self.spot_marking.is_active(),
            keeping_marks=self.spot_marking.is_keeping(),
            left_to_save=self.saving.has_left_to_save(),
            selected_to_save=self.saving.has_to_write(selected),
            part_on_show=self._part_on_show(),
        )
        for action_id, enabled in enabled_actions(situation).items():
            getattr(self, f"{action_id}_action").setEnabled(enabled)
        self.restore_as_photos_action.setVisible(any(item.is_sequence for item in selected))

    def show_guide(self) -> None:
        """Show the guide beside the window (the one open, if any)."""
        if self.guide is None:
            self.guide = GuideDialog(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def show_shortcuts(self) -> None:
        sections = [
            ("", shortcuts(self.actions())),
            (self.tr("While marking spots"), shortcuts(self.spot_marking.bar.key_actions)),
            (self.tr("In the viewer"), self.viewer.key_rows()),
        ]
        ShortcutSheet(sections, self).exec()

    def show_about(self) -> None:
        self.model_actions.refresh()
        AboutDialog(self.settings_panel.entries(), self).exec()

    def open_training_wizard(self, **options) -> TrainingWizard:
        """Show the training wizard (the open one, if any); ``options`` go to a new one. The
        wizard is imported only here: it brings the plotting library, which would slow every
        start for a window seldom opened."""
        from app.wizard.wizard import TrainingWizard

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

    def _settings_warning(self) -> str:
        """What the status bar keeps saying while the settings are not kept, judged again
        at each change of the panel's ("": they are kept)."""
        if self.settings.kept():
            return ""
        text = self.tr("Settings will not be remembered: {file} cannot be written.")
        return text.format(file=self.settings.place())

    # -- look and language ----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self._retranslate()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._actions.refresh_icons()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._actions.retranslate()
        self.result_view.retranslate()
        self.photo_view.retranslate()

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            event.accept()
            return
        if self._confirm_close and not self._may_quit():
            event.ignore()
            return
        self._shut_down()
        event.accept()

    def _may_quit(self) -> bool:
        """Ask about what quitting now would lose: marks made by hand that cannot be
        written, and the queue's work (``app.quitting``)."""
        if not self.spot_marking.may_quit(self):
            return False
        loss = queue_loss(
            self.queue.items(),
            len(self.saving.unsaved()),
            len(self.workspace.unsaved_removed()),
        )
        wizard = self.wizard
        return may_quit(
            loss,
            lambda lost: confirm_quit(self, lost),
            lambda: wizard is not None and wizard.is_training(),
            lambda: wizard.confirm_stop(),
        )

    def _shut_down(self) -> None:
        """Stop every part's work, keeping the window's place and what was handed to save.
        The window is hidden first, while the parts finish what they were doing; the reader is
        let go, not waited for: what it reads is for the window, and a large photo can take it
        seconds that nothing cuts short."""
        if self.wizard is not None:
            self.wizard.stop_jobs()  # training stops after its step, keeping its checkpoint
        self._closed = True
        self.model_actions.closed = True
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(self.saveState().data())
        self.settings.splitter_state = bytes(self.splitter.saveState().data())
        self.settings.settings_panel_shown = self.settings_action.isChecked()
        self.hide()
        if not self.settings.sync():
            log.warning("the settings could not be saved to %s", self.settings.place())
        self.spot_marking.shutdown()
        self.intake.shutdown()
        self.runner.shutdown()
        self.models.shutdown()
        self.settings_panel.shutdown()
        self._loader_thread.let_go()
        self.saving.stop()
        self.run_control.shutdown()  # once the saver has written what it was handed
        self.workspace.close()
