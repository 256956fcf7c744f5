"""Help > Keyboard Shortcuts: every action of the window that has a shortcut, read from the
actions themselves, so the sheet cannot disagree with the keys."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MNEMONIC_IN_BRACKETS = re.compile(r"\s*[(（]&\w[)）]")
MIN_WIDTH = 420
MAX_TABLE_HEIGHT = 600
"""The table shows every row up to this height, and scrolls beyond it."""


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
    """A two-column table: the action, its keys."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.setMinimumWidth(MIN_WIDTH)
        rows = shortcuts(actions)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        whole = header.height() + self.table.verticalHeader().length()
        self.table.setMinimumHeight(min(whole + 2 * self.table.frameWidth(), MAX_TABLE_HEIGHT))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
