"""The question put before quitting would lose the queue's work (``app.quitting`` says when):
one box for all of it, Cancel the default."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.quitting import QueueLoss

translate = QCoreApplication.translate


def confirm_quit(parent: QWidget | None, loss: QueueLoss) -> bool:
    """Whether the person quits anyway, losing ``loss``."""
    lines = []
    if loss.in_flight:
        text = translate("QuitQuestion", "Photos and films being restored or waiting: {count}.")
        lines.append(text.format(count=loss.in_flight))
    if loss.unsaved:
        text = translate("QuitQuestion", "Restored photos that are not saved: {count}.")
        lines.append(text.format(count=loss.unsaved))
    if loss.removed:
        text = translate(
            "QuitQuestion",
            "Restored photos removed from the queue that are not saved (Undo puts them back): "
            "{count}.",
        )
        lines.append(text.format(count=loss.removed))
    lines.append(translate("QuitQuestion", "Quit anyway?"))
    answer = QMessageBox.question(
        parent,
        translate("QuitQuestion", "Quit Rekindle"),
        "\n".join(lines),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
