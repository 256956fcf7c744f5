"""Page 3: the training itself, on a background thread, shown as it goes: live plots, a
before/after sample refreshed at each validation, time spent and left, Pause and Stop.

Stop (and closing the wizard) cancels through the trainer's token: the trainer then writes its
checkpoint and a usable model, and says so with a cancelled FinishedEvent.

Training begins once the preparation page's time estimate, cancelled by Start Training, has
returned: the two never share the device, which would slow both (and the time left would be
measured on slowed steps).
"""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.eta import format_duration, format_time_left
from app.jobs import Emit, Job, Work
from app.screen_fit import ScrollingArea
from app.wizard.page import WizardPage
from app.wizard.pictures import pixmap
from app.wizard.plots import TrainingPlots
from app.wizard.presets import default_preset, run_config
from engine.progress import Progress
from training.config import TrainingConfig
from training.events import FinishedEvent, StepEvent, ValidationEvent
from training.run_figures import Validation
from training.run_state import TRAINED, RunState
from training.run_training import Held, training_work
from training.step_clock import StepClock

BAR_STEPS = 1000
SAMPLE_SIDE = 136
SAMPLE_ROWS = 3


def _after(stopped: threading.Event, work: Work) -> Work:
    """``work``, begun once ``stopped`` is set (on the job's thread, so the window never
    waits)."""

    def waiting(progress: Progress, emit: Emit) -> object:
        stopped.wait()
        return work(progress, emit)

    return waiting


