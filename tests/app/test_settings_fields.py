"""The table of the settings panel's fields."""

from __future__ import annotations

from app.settings import AppSettings
from app.settings_fields import FIELDS


def test_each_field_keeps_a_setting_of_its_own_in_a_widget_of_its_own():
    settings = [field.setting for field in FIELDS]
    assert len(settings) == len(set(settings))
    assert all(hasattr(AppSettings, setting) for setting in settings)
    attributes = [field.attribute for field in FIELDS]
    assert len(attributes) == len(set(attributes))


def test_the_stored_choices_are_shown_and_stored_again(make_window, app_settings):
    chosen = {
        "fix_fading": True,
        "scale_out": 2,
        "tile": 256,
        "ensemble": True,
        "output_format": "tif",
        "auto_save": True,
        "film_quality": "best",
        "language": "en",
    }
    for setting, value in chosen.items():
        setattr(app_settings, setting, value)
    panel = make_window().settings_panel
    panel.tile_spin.setValue(128)  # a change stores every field
    assert app_settings.tile == 128
    for setting, value in chosen.items():
        if setting != "tile":
            assert getattr(app_settings, setting) == value, setting
