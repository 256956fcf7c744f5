"""Races between the viewer's reads and what happens meanwhile, forced in a set order: the
window's reader reads nothing itself, and each test answers its requests by emitting the
reader's signals when the race needs them. A read of the viewer's that failed gives way to the
row's read made later; an answer to a request no longer the latest is dropped; an original is
kept with its file's stamp as it was asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import overwrite_photo, rgb_pixels, write_photo
from PySide6.QtCore import Slot
from PySide6.QtGui import QColor, QImage

from app import main_window
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, ResultFile
from app.workers import ImageLoader, RestoredPhoto
from engine.recipe import Recipe

ASKED_MS = 5_000  # a request reaches the reader at once, or from its thread in milliseconds


class HeldReader(ImageLoader):
    """The window's reader, reading nothing: it notes each request, as ``("thumbnail", id)``,
    ``("original", id)`` or ``("pair", id, left, right)``, for the test to answer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple] = []

    @Slot(int, object, int)
    def request_thumbnail(self, item_id: int, path: Path, side: int) -> None:
        self.asked.append(("thumbnail", item_id))

    @Slot(int, object)
    def request_original(self, item_id: int, path: Path) -> None:
        self.asked.append(("original", item_id))

    @Slot(int, object, object)
    def request_restored(self, item_id: int, path: Path, restored: Path) -> None:
        self.asked.append(("pair", item_id, path, restored))


@pytest.fixture
def held(make_window, monkeypatch) -> Callable[[], tuple[MainWindow, HeldReader]]:
    """Builds a window whose reader is a ``HeldReader``."""
    readers: list[HeldReader] = []

    def reader() -> HeldReader:
        readers.append(HeldReader())
        return readers[-1]

    monkeypatch.setattr(main_window, "ImageLoader", reader)

    def make() -> tuple[MainWindow, HeldReader]:
        window = make_window()
        return window, readers[-1]

    return make


def wait_asked(qtbot, reader: HeldReader, *requests: tuple) -> None:
    """Until the reader was asked for each of ``requests``, which it then forgets (answered)."""
    qtbot.waitUntil(lambda: all(r in reader.asked for r in requests), timeout=ASKED_MS)
    for request in requests:
        reader.asked.remove(request)


def filled(colour: QColor, width: int = 40, height: int = 30) -> QImage:
    """A picture of one colour, as the reader might answer."""
    image = QImage(width, height, QImage.Format.Format_RGB888)
    image.fill(colour)
    return image


def read_rows(qtbot, reader: HeldReader, *items: QueueItem) -> None:
    """The rows' reads asked for succeed: their thumbnails and sizes are known."""
    wait_asked(qtbot, reader, *(("thumbnail", item.id) for item in items))
    for item in items:
        reader.thumbnail_ready.emit(item.id, filled(QColor("grey")), 40, 30, False)


def test_a_photo_whose_viewer_read_failed_is_shown_once_its_row_is_read(
    held, qtbot, tmp_path: Path
):
    window, reader = held()
    photo = write_photo(tmp_path / "a.png")
    other, item = window.add_paths([write_photo(tmp_path / "b.png"), photo])  # b on show
    read_rows(qtbot, reader, other, item)
    overwrite_photo(photo, 40, 30)  # saved again in another program
    window.queue_view.select_id(item.id)  # so its row is read again; the viewer asks too
    assert item.status is ItemStatus.READING
    wait_asked(qtbot, reader, ("thumbnail", item.id), ("original", item.id))
    reader.failed.emit(item.id, "cannot be read")  # the viewer's read fails: the row's decides
    reader.thumbnail_ready.emit(item.id, filled(QColor("grey")), 40, 30, False)
    assert item.status is ItemStatus.READY

    wait_asked(qtbot, reader, ("original", item.id))  # asked for again, now it can be read
    reader.original_ready.emit(item.id, filled(QColor("red")))
    assert window.viewer.has_images()


