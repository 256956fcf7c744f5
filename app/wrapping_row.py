"""A layout that lays its widgets out left to right and goes on to another line where the
width runs out, so that a bar of tools is never wider than the narrowest pane it sits in;
widgets that belong together (a label and its slider, Undo and Redo) go in one box
(``kept_together``), which it moves to another line whole."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget


def kept_together(*widgets: QWidget, spacing: int) -> QWidget:
    """``widgets`` side by side, ``spacing`` apart, in a box as wide as they ask: one item
    of a ``WrappingRow``, never split across its lines."""
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(spacing)
    for widget in widgets:
        line.addWidget(widget)
    return box


class WrappingRow(QLayout):
    """The widgets in lines; the spare room on a line goes to its widgets that expand
    sideways. It asks for everything on one line and is content with its widest widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Everything on one line."""
        hints = [item.sizeHint() for item in self._shown()]
        width = sum(hint.width() for hint in hints) + self.spacing() * max(len(hints) - 1, 0)
        return self._with_margins(width, max((hint.height() for hint in hints), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802
        """As narrow as the widest widget."""
        sizes = [item.minimumSize() for item in self._shown()]
        return self._with_margins(
            max((size.width() for size in sizes), default=0),
            max((size.height() for size in sizes), default=0),
        )

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _with_margins(self, width: int, height: int) -> QSize:
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        """The shown items, in lines no wider than ``width`` (one item alone on a line may
        be narrowed to it)."""
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            wide = min(item.sizeHint().width(), width)
            if lines[-1] and used + self.spacing() + wide > width:
                lines.append([])
            used = (used + self.spacing() if lines[-1] else 0) + wide
            lines[-1].append(item)
        return lines

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the items out in ``rect`` (or only measure, without ``place``): the height
        they take."""
        margins = self.contentsMargins()
        room = rect.marginsRemoved(margins)
        y = room.y()
        for line in self._lines(room.width()):
            widths = self._widths(line, room.width())
            heights = [
                item.heightForWidth(wide) if item.hasHeightForWidth() else item.sizeHint().height()
                for item, wide in zip(line, widths, strict=True)
            ]
            tall = max(heights, default=0)
            x = room.x()
            for item, wide, high in zip(line, widths, heights, strict=True):
                if place:
                    item.setGeometry(QRect(x, y + (tall - high) // 2, wide, high))
                x += wide + self.spacing()
            y += tall + self.spacing()
        return y - self.spacing() - rect.y() + margins.bottom()

    def _widths(self, line: list[QLayoutItem], width: int) -> list[int]:
        """The items' widths on a line ``width`` wide: their own, the spare room shared by
        those that expand sideways."""
        widths = [min(item.sizeHint().width(), width) for item in line]
        spare = width - sum(widths) - self.spacing() * (len(line) - 1)
        growing = [
            i
            for i, item in enumerate(line)
            if item.expandingDirections() & Qt.Orientation.Horizontal
        ]
        for i in growing:
            widths[i] += max(spare, 0) // len(growing)
        return widths
