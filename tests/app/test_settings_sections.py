"""The settings column shows first what every photo needs, and keeps the rest in sections
that start closed: Tab and Space open them, a screen reader names them and tells whether they
are open, each is remembered open or closed across launches, and the films' section opens
while the queue holds a film."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.photo_queue import QueueModel
from app.settings import AppSettings
from app.settings_fields import FIELDS, MODEL, SAVING
from app.settings_panel import SettingsPanel
from tests.video_helpers import make_clip


def _panel(qtbot, settings: AppSettings) -> SettingsPanel:
    panel = SettingsPanel(settings)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def panel(qtbot, app_settings, tiny_model) -> SettingsPanel:
    return _panel(qtbot, app_settings)


def _essentials(panel: SettingsPanel) -> list[QWidget]:
    """What a person sets for every photo: the model, its strengths, the main clean-ups, the
    output size and where and how results are saved."""
    fields = [getattr(panel, f.attribute) for f in FIELDS if f.place in (MODEL, SAVING)]
    return [
        panel.model_combo,
        panel.repair_strength,
        panel.detail_strength,
        panel.size_field,
        *fields,
    ]


def test_a_new_panel_shows_the_essentials_and_keeps_the_rest_in_closed_sections(panel):
    hidden = [type(w).__name__ for w in _essentials(panel) if not w.isVisible()]
    assert hidden == []
    for section in panel.sections.values():
        assert section.header.isVisible()
        assert not section.is_open()
        assert not section.body.isVisible()
    for widget in (panel.grain_strength, panel.before_combo, panel.codec_combo, panel.names_edit):
        assert not widget.isVisible()


def test_every_setting_shows_once_its_section_is_open(panel):
    rest = [w for w in (getattr(panel, f.attribute) for f in FIELDS) if not w.isVisible()]
    for section in panel.sections.values():
        section.header.click()
    assert rest and all(widget.isVisible() for widget in rest)
    assert panel.grain_strength.isVisible()


def test_tab_reaches_a_section_s_title_and_space_opens_it(panel, qtbot):
    panel.activateWindow()
    header = panel.advanced_section.header
    panel.auto_save_check.setFocus(Qt.FocusReason.TabFocusReason)  # the last essential
    QTest.keyClick(panel.auto_save_check, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.extra_section.header
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is header
    QTest.keyClick(header, Qt.Key.Key_Space)
    assert panel.advanced_section.is_open() and panel.device_combo.isVisible()
    QTest.keyClick(header, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.device_combo  # the section's first field


def test_a_screen_reader_names_each_section_and_tells_whether_it_is_open(panel):
    for section in panel.sections.values():
        told = QAccessible.queryAccessibleInterface(section.header)
        assert told.text(QAccessible.Text.Name) == section.header.text() != ""
        assert told.state().checkable and not told.state().checked
        section.header.click()
        assert told.state().checked


def test_the_sections_left_open_are_open_at_the_next_launch(qtbot, app_settings, tiny_model):
    first = _panel(qtbot, app_settings)
    first.advanced_section.header.click()
    first.interface_section.header.click()
    first.interface_section.header.click()  # closed again
    again = _panel(qtbot, app_settings)
    shown = {key for key, section in again.sections.items() if section.is_open()}
    assert shown == {"advanced"}
    assert again.device_combo.isVisible()


def _queue_with_a_film(tmp_path: Path) -> tuple[QueueModel, int]:
    """A queue of a photo and a film; the film's item id."""
    queue = QueueModel()
    queue.add_paths([tmp_path / "photo.png"])
    (film,) = queue.add_paths([tmp_path / "film.mp4"])
    return queue, film.id


def test_the_films_section_is_open_while_the_queue_holds_a_film(panel, tmp_path, app_settings):
    queue = QueueModel()
    panel.follow_queue(queue)
    queue.add_paths([tmp_path / "photo.png"])
    assert not panel.films_section.is_open()
    (film,) = queue.add_paths([tmp_path / "film.mp4"])
    assert panel.films_section.is_open() and panel.codec_combo.isVisible()
    queue.remove([film.id])
    assert not panel.films_section.is_open()
    assert app_settings.open_sections == ""  # opened for the film, not by the person


def test_a_films_section_the_person_opened_stays_open_without_films(panel, tmp_path):
    queue, film = _queue_with_a_film(tmp_path)
    panel.follow_queue(queue)
    assert panel.films_section.is_open()
    panel.films_section.header.click()  # closed while the film is queued
    panel.films_section.header.click()  # and opened again: left open
    queue.remove([film])
    assert panel.films_section.is_open()


def test_the_detail_tip_says_what_it_does_to_the_picture(panel):
    panel.detail_strength.set_available(True)  # the tiny model offers no detail strength
    tip = panel.detail_strength.slider.toolTip()
    assert "texture" in tip and "GAN" not in tip and "partner" not in tip


def test_the_window_opens_the_films_section_as_a_film_is_added(make_window, tmp_path):
    window = make_window()
    assert not window.settings_panel.films_section.is_open()
    assert window.add_paths([make_clip(tmp_path / "film.mp4", frames=2, audio=None)])
    assert window.settings_panel.films_section.is_open()
