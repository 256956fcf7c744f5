"""The welcome over the empty viewer: its buttons open photos or a folder, its link restores
the sample (only read: its result goes to the output folder), it goes once the queue has an
item and is back once it is emptied, and it lays itself out for the viewer's width and in
the theme's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, drop_paths, wait_for_status, write_photo
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFileDialog

from app import theme
from app.item_status import ItemStatus
from app.selftest import sample_path
from app.viewer import ComparisonViewer
from app.welcome import Welcome


def _listing(folder: Path) -> list[tuple[str, int, int]]:
    """Each file of ``folder``: its name, size and time of change (in nanoseconds)."""
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


def test_an_empty_window_welcomes_and_its_buttons_open_photos_and_folders(
    make_window, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    photo = write_photo(tmp_path / "photos" / "a.png")
    album = tmp_path / "album"
    write_photo(album / "b.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_: ([str(photo)], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_: str(album))
    window = make_window()
    welcome = window.photo_view.welcome
    assert welcome.isVisible() and welcome.sample_button.isVisible()
    assert welcome.hint_text().startswith("Drop photos, films or folders here,")
    welcome.photos_button.click()
    assert [item.name for item in window.queue.items()] == ["a.png"]
    assert not welcome.isVisible()
    window.clear_queue()
    assert welcome.isVisible()
    welcome.folder_button.click()
    qtbot.waitUntil(lambda: not welcome.isVisible(), timeout=WAIT_MS)
    assert [item.name for item in window.queue.items()] == ["b.png"]


def test_photos_dropped_on_the_welcome_join_the_queue(make_window, tmp_path: Path):
    window = make_window()
    welcome = window.photo_view.welcome
    assert drop_paths(welcome.hint, [write_photo(tmp_path / "a.png")])
    assert [item.name for item in window.queue.items()] == ["a.png"]
    assert not welcome.isVisible()


def test_the_sample_is_restored_into_the_output_folder_and_left_as_it_was(
    make_window, qtbot, tiny_model: Path, app_settings
):
    samples = sample_path().parent
    before = _listing(samples)
    window = make_window()
    window.photo_view.welcome.sample_button.click()
    (item,) = window.queue.items()
    assert item.source == sample_path() and not window.photo_view.welcome.isVisible()
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    window.save_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    assert item.saved_to.parent == Path(app_settings.output_folder())
    assert _listing(samples) == before
    assert window.recent.paths() == []  # not chosen by the person


def test_without_the_sample_installed_no_link_offers_it(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setattr("app.welcome.sample_path", lambda: tmp_path / "gone.png")
    viewer = ComparisonViewer()
    qtbot.addWidget(viewer)
    assert Welcome(viewer).sample_button.isHidden()


def _shown_welcome(qtbot, width: int) -> tuple[ComparisonViewer, Welcome]:
    """A welcome shown over a viewer ``width`` wide (kept: the welcome goes with it)."""
    viewer = ComparisonViewer()
    qtbot.addWidget(viewer)
    welcome = Welcome(viewer)
    welcome.say("Drop photos, films or folders here,\nor open them with Ctrl+O.")
    welcome.show()
    viewer.resize(width, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.wait(20)  # the column's layout, then the welcome's, settle
    return viewer, welcome


@pytest.mark.parametrize(("width", "across"), [(260, False), (700, True)])
def test_the_buttons_stand_side_by_side_where_they_fit_else_one_under_the_other(
    qtbot, width: int, across: bool
):
    _viewer, welcome = _shown_welcome(qtbot, width)
    parts = (welcome.title, welcome.hint, welcome.photos_button, welcome.folder_button)
    for part in (*parts, welcome.sample_button):
        corner = part.mapTo(welcome, part.rect().topLeft())
        assert welcome.rect().contains(part.rect().translated(corner)), part
    photos, folder = welcome.photos_button.geometry(), welcome.folder_button.geometry()
    if across:
        assert folder.top() == photos.top() and folder.left() > photos.right()
    else:
        assert folder.top() > photos.bottom() and folder.left() == photos.left()


@pytest.mark.parametrize("light", [False, True], ids=["dark", "light"])
def test_the_open_button_is_in_the_selection_colours_of_the_theme_shown(qtbot, light: bool):
    _viewer, welcome = _shown_welcome(qtbot, 700)
    palette = theme.light_palette() if light else theme.dark_palette()
    welcome.setPalette(palette)
    button = welcome.photos_button
    ground = button.grab().toImage().pixelColor(button.width() // 2, 4)
    assert ground.rgb() == palette.color(QPalette.ColorRole.Highlight).rgb()
    words = QColor(palette.color(QPalette.ColorRole.HighlightedText))
    assert theme.contrast(words, ground) >= theme.TEXT_CONTRAST
