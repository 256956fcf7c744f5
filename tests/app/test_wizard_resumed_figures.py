"""A continued run's figures line tells its latest validation, as its plot does, not the first
one replayed from before the stop."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from wizard_helpers import CROP, ENDLESS, WAIT_MS, small_photos, start_training

from training import run_training
from training.run_state import unfinished_run

pytestmark = pytest.mark.usefixtures("builtin_models")
OFTEN = replace(ENDLESS, validate_every=2, checkpoint_every=2)
PRESETS = {"often": OFTEN}
VALIDATIONS = 3


def test_a_continued_run_shows_the_figures_of_its_latest_validation(
    make_window, qtbot, monkeypatch, tmp_path: Path
):
    window = make_window()
    wizard = window.open_training_wizard(presets=PRESETS, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    page = wizard.training_page
    qtbot.waitUntil(lambda: len(page.plots.psnr_points["model"][0]) >= VALIDATIONS, timeout=WAIT_MS)
    page.stop()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    wizard.reject()
    stopped = unfinished_run()

    # The continued run replays its records, then trains no further here.
    monkeypatch.setattr(run_training, "run_events", lambda *_args: iter(()))
    again = window.open_training_wizard(presets=PRESETS, crop=CROP)
    again.source_page.continue_button.click()
    resumed = again.training_page
    qtbot.waitUntil(lambda: not resumed.running(), timeout=WAIT_MS)
    steps, _psnrs = resumed.plots.psnr_points["model"]
    assert len(steps) >= VALIDATIONS and steps[-1] == stopped.step
    assert resumed.figures_label.text().startswith(f"Step {stopped.step}: your model ")
