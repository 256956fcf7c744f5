"""Which of the window's actions can be used, from what the queue and the window hold: one
rule per action, no Qt, so each is tested on its own."""

from __future__ import annotations

import glob
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from app.item_status import BUSY_STATUSES, LEFT_BY_RESTORE_ALL, UNRESTORABLE, ItemStatus
from engine.split import scan_of
from engine.turn import TURNED

VIEWING = ("fit", "actual_size", "zoom_in", "zoom_out")
"""Actions that act on the pictures in the viewer."""
TURNED_FOLDER = "turned"
"""The output folder's subfolder the turned copies are written into (``app.turning``)."""
TURNED_NAME = re.compile(rf"(?P<photo>.+){re.escape(TURNED)}(?: \(\d+\))?")
"""A turned copy's name without its extension (``engine.turn``): the photo's, " turned", and
the number a name taken gets."""
FOLDERS_KNOWN = 4096
"""Folders whose scan (or none) is remembered: the actions are judged often, over every
selected row, and the disk is asked about each folder once."""
PHOTOS_KNOWN = 65536
"""Photos whose scan (or none) is remembered: the actions are judged often, over the whole
queue (``split_scans``), and a photo's path is taken apart once."""


class Item(Protocol):
    """What the rules read of a queue item (``app.photo_queue.QueueItem``)."""

    id: int
    status: ItemStatus
    source: Path

    @property
    def key(self) -> Path: ...  # the file's resolved path

    @property
    def is_video(self) -> bool: ...


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
    selected_to_save: bool = False  # Save has selected photos to save (the same, of the selected)
    part_on_show: bool = False  # the film on show has a part of it marked to restore


@lru_cache(maxsize=PHOTOS_KNOWN)
def scan_cut_from(photo: Path) -> Path | None:
    """The scan (its full path) that the photo at ``photo`` was cut from by Split Scan into
    Prints: a print lies in its scan's folder of prints (``engine.split.scan_of``), and a turned
    copy of one (named after it, ``TURNED_NAME``) in the turned copies' folder beside that one
    (``TURNED_FOLDER``). None for any other photo. Remembered, as what it is found from is
    (``_scan_of_folder``, ``_scan_with_print``)."""
    scan = _scan_of_folder(photo.parent)
    turned = TURNED_NAME.fullmatch(photo.stem)
    if scan is not None or turned is None or photo.parent.name != TURNED_FOLDER:
        return scan
    return _scan_with_print(photo.parent.parent, turned["photo"])


@lru_cache(maxsize=FOLDERS_KNOWN)
def _scan_of_folder(folder: Path) -> Path | None:
    """``scan_of``, asked once a folder: a folder of prints is marked before its prints are
    written, and a folder that was there unmarked never becomes one."""
    return scan_of(folder)


@lru_cache(maxsize=FOLDERS_KNOWN)
def _scan_with_print(folder: Path, stem: str) -> Path | None:
    """The scan whose folder of prints in ``folder`` holds a print named ``stem``, if any."""
    try:
        folders = [place for place in folder.iterdir() if place.is_dir()]
    except OSError:
        return None
    for place in folders:
        scan = _scan_of_folder(place)
        if scan is not None and any(place.glob(f"{glob.escape(stem)}.*")):
            return scan
    return None


def split_scans(items: Sequence[Item]) -> set[int]:
    """The ids of the scans among ``items`` whose prints (or their turned copies) are among
    them too: Restore All passes over such a scan, whose prints it restores (a scan of several
    prints is many times their size); Restore restores it when asked."""
    scans = {scan_cut_from(item.source) for item in items} - {None}
    return {item.id for item in items if scans and item.key in scans}


def left_to_restore(
    items: Sequence[Item], passed_over: Collection[ItemStatus] = LEFT_BY_RESTORE_ALL
) -> list[Item]:
    """The items Restore All restores: none whose status is ``passed_over`` (restored,
    unreadable or on their way), nor scans whose prints are queued (``split_scans``, asked
    only where some are left)."""
    left = [item for item in items if item.status not in passed_over]
    split = split_scans(items) if left else set()
    return [item for item in left if item.id not in split]


def readable_photos(items: Iterable[Item | None]) -> list[Item]:
    """The readable photos among ``items``."""
    return [
        item
        for item in items
        if item is not None and not item.is_video and item.status is not ItemStatus.UNREADABLE
    ]


def splittable(items: Iterable[Item | None]) -> list[Item]:
    """The photos among ``items`` that can be split: scans are photos, readable ones, and a
    print cut from a scan (or its turned copy) is no scan."""
    return [item for item in readable_photos(items) if scan_cut_from(item.source) is None]


def turnable(items: Iterable[Item | None], running_item: int | None) -> list[Item]:
    """The photos among ``items`` that can be turned: readable ones, neither being restored
    nor waiting in the run (its turned copy could not take its place there)."""
    return [
        item
        for item in readable_photos(items)
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
        "restore_all": can_restore and bool(left_to_restore(s.items)),
        "cancel": ((s.running and not s.cancelling) or s.previewing or s.waiting) and not s.marking,
        "preview": can_restore and (s.frame_on_show or s.photo_on_show) and not s.running,
        "save": s.selected_to_save,
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
