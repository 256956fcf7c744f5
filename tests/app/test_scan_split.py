"""Splitting scans without the window: the selected scans go to the saver, the prints join
the queue unremembered with the first on show, and the status bar says how it went."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_helpers import write_photo
from PySide6.QtCore import QObject, Signal, Slot

from app.action_rules import TURNED_FOLDER
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, QueueModel, status_text
from app.queue_view import QueueView
from app.scan_split import ScanSplit
from app.selection import Selection
from app.workers import SaveWorker
from engine.imageio import Picture, write_picture
from engine.turn import turn_file
from tests.conftest import VAL_DIR
from tests.scan_helpers import LID, kodak_print, lay, scan_of


class Split:
    """A scan splitter whose saver works in the test's thread; what it added and said."""

    def __init__(self, qtbot, output: Path, worker: QObject | None = None) -> None:
        self.queue = QueueModel()
        self.list = QueueView()
        self.list.setModel(self.queue)
        qtbot.addWidget(self.list)
        self.worker = worker or SaveWorker()
        self.remembered: list[bool] = []
        selection = Selection(self.queue, self.list)
        self.scans = ScanSplit(self.queue, selection, lambda: output, self.worker, self._add)
        self.said: list[str] = []
        self.scans.message.connect(self.said.append)

    def _add(self, paths: list[Path], *, remember: bool = True) -> list[QueueItem]:
        self.remembered.append(remember)
        return self.queue.add_paths(paths)

    def select(self, path: Path) -> QueueItem:
        (item,) = self.queue.add_paths([path])
        self.list.select_id(item.id)
        return item


@pytest.fixture
def split(qtbot, tmp_path: Path) -> Split:
    return Split(qtbot, tmp_path / "restored")


def _scan(path: Path, pixels: np.ndarray) -> Path:
    return write_picture(Picture(pixels, None, None, None, "png"), path)


def test_the_prints_join_the_queue_the_first_on_show(split: Split, tmp_path: Path):
    split.select(_scan(tmp_path / "box.png", scan_of([kodak_print(n) for n in (3, 5, 23)])))
    split.scans.split_selected()
    folder = tmp_path / "restored" / "box"
    prints = [item.source for item in split.queue.items()[1:]]
    assert prints == [folder / f"box-{n}.png" for n in (1, 2, 3)]
    assert split.remembered == [False]  # prints are not opened by the person
    assert split.list.current_id() == split.queue.items()[1].id
    assert split.said == [
        "Looking for the prints on box.png…",
        "box.png: 3 prints cut out and added to the queue",
    ]


def test_a_scan_with_no_prints_says_why_and_leaves_no_folder(split: Split, tmp_path: Path):
    split.select(_scan(tmp_path / "lid.png", np.full((300, 400, 3), LID, np.uint8)))
    split.scans.split_selected()
    assert split.said[-1].startswith("lid.png could not be split: no prints were found")
    assert len(split.queue.items()) == 1
    assert not (tmp_path / "restored" / "lid").exists()  # seen: an empty folder left


def test_a_scan_whose_prints_are_queued_is_not_split_again(split: Split, tmp_path: Path):
    """Seen before: the same prints written and queued again, as "box-1 (2).png"..."""
    scan = split.select(_scan(tmp_path / "box.png", scan_of([kodak_print(n) for n in (3, 5, 23)])))
    split.scans.split_selected()
    queued = split.queue.items()
    split.list.select_id(scan.id)
    split.scans.split_selected()
    assert split.said[-1] == "The prints of box.png are in the queue already."
    assert [item.id for item in split.queue.items()] == [item.id for item in queued]
    assert len(list((tmp_path / "restored" / "box").glob("*.png"))) == 3
    split.queue.remove(item.id for item in queued[1:])  # once they have left the queue
    split.list.select_id(scan.id)
    split.scans.split_selected()
    assert split.said[-1] == "box.png: 3 prints cut out and added to the queue"
    assert len(split.queue.items()) == 4


