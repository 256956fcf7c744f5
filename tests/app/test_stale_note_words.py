"""The stale-result note lists the settings changed as the language shown lists words: in
Chinese, with the engine catalogue's list separator rather than an English comma."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.i18n import CHINESE, ENGINE_CATALOG
from app.stale_note import CONTEXT, StaleNote
from engine.recipe import Recipe


def test_the_changed_settings_are_listed_in_the_language_shown(qtbot, translation):
    translation.apply(CHINESE)
    note = StaleNote()
    qtbot.addWidget(note)
    note.show_for(Recipe(model="a"), Recipe(model="b", repair=0.5))
    model, repair = (QCoreApplication.translate(CONTEXT, word) for word in ("model", "repair"))
    listed = QCoreApplication.translate(ENGINE_CATALOG, "{first}, {then}")
    assert model != "model" and listed != "{first}, {then}"  # the catalogue is loaded
    assert listed.format(first=model, then=repair) in note.text()
    assert ", " not in note.text()
