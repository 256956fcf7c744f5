"""On a small screen, or a large one scaled up (1280x800 at 150 % is 853x533 logical pixels;
1280x720 at 150 % and 1920x1080 at 225 % are 853x480), every window fits: the main window in
either language and whatever size is chosen, every page of the training wizard, and the guide.
Long texts wrap instead of widening a window, and the settings column never scrolls sideways.
The photo gives up width before the settings column, whose strength sliders stay long enough
to set precisely. The screen is made small by answering its available geometry for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget
from text_fit import misfits
from wizard_helpers import CROP, TINY, WAIT_MS, choose_folder, small_photos

from app.compare_picker import ComparePicker
from app.i18n import CHINESE, ENGLISH
from app.output_size_field import CHOICES, PRINT
from app.wizard.presets import PRESETS

SMALL_SCREEN = QRect(0, 0, 800, 480)
"""The smallest screen the windows are made for, in logical pixels."""
LAPTOP_SCREENS = [QRect(0, 0, 1280, 720), QRect(0, 0, 1024, 640)]
"""Screens small, but with room for the photo beside the queue and the whole settings column."""
PRECISE_SLIDER = 110
"""A strength slider at least this long sets 75 % at a drag without fiddling."""
USABLE_SLIDER = 100
"""The least a strength slider keeps even on the smallest screen."""


def fake_screen(monkeypatch: pytest.MonkeyPatch, screen: QRect) -> QRect:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    return screen


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    return fake_screen(monkeypatch, SMALL_SCREEN)


def settle() -> None:
    """Let the layouts react to what changed (a combo box measures a new language later)."""
    for _ in range(3):
        QApplication.processEvents()


def assert_fits_screen(window: QWidget, screen: QRect) -> None:
    settle()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert least.boundedTo(screen.size()) == least, least


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_main_window_fits_a_small_screen_whatever_size_is_chosen(
    make_window, translation, small_screen: QRect, language: str
):
    translation.apply(language)
    window = make_window()
    assert_fits_screen(window, small_screen)
    combo = window.settings_panel.size_field.scale_combo
    combo.setCurrentIndex(CHOICES.index(PRINT))
    assert_fits_screen(window, small_screen)


def slider_lengths(window) -> list[int]:
    panel = window.settings_panel
    strengths = (panel.repair_strength, panel.detail_strength, panel.grain_strength)
    return [strength.slider.width() for strength in strengths]


@pytest.mark.parametrize("screen", LAPTOP_SCREENS, ids=lambda r: f"{r.width()}x{r.height()}")
@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_photo_gives_up_width_before_the_settings_column_on_a_laptop_screen(
    make_window, translation, monkeypatch: pytest.MonkeyPatch, screen: QRect, language: str
):
    """The settings column keeps the width it asks for, its sliders long enough to set a
    strength precisely."""
    fake_screen(monkeypatch, screen)
    translation.apply(language)
    window = make_window()
    settle()
    column = window.settings_scroll
    assert column.width() >= column.sizeHint().width()
    assert min(slider_lengths(window)) >= PRECISE_SLIDER


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_sliders_stay_usable_on_the_smallest_screen(
    make_window, translation, small_screen: QRect, language: str
):
    translation.apply(language)
    window = make_window()
    assert_fits_screen(window, small_screen)
    assert min(slider_lengths(window)) >= USABLE_SLIDER


def assert_no_sideways_scrolling(window) -> None:
    settle()
    scroll = window.settings_scroll
    assert scroll.horizontalScrollBar().maximum() == 0
    assert window.settings_panel.width() <= scroll.viewport().width()


def test_the_settings_column_never_scrolls_sideways(make_window, translation):
    """Made in Chinese, then shown in English, whose texts are longer, in every size mode."""
    translation.apply(CHINESE)
    window = make_window()
    translation.apply(ENGLISH)
    combo = window.settings_panel.size_field.scale_combo
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        assert_no_sideways_scrolling(window)
    translation.apply(CHINESE)
    assert_no_sideways_scrolling(window)


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_choosing_a_print_size_leaves_the_settings_column_as_narrow(
    make_window, translation, language: str
):
    """The print's sides, unit and resolution take two lines, no wider than the other fields."""
    translation.apply(language)
    panel = make_window().settings_panel
    combo = panel.size_field.scale_combo
    settle()
    narrowest = panel.minimumSizeHint().width()
    combo.setCurrentIndex(CHOICES.index(PRINT))
    settle()
    assert panel.minimumSizeHint().width() <= narrowest


@pytest.mark.usefixtures("builtin_models")
def test_every_page_of_the_training_wizard_keeps_to_a_small_screen(
    make_window, qtbot, small_screen: QRect, tmp_path: Path
):
    """The app's presets, whose long descriptions wrap, trained tiny to take seconds; the
    training's plots and samples scroll."""
    presets = dict.fromkeys(PRESETS, TINY)
    wizard = make_window().open_training_wizard(presets=presets, crop=CROP)
    assert_fits_screen(wizard, small_screen)
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.preparation_page
    qtbot.waitUntil(lambda: len(page.times) == len(presets), timeout=WAIT_MS)
    assert_fits_screen(wizard, small_screen)
    assert misfits(wizard) == []
    page.prepare_button.click()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert page.preview_group.isVisibleTo(wizard)
    assert_fits_screen(wizard, small_screen)
    assert misfits(wizard) == []
    wizard.next()
    qtbot.waitUntil(wizard.training_page.isComplete, timeout=WAIT_MS)
    assert wizard.training_page.sample_labels[0][0].pixmap() is not None  # samples shown
    assert_fits_screen(wizard, small_screen)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.finish_page.scoring(), timeout=WAIT_MS)
    assert_fits_screen(wizard, small_screen)


def test_the_guide_fits_a_small_screen(make_window, small_screen: QRect):
    window = make_window()
    window.show_guide()
    assert_fits_screen(window.guide, small_screen)


def test_the_compare_picker_is_no_wider_for_long_result_names(qtbot):
    """Results named by long recipes must not widen the window past a small screen."""
    picker = ComparePicker()
    qtbot.addWidget(picker)
    picker.left.addItems(["Original", "Restore 4x (repair 75%, detail 50%), fading fixed"])
    picker.right.addItem("Faithful 2x, then Clean up, at 300 dpi for 20 x 30 cm, grain 40%")
    picker.show()
    assert picker.minimumSizeHint().width() < SMALL_SCREEN.width() * 0.4
