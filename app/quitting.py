"""Whether the window may close: what quitting now would lose from the queue (restorations
under way or waiting, restored photos not saved, in the queue or removed from it but still
within Undo's reach) and the order the person is asked in, the queue's work first, in one
question, then training. Free of Qt, so tested on its own; the questions are dialogs
(``app.quit_question``, the wizard's ``confirm_stop``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from app.item_status import BUSY_STATUSES, ItemStatus


class Item(Protocol):
    """What the rule reads of a queue item (``app.photo_queue.QueueItem``)."""

    status: ItemStatus


@dataclass(frozen=True)
class QueueLoss:
    """The queue's work that quitting now would lose."""

    in_flight: int = 0  # photos and films being restored or waiting
    unsaved: int = 0  # restored photos neither saved nor being saved
    removed: int = 0  # restored photos not saved, removed from the queue, which Undo puts back

    def __bool__(self) -> bool:
        return bool(self.in_flight or self.unsaved or self.removed)


def queue_loss(items: Iterable[Item], unsaved: int, removed: int = 0) -> QueueLoss:
    """What quitting would lose of ``items`` (the queue), ``unsaved`` photos among them, and
    ``removed`` restored photos not saved that were taken out of it (Undo still holds them)."""
    return QueueLoss(sum(item.status in BUSY_STATUSES for item in items), unsaved, removed)


def may_quit(
    loss: QueueLoss,
    ask_queue: Callable[[QueueLoss], bool],
    training: Callable[[], bool],
    ask_training: Callable[[], bool],
) -> bool:
    """Whether to quit: each ``ask_`` question is put only when there is something to lose,
    and a no ends it. ``training`` is looked at after the queue's question, which it may have
    outlasted."""
    if loss and not ask_queue(loss):
        return False
    return not training() or ask_training()
