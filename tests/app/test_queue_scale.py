"""A long queue stays as quick as a short one: finding an item by its id, telling the views of
rows changed, laying the list out, judging the window's actions and reckoning a run's progress
each take work that does not grow with the queue's length (counted here, not timed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, item_lookups, wait_until_read, write_photo
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QAction

import app.queue_view
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, QueueModel
from app.queue_view import QueueView
from app.restore_runner import RestoreRunner
from app.settings import AppSettings
from app.settings_panel import SettingsPanel

SHORT, LONG = 6, 18
"""Two queue lengths: what is counted for the long queue must be what it is for the short."""


class ScanCountingList(list):
    """A queue's list of items that counts the times it is gone through from the start."""

    scans = 0

    def __iter__(self):
        self.scans += 1
        return super().__iter__()


def counting_scans(queue: QueueModel) -> ScanCountingList:
    """Count from now on the times ``queue`` goes through its items."""
    items = ScanCountingList(queue._items)
    queue._items = items
    return items


def queue_of(count: int) -> tuple[QueueModel, list[QueueItem]]:
    """A queue of photos read (ready, their sizes known)."""
    queue = QueueModel()
    items = [
        QueueItem(Path(f"/photos/{n}.png"), status=ItemStatus.READY, width=40, height=30)
        for n in range(count)
    ]
    queue.add_items(items)
    return queue, items


def assert_found_by_id(queue: QueueModel) -> None:
    for row, item in enumerate(queue.items()):
        assert queue.row_of(item.id) == row
        assert queue.item(item.id) is item


# -- the queue model ---------------------------------------------------------------------


@pytest.mark.usefixtures("qapp")
def test_finding_items_by_id_does_not_go_through_the_queue():
    scans = []
    for count in (SHORT, LONG):
        queue, items = queue_of(count)
        counted = counting_scans(queue)
        for row, item in enumerate(items):
            assert queue.item(item.id) is item and queue.row_of(item.id) == row
        scans.append(counted.scans)
    assert scans[0] == scans[1] <= 1


@pytest.mark.usefixtures("qapp")
def test_items_are_found_by_id_after_rows_are_added_removed_and_put_back():
    queue, items = queue_of(10)
    extra = [QueueItem(Path(f"/extra/{n}.png")) for n in range(3)]
    queue.add_items(extra, row=4)
    assert_found_by_id(queue)
    before = queue.items()

    taken = queue.remove([items[0].id, items[5].id, extra[1].id, items[9].id])
    assert_found_by_id(queue)
    for _row, item in taken:
        assert queue.item(item.id) is None and queue.row_of(item.id) == -1

    queue.put_back(taken)
    assert queue.items() == before
    assert_found_by_id(queue)
    assert queue.item(None) is None and queue.row_of(12345678) == -1


@pytest.mark.usefixtures("qapp")
def test_the_folders_added_are_noted_once_and_again_as_rows_come_and_go():
    """Each save asks for them: asked for each photo of a long queue, they are gathered once."""
    box1, box2 = Path("/scans/box1"), Path("/scans/box2")
    queue = QueueModel()
    queue.add_items([QueueItem(box1 / f"{n}.png", added_with=box1) for n in range(3)])
    alone = QueueItem(Path("/photos/alone.png"))
    queue.add_items([alone, QueueItem(box2 / "a.png", added_with=box2)])
    counted = counting_scans(queue)
    for _photo in range(LONG):
        assert queue.added_folders() == (box1, box2)
    assert counted.scans == 1
    taken = queue.remove([item.id for item in queue.items() if item.added_with == box2])
    assert queue.added_folders() == (box1,)
    queue.put_back(taken)
    assert queue.added_folders() == (box1, box2)


@pytest.mark.usefixtures("qapp")
def test_rows_changed_together_are_told_in_one_signal():
    queue, items = queue_of(SHORT)
    told: list[tuple[int, int]] = []
    queue.dataChanged.connect(lambda top, bottom, *_: told.append((top.row(), bottom.row())))

    twins = [QueueItem(Path(f"/other/{n}.png")) for n in range(SHORT)]
    queue.add_items(twins)  # every row now shows the folder that tells it from its twin
    assert told == [(0, 2 * SHORT - 1)]

    told.clear()
    changed = queue.update_each([items[4].id, items[2].id, items[3].id, twins[1].id], progress=0.5)
    assert told == [(2, 4), (SHORT + 1, SHORT + 1)]
    assert changed == [items[2], items[3], items[4], twins[1]]
    assert all(item.progress == 0.5 for item in changed)


# -- the list ------------------------------------------------------------------------------


def shown_list(qtbot, count: int) -> tuple[QueueView, QueueModel, list[QueueItem]]:
    view = QueueView()
    qtbot.addWidget(view)
    queue, items = queue_of(count)
    queue.setParent(view)
    view.setModel(queue)
    view.resize(320, 400)
    view.show()
    view.executeDelayedItemsLayout()
    return view, queue, items


