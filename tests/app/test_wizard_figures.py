"""One set of figures in the whole wizard, and a finish page that says plainly whether the new
model beats the built-in one on the person's photos, and why not when it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import write_tiny_model
from wizard_helpers import CROP, ENDLESS, WAIT_MS, finish_button, small_photos, start_training

from app.wizard import finish_page
from app.wizard.presets import PRESETS
from app.wizard.verdict import RunFacts, longer_preset, verdict
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from training.config import PrepareOptions
from training.prepare import write_manifest
from training.run_figures import Figures
from training.run_scores import Comparison
from training.run_state import TRAINED, RunState

pytestmark = pytest.mark.usefixtures("builtin_models")

BICUBIC = Figures.of(22.10, 0.6100)
BUILTIN = Figures.of(23.55, 0.6800)
QUICK_RUN = RunFacts("quick", 600, 600, 240.0, 12, "thorough")


def test_a_stopped_run_shows_the_same_figures_on_every_page(
    make_window, qtbot, builtin_models: Path, tmp_path: Path
):
    """Stopped before any scheduled validation: the figures shown are of the model kept, the
    same on the training page (label and plot) as in the finish page's table and verdict."""
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    wizard = make_window().open_training_wizard(presets={"endless": ENDLESS}, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album"))
    training = wizard.training_page
    qtbot.waitUntil(lambda: training.steps_seen >= 3, timeout=WAIT_MS)
    training.stop_button.click()
    qtbot.waitUntil(training.isComplete, timeout=WAIT_MS)
    stopped_at = training.outcome.step
    assert stopped_at < ENDLESS.validate_every  # no validation was due: the stop made one
    label = training.figures_label.text()
    assert label.startswith(f"Step {stopped_at}:")

    wizard.next()
    finish = wizard.finish_page
    qtbot.waitUntil(lambda: not finish.scoring(), timeout=WAIT_MS)
    yours = finish.value_labels["yours"][0].text()
    bicubic = finish.value_labels["bicubic"][0].text()
    assert f"your model {yours} dB" in label
    assert f"(bicubic) {bicubic} dB" in label
    xs, ys = training.plots.psnr_points["model"]
    assert (xs[-1], f"{ys[-1]:.2f}") == (stopped_at, yours)
    assert finish.comparison.builtin is not None  # measured for real, on the same photos
    assert finish.value_labels["builtin"][0].text() in finish.verdict_label.text()
    assert yours in finish.verdict_label.text()
    expected = "Save Model" if finish.verdict.beats else "Save Anyway"
    assert finish_button(wizard).text() == expected


def _trained_run(steps: int = 600, total: int = 600) -> RunState:
    """A finished Quick run of 12 photos, as the wizard leaves it, with a model of 4 minutes'
    training: enough for the finish page, which is all these tests open."""
    state = RunState("20260101-000000", "/photos", 4, False, "quick", None, TRAINED)
    state.step, state.total_steps = steps, total
    network = UNetGenerator(scale=4, width=4, depth=1)
    save_model(
        network,
        state.model_path,
        display_name="run",
        training={"seconds": 240.0, "steps_done": steps},
    )
    state.dataset.mkdir(parents=True)
    photos = [f"{index:02d}.png" for index in range(12)]
    options = PrepareOptions().to_dict()
    manifest = {"options": options, "pairs": [], "used": photos[1:], "held_out": photos[:1]}
    write_manifest(state.dataset, manifest)
    state.save()
    return state


def _open_finish(make_window, qtbot, monkeypatch, yours: Figures):
    """The wizard continued at the finish page of ``_trained_run``, with the scoring faked."""
    fake = Comparison(yours, BICUBIC, BUILTIN)
    monkeypatch.setattr(finish_page, "compare", lambda *_args: fake)
    wizard = make_window().open_training_wizard(presets=PRESETS)
    wizard.continue_run(_trained_run())
    page = wizard.finish_page
    assert wizard.currentPage() is page
    qtbot.waitUntil(lambda: not page.scoring(), timeout=WAIT_MS)
    return wizard, page


def test_a_model_that_does_not_beat_the_built_in_one_is_called_so(make_window, qtbot, monkeypatch):
    wizard, page = _open_finish(make_window, qtbot, monkeypatch, Figures.of(23.50, 0.6700))
    text = page.verdict_label.text()
    assert "does not beat the built-in model on your photos: 23.50 dB against 23.55 dB" in text
    assert "A Quick run trains for 4 min 00 s only" in text
    assert "Try a Thorough run, or add more photos (you gave 12)" in text
    assert "Keep using the built-in model" in text
    assert finish_button(wizard).text() == "Save Anyway"
    assert not finish_button(wizard).isDefault()  # Enter does not save it
    assert [label.text() for label in page.value_labels["yours"]] == ["23.50", "0.6700"]


def test_a_model_that_beats_the_built_in_one_is_saved_plainly(make_window, qtbot, monkeypatch):
    wizard, page = _open_finish(make_window, qtbot, monkeypatch, Figures.of(23.80, 0.6900))
    assert page.verdict.beats
    assert page.verdict_label.text() == (
        "Your new model beats the built-in model on your photos: 23.80 dB against 23.55 dB."
    )
    assert finish_button(wizard).text() == "Save Model"
    assert finish_button(wizard).isDefault()


def test_a_tie_on_the_figures_shown_is_no_win():
    """23.546 and 23.554 both show as 23.55: the words must not call one better."""
    tie = Comparison(Figures.of(23.546, 0.68), BICUBIC, Figures.of(23.554, 0.68))
    assert not verdict(tie, QUICK_RUN).beats


def test_a_stopped_run_is_told_to_continue():
    stopped = RunFacts("standard", 700, 3000, 1900.0, 40, "thorough")
    text = verdict(Comparison(Figures.of(23.0, 0.6), BICUBIC, BUILTIN), stopped).text
    assert "Training was stopped at step 700 of 3000, after 31 min 40 s" in text
    assert "Continue the training (Cancel closes this window;" in text and "(you gave 40)" in text


def test_without_a_built_in_model_the_rival_is_bicubic():
    below = verdict(Comparison(Figures.of(21.9, 0.6), BICUBIC, None), QUICK_RUN)
    assert "does not beat a simple enlargement (bicubic) on your photos" in below.text
    assert "Saving it is not recommended" in below.text
    above = verdict(Comparison(Figures.of(22.5, 0.6), BICUBIC, None), QUICK_RUN)
    assert above.beats and "beats a simple enlargement (bicubic)" in above.text


def test_below_both_says_both_and_keeps_the_built_in_model():
    text = verdict(Comparison(Figures.of(21.0, 0.5), BICUBIC, BUILTIN), QUICK_RUN).text
    assert "beats neither the built-in model (23.55 dB) nor a simple enlargement" in text
    assert "Keep using the built-in model" in text


def test_the_longest_preset_suggests_no_longer_one():
    assert longer_preset(PRESETS, "quick") == "thorough"
    assert longer_preset(PRESETS, "thorough") is None
    longest = RunFacts("thorough", 10000, 10000, 7200.0, 30, None)
    text = verdict(Comparison(Figures.of(23.0, 0.6), BICUBIC, BUILTIN), longest).text
    assert "Even a whole Thorough run of 2 h 00 min" in text
    assert "Add more photos of the kind you restore (you gave 30)" in text
