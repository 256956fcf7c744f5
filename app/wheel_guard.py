"""The mouse wheel over a column of settings scrolls the column: a slider, combo box or spin box
under the pointer changes with it only once the person has clicked or tabbed into it. Else
scrolling down a column would change each setting the pointer passes over, unseen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QSlider, QWidget

GUARDED = (QSlider, QComboBox, QAbstractSpinBox)
"""The controls a wheel turn changes. Not scroll bars: the wheel over one scrolls it."""


class WheelGuard(QObject):
    """Passes a wheel turn over a control without keyboard focus on to the widgets around it
    (the scroll area), instead of the control."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        event.ignore()  # ignored, Qt offers the turn to the control's parent, and so on up
        return True


def guard_wheel(column: QWidget) -> None:
    """Guard the controls in ``column`` (``GUARDED``), as they are now: each takes focus by a
    click or Tab, no longer by the wheel (which would focus it before it is guarded)."""
    guard = WheelGuard(column)
    for kind in GUARDED:
        for control in column.findChildren(kind):
            control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            control.installEventFilter(guard)
