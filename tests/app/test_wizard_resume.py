"""Closing during training asks, stops cleanly and keeps the checkpoint; the wizard then offers
to continue, and continuing picks up at the step where it stopped. Closing while the pairs are
made cancels them without waiting, and leaves nothing behind."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from wizard_helpers import CROP, ENDLESS, WAIT_MS, choose_folder, small_photos, start_training

from app.wizard import preparation_page
from tests.training_helpers import training_in_another_process
from training.run_state import TRAINING, RunState, runs_dir, unfinished_run

pytestmark = pytest.mark.usefixtures("builtin_models")
PRESETS = {"endless": ENDLESS}
HELD_S = 10
"""How long the held pairs wait, at most: a close that waited for them would take this long."""


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent, title, *_args, **_kwargs):
        asked.append(title)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _shown_step(page) -> int:
    return int(re.search(r"Step (\d+) of", page.phase_label.text()).group(1))


def test_closing_mid_training_asks_then_keeps_the_run_to_continue(
    make_window, qtbot, monkeypatch, tmp_path: Path
):
    window = make_window()
    wizard = window.open_training_wizard(presets=PRESETS, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.training_page
    qtbot.waitUntil(lambda: page.steps_seen >= 3, timeout=WAIT_MS)

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    wizard.close()
    assert asked and wizard.isVisible() and page.running()  # "No" keeps training

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    wizard.close()
    assert asked
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)
    assert not page.running()
    state = unfinished_run()
    assert state.stage == TRAINING and state.step >= 3 and state.has_checkpoint()

    again = window.open_training_wizard(presets=PRESETS, crop=CROP)
    source = again.source_page
    assert source.resume_frame.isVisible()
    assert f"stopped at step {state.step} of {ENDLESS.total_steps}" in source.resume_label.text()
    source.continue_button.click()
    resumed = again.training_page
    assert again.currentPage() is resumed
    qtbot.waitUntil(lambda: resumed.steps_seen > state.step, timeout=WAIT_MS)
    assert _shown_step(resumed) > state.step  # continued, not started over
    xs, _ys = resumed.plots.content_series.points()
    assert xs[0] == 1  # the plots show the steps before the stop too
    resumed.stop()
    qtbot.waitUntil(resumed.isComplete, timeout=WAIT_MS)


def test_quitting_the_app_mid_training_keeps_the_checkpoint(make_window, qtbot, tmp_path: Path):
    window = make_window()
    wizard = window.open_training_wizard(presets=PRESETS, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    qtbot.waitUntil(lambda: wizard.training_page.steps_seen >= 2, timeout=WAIT_MS)
    window.close()
    assert not wizard.training_page.running()
    state = unfinished_run()
    assert state.stage == TRAINING and state.step >= 2 and state.has_checkpoint()


def test_an_unfinished_run_can_be_discarded(make_window, qtbot, tmp_path: Path):
    window = make_window()
    wizard = window.open_training_wizard(presets=PRESETS, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    wizard.training_page.stop()
    qtbot.waitUntil(wizard.training_page.isComplete, timeout=WAIT_MS)
    wizard.reject()
    run = unfinished_run()
    again = window.open_training_wizard(presets=PRESETS, crop=CROP)
    again.source_page.discard_button.click()
    assert not again.source_page.resume_frame.isVisible()
    assert unfinished_run() is None and not run.folder.exists()
    qtbot.waitUntil(lambda: not any(runs_dir().iterdir()), timeout=WAIT_MS)


def _stopped_run() -> RunState:
    """A run stopped at step 3, as the wizard leaves it (its state file alone)."""
    state = RunState(
        run_id="20261204-120000",
        source="album",
        scale=4,
        degrade=False,
        preset="endless",
        init=None,
        stage=TRAINING,
        step=3,
        total_steps=ENDLESS.total_steps,
    )
    state.folder.mkdir(parents=True)
    state.save()
    return state


def test_a_run_another_rekindle_trains_is_not_offered_to_continue_or_discard(make_window):
    state = _stopped_run()
    holder = training_in_another_process(state.model_path)
    try:
        source = make_window().open_training_wizard(presets=PRESETS, crop=CROP).source_page
        assert source.resume_frame.isVisible()
        assert not source.continue_button.isVisibleTo(source)
        assert not source.discard_button.isVisibleTo(source)
        assert source.resume_label.text() == (
            f"This run, on album, is being trained now by another run (process {holder.pid}); "
            "wait for it to finish or stop it."
        )
    finally:
        holder.kill()
        holder.communicate()
    assert unfinished_run() == state  # left as it was


def test_discard_leaves_a_run_another_rekindle_began_training_since_it_was_offered(make_window):
    state = _stopped_run()
    source = make_window().open_training_wizard(presets=PRESETS, crop=CROP).source_page
    assert source.discard_button.isVisibleTo(source)
    holder = training_in_another_process(state.model_path)  # a terminal's resume-run
    try:
        source.discard_button.click()
        assert unfinished_run() == state  # left as it was, and now described as busy
        assert not source.discard_button.isVisibleTo(source)
        assert "is being trained now by another run" in source.resume_label.text()
    finally:
        holder.kill()
        holder.communicate()


@pytest.mark.parametrize("closing", ["window", "Cancel"])
def test_closing_while_preparing_does_not_wait_and_removes_the_half_made_run(
    make_window, qtbot, monkeypatch, tmp_path: Path, closing: str
):
    made, release = threading.Event(), threading.Event()
    make_material = preparation_page.make_material

    def held_material(*args):
        prepared = make_material(*args)
        made.set()
        release.wait(HELD_S)
        return prepared

    monkeypatch.setattr(preparation_page, "make_material", held_material)
    wizard = make_window().open_training_wizard(presets=PRESETS, crop=CROP)
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    page = wizard.preparation_page
    page.prepare_button.click()
    qtbot.waitUntil(made.is_set, timeout=WAIT_MS)
    assert len(list(runs_dir().iterdir())) == 1

    if closing == "window":
        wizard.close()
    else:
        wizard.button(QWizard.WizardButton.CancelButton).click()
    assert wizard.isVisible() and page.status.text() == "Stopping…"  # not waiting, blocked
    release.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)
    assert list(runs_dir().iterdir()) == []
    assert unfinished_run() is None
