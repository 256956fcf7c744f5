"""A slider tabbed to is framed all round, as clearly as a field or combo box shows its focus:
Fusion marks it only by a pixel of outline round the handle."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from gui_helpers import rgb_pixels
from PySide6.QtCore import QMargins, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QSlider, QStyle, QStyleOptionSlider, QVBoxLayout, QWidget
from test_gui_focus_and_contrast import contrast, themed  # noqa: F401 (a fixture)

from app.theme import SLIDER_FOCUS_MARGIN, SLIDER_FOCUS_WIDTH

DIFFERENT = 30
"""Summed over red, green and blue: a pixel this much apart from before has changed."""
ALL_ROUND = 0.9
"""The least share of the frame's band, along each side, that a focus frame covers."""


@pytest.fixture
def field_and_slider(qtbot) -> Iterator[tuple[QLineEdit, QSlider]]:
    """A field, then a slider halfway, in one active window; the field has focus by a click."""
    holder = QWidget()
    qtbot.addWidget(holder)
    field, slider = QLineEdit(), QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(50)
    layout = QVBoxLayout(holder)
    layout.addWidget(field)
    layout.addWidget(slider)
    holder.resize(300, 100)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    qtbot.waitUntil(holder.isActiveWindow)
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    yield field, slider  # the holder lives on until the test is over


def _band_sides(changed: np.ndarray) -> list[np.ndarray]:
    """Each side of the band the focus frame is drawn in, its rounded corners left out."""
    width, corner = SLIDER_FOCUS_WIDTH, 2 * SLIDER_FOCUS_MARGIN
    return [
        changed[:width, corner:-corner],
        changed[-width:, corner:-corner],
        changed[corner:-corner, :width],
        changed[corner:-corner, -width:],
    ]


def _changed(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    return np.abs(before.astype(int) - after.astype(int)).sum(axis=2) > DIFFERENT


def test_a_slider_tabbed_to_is_framed_all_round_at_3_to_1(
    field_and_slider,
    themed,  # noqa: F811
):
    field, slider = field_and_slider
    unfocused = rgb_pixels(slider.grab().toImage())
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert slider.hasFocus()
    focused = rgb_pixels(slider.grab().toImage())
    changed = _changed(unfocused, focused)
    assert all(side.mean() >= ALL_ROUND for side in _band_sides(changed))
    frame = focused[:SLIDER_FOCUS_WIDTH].reshape(-1, 3)
    assert contrast(frame, themed.color(QPalette.ColorRole.Window)).max() >= 3.0


def test_a_slider_clicked_is_not_framed(field_and_slider):
    """As a field or combo box shows no focus after a click, nor the viewer."""
    _field, slider = field_and_slider
    unfocused = rgb_pixels(slider.grab().toImage())
    QTest.mouseClick(
        slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.width() - 5, slider.height() // 2)
    )
    assert slider.hasFocus()
    changed = _changed(unfocused, rgb_pixels(slider.grab().toImage()))
    assert not any(side.any() for side in _band_sides(changed))


@pytest.mark.parametrize("value", [0, 100])
def test_the_handle_keeps_clear_of_the_focus_frame(field_and_slider, value):
    _field, slider = field_and_slider
    slider.setValue(value)
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    clear = SLIDER_FOCUS_WIDTH + 1  # the frame's width and a pixel between
    assert slider.rect().marginsRemoved(QMargins(clear, clear, clear, clear)).contains(handle)
