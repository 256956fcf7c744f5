"""The print size's unit is named in the language shown, and stored the same in every language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from app.output_size_field import UNITS, OutputSizeField
from app.settings import AppSettings


class BracketingUnits(QTranslator):
    """A catalogue that writes the size field's texts in brackets: "cm" becomes "[cm]"."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"[{source}]" if context == "OutputSizeField" else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False  # so that installing it tells the widgets the language changed


@pytest.fixture
def field(qtbot, app_settings: AppSettings) -> OutputSizeField:
    made = OutputSizeField(app_settings)
    qtbot.addWidget(made)
    made.show()
    return made


def test_the_print_unit_is_named_in_the_language_shown(
    field: OutputSizeField, app_settings: AppSettings
):
    assert [field.unit_combo.itemText(i) for i in range(len(UNITS))] == list(UNITS)
    field.unit_combo.setCurrentIndex(field.unit_combo.findData("in"))
    catalogue = BracketingUnits()
    QCoreApplication.installTranslator(catalogue)
    try:
        QApplication.processEvents()  # the field re-sets its texts on LanguageChange
        assert [field.unit_combo.itemText(i) for i in range(len(UNITS))] == ["[cm]", "[in]"]
        assert [field.unit_combo.itemData(i) for i in range(len(UNITS))] == list(UNITS)
        field.store()
        assert app_settings.print_unit == "in"
    finally:
        QCoreApplication.removeTranslator(catalogue)
