"""Help > Keyboard Shortcuts shows every row where the screen has room for them all (the
headings for the marking bar and the viewer too), and scrolls only on a screen too small for
them, the sheet then within the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from app.shortcut_sheet import ShortcutSheet

DESKTOP = QRect(0, 0, 1920, 1080)
SMALL = QRect(0, 0, 800, 480)


def _sheet(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, screen: QRect):
    """The sheet the window makes on ``screen``, shown and laid out."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    made: list[ShortcutSheet] = []
    monkeypatch.setattr(ShortcutSheet, "exec", lambda sheet: made.append(sheet))
    window.show_shortcuts()
    sheet = made[0]
    qtbot.addWidget(sheet)
    sheet.show()
    QApplication.processEvents()
    return sheet


def _last_row_shown(sheet: ShortcutSheet) -> bool:
    table = sheet.table
    last = table.visualItemRect(table.item(table.rowCount() - 1, 0))
    return table.viewport().rect().contains(last)


def test_every_shortcut_shows_on_a_desktop_screen(make_window, qtbot, monkeypatch):
    sheet = _sheet(make_window(), qtbot, monkeypatch, DESKTOP)
    assert sheet.table.verticalScrollBar().maximum() == 0
    assert _last_row_shown(sheet)
    assert sheet.height() <= DESKTOP.height()


def test_the_shortcuts_scroll_within_a_small_screen(make_window, qtbot, monkeypatch):
    sheet = _sheet(make_window(), qtbot, monkeypatch, SMALL)
    assert sheet.table.verticalScrollBar().maximum() > 0
    assert not _last_row_shown(sheet)
    assert sheet.height() < SMALL.height()
