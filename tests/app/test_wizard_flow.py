"""The whole training wizard, from a folder of photos to a model in the main window's list."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import write_tiny_model
from PySide6.QtWidgets import QWizard
from wizard_helpers import CROP, TINY, WAIT_MS, finish_button, small_photos

from engine.library.loading import load_model
from engine.paths import user_models_dir
from training.prepare import read_manifest
from training.run_state import runs_dir, unfinished_run

pytestmark = pytest.mark.usefixtures("builtin_models")


def test_the_wizard_makes_a_model_the_window_lists_and_selects(
    make_window, qtbot, builtin_models: Path, tmp_path: Path
):
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    photos = small_photos(tmp_path / "album")
    window = make_window()
    wizard = window.open_training_wizard(presets={"tiny": TINY}, crop=CROP)

    wizard.source_page.set_folder(photos)
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=WAIT_MS)
    assert "<b>3</b>" in wizard.source_page.summary.text()
    assert "<b>16</b> training pairs" in wizard.source_page.explanation.text()  # 2 photos x 8

    wizard.next()
    preparation = wizard.preparation_page
    assert preparation.builtin_button.isChecked() and preparation.init() == "faithful-x4"
    qtbot.waitUntil(lambda: "tiny" in preparation.times, timeout=WAIT_MS)
    assert preparation.times["tiny"].gan > 0
    assert "on this CPU" in preparation._estimate_labels["tiny"].text()
    preparation.prepare_button.click()
    qtbot.waitUntil(preparation.isComplete, timeout=WAIT_MS)
    assert preparation.preview_group.isVisibleTo(wizard)
    assert len(preparation.prepared.preview) == 4
    run = wizard.run
    manifest = read_manifest(run.dataset)
    assert manifest["held_out"] == ["photo1.png"]  # never trained on, only judged on
    assert {pair["source"] for pair in manifest["pairs"]} == {"photo0.png", "photo2.png"}
    assert len(list(run.val_dir.glob("*.png"))) == 1

    wizard.next()
    training = wizard.training_page
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # no way back
    qtbot.waitUntil(training.isComplete, timeout=WAIT_MS)
    assert not training.outcome.cancelled
    assert training.steps_seen == TINY.total_steps
    assert training.last_validation is not None
    assert training.sample_labels[0][1].pixmap() is not None
    assert training.plots.content_series.points()[0]
    assert training.plots.judgement_series["fake"].points()[0]  # the adversarial phase ran
    assert training.plots.psnr_points["model"][0] == [3, 6]
    assert "left" not in training.time_label.text()  # no estimate once finished

    wizard.next()
    finish = wizard.finish_page
    qtbot.waitUntil(lambda: not finish.scoring(), timeout=WAIT_MS)
    assert finish.comparison.builtin is not None  # the built-in measured on the same photos
    assert finish.value_labels["builtin"][0].text() != "—"
    shown = finish.value_labels["yours"][0].text()
    assert f"Step 6: your model {shown} dB" in training.figures_label.text()
    finish.name_edit.setText("Grandma's album")
    # another album of that name came meanwhile (from another wizard, or imported)
    other = write_tiny_model(user_models_dir(), "grandma-s-album", "Grandma's other album")
    other_bytes = other.read_bytes()
    run = wizard.run
    finish_button(wizard).click()

    saved = finish.saved_path
    assert saved == other.with_name("grandma-s-album (2).safetensors")
    assert other.read_bytes() == other_bytes  # the other one is kept as it was
    model = load_model(saved)
    assert model.descriptor.display_name == "Grandma's album"
    assert model.descriptor.training["steps_done"] == TINY.total_steps
    panel = window.settings_panel
    assert panel.model_key() == str(saved)
    assert panel.model_combo.currentText().startswith("Grandma's album")
    assert not wizard.isVisible()
    # the working folder is gone once the model is saved: at once by its name, then its files
    assert not run.folder.exists() and unfinished_run() is None
    qtbot.waitUntil(lambda: not any(runs_dir().iterdir()), timeout=WAIT_MS)
