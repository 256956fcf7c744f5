"""Help > Keyboard Shortcuts: every action of the window that has a shortcut, read from the
actions themselves, so the sheet cannot disagree with the keys; then, under their headings,
the keys of the spot-marking bar (its actions too) and the viewer's own keys."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.screen_fit import fitted_size, scroll_beyond_screen
from app.table_size import ask_for_every_column, stretch_first_column

MNEMONIC_IN_BRACKETS = re.compile(r"\s*[(（]&\w[)）]")
Section = tuple[str, list[tuple[str, str]]]
"""A heading (none for the first) and its rows: (what it does, its keys)."""


def shortcuts(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what the action does, its keys as this platform writes them) for each action that
    has a shortcut, in the order given (a standard key this platform has none for, such as
    Quit's on Windows, is no shortcut)."""
    native = QKeySequence.SequenceFormat.NativeText
    rows = []
    for action in actions:
        keys = [key.toString(native) for key in action.shortcuts() if not key.isEmpty()]
        if keys:
            rows.append((without_mnemonic(action.text()), ", ".join(keys)))
    return rows


def without_mnemonic(text: str) -> str:
    """A menu text without its access key: "&Open" -> "Open", and in Chinese the letter in
    brackets after the words, "打开(&O)" -> "打开"."""
    return MNEMONIC_IN_BRACKETS.sub("", text).replace("&", "")


class ShortcutSheet(QDialog):
    """A two-column table: what each key does, and the key; a heading row spans both. The
    sheet is as wide as its longest row, up to the screen's width; the table scrolls sideways
    beyond it. It is as tall as all its rows, up to the screen's height (as ``fitted_size``
    leaves room); the table scrolls beyond it. Tab leaves the table for the button; the arrows
    step through the rows."""

    def __init__(self, sections: Iterable[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        for heading, rows in sections:
            if heading and rows:
                self._add_heading(heading)
            for cells in rows:
                self._add_row(cells)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # rows can be stepped through with the keys, so a screen reader reads each
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # the columns are as wide as their texts
        self.table.resizeRowsToContents()  # a line of text each: more fit on a screen
        stretch_first_column(self.table)
        ask_for_every_column(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._ask_for_every_row(parent, buttons)
        scroll_beyond_screen(self, self.table)

    def _ask_for_every_row(self, parent: QWidget | None, buttons: QWidget) -> None:
        """Make the table as tall as its rows where the screen of ``parent`` (else the
        sheet's) has room for the sheet, else as tall as leaves the sheet that room."""
        table = self.table
        whole = table.horizontalHeader().height() + table.verticalHeader().length()
        whole += 2 * table.frameWidth()
        layout = self.layout()
        margins = layout.contentsMargins()
        others = buttons.sizeHint().height() + layout.spacing() + margins.top() + margins.bottom()
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        room = fitted_size((0, whole + others), screen.size()).height() - others
        table.setMinimumHeight(min(whole, room))

    def _add_row(self, cells: tuple[str, str]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(cells):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _add_heading(self, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(text)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, 2)
