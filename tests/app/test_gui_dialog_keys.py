"""The tables of Manage Models, About and Keyboard Shortcuts by keyboard and at a large font:
Tab and Shift+Tab leave each table for the buttons (the arrows step through the rows), Delete
removes the selected model of the person's own as Remove does, the buttons have access keys of
their own, and every column shows its texts whole, the dialog as wide as they need up to the
screen's width and the table scrolling sideways beyond it (the first column stretching again
once it no longer needs to)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import write_tiny_model
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QHeaderView,
    QMessageBox,
    QStyleOptionViewItem,
    QTableWidget,
)

from app.about import AboutDialog
from app.main_window import MainWindow
from app.screen_fit import fitted_size
from app.shortcut_sheet import ShortcutSheet
from engine.paths import user_models_dir

HUNTER_SCREEN = QRect(0, 0, 1366, 768)
"""A common laptop screen, the one the dialogs were found cut on."""
SMALL_SCREEN = QRect(0, 0, 800, 480)
ACCESS_KEY = re.compile(r"&(\w)")


def screen_id(screen: QRect) -> str:
    return f"{screen.width()}x{screen.height()}"


@pytest.fixture
def screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The available geometry every screen answers: ``HUNTER_SCREEN`` unless parametrized."""
    geometry = getattr(request, "param", HUNTER_SCREEN)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: geometry)
    return geometry


