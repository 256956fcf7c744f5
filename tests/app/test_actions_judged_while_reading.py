"""A long queue whose rows change one at a time (a folder's photos read one by one) has the
window's actions judged a few times while they change, not once per row changed: each
judgement reads the whole queue (counted here, not timed). The last change is judged too. Rows the
person selects have them judged at once, however long the queue."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.item_status import ItemStatus
from app.main_window import JUDGING_GAP_MOST_MS, JUDGING_GAP_PER_ROW_MS
from app.photo_queue import QueueItem

LENGTH = 1000
CHANGES = 100


def test_rows_read_one_at_a_time_have_the_actions_judged_a_few_times(make_window, qtbot, judged):
    window = make_window()
    read = QImage(4, 3, QImage.Format.Format_RGB32)  # no reading asked for
    items = [
        QueueItem(Path(f"/folder/{n}.png"), status=ItemStatus.READING, thumbnail=read)
        for n in range(LENGTH)
    ]
    window.queue.add_items(items)
    qtbot.wait(300)  # the rows are laid out, the actions judged
    judged.clear()

    for item in items[:CHANGES]:  # a photo read at each turn of the event loop
        window.queue.update(item.id, status=ItemStatus.READY, width=40, height=30)
        QApplication.processEvents()
    assert len(judged) < CHANGES / 4

    assert not window.save_all_action.isEnabled()
    window.queue.update(items[-1].id, status=ItemStatus.RESTORED)
    qtbot.waitUntil(window.save_all_action.isEnabled, timeout=WAIT_MS)


def test_rows_selected_have_the_actions_judged_at_the_next_turn(make_window, qtbot, judged):
    window = make_window()
    longest = round(JUDGING_GAP_MOST_MS / JUDGING_GAP_PER_ROW_MS)  # judged the least often
    items = [QueueItem(Path(f"/folder/{n}.png"), status=ItemStatus.READY) for n in range(longest)]
    window.queue.add_items(items)
    view = window.queue_view
    view.select_id(items[1].id)
    view.clearSelection()  # the row stays the current one
    qtbot.waitUntil(lambda: not window.remove_action.isEnabled(), timeout=WAIT_MS)
    judged.clear()
    window.queue.update(items[0].id, width=40, height=30)
    qtbot.waitUntil(lambda: bool(judged), timeout=WAIT_MS)

    window.queue.update(items[1].id, width=40, height=30)  # judged a while after the last
    QTest.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)  # selected
    QApplication.processEvents()
    assert window.remove_action.isEnabled()
