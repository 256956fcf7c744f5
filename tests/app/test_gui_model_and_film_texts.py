"""The app's texts name its models as the model list does, say that Restore and the command
line take films as well as photos, and tell what becomes of a film's sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gui_helpers import write_tiny_model

from app.main import main
from app.settings_panel import SettingsPanel

BUILT_IN_NAME = re.compile(r"\b(?:Restore|Faithful)(?: Detail)? (?:[×x]\d|\d[×x])")
"""A built-in model named with its scale, however the scale is written."""


def _listed(panel: SettingsPanel) -> set[str]:
    return {panel.model_combo.itemText(i) for i in range(panel.model_combo.count())}


def _strength_tips(panel: SettingsPanel, own_model: str) -> list[str]:
    """Both sliders' tooltips, with their strength offered and not (the user's own model
    offers neither)."""
    sliders = (panel.repair_strength, panel.detail_strength)
    panel.select_model("restore-x4")
    offered = [slider.slider.toolTip() for slider in sliders]
    panel.select_model(own_model)
    assert not any(slider.isEnabled() for slider in sliders)
    return offered + [slider.slider.toolTip() for slider in sliders]


def test_the_strength_tooltips_name_the_built_in_models_as_the_model_list_does(
    make_window, private_data_dir: Path
):
    own = write_tiny_model(private_data_dir / "models")
    panel = make_window().settings_panel
    listed = _listed(panel)
    tips = _strength_tips(panel, str(own))
    named = [BUILT_IN_NAME.findall(tip) for tip in tips]
    assert all(named[2:]), tips  # the tooltips of a strength not offered say where it is
    assert {name for names in named for name in names} <= listed


def test_the_clean_up_tooltips_say_built_in_models_are_listed_too(make_window):
    panel = make_window().settings_panel
    for combo in (panel.before_combo, panel.after_combo):
        texts = [combo.itemText(i) for i in range(combo.count())]
        assert "Clean-up 1x" in texts  # built in, not from the models folder
        assert "built-in 1× models" in combo.toolTip()


def test_restore_and_the_command_line_say_they_take_films(make_window, capsys):
    window = make_window()
    for action in (window.restore_action, window.restore_all_action):
        assert "film" in action.toolTip()
    with pytest.raises(SystemExit):
        main(["--help"])
    usage = capsys.readouterr().out
    assert "photos and films" in usage and "films or folders" in usage


def test_the_films_as_tooltip_says_sound_may_go_in_converted(make_window):
    tip = make_window().settings_panel.codec_combo.toolTip()
    assert "converted to PCM" in tip