def test_scans_of_one_name_from_two_folders_each_get_their_own_folder(split: Split, tmp_path):
    """Seen before: both wrote into restored/scan, the second's prints as "scan-1 (2).png"."""
    pixels = scan_of([kodak_print(n) for n in (3, 5, 23)])
    first, second = (split.select(_scan(tmp_path / box / "scan.png", pixels)) for box in "ab")
    split.list.select_id(first.id)
    split.scans.split_selected()
    split.list.select_id(second.id)
    split.scans.split_selected()
    restored = tmp_path / "restored"
    names = ["scan-1.png", "scan-2.png", "scan-3.png"]
    for folder in ("scan", "scan (2)"):
        assert sorted(p.name for p in (restored / folder).glob("*.png")) == names
    split.queue.remove(item.id for item in split.queue.items()[2:5])  # the first's prints
    split.list.select_id(first.id)
    split.scans.split_selected()  # again: into its own folder, not a third
    assert sorted(p.name for p in restored.iterdir()) == ["scan", "scan (2)"]
    assert len(list((restored / "scan").glob("*.png"))) == 6
    assert [item.source.parent.name for item in split.queue.items()[-3:]] == ["scan"] * 3


def test_a_scan_whose_prints_were_queued_before_a_restart_is_not_split_again(
    qtbot, split: Split, tmp_path: Path
):
    """What was split is told by the output folder and the queue, not kept in memory only:
    seen before, a new session split the scan again and queued its prints twice."""
    scan = _scan(tmp_path / "box.png", scan_of([kodak_print(n) for n in (3, 5, 23)]))
    split.select(scan)
    split.scans.split_selected()
    queued = [item.source for item in split.queue.items()]
    restarted = Split(qtbot, tmp_path / "restored")
    restarted.queue.add_paths(queued)
    restarted.list.select_id(restarted.queue.items()[0].id)
    restarted.scans.split_selected()
    assert restarted.said == ["The prints of box.png are in the queue already."]
    assert len(restarted.queue.items()) == 4
    assert len(list((tmp_path / "restored" / "box").glob("*.png"))) == 3


class _Busy(QObject):
    """A saver still splitting: it takes requests and answers none."""

    split_done = Signal(int, object)
    split_failed = Signal(int, str)
    not_a_scan = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[Path] = []

    @Slot(int, object, object)
    def split(self, _item_id: int, scan: Path, _folder: Path) -> None:
        self.asked.append(scan)


def test_a_scan_being_split_is_not_split_again(qtbot, tmp_path: Path):
    busy = _Busy()
    split = Split(qtbot, tmp_path / "restored", busy)
    split.select(_scan(tmp_path / "box.png", scan_of([kodak_print(n) for n in (3, 5, 23)])))
    split.scans.split_selected()
    split.scans.split_selected()
    assert busy.asked == [tmp_path / "box.png"]
    assert split.said[-1] == "box.png is being split: its prints join the queue soon."


def test_films_are_not_split(split: Split, tmp_path: Path):
    film = tmp_path / "film.mp4"
    film.write_bytes(b"")
    split.select(film)
    split.scans.split_selected()
    assert split.said == [] and len(split.queue.items()) == 1


def test_only_the_selected_scans_are_split(split: Split, tmp_path: Path):
    split.queue.add_paths([write_photo(tmp_path / "unselected.png")])
    split.scans.split_selected()
    assert split.said == []


def test_one_print_is_spoken_of_as_one(split: Split, tmp_path: Path):
    scan = np.full((900, 1300, 3), LID, np.uint8)
    lay(scan, kodak_print(3), (650.0, 450.0), 4.0)
    split.select(_scan(tmp_path / "one.png", scan))
    split.scans.split_selected()
    assert split.said[-1] == "one.png: 1 print cut out and added to the queue"


def _turned_in_place(split: Split, item: QueueItem, output: Path) -> None:
    """Turn the queued ``item`` as Queue > Turn Left does: its turned copy takes its row."""
    copy = turn_file(item.source, -1, output / TURNED_FOLDER)
    split.queue.add_paths([copy], split.queue.row_of(item.id) + 1)
    split.queue.remove([item.id])


def test_a_scan_whose_prints_are_queued_turned_is_not_split_again(split: Split, tmp_path: Path):
    """Seen before: once all its prints were turned, the scan split again queued a second set
    of prints, "box-1 (2).png"..."""
    scan = split.select(_scan(tmp_path / "box.png", scan_of([kodak_print(n) for n in (3, 5, 23)])))
    split.scans.split_selected()
    for item in split.queue.items()[1:]:
        _turned_in_place(split, item, tmp_path / "restored")
    split.list.select_id(scan.id)
    split.scans.split_selected()
    assert split.said[-1] == "The prints of box.png are in the queue already."
    assert len(split.queue.items()) == 4
    assert len(list((tmp_path / "restored" / "box").glob("*.png"))) == 3


