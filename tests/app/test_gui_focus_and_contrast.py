"""Keyboard focus shows and moves in a sensible order, and the themes' controls and selected
text stand out enough (WCAG 2.1: 4.5:1 for text, 3:1 for a control's boundary)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from gui_helpers import WAIT_MS, marked_pair, rgb_pixels, wait_until_read
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QWidget,
)

from app import theme
from app.viewer import ComparisonViewer

PALETTES = {"dark": theme.dark_palette, "light": theme.light_palette}


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG 2.1 relative luminance of sRGB colours (last axis: 0..255 red, green, blue)."""
    c = np.asarray(rgb, dtype=float) / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: np.ndarray, b: QColor) -> np.ndarray:
    """WCAG contrast ratio of colours ``a`` (RGB rows) against ``b``."""
    la, lb = relative_luminance(a), relative_luminance([b.red(), b.green(), b.blue()])
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def changed_pixels(before: np.ndarray, after: np.ndarray) -> int:
    return int((np.abs(before.astype(int) - after.astype(int)).sum(axis=2) > 30).sum())


@pytest.fixture(params=list(PALETTES))
def themed(request, qapp: QApplication):
    """The app's style with the dark or the light palette (the app's own back afterwards)."""
    saved = QPalette(qapp.palette())
    palette = PALETTES[request.param]()
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(saved)


def _color(palette: QPalette, role: QPalette.ColorRole) -> np.ndarray:
    color = palette.color(role)
    return np.array([color.red(), color.green(), color.blue()])


def test_selected_text_reads_at_4_5_to_1(themed: QPalette):
    text = _color(themed, QPalette.ColorRole.HighlightedText)
    assert contrast(text, themed.color(QPalette.ColorRole.Highlight)) >= 4.5


def _indicator(qtbot, control: QCheckBox | QRadioButton) -> np.ndarray:
    """The pixels of a shown check box's or radio button's box, unchecked."""
    holder = QWidget()
    qtbot.addWidget(holder)
    QHBoxLayout(holder).addWidget(control)
    holder.show()
    qtbot.waitExposed(holder)
    option = QStyleOptionButton()
    control.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(control, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    box = control.style().subElementRect(element, option, control)
    pixels = rgb_pixels(control.grab().toImage())
    return pixels[box.top() : box.bottom() + 1, box.left() : box.right() + 1]


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_unchecked_boxes_stand_out_from_the_window_at_3_to_1(qtbot, themed, kind):
    box = _indicator(qtbot, kind("Fix faded colours"))
    window = themed.color(QPalette.ColorRole.Window)
    assert contrast(box.reshape(-1, 3), window).max() >= 3.0


def test_a_field_s_border_stands_out_from_the_window_at_3_to_1(qtbot, themed):
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    middle_row = rgb_pixels(field.grab().toImage())[field.height() // 2]
    assert contrast(middle_row[:2], themed.color(QPalette.ColorRole.Window)).max() >= 3.0


def _grab(widget: QWidget, rect: QRect | None = None) -> np.ndarray:
    return rgb_pixels(widget.grab(rect or widget.rect()).toImage())


def test_the_queue_s_current_row_is_framed_while_the_list_has_focus(make_window, qtbot, photos):
    """Ctrl+Down moves the current row (the one on show) and leaves the selection: the
    frame is what shows where it is."""
    window = make_window()
    window.add_paths([photos("a.png"), photos("b.png", seed=1)])
    wait_until_read(qtbot, window)
    view = window.queue_view
    window.activateWindow()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    view.setCurrentIndex(view.model().index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    current = view.currentIndex()
    assert current.row() == 1 and not view.selectionModel().isSelected(current)
    row = view.visualRect(current)
    focused = _grab(view.viewport(), row)
    window.viewer.setFocus(Qt.FocusReason.TabFocusReason)
    assert changed_pixels(focused, _grab(view.viewport(), row)) > 0


@pytest.fixture
def viewer_after_field(qtbot) -> Iterator[tuple[QLineEdit, ComparisonViewer]]:
    """A field, then a viewer showing a picture, in one active window."""
    holder = QWidget()
    qtbot.addWidget(holder)
    field, viewer = QLineEdit(), ComparisonViewer()
    layout = QHBoxLayout(holder)
    layout.addWidget(field)
    layout.addWidget(viewer)
    holder.resize(500, 300)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    viewer.set_images(*marked_pair())
    qtbot.waitUntil(viewer.pyramids_ready, timeout=WAIT_MS)
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    yield field, viewer  # the holder lives on until the test is over


def _differs(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Where two grabs differ clearly, pixel by pixel (``changed_pixels``' measure)."""
    return np.abs(before.astype(int) - after.astype(int)).sum(axis=2) > 30


def test_the_viewer_is_framed_when_tabbed_to_not_when_clicked(viewer_after_field):
    field, viewer = viewer_after_field
    unfocused = _grab(viewer)
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert viewer.hasFocus()
    frame = _differs(unfocused, _grab(viewer))  # what Tab brought: the focus frame
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.mouseClick(viewer, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert viewer.hasFocus()
    clicked = _grab(viewer)
    assert frame.sum() > 2 * (viewer.width() + viewer.height())  # a frame all round
    assert not (frame & _differs(unfocused, clicked)).any()  # none of it after a click


def _tab_stops(start: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``start``, once round the focus chain."""
    stops, widget = [start], start.nextInFocusChain()
    while widget is not start:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def test_tab_goes_from_the_queue_to_its_buttons_the_viewer_then_the_settings(make_window, photos):
    window = make_window()
    window.add_paths([photos("a.png")])
    stops = _tab_stops(window.queue_view)
    buttons = window.queue_panel.findChildren(QToolButton)
    viewer_at = stops.index(window.viewer)
    assert buttons and stops[1 : len(buttons) + 1] == buttons
    assert viewer_at == len(buttons) + 1
    settings = [i for i, w in enumerate(stops) if window.settings_panel.isAncestorOf(w)]
    assert settings and min(settings) > viewer_at
    assert window.settings_scroll not in stops


def test_on_an_empty_window_the_welcome_s_buttons_stand_in_the_viewer_s_place(make_window):
    window = make_window()
    welcome = window.photo_view.welcome
    stops = _tab_stops(window.queue_view)
    card = [welcome.photos_button, welcome.folder_button, welcome.sample_button]
    after_queue = len(window.queue_panel.findChildren(QToolButton)) + 1
    assert stops[after_queue : after_queue + len(card)] == card
    assert window.viewer not in stops
