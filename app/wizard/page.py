"""What every page of the training wizard shares: it re-sets its texts when the language
changes, and it reaches the wizard (and the run) it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWizardPage

if TYPE_CHECKING:
    from app.wizard.wizard import TrainingWizard


class WizardPage(QWizardPage):
    def _retranslate(self) -> None:
        """Set every text of the page in the current language."""
        raise NotImplementedError

    def _wizard(self) -> TrainingWizard:
        return self.wizard()  # type: ignore[return-value]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
