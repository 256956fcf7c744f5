"""The Theme setting (Interface > Theme): following the system, or dark or light whatever the
system says (a Linux desktop that reports no scheme gets light too); shown at once, kept
across starts, and the colours set in style sheets follow it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app import theme
from app.settings import AppSettings

Role = QPalette.ColorRole


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    """The app's palette and look as they were before the test."""
    palette = QPalette(qapp.palette())
    yield
    qapp.setProperty(theme.LOOK_PROPERTY, None)
    qapp.setPalette(palette)


def _window_color(palette: QPalette) -> str:
    return palette.color(Role.Window).name()


@pytest.mark.parametrize(
    ("look", "system_light", "light"),
    [
        (theme.FOLLOW_SYSTEM, False, False),
        (theme.FOLLOW_SYSTEM, True, True),
        (theme.LIGHT_LOOK, False, True),
        (theme.DARK_LOOK, True, False),
    ],
)
def test_a_chosen_look_is_shown_whatever_the_system_prefers(
    qapp, monkeypatch, restore_look, look, system_light, light
):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: system_light)
    theme.choose_look(qapp, look)
    expected = theme.light_palette() if light else theme.dark_palette()
    assert _window_color(qapp.palette()) == _window_color(expected)
    theme.apply_theme(qapp)  # as when the system switches between light and dark
    assert _window_color(qapp.palette()) == _window_color(expected)


@pytest.mark.parametrize("look", [theme.DARK_LOOK, theme.LIGHT_LOOK])
def test_high_contrast_keeps_the_look_chosen(qapp, monkeypatch, restore_look, look):
    """A system's contrast palette of the other look gives way to the app's of the one
    chosen."""
    light = look == theme.LIGHT_LOOK
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: True)
    monkeypatch.setattr(theme, "reads_at_least_as_well", lambda _system, _own: True)
    monkeypatch.setattr(QApplication, "palette", lambda *_args: _other_look(light))
    theme.choose_look(qapp, look)
    monkeypatch.undo()
    shown = _window_color(qapp.palette())
    assert shown == _window_color(theme.high_contrast_palette(light))


def _other_look(light: bool) -> QPalette:
    """A system palette of the look not chosen."""
    return theme.dark_palette() if light else theme.light_palette()


def test_the_panel_offers_the_looks_and_shows_the_one_chosen_at_once(
    make_window, app_settings, restore_look, monkeypatch, qapp
):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: False)  # or reports none
    panel = make_window().settings_panel
    combo = panel.theme_combo
    looks = [combo.itemData(index) for index in range(combo.count())]
    assert looks == [theme.FOLLOW_SYSTEM, theme.DARK_LOOK, theme.LIGHT_LOOK]
    assert panel.look() == theme.FOLLOW_SYSTEM
    assert panel.interface_section.isAncestorOf(combo)
    assert panel.theme_label.buddy() is combo

    combo.setCurrentIndex(combo.findData(theme.LIGHT_LOOK))
    assert app_settings.theme == theme.LIGHT_LOOK
    light = _window_color(theme.light_palette())
    assert _window_color(qapp.palette()) == light
    qapp.processEvents()  # the widgets are told of the new palette
    assert _window_color(panel.palette()) == light

    combo.setCurrentIndex(combo.findData(theme.DARK_LOOK))
    assert app_settings.theme == theme.DARK_LOOK
    qapp.processEvents()
    assert _window_color(panel.palette()) == _window_color(theme.dark_palette())


def test_the_look_chosen_is_shown_at_the_next_start(
    make_window, settings_file, restore_look, monkeypatch, qapp
):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: False)
    AppSettings.from_file(settings_file).theme = theme.LIGHT_LOOK
    panel = make_window(AppSettings.from_file(settings_file)).settings_panel
    assert panel.look() == theme.LIGHT_LOOK
    assert _window_color(qapp.palette()) == _window_color(theme.light_palette())


def test_colours_set_in_style_sheets_follow_the_look(make_window, restore_look, qapp):
    panel = make_window().settings_panel
    panel.rate_combo.setCurrentText("fast")  # a rate it cannot read: marked in red
    for look, palette in ((theme.LIGHT_LOOK, theme.light_palette()), (theme.DARK_LOOK, None)):
        panel.theme_combo.setCurrentIndex(panel.theme_combo.findData(look))
        qapp.processEvents()
        failure = theme.status_color("failure", palette or theme.dark_palette()).name()
        assert failure in panel.rate_combo.styleSheet()
        assert failure in panel.model_problem.styleSheet()


def test_a_field_marked_by_a_style_sheet_takes_the_new_grounds(make_window, restore_look, qapp):
    """Qt leaves a widget styled by a style sheet the palette it had when polished."""
    panel = make_window().settings_panel
    panel.rate_combo.setCurrentText("fast")
    panel.theme_combo.setCurrentIndex(panel.theme_combo.findData(theme.LIGHT_LOOK))
    qapp.processEvents()
    light = theme.light_palette().color(Role.Base).name()
    assert panel.rate_combo.palette().color(Role.Base).name() == light
