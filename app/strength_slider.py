"""A strength from 0 to 1 on a slider, as the settings panel offers the repair and detail
strengths of a built-in blend family (``engine.library.blend``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

STEPS = 100


class StrengthSlider(QWidget):
    """A caption above a slider with the words for its two ends beside it and the value in
    per cent after it; its tip says what it does. When the chosen model offers no such
    strength it is disabled, its value hidden, and its tip says which models do."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.low_label = QLabel()
        self.high_label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, STEPS)
        self.slider.setPageStep(STEPS // 10)
        self.caption.setBuddy(self.slider)  # a screen reader names the slider by it
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(self.value_label.fontMetrics().horizontalAdvance("100%"))
        row = QHBoxLayout()
        row.addWidget(self.low_label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.high_label)
        row.addWidget(self.value_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        self._tip = self._unavailable_tip = ""
        self.slider.valueChanged.connect(self._on_moved)

    def value(self) -> float:
        return self.slider.value() / STEPS

    def set_value(self, value: float) -> None:
        """Move the slider without telling anyone (a model was chosen, or settings loaded)."""
        self.slider.blockSignals(True)
        self.slider.setValue(round(min(max(value, 0.0), 1.0) * STEPS))
        self.slider.blockSignals(False)
        self._show_value()

    def set_texts(self, caption: str, low: str, high: str, tip: str, unavailable_tip: str) -> None:
        self.caption.setText(caption)
        self.low_label.setText(low)
        self.high_label.setText(high)
        self._tip, self._unavailable_tip = tip, unavailable_tip
        self._show_value()

    def set_available(self, available: bool) -> None:
        self.setEnabled(available)
        self._show_value()

    def _show_value(self) -> None:
        available = self.isEnabled()
        self.value_label.setText(f"{self.slider.value()}%" if available else "")
        self.slider.setToolTip(self._tip if available else self._unavailable_tip)

    def _on_moved(self) -> None:
        self._show_value()
        self.changed.emit()


def align(sliders: list[StrengthSlider]) -> None:
    """Give the sliders' end words equal widths, so their grooves line up one under another
    (call again when the words change)."""
    for labels in ([s.low_label for s in sliders], [s.high_label for s in sliders]):
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
