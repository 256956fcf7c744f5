"""Pause holds the trainer between steps until Resume; Stop ends the run with a usable model."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from wizard_helpers import CROP, ENDLESS, WAIT_MS, small_photos, start_training

from app.wizard import training_page
from engine.errors import RekindleError
from engine.library.loading import load_model
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
    assert "stopped at step" in wizard.finish_page.summary.text()


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
