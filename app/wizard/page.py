"""What every page of the training wizard shares: it re-sets its texts when the language
changes, and it reaches the wizard (and the run) it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QWidget, QWizardPage

if TYPE_CHECKING:
    from app.wizard.wizard import TrainingWizard


def preferred_height(widget: QWidget, width: int) -> int:
    """The height ``widget`` prefers at ``width``: wrapped texts as tall as they need."""
    if widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    return widget.sizeHint().height()


def settle_layouts(widget: QWidget) -> None:
    """Lay ``widget`` out again now, innermost first, so that its size hints say what its
    contents (words just changed, a page just filled) need: Qt otherwise carries a change one
    level up per pass of the event loop, and a layout keeps the sizes its widgets last gave."""
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        settle_layouts(child)
    if widget.layout() is not None:
        widget.layout().activate()
    widget.updateGeometry()  # its parent's layout asks it again


class WizardPage(QWizardPage):
    def wanted_height(self, width: int) -> int:
        """The height the page's contents need at ``width``, all in view."""
        return preferred_height(self, width)

    def _retranslate(self) -> None:
        """Set every text of the page in the current language."""
        raise NotImplementedError

    def _wizard(self) -> TrainingWizard:
        return self.wizard()  # type: ignore[return-value]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
