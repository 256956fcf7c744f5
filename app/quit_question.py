"""The question put before quitting would lose the queue's work (``app.quitting`` says when):
one box for all of it, saying what is lost and what the workspace keeps for next time, Cancel
the default."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.quitting import QueueLoss

translate = QCoreApplication.translate


def confirm_quit(parent: QWidget | None, loss: QueueLoss) -> bool:
    """Whether the person quits anyway, losing ``loss``."""
    answer = QMessageBox.question(
        parent,
        translate("QuitQuestion", "Quit Rekindle"),
        "\n".join([*_losses(loss), _kept(), translate("QuitQuestion", "Quit anyway?")]),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def _losses(loss: QueueLoss) -> list[str]:
    """Each part of ``loss``, counted, with what quitting does to it."""
    return [*_stopped(loss), *_unsaved(loss)]


def _stopped(loss: QueueLoss) -> list[str]:
    """The restorations under way or waiting, which stop: their photos and films stay in the
    queue (the workspace keeps it), not restored."""
    if not loss.in_flight:
        return []
    text = translate("QuitQuestion", "Photos and films being restored or waiting: {count}.")
    stops = translate(
        "QuitQuestion", "Restoring stops, and they stay in the queue to be restored another time."
    )
    return [text.format(count=loss.in_flight), stops]


def _unsaved(loss: QueueLoss) -> list[str]:
    """The restored photos not saved, in the queue and removed from it: the workspace keeps
    only the results written, so their restorations are lost."""
    lines = []
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
    if lines:
        lines.append(translate("QuitQuestion", "Restorations that are not saved are lost."))
    return lines


def _kept() -> str:
    """What comes back on the next start (``app.workspace``): the queue as it is left, each
    photo with the results written of it."""
    return translate(
        "QuitQuestion",
        "The queue comes back the next time Rekindle starts, with the results that were saved.",
    )
