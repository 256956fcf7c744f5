"""The settings column shows first what every photo needs, and keeps the rest in sections
that start closed: Tab and Space open them, a screen reader names them and tells whether they
are open, each is remembered open or closed across launches, and the films' section opens
while the queue holds a film. A closed section's title tells what in it is not as by default,
so that a choice changing every result is not hidden there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from text_fit import misfits

from app.i18n import CHINESE
from app.photo_queue import QueueModel
from app.settings import AppSettings
from app.settings_fields import FIELDS, MODEL, SAVING, Check
from app.settings_panel import SECTION_FORMS, SettingsPanel
from tests.app.test_gui_models_folder import write_clean_up
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


def _relaunched(qtbot, settings_file: Path, **changes) -> SettingsPanel:
    """A panel made from the settings in ``settings_file`` stored with ``changes`` and read
    again, as a relaunch reads them."""
    settings = AppSettings.from_file(settings_file)
    for name, value in changes.items():
        setattr(settings, name, value)
    settings.store.sync()
    return _panel(qtbot, AppSettings.from_file(settings_file))


def _told(panel: SettingsPanel, key: str) -> tuple[str, str, str]:
    """The title, tooltip and accessible description of the section ``key``'s title."""
    header = panel.sections[key].header
    return header.full_text(), header.toolTip(), header.accessibleDescription()


def test_closed_sections_tell_the_settings_left_changed_in_them(
    qtbot, settings_file, tiny_model, private_data_dir: Path
):
    clean = write_clean_up(private_data_dir / "models", "clean")
    panel = _relaunched(
        qtbot,
        settings_file,
        grain=0.6,
        clean_before=str(clean.resolve()),
        ensemble=True,
        tile=256,
        device="cpu",
        result_names="{stem} restored",
    )
    assert not any(section.is_open() for section in panel.sections.values())
    title, tip, description = _told(panel, "extra")
    assert title == "Grain and clean-up models · grain 60%, clean-up before"
    assert description.splitlines() == [
        "Changed from the defaults:",
        "Grain: 60%",
        f"Clean up before enlarging: {panel.before_combo.currentText()}",  # Clean (clean.s…)
    ]
    assert tip == f"{title}\n\n{description}"
    title, tip, description = _told(panel, "advanced")
    assert title == "Advanced · CPU, tile 256 px, extra care, file names"
    assert description.splitlines()[1:] == [
        "Device: CPU",
        "Tile size: 256 px",
        "Extra care (8 times slower)",
        "File names: {stem} restored",
    ]
    assert panel.sections["advanced"].header.accessibleName() == title
    assert _told(panel, "films") == ("Films", "", "")


def test_a_closed_section_s_title_follows_its_settings_as_they_change(panel):
    panel.ensemble_check.setChecked(True)
    assert _told(panel, "advanced")[0] == "Advanced · extra care"
    panel.dust_check.setChecked(True)
    panel.codec_combo.setCurrentIndex(panel.codec_combo.findData("ffv1"))
    assert _told(panel, "films")[0] == "Films · dust removed, film format"
    panel.theme_combo.setCurrentIndex(panel.theme_combo.findData("dark"))
    assert _told(panel, "interface")[0] == "Interface · Dark theme"
    panel.ensemble_check.setChecked(False)
    assert _told(panel, "advanced") == ("Advanced", "", "")


def test_an_open_section_shows_its_plain_title_and_closed_tells_its_changes_again(panel):
    panel.grain_strength.slider.setValue(25)
    section = panel.extra_section
    section.header.click()
    assert section.header.text() == "Grain and clean-up models"
    assert section.header.toolTip() == section.header.accessibleDescription() == ""
    section.header.click()
    assert section.header.text() == "Grain and clean-up models · grain 25%"


def test_a_long_summary_is_elided_in_a_narrow_column_and_whole_in_its_tooltip(panel, qtbot):
    header = panel.advanced_section.header
    plain = header.sizeHint()
    panel.device_combo.setCurrentIndex(panel.device_combo.findData("cpu"))
    panel.tile_spin.setValue(256)
    panel.ensemble_check.setChecked(True)
    panel.gaps_check.setChecked(True)
    panel.rate_combo.setCurrentText("18")
    assert header.sizeHint() == plain  # the summary does not widen the column
    panel.resize(panel.minimumSizeHint().width(), panel.height())
    qtbot.waitUntil(lambda: header.text().endswith("…"))
    assert header.text().startswith("Advanced · CPU, tile 256 px")
    assert header.fontMetrics().horizontalAdvance(header.text()) < header.width()
    assert header.toolTip().startswith(header.full_text())
    assert header.accessibleName() == header.full_text()
    assert [m for m in misfits(panel) if m.text.startswith("Advanced")] == []


def test_every_setting_in_a_section_has_words_for_its_title():
    placed = [field for field in FIELDS if field.place in SECTION_FORMS.values()]
    assert placed and [field.setting for field in placed if not field.brief] == []
    # a check told as changed is told by its text: on, as each is off by default
    assert [field.setting for field in placed if isinstance(field, Check) and field.default] == []


def test_the_changes_are_told_in_the_language_shown(panel, translation, qtbot):
    panel.ensemble_check.setChecked(True)
    panel.device_combo.setCurrentIndex(panel.device_combo.findData("cpu"))
    translation.apply(CHINESE)
    qtbot.waitUntil(lambda: panel.advanced_section.header.full_text().startswith("高级"))
    title, _tip, description = _told(panel, "advanced")
    assert title == "高级 · CPU、精细模式"
    assert description.splitlines() == ["与默认设置不同：", "计算设备：CPU", "精细模式（慢 8 倍）"]
