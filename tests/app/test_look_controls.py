"""Controls that the themes draw stand out: a slider's handle and groove at 3:1 against the
window (WCAG 1.4.11), dialog buttons' icons drawn as the app's own icons are, and a message
box wide enough for its reason to read as sentences, not a column of words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_helpers import WAIT_MS, rgb_pixels
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QLabel, QSlider, QStyle, QStyleOptionSlider
from test_gui_focus_and_contrast import contrast, themed  # noqa: F401 (a fixture)

_Pixmap = QStyle.StandardPixmap
DIALOG_BUTTON_ICONS = [
    _Pixmap.SP_DialogOkButton,
    _Pixmap.SP_DialogCancelButton,
    _Pixmap.SP_DialogCloseButton,
    _Pixmap.SP_DialogYesButton,
    _Pixmap.SP_DialogNoButton,
    _Pixmap.SP_DialogSaveButton,
    _Pixmap.SP_DialogDiscardButton,
    _Pixmap.SP_DialogApplyButton,
    _Pixmap.SP_DialogResetButton,
    _Pixmap.SP_DialogHelpButton,
]
"""The icons of the buttons of the app's dialogs and message boxes, and their like."""
READABLE_LINE = 50
"""Average characters a line of a message holds at the least (45 to 75 read best)."""


def _slider_parts(qtbot, slider: QSlider) -> tuple[np.ndarray, np.ndarray]:
    """The pixels of a shown slider's handle, and of its groove beyond the handle."""
    slider.setRange(0, 100)
    slider.setValue(0)
    slider.resize(200, slider.sizeHint().height())
    qtbot.addWidget(slider)
    slider.show()
    qtbot.waitExposed(slider)
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    style = slider.style()
    control = QStyle.ComplexControl.CC_Slider
    handle = style.subControlRect(control, option, QStyle.SubControl.SC_SliderHandle, slider)
    groove = style.subControlRect(control, option, QStyle.SubControl.SC_SliderGroove, slider)
    pixels = rgb_pixels(slider.grab().toImage())
    handle_pixels = pixels[handle.top() : handle.bottom() + 1, handle.left() : handle.right() + 1]
    beyond = pixels[groove.top() : groove.bottom() + 1, handle.right() + 1 : groove.right() + 1]
    return handle_pixels.reshape(-1, 3), beyond.reshape(-1, 3)


def test_a_slider_s_handle_and_groove_stand_out_from_the_window_at_3_to_1(
    qtbot,
    themed,  # noqa: F811
):
    handle, groove = _slider_parts(qtbot, QSlider(Qt.Orientation.Horizontal))
    window = themed.color(QPalette.ColorRole.Window)
    assert contrast(handle, window).max() >= 3.0
    assert contrast(groove, window).max() >= 3.0


def _opaque_pixels(icon_image: QImage) -> np.ndarray:
    image = icon_image.convertToFormat(QImage.Format.Format_RGBA8888)
    rgba = np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), -1, 4)
    rgba = rgba[:, : image.width()]
    return rgba[rgba[..., 3] > 200][:, :3]


@pytest.mark.parametrize("pixmap", DIALOG_BUTTON_ICONS, ids=lambda p: p.name)
def test_dialog_button_icons_are_drawn_in_the_button_text_s_colour(
    qapp,
    themed,  # noqa: F811
    pixmap,
):
    """As the app's own icons are (``theme.icon``): legible on the button in either theme."""
    icon = qapp.style().standardIcon(pixmap)
    pixels = _opaque_pixels(icon.pixmap(32, 32).toImage())
    assert len(pixels) > 0
    text = themed.color(QPalette.ColorRole.ButtonText)
    assert np.abs(pixels - [text.red(), text.green(), text.blue()]).max() <= 2
    assert contrast(pixels, themed.color(QPalette.ColorRole.Button)).min() >= 3.0


def test_an_import_problem_reads_in_lines_of_sentences(
    make_window, qtbot, private_data_dir: Path, tmp_path: Path
):
    """Qt sizes a message box to its heading ("This file was not imported:"): the reason
    below it would wrap into a column of a few words a line."""
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"not a model at all")
    window = make_window()
    actions = window.model_actions
    actions.import_files([bad])
    qtbot.waitUntil(lambda: actions.import_problem is not None, timeout=WAIT_MS)
    box = actions.import_problem
    qtbot.waitExposed(box)
    [reason] = [
        label for label in box.findChildren(QLabel) if label.text() == box.informativeText()
    ]
    assert reason.width() >= READABLE_LINE * reason.fontMetrics().averageCharWidth()
    assert box.width() <= box.screen().availableGeometry().width()
