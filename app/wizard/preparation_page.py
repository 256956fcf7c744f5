"""Page 2: how to train (preset with a measured time estimate, scale, old-photo damage, the
starting point), then making the training data in the background, with a preview: pairs, or
on a pack (``TrainingWizard.data``) the photos packed, whose crops are cut while training.

This is the wizard's commit page: its Next starts training, and there is no way back.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app import theme
from app.bar_text import in_bar
from app.eta import format_time_left
from app.i18n import Lasting
from app.jobs import Emit, Job, Work
from app.screen_fit import ColumnScroll
from app.wizard.page import WizardPage
from app.wizard.pictures import pixmap
from app.wizard.presets import (
    builtin_start,
    default_preset,
    preset_texts,
    run_config,
)
from engine.errors import RekindleError
from engine.progress import Progress, ProgressEvent
from engine.time_left import EtaClock
from training.config import TrainingConfig
from training.estimate import StepTimes, measure
from training.folder_scan import ScanReport, scan_folder
from training.material import make_material
from training.material.prepared import Prepared
from training.prepare import collection_in
from training.run_state import PACK, RunState, discard_all_runs, new_run_id

BAR_STEPS = 1000
PREPARE_ICON = "mdi6.image-multiple-outline"
PREVIEW_SIDE = 112
PREVIEW_COLUMNS = 2
SCALES = (4, 2)
SECONDS_PER_MINUTE = 60
MINUTES_PER_HOUR = 60
RESCAN_SHARE = 0.25
"""The share of the bar for reading a changed folder again before its data is made: each
photo is read once, where making the data also cuts, damages and writes crops of it."""

Recipe = tuple[ScanReport | None, int, bool, str]
"""What training data is made from: the scanned photos, the scale, the old-photo damage, and
pairs or a pack (``TrainingWizard.data``)."""


class FolderChanged:
    """The preparation job's word that the folder changed since its scan: it reads it again."""


@dataclass(frozen=True)
class Made:
    """What a preparation made, and the scan it made it from: the page's, or a fresh one where
    the folder had changed since."""

    report: ScanReport
    prepared: Prepared


def folder_changed(report: ScanReport, progress: Progress) -> bool:
    """Whether photos were added below the folder or taken away since ``report``, told by their
    names alone (none is read)."""
    now = set(collection_in(report.folder, progress).photos)
    scanned = {*report.qualifying, *report.too_small, *report.duplicates}
    unreadable = {path for path, _why in report.unreadable}
    return not scanned <= now or bool(now - scanned - unreadable)


def _current_scan(
    report: ScanReport, gone: str, progress: Progress, emit: Emit
) -> tuple[ScanReport, Progress]:
    """``report`` while the folder holds the photos it lists, else a fresh scan, told to the
    page and made on the first ``RESCAN_SHARE`` of ``progress``; with the progress left for
    making the data. A folder gone raises the sentence ``gone``."""
    if not report.folder.is_dir():
        raise RekindleError(gone)
    if not folder_changed(report, progress):
        return report, progress
    emit(FolderChanged())
    fresh = scan_folder(report.folder, report.crop, progress.span(0.0, RESCAN_SHARE))
    emit(fresh)
    return fresh, progress.span(RESCAN_SHARE, 1.0)


def _material_work(state: RunState, report: ScanReport, crop: int, gone: str) -> Work:
    """The job making ``state``'s training data, all file work on its thread: the folder read
    again if it changed since ``report`` (``_current_scan``), earlier runs' folders removed
    (only one run is kept), then the data made and the state file written, which is what
    makes the run one to continue. A preparation that fails or is cancelled removes what it
    made: never offered, it could hold gigabytes until the next."""

    def work(progress: Progress, emit: Emit) -> Made:
        current, progress = _current_scan(report, gone, progress, emit)
        discard_all_runs()
        try:
            state.held_out = [str(path) for path in current.held_out()]
            prepared = make_material(state, current, crop, progress)
            progress.check()
            state.pairs = prepared.pairs or 0
            state.photos = prepared.photos
            state.save()
        except BaseException:
            state.discard()
            raise
        return Made(current, prepared)

    return work


