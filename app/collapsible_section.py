"""A part of a column of settings that opens and closes under its title, so that the settings
needed less often stay out of the way until they are wanted. While closed, its title tells
what in it is not as by default, so that a choice changing every result is not hidden."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class Change(NamedTuple):
    """A setting in a section that is not as by default: ``brief``, a few words for the
    closed section's title ("extra care", "tile 128 px"), and ``line``, the setting and its
    value in full ("Tile size: 128 px") for its tooltip and a screen reader."""

    brief: str
    line: str


class SectionTitle(QToolButton):
    """A section's title button, its text elided to the room it is given (the whole is in
    its tooltip and its accessible name): a long summary of changes must not widen the
    settings column, so it asks only for the room of the plain title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._full = ""

    def set_texts(self, title: str, full: str) -> None:
        """Show ``full`` (the ``title`` and what follows it) as far as it fits."""
        self._title, self._full = title, full
        self.setAccessibleName(full)
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self._chrome() + self.fontMetrics().horizontalAdvance(self._title)
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        room = self.width() - self._chrome()
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room))

    def _chrome(self) -> int:
        """The width the button takes besides its text: the arrow, the margins, as
        ``QToolButton.sizeHint`` measures them."""
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        spaces = 2 * self.fontMetrics().horizontalAdvance(" ")
        contents = QSize(option.iconSize.width() + 4 + spaces, 0)
        style = self.style()
        return style.sizeFromContents(
            QStyle.ContentsType.CT_ToolButton, option, contents, self
        ).width()


class CollapsibleSection(QWidget):
    """A title over a framed ``body``, shown only while the section is open. The title is a
    button that Tab reaches and Space (or a click) opens and closes; a screen reader names it
    by the title and tells whether it is open (a pressed toggle button). While closed, the
    title is followed by the changes ``set_changes`` gives, listed in full in its tooltip and
    its accessible description."""

    opened = Signal(bool)  # the person opened (True) or closed the section

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._changes: list[Change] = []
        self.header = SectionTitle()
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
        self._title = title
        self._show_changes()

    def set_changes(self, changes: list[Change]) -> None:
        """Tell ``changes`` (none: the plain title) while the section is closed."""
        self._changes = changes
        self._show_changes()

    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, open_: bool) -> None:
        """Open or close the section without ``opened``: not the person's doing."""
        self.header.setChecked(open_)

    def _show_open(self, open_: bool) -> None:
        arrow = Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow
        self.header.setArrowType(arrow)
        self.body.setVisible(open_)
        self._show_changes()

    def _show_changes(self) -> None:
        """The title, and while closed, "Advanced · extra care, CPU", with each change's
        line in the tooltip and the accessible description; open, the fields tell them."""
        changes = [] if self.is_open() else self._changes
        full, listed = self._title, ""
        if changes:
            briefs = self.tr(", ").join(change.brief for change in changes)
            full = self.tr("{title} · {changes}").format(title=self._title, changes=briefs)
            lines = [self.tr("Changed from the defaults:"), *(c.line for c in changes)]
            listed = "\n".join(lines)
        self.header.set_texts(self._title, full)
        self.header.setToolTip(f"{full}\n\n{listed}" if listed else "")
        self.header.setAccessibleDescription(listed)