@pytest.fixture
def font_points(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """The application font at the parametrized size, the default again afterwards."""
    default = qapp.font()
    larger = QFont(default)
    larger.setPointSize(request.param)
    qapp.setFont(larger)
    yield request.param
    qapp.setFont(default)


@pytest.fixture
def window(make_window, tiny_model: Path, builtin_models: Path) -> MainWindow:
    """A window with a built-in model and one of the person's own (Tiny)."""
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    return make_window()


def shortcut_sheet(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> ShortcutSheet:
    """The sheet Help > Keyboard Shortcuts makes, shown without its event loop."""
    made: list[ShortcutSheet] = []
    monkeypatch.setattr(ShortcutSheet, "exec", lambda sheet: made.append(sheet))
    window.show_shortcuts()
    return made[0]


def about(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> AboutDialog:
    """About with its Model details unfolded."""
    dialog = AboutDialog(window.settings_panel.entries(), window)
    dialog.models_button.setChecked(True)
    return dialog


def manage_models(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> QDialog:
    return window.model_actions.show_dialog()


DIALOGS: dict[str, Callable[[MainWindow, pytest.MonkeyPatch], QDialog]] = {
    "manage models": manage_models,
    "about": about,
    "shortcuts": shortcut_sheet,
}


def shown(dialog: QDialog, qtbot) -> QTableWidget:
    """``dialog`` shown and laid out, with the focus on its table."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    table = dialog.findChild(QTableWidget)
    table.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is table
    return table


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab], ids=["tab", "shift-tab"])
@pytest.mark.parametrize("make", DIALOGS.values(), ids=DIALOGS.keys())
def test_tab_and_shift_tab_leave_the_table(window, qtbot, monkeypatch, make, key):
    dialog = make(window, monkeypatch)
    table = shown(dialog, qtbot)
    modifier = Qt.KeyboardModifier.ShiftModifier if key == Qt.Key.Key_Backtab else None
    qtbot.keyClick(table, key, modifier or Qt.KeyboardModifier.NoModifier)
    assert QApplication.focusWidget() is not table
    assert dialog.isAncestorOf(QApplication.focusWidget())


def test_the_arrows_step_through_the_rows(window, qtbot, monkeypatch):
    table = shown(manage_models(window, monkeypatch), qtbot)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == 1


def selected_tiny(window: MainWindow, qtbot) -> tuple[QDialog, QTableWidget]:
    """Manage Models with the person's own model, Tiny, chosen by the arrows."""
    dialog = window.model_actions.show_dialog()
    table = shown(dialog, qtbot)
    names = [entry.display_name for entry in dialog.entries()]
    table.setCurrentCell(0, 0)
    for _ in range(names.index("Tiny")):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert dialog.selected_entry().display_name == "Tiny"
    return dialog, table


def test_tab_reaches_every_button_of_manage_models(window, qtbot):
    """Remove too, with a model of the person's own selected (it is disabled for a built-in)."""
    dialog, _table = selected_tiny(window, qtbot)
    reached = set()
    for _ in range(10):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    buttons = set(dialog.buttons.buttons())
    assert buttons <= reached
    assert dialog.remove_button in buttons


def answered(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """The questions asked from now on, each answered with ``button``."""
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_delete_removes_the_selected_model_as_remove_does(
    window, qtbot, monkeypatch, tiny_model: Path
):
    dialog, table = selected_tiny(window, qtbot)
    asked = answered(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and tiny_model.name in asked[0]
    assert tiny_model.is_file()

    asked = answered(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert asked and not tiny_model.exists()
    assert "Tiny" not in [entry.display_name for entry in dialog.entries()]


def test_delete_on_a_built_in_model_asks_nothing_and_keeps_it(window, qtbot, monkeypatch):
    dialog = window.model_actions.show_dialog()
    table = shown(dialog, qtbot)
    table.selectRow(0)
    assert dialog.selected_entry().display_name == "Faithful ×4"
    asked = answered(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert asked == [] and dialog.selected_entry().path.is_file()


def access_keys(buttons: list[QAbstractButton]) -> list[str]:
    return [key.lower() for button in buttons for key in ACCESS_KEY.findall(button.text())]


def test_the_buttons_of_manage_models_have_access_keys_of_their_own(window):
    dialog = window.model_actions.show_dialog()
    own = [dialog.import_button, dialog.folder_button, dialog.remove_button]
    assert all(len(ACCESS_KEY.findall(button.text())) == 1 for button in own)
    every = access_keys(dialog.buttons.buttons())
    assert len(every) == len(set(every)), every


def needed_widths(table: QTableWidget, column: int) -> list[int]:
    """The width each cell of ``column`` needs for its text whole (a heading spanning the
    columns is left out)."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    delegate = table.itemDelegate()
    return [
        delegate.sizeHint(option, table.model().index(row, column)).width()
        for row in range(table.rowCount())
        if table.item(row, column) is not None and table.columnSpan(row, column) == 1
    ]


def assert_every_column_whole_or_scrolled_to(dialog: QDialog, table: QTableWidget) -> None:
    """Each column is as wide as its texts, the table lies within its dialog, the dialog within
    the screen; columns wider than the table can be scrolled to, and only where the dialog has
    taken all the width the screen allows."""
    for _ in range(3):
        QApplication.processEvents()
    for column in range(table.columnCount()):
        assert table.columnWidth(column) >= max(needed_widths(table, column)), column
    assert table.geometry().right() < dialog.contentsRect().right()
    available = dialog.screen().availableGeometry().size()
    assert dialog.width() <= available.width()
    header = table.horizontalHeader()
    if header.length() > table.viewport().width():
        assert dialog.width() >= fitted_size((available.width(), 0), available).width()
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    last = table.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= header.width()


@pytest.mark.parametrize("screen", [HUNTER_SCREEN, SMALL_SCREEN], indirect=True, ids=screen_id)
@pytest.mark.parametrize("font_points", [10, 18], indirect=True)
@pytest.mark.usefixtures("font_points")
def test_the_shortcut_sheet_shows_each_action_whole(window, qtbot, monkeypatch, screen):
    sheet = shortcut_sheet(window, monkeypatch)
    shown(sheet, qtbot)
    assert_every_column_whole_or_scrolled_to(sheet, sheet.table)


@pytest.mark.parametrize("screen", [HUNTER_SCREEN, SMALL_SCREEN], indirect=True, ids=screen_id)
@pytest.mark.parametrize("font_points", [9, 18], indirect=True)
@pytest.mark.usefixtures("font_points")
def test_manage_models_shows_every_column_whole(window, qtbot, monkeypatch, screen):
    write_tiny_model(user_models_dir(), "album", "Grandmother's album, trained at home")
    dialog = manage_models(window, monkeypatch)
    shown(dialog, qtbot)
    assert_every_column_whole_or_scrolled_to(dialog, dialog.table)


@pytest.mark.parametrize("screen", [HUNTER_SCREEN, SMALL_SCREEN], indirect=True, ids=screen_id)
@pytest.mark.parametrize("font_points", [9, 14, 18], indirect=True)
@pytest.mark.usefixtures("font_points")
def test_about_shows_every_column_or_scrolls_to_it(window, qtbot, monkeypatch, screen):
    dialog = about(window, monkeypatch)
    shown(dialog, qtbot)
    assert_every_column_whole_or_scrolled_to(dialog, dialog.models_table)
    dialog.resize(dialog.minimumSize())  # as small as it goes: a row cut in half would scroll
    QApplication.processEvents()
    assert dialog.models_table.verticalScrollBar().maximum() == 0


@pytest.mark.parametrize("screen", [SMALL_SCREEN], indirect=True, ids=screen_id)
def test_manage_models_stretches_the_name_again_once_a_too_wide_model_is_gone(
    window, qtbot, monkeypatch, screen
):
    """A name too wide for the screen makes the table scroll sideways, every column at its
    contents' width; once that model is removed, the names' column takes the room left
    again (it stayed squeezed for the rest of the session)."""
    write_tiny_model(user_models_dir(), "long", "A model with a very long name " * 5)
    dialog = manage_models(window, monkeypatch)
    table = shown(dialog, qtbot)
    header = table.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents

    names = [entry.display_name for entry in dialog.entries()]
    table.selectRow(next(row for row, name in enumerate(names) if name.startswith("A model")))
    answered(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.remove_selected()
    QApplication.processEvents()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    dialog.resize(dialog.width() + 200, dialog.height())
    QApplication.processEvents()
    assert header.length() == table.viewport().width()  # the columns fill the wider table
