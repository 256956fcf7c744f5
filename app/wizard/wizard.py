"""Tools > Train on my collection: a wizard that makes a model from a person's own photos.

Pages: the folder (scanned), how to train (training data made: pairs, or a pack of the photos
when training runs on a CUDA GPU), training (live), the model (named and saved). All work runs
on background threads; this class wires the pages together, keeps the run's state, offers to
continue an unfinished run, and makes closing during training ask first and then stop cleanly,
keeping the checkpoint. Closing while the training data is made or times are measured cancels
them, and the window closes once their threads have returned (it never waits on them blocked).
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from app import theme
from app.screen_fit import fitted_size
from app.settings import AppSettings
from app.wizard.finish_page import FinishPage
from app.wizard.preparation_page import PreparationPage
from app.wizard.presets import CROP, PRESETS
from app.wizard.source_page import SourcePage
from app.wizard.training_page import TrainingPage
from engine.devices import pick_device
from engine.errors import RekindleError
from training.config import TrainingConfig
from training.run_state import (
    PREPARED,
    TRAINING,
    RunState,
    data_for,
    trained_by,
    unfinished_run,
)

SOURCE, PREPARATION, TRAINING_PAGE, FINISH = range(4)
SIZE = (1280, 840)
QT_BUTTON_TEXTS = {
    QWizard.WizardButton.BackButton: "< &Back",
    QWizard.WizardButton.NextButton: "&Next >",
    QWizard.WizardButton.FinishButton: "&Finish",
    QWizard.WizardButton.CancelButton: "Cancel",
}
"""QWizard's own texts for its buttons in the classic style, translated by Qt's catalogue
(context "QWizard"): it sets them once, when it is made, and not again as the language
changes."""


def _training_device(choice: str) -> torch.device:
    """The device ``choice`` trains on; the CPU where it cannot be had (training then says
    why, as soon as it starts)."""
    try:
        return pick_device(choice)
    except RekindleError:
        return torch.device("cpu")


class TrainingWizard(QWizard):
    """``presets`` and ``crop`` default to the app's own; tests pass tiny ones. ``data``
    (``training.run_state``'s PAIRS or PACK) is what a new run trains from: by default what
    suits the training device and, once the folder is read, the photos' size (``data_for``);
    tests force a pack on the CPU."""

    model_saved = Signal(object)  # Path of the saved model file

    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        presets: Mapping[str, TrainingConfig] | None = None,
        crop: int = CROP,
        data: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.presets = dict(presets or PRESETS)
        self.crop = crop
        self.device = settings.device
        self.training_device = _training_device(self.device)
        self._data_forced = data is not None
        self.data = data or data_for(self.training_device)
        self.run: RunState | None = None
        self._close_when_stopped = False

        self.source_page = SourcePage(crop)
        self.preparation_page = PreparationPage()
        self.training_page = TrainingPage()
        self.finish_page = FinishPage()
        for page_id, page in enumerate(
            (self.source_page, self.preparation_page, self.training_page, self.finish_page)
        ):
            self.setPage(page_id, page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setWindowIcon(theme.app_icon())
        self.resize(fitted_size(SIZE, self.screen().availableGeometry().size()))

        self.source_page.continue_requested.connect(self.continue_run)
        self.source_page.discard_requested.connect(self._discard_unfinished)
        self.training_page.finished.connect(self._close_if_stopped)
        self.preparation_page.idle.connect(self._close_if_stopped)
        self.source_page.offer_unfinished(unfinished_run())
        self._retranslate()

    # -- runs -----------------------------------------------------------------------------

    def choose_data(self, decoded_bytes: int) -> None:
        """What a new run trains from, now that the photos' size is known: a collection too
        large for the GPU's memory is made into pairs (unless the data was forced)."""
        if not self._data_forced:
            self.data = data_for(self.training_device, decoded_bytes)

    def continue_run(self, state: RunState) -> None:
        """Go straight to where ``state`` stopped: training, or naming the model."""
        self.run = state
        self.source_page.stop()
        resume_at = TRAINING_PAGE if state.stage in (PREPARED, TRAINING) else FINISH
        self.setStartId(resume_at)
        self.restart()

    def _discard_unfinished(self, state: RunState) -> None:
        """Discard the run offered, unless another process began training it since: then it
        is described as that process's."""
        if trained_by(state) is not None:
            self.source_page.offer_unfinished(state)
            return
        state.discard_in_background()
        self.source_page.offer_unfinished(None)

    def discard_run(self) -> None:
        """Forget the run being prepared in this wizard and remove its folder (deleted on a
        thread: the window never waits on gigabytes of training data)."""
        run = self.forget_run()
        if run is not None:
            run.discard_in_background()

    def forget_run(self) -> RunState | None:
        """Forget the run being prepared in this wizard (a new one replaces it, which removes
        its folder); return it."""
        run, self.run = self.run, None
        self.source_page.offer_unfinished(None)
        return run

    # -- closing --------------------------------------------------------------------------

    def is_training(self) -> bool:
        return self.training_page.running()

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: training asks first, then stops cleanly
        (the checkpoint is kept, to continue later); making the training data or measuring
        times is cancelled. The window closes once the work has stopped."""
        if self._close_when_stopped:
            return
        if self.is_training():
            if not self.confirm_stop():
                return
            self._close_when_stopped = True
            self.training_page.stop()
            return
        if self.preparation_page.busy():
            self._close_when_stopped = True
            self.preparation_page.cancel()
            return
        self.stop_jobs()
        super().reject()

    def _close_if_stopped(self) -> None:
        """Close the window asked to close, once training and the preparation page's jobs
        have stopped."""
        stopped = not self.is_training() and not self.preparation_page.busy()
        if self._close_when_stopped and stopped:
            self._close_when_stopped = False
            super().reject()

    def confirm_stop(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Stop training?"),
            self.tr(
                "Training is under way. Stop it now? Its progress is kept: open this wizard "
                "again to continue where it stopped."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def stop_jobs(self) -> None:
        """Cancel every background job and wait for its thread (training keeps its model)."""
        self.source_page.stop()
        self.preparation_page.stop()
        self.finish_page.stop()
        if self.is_training():
            self.training_page.stop()
            self.training_page.wait()

    def done(self, result: int) -> None:
        self.stop_jobs()
        super().done(result)

    # -- language -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Train on My Collection"))
        for button, text in QT_BUTTON_TEXTS.items():
            self.setButtonText(button, QCoreApplication.translate("QWizard", text))
