"""The training command line's time left is the training wizard's (``StepClock``): each phase's
steps at their own cost, so the adversarial steps to come count as the slower steps they are."""

import sys

import pytest
from tqdm import tqdm

from engine.progress import CancelToken
from tests.test_console import Terminal
from training.cli import _follow
from training.config import TrainingConfig
from training.events import StepEvent
from training.step_clock import StepClock

WARMUP_STEPS = 10
GAN_STEPS = 30
WARMUP_SECONDS = 2.0  # a warm-up step's cost
GAN_RATIO = 3.5  # an adversarial step's cost over a warm-up step's


def _step(step: int, phase: str, elapsed: float) -> StepEvent:
    total = WARMUP_STEPS + GAN_STEPS
    return StepEvent(step, total, phase, {"g_content": 0.03}, None, None, 1e-4, 1e-4, 4.0, elapsed)


def _last_drawn(terminal: Terminal) -> str:
    return terminal.getvalue().split("\r")[-1]


def test_the_adversarial_steps_to_come_count_at_their_own_cost(monkeypatch):
    """The warm-up done, every step left is adversarial: the time left is theirs at the
    ratio's cost, longer than the steps left at the average so far."""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    clock = StepClock(WARMUP_STEPS, WARMUP_STEPS + GAN_STEPS, GAN_RATIO)
    warmup = [_step(step, "warmup", step * WARMUP_SECONDS) for step in range(1, WARMUP_STEPS + 1)]
    assert _follow(warmup, CancelToken(), clock) is None
    expected = GAN_STEPS * WARMUP_SECONDS * GAN_RATIO
    naive = GAN_STEPS * WARMUP_SECONDS  # the average step so far, times the steps left
    assert expected > naive
    last = _last_drawn(terminal)
    assert f"{tqdm.format_interval(expected)} left" in last
    assert last.count("left") == 1


def test_a_resumed_run_counts_its_adversarial_steps_as_measured(monkeypatch):
    """Continued in the adversarial phase (its elapsed time carried over): the time left is
    the steps left at the adversarial cost measured here."""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    clock = StepClock(WARMUP_STEPS, WARMUP_STEPS + GAN_STEPS, None)
    gan_seconds = WARMUP_SECONDS * GAN_RATIO
    earlier = WARMUP_STEPS * WARMUP_SECONDS
    steps = range(WARMUP_STEPS + 1, WARMUP_STEPS + 6)
    gan = [_step(step, "gan", earlier + (step - WARMUP_STEPS) * gan_seconds) for step in steps]
    _follow(gan, CancelToken(), clock)
    left = (WARMUP_STEPS + GAN_STEPS - steps[-1]) * gan_seconds
    assert f"{tqdm.format_interval(left)} left" in _last_drawn(terminal)


def test_a_run_given_a_time_has_what_is_left_of_it():
    clock = StepClock.for_run(TrainingConfig(seconds=600.0))
    clock.observe(_step(1, "warmup", 100.0))
    assert clock.time_left() == pytest.approx(500.0)


def test_the_time_to_a_step_counts_each_phase_it_crosses():
    clock = StepClock(WARMUP_STEPS, WARMUP_STEPS + GAN_STEPS, GAN_RATIO)
    for step in range(1, 5):
        clock.observe(_step(step, "warmup", step * WARMUP_SECONDS))
    to_warmup_end = (WARMUP_STEPS - 4) * WARMUP_SECONDS
    assert clock.time_to(WARMUP_STEPS) == pytest.approx(to_warmup_end)
    assert clock.time_to(WARMUP_STEPS + 5) == pytest.approx(
        to_warmup_end + 5 * WARMUP_SECONDS * GAN_RATIO
    )
    assert clock.time_to(3) == 0
