"""The queue's column: a list with a thumbnail, the file name, its size and a coloured status per
photo (with a thin progress bar while it is being restored), under a title with the count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.item_status import ERROR_STATUSES, ItemStatus
from app.line_breaks import balanced_lines
from app.photo_queue import QueueItem, QueueModel
from app.queue_row import BAR_HEIGHT, THUMB_SIDE, Part, RowLayout, lay_out_row

CORNER = 4
PANEL_MARGINS = (8, 8, 4, 8)
TEXT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine
MUTED_ALPHA = 0.65
"""Opacity of the size line and the folder hint, beside the name and status (more where
that would read at less than 4.5:1 on the row: ``theme.muted``)."""
PLACEHOLDER_SIDE = 32
"""The side of the icon drawn in a thumbnail's place."""
FOCUS_WIDTH = 2
"""The focus frame's line width: it marks the current row while the list has focus."""
EMPTY_MARGIN = 16
"""The room between the empty list's edges and its hint."""


def thumbnail_pixels(widget: QWidget) -> int:
    """The thumbnail side in device pixels on ``widget``'s screen (sharp on high-DPI)."""
    return round(THUMB_SIDE * widget.devicePixelRatioF())


class QueueDelegate(QStyledItemDelegate):
    """Paints one queue row as ``app.queue_row`` lays it out; rows are as tall as their text.
    Each row's height is kept, for its width, until its item changes (``remeasure``): Qt asks
    for every row's size whenever it lays the list out, and laying a row out takes long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, tuple[int, int]] = {}  # item id: width, and height at it
        self._kept_at: Counter[int] = Counter()  # how many heights are kept at each width

    def row_layout(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> RowLayout | None:
        """The row in ``option.rect`` when painting; in the view's width when sizing (Qt asks
        for a size with an empty rectangle)."""
        item: QueueItem | None = index.data(QueueModel.ItemRole)
        if item is None:
            return None
        hint = index.data(QueueModel.FolderHintRole) or ""
        return lay_out_row(item, hint, option.font, _row_rect(option))

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), self._height(option, index, _row_width(option)))

    def remeasure(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Measure the row of an item that changed again, at the width it was measured at;
        whether its height changed (or it was never measured)."""
        item = _item(index)
        kept = self._forget(item.id) if item is not None else None
        if kept is None:
            return item is not None
        width, height = kept
        return self._height(option, index, width) != height

    def forget(self, item_ids: Iterable[int]) -> None:
        """Drop the heights of items leaving the list, or coming back to it (changed,
        perhaps, while they were out)."""
        for item_id in item_ids:
            self._forget(item_id)

    def forget_all(self) -> None:
        """Drop every height: the font or the language changed."""
        self._heights.clear()
        self._kept_at.clear()

    def knows_heights(self, rows: int, width: int) -> bool:
        """Whether the list's ``rows`` rows all have their heights kept at ``width``: the list
        is then laid out again without a row measured, quickly enough to do at once. Counted,
        not looked up row by row: only the heights of the list's rows are kept (the view
        forgets those of the items leaving it)."""
        return self._kept_at[width] == rows

    def _keep(self, item_id: int, width: int, height: int) -> None:
        self._forget(item_id)
        self._heights[item_id] = (width, height)
        self._kept_at[width] += 1

    def _forget(self, item_id: int) -> tuple[int, int] | None:
        """Drop the item's height; the width and height that were kept, if any."""
        kept = self._heights.pop(item_id, None)
        if kept is not None:
            self._kept_at[kept[0]] -= 1
        return kept

    def _height(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int
    ) -> int:
        """The row's height at ``width``: the one kept, or laid out anew."""
        item = _item(index)
        if item is None:
            return THUMB_SIDE
        kept = self._heights.get(item.id)
        if kept is not None and kept[0] == width:
            return kept[1]
        hint = index.data(QueueModel.FolderHintRole) or ""
        rect = QRect(option.rect.left(), option.rect.top(), width, 0)
        height = lay_out_row(item, hint, option.font, rect).height
        self._keep(item.id, width, height)
        return height

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        layout = self.row_layout(option, index)
        if layout is None:
            return
        item: QueueItem = index.data(QueueModel.ItemRole)
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        self._paint_thumbnail(painter, item, layout, palette)
        colors = self._colors(item, palette, selected)
        for text in layout.texts:
            painter.setFont(text.font)
            painter.setPen(colors[text.part])
            painter.drawText(text.rect, TEXT_FLAGS, text.text)
        if layout.bar is not None:
            self._paint_bar(painter, QRectF(layout.bar), item.progress, palette, selected)
        if option.state & QStyle.StateFlag.State_HasFocus:
            self._paint_focus(painter, QRectF(option.rect), palette, selected)
        painter.restore()

    @staticmethod
    def _paint_focus(painter: QPainter, row: QRectF, palette: QPalette, selected: bool) -> None:
        """A rounded frame inside the current row (the one on show, which keys move even
        where they leave the selection alone): the highlight on a plain row, the selected
        text's colour on a selected one."""
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        inset = FOCUS_WIDTH / 2 + 1
        frame = row.adjusted(inset, inset, -inset, -inset)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(palette.color(role), FOCUS_WIDTH))
        painter.drawRoundedRect(frame, CORNER, CORNER)

    def _paint_thumbnail(
        self, painter: QPainter, item: QueueItem, layout: RowLayout, palette: QPalette
    ) -> None:
        box = layout.thumbnail
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        backdrop = QPainterPath()
        backdrop.addRoundedRect(QRectF(box), CORNER, CORNER)
        painter.fillPath(backdrop, palette.color(QPalette.ColorRole.Base))
        image = item.thumbnail
        if image is None or image.isNull():
            if layout.placeholder is not None:
                inset = (THUMB_SIDE - PLACEHOLDER_SIDE) // 2
                spot = box.adjusted(inset, inset, -inset, -inset)
                theme.icon(layout.placeholder, palette).paint(painter, spot)
            return
        size = QSize(image.width(), image.height()).scaled(
            box.size(), Qt.AspectRatioMode.KeepAspectRatio
        )
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(box.center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)

    @classmethod
    def _colors(cls, item: QueueItem, palette: QPalette, selected: bool) -> dict[Part, QColor]:
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ground_role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        text = palette.color(text_role)
        muted = theme.muted(text, palette.color(ground_role), MUTED_ALPHA)
        status = cls._status_color(item, palette, selected)
        return {Part.NAME: text, Part.HINT: muted, Part.SIZE: muted, Part.STATUS: status}

    @staticmethod
    def _status_color(item: QueueItem, palette: QPalette, selected: bool) -> QColor:
        if selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        if item.status in ERROR_STATUSES or item.save_failed:
            return theme.status_color("failure", palette)
        if item.status is ItemStatus.RESTORED:
            return theme.status_color("success", palette)
        return palette.color(QPalette.ColorRole.Text)

    @classmethod
    def _paint_bar(
        cls, painter: QPainter, bar: QRectF, fraction: float, palette: QPalette, selected: bool
    ) -> None:
        fill, track_color = cls._bar_colors(palette, selected)
        track = QPainterPath()
        track.addRoundedRect(bar, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        painter.fillPath(track, track_color)
        done = QRectF(
            bar.left(), bar.top(), bar.width() * min(max(fraction, 0.0), 1.0), bar.height()
        )
        filled = QPainterPath()
        filled.addRoundedRect(done, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        painter.fillPath(filled, fill)

    @staticmethod
    def _bar_colors(palette: QPalette, selected: bool) -> tuple[QColor, QColor]:
        """The progress bar's fill and track. The fill is the accent, or on a selected row the
        selected text's colour (the accent would not stand out on the highlight); the track
        is the field colour, mixed with the row's where it would not stand 3:1 apart from the
        fill (the light theme's white under white)."""
        if selected:
            fill = palette.color(QPalette.ColorRole.HighlightedText)
            row = palette.color(QPalette.ColorRole.Highlight)
        else:
            fill = theme.accent_color(palette)
            row = palette.color(QPalette.ColorRole.Base)
        return fill, theme.apart(palette.color(QPalette.ColorRole.Base), row, fill)


def _row_rect(option: QStyleOptionViewItem) -> QRect:
    """The row's rectangle: ``option.rect``, in the view's width when it is empty (as when Qt
    asks for a row's size)."""
    rect = QRect(option.rect)
    rect.setWidth(_row_width(option))
    return rect


def _row_width(option: QStyleOptionViewItem) -> int:
    """``option.rect``'s width, or the view's when it is empty."""
    width = option.rect.width()
    view = option.widget
    if width <= 0 and isinstance(view, QAbstractItemView):
        return view.viewport().width()
    return width


def _item(index: QModelIndex | QPersistentModelIndex) -> QueueItem | None:
    """The row's item, asked of the model itself: Qt asks for every row's size as it lays the
    list out, and asking through ``index.data`` takes several times as long."""
    model = index.model()
    return model.item_at(index.row()) if isinstance(model, QueueModel) else None


class ScrollDue(NamedTuple):
    """A row to scroll to once it is laid out, as ``hint`` says, and then ``past`` pixels
    further down (the part of the row at the top of the list that was scrolled past, kept as
    the list is laid out again)."""

    row: QPersistentModelIndex
    hint: QAbstractItemView.ScrollHint
    past: int = 0


class QueueView(QListView):
    """The queue as a list; several photos can be selected at once. Rows differ in height (a
    long status wraps), and the list is laid out again when the width, the font or the language
    changes, or a row changes height (as test_queue_rows.py and test_text_fit.py check). A
    change that leaves the rows' heights as they were only repaints them: Qt would lay out every
    row again at each change of any row, and a row being restored changes with each progress
    report (test_queue_scale.py).

    Rows not measured yet are laid out a batch at a time as the event loop turns
    (``LayoutMode.Batched``): measuring a row takes long, and measuring every row of a folder of
    a thousand photos at once would freeze the window. A list whose rows' heights are all known
    (a row's height changed, rows were taken out) is laid out in a single pass: the heights are
    looked up, a few milliseconds for 400 rows, and the list is never shown part laid out
    (test_queue_height_change.py). A row to scroll to before it is laid out is scrolled to once
    the list is laid out, unless the person scrolls meanwhile; the row at the top of the list
    stays where it is when the list is laid out again. Qt finds no row at a place in the list
    (and shows none) until the last batch is laid out: a click or a key that moves the current
    row has the rest laid out at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scroll_due: ScrollDue | None = None
        self.setItemDelegate(QueueDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setMinimumWidth(240)
        # the scroll bar's actions are the person's (dragged, clicked, a wheel turned)
        self.verticalScrollBar().actionTriggered.connect(self._forget_scroll_due)

    def moveCursor(  # noqa: N802
        self,
        cursorAction: QAbstractItemView.CursorAction,  # noqa: N803
        modifiers: Qt.KeyboardModifier,
    ) -> QModelIndex:
        """Qt's move of the current row by a key, in the whole list laid out: Qt finds the row
        a page away or at the end, and selects the row moved to, by their places."""
        self._lay_out_every_row()
        return super().moveCursor(cursorAction, modifiers)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Qt's press on the row under the pointer, in the whole list laid out."""
        self._lay_out_every_row()
        super().mousePressEvent(event)

    def _lay_out_every_row(self) -> None:
        """Lay out at once the rows not laid out yet: a single freeze, for the person's key
        or click."""
        if self._being_laid_out():
            self._keep_top_row()
            self._lay_out_at_once()

    def _being_laid_out(self) -> bool:
        """Whether the list's last row has no place in it yet."""
        model = self.model()
        last = model.index(model.rowCount() - 1)
        return last.isValid() and not self.visualRect(last).isValid()

    def _forget_scroll_due(self) -> None:
        """The person scrolls: no row waiting to be laid out is scrolled to any more."""
        self._scroll_due = None

    def doItemsLayout(self) -> None:  # noqa: N802
        """Lay the list out again, in a single pass where every row's height is known, its row
        at the top staying where it is."""
        self._keep_top_row()
        if self._heights_known():
            self._lay_out_at_once()
        else:
            super().doItemsLayout()

    def _lay_out_at_once(self) -> None:
        """Qt's layout of every row now, in a single pass, whatever the list's layout mode."""
        mode = self.layoutMode()
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        super().doItemsLayout()
        self.setLayoutMode(mode)

    def _keep_top_row(self) -> None:
        """Have the row at the top of the list scrolled back to once the list is laid out
        again, as far past it as now: a row above it may have changed height, and while a batch
        at a time is laid out, the list is only as long as the rows laid out so far, and Qt
        scrolls up to them."""
        top = self.indexAt(QPoint(self.viewport().width() // 2, 0))
        if self._scroll_due is None and top.row() > 0:
            self._scroll_due = ScrollDue(
                QPersistentModelIndex(top),
                QAbstractItemView.ScrollHint.PositionAtTop,
                -self.visualRect(top).top(),
            )

    def scrollTo(  # noqa: N802
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Scroll to the row of ``index``; to a row not laid out yet, once it is."""
        if index.isValid() and not self.visualRect(index).isValid():
            self._scroll_due = ScrollDue(QPersistentModelIndex(index), hint)
            return
        self._scroll_due = None
        super().scrollTo(index, hint)

    def updateGeometries(self) -> None:  # noqa: N802
        """Qt's answer to a layout done: scroll to the row that was not laid out yet when it
        was asked for, or back to the row that was at the top (gone meanwhile: nowhere)."""
        super().updateGeometries()
        due = self._scroll_due
        if due is None:
            return
        if not due.row.isValid():
            self._scroll_due = None
        elif self.visualRect(due.row).isValid():
            self.scrollTo(self.model().index(due.row.row()), due.hint)
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + due.past)

    def dataChanged(  # noqa: N802
        self,
        top: QModelIndex | QPersistentModelIndex,
        bottom: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Repaint the rows changed; lay the list out again only if one's height changed, and
        then at once: Qt would lay it out at the first question of where a row is (a hover, a
        click), and scrolling back to the row at the top would change the answer."""
        if self._heights_changed(top.row(), bottom.row()):
            super().dataChanged(top, bottom, list(roles))
            self.executeDelayedItemsLayout()
        else:
            QAbstractItemView.dataChanged(self, top, bottom, list(roles))

    def rowsInserted(  # noqa: N802
        self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        self.itemDelegate().forget(self._ids(first, last))
        super().rowsInserted(parent, first, last)

    def rowsAboutToBeRemoved(  # noqa: N802
        self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        self.itemDelegate().forget(self._ids(first, last))
        super().rowsAboutToBeRemoved(parent, first, last)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        """Lay the list out again when its rows' width changes, as when the scroll bar shows
        (the list itself keeps its size, and Qt lays out nothing): rows measured at the width
        before would keep their heights."""
        resized = event.type() == QEvent.Type.Resize
        if resized and event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()
        return super().viewportEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            self.itemDelegate().forget_all()  # the statuses' words, and so heights, change
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            self._paint_empty_hint()

    def empty_hint(self) -> str:
        """What the empty list says: that it holds nothing yet, and how photos come in."""
        return "\n".join(
            (self.tr("No photos yet"), self.tr("Drop photos or folders here to add them."))
        )

    def _paint_empty_hint(self) -> None:
        """The empty list's hint, quiet (as the rows' secondary words) in its middle."""
        margin = EMPTY_MARGIN
        box = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        lines = balanced_lines(self.empty_hint(), self.font(), box.width())
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        painter = QPainter(self.viewport())
        painter.setPen(theme.muted(text, palette.color(QPalette.ColorRole.Base), MUTED_ALPHA))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(lines))
        painter.end()

    def _heights_changed(self, first: int, last: int) -> bool:
        """Measure the rows ``first`` to ``last`` again, each of them (a height not measured
        again would be kept as it was); whether one's height changed."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        model = self.model()
        changed = [delegate.remeasure(option, model.index(row)) for row in range(first, last + 1)]
        return any(changed)

    def _heights_known(self) -> bool:
        """Whether every row's height is kept at the width rows are measured at (the list's):
        laying the list out then measures no row. Qt lays the list out as it is given its
        model, before ``model()`` has it."""
        model = self.model()
        if model is None:
            return False
        return self.itemDelegate().knows_heights(model.rowCount(), self.viewport().width())

    def _ids(self, first: int, last: int) -> list[int]:
        items = map(self.model().item_at, range(first, last + 1))
        return [item.id for item in items if item is not None]

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        model = self.model()
        return [model.item_at(row).id for row in rows if model.item_at(row) is not None]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        item = index.data(QueueModel.ItemRole) if index.isValid() else None
        return item.id if item is not None else None

    def select_id(self, item_id: int) -> None:
        """Make the item's row the current one and the only one selected (whatever keys are
        held: Ctrl, held for Ctrl+Z, would make Qt toggle it instead)."""
        row = self.model().row_of(item_id)
        if row >= 0:
            flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.selectionModel().setCurrentIndex(self.model().index(row), flag)

    def hand_over(self, old_id: int, new_id: int) -> None:
        """Give ``new_id``'s row the place ``old_id``'s has: selected if it is, current if it
        is (nothing when ``old_id`` is not in the queue)."""
        model = self.model()
        old, new = model.index(model.row_of(old_id)), model.index(model.row_of(new_id))
        if not old.isValid():
            return
        selection = self.selectionModel()
        if selection.isSelected(old):
            selection.select(new, QItemSelectionModel.SelectionFlag.Select)
        if old == self.currentIndex():
            selection.setCurrentIndex(new, QItemSelectionModel.SelectionFlag.NoUpdate)


class QueuePanel(QWidget):
    """The queue's title and count, its list, and buttons for the actions given."""

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QueueView()
        self.view.setModel(model)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.count = QLabel("0")
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.count)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANEL_MARGINS)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._buttons)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(lambda *_: self.count.setText(str(model.rowCount())))
        self._retranslate()

    def add_buttons(self, actions: list[QAction]) -> None:
        """A button under the list for each action, with its icon and short text, next in
        the Tab order after the list and the buttons before it."""
        last = self._buttons.count() - 2  # the stretch closes the row
        previous = self._buttons.itemAt(last).widget() if last >= 0 else self.view
        for action in actions:
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setDefaultAction(action)
            self._buttons.insertWidget(self._buttons.count() - 1, button)
            QWidget.setTabOrder(previous, button)
            previous = button

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Queue"))
        self.view.setAccessibleName(self.title.text())
