"""Fitting windows to small screens (a laptop, or a display scaled to 150 or 200 %), so that no
button is off-screen: a window's size on its first showing, and areas (tables among them) that
scroll instead of making their window taller or wider than the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHeaderView, QScrollArea, QTableView, QWidget

SCREEN_SHARE = 0.92
"""A window takes at most this share of a screen smaller than its designed size."""


def fitted_size(designed: tuple[int, int], available: QSize) -> QSize:
    """``designed`` (width, height), each side at most ``SCREEN_SHARE`` of ``available``."""
    width = min(designed[0], int(available.width() * SCREEN_SHARE))
    height = min(designed[1], int(available.height() * SCREEN_SHARE))
    return QSize(width, height)


STRETCHED = "screen_fit_stretched"
"""The header's property naming its stretching columns while they fit their contents
instead (``scroll_beyond_screen``)."""


def scroll_beyond_screen(window: QWidget, table: QTableView) -> bool:
    """Where ``window`` at its narrowest is wider than ``fitted_size`` allows on its screen (a
    table asking for all its columns at a large font), take the excess off ``table``'s minimum
    width, so that the window fits and the table scrolls sideways instead; its stretching
    columns then keep their contents' width, where they would be squeezed into what is left,
    and stretch again once the window fits without scrolling (a long row gone). Whether the
    table scrolls sideways. Call it once ``window``'s layout holds everything, and again after
    each time the table's minimum width is set anew."""
    least = window.minimumSizeHint()
    available = (window.parentWidget() or window).screen().availableGeometry().size()
    excess = least.width() - fitted_size((least.width(), least.height()), available).width()
    header = table.horizontalHeader()
    if excess <= 0:
        _stretch_again(header)
        return False
    table.setMinimumWidth(max(0, table.minimumWidth() - excess))
    _fit_stretching_to_contents(header)
    return True


def _fit_stretching_to_contents(header: QHeaderView) -> None:
    """The stretching columns as wide as their contents, noted on ``header`` to stretch
    again."""
    stretching = [
        column
        for column in range(header.count())
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
    ]
    for column in stretching:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setProperty(STRETCHED, sorted({*_stretched(header), *stretching}))


def _stretch_again(header: QHeaderView) -> None:
    """The columns ``_fit_stretching_to_contents`` fitted stretching again."""
    for column in _stretched(header):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setProperty(STRETCHED, [])


def _stretched(header: QHeaderView) -> list[int]:
    """The columns noted on ``header`` to stretch again."""
    return list(header.property(STRETCHED) or [])


class ScrollingArea(QScrollArea):
    """``content`` in a frameless area that scrolls where its window is too small for it (on
    a small screen), laid out as if the area were not there where the window is large enough.
    Tab goes to the content's fields, not the area."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (the viewport's resizes)
        super().resizeEvent(event)
        self._fit_content()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_content()
        return super().eventFilter(watched, event)

    def _fit_content(self) -> None:
        """The content as large as the area, and no smaller than it can be: its wrapped texts
        as tall as they need at the width it has. (Qt's own resizable area would give it the
        height it prefers, taller than a window of its designed size for a plot.)"""
        content = self.widget()
        least = content.minimumSizeHint()
        width = max(self.viewport().width(), least.width())
        layout = content.layout()
        if layout is not None and layout.hasHeightForWidth():
            least.setHeight(layout.minimumHeightForWidth(width))
        content.resize(width, max(self.viewport().height(), least.height()))


class ColumnScroll(ScrollingArea):
    """A column of fields that scrolls up and down, never sideways: the area is kept as wide
    as the column at its narrowest, with the scroll bar beside it, as that width changes
    (another language, a choice that shows other fields, a list filled later), so nothing is
    cut off at its right edge."""

    def __init__(self, column: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(column, parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_column()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802
        """The column's preferred width with the scroll bar beside it (Qt's area would answer
        the column's present width)."""
        hint = super().sizeHint()
        hint.setWidth(self._beside_bar(self.widget().sizeHint().width()))
        return hint

    def _fit_column(self) -> None:
        self.setMinimumWidth(self._beside_bar(self.widget().minimumSizeHint().width()))

    def _beside_bar(self, width: int) -> int:
        """The area's width for a column ``width`` wide and the scroll bar."""
        return width + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
