"""The comparison viewer from the keyboard: the split and panning by keys, and what a screen
reader is told (its name, and a description in step with what it paints)."""

from __future__ import annotations

import pytest
from gui_helpers import marked_pair, shown_viewer
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest

from app.viewer import ComparisonViewer

VIEW_SIZE = (400, 300)
DEEP_ZOOM = 16.0  # the 96x64 after image overflows the view on both axes, far from its edges
SHIFT = Qt.KeyboardModifier.ShiftModifier
POINT = QPointF(48, 32)  # the after image's centre


@pytest.fixture
def viewer(qtbot) -> ComparisonViewer:
    return shown_viewer(qtbot, VIEW_SIZE, *marked_pair())


def read_out(widget: ComparisonViewer) -> tuple[str, str]:
    """The name and description a screen reader gets."""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name), face.text(QAccessible.Text.Description)


def test_comma_period_home_and_end_move_the_split(viewer: ComparisonViewer):
    splits = []
    for key in (Qt.Key.Key_Comma, Qt.Key.Key_Comma, Qt.Key.Key_Period, Qt.Key.Key_Home):
        QTest.keyClick(viewer, key)
        splits.append(viewer.split())
    QTest.keyClick(viewer, Qt.Key.Key_End)
    splits.append(viewer.split())
    assert splits == pytest.approx([0.45, 0.40, 0.45, 0.0, 1.0])


def test_left_and_right_move_the_split_while_the_picture_fits(viewer: ComparisonViewer):
    assert viewer.is_fitted()
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.split() == pytest.approx(0.45)
    QTest.keyClick(viewer, Qt.Key.Key_Right, SHIFT)
    assert viewer.split() == pytest.approx(0.70)


def test_arrow_keys_pan_a_zoomed_picture_and_leave_the_split(viewer: ComparisonViewer):
    viewer.set_zoom(DEEP_ZOOM)
    width, height = VIEW_SIZE
    start = viewer.map_after_to_widget(POINT)
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.map_after_to_widget(POINT) == start + QPointF(width / 10, 0)
    QTest.keyClick(viewer, Qt.Key.Key_Down)
    assert viewer.map_after_to_widget(POINT) == start + QPointF(width / 10, -height / 10)
    QTest.keyClick(viewer, Qt.Key.Key_Right, SHIFT)
    QTest.keyClick(viewer, Qt.Key.Key_Up, SHIFT)
    moved = QPointF(width / 10 - width / 2, height / 2 - height / 10)
    assert viewer.map_after_to_widget(POINT) == start + moved
    assert viewer.split() == 0.5


def test_up_and_down_do_nothing_to_a_picture_that_fits(viewer: ComparisonViewer):
    start = viewer.map_after_to_widget(POINT)
    QTest.keyClick(viewer, Qt.Key.Key_Up)
    QTest.keyClick(viewer, Qt.Key.Key_Down)
    assert viewer.map_after_to_widget(POINT) == start
    assert viewer.split() == 0.5


def test_split_keys_leave_a_split_that_is_not_shown(qtbot):
    before, _after = marked_pair()
    alone = shown_viewer(qtbot, VIEW_SIZE, before)
    for key in (Qt.Key.Key_Home, Qt.Key.Key_Comma, Qt.Key.Key_Left):
        QTest.keyClick(alone, key)
    assert alone.split() == 0.5


def test_the_screen_reader_hears_a_name_and_the_placeholder(qtbot):
    empty = shown_viewer(qtbot, VIEW_SIZE, None)
    empty.set_placeholder("Drop photos here")
    name, description = read_out(empty)
    assert name == "Before and after"
    assert description == "Drop photos here"


def test_the_description_follows_the_split_the_note_and_a_part(viewer: ComparisonViewer):
    assert read_out(viewer)[1] == "Before 50%, After 50%"
    QTest.keyClick(viewer, Qt.Key.Key_Comma)
    QTest.keyClick(viewer, Qt.Key.Key_Comma)
    assert read_out(viewer)[1] == "Before 40%, After 60%"
    viewer.set_note("The restored photo cannot be shown")
    assert read_out(viewer)[1] == "The restored photo cannot be shown\nBefore 40%, After 60%"
    before, _after = marked_pair()
    viewer.set_images(before)
    assert read_out(viewer)[1] == ""
    viewer.set_part(before, QRectF(0, 0, 8, 8), "Preview")
    assert read_out(viewer)[1] == "Before 40%, Preview 60%"
