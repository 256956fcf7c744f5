"""The welcome over the empty viewer: its buttons open photos or a folder, its link restores
the sample (only read: its result goes to the output folder), it goes once the queue has an
item and is back once it is emptied, and it lays itself out for the viewer's width and in
the theme's colours. From the keyboard: "Open Photos…" has the focus on an empty window at
launch (the card's place in the Tab order: ``test_gui_focus_and_contrast``), and the queue
emptied leaves the focus where it is, unless on the viewer covered; a screen reader reads
the card's name, and the title, hint and note (no model installed) with each button, in
the language shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, drop_paths, wait_for_status, write_photo
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from app import theme
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.selftest import sample_path
from app.viewer import ComparisonViewer
from app.welcome import Welcome

CHINESE_TITLE = "修复你的老照片和老影片"


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


def _active(make_window, qtbot) -> MainWindow:
    """A window shown and active, so that it has a focused widget."""
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=WAIT_MS)
    return window


def test_an_empty_window_at_launch_has_open_photos_focused(make_window, qtbot):
    window = _active(make_window, qtbot)
    welcome = window.photo_view.welcome
    assert welcome.isVisible()
    assert QApplication.focusWidget() is welcome.photos_button


def test_the_queue_emptied_leaves_the_focus_where_it_is_but_on_the_viewer_it_covers(
    make_window, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    photo = write_photo(tmp_path / "a.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_: ([str(photo)], ""))
    window = _active(make_window, qtbot)
    welcome = window.photo_view.welcome
    welcome.photos_button.click()
    window.queue_view.setFocus()
    window.clear_queue()
    assert welcome.isVisible() and QApplication.focusWidget() is window.queue_view
    welcome.photos_button.click()
    window.viewer.setFocus()
    window.clear_queue()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is welcome.photos_button, timeout=WAIT_MS)
    QTest.keyClick(welcome.photos_button, Qt.Key.Key_Space)
    assert not welcome.isVisible() and QApplication.focusWidget() is window.viewer


def test_a_screen_reader_reads_the_cards_name_and_the_title_and_hint_with_each_button(
    make_window, qtbot, translation
):
    window = make_window(translation=translation)
    welcome = window.photo_view.welcome
    hint = welcome.hint_text()
    assert _said(welcome) == [("Welcome", f"Restore your old photos and films\n{hint}")] * 3
    translation.apply("zh_CN")
    name = QCoreApplication.translate("Welcome", "Welcome")
    qtbot.waitUntil(lambda: welcome.hint_text() != hint, timeout=WAIT_MS)
    chinese = [(name, f"{CHINESE_TITLE}\n{welcome.hint_text()}")] * 3
    qtbot.waitUntil(lambda: _said(welcome) == chinese, timeout=WAIT_MS)


def test_a_screen_reader_reads_the_note_with_each_button_where_no_model_is_installed(
    make_window, qtbot, translation, builtin_models: Path
):
    """The note under the buttons says why photos cannot be restored yet: a screen reader,
    which reads no label the focus does not reach, hears it with each button."""
    window = make_window(translation=translation)
    welcome = window.photo_view.welcome
    note = welcome.note.text()
    assert note.startswith("No models are installed")
    english = f"Restore your old photos and films\n{welcome.hint_text()}\n{note}"
    assert _said(welcome) == [("Welcome", english)] * 3
    translation.apply("zh_CN")
    qtbot.waitUntil(lambda: welcome.note.text() != note, timeout=WAIT_MS)
    chinese = f"{CHINESE_TITLE}\n{welcome.hint_text()}\n{welcome.note.text()}"
    qtbot.waitUntil(
        lambda: [said for _name, said in _said(welcome)] == [chinese] * 3, timeout=WAIT_MS
    )


def _said(welcome: Welcome) -> list[tuple[str, str]]:
    """For each of the card's buttons, what a screen reader says of the card around it and of
    the button: the card's name, and the button's description."""
    name = QAccessible.queryAccessibleInterface(welcome).text(QAccessible.Text.Name)
    describe = QAccessible.Text.Description
    buttons = (welcome.photos_button, welcome.folder_button, welcome.sample_button)
    return [(name, QAccessible.queryAccessibleInterface(b).text(describe)) for b in buttons]