def _note_under(button: QAbstractButton) -> QLabel:
    """A label that wraps, for what ``button`` means: lined up under the button's text, right
    of its indicator. A button's own text never wraps, and a long one would widen the page."""
    style = button.style()
    metric = QStyle.PixelMetric
    if isinstance(button, QRadioButton):
        indicator, spacing = metric.PM_ExclusiveIndicatorWidth, metric.PM_RadioButtonLabelSpacing
    else:
        indicator, spacing = metric.PM_IndicatorWidth, metric.PM_CheckBoxLabelSpacing
    note = QLabel()
    note.setWordWrap(True)
    note.setIndent(
        style.pixelMetric(indicator, None, button) + style.pixelMetric(spacing, None, button)
    )
    return note


def _tab_stop_at_checked(group: QButtonGroup) -> None:
    """Tab stops in ``group`` at its checked button alone, as Qt makes it once one of them
    has had focus; until then every one is a stop, and the page's first focus would go to
    the first choice rather than the one made."""
    for button in group.buttons():
        button.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if button.isChecked() else Qt.FocusPolicy.ClickFocus
        )


def _level(label: QLabel, first: QWidget) -> None:
    """``label`` level with the text of ``first``, the first control of the field beside it
    (call again when their texts change). Beside a field taller than a line, a form gives a
    label a box at the row's top up to 7/4 of its height and centres the text in it, lower
    than the control's; a box as tall as the control centres it on the control's text."""
    label.setMaximumHeight(max(first.sizeHint().height(), label.sizeHint().height()))


