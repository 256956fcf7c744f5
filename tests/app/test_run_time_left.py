"""The run's time left: the photo or film under way at its own pace, the rest at the run's.
Seen before: a film restored after a run's photos was told two times left, its row's and the
run's (measured on the photos' pace too), minutes apart, the run's the wrong one."""

from __future__ import annotations

from test_runner_stale_reports import Run, run  # noqa: F401  (the fixture)

from app.restore_runner import RunProgress


class FixedPace:
    """Stands in for the run's clock: the run's pace gives ``left`` seconds for the rest."""

    def __init__(self, left: float) -> None:
        self.left = left

    def remaining(self, _fraction: float) -> float:
        return self.left

    def restart(self, _fraction: float = 0.0) -> None:
        pass


def _told(run: Run) -> list[RunProgress]:  # noqa: F811
    told: list[RunProgress] = []
    run.runner.progress_changed.connect(told.append)
    return told


def test_the_item_under_way_counts_at_its_own_pace_the_waiting_at_the_runs(run: Run):  # noqa: F811
    run.runner.start([run.cancelled, run.next], run.settings)
    run.worker.started.emit(run.cancelled)
    run.runner._run_clock = FixedPace(100.0)
    told = _told(run)
    run.queue.update(run.cancelled, time_left=10.0)
    run.runner._emit_progress()
    # half the run's work waits (two photos of one size, none done): 10 + 100 / 2
    assert told[-1].time_left == 60.0 and told[-1].item_time_left == 10.0


def test_the_last_item_under_way_tells_the_runs_time_left(run: Run):  # noqa: F811
    run.runner.start([run.next], run.settings)
    run.worker.started.emit(run.next)
    run.runner._run_clock = FixedPace(100.0)
    told = _told(run)
    run.queue.update(run.next, time_left=42.0)
    run.runner._emit_progress()
    assert told[-1].time_left == told[-1].item_time_left == 42.0