def _select_all(split: Split, paths: list[Path]) -> list[QueueItem]:
    """Queue the scans at ``paths``, read, and select them all."""
    items = split.queue.add_paths(paths)
    split.queue.update_each([item.id for item in items], status=ItemStatus.READY)
    split.list.selectAll()
    return items


def test_scans_split_together_are_summed_up_once_all_are_done(split: Split, tmp_path: Path):
    """Seen before: one scan's failure was overwritten at once by the others' news, and
    nothing said it afterwards."""
    pixels = scan_of([kodak_print(n) for n in (3, 5, 23)])
    blank = _scan(tmp_path / "lid.png", np.full((300, 400, 3), LID, np.uint8))
    scans = _select_all(
        split, [_scan(tmp_path / "a.png", pixels), blank, _scan(tmp_path / "b.png", pixels)]
    )
    split.scans.split_selected()
    assert split.said[0] == "Looking for the prints on 3 scans: 0 done…"
    assert split.said[-1] == (
        "6 prints cut out and added to the queue. 1 scan could not be split: lid.png."
    )
    assert len(split.queue.items()) == 9
    first = split.queue.items()[3]
    assert (first.name, split.list.current_id()) == ("a-1.png", first.id)  # not b-1.png
    failed = split.queue.item(scans[1].id)
    assert failed.status is ItemStatus.FAILED
    assert status_text(failed).startswith(
        "Failed: could not be split into prints: no prints were found"
    )
    assert [split.queue.item(item.id).status for item in (scans[0], scans[2])] == [
        ItemStatus.READY
    ] * 2


def test_a_scan_whose_row_cannot_say_why_it_was_not_split_is_told_in_the_summary(
    split: Split, tmp_path: Path
):
    """A restored scan's row keeps saying where its result is: the summary says why."""
    blank = _scan(tmp_path / "lid.png", np.full((300, 400, 3), LID, np.uint8))
    pixels = scan_of([kodak_print(n) for n in (3, 5, 23)])
    scans = _select_all(split, [blank, _scan(tmp_path / "a.png", pixels)])
    split.queue.update(scans[0].id, status=ItemStatus.RESTORED)
    split.scans.split_selected()
    assert split.queue.item(scans[0].id).status is ItemStatus.RESTORED
    assert split.said[-1].startswith(
        "3 prints cut out and added to the queue. 1 scan could not be split: lid.png (no prints"
    )


def test_a_single_scan_that_cannot_be_split_says_so_on_its_row_too(split: Split, tmp_path: Path):
    (scan,) = _select_all(
        split, [_scan(tmp_path / "lid.png", np.full((300, 400, 3), LID, np.uint8))]
    )
    split.scans.split_selected()
    assert split.said[-1].startswith("lid.png could not be split: no prints were found")
    assert split.queue.item(scan.id).status is ItemStatus.FAILED


def test_a_single_photo_asked_to_be_split_is_left_as_it_is(split: Split, tmp_path: Path):
    """Seen before: a photo selected with the scans (Select All, then Split) got a failed
    row, though nothing was wrong with it."""
    (photo,) = _select_all(split, [VAL_DIR / "kodim02.png"])
    split.scans.split_selected()
    assert split.said[-1] == (
        "kodim02.png: no prints were found on a lid: this looks like a single photo, not a scan"
        " of prints; it is left as it is."
    )
    assert split.queue.item(photo.id).status is ItemStatus.READY


def test_single_photos_split_with_scans_are_named_in_the_summary(split: Split, tmp_path: Path):
    pixels = scan_of([kodak_print(n) for n in (3, 5, 23)])
    blank = _scan(tmp_path / "lid.png", np.full((300, 400, 3), LID, np.uint8))
    photos = [VAL_DIR / "kodim02.png", VAL_DIR / "kodim05.png"]
    items = _select_all(split, [_scan(tmp_path / "a.png", pixels), blank, *photos])
    split.scans.split_selected()
    assert split.said[-1] == (
        "3 prints cut out and added to the queue. 1 scan could not be split: lid.png. 2 photos"
        " look like single photos, not scans of prints, and were left as they are: kodim02.png,"
        " kodim05.png."
    )
    statuses = [split.queue.item(item.id).status for item in items]
    assert statuses == [ItemStatus.READY, ItemStatus.FAILED, ItemStatus.READY, ItemStatus.READY]
