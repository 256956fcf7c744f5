"""A queue row shows its whole status without hovering, grows and shrinks with it, and tells
apart photos that share a name by their folders."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import wait_until_read, write_photo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, QueueModel, status_text
from app.queue_row import Part, RowLayout

LONG_REASON = (
    "the disk is full: free some space on the output folder's drive, or choose another "
    "folder in the settings, then restore again"
)


def row(window: MainWindow, item: QueueItem) -> RowLayout:
    """The row as the view paints it now."""
    view = window.queue_view
    index = window.queue.index(window.queue.row_of(item.id))
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    return view.itemDelegate().row_layout(option, index)


def texts(layout: RowLayout, part: Part) -> list[str]:
    return [text.text for text in layout.texts if text.part is part]


def test_a_long_status_is_shown_whole_and_the_row_grows_to_hold_it(
    make_window, qtbot, tmp_path: Path
):
    window = make_window()
    window.resize(1400, 800)
    window.splitter.setSizes([500, 580, 320])
    item, _below = window.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png")])
    wait_until_read(qtbot, window)
    view = window.queue_view
    ready_height = view.visualRect(window.queue.index(0)).height()

    window.queue.update(item.id, status=ItemStatus.FAILED, message=LONG_REASON)
    QApplication.processEvents()  # the list is laid out again
    status = texts(row(window, item), Part.STATUS)
    assert len(status) > 1  # wrapped, not elided
    assert "".join(status).replace(" ", "") == status_text(item).replace(" ", "")
    first, second = (view.visualRect(window.queue.index(r)) for r in (0, 1))
    assert first.height() > ready_height
    assert first.bottom() < second.top()  # the next row moved down, nothing painted over
    assert max(t.rect.bottom() for t in row(window, item).texts) <= first.bottom()

    window.splitter.setSizes([view.minimumWidth(), 840, 320])  # a narrower queue
    QApplication.processEvents()
    assert len(texts(row(window, item), Part.STATUS)) > len(status)  # wrapped again
    assert view.visualRect(window.queue.index(0)).height() > first.height()

    window.queue.update(item.id, status=ItemStatus.READY, message="")
    QApplication.processEvents()
    assert view.visualRect(window.queue.index(0)).height() == ready_height


def test_photos_sharing_a_name_show_the_folders_that_differ(make_window, qtbot, tmp_path: Path):
    window = make_window()
    first = write_photo(tmp_path / "box1" / "photo.jpg")
    second = write_photo(tmp_path / "box2" / "photo.jpg")
    alone = write_photo(tmp_path / "box2" / "scan.jpg")
    items = window.add_paths([first, alone])
    wait_until_read(qtbot, window)
    assert texts(row(window, items[0]), Part.HINT) == []  # one photo of that name, so far

    (twin,) = window.add_paths([second])
    wait_until_read(qtbot, window)
    assert texts(row(window, items[0]), Part.HINT) == [" — box1/"]
    assert texts(row(window, twin), Part.HINT) == [" — box2/"]
    assert texts(row(window, twin), Part.NAME) == ["photo.jpg"]
    assert texts(row(window, items[1]), Part.HINT) == []

    window.queue.remove([twin.id])
    assert texts(row(window, items[0]), Part.HINT) == []


def test_a_long_name_is_elided_with_the_whole_path_in_the_tooltip(
    make_window, qtbot, tmp_path: Path
):
    window = make_window()
    name = "the whole family at the lake on grandfather's seventieth birthday, 1961.png"
    (item,) = window.add_paths([write_photo(tmp_path / name)])
    wait_until_read(qtbot, window)
    (shown,) = texts(row(window, item), Part.NAME)
    assert "…" in shown and shown.endswith(".png")
    index = window.queue.index(0)
    assert str(item.source) in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(QueueModel.FolderHintRole) == ""
