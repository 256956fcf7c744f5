"""A folder of a thousand photos added does not freeze the window while every row is measured:
the list measures its rows a batch at a time as the event loop turns, and the statuses and
sizes that rows share are wrapped once (counted here, not timed). A row selected before it is
laid out is scrolled to once it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS

import app.queue_row
import app.queue_view
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, QueueModel
from app.queue_view import QueueView

LENGTHS = (250, 1000)
"""Two queue lengths, both longer than a batch of rows (``QListView.batchSize``)."""


def shown_list(qtbot) -> tuple[QueueView, QueueModel]:
    view = QueueView()
    qtbot.addWidget(view)
    queue = QueueModel(view)
    view.setModel(queue)
    view.resize(320, 400)
    view.show()
    return view, queue


def wait_until_laid_out(qtbot, view: QueueView, queue: QueueModel) -> None:
    """Until the list's last row has its place."""
    last = queue.index(queue.rowCount() - 1)
    qtbot.waitUntil(lambda: view.visualRect(last).isValid(), timeout=WAIT_MS)


def folder(count: int, status: ItemStatus = ItemStatus.READING, **fields) -> list[QueueItem]:
    return [
        QueueItem(Path(f"/folder{count}/{n}.png"), status=status, **fields) for n in range(count)
    ]


@pytest.fixture
def rows_laid_out(monkeypatch) -> list[QueueItem]:
    """The items whose rows are laid out (measured or painted) from now on."""
    laid_out: list[QueueItem] = []
    real = app.queue_view.lay_out_row

    def counting(item, *args):
        laid_out.append(item)
        return real(item, *args)

    monkeypatch.setattr(app.queue_view, "lay_out_row", counting)
    return laid_out


def test_a_long_folder_added_is_measured_a_batch_at_a_time(qtbot, rows_laid_out):
    at_once = []
    for count in LENGTHS:
        view, queue = shown_list(qtbot)
        rows_laid_out.clear()
        items = folder(count)
        queue.add_items(items)
        view.select_id(items[0].id)  # the first photo added goes on show
        at_once.append(len(rows_laid_out))
        wait_until_laid_out(qtbot, view, queue)
        assert set(items) <= set(rows_laid_out)
    assert at_once[0] == at_once[1] < LENGTHS[0]


def test_a_row_selected_before_it_is_laid_out_is_scrolled_to(qtbot):
    view, queue = shown_list(qtbot)
    queue.add_items(folder(LENGTHS[0], ItemStatus.READY, width=40, height=30))
    wait_until_laid_out(qtbot, view, queue)
    added = folder(LENGTHS[1])
    queue.add_items(added)
    view.select_id(added[-1].id)
    last = queue.index(queue.rowCount() - 1)
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.visualRect(last)), timeout=WAIT_MS)


def test_the_statuses_and_sizes_rows_share_are_wrapped_once(qtbot, monkeypatch):
    wrapped = []
    real = app.queue_row._lines

    def counting(text, *args):
        wrapped.append(text)
        return real(text, *args)

    monkeypatch.setattr(app.queue_row, "_lines", counting)
    counts = []
    for count in LENGTHS:
        view, queue = shown_list(qtbot)
        wrapped.clear()
        items = folder(count, ItemStatus.FAILED, width=count, height=30, message=f"no room {count}")
        queue.add_items(items)
        wait_until_laid_out(qtbot, view, queue)
        counts.append(len(wrapped))
    assert counts[0] == counts[1]
