"""Measuring every text a window shows against the room its widget gives it.

``misfits(root)`` walks the visible widgets under ``root``: labels, buttons (check boxes, radio
buttons, push and tool buttons), combo boxes (every item, as any may be chosen), group box
titles, tab texts, header sections and the cells of item views, and the rows a delegate paints
itself when it says where its texts go (``row_layout``, as the queue's does). Each text is
measured with its own font's metrics, so a line with Chinese in it is as tall as the fallback
font makes it, and a descender that would be cut ("png" shown as "pnq") is a misfit. A text
elided on purpose passes when its full text is in the tooltip. New widgets are covered as they
come, since nothing here names a widget of the app's."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count, takewhile

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QStyleOptionToolButton,
    QStyleOptionViewItem,
    QTabBar,
    QToolButton,
    QWidget,
)

MNEMONIC = Qt.TextFlag.TextShowMnemonic
LOTS = 100_000
"""A height no wrapped text reaches."""


@dataclass(frozen=True)
class Misfit:
    where: str
    text: str
    needs: QSize
    has: QSize

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.text!r} needs {self.needs.width()}x{self.needs.height()}, "
            f"has {self.has.width()}x{self.has.height()}"
        )


@dataclass(frozen=True)
class Shown:
    """A text as shown: what it needs, the room it has, and whether its tooltip tells it all."""

    text: str
    needs: QSize
    has: QSize
    told_in_tooltip: bool = False  # then it may be elided, as long as its lines are whole

    def fits(self) -> bool:
        wide_enough = self.needs.width() <= self.has.width() or self.told_in_tooltip
        return wide_enough and self.needs.height() <= self.has.height()


def misfits(root: QWidget) -> list[Misfit]:
    """Every visible text under ``root`` (``root`` included) that does not fit its room."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        for shown in shown_texts(widget):
            if shown.text.strip() and not shown.fits():
                found.append(Misfit(_where(widget), shown.text, shown.needs, shown.has))
    return found


def shown_texts(widget: QWidget) -> Iterator[Shown]:
    """The texts ``widget`` itself shows (not its children's)."""
    if isinstance(widget, QLabel):
        yield from _label(widget)
    elif isinstance(widget, QCheckBox | QRadioButton | QPushButton):
        yield from _button(widget)
    elif isinstance(widget, QToolButton):
        yield from _tool_button(widget)
    elif isinstance(widget, QComboBox):
        yield from _combo(widget)
    elif isinstance(widget, QGroupBox):
        yield from _group_box(widget)
    elif isinstance(widget, QTabBar):
        yield from _tabs(widget)
    elif isinstance(widget, QHeaderView):
        yield from _header(widget)
    elif isinstance(widget, QAbstractItemView):
        yield from _cells(widget)


def text_size(text: str, font: QFont, flags: int = 0) -> QSize:
    """``text`` laid out on its lines, fallback fonts included (unlike ``QFontMetrics.height``,
    which is the first font's alone)."""
    return QFontMetrics(font).size(flags, text)


def _label(label: QLabel) -> Iterator[Shown]:
    text = label.text()
    if not text:  # a picture
        return
    margin = label.margin()
    room = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if rich:
        needs = _rich_text_size(text, label.font(), room.width() if label.wordWrap() else -1)
    elif label.wordWrap():
        bounds = QRect(0, 0, room.width(), LOTS)
        flags = Qt.TextFlag.TextWordWrap | (
            label.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
        )
        needs = QFontMetrics(label.font()).boundingRect(bounds, flags, text).size()
    else:
        needs = text_size(text, label.font(), MNEMONIC if label.buddy() else 0)
    yield Shown(text, needs, room.size(), _in_tooltip(text, label.toolTip()))


def _rich_text_size(html: str, font: QFont, width: int) -> QSize:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setTextWidth(width)
    width_needed = document.idealWidth() if width >= 0 else document.size().width()
    return QSize(math.ceil(width_needed), math.ceil(document.size().height()))


def _button(button: QAbstractButton) -> Iterator[Shown]:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    if isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    else:
        element = QStyle.SubElement.SE_PushButtonContents
    room = button.style().subElementRect(element, option, button).size()
    needs = text_size(option.text, button.font(), MNEMONIC)
    if not option.icon.isNull():
        needs.setWidth(needs.width() + option.iconSize.width() + 4)
    yield Shown(option.text, needs, room, _in_tooltip(option.text, button.toolTip()))


def _tool_button(button: QToolButton) -> Iterator[Shown]:
    option = QStyleOptionToolButton()
    button.initStyleOption(option)
    style = option.toolButtonStyle
    if style == Qt.ToolButtonStyle.ToolButtonIconOnly and not option.icon.isNull():
        return  # its text is a tooltip
    text = text_size(option.text, button.font(), MNEMONIC)
    contents = QSize(text)
    if not option.icon.isNull() and style != Qt.ToolButtonStyle.ToolButtonTextOnly:
        icon = option.iconSize
        if style == Qt.ToolButtonStyle.ToolButtonTextUnderIcon:
            contents = QSize(max(text.width(), icon.width()), text.height() + icon.height() + 4)
        else:
            contents = QSize(text.width() + icon.width() + 4, max(text.height(), icon.height()))
    needs = button.style().sizeFromContents(
        QStyle.ContentsType.CT_ToolButton, option, contents, button
    )
    if option.features & QStyleOptionToolButton.ToolButtonFeature.MenuButtonPopup:
        indicator = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
        needs.setWidth(needs.width() + indicator)
    yield Shown(option.text, needs, button.size(), _in_tooltip(option.text, button.toolTip()))


