"""Time-left estimates and durations."""

from __future__ import annotations

import pytest

from app.eta import format_duration, format_time_left, format_timecode
from engine.time_left import EtaClock


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_time_left_extrapolates_from_the_part_done():
    clock = FakeClock()
    eta = EtaClock(clock)
    assert eta.remaining(0.5) is None  # too early to say
    clock.now += 10
    assert eta.remaining(0.25) == pytest.approx(30.0)
    assert eta.remaining(0.001) is None
    assert eta.remaining(1.0) == 0.0
    eta.restart()
    clock.now += 4
    assert eta.remaining(0.5) == pytest.approx(4.0)


def test_a_resumed_job_is_timed_on_this_runs_work_only():
    clock = FakeClock()
    eta = EtaClock(clock)
    eta.restart(0.5)  # half was done by an earlier run
    clock.now += 10
    assert eta.remaining(0.504) is None  # too little done in this run to say
    assert eta.remaining(0.6) == pytest.approx(40.0)  # 0.1 took 10 s; 0.4 is left


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00.00"), (2.5, "0:02.50"), (61.257, "1:01.26"), (3723.25, "1:02:03.25")],
)
def test_timecodes(seconds, text):
    assert format_timecode(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (44.6, "45 s"), (65, "1 min 05 s"), (3600 + 20 * 60 + 10, "1 h 20 min")],
)
def test_durations_read_naturally(seconds, text):
    assert format_duration(seconds) == text


def test_time_left_text():
    assert format_time_left(None) == "estimating…"
    assert format_time_left(12) == "12 s left"
    assert format_time_left(12, 0.1) == "12 s left"


@pytest.mark.parametrize("seconds", [0, 0.3, 0.99])
def test_less_than_a_second_left_is_a_moment_not_0_s(seconds):
    assert format_time_left(seconds) == "a moment left"
    assert format_time_left(seconds, 0.95) == "a moment left"


@pytest.mark.parametrize("done", [0.0, 0.52, 0.89])
def test_less_than_a_second_left_is_not_told_before_the_work_is_nearly_done(done):
    assert format_time_left(0.46, done) == "estimating…"
