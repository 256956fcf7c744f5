"""Keyboard access to the main window's commands: within each menu (the menu bar, its menus and
submenus, and a right-click menu) every underlined letter picks one entry only, in either
language; and the toolbar keeps every button in sight when a large font leaves too little room
for their words, showing their icons only, and its words again once there is room."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton, QWidget

from app.actions import EXTENSION
from app.i18n import CHINESE, ENGLISH

BIG_POINTS = 18.0


def mnemonic(text: str) -> str | None:
    """The letter after a lone "&" ("&&" is an ampersand), lower case; None where there is
    none."""
    rest = text
    while "&" in rest:
        _, rest = rest.split("&", 1)
        if rest[:1] != "&":
            return rest[:1].lower() or None
        rest = rest[1:]
    return None


def test_mnemonic_reads_the_letter_after_a_lone_ampersand():
    assert mnemonic("Re&move") == "m"
    assert mnemonic("Salt && &Pepper") == "p"
    assert mnemonic("Salt && Pepper") is None


def clashes(actions: list[QAction]) -> list[str]:
    """The letters that more than one of ``actions`` (those shown) has."""
    shown = [a for a in actions if a.isVisible() and not a.isSeparator()]
    letters = Counter(mnemonic(a.text()) for a in shown)
    return [letter for letter, count in letters.items() if letter is not None and count > 1]


def menus_of(actions: list[QAction]) -> list[list[QAction]]:
    """Each menu under ``actions``, filled as when it opens, and theirs, in turn."""
    found = []
    for action in actions:
        menu = action.menu()
        if isinstance(menu, QMenu):
            menu.aboutToShow.emit()
            found.append(menu.actions())
            found.extend(menus_of(menu.actions()))
    return found


def every_menu(window: QWidget) -> list[list[QAction]]:
    """The menu bar, each menu in it, and the right-click menus of the window's widgets."""
    bar = window.menuBar().actions()
    right_click = [
        widget.actions()
        for widget in window.findChildren(QWidget)
        if widget.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    ]
    return [bar, *menus_of(bar), *right_click]


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_no_two_entries_of_a_menu_share_an_underlined_letter(make_window, translation, language):
    translation.apply(language)
    menus = every_menu(make_window())
    assert len(menus) > 8  # the bar, its seven menus, Open Recent, the queue's
    for actions in menus:
        assert clashes(actions) == [], [a.text() for a in actions]


def _toolbar_buttons(toolbar: QToolBar) -> list[QToolButton]:
    buttons = (toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator())
    return [button for button in buttons if isinstance(button, QToolButton)]


def _with_font_size(points: float) -> None:
    font = QApplication.font()
    font.setPointSizeF(points)
    QApplication.setFont(font)


@pytest.fixture
def big_font(qapp: QApplication):
    """The application's font at BIG_POINTS; as it was afterwards."""
    points = qapp.font().pointSizeF()
    _with_font_size(BIG_POINTS)
    yield
    _with_font_size(points)


def _settle(window: QWidget) -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_a_large_font_on_a_small_screen_keeps_every_toolbar_button_in_sight(make_window, big_font):
    window = make_window()
    window.resize(1256, 706)  # a maximised window on a 1366x768 screen
    _settle(window)
    toolbar = window.toolbar
    assert all(button.isVisible() for button in _toolbar_buttons(toolbar))
    assert not toolbar.findChild(QToolButton, EXTENSION).isVisible()
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly

    window.resize(3000, 706)  # room for the words again
    _settle(window)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert all(button.isVisible() for button in _toolbar_buttons(toolbar))


def test_the_toolbar_shows_words_where_they_fit(make_window):
    window = make_window()
    window.resize(1600, 900)
    _settle(window)
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def test_the_toolbar_s_overflow_button_is_named_and_explained(make_window):
    extension = make_window().toolbar.findChild(QToolButton, EXTENSION)
    name = QAccessible.queryAccessibleInterface(extension).text(QAccessible.Text.Name)
    assert name and extension.toolTip() == name
