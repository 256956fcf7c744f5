"""Marking spots in a small window and by hand as a person does it: the marking bar fits the
viewer as it is (the window keeps its size), Undo and Redo side by side at any width, a
double-click is two dabs of the brush, and Space moves the photo whatever in the bar was last
used."""

from __future__ import annotations

import pytest
from gui_helpers import WAIT_MS, marked_pair, shown_viewer, wait_until_read
from marking_helpers import drag, speckled, start_marking
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QImage, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.spot_marking import BRUSH_SLIDER_WIDTH, MarkingBar

SMALL_WINDOW = (1024, 640)
PRESS, RELEASE, DOUBLE = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_marking_in_a_small_window_fits_the_viewer_as_it_is(
    make_window, qtbot, photos, translation, language
):
    translation.apply(language)
    window = make_window()
    window.resize(*SMALL_WINDOW)
    window.add_paths([photos("a.png", 400, 300)])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    QApplication.processEvents()
    least = window.minimumSizeHint().width()
    pane = window.viewer_pane.minimumSizeHint().width()
    bar = start_marking(window, qtbot).bar
    QApplication.processEvents()
    assert window.size().toTuple() == SMALL_WINDOW
    assert window.minimumSizeHint().width() == least
    assert window.viewer_pane.minimumSizeHint().width() == pane
    assert bar.width() == window.viewer.width()
    assert bar.brush.width() >= BRUSH_SLIDER_WIDTH
    assert bar.hint.height() <= 2 * QFontMetrics(bar.hint.font()).lineSpacing()
    for control in bar.findChildren(QWidget):
        corner = control.mapTo(bar, QPoint(control.width() - 1, control.height() - 1))
        assert bar.rect().contains(corner), control


def test_undo_and_redo_stay_side_by_side_however_the_bar_wraps(qtbot):
    bar = MarkingBar()
    qtbot.addWidget(bar)
    bar.show()
    undo, redo = bar.undo_button, bar.redo_button
    lines = set()
    for width in range(bar.minimumSizeHint().width(), bar.sizeHint().width() + 1, 4):
        bar.resize(width, bar.heightForWidth(width))
        QApplication.processEvents()  # laid out anew
        lines.add(bar.done_button.mapTo(bar, QPoint()).y())
        left, right = undo.mapTo(bar, QPoint()), redo.mapTo(bar, QPoint())
        assert right.y() == left.y() and right.x() > left.x() + undo.width(), width
    assert len(lines) > 2  # the widths tried wrap the bar onto three lines and more


def _mouse(viewer: QWidget, kind: QEvent.Type, where: QPointF) -> None:
    """The left button's ``kind`` of event at ``where``, as the window system sends it."""
    left = Qt.MouseButton.LeftButton
    held = Qt.MouseButton.NoButton if kind == RELEASE else left
    event = QMouseEvent(
        kind, where, viewer.mapToGlobal(where), left, held, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewer, event)


@pytest.mark.parametrize(
    "clicks",
    [
        [PRESS, RELEASE, PRESS, DOUBLE, RELEASE],  # the second press sent before the double
        [PRESS, RELEASE, DOUBLE, RELEASE],  # the double in the second press's place
    ],
)
def test_a_double_click_while_marking_is_two_dabs_not_a_zoom(qtbot, clicks):
    viewer = shown_viewer(qtbot, (400, 300), *marked_pair())
    viewer.set_marking(QImage(24, 16, QImage.Format.Format_Grayscale8))
    dabs, ends = [], []
    viewer.stroke_began.connect(lambda point, erase: dabs.append(point))
    viewer.stroke_ended.connect(lambda: ends.append(True))
    zoom = viewer.zoom()
    for kind in clicks:
        _mouse(viewer, kind, QPointF(200, 150))
    assert len(dabs) == len(ends) == 2
    assert viewer.zoom() == zoom and viewer.is_fitted()


def test_space_moves_the_photo_after_the_bars_controls_are_used(make_window, qtbot, tmp_path):
    path, _ = speckled(tmp_path / "print.png")
    window = make_window()
    window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    marking, viewer = start_marking(window, qtbot), window.viewer
    viewer.set_zoom(4.0)
    for y in (10, 20):
        drag(viewer, [QPointF(10, y), QPointF(40, y)])
    QTest.mouseClick(marking.bar.undo_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(marking.bar.brush, Qt.MouseButton.LeftButton)
    mask = marking._marks.mask
    assert mask[10, 25] and not mask[20, 25]
    keys = QApplication.focusWidget()
    assert keys is viewer
    where = viewer.map_widget_to_image(QPointF(viewer.rect().center()))
    QTest.keyPress(keys, Qt.Key.Key_Space)
    drag(viewer, [QPointF(10, 40), QPointF(40, 40)])
    QTest.keyRelease(keys, Qt.Key.Key_Space)
    assert mask[10, 25] and not mask[40, 25]  # nothing undone again, nothing painted
    assert viewer.map_widget_to_image(QPointF(viewer.rect().center())) != where  # moved
