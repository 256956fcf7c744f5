"""Manage Models says under each model's name what it does, in the words the settings panel
says it in under the model chosen (a built-in's purpose; another's scale), in either language,
and in the name's tooltip above the model's file; where it came from, and a community model's
architecture, the panel adds and the dialog's columns say.
The dialog opens wide enough for the descriptions where the screen has room; on a small
screen they are cut short, the names and the other columns whole and the table not scrolled
sideways for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, write_tiny_model
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

from app.i18n import CHINESE
from app.main_window import MainWindow
from app.models_dialog import DESCRIPTION_ROLE, ModelsDialog
from tests.test_library_store import write_esrgan


def _models(builtin_models: Path, private_data_dir: Path) -> None:
    """A built-in model, one of the person's own, and a community model put in by hand."""
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    write_tiny_model(private_data_dir / "models")
    write_esrgan(private_data_dir / "models" / "x4.pth")


def _dialog(window: MainWindow, qtbot) -> ModelsDialog:
    """Manage Models, once every model in it is read."""
    dialog = window.model_actions.show_dialog()
    qtbot.addWidget(dialog)
    read = lambda: all(not entry.pending for entry in dialog.entries())  # noqa: E731
    qtbot.waitUntil(read, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(window.settings_panel.entries()) == 3, timeout=WAIT_MS)
    return dialog


def _names(table: QTableWidget) -> list[QTableWidgetItem]:
    return [table.item(row, 0) for row in range(table.rowCount())]


def _panel_notes(window: MainWindow, dialog: ModelsDialog) -> list[str]:
    """The panel's note for each of the dialog's models."""
    panel = window.settings_panel
    notes = []
    for entry in dialog.entries():
        panel.model_combo.setCurrentIndex(panel.model_combo.findData(entry.key))
        notes.append(panel.model_note.text())
    return notes


def _described_as_in_the_panel(window: MainWindow, dialog: ModelsDialog) -> list[str]:
    """Each row's description, checked against the start of the panel's note for its model."""
    described = []
    for row, note in enumerate(_panel_notes(window, dialog)):
        cell = dialog.table.item(row, 0)
        description = cell.data(DESCRIPTION_ROLE)
        assert note.startswith(f"{description} · "), (note, description)
        assert cell.toolTip() == f"{description}\n{dialog.entries()[row].path}"
        described.append(description)
    return described


def test_each_model_is_described_under_its_name(
    make_window, qtbot, builtin_models: Path, private_data_dir: Path
):
    _models(builtin_models, private_data_dir)
    window = make_window()
    dialog = _dialog(window, qtbot)
    assert [dialog.row_texts(row)[0] for row in range(3)] == [
        "Faithful ×4",
        "Tiny",
        "x4 (ESRGAN 4x)",
    ]
    faithful, tiny, esrgan = _described_as_in_the_panel(window, dialog)
    assert faithful.startswith("Enlarge only: 4×") and "built-in" not in faithful
    assert tiny == esrgan == "Enlarges 4×"
    notes = _panel_notes(window, dialog)
    assert notes[0] == f"{faithful} · built-in"
    assert notes[1:] == ["Enlarges 4× · your model", "Enlarges 4× · ESRGAN · your model"]


@pytest.mark.parametrize(
    ("screen", "whole"), [(QRect(0, 0, 1366, 768), True), (QRect(0, 0, 640, 480), False)]
)
def test_the_descriptions_are_whole_where_the_screen_has_room(
    make_window, qtbot, monkeypatch, builtin_models: Path, private_data_dir: Path, screen, whole
):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    _models(builtin_models, private_data_dir)
    dialog = _dialog(make_window(), qtbot)
    dialog.show()
    QApplication.processEvents()
    table = dialog.table
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(e.data(DESCRIPTION_ROLE)) for e in _names(table))
    for row in range(table.rowCount()):
        assert table.rowHeight(row) >= 2 * metrics.height()  # the name's line and the other
    assert (table.columnWidth(0) >= widest) is whole
    assert dialog.width() <= screen.width()
    assert table.horizontalScrollBar().maximum() == 0


def test_the_descriptions_follow_a_switch_of_language(
    make_window, qtbot, translation, builtin_models: Path, private_data_dir: Path
):
    _models(builtin_models, private_data_dir)
    window = make_window(translation=translation)
    dialog = _dialog(window, qtbot)
    english = _described_as_in_the_panel(window, dialog)
    translation.apply(CHINESE)
    qtbot.waitUntil(lambda: dialog.windowTitle() != "Models", timeout=WAIT_MS)
    chinese = _described_as_in_the_panel(window, dialog)
    assert all(a != b for a, b in zip(english, chinese, strict=True))