def test_a_progress_report_lays_out_only_the_row_restored(qtbot, monkeypatch):
    """Each report of a photo's progress changes its row; the other rows are not laid out
    again (Qt would, for each report: a thousand rows, many times a second)."""
    laid_out = []
    real = app.queue_view.lay_out_row

    def counting(*args):
        laid_out.append(args[0])
        return real(*args)

    monkeypatch.setattr(app.queue_view, "lay_out_row", counting)
    counts = []
    for count in (SHORT, LONG):
        view, queue, items = shown_list(qtbot, count)
        item = items[1]
        laid_out.clear()
        queue.update(item.id, status=ItemStatus.RESTORING, progress=0.1, time_left=90.0)
        queue.update(item.id, progress=0.2, time_left=80.0)
        view.executeDelayedItemsLayout()
        counts.append(len(laid_out))
        assert set(laid_out) == {item}
    assert counts[0] == counts[1]


def test_a_row_that_grows_still_pushes_the_rows_below_down(qtbot):
    view, queue, items = shown_list(qtbot, SHORT)
    first, second = (view.visualRect(queue.index(row)) for row in (0, 1))
    why = "the disk is full: free some space on the output folder's drive, then try again"
    queue.update(items[0].id, status=ItemStatus.FAILED, message=why)
    view.executeDelayedItemsLayout()
    failed = view.visualRect(queue.index(0))
    assert failed.height() > first.height()  # its reason, wrapped
    assert view.visualRect(queue.index(1)).top() > failed.bottom()

    queue.update(items[0].id, progress=0.5)  # shown nowhere: the row stays as it is
    view.executeDelayedItemsLayout()
    assert view.visualRect(queue.index(0)) == failed

    queue.update(items[0].id, status=ItemStatus.READY)
    view.executeDelayedItemsLayout()
    assert view.visualRect(queue.index(0)) == first
    assert view.visualRect(queue.index(1)) == second


# -- the window ----------------------------------------------------------------------------


def select_every_other_row(window: MainWindow, qtbot) -> None:
    """Select rows 0, 2, 4…, the second row (which stays) on show."""
    queue = window.queue
    shown = queue.item_at(1)
    window.queue_view.select_id(shown.id)
    qtbot.waitUntil(
        lambda: shown.name in window.windowTitle() and window.viewer.has_images(), timeout=WAIT_MS
    )
    selection = QItemSelection()
    for row in range(0, queue.rowCount(), 2):
        selection.select(queue.index(row), queue.index(row))
    flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
    window.queue_view.selectionModel().select(selection, flag)


def times_judged(qtbot, judged: list[MainWindow], action: QAction) -> int:
    """How many times the window's actions are judged as ``action`` is handled."""
    qtbot.wait(20)
    judged.clear()
    action.trigger()
    qtbot.wait(20)
    return len(judged)


def test_removing_scattered_rows_judges_the_actions_as_often_for_a_long_queue(
    make_window, qtbot, judged: list[MainWindow], tmp_path: Path
):
    """Each run of neighbours removed (and put back) is a change of the rows and of the
    selection; the actions, which read the whole queue and selection, are judged once they
    have all been made."""
    window = make_window()
    counts = []
    for count in (SHORT, LONG):
        window.add_paths([write_photo(tmp_path / f"{count}" / f"{n}.png") for n in range(count)])
        wait_until_read(qtbot, window)
        select_every_other_row(window, qtbot)
        rows, removed = window.queue.rowCount(), len(window.selection.selected())
        counts.append([times_judged(qtbot, judged, window.remove_action)])
        assert window.queue.rowCount() == rows - removed
        counts[-1].append(times_judged(qtbot, judged, window.undo_action))
        assert window.queue.rowCount() == rows
        assert window.remove_action.isEnabled() and not window.undo_action.isEnabled()
    assert counts[0] == counts[1]


def test_a_runs_progress_is_reckoned_without_looking_up_the_photos_waiting(
    qtbot, monkeypatch, app_settings: AppSettings, tiny_model: Path, tmp_path: Path
):
    """The run's progress, reported many times for each photo, weighs the photos waiting
    without looking each up in the queue: the lookups for each photo restored are as many in
    a long run as in a short one."""
    looked_up = item_lookups(monkeypatch)
    panel = SettingsPanel(app_settings)
    qtbot.addWidget(panel)
    settings = panel.restore_settings()
    assert settings is not None
    per_photo = []
    for count in (2, SHORT):
        queue = QueueModel()
        runner = RestoreRunner(queue)
        photos = [write_photo(tmp_path / f"{count}" / f"{n}.png") for n in range(count)]
        items = queue.add_paths(photos)
        queue.update_each([item.id for item in items], status=ItemStatus.READY, width=40, height=30)
        looked_up.clear()
        try:
            with qtbot.waitSignal(runner.run_finished, timeout=WAIT_MS):
                runner.start([item.id for item in items], settings)
        finally:
            runner.shutdown()
        assert all(item.status is ItemStatus.RESTORED for item in items)
        per_photo.append(len(looked_up) / count)
    panel.shutdown()
    assert per_photo[1] <= per_photo[0]
