"""Files dragged over the window highlight its panes, saying they can be dropped there, until
they are dropped or dragged away; a drag of anything else highlights nothing."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import drop_paths, write_photo
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.main_window import MainWindow

BUTTONS, MODIFIERS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def _files(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def _drag_over(target: QWidget, mime: QMimeData) -> bool:
    """Drag ``mime`` onto the middle of ``target``; whether it is welcome."""
    point = target.rect().center()
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, BUTTONS, MODIFIERS)
    QApplication.sendEvent(target, enter)
    return enter.isAccepted()


def _shown_window(make_window, qtbot) -> MainWindow:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    return window


def test_files_dragged_over_the_window_highlight_its_panes(make_window, qtbot, tmp_path: Path):
    window = _shown_window(make_window, qtbot)
    highlight = window.intake.highlight
    assert not highlight.isVisible()
    assert _drag_over(window.viewer, _files(write_photo(tmp_path / "a.png")))
    assert highlight.isVisible() and highlight.text() == "Drop to add"
    panes = window.centralWidget()
    assert highlight.geometry().topLeft() == panes.mapTo(window, QPoint(0, 0))
    assert highlight.size() == panes.size()
    assert highlight.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    QApplication.sendEvent(window.viewer, QDragLeaveEvent())  # dragged away
    assert not highlight.isVisible()


def test_the_highlight_goes_once_the_files_are_dropped(make_window, qtbot, tmp_path: Path):
    window = _shown_window(make_window, qtbot)
    assert drop_paths(window.queue_view, [write_photo(tmp_path / "a.png")])
    assert not window.intake.highlight.isVisible()
    assert window.queue.rowCount() == 1


def test_a_drag_of_text_highlights_nothing(make_window, qtbot):
    window = _shown_window(make_window, qtbot)
    mime = QMimeData()
    mime.setText("some words")
    assert not _drag_over(window.viewer, mime)
    assert not window.intake.highlight.isVisible()
