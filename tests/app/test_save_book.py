"""The book of saves: what is handed to the saver, what is reported, what quitting would lose."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.save_book import SaveBook, SavesDone

PLACE = Path("restored/a.png")


@dataclass
class Result:
    id: int
    saved_to: Path | None = None
    can_be_saved: bool = True


def test_only_results_that_can_be_saved_and_are_not_being_saved_are_handed_over():
    book = SaveBook()
    a, b, unrestored = Result(1), Result(2), Result(3, can_be_saved=False)
    assert book.start([a, unrestored], by_hand=True) == [a]
    assert book.start([a, b], by_hand=True) == [b]  # a is being saved already
    assert book.start([unrestored], by_hand=True) == []


def test_saves_asked_for_together_are_reported_once_the_last_is_written():
    book = SaveBook()
    book.start([Result(1), Result(2)], by_hand=True)
    assert book.written(1, PLACE) is None
    assert book.written(2, PLACE) == SavesDone(2, 0, (PLACE,) * 2)


def test_saves_made_at_once_after_restoring_are_never_reported():
    book = SaveBook()
    book.start([Result(1)], by_hand=False)
    book.start([Result(2)], by_hand=True)
    assert book.written(1, PLACE) is None
    assert book.written(2, PLACE) == SavesDone(1, 0, (PLACE,) * 1)


def test_a_failed_save_is_counted_apart_in_the_report():
    book = SaveBook()
    a, b, c = Result(1), Result(2), Result(3)
    book.start([a, b, c], by_hand=True)
    assert book.written(1, PLACE) is None
    assert book.failed(2) == (False, None)
    assert book.written(3, PLACE) == SavesDone(2, 1, (PLACE,) * 2)
    assert book.start([b], by_hand=True) == [b]  # no longer being saved: it may be tried again


def test_saves_whose_last_answer_is_a_failure_are_reported_then():
    """A full disk fails the last saves of a Save All: the report still comes, counting both."""
    book = SaveBook()
    book.start([Result(1), Result(2), Result(3)], by_hand=True)
    assert book.written(1, PLACE) is None
    assert book.failed(2) == (False, None)
    assert book.failed(3) == (False, SavesDone(1, 2, (PLACE,) * 1))
    book.start([Result(4)], by_hand=False)
    assert book.failed(4) == (True, None)  # made at once: never reported


def test_saves_asked_for_while_others_are_pending_join_their_report_and_the_next_starts_anew():
    book = SaveBook()
    book.start([Result(1)], by_hand=True)
    book.start([Result(2)], by_hand=True)
    assert book.written(1, PLACE) is None
    assert book.written(2, PLACE) == SavesDone(2, 0, (PLACE,) * 2)
    book.start([Result(3)], by_hand=True)
    assert book.written(3, PLACE) == SavesDone(1, 0, (PLACE,) * 1)


def test_quitting_would_lose_the_results_neither_saved_nor_being_saved():
    book = SaveBook()
    saved, saving, unsaved = Result(1, Path("a.png")), Result(2), Result(3)
    book.start([saving], by_hand=False)
    assert book.unsaved([saved, saving, unsaved]) == [unsaved]
    book.failed(saving.id)
    assert book.unsaved([saved, saving, unsaved]) == [saving, unsaved]
