"""Marking spots: Redo (Ctrl+Shift+Z or Ctrl+Y, and the bar's button) takes again what Undo
took back, a stroke, a search or Clear, until the marks change again; the brush keeps its
size on screen zoomed in, and its size in the photo as at 100% zoomed out, so a thin
scratch marked at Fit on a large scan gets a thin mark; and a result made before the marks
alone changed says so."""

from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import wait_until_read, write_photo
from marking_helpers import SPECK, WAIT_MS, drag, paint, start_marking, window_on_speckled
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from app.spot_marks import SpotMarks
from app.stale_note import StaleNote
from engine.recipe import Recipe


def test_redo_takes_again_each_step_undone_until_the_marks_change():
    marks = SpotMarks.blank(200, 100)
    paint(marks, [QPointF(20, 20), QPointF(180, 20)], 3)
    one = marks.mask.copy()
    paint(marks, [QPointF(20, 80), QPointF(180, 80)], 3)
    two = marks.mask.copy()
    marks.clear()
    assert not marks.can_redo()
    marks.undo()
    marks.undo()
    assert np.array_equal(marks.mask, one) and marks.can_redo()
    marks.redo()
    assert np.array_equal(marks.mask, two)
    marks.redo()
    assert not marks.mask.any() and not marks.can_redo()
    marks.undo()
    marks.undo()
    paint(marks, [QPointF(100, 50)], 3)  # a new stroke: what was undone is gone
    assert not marks.can_redo()
    marks.redo()
    assert marks.mask[50, 100] and not marks.mask[80, 100]


@pytest.fixture
def speckled_window(make_window, qtbot, tiny_model, tmp_path):
    return window_on_speckled(make_window, qtbot, tmp_path)


@pytest.mark.parametrize(
    "keys",
    [(Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier), (Qt.Key.Key_Y, Qt.KeyboardModifier(0))],
)
def test_the_redo_keys_take_again_a_search_undone(speckled_window, qtbot, keys):
    window, _, _ = speckled_window
    marking = start_marking(window, qtbot)
    marking.bar.find_button.click()
    qtbot.waitUntil(lambda: marking._marks.mask.any(), timeout=WAIT_MS)
    found = marking._marks.mask.copy()
    window.undo_action.trigger()
    assert not marking._marks.mask.any() and marking.bar.redo_button.isEnabled()
    key, modifier = keys
    QTest.keyClick(window.viewer, key, Qt.KeyboardModifier.ControlModifier | modifier)
    assert np.array_equal(marking._marks.mask, found)
    assert not marking.bar.redo_button.isEnabled()


def test_the_redo_button_takes_again_a_stroke_undone(speckled_window, qtbot):
    window, _, _ = speckled_window
    marking = start_marking(window, qtbot)
    window.viewer.set_zoom(1.0)
    drag(window.viewer, SPECK)
    painted = marking._marks.mask.copy()
    marking.bar.undo_button.click()
    marking.bar.redo_button.click()
    assert np.array_equal(marking._marks.mask, painted)


def test_the_brush_is_its_size_on_screen_zoomed_in_and_in_the_photo_zoomed_out(
    make_window, qtbot, tiny_model, tmp_path
):
    window = make_window()
    window.add_paths([write_photo(tmp_path / "scan.png", 3000, 2000)])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    marking = start_marking(window, qtbot)
    marking.bar.brush.setValue(10)
    window.viewer.fit()
    assert window.viewer.brush_scale() < 0.5  # a screen pixel covers several of the photo's
    drag(window.viewer, [QPointF(1000, 1000), QPointF(2000, 1000)])  # a thin scratch
    band = np.count_nonzero(marking._marks.mask[:, 1500])
    assert 0 < band <= 2 * 10 + 1
    window.viewer.set_zoom(4.0)
    assert marking._brush_radius() == pytest.approx(10 / 4)


def test_a_result_made_before_the_marks_alone_changed_says_so(qtbot):
    note = StaleNote()
    qtbot.addWidget(note)
    note.show_for(Recipe(model="a", spots="1f2e3d"), Recipe(model="a", spots="4c5b6a"))
    assert note.text() == (
        "Made before the marks changed — Restore again to make a new result with the marks as "
        "they are now"
    )
    note.show_for(Recipe(model="a", spots="found"), Recipe(model="a", spots="4c5b6a", grain=0.2))
    assert note.text() == (
        "Made with other settings: marked spots, grain added — Restore again to make a new result "
        "with the current settings"
    )
    note.show_for(Recipe(model="a"), Recipe(model="a", spots="found"))
    assert note.text() == (
        "Made with other settings: dust and specks — Restore again to make a new result "
        "with the current settings"
    )
