"""A read-only field showing a folder path, shortened in the middle to fit its width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit, QWidget

PADDING = 8


class PathField(QLineEdit):
    """Shows a path whole in its tooltip, and shortened in the middle in the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self._path = ""

    def path(self) -> str:
        return self._path

    def set_path(self, path: str) -> None:
        self._path = path
        self.setToolTip(path)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = (
            self.contentsRect().width()
            - 2 * self.style().pixelMetric(self.style().PixelMetric.PM_DefaultFrameWidth)
            - PADDING
        )
        text = self.fontMetrics().elidedText(self._path, Qt.TextElideMode.ElideMiddle, room)
        self.setText(text)
        self.setCursorPosition(0)
