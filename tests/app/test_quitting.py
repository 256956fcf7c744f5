"""Before the window closes: what quitting would lose, the questions put about it and their
order, and the question's words; without the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.item_status import ItemStatus
from app.photo_queue import QueueItem
from app.quit_question import confirm_quit
from app.quitting import QueueLoss, may_quit, queue_loss

KEPT = "The queue comes back the next time Rekindle starts, with the results that were saved.\n"
STOPS = "Restoring stops, and they stay in the queue to be restored another time.\n"
LOST = "Restorations that are not saved are lost.\n"


class Person:
    """Answers each question with the next of ``answers``; notes which were put."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked: list[object] = []

    def queue(self, loss: QueueLoss) -> bool:
        self.asked.append(loss)
        return self.answers.pop(0)

    def training(self) -> bool:
        self.asked.append("training")
        return self.answers.pop(0)


def test_restorations_under_way_or_waiting_would_be_lost():
    statuses = [ItemStatus.QUEUED, ItemStatus.RESTORING, ItemStatus.READY, ItemStatus.RESTORED]
    items = [QueueItem(Path(f"{n}.png"), status=s) for n, s in enumerate(statuses)]
    assert queue_loss(items, unsaved=1) == QueueLoss(in_flight=2, unsaved=1)
    assert not queue_loss(items[2:], unsaved=0)


def test_restored_photos_removed_but_not_saved_would_be_lost():
    ready = [QueueItem(Path("a.png"), status=ItemStatus.READY)]
    assert queue_loss(ready, unsaved=0, removed=2) == QueueLoss(unsaved=0, removed=2)
    assert queue_loss(ready, unsaved=0, removed=2)


def test_nothing_to_lose_quits_without_a_question():
    person = Person()
    assert may_quit(QueueLoss(), person.queue, lambda: False, person.training)
    assert person.asked == []


@pytest.mark.parametrize("answer", [True, False])
def test_the_queues_work_is_asked_about_in_one_question(answer: bool):
    person = Person(answer)
    loss = QueueLoss(in_flight=2, unsaved=3)
    assert may_quit(loss, person.queue, lambda: False, person.training) is answer
    assert person.asked == [loss]


def test_training_is_asked_about_after_the_queue_and_not_after_a_no():
    person = Person(True, False)
    loss = QueueLoss(unsaved=1)
    assert not may_quit(loss, person.queue, lambda: True, person.training)
    assert person.asked == [loss, "training"]
    person = Person(False)
    assert not may_quit(loss, person.queue, lambda: True, person.training)
    assert person.asked == [loss]


def test_training_that_ended_while_the_queue_was_asked_about_is_not_asked_about():
    training = [True]

    def queue_question(_loss: QueueLoss) -> bool:
        training[0] = False  # the wizard finished meanwhile
        return True

    assert may_quit(QueueLoss(in_flight=1), queue_question, lambda: training[0], Person().training)


@pytest.mark.parametrize(
    ("loss", "text"),
    [
        (
            QueueLoss(in_flight=2),
            f"Photos and films being restored or waiting: 2.\n{STOPS}{KEPT}Quit anyway?",
        ),
        (
            QueueLoss(unsaved=1),
            f"Restored photos that are not saved: 1.\n{LOST}{KEPT}Quit anyway?",
        ),
        (
            QueueLoss(removed=2),
            "Restored photos removed from the queue that are not saved (Undo puts them back): "
            f"2.\n{LOST}{KEPT}Quit anyway?",
        ),
        (
            QueueLoss(in_flight=1, unsaved=4),
            f"Photos and films being restored or waiting: 1.\n{STOPS}"
            f"Restored photos that are not saved: 4.\n{LOST}{KEPT}Quit anyway?",
        ),
    ],
)
def test_the_question_says_what_would_be_lost(monkeypatch, loss: QueueLoss, text: str):
    put = []

    def question(_parent, title, asked, buttons, default):
        put.append((title, asked, default))
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    assert confirm_quit(None, loss)
    assert put == [("Quit Rekindle", text, QMessageBox.StandardButton.Cancel)]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Cancel)
    assert not confirm_quit(None, loss)
