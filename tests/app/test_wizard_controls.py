"""Pause holds the trainer between steps until Resume; Stop ends the run with a usable model."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from wizard_helpers import (
    CROP,
    ENDLESS,
    TINY,
    WAIT_MS,
    prepare_pairs,
    small_photos,
    start_training,
)

from app.wizard import preparation_page, training_page
from engine.errors import RekindleError
from engine.library.loading import load_model
from engine.progress import CancelToken
from training.events import StepEvent
from training.run_state import TRAINING, unfinished_run

pytestmark = pytest.mark.usefixtures("builtin_models")
QUIET_MS = 1500


def test_pause_resume_and_stop(make_window, qtbot, tmp_path: Path):
    window = make_window()
    wizard = window.open_training_wizard(presets={"endless": ENDLESS}, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.training_page
    qtbot.waitUntil(lambda: page.steps_seen >= 3, timeout=WAIT_MS)

    page.pause_button.click()
    qtbot.waitUntil(lambda: page.held, timeout=WAIT_MS)
    assert page.pause_button.text() == "Resume"
    assert page.phase_label.text().startswith("Paused at step")
    paused_at = page.steps_seen
    qtbot.wait(QUIET_MS)
    assert page.steps_seen == paused_at  # no step ran while paused

    page.pause_button.click()
    qtbot.waitUntil(lambda: page.steps_seen > paused_at, timeout=WAIT_MS)
    assert not page.held
    assert page.pause_button.text() == "Pause"

    assert "left" in page.time_label.text()
    page.stop_button.click()
    assert _no_estimate(page)  # at once, though steps may still come in
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert _no_estimate(page)
    outcome = page.outcome
    assert outcome.cancelled
    assert outcome.step >= page.steps_seen > paused_at
    assert load_model(outcome.model_path).descriptor.training["completed"] is False
    assert unfinished_run().stage == TRAINING  # it may still be continued later

    wizard.next()
    summary = wizard.finish_page.summary.text()
    assert "stopped at step" in summary
    cancel = wizard.button(QWizard.WizardButton.CancelButton).text().replace("&", "")
    assert f"close this window with {cancel}" in summary  # the button that does it, named


def _no_estimate(page) -> bool:
    """The time label shows the training time only: no time left, no "estimating"."""
    text = page.time_label.text()
    return text.startswith("Training time") and "left" not in text and "estimating" not in text


def test_a_failed_run_clears_the_time_left(make_window, qtbot, monkeypatch, tmp_path: Path):
    release = threading.Event()

    def failing_work(_state, _config, _device):
        def work(_progress, emit):
            emit(
                [
                    StepEvent(step, 1000, "warmup", {}, None, None, 1e-4, 1e-4, 1.0, step * 0.1)
                    for step in range(1, 4)
                ]
            )
            release.wait(WAIT_MS / 1000)
            raise RekindleError("the disk is full")

        return work

    monkeypatch.setattr(training_page, "training_work", failing_work)
    wizard = make_window().open_training_wizard(presets={"endless": ENDLESS}, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    page = wizard.training_page
    qtbot.waitUntil(lambda: "left" in page.time_label.text(), timeout=WAIT_MS)
    release.set()
    qtbot.waitUntil(lambda: not page.running(), timeout=WAIT_MS)
    assert page.phase_label.text() == "Training failed: the disk is full"
    assert _no_estimate(page)


def test_stopping_while_paused_ends_the_run(make_window, qtbot, tmp_path: Path):
    wizard = make_window().open_training_wizard(presets={"endless": ENDLESS}, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    page = wizard.training_page
    qtbot.waitUntil(lambda: page.steps_seen >= 1, timeout=WAIT_MS)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.held, timeout=WAIT_MS)
    page.stop_button.click()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert page.outcome.cancelled
    assert page.outcome.model_path.is_file()


def test_start_training_ends_the_time_estimate_before_the_first_step(
    make_window, qtbot, monkeypatch, tmp_path: Path
):
    """A measurement beside the training would slow both: Start Training cancels it, and
    training begins once it has returned."""
    order: list[str] = []
    tokens: list[CancelToken] = []
    training_began = threading.Event()

    def measuring_until_cancelled(*args):
        token = args[-1]
        tokens.append(token)
        token.pause()
        token.wait_while_paused()  # returns once cancelled
        training_began.wait(QUIET_MS / 1000)  # a last step, which training must not overlap
        order.append("measuring")

    training_work = training_page.training_work

    def noted_training(*args):
        work = training_work(*args)

        def noting(progress, emit):
            order.append("training")
            training_began.set()
            return work(progress, emit)

        return noting

    monkeypatch.setattr(preparation_page, "measure", measuring_until_cancelled)
    monkeypatch.setattr(training_page, "training_work", noted_training)
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    prepare_pairs(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    preparation = wizard.preparation_page
    # measured again once the pairs were made (Prepare cancelled the first measurement)
    qtbot.waitUntil(lambda: tokens and not tokens[-1].cancelled, timeout=WAIT_MS)
    assert preparation.estimating()
    measured = len(tokens)

    wizard.next()
    page = wizard.training_page
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert not preparation.estimating()
    assert len(tokens) == measured and tokens[-1].cancelled  # cancelled, none measured since
    assert order == ["measuring"] * measured + ["training"]
