"""The reader's findings about the queue's items, without the window: thumbnails and sizes as
rows appear, a film's description, and files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, back_to_the_front, overwrite_photo, write_photo
from PySide6.QtCore import QObject

from app.item_status import ItemStatus
from app.photo_queue import QueueItem, QueueModel
from app.queue_reading import QueueReading
from app.queue_view import QueueView
from app.workers import ImageLoader
from tests.video_helpers import make_clip


class Reading(QObject):
    """A queue whose items are read in the test's thread; the ids reported read or not."""

    def __init__(self, qtbot) -> None:
        super().__init__()
        self.queue = QueueModel(self)
        self.view = view = QueueView()
        view.setModel(self.queue)
        qtbot.addWidget(view)
        self.loader = ImageLoader()
        self.reading = QueueReading(self.queue, view, self.loader, self)
        self.read: list[int] = []
        self.unreadable: list[int] = []
        self.reading.read.connect(self.read.append)
        self.reading.unreadable.connect(self.unreadable.append)


@pytest.fixture
def reading(qtbot) -> Reading:
    return Reading(qtbot)


def test_a_photo_added_gets_its_thumbnail_and_size(reading: Reading, qtbot, tmp_path: Path):
    (item,) = reading.queue.add_paths([write_photo(tmp_path / "a.png", 40, 30)])
    qtbot.waitUntil(lambda: reading.read == [item.id], timeout=WAIT_MS)
    assert item.status is ItemStatus.READY and (item.width, item.height) == (40, 30)
    assert item.thumbnail is not None and not item.thumbnail.isNull()


def test_a_film_gets_its_description(reading: Reading, qtbot, tmp_path: Path):
    (item,) = reading.queue.add_paths([make_clip(tmp_path / "film.mp4", frames=4)])
    qtbot.waitUntil(lambda: reading.read == [item.id], timeout=WAIT_MS)
    assert item.video is not None and item.video.frames == 4
    assert (item.width, item.height) == (item.video.width, item.video.height)


