"""A folder of a thousand photos added does not freeze the window while every row is measured:
the list measures its rows a batch at a time as the event loop turns, and the statuses and
sizes that rows share are wrapped once (counted here, not timed). A row selected before it is
laid out is scrolled to once it is, unless the person scrolls meanwhile. Keys and clicks act on
a list being laid out as they do on a list laid out in a single pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView

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


NO_KEYS = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
KEY_MOVES = {  # the current row when the keys are pressed, and the keys
    "end": (0, [(Qt.Key.Key_End, NO_KEYS)]),
    "page down twice": (0, [(Qt.Key.Key_PageDown, NO_KEYS)] * 2),
    "end, then page up": (0, [(Qt.Key.Key_End, NO_KEYS), (Qt.Key.Key_PageUp, NO_KEYS)]),
    "shift+end": (0, [(Qt.Key.Key_End, SHIFT)]),
    "page up from a row not laid out": (450, [(Qt.Key.Key_PageUp, NO_KEYS)]),
    "up from a row not laid out": (450, [(Qt.Key.Key_Up, NO_KEYS)]),
    "home from a row not laid out": (450, [(Qt.Key.Key_Home, NO_KEYS)]),
    "down": (0, [(Qt.Key.Key_Down, NO_KEYS)]),
    "shift+down": (0, [(Qt.Key.Key_Down, SHIFT)]),
    "down past the rows laid out": (99, [(Qt.Key.Key_Down, NO_KEYS)] * 2),
    "shift+down past the rows laid out": (98, [(Qt.Key.Key_Down, SHIFT)] * 3),
    "ctrl+a": (0, [(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)]),
}


def where_it_stands(view: QueueView) -> tuple[int, list[int], int]:
    """The list's current row, its selected rows and how far it is scrolled."""
    selected = sorted(index.row() for index in view.selectionModel().selectedRows())
    return view.currentIndex().row(), selected, view.verticalScrollBar().value()


def just_added(qtbot, mode: QListView.LayoutMode, current: int) -> QueueView:
    """A list laid out in ``mode``, a long folder just added to it and the row ``current``
    selected: the list is being laid out if it is laid out a batch at a time."""
    view, queue = shown_list(qtbot)
    view.setLayoutMode(mode)
    items = folder(600)
    queue.add_items(items)
    view.select_id(items[current].id)
    return view


def both_ways(qtbot, current: int) -> tuple[QueueView, QueueView]:
    """The list being laid out a batch at a time, and the same list laid out in one pass."""
    modes = (QListView.LayoutMode.Batched, QListView.LayoutMode.SinglePass)
    batched, single_pass = (just_added(qtbot, mode, current) for mode in modes)
    return batched, single_pass


@pytest.mark.parametrize("current, keys", KEY_MOVES.values(), ids=KEY_MOVES.keys())
def test_keys_move_over_a_list_being_laid_out_as_over_one_laid_out(qtbot, current, keys):
    views = both_ways(qtbot, current)
    for view in views:
        for key, modifiers in keys:
            QTest.keyClick(view, key, modifiers)
    batched, single_pass = views
    assert where_it_stands(batched) == where_it_stands(single_pass)


@pytest.mark.parametrize("modifiers", [NO_KEYS, SHIFT], ids=["click", "shift+click"])
def test_a_row_clicked_near_the_bottom_of_a_list_being_laid_out(qtbot, modifiers):
    views = both_ways(qtbot, 0)
    for view in views:
        bottom = QPoint(view.viewport().width() // 2, view.viewport().height() - 3)
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers, bottom)
    batched, single_pass = views
    assert batched.currentIndex().row() > 0
    assert where_it_stands(batched) == where_it_stands(single_pass)


def turn_the_wheel(view: QueueView) -> None:
    """A notch of the mouse wheel, down, over the list."""
    viewport = view.viewport()
    centre = QPointF(viewport.rect().center())
    down = QPoint(0, -120)
    wheel = QWheelEvent(
        centre,
        viewport.mapToGlobal(centre),
        QPoint(),
        down,
        Qt.MouseButton.NoButton,
        NO_KEYS,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)


def click_the_scroll_bar(view: QueueView) -> None:
    """A click on the scroll bar, below its handle."""
    bar = view.verticalScrollBar()
    QTest.mouseClick(
        bar, Qt.MouseButton.LeftButton, NO_KEYS, QPoint(bar.width() // 2, bar.height() * 3 // 4)
    )


@pytest.mark.parametrize("scroll", [turn_the_wheel, click_the_scroll_bar])
def test_scrolling_by_hand_cancels_the_scroll_to_a_row_not_laid_out(qtbot, scroll):
    view, queue = shown_list(qtbot)
    items = folder(LENGTHS[1])
    queue.add_items(items)
    view.select_id(items[-1].id)  # not laid out yet: to be scrolled to once it is
    scroll(view)
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0
    wait_until_laid_out(qtbot, view, queue)
    assert view.verticalScrollBar().value() == scrolled


def test_the_row_at_the_top_stays_there_as_the_list_is_laid_out_again(qtbot):
    view, queue = shown_list(qtbot)
    items = folder(LENGTHS[1], ItemStatus.READY, width=40, height=30)
    queue.add_items(items)
    wait_until_laid_out(qtbot, view, queue)
    view.scrollTo(queue.index(800), QListView.ScrollHint.PositionAtTop)
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))  # laid out again
    QApplication.processEvents()
    wait_until_laid_out(qtbot, view, queue)
    assert view.indexAt(QPoint(0, 0)).row() == 800