def _next_check(config: TrainingConfig, step: int) -> int:
    """The step of the first validation after ``step``: the next multiple of
    ``validate_every``, or the run's last step (validated too), whichever comes first."""
    return min((step // config.validate_every + 1) * config.validate_every, config.total_steps)


class TrainingPage(WizardPage):
    """Runs the training and shows it; complete once the trainer has written its model."""

    finished = Signal(object)  # FinishedEvent

    def __init__(self) -> None:
        super().__init__()
        self.job: Job | None = None
        self.outcome: FinishedEvent | None = None
        self.last_validation: ValidationEvent | None = None
        self.steps_seen = 0
        self.held = False  # paused, and the worker is waiting (no step is under way)
        self._clock: StepClock | None = None
        self._first_check: int | None = None  # the step of the run's first validation
        self._last_step: StepEvent | None = None

        self.phase_label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.time_label = QLabel()
        self.pause_button = QPushButton()
        self.pause_button.setCheckable(True)
        self.stop_button = QPushButton()
        controls = QHBoxLayout()
        controls.addWidget(self.bar, 1)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.stop_button)

        self.plots = TrainingPlots()
        self.samples_group = QGroupBox()
        self.samples_grid = QGridLayout(self.samples_group)
        self.sample_headers = [QLabel() for _ in range(3)]
        for column, header in enumerate(self.sample_headers):
            header.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.samples_grid.addWidget(header, 0, column)
        self.sample_labels = [[QLabel() for _ in range(3)] for _ in range(SAMPLE_ROWS)]
        for row, labels in enumerate(self.sample_labels):
            for column, label in enumerate(labels):
                label.setFixedSize(SAMPLE_SIDE, SAMPLE_SIDE)
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                label.setVisible(row == 0)  # more rows as samples come
                self.samples_grid.addWidget(label, row + 1, column)
        self.figures_label = QLabel()
        self.figures_label.setWordWrap(True)
        self.samples_grid.addWidget(self.figures_label, SAMPLE_ROWS + 2, 0, 1, 3)

        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.samples_group.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        side = QVBoxLayout()
        side.addWidget(self.samples_group)
        side.addWidget(self.help_label)
        side.addStretch(1)
        body = QWidget()
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.plots, 1)
        body_layout.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.phase_label)
        layout.addLayout(controls)
        layout.addWidget(self.time_label)
        layout.addWidget(ScrollingArea(body), 1)  # on a small screen it scrolls, not the buttons

        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.stop_button.clicked.connect(self.stop)
        self._retranslate()

    # -- running --------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802
        state = self._wizard().run
        if state is None:
            return
        if state.stage == TRAINED and state.model_path.is_file():
            self.outcome = FinishedEvent(state.step, state.model_path, False)
            self._show_outcome()
            return
        self.start(state)

    def _config(self, state: RunState) -> TrainingConfig:
        """The checkpoint's config when continuing, else the preset's for the chosen scale."""
        if state.config is not None:
            return TrainingConfig.from_dict(state.config)
        presets = self._wizard().presets
        preset = presets.get(state.preset) or presets[default_preset(presets)]
        return run_config(preset, state.scale, state.degrade, state.data)

    def start(self, state: RunState) -> None:
        wizard = self._wizard()
        config = self._config(state)
        times = wizard.preparation_page.times.get(state.preset)
        ratio = times.gan / times.warmup if times is not None and times.warmup > 0 else None
        self._clock = StepClock.for_run(config, ratio)
        self._clock.step = state.step
        self._first_check = _next_check(config, state.step)
        work = training_work(state, config, wizard.device)
        job = Job(
            _after(wizard.preparation_page.measuring_stopped, work), "rekindle-training", self
        )
        job.partial.connect(self._on_event)
        job.failed.connect(self._on_failed)
        job.ended.connect(self._on_ended)
        self.job = job
        self.outcome = None
        self.pause_button.setChecked(False)
        self._set_running(True)
        self._show_progress()
        self.phase_label.setText(self.tr("Getting ready…"))
        job.start()
        self.completeChanged.emit()

    def running(self) -> bool:
        """Whether the worker thread is still training (or finishing after a stop)."""
        return self.job is not None and self.job.is_running()

    def stop(self) -> None:
        """Ask the trainer to stop after the current step; it keeps a usable model."""
        if self.job is not None:
            self.job.cancel()  # a paused run wakes to stop
            self.phase_label.setText(self.tr("Stopping after this step and saving the model…"))
            self._set_running(False)
            self._show_progress()

    def wait(self) -> None:
        """Block until the worker has returned (after ``stop``)."""
        if self.job is not None:
            self.job.wait()

    def _on_pause_toggled(self, paused: bool) -> None:
        if self.job is None:
            return
        if paused:
            self.job.token.pause()
        else:
            self.held = False
            self.job.token.resume()
        self._retranslate_buttons()
        self._show_phase()

    def _set_running(self, running: bool) -> None:
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)

    # -- events ---------------------------------------------------------------------------

    def _on_event(self, event: object) -> None:
        if isinstance(event, list):
            self._on_steps(event)
        elif isinstance(event, ValidationEvent):
            self._on_validation(event)
        elif isinstance(event, Held):
            self.held = self.job is not None and self.job.token.paused
            self._show_phase()
        elif isinstance(event, FinishedEvent):
            self.outcome = event

    def _on_steps(self, events: list[StepEvent]) -> None:
        self.steps_seen += len(events)
        self.plots.add_steps(events)
        if self._clock is not None:
            for event in events:
                self._clock.observe(event)
        self._last_step = events[-1]
        self._show_phase()
        self._show_progress()

    def _on_validation(self, event: ValidationEvent) -> None:
        """The figures follow every validation, replayed ones too (the latest comes last); a
        replayed one has no samples, so the samples on show stay."""
        self.plots.add_validation(Validation.of_event(event))
        self.last_validation = event
        if event.samples:
            self._show_samples(event.samples)
        self._show_figures()

    def _show_samples(self, samples: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> None:
        for row, labels in enumerate(self.sample_labels):
            shown = row < len(samples) or row == 0
            for column, label in enumerate(labels):
                label.setVisible(shown)
                if row < len(samples):
                    label.setPixmap(
                        pixmap(samples[row][column], SAMPLE_SIDE, label.devicePixelRatioF())
                    )

    def _on_failed(self, message: str) -> None:
        self.phase_label.setStyleSheet(f"color: {theme.status_color('failure').name()}")
        self.phase_label.setText(self.tr("Training failed: {reason}").format(reason=message))

    def _on_ended(self) -> None:
        self.job = None
        self.held = False
        self._set_running(False)
        self.pause_button.setChecked(False)
        self._show_progress()
        wizard = self._wizard()
        if wizard.run is not None:
            wizard.run = RunState.load(wizard.run.folder)
        if self.outcome is not None:
            self._show_outcome()
            self.finished.emit(self.outcome)
        self.completeChanged.emit()

    # -- showing --------------------------------------------------------------------------

    def _show_phase(self) -> None:
        event = self._last_step
        if self.job is None or event is None:
            return
        if self.held:
            text = self.tr("Paused at step {step} of {total}. Resume when you are ready.")
        elif self.job.token.paused:
            text = self.tr("Pausing after the current step…")
        elif event.phase == "warmup":
            text = self.tr("Step {step} of {total}: learning to enlarge your photos faithfully")
        else:
            text = self.tr(
                "Step {step} of {total}: learning fine detail, judged by a critic network"
            )
        self.phase_label.setText(text.format(step=event.step, total=event.total_steps))

    def _show_progress(self) -> None:
        clock = self._clock
        if clock is None:
            return
        done = clock.step / max(clock.total_steps, 1)
        self.bar.setValue(round(done * BAR_STEPS))
        elapsed = format_duration(clock.elapsed)
        if self._estimating():
            text = self.tr("Training time {elapsed} · {left}").format(
                elapsed=elapsed, left=format_time_left(clock.time_left(), done)
            )
        else:
            text = self.tr("Training time {elapsed}").format(elapsed=elapsed)
        self.time_label.setText(text)
        self._show_first_check()

    def _estimating(self) -> bool:
        """Whether a time left means anything: not once the run is stopping or has ended."""
        return self.job is not None and not self.job.token.cancelled

    def _show_figures(self) -> None:
        event = self.last_validation
        if event is None:
            self._show_first_check()
            return
        figures = Validation.of_event(event)
        self.figures_label.setText(
            self.tr(
                "Step {step}: your model {psnr} dB, a simple enlargement (bicubic) "
                "{bicubic} dB. Higher is closer to the original."
            ).format(
                step=figures.step,
                psnr=figures.yours.psnr_text(),
                bicubic=figures.bicubic.psnr_text(),
            )
        )

    def _show_first_check(self) -> None:
        """Until the first validation, its place says when it comes, with the time left."""
        if self.last_validation is None:
            self.figures_label.setText(self._first_check_text())

    def _first_check_text(self) -> str:
        """When the first validation comes: its step, and the time until then once the step
        clock can tell it (empty before the run starts)."""
        step, clock = self._first_check, self._clock
        if step is None or clock is None:
            return ""
        left = clock.time_to(step) if self._estimating() and clock.step < step else None
        if left is None:
            return self.tr("The first check comes at step {step}.").format(step=step)
        return self.tr("The first check comes at step {step}, in about {duration}.").format(
            step=step, duration=format_duration(left)
        )

    def _show_outcome(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return
        self.phase_label.setStyleSheet("")
        if outcome.cancelled:
            text = self.tr("Stopped at step {step}. The model as it is now has been kept.")
        else:
            text = self.tr("Training finished after {step} steps.")
        self.phase_label.setText(text.format(step=outcome.step) + " " + self.tr("Click Next."))
        if not outcome.cancelled:
            self.bar.setValue(BAR_STEPS)

    def isComplete(self) -> bool:  # noqa: N802
        return self.outcome is not None and self.job is None

    # -- language -------------------------------------------------------------------------

    def _retranslate_buttons(self) -> None:
        self.pause_button.setText(
            self.tr("Resume") if self.pause_button.isChecked() else self.tr("Pause")
        )

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Training"))
        self.setSubTitle(
            self.tr(
                "You can pause at any time, or stop: the model is kept either way. Closing "
                "the window keeps the progress too, to continue later."
            )
        )
        self._retranslate_buttons()
        self.stop_button.setText(self.tr("Stop"))
        self.samples_group.setTitle(self.tr("Before and after, on photos kept aside"))
        self.help_label.setText(
            self.tr(
                "<p><b>How to read the plots.</b> The <i>content loss</i> measures how far the "
                "model's enlargements are from your originals: it should go down.</p>"
                "<p>After the warm-up a second network, the critic, learns to tell your "
                "originals (D(real)) from the model's work (D(fake)), while the model learns "
                "to fool it. When both hover around 0.5, the contest is balanced: that is "
                "what you want.</p>"
                "<p><i>PSNR</i> compares the model's enlargements of photos it never trained "
                "on with the originals: above the grey bicubic line is better than a simple "
                "enlargement.</p>"
            )
        )
        for header, text in zip(
            self.sample_headers,
            (self.tr("Simple enlargement"), self.tr("Your model"), self.tr("Original")),
            strict=True,
        ):
            header.setText(text)
        self._show_figures()
        self._show_phase()
        self._show_progress()
        self._show_outcome()
