"""The job protocol: progress as events, and pause, resume and cancel through the token."""

import threading
import time

import pytest

from engine.errors import Cancelled
from engine.progress import CancelToken, Progress, ProgressEvent


def test_an_update_reaches_the_listener_as_an_event_placed_in_the_whole_job():
    events: list[ProgressEvent] = []
    frames = Progress(events.append).span(0.0, 0.5)
    frames.update(3, 10, "3/10 frames", unit="frame")
    assert events == [ProgressEvent(3, 10, "frame", "3/10 frames", 0, 0.15, 0.0)]


def test_nested_parts_report_their_own_units_and_the_whole_jobs_fraction():
    events: list[ProgressEvent] = []
    photos = Progress(events.append)
    photos.update(1, 4, "b.jpg", unit="photo")
    photos.part(1, 4).update(50, 100, unit="pixel")
    assert [(e.unit, e.done, e.total) for e in events] == [("photo", 1, 4), ("pixel", 50, 100)]
    assert [e.fraction for e in events] == [0.25, pytest.approx(0.375)]


def test_a_resumed_job_says_where_it_resumed_from_in_units_and_in_the_whole_job():
    events: list[ProgressEvent] = []
    Progress(events.append).span(0.0, 0.5).update(6, 10, unit="frame", resumed_from=4)
    event = events[0]
    assert (event.resumed_from, event.resumed_fraction, event.fraction) == (4, 0.2, 0.3)


def test_an_event_is_frozen_and_nothing_is_resumed_by_default():
    event = ProgressEvent(1, 2)
    assert (event.unit, event.what, event.resumed_from, event.resumed_fraction) == ("", "", 0, 0)
    with pytest.raises(AttributeError):
        event.done = 2  # type: ignore[misc]


def test_a_progress_without_a_listener_reports_nowhere():
    Progress().update(1, 2, "nothing listens")


def test_cancel_stops_the_job_at_its_next_check():
    token = CancelToken()
    progress = Progress(token=token)
    progress.check()
    token.cancel()
    with pytest.raises(Cancelled):
        progress.check()


def _checking(progress: Progress) -> tuple[threading.Thread, list[str]]:
    """A job on a thread that checks once and records how it went."""
    outcome: list[str] = []

    def job() -> None:
        try:
            progress.check()
            outcome.append("went on")
        except Cancelled:
            outcome.append("cancelled")

    thread = threading.Thread(target=job)
    thread.start()
    return thread, outcome


def test_a_paused_job_waits_at_its_check_until_resumed():
    token = CancelToken()
    token.pause()
    assert token.paused
    thread, outcome = _checking(Progress(token=token))
    time.sleep(0.1)
    assert thread.is_alive() and outcome == []
    token.resume()
    thread.join(5)
    assert outcome == ["went on"] and not token.paused


def test_cancel_works_while_paused():
    token = CancelToken()
    token.pause()
    thread, outcome = _checking(Progress(token=token))
    time.sleep(0.1)
    token.cancel()
    thread.join(5)
    assert outcome == ["cancelled"] and not token.paused
