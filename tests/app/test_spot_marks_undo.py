"""Marks on a large photo stay quick to edit: an undo step keeps only what its step changed (a
stroke takes the room of the stroke, whatever the photo's size) and puts the marks back
exactly as they were, a change too large to outline at once is outlined band by band, and
kept marks are made ready to edit on a job, off the window's thread."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from marking_helpers import (
    SPECK,
    WAIT_MS,
    drag,
    mark_and_keep,
    paint,
    start_marking,
    window_on_speckled,
)
from PySide6.QtCore import QPoint, QPointF

import app.spot_marking
import app.spot_marks
from app.spot_marks import SpotMarks
from engine.retouch.marks import marks_digest


@pytest.fixture
def small_bands(monkeypatch):
    """Changes of more than 500 pixels are outlined band by band, and strokes keep how the
    marks were before them in tiles of 16 pixels."""
    monkeypatch.setattr(app.spot_marks, "OUTLINE_PIXELS", 500)
    monkeypatch.setattr(app.spot_marks, "TILE", 16)


def outlined(marks: SpotMarks) -> np.ndarray:
    """The marks once all is outlined (the window does it a band at each turn)."""
    while marks.outline_pending():
        marks.outline_next()
    return marks.mask.copy()


def made_anew(mask: np.ndarray) -> np.ndarray:
    """How marks where ``mask`` is marked look when they are made from nothing."""
    return SpotMarks(mask).mask


def test_undo_steps_are_small_and_put_the_marks_back_exactly():
    marks = SpotMarks.blank(4000, 3000)
    paint(marks, [QPointF(100, 100), QPointF(3000, 2500)], 20)
    first = outlined(marks)
    paint(marks, [QPointF(500, 100), QPointF(500, 2900)], 40, erase=True)
    assert sum(len(step.bits) for step in marks._undo) < 100_000
    marks.undo()
    assert np.array_equal(outlined(marks), first)
    assert marks.image.pixelIndex(QPoint(100, 100)) == 255  # the image shows the mask itself


def test_a_strokes_undo_step_takes_the_same_room_on_a_48_megapixel_photo_as_on_a_small_one():
    def room(width: int, height: int) -> list[int]:
        marks = SpotMarks.blank(width, height)
        for turn in range(20):
            x = 20 + 10 * turn
            paint(marks, [QPointF(x, 30), QPointF(x + 5, 60)], 4, erase=turn % 3 == 2)
        return [len(step.bits) for step in marks._undo]

    assert room(8000, 6000) == room(300, 200)


def test_a_stroke_going_back_and_forth_keeps_each_pixels_earlier_marks_once():
    marks = SpotMarks.blank(3000, 2000)
    marks.begin_stroke(QPointF(1000, 1000), 200, erase=False)
    for turn in range(100):
        marks.extend_stroke(QPointF(1000 + 300 * (turn % 2), 1000))
    kept = sum(was.nbytes for was in marks._stroke.before.values())
    assert kept <= (300 + 2 * 200 + 2 * app.spot_marks.TILE) * (2 * 200 + 2 * app.spot_marks.TILE)
    marks.end_stroke()
    marks.undo()
    assert not marks.mask.any()


def _random_step(marks: SpotMarks, rng: np.random.Generator, turn: int) -> None:
    """A stroke (some reaching past the photo's edges), a search's spots or a clearing."""
    height, width = marks.shape
    if turn % 8 == 7:
        marks.clear()
    elif turn % 8 == 6:
        found = np.zeros((height, width), np.uint8)
        top, left = rng.integers(0, height - 20), rng.integers(0, width - 30)
        found[top : top + 20, left : left + 30] = 255
        marks.add(found)
    else:
        points = [QPointF(*rng.uniform(-20, 140, 2)) for _ in range(rng.integers(1, 5))]
        paint(marks, points, rng.uniform(1, 12), erase=bool(rng.integers(0, 3) == 0))


def test_each_undo_puts_back_the_marks_as_they_were_before_its_step(small_bands):
    rng = np.random.default_rng(5)
    marks = SpotMarks.blank(120, 90)
    before = []
    for turn in range(40):
        before.append(outlined(marks))
        _random_step(marks, rng, turn)
        mask = outlined(marks)
        assert np.array_equal(mask, made_anew(mask))  # outlined as if made anew
        assert marks.is_marked == bool(mask.any())
        assert marks.digest() == (marks_digest(mask) if mask.any() else "")
    for state in reversed(before):
        marks.undo()
        assert np.array_equal(outlined(marks), state)
    assert not marks.can_undo()


def test_a_search_ending_during_a_stroke_parts_the_stroke_in_two_steps():
    marks = SpotMarks.blank(100, 60)
    found = np.zeros((60, 100), np.uint8)
    found[40:50, 80:90] = 255
    marks.begin_stroke(QPointF(10, 10), 3, erase=False)
    marks.extend_stroke(QPointF(30, 10))
    first_part = outlined(marks)
    marks.add(found)
    with_spots = outlined(marks)
    marks.extend_stroke(QPointF(30, 40))
    marks.end_stroke()
    marks.undo()
    assert np.array_equal(outlined(marks), with_spots)
    marks.undo()
    assert np.array_equal(outlined(marks), first_part)
    marks.undo()
    assert not marks.mask.any() and not marks.can_undo()


def test_undo_during_a_stroke_takes_back_what_it_painted_so_far_and_the_rest_is_undoable():
    marks = SpotMarks.blank(100, 60)
    marks.begin_stroke(QPointF(10, 10), 3, erase=False)
    marks.extend_stroke(QPointF(30, 10))
    marks.undo()
    assert not marks.mask.any()
    marks.extend_stroke(QPointF(30, 40))  # the mouse still held down
    marks.end_stroke()
    assert marks.mask[40, 30] and not marks.mask[10, 10]
    marks.undo()
    assert not marks.mask.any() and not marks.can_undo()


def test_the_window_outlines_a_large_change_band_by_band(make_window, qtbot, tmp_path, small_bands):
    window, _, _ = window_on_speckled(make_window, qtbot, tmp_path)
    marking = start_marking(window, qtbot)
    window.viewer.set_zoom(1.0)
    drag(window.viewer, [QPointF(10, 10), QPointF(60, 40)])
    marks = marking._marks
    qtbot.waitUntil(lambda: not marks.outline_pending(), timeout=WAIT_MS)
    painted = marks.mask.copy()
    assert np.array_equal(painted, made_anew(painted))
    marking.bar.clear_button.click()
    window.undo_action.trigger()
    assert marks.outline_pending()  # too large to outline at once
    qtbot.waitUntil(lambda: not marks.outline_pending(), timeout=WAIT_MS)
    assert np.array_equal(marks.mask, painted)


def test_kept_marks_are_made_ready_to_edit_off_the_windows_thread(
    make_window, qtbot, tmp_path, monkeypatch
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK)
    made_on = []

    class Noted(SpotMarks):
        def __init__(self, marks: np.ndarray) -> None:
            made_on.append(threading.current_thread())
            super().__init__(marks)

    monkeypatch.setattr(app.spot_marking, "SpotMarks", Noted)
    marking = start_marking(window, qtbot)
    assert made_on and threading.main_thread() not in made_on
    assert marking._marks.mask[21, 21]  # the speck kept
