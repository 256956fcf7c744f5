"""A combo box that may be narrower than its longest item, as one in the settings column must
be for a long model name: the chosen text is elided ("Grandmother's alb…") instead of cut off
in the middle of a letter, and hovering shows the whole of it (the item's tooltip, if it has
one)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolTip,
)

ICON_GAP = 4
"""Between the item's icon and its text, as the styles draw it."""
NARROW_LENGTH = 12
"""Characters a narrow combo box (``narrow_combo``) makes room for, whatever its items."""


class ElidingComboBox(QComboBox):
    """Elides its chosen text on the right; ``textElideMode`` says so, as item views do."""

    def textElideMode(self) -> Qt.TextElideMode:  # noqa: N802  (Qt's name, as on item views)
        return Qt.TextElideMode.ElideRight

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self, self._measure_again)  # once the items are translated

    def _measure_again(self) -> None:
        """Size to the items' new texts: Qt sizes a combo box by the first texts it showed, so
        one filled in English and switched to Chinese (glyphs from a taller fallback font)
        would cut them. Setting the policy anew drops the size it keeps."""
        policy = self.sizeAdjustPolicy()
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizeAdjustPolicy(policy)

    def shown_text(self) -> str:
        """The chosen text as painted: whole when it fits, else elided."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = field.width()
        if not option.currentIcon.isNull():
            room -= option.iconSize.width() + ICON_GAP
        return self.fontMetrics().elidedText(option.currentText, self.textElideMode(), room)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.toolTip():
            whole = self.currentData(Qt.ItemDataRole.ToolTipRole) or self.currentText()
            if isinstance(event, QHelpEvent) and whole != self.shown_text():
                QToolTip.showText(event.globalPos(), whole, self)
                return True
        return super().event(event)


def narrow_combo(length: int = NARROW_LENGTH) -> ElidingComboBox:
    """A combo box as wide as ``length`` characters at least, not as its longest item, so that
    long items (model names, recipes) never widen the window: the chosen one is elided."""
    combo = ElidingComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(length)
    return combo
