"""Less than a second left is told only near the end: a queue row, the wizard's preparation
and its training give the time-left text the share done, so that half way through a photo
whose first tile's share ran ahead of its work, the row reads "estimating…", not "a moment
left"."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from app.photo_queue import ItemStatus, QueueItem, status_text
from app.wizard.preparation_page import PreparationPage
from app.wizard.training_page import TrainingPage
from engine.progress import CancelToken, ProgressEvent

SOON = 0.4  # seconds: "a moment left" once believed
ESTIMATING = "estimating…"
MOMENT = "a moment left"


class FixedClock:
    """Stands in for a page's clock: ``step`` of 100 steps done, ``SOON`` seconds left."""

    def __init__(self, step: int = 0) -> None:
        self.step = step
        self.total_steps = 100
        self.elapsed = 10.0

    def remaining(self, _fraction: float) -> float:
        return SOON

    def time_left(self) -> float:
        return SOON


@pytest.mark.parametrize(("done", "told"), [(0.52, ESTIMATING), (0.95, MOMENT)])
def test_a_restoring_row_tells_a_moment_left_only_near_its_end(done, told):
    item = QueueItem(Path("/photos/a.png"), status=ItemStatus.RESTORING, progress=done)
    item.time_left = SOON
    assert told in status_text(item)


@pytest.mark.parametrize(("done", "told"), [(0.52, ESTIMATING), (0.95, MOMENT)])
def test_the_preparation_tells_a_moment_left_only_near_its_end(qtbot, done, told):
    page = PreparationPage()
    qtbot.addWidget(page)
    page._prepare_clock = FixedClock()
    page._on_progress(ProgressEvent(1, 2, fraction=done))
    assert told in page.bar.format()


@pytest.mark.parametrize(("step", "told"), [(52, ESTIMATING), (95, MOMENT)])
def test_the_training_tells_a_moment_left_only_near_its_end(qtbot, step, told):
    page = TrainingPage()
    qtbot.addWidget(page)
    page.job = SimpleNamespace(token=CancelToken())
    page._clock = FixedClock(step)
    page._show_progress()
    assert told in page.time_label.text()
