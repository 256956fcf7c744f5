"""The wizard's runs keep a checkpoint a couple of minutes old at most, however slow their
steps; and until its first check, the training page says when that comes: its step, and the
time until then once the steps' cost is known."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from wizard_helpers import CROP, TINY, WAIT_MS, small_photos, start_training

from app.eta import format_duration
from app.wizard import training_page
from app.wizard.presets import PRESETS, run_config
from tests.training_helpers import TINY as TINY_RUN
from tests.training_helpers import tiny_dataset
from training.checkpoint import CheckpointTimer
from training.events import CheckpointEvent, StepEvent
from training.run_state import PAIRS
from training.trainer import Trainer

A_COUPLE_OF_MINUTES = 180.0
SLOW_STEP_SECONDS = 10.0  # an adversarial step of the Thorough preset on a laptop's CPU
SLOW_STEPS = 30


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return tiny_dataset(tmp_path_factory.mktemp("ds"))


@pytest.mark.parametrize("name", list(PRESETS))
def test_a_preset_run_on_slow_steps_keeps_a_recent_checkpoint(name, dataset, tmp_path):
    """Steps of 10 s, and a preset's step checkpoints 100 steps apart or more: the clock's
    checkpoints keep what a kill loses to a couple of minutes."""
    preset = run_config(PRESETS[name], TINY_RUN.scale, False, PAIRS)
    config = replace(
        TINY_RUN,
        steps=SLOW_STEPS,
        validate_every=SLOW_STEPS,
        checkpoint_every=preset.checkpoint_every,
        checkpoint_seconds=preset.checkpoint_seconds,
    )
    trainer = Trainer(dataset, tmp_path / "m.safetensors", config, device="cpu")
    now = [0.0]
    trainer.checkpoint_timer = CheckpointTimer(config.checkpoint_seconds, clock=lambda: now[0])
    kept = [0]  # the steps a kill would go back to: the start, then each checkpoint
    for event in trainer.run():
        if isinstance(event, StepEvent):
            now[0] += SLOW_STEP_SECONDS
        elif isinstance(event, CheckpointEvent):
            kept.append(event.step)
    lost = [later - earlier for earlier, later in zip(kept, [*kept[1:], SLOW_STEPS], strict=True)]
    assert max(lost) * SLOW_STEP_SECONDS <= A_COUPLE_OF_MINUTES


FIRST_CHECK = 50
STEPS_SEEN = 4
WARMUP_SECONDS = 2.0


def test_the_first_check_says_its_step_and_the_time_until_then(
    make_window, qtbot, monkeypatch, builtin_models, tmp_path: Path
):
    preset = replace(TINY, warmup_steps=100, steps=100, validate_every=FIRST_CHECK)
    release = threading.Event()

    def a_few_warmup_steps(_state, _config, _device):
        def work(_progress, emit):
            emit(
                [
                    StepEvent(
                        step,
                        preset.total_steps,
                        "warmup",
                        {},
                        None,
                        None,
                        1e-4,
                        1e-4,
                        1.0,
                        step * WARMUP_SECONDS,
                    )
                    for step in range(1, STEPS_SEEN + 1)
                ]
            )
            release.wait(WAIT_MS / 1000)

        return work

    monkeypatch.setattr(training_page, "training_work", a_few_warmup_steps)
    wizard = make_window().open_training_wizard(presets={"slow": preset}, crop=CROP)
    start_training(qtbot, wizard, small_photos(tmp_path / "album", count=2))
    page = wizard.training_page
    left = format_duration((FIRST_CHECK - STEPS_SEEN) * WARMUP_SECONDS)
    expected = f"The first check comes at step {FIRST_CHECK}, in about {left}."
    try:
        qtbot.waitUntil(lambda: page.figures_label.text() == expected, timeout=WAIT_MS)
        page.stop()  # no time once stopping: the step alone
        assert page.figures_label.text() == f"The first check comes at step {FIRST_CHECK}."
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.running(), timeout=WAIT_MS)


def test_a_continued_run_first_checks_at_its_next_check_or_its_end():
    standard = PRESETS["standard"]
    every = standard.validate_every
    assert training_page._next_check(standard, 0) == every
    assert training_page._next_check(standard, every + 3) == 2 * every
    uneven = replace(standard, steps=standard.steps + every // 2)  # ends between two checks
    last = uneven.total_steps
    assert training_page._next_check(uneven, last - 1) == last
