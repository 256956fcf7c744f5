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
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QStyle, QWidget, QWizard

from app import theme
from app.screen_fit import fitted_size
from app.settings import AppSettings
from app.wizard.finish_page import FinishPage
from app.wizard.page import preferred_height, settle_layouts
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
"""The training page's designed size: room for its four plots beside the samples."""
SETUP_WIDTH = 960
"""The width of the other pages, as tall as their contents: choices and texts, without an
empty window round them."""
BUTTON_ICONS = {
    QWizard.WizardButton.BackButton: "mdi6.arrow-left",
    QWizard.WizardButton.NextButton: "mdi6.arrow-right",
    QWizard.WizardButton.CommitButton: "mdi6.play",
    QWizard.WizardButton.FinishButton: "mdi6.content-save-outline",
    QWizard.WizardButton.CancelButton: "mdi6.close",
}
"""The buttons' icons (the Finish button saves the model), where the style gives dialog
buttons icons, as the app's other dialogs have them."""
ICON_AFTER_TEXT = (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton)
"""The buttons that go forward: their arrow after the text."""


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

        self._chosen_size = QSize()  # the size the wizard last gave itself
        self._words_fit = QTimer(self, singleShot=True, interval=0, timeout=self._fit_words)
        self.currentIdChanged.connect(lambda _id: self._fit_page())
        for page in (self.source_page, self.preparation_page):
            page.completeChanged.connect(self._fit_contents)  # a report or preview shown
        self.finish_page.scored.connect(self._fit_contents)  # a verdict, maybe long

        self.source_page.continue_requested.connect(self.continue_run)
        self.source_page.discard_requested.connect(self._discard_unfinished)
        self.training_page.finished.connect(self._close_if_stopped)
        self.preparation_page.idle.connect(self._close_if_stopped)
        self.source_page.offer_unfinished(unfinished_run())
        self._retranslate()
        self._set_icons()

    # -- size -----------------------------------------------------------------------------

    def _fit_page(self) -> None:
        """Fit the window to the page just shown: the training page grown to ``SIZE``, the
        pages before it fitted to their contents, at least ``SETUP_WIDTH`` wide (only grown
        where the person resized the window); the last page, a short form after the
        training's plots, made as small as its contents."""
        page_id = self.currentId()
        if page_id == -1:  # the wizard being reset: no page shown
            return
        if page_id == TRAINING_PAGE:
            self._grow_to(SIZE)
        elif page_id == FINISH:
            available = self.screen().availableGeometry().size()
            self._show_at(fitted_size(self._contents_size(SETUP_WIDTH), available))
        elif self.size() == self._chosen_size:  # not resized by the person: fit it again
            available = self.screen().availableGeometry().size()
            self._show_at(fitted_size(self._contents_size(self.width()), available))
        else:
            self._grow_to(self._contents_size(max(self.width(), SETUP_WIDTH)))

    def _contents_size(self, width: int) -> tuple[int, int]:
        """The window's size at ``width``, or the screen's share where that is narrower, with
        the current page's contents all in view at that width."""
        available = self.screen().availableGeometry().size()
        width = fitted_size((width, 0), available).width()
        settle_layouts(self)
        return width, preferred_height(self._frame(), width)

    def _fit_contents(self) -> None:
        """Grow the window to what the page on show has added (the folder's report, the
        pairs' preview, the model's verdict), all in view."""
        page = self.currentPage()
        if page is None or not self.isVisible() or self.currentId() == TRAINING_PAGE:
            return
        settle_layouts(page)
        added = page.wanted_height(page.width()) - page.height()
        self._grow_to((self.width(), self.height() + added))

    def _grow_to(self, designed: tuple[int, int]) -> None:
        """The window ``designed`` (width, height) where it is smaller, within the screen's
        share (``fitted_size``); never shrunk, so a size the person or the code chose
        stays."""
        available = self.screen().availableGeometry().size()
        resized = self.testAttribute(Qt.WidgetAttribute.WA_Resized)
        before = self.size() if resized else QSize()  # Qt's default size is none chosen
        self._show_at(before.expandedTo(fitted_size(designed, available)))

    def _show_at(self, size: QSize) -> None:
        """The window resized to ``size``, centred where it was and kept on its screen."""
        self._chosen_size = size
        if size == self.size():
            return
        centre = self.frameGeometry().center()
        self.resize(size)
        if self.isVisible():
            self._keep_on_screen(centre, self.screen().availableGeometry())

    def _fit_words(self) -> None:
        """Fit the window to the page's words in the language just chosen: as when the page
        was shown where the wizard chose its size, else grown where they need more room."""
        if not self.isVisible():
            return
        if self.size() == self._chosen_size:
            self._fit_page()
        else:
            self._fit_contents()

    def _frame(self) -> QWidget:
        """The widget QWizard lays its header, the current page and its buttons out in."""
        widget = self.page(SOURCE)
        while widget.parentWidget() is not self:
            widget = widget.parentWidget()
        return widget

    def _keep_on_screen(self, centre: QPoint, available: QRect) -> None:
        """The resized window centred where it was, moved inside ``available`` where that
        takes it past the screen's edge."""
        frame = self.frameGeometry()
        frame.moveCenter(centre)
        frame.moveRight(min(frame.right(), available.right()))
        frame.moveBottom(min(frame.bottom(), available.bottom()))
        frame.moveLeft(max(frame.left(), available.left()))
        frame.moveTop(max(frame.top(), available.top()))
        self.move(frame.topLeft())

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
            self._words_fit.start()  # once the pages have their words and laid them out
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._set_icons()
        super().changeEvent(event)

    def _set_icons(self) -> None:
        """The buttons' icons in the palette's colours, where the style gives dialog buttons
        icons (as the app's dialogs do); a forward button's arrow after its text."""
        hint = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons
        with_icons = bool(self.style().styleHint(hint, None, self))
        for which, name in BUTTON_ICONS.items():
            button = self.button(which)
            button.setIcon(theme.icon(name, self.palette()) if with_icons else QIcon())
            if which in ICON_AFTER_TEXT:
                button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Train on My Collection"))
        texts = {
            QWizard.WizardButton.BackButton: self.tr("&Back"),
            QWizard.WizardButton.NextButton: self.tr("&Next"),
            QWizard.WizardButton.FinishButton: self.tr("&Finish"),
            QWizard.WizardButton.CancelButton: self.tr("Cancel"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