def _combo(combo: QComboBox) -> Iterator[Shown]:
    """Every item, as any may be chosen; one that elides (``textElideMode``, as item views
    say it) may be narrower than an item whose whole text is in a tooltip."""
    if combo.isEditable():
        return  # a person's own text, scrolled as they type
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    elides = getattr(combo, "textElideMode", lambda: Qt.TextElideMode.ElideNone)()
    for row in range(combo.count()):
        text = combo.itemText(row)
        needs = text_size(text, combo.font())
        if not combo.itemIcon(row).isNull():
            needs.setWidth(needs.width() + combo.iconSize().width() + 4)
        tooltip = combo.itemData(row, Qt.ItemDataRole.ToolTipRole) or combo.toolTip()
        told = elides != Qt.TextElideMode.ElideNone and text in str(tooltip)
        yield Shown(text, needs, field.size(), told)


def _group_box(box: QGroupBox) -> Iterator[Shown]:
    if not box.title():
        return
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    label = box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
    )
    needs = text_size(box.title(), box.font(), MNEMONIC)
    room = QSize(box.width() - label.left(), label.height())
    yield Shown(box.title(), needs, room)


def _tabs(bar: QTabBar) -> Iterator[Shown]:
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for index in range(bar.count()):
        text = bar.tabText(index)
        needs = text_size(text, bar.font(), MNEMONIC)
        needs.setWidth(needs.width() + space)
        if not bar.tabIcon(index).isNull():
            needs.setWidth(needs.width() + bar.iconSize().width() + 4)
        room = bar.tabRect(index).size()
        yield Shown(text, needs, room, _in_tooltip(text, bar.tabToolTip(index)))


def _header(header: QHeaderView) -> Iterator[Shown]:
    model = header.model()
    if model is None:
        return
    room = header.viewport().rect()
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    scrolls = header.length() > (room.width() if horizontal else room.height())
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        needs = header.sectionSizeFromContents(section)
        start, length = header.sectionViewportPosition(section), header.sectionSize(section)
        if horizontal:
            shown = QRect(start, 0, length, header.height())
        else:
            shown = QRect(0, start, header.width(), length)
        if scrolls and not room.contains(shown):  # cut by the scrolled edge, not squeezed
            continue
        yield Shown(text, needs, shown.intersected(room).size())


def _cells(view: QAbstractItemView) -> Iterator[Shown]:
    """Cells of the standard delegate as it sizes them, and rows a delegate lays out itself."""
    model = view.model()
    if model is None:
        return
    for index in _visible_indexes(view):
        delegate = view.itemDelegateForIndex(index)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        if hasattr(delegate, "row_layout"):
            yield from _laid_out_row(delegate, option, index)
        elif type(delegate) is QStyledItemDelegate:
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            needs = delegate.sizeHint(option, index)
            room = option.rect.intersected(view.viewport().rect()).size()
            tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
            told = isinstance(tooltip, str) and text in tooltip
            yield Shown(text, needs, room, told)


def _laid_out_row(delegate, option: QStyleOptionViewItem, index: QModelIndex) -> Iterator[Shown]:
    """Each text where the delegate paints it: within its box, and its box within the row."""
    layout = delegate.row_layout(option, index)
    if layout is None:
        return
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    for text in layout.texts:
        needs = text_size(text.text, text.font, Qt.TextFlag.TextSingleLine)
        box = text.rect.intersected(option.rect)
        yield Shown(text.text, needs, box.size(), _in_tooltip(text.text, tooltip))


def _visible_indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    """The cells wholly in view: one cut by a scrolled edge (a row at the bottom, a column of a
    table scrolling sideways) is not squeezed."""
    model = view.model()
    viewport = view.viewport().rect()
    sideways = view.horizontalScrollBar().maximum() > 0
    for row in range(model.rowCount(QModelIndex())):
        columns = takewhile(lambda column, row=row: model.hasIndex(row, column), count())
        for column in columns:  # a list model's column count is private in Qt
            index = model.index(row, column)
            rect = view.visualRect(index)
            in_rows = viewport.top() <= rect.top() and rect.bottom() <= viewport.bottom()
            in_columns = viewport.left() <= rect.left() and rect.right() <= viewport.right()
            if in_rows and (in_columns or not sideways):
                yield index


def _in_tooltip(shown: str, tooltip: object) -> bool:
    """Whether ``tooltip`` holds what an elided ``shown`` left out: every piece around the
    ellipsis, and more."""
    if "…" not in shown or not isinstance(tooltip, str):
        return False
    return all(piece.strip() in tooltip for piece in shown.split("…"))


def _where(widget: QWidget) -> str:
    chain = []
    current: QWidget | None = widget
    while current is not None and len(chain) < 4:
        name = type(current).__name__
        chain.append(f"{name}#{current.objectName()}" if current.objectName() else name)
        current = current.parentWidget()
    return " < ".join(chain)
