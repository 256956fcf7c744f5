"""The reader's findings about the queue's items, without the window: thumbnails and sizes as
rows appear, a film's description, and files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import write_photo
from PySide6.QtCore import QObject

from app.item_status import ItemStatus
from app.photo_queue import QueueModel
from app.queue_reading import QueueReading
from app.queue_view import QueueView
from app.workers import ImageLoader
from tests.video_helpers import make_clip

WAIT_MS = 10_000


class Reading(QObject):
    """A queue whose items are read in the test's thread; the ids reported read or not."""

    def __init__(self, qtbot) -> None:
        super().__init__()
        self.queue = QueueModel(self)
        view = QueueView()
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
    qtbot.waitUntil(lambda: reading.read == [kept.id], timeout=WAIT_MS)
    qtbot.wait(100)
    assert reading.read == [kept.id] and gone.status is ItemStatus.READING
