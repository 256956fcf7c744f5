"""What the run's bars say: one bar for a run of one photo or film (two read the same twice),
the run's beside it once it says more; and a time left never "0 s" (less than a second reads
"a moment left", and not before the work is nearly done: a photo's share runs ahead of its
work at first)."""

from __future__ import annotations

import pytest

from app.restore_runner import RunProgress
from app.run_bars import RunBars


def shown(bars: RunBars) -> list[str]:
    return [bar.text() for bar in (bars.item_bar, bars.queue_bar) if bar.isVisible()]


def test_a_run_of_one_photo_shows_one_bar(bars: RunBars):
    bars.show_progress(RunProgress(0.76, 1.4, 0.76, 1.4, 0, 1), film=False)
    assert shown(bars) == ["Photo: 76% · 1 s left"]


def test_the_runs_bar_shows_once_a_second_photo_joins(bars: RunBars):
    bars.show_progress(RunProgress(0.5, 10, 0.5, 10, 0, 1), film=False)
    bars.show_progress(RunProgress(0.5, 10, 0.25, 30, 0, 2), film=False)
    assert shown(bars) == ["Photo: 50% · 10 s left", "Queue 0/2: 25% · 30 s left"]


def test_the_runs_bar_shows_where_its_one_photo_is_not_the_one_under_way(bars: RunBars):
    """A cancelled run's photo stopping, while the next run's one photo waits."""
    bars.show_progress(RunProgress(0.4, None, 0.0, None, 0, 1), film=False)
    assert shown(bars) == ["Photo: 40% · estimating…", "Queue 0/1: 0% · estimating…"]


def test_no_bar_shows_once_the_run_is_over(bars: RunBars):
    bars.show_progress(RunProgress(0.5, 10, 0.25, 30, 0, 2), film=False)
    bars.set_running(False)
    bars.show_progress(RunProgress(1.0, 0.0, 1.0, None, 2, 2), film=False)
    assert shown(bars) == []


@pytest.mark.parametrize(
    ("done", "left", "text"),
    [
        (0.52, 0.46, "Photo: 52% · estimating…"),  # a share run ahead of the work
        (0.99, 0.3, "Photo: 99% · a moment left"),
        (1.0, 0.0, "Photo: 100% · a moment left"),
        (0.1, 0.6, "Photo: 10% · estimating…"),
        (0.1, 12.2, "Photo: 10% · 12 s left"),
    ],
)
def test_a_time_left_under_a_second_is_a_moment_near_the_end(
    bars: RunBars, done: float, left: float, text: str
):
    bars.show_progress(RunProgress(done, left, done, left, 0, 1), film=False)
    assert shown(bars) == [text]
