"""Files macOS opens with Rekindle ("Open With", a drop on the Dock icon, a double-click while
it runs) come as file-open events to the application: each is queued, as a second start's
photos are; several at once go together; those before the window wait for it. The bundle
declares the photos and films it opens, so that Finder offers it for them."""

from __future__ import annotations

from collections.abc import Iterator

import PyInstaller.utils.hooks  # noqa: F401 (imported off the pretend Mac: it reads the version)
import pytest
import shiboken6
from gui_helpers import WAIT_MS
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from app.file_open_events import FileOpenEvents
from engine.imageio import SUPPORTED_EXTENSIONS
from engine.media import VIDEO_EXTENSIONS
from tests.test_packaging import _spec


@pytest.fixture
def file_open_events(qapp: QApplication) -> Iterator[FileOpenEvents]:
    events = FileOpenEvents(qapp)
    yield events
    shiboken6.delete(events)  # off the application, which outlives the test


def _open_with_rekindle(qapp: QApplication, url: QUrl) -> bool:
    """What macOS does: the file goes to the application as an event; whether it was taken."""
    return QCoreApplication.sendEvent(qapp, QFileOpenEvent(url))


def test_a_file_opened_while_rekindle_runs_is_queued(
    make_window, file_open_events, photos, qapp, qtbot
):
    window = make_window()
    file_open_events.deliver_to(window.receive_paths)
    photo = photos("a.png")
    window.showMinimized()
    assert _open_with_rekindle(qapp, QUrl.fromLocalFile(str(photo)))
    qtbot.waitUntil(
        lambda: [item.source for item in window.queue.items()] == [photo], timeout=WAIT_MS
    )
    assert not window.isMinimized()


def test_files_opened_before_the_window_exists_are_queued_once_it_does(
    make_window, file_open_events, photos, qapp, qtbot
):
    first, second = photos("a.png"), photos("b.png", seed=1)
    for photo in (first, second):
        _open_with_rekindle(qapp, QUrl.fromLocalFile(str(photo)))
    qapp.processEvents()
    window = make_window()
    file_open_events.deliver_to(window.receive_paths)
    qtbot.waitUntil(lambda: len(window.queue.items()) == 2, timeout=WAIT_MS)
    assert [item.source for item in window.queue.items()] == [first, second]


def test_files_opened_together_are_handed_on_together(file_open_events, qapp, qtbot):
    received: list[list[str]] = []
    file_open_events.deliver_to(received.append)
    for name in ("/photos/a.png", "/photos/b.png"):
        _open_with_rekindle(qapp, QUrl.fromLocalFile(name))
    qtbot.waitUntil(lambda: bool(received), timeout=WAIT_MS)
    assert received == [["/photos/a.png", "/photos/b.png"]]


def test_a_link_that_is_no_local_file_is_left_out(file_open_events, qapp, qtbot):
    received: list[list[str]] = []
    file_open_events.deliver_to(received.append)
    _open_with_rekindle(qapp, QUrl("https://example.com/a.png"))
    qapp.processEvents()  # its burst, if it made one, is handed on here
    _open_with_rekindle(qapp, QUrl.fromLocalFile("/photos/b.png"))
    qtbot.waitUntil(lambda: bool(received), timeout=WAIT_MS)
    assert received == [["/photos/b.png"]]


def test_the_mac_bundle_declares_the_photos_and_films_it_opens(monkeypatch: pytest.MonkeyPatch):
    plist = _spec("darwin", monkeypatch)["BUNDLE"]["info_plist"]
    kinds = plist["CFBundleDocumentTypes"]
    declared = {f".{suffix}" for kind in kinds for suffix in kind["CFBundleTypeExtensions"]}
    assert declared == SUPPORTED_EXTENSIONS | VIDEO_EXTENSIONS
    for kind in kinds:  # offered in Open With, never made the files' default program
        assert kind["CFBundleTypeRole"] in {"Viewer", "Editor"}
        assert kind["LSHandlerRank"] == "Alternate"
