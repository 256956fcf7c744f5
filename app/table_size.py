"""Tables whose columns are never squeezed: the first column stretches, the others fit their
contents, and the table asks for the width of them all, so the dialog around it grows to show
every column whole in any language and font instead of eliding the first. A short table can
ask for the height of all its rows too, so that none is shown cut in half."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QStyle, QTableWidget


def stretch_first_column(table: QTableWidget) -> None:
    """The first column takes the room left; the others are as wide as their contents."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def ask_for_every_column(table: QTableWidget) -> None:
    """Make the table's minimum width that of its columns at their contents' width (call again
    when the contents change), a vertical scroll bar and the frame included."""
    header = table.horizontalHeader()
    columns = sum(
        max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
        for column in range(table.columnCount())
    )
    scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
    table.setMinimumWidth(columns + scroll_bar + 2 * table.frameWidth())


def ask_for_rows(table: QTableWidget, most: int) -> None:
    """Make the table's minimum height that of its rows, ``most`` of them at the most (a
    longer table scrolls), with its header and frame."""
    rows = sum(table.rowHeight(row) for row in range(min(table.rowCount(), most)))
    header = table.horizontalHeader().sizeHint().height()
    table.setMinimumHeight(rows + header + 2 * table.frameWidth())
