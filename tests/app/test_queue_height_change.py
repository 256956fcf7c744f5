"""A row changing height during a run (its status wrapping onto another line) leaves what the
person looks at in place: the list is laid out again in a single pass, the rows' heights being
known, so it is never shown blank while batches of rows are laid out, and the row at the top of
the list stays there, as far scrolled past as it was. A long folder added later is still laid
out a batch at a time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView
from test_queue_batched_layout import folder, shown_list, wait_until_laid_out

from app.item_status import ItemStatus
from app.photo_queue import QueueModel
from app.queue_row import lay_out_row
from app.queue_view import QueueView

ROWS = 300
TOP_ROW = 150
"""The row scrolled to the top of the list, part of it scrolled past."""
SCROLLED_PAST = 20
EVENT_LOOP_TURNS = 10
"""More turns than a layout of ``ROWS`` rows a batch at a time takes."""
LONG_MESSAGE = (
    "the disk is full: free some space on the output folder's drive, or choose another "
    "folder in the settings, then restore again"
)
CHANGED_ROWS = {"above the top": TOP_ROW - 10, "at the top": TOP_ROW, "in view": TOP_ROW + 2}


def top_of(view: QueueView) -> tuple[int, int]:
    """The row at the top of the list (-1 where none is shown) and where its top is."""
    index = view.indexAt(QPoint(view.viewport().width() // 2, 0))
    return index.row(), view.visualRect(index).top()


def scrolled_to_the_middle(qtbot) -> tuple[QueueView, QueueModel]:
    """A list of ``ROWS`` photos laid out, ``SCROLLED_PAST`` pixels past the top of its
    ``TOP_ROW``."""
    view, queue = shown_list(qtbot)
    queue.add_items(folder(ROWS, ItemStatus.READY, width=40, height=30))
    wait_until_laid_out(qtbot, view, queue)
    view.scrollTo(queue.index(TOP_ROW), QListView.ScrollHint.PositionAtTop)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + SCROLLED_PAST)
    assert top_of(view) == (TOP_ROW, -SCROLLED_PAST)
    return view, queue


def tops_while_the_event_loop_turns(view: QueueView) -> set[tuple[int, int]]:
    """The tops of the list found now (the first question of where a row is, as a hover
    asks) and after each turn of the event loop."""
    tops = {top_of(view)}
    for _ in range(EVENT_LOOP_TURNS):
        QApplication.processEvents()
        tops.add(top_of(view))
    return tops


def assert_rows_as_tall_as_their_texts(view: QueueView, queue: QueueModel, rows: range) -> None:
    """Each row is as tall as its texts lay out, right under the one before it."""
    width = view.viewport().width()
    for row in rows:
        index = queue.index(row)
        hint = index.data(QueueModel.FolderHintRole) or ""
        height = lay_out_row(queue.item_at(row), hint, view.font(), QRect(0, 0, width, 0)).height
        rect = view.visualRect(index)
        assert rect.height() == height
        assert rect.top() == view.visualRect(queue.index(row - 1)).bottom() + 1


@pytest.mark.parametrize("changed", CHANGED_ROWS.values(), ids=CHANGED_ROWS.keys())
def test_a_row_growing_moves_nothing_in_view(qtbot, changed):
    view, queue = scrolled_to_the_middle(qtbot)
    item = queue.item_at(changed)
    height = view.visualRect(queue.index(changed)).height()
    queue.update(item.id, status=ItemStatus.FAILED, message=LONG_MESSAGE)
    assert tops_while_the_event_loop_turns(view) == {(TOP_ROW, -SCROLLED_PAST)}
    assert view.visualRect(queue.index(changed)).height() > height
    assert_rows_as_tall_as_their_texts(view, queue, range(TOP_ROW - 15, TOP_ROW + 15))


def test_a_row_shrinking_above_the_top_moves_nothing_in_view(qtbot):
    view, queue = scrolled_to_the_middle(qtbot)
    item = queue.item_at(CHANGED_ROWS["above the top"])
    queue.update(item.id, status=ItemStatus.FAILED, message=LONG_MESSAGE)
    tops_while_the_event_loop_turns(view)
    queue.update(item.id, status=ItemStatus.READY, message="")
    assert tops_while_the_event_loop_turns(view) == {(TOP_ROW, -SCROLLED_PAST)}
    assert_rows_as_tall_as_their_texts(view, queue, range(TOP_ROW - 15, TOP_ROW + 15))


def test_a_folder_added_after_a_key_is_still_laid_out_a_batch_at_a_time(qtbot):
    view, queue = shown_list(qtbot)
    queue.add_items(folder(600))
    QTest.keyClick(view, Qt.Key.Key_End)  # the rest laid out at once, for the key
    assert view.visualRect(queue.index(599)).isValid()
    queue.add_items(folder(1000))
    assert not view.visualRect(queue.index(queue.rowCount() - 1)).isValid()
    wait_until_laid_out(qtbot, view, queue)