class _WholeColumn(ColumnScroll):
    """A column that asks for its whole height at a width (a ``ColumnScroll`` asks for a few
    lines'): the wizard grows to show all of it where the screen has room, and it scrolls
    where the screen has not."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        column = self.widget().layout()
        beside = self._beside_bar(0)
        return column.totalHeightForWidth(max(0, width - beside)) + 2 * self.frameWidth()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the column's height changed: its layouts ask again
        return super().eventFilter(watched, event)


class PreparationPage(WizardPage):
    """Choices for the run, and the pairs made from them."""

    idle = Signal()
    """No job of this page is running any more (after ``cancel``, their threads returned)."""

    def __init__(self) -> None:
        super().__init__()
        self.setCommitPage(True)
        self.prepared: Prepared | None = None
        self._prepared_from: Recipe | None = None
        self._prepare_job: Job | None = None
        self._prepare_clock = EtaClock()
        self._estimate_job: Job | None = None
        self._estimate_again = False
        self._estimates_wanted = True  # until training starts or the wizard closes
        self.measuring_stopped = threading.Event()
        """Set while no time estimate is being measured on a worker thread."""
        self.measuring_stopped.set()
        self.times: dict[str, StepTimes] = {}
        self._preset_buttons: dict[str, QRadioButton] = {}
        self._estimate_labels: dict[str, QLabel] = {}
        self._estimates_said: dict[str, Lasting] = {}  # their words, to say after a switch
        self._descriptions: dict[str, QLabel] = {}
        self._built = False

        self.preset_group = QGroupBox()
        self.preset_layout = QGridLayout(self.preset_group)
        self.presets = QButtonGroup(self)
        self.options_group = QGroupBox()
        self.scale_buttons = {scale: QRadioButton(f"{scale}×") for scale in SCALES}
        self.scales = QButtonGroup(self)
        scale_row = QHBoxLayout()
        for scale, button in self.scale_buttons.items():
            self.scales.addButton(button, scale)
            scale_row.addWidget(button)
        scale_row.addStretch(1)
        self.scale_buttons[4].setChecked(True)
        self.degrade_box = QCheckBox()
        self.degrade_note = _note_under(self.degrade_box)
        damage_column = QVBoxLayout()
        damage_column.addWidget(self.degrade_box)
        damage_column.addWidget(self.degrade_note)
        self.builtin_button = QRadioButton()
        self.scratch_button = QRadioButton()
        self.starts = QButtonGroup(self)
        self.starts.addButton(self.builtin_button)
        self.starts.addButton(self.scratch_button)
        self.builtin_button.setChecked(True)
        self.start_note = QLabel()
        self.start_note.setWordWrap(True)
        start_column = QVBoxLayout()
        for widget in (self.builtin_button, self.scratch_button, self.start_note):
            start_column.addWidget(widget)
        options = QFormLayout(self.options_group)
        options.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.scale_label, self.damage_label, self.start_label = QLabel(), QLabel(), QLabel()
        options.addRow(self.scale_label, scale_row)
        options.addRow(self.damage_label, damage_column)
        options.addRow(self.start_label, start_column)

        self.prepare_button = QPushButton()
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.hide()  # shown while the data is made
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._started = False  # whether the training data was ever asked for on this page
        prepare_row = QHBoxLayout()
        prepare_row.addWidget(self.prepare_button)
        prepare_row.addWidget(self.bar, 1)
        prepare_row.addStretch(0)  # the button keeps its width while the bar is hidden
        self.preview_group = QGroupBox()
        self.preview_grid = QGridLayout(self.preview_group)
        self.preview_group.hide()

        columns = QHBoxLayout()
        columns.addWidget(self.preset_group, 1)
        columns.addWidget(self.options_group, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(columns)
        body_layout.addLayout(prepare_row)
        body_layout.addWidget(self.status)
        body_layout.addWidget(self.preview_group)
        body_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._column = _WholeColumn(body)  # the page scrolls on a screen too low for it
        layout.addWidget(self._column)

        self.scales.idToggled.connect(lambda _id, on: on and self._on_run_shape_changed())
        self.builtin_button.toggled.connect(lambda _on: self._estimate())
        self.degrade_box.toggled.connect(lambda _on: self._on_run_shape_changed())
        self.prepare_button.clicked.connect(self.start_preparing)
        self._retranslate()
        self._set_icons()

    def wanted_height(self, width: int) -> int:
        """The whole column's height (asked of it: the page's layout may not have heard yet
        of a preview just shown)."""
        return self._column.heightForWidth(width)

    # -- the choices ----------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802
        if not self._built:
            self._build_presets()
            self._built = True
        self._update_start()
        self._estimate()

    def _build_presets(self) -> None:
        wizard = self._wizard()
        chosen = default_preset(wizard.presets)
        for row, key in enumerate(wizard.presets):
            button = QRadioButton()
            button.setChecked(key == chosen)
            self.presets.addButton(button, row)
            estimate = QLabel()
            estimate.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            description = _note_under(button)
            self.preset_layout.addWidget(button, 2 * row, 0)
            self.preset_layout.addWidget(estimate, 2 * row, 1)
            self.preset_layout.addWidget(description, 2 * row + 1, 0, 1, 2)
            self._preset_buttons[key] = button
            self._estimate_labels[key] = estimate
            self._descriptions[key] = description
        self.preset_layout.setColumnStretch(0, 1)
        self._order_tabs()
        self._retranslate()

    def _order_tabs(self) -> None:
        """Tab in the page's reading order: the training length, then the options and
        Prepare. The preset buttons, made after the rest, join the wizard's focus chain at its
        end (past the other pages): the first takes the first option's place, where the
        wizard looks for the page's first focus, and the rest follow it."""
        presets = list(self._preset_buttons.values())
        first_option = self.scale_buttons[SCALES[0]]
        QWidget.setTabOrder(first_option, presets[0])
        order = [
            *presets,
            *self.scale_buttons.values(),
            self.degrade_box,
            self.builtin_button,
            self.scratch_button,
            self.prepare_button,
        ]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        _tab_stop_at_checked(self.presets)

    def preset(self) -> str:
        return next(key for key, button in self._preset_buttons.items() if button.isChecked())

    def scale(self) -> int:
        return self.scales.checkedId()

    def init(self) -> str | None:
        """The built-in model to start from, or None for from scratch."""
        start = builtin_start(self.scale(), self.degrade_box.isChecked())
        return start if self.builtin_button.isChecked() else None

    def _update_start(self) -> None:
        available = builtin_start(self.scale()) is not None
        self.builtin_button.setEnabled(available)
        if not available:
            self.scratch_button.setChecked(True)
            self.start_note.setText(
                self.tr(
                    "No built-in {scale}× model is installed, so training starts from scratch."
                ).format(scale=self.scale())
            )
        else:
            self.start_note.setText(
                self.tr(
                    "Starting from the built-in model is recommended: it already knows how to "
                    "enlarge photos and only has to learn what is special about yours."
                )
            )

    def _on_run_shape_changed(self) -> None:
        """Scale and damage change the training data: it must be made again."""
        self._update_start()
        self._estimate()
        self.discard_if_stale()

    def _recipe(self) -> Recipe:
        wizard = self._wizard()
        return wizard.source_page.report, self.scale(), self.degrade_box.isChecked(), wizard.data

    def discard_if_stale(self) -> None:
        """Throw away the run's training data once the photos or choices it was made from
        changed, so training never starts on data other than what the pages show."""
        if self.prepared is None or self._prepared_from == self._recipe():
            return
        self._wizard().discard_run()
        self._forget_prepared()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("The choices changed: prepare the pairs again."))
        self.completeChanged.emit()

    def _forget_prepared(self) -> None:
        self.prepared = None
        self._prepared_from = None
        self.preview_group.hide()

    # -- time estimates -------------------------------------------------------------------

    def _estimate(self) -> None:
        """Measure every preset again for the current choices: one job at a time, and never
        while pairs are being made or training runs, which would slow the measured steps
        down (and the training with them)."""
        if not self._built or not self._estimates_wanted or self._prepare_job is not None:
            return
        if self._estimate_job is not None:
            self._estimate_again = True
            self._estimate_job.cancel()
            return
        wizard = self._wizard()
        self.times.clear()
        for key in self._estimate_labels:
            self._say_estimate(key, Lasting(self._measuring_text))
        init, device, crop, data = self.init(), wizard.device, wizard.crop, wizard.data
        configs = {key: self._config(config) for key, config in wizard.presets.items()}
        stopped = self.measuring_stopped

        def work(progress: Progress, emit: Emit) -> None:
            try:
                for key, config in configs.items():
                    times = measure(config, init, device, crop, data, progress.token)
                    if times is None:
                        return
                    emit((key, times))
            finally:
                stopped.set()

        job = Job(work, "rekindle-estimate", self)
        job.partial.connect(self._on_estimate)
        job.failed.connect(self._on_estimate_failed)
        job.ended.connect(self._on_estimate_ended)
        self._estimate_job = job
        stopped.clear()
        job.start()

    def _on_estimate(self, result: tuple[str, StepTimes]) -> None:
        key, times = result
        self.times[key] = times
        config = self._config(self._wizard().presets[key])
        seconds = times.total(config, self._validation_photos())
        self._say_estimate(key, Lasting(lambda: self._estimate_text(seconds)))

    def _say_estimate(self, key: str, words: Lasting) -> None:
        self._estimates_said[key] = words
        self._estimate_labels[key].setText(words)

    def _estimate_text(self, seconds: float) -> str:
        """What an estimate of ``seconds`` says."""
        if seconds < SECONDS_PER_MINUTE:
            text = self.tr("less than a minute on this {device}")
        else:
            text = self.tr("about {duration} on this {device}")
        return text.format(duration=self._about(seconds), device=self._device_name())

    def _measuring_text(self) -> str:
        """What an estimate says until it is measured."""
        return self.tr("measuring the time on this {device}…").format(device=self._device_name())

    def _on_estimate_failed(self, message: str) -> None:
        for key, label in self._estimate_labels.items():
            if key not in self.times:  # still measuring
                self._say_estimate(key, Lasting(lambda: self.tr("no estimate")))
                label.setToolTip(message)

    def _on_estimate_ended(self) -> None:
        self._estimate_job = None
        if self._estimate_again:
            self._estimate_again = False
            self._estimate()
        self._say_if_idle()

    def estimating(self) -> bool:
        return self._estimate_job is not None

    def stop_estimating(self) -> None:
        """Cancel the time estimate for good: training is about to use the device, or the
        wizard is closing (``measuring_stopped`` says when its thread has returned)."""
        self._estimates_wanted = False
        self._estimate_again = False
        if self._estimate_job is not None:
            self._estimate_job.cancel()

    def _validation_photos(self) -> int:
        report = self._wizard().source_page.report
        return max(1, len(report.held_out())) if report is not None else 1

    def _config(self, preset: TrainingConfig) -> TrainingConfig:
        """The config a run of ``preset`` would train with, for the current choices."""
        return run_config(preset, self.scale(), self.degrade_box.isChecked(), self._wizard().data)

    def _device_name(self) -> str:
        kind = self._wizard().training_device.type
        return {"cuda": self.tr("GPU"), "mps": self.tr("Mac's GPU")}.get(kind, self.tr("CPU"))

    def _about(self, seconds: float) -> str:
        minutes = max(1, round(seconds / SECONDS_PER_MINUTE))
        if minutes < MINUTES_PER_HOUR:
            return self.tr("{minutes} min").format(minutes=minutes)
        hours, rest = divmod(minutes, MINUTES_PER_HOUR)
        return self.tr("{hours} h {minutes:02d} min").format(hours=hours, minutes=rest)

    # -- preparing ------------------------------------------------------------------------

    def start_preparing(self) -> None:
        """Make the training data for the current choices, replacing any earlier run."""
        wizard = self._wizard()
        report = wizard.source_page.report
        if report is None or self._prepare_job is not None:
            return
        if self._estimate_job is not None:
            self._estimate_job.cancel()  # measured again once the pairs are made
        wizard.forget_run()  # its folder goes on the job's thread (below)
        state = RunState(
            new_run_id(),
            str(report.folder),
            self.scale(),
            self.degrade_box.isChecked(),
            self.preset(),
            self.init(),
            data=wizard.data,
        )
        crop, recipe = wizard.crop, self._recipe()
        gone = self.tr(
            "{folder} cannot be found any more (was its drive disconnected?). Reconnect it, "
            "or go Back and choose the folder again."
        ).format(folder=report.folder)
        job = Job(_material_work(state, report, crop, gone), "rekindle-prepare", self)
        job.progress.connect(self._on_progress)
        job.partial.connect(lambda event: self._on_prepare_event(report, state.data, event))
        job.succeeded.connect(lambda made: self._on_prepared(state, recipe, made))
        job.failed.connect(self._on_failed)
        job.ended.connect(self._on_prepare_ended)
        self._prepare_job = job
        self._forget_prepared()
        self.status.setStyleSheet("")
        self.status.setText(self._making_text(state.data))
        self._started = True
        self.bar.setValue(0)
        self.bar.show()
        self._prepare_clock.restart()
        self._set_choices_enabled(False)
        job.start()
        self.completeChanged.emit()

    def _making_text(self, data: str) -> str:
        """What the preparation is doing, by the kind of ``data`` it makes."""
        if data == PACK:
            return self.tr("Packing your photos…")
        return self.tr("Making the training pairs…")

    def _on_progress(self, event: ProgressEvent) -> None:
        """The share done, the photo being read (until the last one is done) and the time
        left, in the bar."""
        self.bar.setValue(round(event.fraction * BAR_STEPS))
        left = format_time_left(self._prepare_clock.remaining(event.fraction), event.fraction)
        if event.what and event.done < event.total:
            text = self.tr("%p% · {photo} · {left}").format(photo=in_bar(event.what), left=left)
        else:
            text = self.tr("%p% · {left}").format(left=left)
        self.bar.setFormat(text)
        self.bar.setAccessibleDescription(self.bar.text())

    def _on_prepare_event(self, scanned: ScanReport, data: str, event: object) -> None:
        """The folder changed since ``scanned``: say so while it is read again, then show the
        fresh scan on the first page (unless another folder was chosen there meanwhile) and
        go on making ``data``."""
        if isinstance(event, FolderChanged):
            self.status.setText(
                self.tr(
                    "Your folder changed since it was read (photos were added or taken away): "
                    "reading it again…"
                )
            )
        elif isinstance(event, ScanReport):
            source = self._wizard().source_page
            if source.report is scanned:
                source.take_scan(event)
            self.status.setText(self._making_text(data))

    def _on_prepared(self, state: RunState, recipe: Recipe, made: Made) -> None:
        """Keep the data made from ``recipe`` (its scan the one the data was made from);
        another folder chosen meanwhile discards it."""
        prepared = made.prepared
        self._wizard().run = state
        self.prepared = prepared
        self._prepared_from = (made.report, *recipe[1:])
        self.bar.setValue(BAR_STEPS)
        if prepared.pairs is None:
            text = self.tr(
                "{photos} photos packed: training cuts new crops from them at every step. "
                "Ready to train."
            )
        else:
            text = self.tr("{pairs} training pairs made from {photos} photos. Ready to train.")
        text = text.format(pairs=prepared.pairs, photos=prepared.photos)
        if made.report is not recipe[0]:
            text = (
                self.tr(
                    "Your folder had changed since it was read, so it was read again and the "
                    "photos kept aside to measure progress were chosen afresh."
                )
                + " "
                + text
            )
        self.status.setText(text)
        self._show_preview(prepared)
        self.discard_if_stale()

    def _on_failed(self, message: str) -> None:
        self.status.setStyleSheet(f"color: {theme.status_color('failure').name()}")
        if self._wizard().data == PACK:
            text = self.tr("The photos could not be packed: {reason}")
        else:
            text = self.tr("The pairs could not be made: {reason}")
        self.status.setText(text.format(reason=message))

    def _on_prepare_ended(self) -> None:
        self._prepare_job = None
        self.bar.hide()  # the status says what was made, or why not
        self.bar.setFormat("%p%")
        self.bar.setAccessibleDescription("")
        self._set_choices_enabled(True)
        self._update_start()
        if len(self.times) < len(self._preset_buttons):
            self._estimate()
        self.completeChanged.emit()
        self._say_if_idle()

    def _say_if_idle(self) -> None:
        if not self.busy():
            self.idle.emit()

    def _set_choices_enabled(self, enabled: bool) -> None:
        for widget in (self.options_group, self.prepare_button):
            widget.setEnabled(enabled)

    def _show_preview(self, prepared: Prepared) -> None:
        while self.preview_grid.count():
            item = self.preview_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for index, (blurry, sharp) in enumerate(prepared.preview):
            row, column = divmod(index, PREVIEW_COLUMNS)
            for offset, (picture, caption) in enumerate(
                ((blurry, self.tr("made blurry")), (sharp, self.tr("original")))
            ):
                image = QLabel()
                image.setPixmap(pixmap(picture, PREVIEW_SIDE, self.devicePixelRatioF()))
                image.setToolTip(caption)
                label = QLabel(caption)
                label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                self.preview_grid.addWidget(image, 2 * row, 2 * column + offset)
                self.preview_grid.addWidget(label, 2 * row + 1, 2 * column + offset)
        self.preview_grid.setColumnStretch(2 * PREVIEW_COLUMNS, 1)
        self.preview_group.setVisible(bool(prepared.preview))

    def busy(self) -> bool:
        """Whether pairs are being made or times measured (or a cancelled job of either is
        still returning)."""
        return self._prepare_job is not None or self._estimate_job is not None

    def cancel(self) -> None:
        """Cancel the jobs under way, for good (the wizard is closing); ``idle`` says when
        their threads have returned, a cancelled preparation's folder removed."""
        self.stop_estimating()
        if self._prepare_job is not None:
            self._prepare_job.cancel()
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Stopping…"))

    def stop(self) -> None:
        """Cancel the jobs under way and wait for their threads."""
        self.cancel()
        for job in (self._prepare_job, self._estimate_job):
            if job is not None:
                job.wait()

    # -- the wizard's rules ---------------------------------------------------------------

    def isComplete(self) -> bool:  # noqa: N802
        return (
            self.prepared is not None
            and self._prepared_from == self._recipe()
            and self._prepare_job is None
        )

    def validatePage(self) -> bool:  # noqa: N802
        """Record the preset and starting point the run trains with."""
        wizard = self._wizard()
        if wizard.run is None:
            return False
        wizard.run.preset = self.preset()
        wizard.run.init = self.init()
        wizard.run.save()
        self.stop_estimating()
        return True

    # -- looks ----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._set_icons()
        super().changeEvent(event)

    def _set_icons(self) -> None:
        self.prepare_button.setIcon(theme.icon(PREPARE_ICON, self.palette()))

    # -- language -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setTitle(self.tr("How to train"))
        self.setSubTitle(
            self.tr("Pick how long to train, then make the training pairs from your photos.")
        )
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Start Training"))
        self.preset_group.setTitle(self.tr("Training length"))
        for key, words in self._estimates_said.items():
            self._estimate_labels[key].setText(words.say())
        for key, button in self._preset_buttons.items():
            name, description = preset_texts(key)
            button.setText(name)
            button.setAccessibleDescription(description)
            self._descriptions[key].setText(description)
            self._descriptions[key].setVisible(bool(description))
        self.options_group.setTitle(self.tr("Options"))
        self.scale_label.setText(self.tr("Enlargement"))
        self.damage_label.setText(self.tr("Old-photo damage"))
        self.degrade_box.setText(self.tr("Learn to repair it"))
        self.degrade_note.setText(self.tr("Simulate grain, softness, print texture, JPEG and dust"))
        self.degrade_box.setToolTip(
            self.tr(
                "The blurry copies also get the damage of real old photos and films, so the "
                "model learns to repair it as well as to enlarge. Colours are left alone: Fix "
                "faded colours does that."
            )
        )
        self.start_label.setText(self.tr("Start from"))
        self.builtin_button.setText(self.tr("The built-in model (recommended)"))
        self.scratch_button.setText(self.tr("Scratch"))
        _level(self.damage_label, self.degrade_box)
        _level(self.start_label, self.builtin_button)
        self.prepare_button.setText(self.tr("Prepare Training Pairs"))
        if not self._started:
            self.status.setText(
                self.tr(
                    "Not prepared yet. Prepare Training Pairs makes them from your photos "
                    "with the options above; then Start Training begins."
                )
            )
        self.preview_group.setTitle(self.tr("A few of the pairs"))
        if self._built:
            self._update_start()
