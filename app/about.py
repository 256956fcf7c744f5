"""The About dialog: the version, the libraries underneath, and each model's training record."""

from __future__ import annotations

import platform
from typing import Any

import PySide6
import torch
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__, theme
from app.eta import format_duration
from app.screen_fit import scroll_beyond_screen
from app.table_size import ask_for_every_column, ask_for_rows, stretch_first_column
from engine.library.descriptor import Origin
from engine.library.entry import CatalogEntry

ICON_SIDE = 64
ROWS_SHOWN = 12
"""Models listed without scrolling; more scroll."""
MISSING = "—"


def _number(value: Any, digits: int) -> str:
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return MISSING


class AboutDialog(QDialog):
    """Shows what Rekindle is, which versions run it, and how its models were trained: every
    column of the models whole, the dialog as wide as they need up to the screen's width, the
    table scrolling sideways beyond it."""

    def __init__(self, models: list[CatalogEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Rekindle"))
        icon = QLabel()
        icon.setPixmap(theme.app_icon().pixmap(ICON_SIDE, ICON_SIDE))
        self.title = QLabel(f"<h2>Rekindle {__version__}</h2>")
        summary = QLabel(
            self.tr("Restores and enlarges old photos with a super-resolution network.")
        )
        summary.setWordWrap(True)
        versions = QLabel(
            self.tr("Python {python} · Qt {qt} · PySide6 {pyside} · PyTorch {torch}").format(
                python=platform.python_version(),
                qt=qVersion(),
                pyside=PySide6.__version__,
                torch=torch.__version__,
            )
        )
        versions.setWordWrap(True)  # at a large font, rather than widen past the screen
        versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QVBoxLayout()
        for label in (self.title, summary, versions):
            heading.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.models_table = self._models_table(models)
        models_label = QLabel(self.tr("Models"))
        bold = models_label.font()
        bold.setBold(True)
        models_label.setFont(bold)
        empty = QLabel(self.tr("No models are installed."))
        empty.setVisible(not models)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(models_label)
        layout.addWidget(self.models_table)
        layout.addWidget(empty)
        layout.addWidget(buttons)
        if scroll_beyond_screen(self, self.models_table):  # its rows whole above the scroll bar
            bar = self.models_table.horizontalScrollBar().sizeHint().height()
            self.models_table.setMinimumHeight(self.models_table.minimumHeight() + bar)

    def _models_table(self, models: list[CatalogEntry]) -> QTableWidget:
        headers = [
            self.tr("Model"),
            self.tr("Scale"),
            self.tr("Source"),
            self.tr("Training steps"),
            self.tr("Training time"),
            self.tr("PSNR (dB)"),
            self.tr("Bicubic PSNR (dB)"),
            self.tr("SSIM"),
        ]
        table = QTableWidget(len(models), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setTabKeyNavigation(False)
        table.setVisible(bool(models))
        for row, entry in enumerate(models):
            for column, text in enumerate(self._row(entry)):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 0:
                    cell.setToolTip(str(entry.path))
                table.setItem(row, column, cell)
        stretch_first_column(table)
        ask_for_every_column(table)
        ask_for_rows(table, ROWS_SHOWN)
        return table

    def _row(self, entry: CatalogEntry) -> list[str]:
        training = entry.training
        scores = training.get("validation") or {}
        steps = training.get("steps_done", training.get("steps"))
        seconds = training.get("seconds")
        source = self.tr("built-in") if entry.origin is Origin.BUILT_IN else self.tr("your model")
        if training and training.get("completed") is False:
            source = self.tr("{source}, training stopped early").format(source=source)
        return [
            entry.display_name,
            f"{entry.scale}×" if entry.scale else MISSING,  # 0: a community model being read
            source,
            f"{int(steps):,}" if isinstance(steps, int | float) else MISSING,
            format_duration(seconds) if isinstance(seconds, int | float) else MISSING,
            _number(scores.get("psnr"), 2),
            _number(scores.get("bicubic_psnr"), 2),
            _number(scores.get("ssim"), 3),
        ]
