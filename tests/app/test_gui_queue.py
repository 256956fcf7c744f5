"""Filling the queue: dropping files and folders on the window, reading thumbnails."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, drop_paths, searched, wait_until_read, write_photo
from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication

from app.cluster_field import ClusterField
from app.folder_search import Search, search
from app.item_status import ItemStatus
from app.pattern_edit import PatternEdit
from app.photo_queue import QueueItem, status_text


def test_dropping_files_and_a_folder_fills_the_queue(make_window, qtbot, tmp_path: Path):
    loose = [write_photo(tmp_path / "a.png", 40, 30), write_photo(tmp_path / "b.jpg", 32, 24)]
    album = tmp_path / "album"
    write_photo(album / "c.png", 20, 16)
    write_photo(album / "trip" / "d.webp", 24, 20)
    write_photo(album / ".cache" / "hidden.png")
    (album / "notes.txt").write_text("not a photo")
    window = make_window()

    # Dropped on the viewer, a child widget: the window takes drops anywhere.
    assert drop_paths(window.viewer, [*loose, album])
    searched(qtbot, window)

    names = [item.name for item in window.queue.items()]
    assert names == ["a.png", "b.jpg", "c.png", "d.webp"]
    wait_until_read(qtbot, window)
    sizes = [(i.width, i.height) for i in window.queue.items()]
    assert sizes == [(40, 30), (32, 24), (20, 16), (24, 20)]
    assert all(i.status is ItemStatus.READY for i in window.queue.items())
    assert all(i.thumbnail is not None and not i.thumbnail.isNull() for i in window.queue.items())
    assert window.queue_panel.count.text() == "4"


def test_dropping_the_same_photos_again_adds_nothing(make_window, qtbot, tmp_path: Path):
    photo = write_photo(tmp_path / "a.png")
    window = make_window()
    assert drop_paths(window.queue_view, [photo])
    assert drop_paths(window, [photo, tmp_path])
    searched(qtbot, window)
    assert [item.name for item in window.queue.items()] == ["a.png"]


def test_photos_dropped_on_a_text_field_are_queued_not_typed_into_it(make_window, tmp_path: Path):
    """A file manager's drag carries the files' links as text too, which a line would take in
    as typed: the result names' pattern took a photo's link and kept it for good."""
    photo = write_photo(tmp_path / "a.png")
    window = make_window()
    (names,) = window.findChildren(PatternEdit)
    (cluster,) = window.findChildren(ClusterField)
    pattern = names.pattern()
    for line in (names.line, cluster.edit):
        window.clear_queue()
        assert drop_paths(line, [photo])
        assert [item.name for item in window.queue.items()] == ["a.png"]
        assert "file:" not in line.text()
    assert names.pattern() == pattern


def test_a_drag_without_local_files_is_refused(make_window):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/photo.png")])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_the_first_added_photo_is_shown_in_the_viewer(make_window, qtbot, tmp_path: Path):
    window = make_window()
    window.add_paths([write_photo(tmp_path / "a.png", 40, 30)])
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    assert window.viewer.before_image().size().toTuple() == (40, 30)
    assert not window.viewer.has_after()
    assert "a.png" in window.windowTitle()


def test_removing_and_clearing(make_window, tmp_path: Path):
    window = make_window()
    window.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png", "c.png")])
    window.queue_view.select_id(window.queue.items()[1].id)
    window.remove_action.trigger()
    assert [i.name for i in window.queue.items()] == ["a.png", "c.png"]
    window.clear_action.trigger()
    assert window.queue.rowCount() == 0
    assert not window.viewer.has_images()


def test_after_removing_the_photo_on_show_is_the_one_selected(
    make_window, qtbot, tmp_path: Path, tiny_model
):
    window = make_window()
    _a, b, _c = window.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png", "c.png")])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(b.id)
    window.remove_action.trigger()
    shown = window.selection.current()
    assert shown is not None and shown is not b
    assert window.selection.selected() == [shown]
    assert window.restore_action.isEnabled() and window.remove_action.isEnabled()
    qtbot.waitUntil(lambda: shown.name in window.windowTitle(), timeout=WAIT_MS)


def test_one_item_is_spoken_of_as_one(make_window, tmp_path: Path):
    window = make_window()
    (item,) = window.add_paths([write_photo(tmp_path / "a.png")])
    window.queue_view.select_id(item.id)
    window.remove_action.trigger()
    assert window.statusBar().currentMessage() == "Removed 1 item — Undo (Ctrl+Z)"
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Put back 1 item."
    window.clear_action.trigger()
    assert window.statusBar().currentMessage() == "Cleared 1 item — Undo (Ctrl+Z)"


def test_choosing_an_item_selects_it_alone_even_with_ctrl_held(make_window, qtbot, tmp_path):
    window = make_window()
    a, _b = window.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png")])
    view = window.queue_view
    view.select_id(a.id)
    view.selectionModel().select(window.queue.index(1), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyPress(view, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    try:
        assert QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
        view.select_id(a.id)  # as Undo, pressed with Ctrl, puts an item on show
    finally:
        qtbot.keyRelease(view, Qt.Key.Key_Control)
    assert window.selection.selected() == [a] and window.selection.current() is a


def test_an_item_gone_from_the_queue_hands_nothing_over(make_window, tmp_path):
    window = make_window()
    (item,) = window.add_paths([write_photo(tmp_path / "a.png")])
    view = window.queue_view
    view.setCurrentIndex(QModelIndex())  # nothing on show: a turned copy let go by Undo's limit
    view.hand_over(item.id + 1000, item.id)
    assert window.selection.current() is None and window.selection.selected() == []


def test_folders_are_searched_for_supported_images_only(tmp_path: Path):
    write_photo(tmp_path / "x" / "one.PNG")
    (tmp_path / "x" / "two.gif").write_bytes(b"GIF89a")
    lone = tmp_path / "lone.txt"
    lone.write_text("a file given by name is kept, to say why it cannot be restored")
    found = search(Search((tmp_path / "x", lone), tmp_path / "restored", remember=False))
    assert [p.name for p in found.media] == ["one.PNG", "lone.txt"] and found.left_out == []


def test_status_texts_say_what_happened():
    item = QueueItem(Path("photo.jpg"), status=ItemStatus.RESTORING, progress=0.42, time_left=75)
    assert status_text(item) == "Restoring 42% · 1 min 15 s left"
    item.status, item.message = ItemStatus.FAILED, "photo.jpg: the file is damaged"
    assert status_text(item) == "Failed: photo.jpg: the file is damaged"


def test_right_clicking_the_queue_offers_what_applies_to_the_selection(make_window, tmp_path: Path):
    window = make_window()
    view = window.queue_view
    assert view.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu
    offered = [action for action in view.actions() if not action.isSeparator()]
    assert offered == [
        window.restore_action,
        window.save_action,
        window.split_action,
        window.turn_left_action,
        window.turn_right_action,
        window.restore_as_photos_action,  # shown for frame sequences only
        window.show_in_folder_action,
        window.remove_action,
    ]
    (item,) = window.add_paths([write_photo(tmp_path / "scan.png")])
    view.select_id(item.id)
    assert window.split_action.isEnabled() and window.remove_action.isEnabled()
    assert window.turn_left_action.isEnabled() and window.turn_right_action.isEnabled()


def test_show_in_folder_opens_the_restored_files_folder_or_the_originals(
    make_window, qtbot, tmp_path: Path, monkeypatch
):
    opened = []
    monkeypatch.setattr(
        "app.file_manager.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile())
    )
    window = make_window()
    (item,) = window.add_paths([write_photo(tmp_path / "photos" / "a.png")])
    window.queue_view.select_id(item.id)
    assert window.show_in_folder_action.isEnabled()
    window.show_in_folder_action.trigger()
    item.saved_to = tmp_path / "restored" / "a.png"
    window.show_in_folder_action.trigger()
    assert opened == [str(tmp_path / "photos"), str(tmp_path / "restored")]
