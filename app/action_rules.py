"""Which of the window's actions can be used, from what the queue and the window hold: one
rule per action, no Qt, so each is tested on its own."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from app.item_status import BUSY_STATUSES, LEFT_BY_RESTORE_ALL, UNRESTORABLE, ItemStatus

VIEWING = ("fit", "actual_size", "zoom_in", "zoom_out")
"""Actions that act on the pictures in the viewer."""


class Item(Protocol):
    """What the rules read of a queue item (``app.photo_queue.QueueItem``)."""

    id: int
    status: ItemStatus

    @property
    def is_video(self) -> bool: ...

    @property
    def can_be_saved(self) -> bool: ...


@dataclass(frozen=True)
class Situation:
    """What the window holds when its actions are judged."""

    items: Sequence[Item]  # the whole queue
    selected: Sequence[Item]
    has_model: bool
    running: bool
    running_item: int | None  # the item being restored, if any
    frame_on_show: bool  # a film's frame is in the viewer
    photo_on_show: bool  # a photo (its original, perhaps with a result) is in the viewer
    current: bool  # an item is the current one
    has_images: bool  # the viewer shows pictures
    cancelling: bool = False  # Cancel was asked for: the run only waits for its item to stop
    waiting: bool = False  # a run asked for waits for its photos to be read
    previewing: bool = False  # a preview is under way
    can_undo: bool = False  # a removal can be taken back
    marking: bool = False  # spots are being marked on the photo on show (Undo takes a stroke back)
    keeping_marks: bool = False  # marks just made are being written: restoring waits for them
    restored_on_show: bool = False  # a photo beside its result is in the viewer
    left_to_save: bool = False  # Save All has photos to save (``SaveController.has_left_to_save``)
    part_on_show: bool = False  # the film on show has a part of it marked to restore


def splittable(items: Iterable[Item | None]) -> list[Item]:
    """The photos among ``items`` that can be split (scans are photos, readable ones)."""
    return [
        item
        for item in items
        if item is not None and not item.is_video and item.status is not ItemStatus.UNREADABLE
    ]


def turnable(items: Iterable[Item | None], running_item: int | None) -> list[Item]:
    """The photos among ``items`` that can be turned: readable ones, neither being restored
    nor waiting in the run (its turned copy could not take its place there)."""
    return [
        item
        for item in splittable(items)
        if item.id != running_item and item.status not in BUSY_STATUSES
    ]


def enabled_actions(s: Situation) -> dict[str, bool]:
    """Whether each action that depends on the situation can be used, by action id. While
    spots are marked, and until the marks are written, nothing is restored or previewed (it
    would be made with the marks as they were) or turned (the turned copy takes the marks
    written of its photo); Cancel waits too, since Esc leaves marking."""
    marks_settled = not (s.marking or s.keeping_marks)
    can_restore = s.has_model and marks_settled
    can_turn = marks_settled and bool(turnable(s.selected, s.running_item))
    enabled = {
        "restore": can_restore and any(i.status not in UNRESTORABLE for i in s.selected),
        "restore_all": can_restore and any(i.status not in LEFT_BY_RESTORE_ALL for i in s.items),
        "cancel": ((s.running and not s.cancelling) or s.previewing or s.waiting) and not s.marking,
        "preview": can_restore and (s.frame_on_show or s.photo_on_show) and not s.running,
        "save": any(i.can_be_saved for i in s.selected),
        "save_all": s.left_to_save,
        "save_comparison": s.restored_on_show,
        "remove": any(i.id != s.running_item for i in s.selected),
        "split": bool(splittable(s.selected)),
        "turn_left": can_turn,
        "turn_right": can_turn,
        "show_in_folder": s.current,
        "clear": any(i.id != s.running_item for i in s.items),  # it keeps the one restored
        "undo": s.can_undo or s.marking,
        "mark_spots": s.photo_on_show or s.frame_on_show or s.marking,
        "set_in": s.frame_on_show,
        "set_out": s.frame_on_show,
        "clear_in_out": s.frame_on_show and s.part_on_show,
    }
    return enabled | dict.fromkeys(VIEWING, s.has_images)
