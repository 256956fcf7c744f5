"""A part of a column of settings that opens and closes under its title, so that the settings
needed less often stay out of the way until they are wanted."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QSizePolicy, QToolButton, QVBoxLayout, QWidget


class CollapsibleSection(QWidget):
    """A title over a framed ``body``, shown only while the section is open. The title is a
    button that Tab reaches and Space (or a click) opens and closes; a screen reader names it
    by the title and tells whether it is open (a pressed toggle button)."""

    opened = Signal(bool)  # the person opened (True) or closed the section

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QToolButton()
        self.header.setCheckable(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.body = QGroupBox()  # framed as the column's other groups are
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self.header.toggled.connect(self._show_open)
        self.header.clicked.connect(self.opened)
        self._show_open(False)

    def set_title(self, title: str) -> None:
        self.header.setText(title)

    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, open_: bool) -> None:
        """Open or close the section without ``opened``: not the person's doing."""
        self.header.setChecked(open_)

    def _show_open(self, open_: bool) -> None:
        arrow = Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow
        self.header.setArrowType(arrow)
        self.body.setVisible(open_)
