"""The question before quitting says what quitting loses and what the workspace keeps for next
time; and what it says comes back does: the queue, in order, with the results saved, the
photos being restored or waiting and those restored but not saved back, not restored."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, wait_for_status, wait_until_read, write_photo
from PySide6.QtWidgets import QMessageBox
from test_gui_mid_run import held  # noqa: F401 (a fixture)

from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.quit_question import confirm_quit
from app.quitting import QueueLoss

KEPT = "The queue comes back the next time Rekindle starts, with the results that were saved."
STOPS = "Restoring stops, and they stay in the queue to be restored another time."
LOST = "Restorations that are not saved are lost."
REMOVED = "Restored photos removed from the queue that are not saved (Undo puts them back): 2."


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The questions asked before quitting, each answered Discard."""
    questions: list[str] = []

    def question(_parent, _title, text, *_args):
        questions.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


@pytest.mark.parametrize(
    ("loss", "lines"),
    [
        (QueueLoss(in_flight=2), ["Photos and films being restored or waiting: 2.", STOPS]),
        (QueueLoss(unsaved=1), ["Restored photos that are not saved: 1.", LOST]),
        (QueueLoss(removed=2), [REMOVED, LOST]),
        (
            QueueLoss(in_flight=1, unsaved=4, removed=2),
            [
                "Photos and films being restored or waiting: 1.",
                STOPS,
                "Restored photos that are not saved: 4.",
                REMOVED,
                LOST,
            ],
        ),
    ],
)
def test_the_question_says_what_is_lost_and_what_comes_back(
    asked: list[str], loss: QueueLoss, lines: list[str]
):
    assert confirm_quit(None, loss)
    assert asked == ["\n".join([*lines, KEPT, "Quit anyway?"])]


def test_what_the_question_says_comes_back_does(
    make_window,
    qtbot,
    tiny_model,
    tmp_path: Path,
    app_settings,
    asked: list[str],
    held,  # noqa: F811
):
    window = MainWindow(app_settings)  # asks before quitting, and saves nothing by itself
    qtbot.addWidget(window)
    window.show()
    paths = [write_photo(tmp_path / f"{name}.png") for name in "abcd"]
    saved, unsaved, *_waiting = window.add_paths(paths)
    wait_until_read(qtbot, window)
    held.release.set()
    for item in (saved, unsaved):
        window.queue_view.select_id(item.id)
        window.restore_selected()
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
    window.queue_view.select_id(saved.id)
    window.save_selected()
    qtbot.waitUntil(lambda: saved.saved_to is not None, timeout=WAIT_MS)
    held.release.clear()
    held.entered.clear()
    window.restore_all()
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    held.release.set()  # the worker goes on, its report not taken before the window closes

    assert window.close()
    lines = ["Photos and films being restored or waiting: 2.", STOPS]
    lines += ["Restored photos that are not saved: 1.", LOST, KEPT, "Quit anyway?"]
    assert asked == ["\n".join(lines)]

    again = make_window()
    assert [item.name for item in again.queue.items()] == [path.name for path in paths]
    wait_until_read(qtbot, again)
    back = again.queue.items()
    assert [item.status for item in back] == [ItemStatus.RESTORED] + [ItemStatus.READY] * 3
    assert back[0].saved_to == saved.saved_to
    assert all(item.result is None and item.saved_to is None for item in back[1:])