def restored_twice(
    qtbot, window: MainWindow, reader: HeldReader, tmp_path: Path
) -> tuple[QueueItem, ResultFile, ResultFile]:
    """A photo restored twice, both results saved, on show: its original and the latest
    result read back from their files. Returns the item and its two results."""
    photo = write_photo(tmp_path / "a.png")
    other, item = window.add_paths([write_photo(tmp_path / "b.png"), photo])  # b on show
    read_rows(qtbot, reader, other, item)
    folder = tmp_path / "restored"
    older = ResultFile(write_photo(folder / "a [tiny].png", 160, 120), Recipe("tiny"))
    latest = ResultFile(
        write_photo(folder / "a [tiny 2x].png", 80, 60), Recipe("tiny", scale_out=2)
    )
    window.queue.update(
        item.id,
        status=ItemStatus.RESTORED,
        saved_to=latest.path,
        recipe=latest.recipe,
        history=[older, latest],
    )
    window.queue_view.select_id(item.id)
    wait_asked(qtbot, reader, ("pair", item.id, photo, latest.path))
    pair = (photo, latest.path)
    reader.restored_ready.emit(
        RestoredPhoto(item.id, pair, filled(QColor("grey")), filled(QColor("blue")))
    )
    assert window.result_view.picker.isVisible()
    return item, older, latest


def choose_result(window: MainWindow, index: int) -> None:
    """The person chooses the result ``index`` (oldest first) on the right of the picker."""
    picker = window.result_view.picker
    picker.right.setCurrentIndex(index)
    picker.right.activated.emit(index)


def test_a_pair_read_across_a_new_restoration_gives_way_to_the_new_result(
    held, qtbot, tmp_path: Path
):
    window, reader = held()
    item, older, _ = restored_twice(qtbot, window, reader, tmp_path)
    choose_result(window, 0)  # the older result, read from its file...
    wait_asked(qtbot, reader, ("pair", item.id, item.source, older.path))
    new = filled(QColor("green"))  # ...while the photo is restored a third time
    original = filled(QColor("grey"))
    window.queue.update(item.id, result_image=new, original_image=original, saved_to=None)
    window.runner.item_restored.emit(item.id)

    old_pair = (item.source, older.path)  # the older result's read ends now
    reader.restored_ready.emit(RestoredPhoto(item.id, old_pair, original, filled(QColor("red"))))
    assert item.result_image is new  # what Save writes
    assert (rgb_pixels(window.viewer.after_image()) == rgb_pixels(new)).all()


def test_a_pair_chosen_and_then_chosen_again_shows_the_last_choice(held, qtbot, tmp_path: Path):
    window, reader = held()
    item, older, latest = restored_twice(qtbot, window, reader, tmp_path)
    shown = rgb_pixels(window.viewer.after_image())
    choose_result(window, 0)  # the older result...
    choose_result(window, 1)  # ...then the latest again, before the older one is read
    wait_asked(
        qtbot,
        reader,
        ("pair", item.id, item.source, older.path),
        ("pair", item.id, item.source, latest.path),
    )
    old_pair = (item.source, older.path)
    reader.restored_ready.emit(
        RestoredPhoto(item.id, old_pair, filled(QColor("grey")), filled(QColor("red")))
    )
    assert (rgb_pixels(window.viewer.after_image()) == shown).all()
    assert (rgb_pixels(item.result_image) == shown).all()  # the latest result, kept


def test_an_original_is_kept_with_its_file_as_it_was_asked_for(held, qtbot, tmp_path: Path):
    window, reader = held()
    photos = [write_photo(tmp_path / name) for name in ("a.png", "b.png")]
    item, other = window.add_paths(photos)  # a on show
    read_rows(qtbot, reader, item, other)
    wait_asked(qtbot, reader, ("original", item.id))
    overwrite_photo(item.source, 40, 30)  # edited in another program while it is read
    reader.original_ready.emit(item.id, filled(QColor("red")))  # the file as it was
    assert window.viewer.has_images()

    window.queue_view.select_id(other.id)
    window.queue_view.select_id(item.id)
    assert not window.viewer.has_images()  # read again: the one kept is of the file as it was
    wait_asked(qtbot, reader, ("original", item.id))
