"""Photos restored in a long queue cost the window no more than in a short one: a run's progress
reports, many a second, do not have the actions judged (they change nothing an action reads),
and a judgement takes each queued photo's path apart once, not at each of the run's changes
(counted here, not timed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, wait_until_read, write_photo
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import app.action_rules
from app.item_status import ItemStatus
from app.main_window import JUDGING_GAP_MOST_MS, MainWindow
from app.photo_queue import QueueItem, QueueModel

SHORT, LONG = 20, 200
"""Two queue lengths: what is counted for the long queue must be what it is for the short."""
RESTORED = 3
"""The photos restored at the head of each queue."""
REPORTS = 20


@pytest.fixture
def paths_taken_apart(monkeypatch) -> list[Path]:
    """The folders the rules look up a photo's scan in from now on, once per photo looked up
    (``scan_cut_from`` does, for each photo it is asked about)."""
    folders: list[Path] = []
    real = app.action_rules._scan_of_folder

    def counting(folder: Path) -> Path | None:
        folders.append(folder)
        return real(folder)

    monkeypatch.setattr(app.action_rules, "_scan_of_folder", counting)
    return folders


def restore_the_head(qtbot, window: MainWindow, count: int) -> None:
    """Restore the queue's first ``count`` photos."""
    model = window.queue
    selection = QItemSelection(model.index(0), model.index(count - 1))
    flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
    window.queue_view.selectionModel().select(selection, flag)
    head = model.items()[:count]
    window.restore_selected()
    qtbot.waitUntil(
        lambda: (
            all(item.status is ItemStatus.RESTORED for item in head)
            and not window.runner.is_running
        ),
        timeout=WAIT_MS,
    )


def test_a_runs_progress_reports_leave_the_actions_as_they_were_judged(
    make_window, qtbot, judged: list[MainWindow]
):
    window = make_window()
    read = QImage(4, 3, QImage.Format.Format_RGB32)  # no reading asked for
    items = [
        QueueItem(Path(f"/folder/{n}.png"), status=ItemStatus.READY, thumbnail=read)
        for n in range(SHORT)
    ]
    window.queue.add_items(items)
    window.queue.update(items[0].id, status=ItemStatus.RESTORING, progress=0.0)
    qtbot.wait(2 * JUDGING_GAP_MOST_MS)
    judged.clear()

    for report in range(1, REPORTS + 1):
        window.queue.update(items[0].id, progress=report / REPORTS, time_left=REPORTS - report)
        QApplication.processEvents()
    qtbot.wait(2 * JUDGING_GAP_MOST_MS)
    assert judged == []
    assert items[0].progress == 1.0

    window.queue.update(items[0].id, status=ItemStatus.RESTORED)
    qtbot.waitUntil(lambda: judged != [], timeout=WAIT_MS)


def test_a_progress_report_is_told_as_a_change_of_progress_alone(qapp):
    queue = QueueModel()
    item = QueueItem(Path("/folder/photo.png"), status=ItemStatus.RESTORING)
    queue.add_items([item])
    told: list[list[int]] = []
    queue.dataChanged.connect(lambda _top, _bottom, roles: told.append(list(roles)))

    queue.update(item.id, progress=0.5, time_left=3.0)
    queue.update(item.id, frames_done=4)
    queue.update(item.id, status=ItemStatus.RESTORED, progress=1.0)
    assert told == [[QueueModel.ProgressRole], [QueueModel.ProgressRole], []]
    assert queue.data(queue.index(0), QueueModel.ProgressRole) == 1.0


def test_photos_restored_in_a_long_queue_take_no_more_paths_apart(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, paths_taken_apart: list[Path]
):
    """Restore All is judged over the whole queue at each change of a photo restored; each
    photo's path is taken apart once, when it is queued, however often that is."""
    counts = []
    for length in (SHORT, LONG):
        window = make_window()
        folder = tmp_path / f"{length}"
        window.add_paths([write_photo(folder / f"{n:03d}.png", seed=n) for n in range(length)])
        wait_until_read(qtbot, window)
        qtbot.wait(2 * JUDGING_GAP_MOST_MS)  # the photos queued are judged
        paths_taken_apart.clear()
        restore_the_head(qtbot, window, RESTORED)
        counts.append(len(paths_taken_apart))
    assert counts == [0, 0]
