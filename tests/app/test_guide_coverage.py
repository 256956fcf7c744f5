"""The guide (Help > Rekindle Guide) against the window it describes: every setting of the
Films and Saving groups and the Grain slider is named, and the keys it gives for marking
spots, moving the split and marking a part of a film are the ones the marking bar, the viewer
and the window bind."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.settings_fields import FIELDS, FILMS, SAVING
from app.spot_marking import CLEAR_KEYS, DONE_KEYS, FIND_KEYS


def _guide_sections(window) -> dict[str, str]:
    """Each section of the open guide: its title and its paragraph."""
    window.guide_action.trigger()
    return dict(window.guide._sections())


def _label(field) -> str:
    """A setting's words in the panel (its label, or a check box's text), without what its
    brackets add ("Extra care (8 times slower)" is Extra care)."""
    words = QCoreApplication.translate("SettingsPanel", field.label or getattr(field, "text", ""))
    return re.sub(r"\s*\(.*\)$", "", words)


def test_the_guide_names_every_setting_of_the_films_and_saving_groups(make_window):
    window = make_window()
    text = " ".join(f"{title} {body}" for title, body in _guide_sections(window).items())
    missing = [
        _label(field)
        for field in FIELDS
        if field.place in (FILMS, SAVING) and _label(field) not in text
    ]
    assert missing == []


def test_the_guide_has_a_section_on_the_grain_slider(make_window):
    window = make_window()
    grain = window.settings_panel.grain_strength.caption.text()
    assert grain in _guide_sections(window)


def test_the_guide_gives_the_marking_bars_keys(make_window):
    window = make_window()
    # the marking bar's section, the one naming its Find Spots button (others name Mark Spots)
    marking = next(body for body in _guide_sections(window).values() if "Find Spots" in body)
    for key in (*FIND_KEYS, *CLEAR_KEYS, *DONE_KEYS):
        assert re.search(rf"\b{re.escape(key)}\b", marking), key


def test_the_guide_gives_the_viewers_keys_for_the_split(make_window):
    window = make_window()
    split_keys = [
        key.strip()
        for what, keys in window.viewer.key_rows()
        if "split" in what
        for key in keys.split(",")
    ]
    text = " ".join(_guide_sections(window).values()).lower()
    assert split_keys and all(key.lower() in text for key in split_keys), split_keys


def test_the_guide_gives_the_keys_that_mark_a_part_of_a_film(make_window):
    window = make_window()
    part = _guide_sections(window)["Restoring a part of a film"]
    for action in (window.set_in_action, window.set_out_action, window.clear_in_out_action):
        assert action.shortcut().toString() in part
        assert action.text().replace("&", "") in part
