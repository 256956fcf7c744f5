"""Page 1: a welcome saying what training does, what it needs and how long it takes; then the
folder of good photos, scanned off the UI thread, with what it will give.

The page is complete only when the scan found at least one photo large enough; otherwise it
says why nothing can be used. What was left out is counted, and listed with why under a
disclosure, closed at first. An unfinished earlier run is offered for continuing here,
unless another Rekindle trains it right now.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from app import theme
from app.bar_text import in_bar
from app.i18n import engine_words
from app.jobs import Job
from app.wizard.page import WizardPage
from engine.progress import ProgressEvent
from training.folder_scan import ScanReport, scan_folder
from training.material import CROPS_PER_IMAGE
from training.prepare import names_below
from training.run_state import PACK, TRAINED, RunState, trained_by

BAR_STEPS = 1000
FEW_PHOTOS = 5
DETAILS_LINES = 8
"""The height of the list of what was left out, in lines; a longer one scrolls."""
POINT_ICONS = ("mdi6.school-outline", "mdi6.folder-image", "mdi6.timer-outline")
"""The icons beside the welcome's points: what training does, what it needs, how long."""
POINT_ICON_SIDE = 28


class SourcePage(WizardPage):
    """Choose the folder; see how many photos qualify and how many pairs they make."""

    continue_requested = Signal(object)  # the RunState to continue
    discard_requested = Signal(object)

    def __init__(self, crop: int) -> None:
        super().__init__()
        self._crop = crop
        self.report: ScanReport | None = None
        self._job: Job | None = None
        self._unfinished: RunState | None = None
        self._trainer: str | None = None  # who else trains the unfinished run, if anyone

        self.resume_frame = QFrame()
        self.resume_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.continue_button = QPushButton()
        self.discard_button = QPushButton()
        resume_layout = QHBoxLayout(self.resume_frame)
        resume_layout.addWidget(self.resume_label, 1)
        resume_layout.addWidget(self.continue_button)
        resume_layout.addWidget(self.discard_button)
        self.resume_frame.hide()

        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.choose_button = QPushButton()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.details_button = QToolButton()
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.hide()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        line = self.details.fontMetrics().lineSpacing()
        self.details.setFixedHeight(DETAILS_LINES * line + 2 * self.details.frameWidth() + 8)
        self.details.hide()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.point_icons = [QLabel() for _ in POINT_ICONS]
        self.points = [QLabel() for _ in POINT_ICONS]
        welcome = QGridLayout()
        welcome.setHorizontalSpacing(12)
        welcome.setVerticalSpacing(14)
        welcome.setColumnStretch(1, 1)
        for row, (icon, point) in enumerate(zip(self.point_icons, self.points, strict=True)):
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            point.setWordWrap(True)
            welcome.addWidget(icon, row, 0)
            welcome.addWidget(point, row, 1)
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.resume_frame)
        layout.addLayout(welcome)
        layout.addSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        layout.addWidget(self.explanation)
        layout.addStretch(1)

        self.choose_button.clicked.connect(self._choose)
        self.details_button.toggled.connect(self._show_details)
        self.continue_button.clicked.connect(lambda: self.continue_requested.emit(self._unfinished))
        self.discard_button.clicked.connect(lambda: self.discard_requested.emit(self._unfinished))
        self._retranslate()
        self._set_icons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._set_icons()
        super().changeEvent(event)

    def _set_icons(self) -> None:
        """The welcome's icons in the palette's colours."""
        for label, name in zip(self.point_icons, POINT_ICONS, strict=True):
            label.setPixmap(theme.icon(name, self.palette()).pixmap(POINT_ICON_SIDE))

    # -- the earlier run ------------------------------------------------------------------

    def offer_unfinished(self, state: RunState | None) -> None:
        """Offer ``state`` to continue or discard; a run another process trains now is only
        described (asked here, before this wizard trains: its own training holds the run
        too)."""
        self._unfinished = state
        self._trainer = None if state is None else trained_by(state)
        self.resume_frame.setVisible(state is not None)
        self.continue_button.setVisible(self._trainer is None)
        self.discard_button.setVisible(self._trainer is None)
        self._describe_unfinished()

    def _describe_unfinished(self) -> None:
        state = self._unfinished
        if state is None:
            return
        if self._trainer is not None:
            text = self.tr(
                "This run, on {folder}, is being trained now by {holder}; wait for it to "
                "finish or stop it."
            ).format(folder=state.source, holder=engine_words(self._trainer))
        elif state.stage == TRAINED:
            text = self.tr(
                "A training on {folder} is complete but its model has not been saved. "
                "Continue to name and save it, or discard it?"
            ).format(folder=state.source)
        elif state.step:
            text = self.tr(
                "A training on {folder} stopped at step {step} of {total}. Continue it, or "
                "discard it? (Starting a new one also discards it.)"
            ).format(folder=state.source, step=state.step, total=state.total_steps)
        elif state.data == PACK:
            text = self.tr(
                "The photos from {folder} are packed but training has not started. "
                "Continue, or discard them? (Starting a new one also discards them.)"
            ).format(folder=state.source)
        else:
            text = self.tr(
                "Training pairs from {folder} are ready but training has not started. "
                "Continue, or discard them? (Starting a new one also discards them.)"
            ).format(folder=state.source)
        self.resume_label.setText(text)

    # -- the folder -----------------------------------------------------------------------

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of good photos"), self.folder_edit.text()
        )
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        """Scan ``folder`` in the background (a scan under way is cancelled)."""
        self.stop()
        self.folder_edit.setText(str(folder))
        self.report = None
        self.summary.clear()
        self.explanation.clear()
        self.details_button.hide()
        self.details_button.setChecked(False)
        self.bar.setValue(0)
        self.bar.show()
        crop = self._crop
        job = Job(lambda progress, _emit: scan_folder(folder, crop, progress), "rekindle-scan")
        job.progress.connect(self._on_progress)
        job.succeeded.connect(self.take_scan)
        job.failed.connect(self._on_failed)
        job.ended.connect(lambda: self.bar.hide() if job is self._job else None)
        self._job = job
        job.start()
        self.completeChanged.emit()

    def stop(self) -> None:
        """Cancel a scan under way and wait for its thread."""
        if self._job is not None:
            self._job.cancel()
            self._job.wait()
            self._job = None

    def _on_progress(self, event: ProgressEvent) -> None:
        self.bar.setValue(round(event.fraction * BAR_STEPS))
        what = event.what
        self.bar.setFormat(
            self.tr("Looking at {name}…").format(name=in_bar(what)) if what else "%p%"
        )

    def take_scan(self, report: ScanReport) -> None:
        """Show ``report``, the folder's scan: this page's, or the one the preparation page
        makes when the folder changed since."""
        self.report = report
        self._wizard().choose_data(report.decoded_bytes())
        self._wizard().preparation_page.discard_if_stale()
        self._show_report()
        self.completeChanged.emit()

    def _on_failed(self, message: str) -> None:
        self._explain(self.tr("The folder could not be read: {reason}").format(reason=message))

    def _show_report(self) -> None:
        report = self.report
        if report is None:
            return
        usable = len(report.qualifying)
        self.summary.setText(
            self.tr(
                "Photos large enough to learn from (at least {crop} pixels on the shorter side): "
                "<b>{usable}</b><br>Too small: {small} · Could not be read: {unreadable} · "
                "Duplicates: {duplicates} · Rekindle's results: {results}"
            ).format(
                crop=report.crop,
                usable=usable,
                small=len(report.too_small),
                unreadable=len(report.unreadable),
                duplicates=len(report.duplicates),
                results=len(report.results),
            )
        )
        self.details.setPlainText(self._left_out_text(report))
        self.details_button.setVisible(bool(self.details.toPlainText()))
        if not report.found:
            self._explain(
                self.tr(
                    "There are no photos in this folder or its subfolders (Rekindle reads JPEG, "
                    "PNG, TIFF, WebP, BMP, HEIC and DPX). Choose another folder."
                )
            )
        elif not usable:
            text = self.tr(
                "None of these photos can be used: training needs photos at least {crop} "
                "pixels on their shorter side that can be read. Choose a folder of larger "
                "scans or photos."
            ).format(crop=report.crop)
            if report.results:
                text += " " + self.tr(
                    "Photos Rekindle restored are left out: a model learns nothing from its "
                    "own results."
                )
            self._explain(text)
        else:
            text = self._material_text(report)
            if usable == 1:
                text += " " + self.tr(
                    "With a single photo, progress is measured on the photo the model learns "
                    "from, so the figures will look better than they are."
                )
            elif usable < FEW_PHOTOS:
                text += " " + self.tr("With so few photos the model can only learn a little.")
            self.explanation.setStyleSheet("")
            self.explanation.setText(text)

    def _left_out_text(self, report: ScanReport) -> str:
        """Each photo and folder the scan left out, under why, named below the folder chosen
        (one that could not be read by the sentence saying why); empty if none was."""
        below = partial(names_below, report.folder)
        groups = (
            (
                self.tr("Too small (under {crop} pixels on the shorter side):").format(
                    crop=report.crop
                ),
                below(report.too_small),
            ),
            (
                self.tr("Could not be read:"),
                [engine_words(why) for _path, why in report.unreadable],
            ),
            (self.tr("Duplicates (each photo is used once):"), below(report.duplicates)),
            (self.tr("Rekindle's results (not learned from):"), below(report.results)),
            (self.tr("Prepared training data (crops, not photos):"), below(report.datasets)),
        )
        return "\n\n".join(
            "\n".join([heading, *(f"    {name}" for name in names)])
            for heading, names in groups
            if names
        )

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def _material_text(self, report: ScanReport) -> str:
        """What the photos give the run: pairs, or for a pack the photos crops are cut from."""
        if self._wizard().data == PACK:
            text = self.tr(
                "Training learns from <b>{photos}</b> photos, cutting new crops from them at "
                "every step. Photos kept aside to measure progress: {held}."
            )
        else:
            text = self.tr(
                "That makes <b>{pairs}</b> training pairs. Photos kept aside to measure "
                "progress: {held}."
            )
        return text.format(
            pairs=report.pair_count(CROPS_PER_IMAGE),
            photos=len(report.kept()),
            held=len(report.held_out()),
        )

    def _explain(self, text: str) -> None:
        self.explanation.setStyleSheet(f"color: {theme.status_color('failure').name()}")
        self.explanation.setText(text)

    def isComplete(self) -> bool:  # noqa: N802
        return self.report is not None and bool(self.report.qualifying)

    # -- language -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Train Rekindle on your photos"))
        self.setSubTitle(
            self.tr("Rekindle learns from good, sharp photos what your old ones should look like.")
        )
        points = (
            self.tr(
                "<b>What training does</b><br>It makes a model of your own: Rekindle studies "
                "your good photos and learns to restore and enlarge photos like them. The new "
                "model joins the built-in ones in the main window."
            ),
            self.tr(
                "<b>What you need</b><br>A folder of your own good, sharp photos, similar to "
                "the ones you want to restore: the same kind of subjects, cameras or film. The "
                "more photos, the more it learns."
            ),
            self.tr(
                "<b>How long it takes</b><br>From a few minutes to several hours, by the "
                "training length you pick and your computer: the next page measures it before "
                "you start. You can pause, or close this window and continue later."
            ),
        )
        for label, text in zip(self.points, points, strict=True):
            label.setText(text)
        self.intro.setText(
            self.tr(
                "Choose the folder of good photos. Subfolders are included; nothing in the "
                "folder is changed."
            )
        )
        self.folder_edit.setPlaceholderText(self.tr("No folder chosen"))
        self.folder_edit.setAccessibleName(self.tr("Folder of good photos"))
        self.choose_button.setText(self.tr("Choose Folder…"))
        self.details_button.setText(self.tr("Details"))
        self.details.setAccessibleName(self.tr("Photos and folders left out, with why"))
        self.continue_button.setText(self.tr("Continue Training"))
        self.discard_button.setText(self.tr("Discard"))
        self._describe_unfinished()
        self._show_report()
