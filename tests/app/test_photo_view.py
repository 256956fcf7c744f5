"""The queue's current item in the viewer, without the window: what the viewer says while it
has no picture (the welcome while the queue is empty), the title, originals read once and
kept, a file that cannot be read, pixels let go once saved, and results whose files are gone
let go of."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, back_to_the_front, overwrite_photo, write_photo
from PySide6.QtGui import QAction, QImage, QKeySequence

from app.film_view import FilmView
from app.frame_scrubber import FrameScrubber
from app.item_status import ItemStatus
from app.on_show import OnShow
from app.photo_queue import QueueModel, ResultFile
from app.photo_view import PhotoView
from app.queue_reading import QueueReading
from app.queue_view import QueueView
from app.restore_runner import RestoreRunner
from app.result_view import ResultView
from app.selection import Selection
from app.settings import AppSettings
from app.settings_panel import SettingsPanel
from app.viewer import ComparisonViewer
from app.workers import ImageLoader
from engine.recipe import Recipe


class Parts:
    """The photo view among the parts it works with; its reader reads in the test's thread."""

    def __init__(self, qtbot, settings: AppSettings) -> None:
        self.queue = QueueModel()
        self.list = QueueView()
        self.list.setModel(self.queue)
        self.viewer = ComparisonViewer()
        self.panel = SettingsPanel(settings)
        for widget in (self.list, self.viewer, self.panel):
            qtbot.addWidget(widget)
        self.runner = RestoreRunner(self.queue)
        self.loader = loader = ImageLoader()  # kept: nothing else holds it
        self.reading = QueueReading(self.queue, self.list, loader)
        show = OnShow(kept=4)
        restore_settings = self.panel.restore_settings
        film = FilmView(
            self.viewer, FrameScrubber(), show, self.queue, self.runner, loader, restore_settings
        )
        opening = QAction(self.viewer)
        opening.setShortcut(QKeySequence("Ctrl+O"))
        self.photo_view = PhotoView(
            self.viewer,
            show,
            film,
            ResultView(self.viewer, restore_settings),
            self.queue,
            Selection(self.queue, self.list),
            loader,
            self.panel,
            opening,
        )
        self.list.selectionModel().currentChanged.connect(lambda *_: self.photo_view.show_current())
        self.reading.read.connect(self.photo_view.item_read)
        self.reading.unreadable.connect(self.photo_view.item_unreadable)
        self.titles: list[str] = []
        self.photo_view.title_changed.connect(self.titles.append)


@pytest.fixture
def parts(qtbot, app_settings: AppSettings, builtin_models: Path) -> Iterator[Parts]:
    parts = Parts(qtbot, app_settings)
    yield parts
    parts.runner.shutdown()
    parts.panel.shutdown()


HINT = "Drop photos, films or folders here,\nor open them with Ctrl+O."
NO_MODELS = "No models are installed yet, so photos cannot be restored."


def test_with_the_queue_empty_the_welcome_says_how_to_add_photos(parts: Parts):
    parts.photo_view.update_placeholder()
    welcome = parts.photo_view.welcome
    assert not welcome.isHidden()
    assert (welcome.hint_text(), welcome.note.text()) == (HINT, NO_MODELS)
    assert parts.viewer.placeholder() == ""  # the welcome says it, over the viewer


def test_the_welcome_goes_once_a_photo_joins_and_is_back_once_the_queue_empties(
    parts: Parts, tmp_path: Path
):
    parts.photo_view.update_placeholder()
    (item,) = parts.queue.add_paths([write_photo(tmp_path / "a.png")])
    assert parts.photo_view.welcome.isHidden()
    assert parts.viewer.placeholder() == f"{HINT}\n\n{NO_MODELS}"  # none chosen to show yet
    parts.list.select_id(item.id)
    assert parts.photo_view.welcome.isHidden()
    assert parts.viewer.placeholder() == "Loading a.png…"
    parts.queue.remove([item.id])
    assert not parts.photo_view.welcome.isHidden()
    assert parts.viewer.placeholder() == ""


def test_a_photo_is_read_once_and_its_original_kept(parts: Parts, qtbot, tmp_path: Path):
    first, second = parts.queue.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png")])
    parts.list.select_id(first.id)
    assert parts.viewer.placeholder() == "Loading a.png…"
    assert parts.titles == ["a.png — Rekindle"]
    qtbot.waitUntil(parts.viewer.has_images, timeout=WAIT_MS)
    assert not parts.viewer.has_after()

    parts.list.select_id(second.id)
    assert not parts.viewer.has_images()  # being read
    qtbot.waitUntil(parts.viewer.has_images, timeout=WAIT_MS)
    parts.list.select_id(first.id)
    assert parts.viewer.has_images()  # kept: shown without reading it again


def test_a_file_that_cannot_be_read_says_why(parts: Parts, qtbot, tmp_path: Path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    (item,) = parts.queue.add_paths([broken])
    parts.list.select_id(item.id)
    qtbot.waitUntil(lambda: item.status is ItemStatus.UNREADABLE, timeout=WAIT_MS)
    assert item.message.startswith("broken.jpg: ")  # the sentence names it; the viewer once
    reason = item.message.removeprefix("broken.jpg: ")
    assert parts.viewer.placeholder() == f"broken.jpg cannot be opened:\n{reason}"
    assert not parts.viewer.has_images()


def test_a_file_mended_since_it_could_not_be_read_is_shown_once_read(
    parts: Parts, qtbot, tmp_path: Path
):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    (item,) = parts.queue.add_paths([broken])
    parts.list.select_id(item.id)
    qtbot.waitUntil(lambda: item.status is ItemStatus.UNREADABLE, timeout=WAIT_MS)
    overwrite_photo(broken, 40, 30)
    parts.photo_view.show_current()  # before its row is read again: still unreadable
    back_to_the_front()
    qtbot.waitUntil(parts.viewer.has_images, timeout=WAIT_MS)
    assert item.status is ItemStatus.READY


def test_a_saved_photo_lets_its_pixels_go_once_off_show(parts: Parts, tmp_path: Path):
    shown, other = parts.queue.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png")])
    parts.list.select_id(shown.id)
    for item in (shown, other):
        item.status, item.saved_to = ItemStatus.RESTORED, tmp_path / "restored" / item.name
        item.original_image = item.result_image = QImage(4, 4, QImage.Format.Format_RGB888)
    parts.photo_view.release(shown.id)
    parts.photo_view.release(other.id)
    assert shown.result_image is not None
    assert other.result_image is None and other.original_image is None


def test_a_result_whose_file_is_gone_gives_way_to_the_one_made_before(
    parts: Parts, qtbot, tmp_path: Path
):
    (item,) = parts.queue.add_paths([write_photo(tmp_path / "a.png")])
    folder = tmp_path / "restored"
    older = ResultFile(write_photo(folder / "a [tiny].png", 160, 120), Recipe("tiny"))
    gone = ResultFile(folder / "a [tiny 2x].png", Recipe("tiny", scale_out=2))
    parts.queue.update(
        item.id,
        status=ItemStatus.RESTORED,
        saved_to=gone.path,
        recipe=gone.recipe,
        history=[older, gone],
    )
    parts.list.select_id(item.id)
    qtbot.waitUntil(lambda: item.saved_to == older.path, timeout=WAIT_MS)
    assert item.status is ItemStatus.RESTORED
    assert (item.history, item.recipe) == ([older], older.recipe)
    qtbot.waitUntil(parts.viewer.has_after, timeout=WAIT_MS)
    assert parts.viewer.after_image().size().toTuple() == (160, 120)
