"""A long queue whose rows change one at a time (a folder's photos read one by one) has the
window's actions judged a few times while they change, not once per row changed: each
judgement reads the whole queue (counted here, not timed). The last change is judged too."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem

LENGTH = 1000
CHANGES = 100


def test_rows_read_one_at_a_time_have_the_actions_judged_a_few_times(
    make_window, qtbot, monkeypatch
):
    judged: list[MainWindow] = []
    real = MainWindow._update_actions

    def counting(window: MainWindow) -> None:
        judged.append(window)
        real(window)

    monkeypatch.setattr(MainWindow, "_update_actions", counting)
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
