"""The film bar in a narrow window: at the window's least width, in English and in Chinese,
the slider keeps a length a film can be scrubbed along, the position (a frame sequence's file
too) and the part are told whole on lines of their own, and the note keeps a width to be read
in; a frame sequence's longer position asks the window for no more width than a film's. In a
wide window the position and the Preview button's text stay beside the slider, and the part
on one line beside the note."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import add_searched, open_film, wait_until_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from text_fit import misfits

from app.frame_scrubber import MARGINS, NOTE_LEAST, SLIDER_LEAST, FrameScrubber
from app.i18n import CHINESE, ENGLISH
from app.main_window import MainWindow
from tests.app.test_film_part import _film, _mark, _press
from tests.app.test_gui_frame_sequences import FRAMES, _frames

WIDE = 1440


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _with_note(window: MainWindow) -> None:
    """Mark a part, then an In past its Out: the bar tells the part and says why Out moved."""
    _mark(window, 3, 8)
    _press(window, Qt.Key.Key_I, 10)
    assert window.scrubber.note.text()


def _at_least_width(window: MainWindow) -> FrameScrubber:
    window.resize(window.minimumSizeHint().width(), 800)
    _settle()
    return window.scrubber


def _room(scrubber: FrameScrubber) -> int:
    return scrubber.width() - MARGINS[0] - MARGINS[2]


def _sequence(window: MainWindow, qtbot, tmp_path: Path) -> None:
    """Queue a frame sequence and show it."""
    (scan,) = add_searched(qtbot, window, [_frames(tmp_path / "scan", range(1, FRAMES + 1))])
    window.queue_view.select_id(scan.id)
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images)


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_slider_stays_long_and_every_text_whole_at_the_windows_least_width(
    make_window, qtbot, translation, tiny_model: Path, tmp_path: Path, language: str
):
    translation.apply(language)
    window = make_window()
    open_film(window, qtbot, _film(tmp_path))
    _with_note(window)
    scrubber = _at_least_width(window)
    assert scrubber.slider.width() >= SLIDER_LEAST
    assert scrubber.position.isVisible() and scrubber.part_label.isVisible()
    assert misfits(scrubber) == []
    assert scrubber.note.width() >= min(NOTE_LEAST, _room(scrubber))


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_a_frame_sequences_file_is_told_whole_at_the_windows_least_width(
    make_window, qtbot, translation, tiny_model: Path, tmp_path: Path, language: str
):
    """Its file name, longer than a film's position, widens no window."""
    translation.apply(language)
    window = make_window()
    open_film(window, qtbot, _film(tmp_path))
    _settle()
    least = window.minimumSizeHint().width()
    _sequence(window, qtbot, tmp_path)
    _settle()
    assert window.minimumSizeHint().width() == least
    scrubber = _at_least_width(window)
    assert scrubber.position.text().endswith(".dpx")
    assert scrubber.slider.width() >= SLIDER_LEAST
    assert misfits(scrubber) == []


def test_a_wide_window_keeps_the_bar_on_two_lines_the_part_on_one(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    window.resize(WIDE, 900)
    open_film(window, qtbot, _film(tmp_path))
    _with_note(window)
    _settle()
    scrubber = window.scrubber
    first_line = scrubber.slider.geometry().center().y()
    for beside_slider in (scrubber.position, scrubber.preview_button):
        assert beside_slider.geometry().top() < first_line < beside_slider.geometry().bottom()
    assert scrubber.preview_button.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    in_button = scrubber.part_buttons[0].geometry()
    for beside_buttons in (scrubber.part_label, scrubber.note):
        assert beside_buttons.geometry().top() == in_button.top()
    line = scrubber.part_label.fontMetrics().lineSpacing()
    assert scrubber.part_label.height() < 2 * line  # told on one line, not wrapped
    assert misfits(scrubber) == []
