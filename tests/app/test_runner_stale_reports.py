"""The photo of a cancelled run that ends only after a new run has begun without it: what the
worker reports of it is none of the new run's (its counts, its bars, its other photos), and a
result it made anyway is kept. The worker is held here: it takes the jobs and the test makes
its reports, in the order wanted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from gui_helpers import write_photo
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from test_run_control import Control

from app import restore_runner
from app.item_status import ItemStatus
from app.output_hold import OutputHold
from app.photo_queue import QueueModel
from app.restore_runner import RestoreRunner, RestoreSettings, RunSummary, Tally
from app.run_control import RunControl
from app.selection import Selection
from app.settings import AppSettings
from app.settings_panel import SettingsPanel
from app.workers import RestoreJob, RestoreResult, RestoreWorker
from engine.imageio import Picture


class HeldWorker(RestoreWorker):
    """The runner's worker, kept in the test's thread: it notes the jobs handed to it and does
    none of them."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[int] = []  # item ids

    def restore(self, job: RestoreJob) -> None:
        self.jobs.append(job.item_id)


class NoThread:
    """Stands in for the worker's thread: the held worker runs in the test's."""

    def __init__(self, _worker: QObject, _name: str) -> None:
        pass

    def stop(self) -> None:
        pass


class Run:
    """A runner over a queue of photos read, its worker held."""

    def __init__(self, tmp_path: Path, settings: RestoreSettings, worker: HeldWorker) -> None:
        self.queue = QueueModel()
        self.runner = RestoreRunner(self.queue)
        self.worker = worker
        self.settings = settings
        self.summaries: list[RunSummary] = []
        self.runner.run_finished.connect(self.summaries.append)
        self.totals: list[int] = []
        self.runner.progress_changed.connect(lambda progress: self.totals.append(progress.total))
        paths = [write_photo(tmp_path / name) for name in ("cancelled.png", "next.png")]
        self.cancelled, self.next = (item.id for item in self.queue.add_paths(paths))
        self.queue.update_each(
            [self.cancelled, self.next], status=ItemStatus.READY, width=40, height=30
        )

    def begin_anew_while_stopping(self) -> None:
        """Restore one photo, cancel, and restore the other before the first has stopped."""
        self.runner.start([self.cancelled], self.settings)
        self.runner.cancel()
        self.runner.start([self.next], self.settings)

    def finish(self, item_id: int) -> None:
        pixels = np.zeros((30, 40, 3), np.uint8)
        picture = Picture(pixels, None, None, None, "png")
        image = QImage(40, 30, QImage.Format.Format_RGB888)
        self.worker.finished.emit(RestoreResult(item_id, picture, image, image, "Tiny"))


@pytest.fixture
def run(
    monkeypatch, qtbot, app_settings: AppSettings, tiny_model: Path, tmp_path: Path
) -> Iterator[Run]:
    panel = SettingsPanel(app_settings)
    qtbot.addWidget(panel)
    settings = panel.restore_settings()
    assert settings is not None
    worker = HeldWorker()
    monkeypatch.setattr(restore_runner, "RestoreWorker", lambda: worker)
    monkeypatch.setattr(restore_runner, "WorkerThread", NoThread)
    made = Run(tmp_path, settings, worker)
    yield made
    made.runner.shutdown()
    panel.shutdown()


def test_a_photo_cancelled_that_is_restored_after_a_new_run_began_counts_in_no_run(run: Run):
    run.begin_anew_while_stopping()
    run.finish(run.cancelled)  # too late to stop: its result was made
    item = run.queue.item(run.cancelled)
    assert item is not None and item.status is ItemStatus.RESTORED and item.result is not None
    assert run.worker.jobs == [run.cancelled, run.next]
    run.finish(run.next)
    assert run.summaries == [RunSummary(restored=Tally(photos=1))]


def test_a_cancelled_photos_model_failing_after_a_new_run_began_leaves_that_run_be(run: Run):
    run.begin_anew_while_stopping()
    run.worker.model_failed.emit(run.cancelled, "the model is broken")
    item = run.queue.item(run.next)
    assert item is not None and item.status is ItemStatus.QUEUED
    assert run.worker.jobs == [run.cancelled, run.next]
    run.finish(run.next)
    assert run.summaries == [RunSummary(restored=Tally(photos=1))]


def test_a_new_runs_bars_count_only_its_own_photos(run: Run):
    run.begin_anew_while_stopping()
    assert run.totals[-1] == 1
    run.worker.started.emit(run.cancelled)
    assert run.totals[-1] == 1


class Saver(QObject):
    """Stands in for the ``SaveController``: the test says how each save went."""

    saved = Signal(int)
    failed = Signal(int, str, bool)

    def __init__(self) -> None:
        super().__init__()
        self.hold = OutputHold()

    def is_saving(self, _item_id: int) -> bool:
        return False


@pytest.fixture
def saving_control(
    qtbot, app_settings: AppSettings, tiny_model: Path
) -> Iterator[tuple[Control, RunControl, Saver, list[str]]]:
    """A run control that saves at once (with ``Saver``) over ``Control``'s parts, and what
    its status bar says."""
    parts = Control(qtbot, app_settings)
    saver = Saver()
    said: list[str] = []
    selection = Selection(parts.queue, parts.list)
    control = RunControl(
        parts.window, parts.runner, parts.queue, selection, parts.panel, parts.bars, saver
    )
    control.message.connect(said.append)
    yield parts, control, saver, said
    parts.panel.shutdown()


def test_a_save_failing_for_a_photo_of_a_cancelled_run_is_not_the_new_runs(
    saving_control, tmp_path: Path
):
    """The photo cancelled, restored anyway as the next run goes on, and its save at once
    failing: the next run neither stops for it nor counts it (its row tells the failure)."""
    parts, control, saver, said = saving_control
    cancelled, following = parts.add(tmp_path, "cancelled.png", "next.png")
    parts.list.select_id(cancelled)
    control.restore_selected()
    parts.runner.is_running = parts.runner.cancelling = True  # as Cancel leaves it, stopping
    parts.list.select_id(following)
    control.restore_selected()
    parts.runner.cancelling = False
    parts.runner.item_restored.emit(cancelled)
    saver.failed.emit(cancelled, "The disk is full", True)
    assert not parts.runner.cancelled
    parts.runner.item_restored.emit(following)
    parts.runner.run_finished.emit(RunSummary(restored=Tally(photos=1)))
    assert said[-1] == "Restored 1 photo."