def test_a_file_that_cannot_be_read_is_marked_so(reading: Reading, qtbot, tmp_path: Path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    (item,) = reading.queue.add_paths([broken])
    qtbot.waitUntil(lambda: reading.unreadable == [item.id], timeout=WAIT_MS)
    assert item.status is ItemStatus.UNREADABLE and item.message


def test_a_restored_item_whose_picture_cannot_be_read_stays_restored(
    reading: Reading, qtbot, tmp_path: Path
):
    (item,) = reading.queue.add_paths([write_photo(tmp_path / "a.png")])
    qtbot.waitUntil(lambda: reading.read == [item.id], timeout=WAIT_MS)
    reading.queue.update(item.id, status=ItemStatus.RESTORED)
    reading.loader.failed.emit(item.id, "its restored file is gone")  # read for the viewer
    assert item.status is ItemStatus.RESTORED and reading.unreadable == [item.id]


def test_the_reads_of_items_taken_out_are_dropped(reading: Reading, qtbot, tmp_path: Path):
    kept, gone = reading.queue.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png")])
    reading.reading.forget([gone.id])
    (last,) = reading.queue.add_paths([write_photo(tmp_path / "c.png")])  # read after b's turn
    qtbot.waitUntil(lambda: last.id in reading.read, timeout=WAIT_MS)
    assert reading.read == [kept.id, last.id] and gone.status is ItemStatus.READING


def _read_both(reading: Reading, qtbot, tmp_path: Path) -> tuple[QueueItem, QueueItem]:
    items = reading.queue.add_paths([write_photo(tmp_path / n, 40, 30) for n in ("a.png", "b.png")])
    qtbot.waitUntil(lambda: len(reading.read) == 2, timeout=WAIT_MS)
    return items


def test_a_row_goes_on_show_read_again_if_its_file_changed(reading: Reading, qtbot, tmp_path: Path):
    a, b = _read_both(reading, qtbot, tmp_path)
    reading.view.select_id(a.id)
    reading.view.select_id(b.id)
    (last,) = reading.queue.add_paths([write_photo(tmp_path / "c.png")])  # read after any
    qtbot.waitUntil(lambda: last.id in reading.read, timeout=WAIT_MS)
    assert reading.read == [a.id, b.id, last.id]  # unchanged: not read again
    overwrite_photo(a.source, 60, 20)
    reading.view.select_id(a.id)
    assert a.status is ItemStatus.READING
    qtbot.waitUntil(lambda: reading.read == [a.id, b.id, last.id, a.id], timeout=WAIT_MS)
    assert a.status is ItemStatus.READY and (a.width, a.height) == (60, 20)
    assert a.thumbnail.width() > 2 * a.thumbnail.height()


def test_the_row_on_show_is_read_again_as_the_app_comes_back_to_the_front(
    reading: Reading, qtbot, tmp_path: Path
):
    a, b = _read_both(reading, qtbot, tmp_path)
    reading.view.select_id(a.id)
    overwrite_photo(a.source, 60, 20)
    overwrite_photo(b.source, 60, 20)
    back_to_the_front()
    qtbot.waitUntil(lambda: (a.width, a.height) == (60, 20), timeout=WAIT_MS)
    assert (b.width, b.height) == (40, 30)  # looked at when it goes on show


def test_a_restored_row_follows_the_file_its_restoration_read(
    reading: Reading, qtbot, tmp_path: Path
):
    a, _b = _read_both(reading, qtbot, tmp_path)
    overwrite_photo(a.source, 60, 20)
    reading.queue.update(a.id, status=ItemStatus.RESTORED)
    qtbot.waitUntil(lambda: (a.width, a.height) == (60, 20), timeout=WAIT_MS)
    assert a.status is ItemStatus.RESTORED


def test_a_file_mended_since_it_could_not_be_read_is_read_again(
    reading: Reading, qtbot, tmp_path: Path
):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    (item,) = reading.queue.add_paths([broken])
    qtbot.waitUntil(lambda: item.status is ItemStatus.UNREADABLE, timeout=WAIT_MS)
    overwrite_photo(broken, 40, 30)
    reading.view.select_id(item.id)
    qtbot.waitUntil(lambda: item.status is ItemStatus.READY, timeout=WAIT_MS)
    assert (item.width, item.height) == (40, 30) and item.message == ""


def test_the_viewer_failing_on_the_file_before_it_came_back_leaves_the_new_read_to_decide(
    reading: Reading, qtbot, tmp_path: Path
):
    """A drive plugged in again: the viewer's read made while it was out fails after the
    row's read again was asked for; the row follows that read, not the viewer's."""
    broken = tmp_path / "scan.png"
    broken.write_bytes(b"not yet a picture")
    (item,) = reading.queue.add_paths([broken])
    qtbot.waitUntil(lambda: item.status is ItemStatus.UNREADABLE, timeout=WAIT_MS)
    overwrite_photo(broken, 40, 30)
    reading.view.select_id(item.id)  # read again
    assert item.status is ItemStatus.READING
    reading.loader.failed.emit(item.id, "read for the viewer before the file came back")
    qtbot.waitUntil(lambda: item.status is ItemStatus.READY, timeout=WAIT_MS)
    assert (item.width, item.height) == (40, 30) and item.message == ""


def test_the_viewer_failing_on_a_photo_read_marks_its_row(reading: Reading, qtbot, tmp_path: Path):
    (item,) = reading.queue.add_paths([write_photo(tmp_path / "a.png")])
    qtbot.waitUntil(lambda: reading.read == [item.id], timeout=WAIT_MS)
    reading.loader.failed.emit(item.id, "it went while on show")
    assert item.status is ItemStatus.UNREADABLE and reading.unreadable == [item.id]
