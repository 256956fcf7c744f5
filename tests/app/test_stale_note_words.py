"""The stale-result note lists the settings changed as the language shown lists words: in
Chinese, with the engine catalogue's list separator rather than an English comma; and only
those the person changed: a blend family's strength moved is that strength alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.i18n import CHINESE, ENGINE_CATALOG
from app.stale_note import CONTEXT, StaleNote
from engine.chain import ModelRequest
from engine.recipe import Recipe
from engine.restorer import RestoreOptions


def chosen(key: str, repair: float, detail: float = 0.0) -> Recipe:
    """The recipe of a built-in model picked in the app, at the strengths the sliders say."""
    return Recipe.of(ModelRequest.choose(key, repair=repair, detail=detail), RestoreOptions())


def test_the_changed_settings_are_listed_in_the_language_shown(qtbot, translation):
    translation.apply(CHINESE)
    note = StaleNote()
    qtbot.addWidget(note)
    note.show_for(chosen("restore-x4", 0.75), chosen("restore-x2", 0.5))
    model, repair = (QCoreApplication.translate(CONTEXT, word) for word in ("model", "repair"))
    listed = QCoreApplication.translate(ENGINE_CATALOG, "{first}, {then}")
    assert model != "model" and listed != "{first}, {then}"  # the catalogue is loaded
    assert listed.format(first=model, then=repair) in note.text()
    assert ", " not in note.text()


def test_the_repair_moved_alone_is_told_alone(qtbot):
    """Restore 4x's repair taken to 0 makes Faithful 4x's result: only the repair changed."""
    note = StaleNote()
    qtbot.addWidget(note)
    note.show_for(chosen("restore-x4", 0.75), chosen("restore-x4", 0.0))
    assert note.text() == (
        "Made with other settings: repair — Restore again to make a new result "
        "with the current settings"
    )
    note.show_for(chosen("restore-x4", 0.0), chosen("restore-x4", 0.0, 1.0))
    assert note.text() == (
        "Made with other settings: detail — Restore again to make a new result "
        "with the current settings"
    )
    note.show_for(chosen("restore-x4", 0.0), chosen("faithful-x4", 0.0))
    assert note.isHidden()
