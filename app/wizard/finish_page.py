"""Page 4: name the model and keep it. It is saved in the user's models folder, with the name
shown in the model list, and its figures are shown beside bicubic's and the built-in model's,
all on the same held-out photos (the built-in one measured in the background when the page
opens), with a verdict in plain words: when the new model does not beat the built-in one,
the page says so and why, recommends keeping the built-in one, and saving becomes
"Save Anyway"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWizard,
)

from app import theme
from app.jobs import Job
from app.wizard.page import WizardPage
from app.wizard.presets import builtin_start
from app.wizard.verdict import RunFacts, Verdict, run_facts, verdict
from engine.errors import RekindleError
from training.run_figures import Figures
from training.run_scores import Comparison, compare
from training.run_state import publish_run_model

MISSING = "—"
ROWS = ("bicubic", "builtin", "yours")


class FinishPage(WizardPage):
    """Names and saves the model; ``saved_path`` is where it went."""

    scored = Signal()
    """The figures and the verdict are shown (or why they could not be measured)."""

    def __init__(self) -> None:
        super().__init__()
        self.saved_path: Path | None = None
        self.comparison: Comparison | None = None
        self.verdict: Verdict | None = None
        self._facts: RunFacts | None = None
        self._job: Job | None = None

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name_edit)  # a screen reader names the field by it
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        self.figures_group = QGroupBox()
        grid = QGridLayout(self.figures_group)
        grid.setHorizontalSpacing(32)
        self.psnr_header, self.ssim_header = QLabel(), QLabel()
        grid.addWidget(self.psnr_header, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.ssim_header, 0, 2, Qt.AlignmentFlag.AlignRight)
        self.row_labels = {key: QLabel() for key in ROWS}
        self.value_labels = {key: (QLabel(MISSING), QLabel(MISSING)) for key in ROWS}
        for row, key in enumerate(ROWS, start=1):
            grid.addWidget(self.row_labels[key], row, 0)
            for column, label in enumerate(self.value_labels[key], start=1):
                grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight)
        bold = self.font()
        bold.setBold(True)
        for label in (self.row_labels["yours"], *self.value_labels["yours"]):
            label.setFont(bold)
        grid.setColumnStretch(3, 1)
        self.figures_note = QLabel()
        self.figures_note.setWordWrap(True)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.figures_group)
        layout.addWidget(self.figures_note)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self._retranslate()

    # -- showing --------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802
        state = self._wizard().run
        if state is None:
            return
        if not self.name_edit.text():
            folder = Path(state.source).name or self.tr("My photos")
            self.name_edit.setText(f"{folder} {state.scale}×")
        self._describe()
        self.comparison, self._facts = None, None
        self._fill_table()
        self._show_verdict()
        builtin = builtin_start(state.scale, state.degrade)
        device = self._wizard().device
        presets = self._wizard().presets
        job = Job(
            lambda progress, _emit: (
                compare(
                    state.val_dir,
                    state.scale,
                    state.model_path,
                    builtin,
                    device,
                    progress,
                    state.recipe,
                ),
                run_facts(state, presets),
            ),
            "rekindle-score",
            self,
        )
        job.succeeded.connect(self._on_scored)
        job.failed.connect(lambda message: self.figures_note.setText(message))
        job.ended.connect(self._on_scoring_ended)
        self._job = job
        job.start()
        self._describe_figures()

    def scoring(self) -> bool:
        return self._job is not None

    def stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job.wait()

    def _on_scored(self, result: tuple[Comparison, RunFacts]) -> None:
        self.comparison, self._facts = result
        self._fill_table()
        self._show_verdict()

    def _on_scoring_ended(self) -> None:
        self._job = None
        self._describe_figures()
        self.scored.emit()

    def _describe(self) -> None:
        state = self._wizard().run if self.wizard() is not None else None
        if state is None:
            return
        if state.step < state.total_steps:
            text = self.tr(
                "Training stopped at step {step} of {total}. The model is usable as it is; "
                "save it now, or close this window with Cancel and continue training later."
            )
        else:
            text = self.tr("Training is complete ({total} steps). Give your model a name.")
        self.summary.setText(text.format(step=state.step, total=state.total_steps))

    def _fill_table(self) -> None:
        comparison = self.comparison
        rows: dict[str, Figures | None] = {
            "bicubic": comparison.bicubic if comparison else None,
            "builtin": comparison.builtin if comparison else None,
            "yours": comparison.yours if comparison else None,
        }
        for key in ROWS:
            figures = rows[key]
            values = (figures.psnr_text(), figures.ssim_text()) if figures else (MISSING, MISSING)
            for label, value in zip(self.value_labels[key], values, strict=True):
                label.setText(value)

    def _describe_figures(self) -> None:
        state = self._wizard().run if self.wizard() is not None else None
        if self._job is not None:
            text = self.tr("Measuring the built-in model on your held-out photos…")
        elif self.comparison is None:
            return
        elif self.comparison.builtin is None:
            text = self.tr(
                "No built-in {scale}× model is installed to compare with. Figures are measured "
                "on the photos kept aside; higher is closer to the originals."
            ).format(scale=state.scale if state else 4)
        else:
            text = self.tr(
                "Both models are measured on the same photos kept aside from training; higher "
                "is closer to the originals."
            )
        self.figures_note.setText(text)

    def _show_verdict(self) -> None:
        """The verdict in the current language; a model that does not win is saved only by
        "Save Anyway", which Enter does not press."""
        if self.comparison is None or self._facts is None:
            self.verdict = None
        else:
            self.verdict = verdict(self.comparison, self._facts)
        beats = self.verdict is None or self.verdict.beats
        self.verdict_label.setText(self.verdict.text if self.verdict else "")
        color = theme.status_color("success" if beats else "failure").name()
        self.verdict_label.setStyleSheet(f"color: {color}")
        self.setButtonText(
            QWizard.WizardButton.FinishButton,
            self.tr("Save Model") if beats else self.tr("Save Anyway"),
        )
        wizard = self.wizard()
        if wizard is not None:
            wizard.setOption(QWizard.WizardOption.NoDefaultButton, not beats)
            wizard.button(QWizard.WizardButton.FinishButton).setDefault(beats)

    # -- saving ---------------------------------------------------------------------------

    def model_name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.model_name())

    def validatePage(self) -> bool:  # noqa: N802
        """Save the model under its name; the run's working folder is no longer needed."""
        state = self._wizard().run
        if state is None:
            return False
        self.stop()
        name = self.model_name()
        try:
            target = publish_run_model(state, name)
        except (RekindleError, OSError) as error:
            self.error_label.setStyleSheet(f"color: {theme.status_color('failure').name()}")
            self.error_label.setText(
                self.tr("The model could not be saved: {reason}").format(reason=error)
            )
            return False
        state.discard_in_background()
        self.saved_path = target
        self._wizard().model_saved.emit(target)
        return True

    # -- language -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Your model"))
        self.setSubTitle(
            self.tr("It will appear in the model list of the main window, selected, ready to use.")
        )
        self.name_label.setText(self.tr("Name"))
        self.figures_group.setTitle(self.tr("How close to the originals"))
        self.psnr_header.setText(self.tr("PSNR (dB)"))
        self.ssim_header.setText(self.tr("SSIM"))
        self.row_labels["bicubic"].setText(self.tr("Simple enlargement (bicubic)"))
        self.row_labels["builtin"].setText(self.tr("Built-in model"))
        self.row_labels["yours"].setText(self.tr("Your model"))
        self._show_verdict()
        if self.wizard() is not None:
            self._describe()
            self._describe_figures()
