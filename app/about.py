"""The About dialog: what Rekindle is, its version, copyright and licence, the libraries it is
built with, and, folded away until asked for, each model's training record."""

from __future__ import annotations

import platform
from typing import Any

import av
import cv2
import numpy
import PIL
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__, theme
from app.eta import format_duration
from app.screen_fit import fitted_size, scroll_beyond_screen
from app.table_size import ask_for_every_column, ask_for_rows, stretch_first_column
from engine.library.descriptor import Origin
from engine.library.entry import CatalogEntry

ICON_SIDE = 64
TEXT_EMS = 50
"""The dialog's least width, in widths of the letter M, where the screen has room."""
ROWS_SHOWN = 12
"""Models listed without scrolling; more scroll."""
MISSING = "—"


def _number(value: Any, digits: int) -> str:
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return MISSING


def _wrapped(text: str) -> QLabel:
    """A label of ``text`` that wraps at a large font rather than widen past the screen."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """Shows what Rekindle is, its version, copyright and licence, and what it is built with;
    Model details unfolds how its models were trained: every column of the models whole, the
    dialog as wide as they need up to the screen's width, the table scrolling sideways beyond
    it."""

    def __init__(self, models: list[CatalogEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Rekindle"))
        icon = QLabel()
        icon.setPixmap(theme.app_icon().pixmap(ICON_SIDE, ICON_SIDE))
        self.title = QLabel(f"<h2>Rekindle {__version__}</h2>")
        self.summary = _wrapped(
            self.tr("Restores and enlarges old photos and films, on your own computer.")
        )
        self.copyright = _wrapped(self.tr("Copyright © the Rekindle developers"))
        self.licence = _wrapped(
            self.tr(
                "Free software under the GNU General Public License, version 2 or later. "
                "It comes with no warranty."
            )
        )
        heading = QVBoxLayout()
        for label in (self.title, self.summary, self.copyright, self.licence):
            heading.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.credits = _wrapped(self._built_with())
        self.credits.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.models_button = QToolButton()
        self.models_button.setText(self.tr("Model details"))
        self.models_button.setCheckable(True)
        self.models_button.setAutoRaise(True)
        self.models_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.models_table = self._models_table(models)
        self._empty = QLabel(self.tr("No models are installed."))
        self._has_models = bool(models)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(_bold(QLabel(self.tr("Built with"))))
        layout.addWidget(self.credits)
        layout.addSpacing(8)
        layout.addWidget(self.models_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.models_table)
        layout.addWidget(self._empty)
        layout.addWidget(buttons)
        self.models_button.toggled.connect(self._show_models)
        self._show_models(False)

    def _built_with(self) -> str:
        """The libraries the app is built with and bundles, at the versions running it."""
        text = self.tr(
            "Qt {qt} through PySide6 {pyside} · PyTorch {torch} · OpenCV {opencv} · "
            "FFmpeg {ffmpeg} through PyAV {pyav} · Pillow {pillow} · NumPy {numpy} · "
            "Python {python}"
        )
        return text.format(
            qt=qVersion(),
            pyside=PySide6.__version__,
            torch=torch.__version__,
            opencv=cv2.__version__,
            ffmpeg=av.ffmpeg_version_info,
            pyav=av.__version__,
            pillow=PIL.__version__,
            numpy=numpy.__version__,
            python=platform.python_version(),
        )

    def _show_models(self, shown: bool) -> None:
        """Unfold the models' training records (or say there are none), or fold them away,
        the dialog taking the size they need or giving it back."""
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.models_button.setArrowType(arrow)
        table = self.models_table
        table.setVisible(shown and self._has_models)
        self._empty.setVisible(shown and not self._has_models)
        if table.isVisibleTo(self):
            ask_for_every_column(table)
            ask_for_rows(table, ROWS_SHOWN)
            if scroll_beyond_screen(self, table):  # its rows whole above the scroll bar
                bar = table.horizontalScrollBar().sizeHint().height()
                table.setMinimumHeight(table.minimumHeight() + bar)
        self._fit()

    def _fit(self) -> None:
        """As small as the contents allow, and at least ``TEXT_EMS`` of the font wide where the
        screen has room, so the texts read as lines rather than a column of words."""
        self.adjustSize()
        em = self.fontMetrics().horizontalAdvance("M")
        available = (self.parentWidget() or self).screen().availableGeometry().size()
        wanted = fitted_size((em * TEXT_EMS, 0), available).width()
        if self.width() < wanted:
            self.resize(wanted, self.layout().totalHeightForWidth(wanted))

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
        for row, entry in enumerate(models):
            for column, text in enumerate(self._row(entry)):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 0:
                    cell.setToolTip(str(entry.path))
                table.setItem(row, column, cell)
        stretch_first_column(table)
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


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
