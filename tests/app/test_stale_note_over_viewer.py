"""The note that the result on show is out of date sits over the top of the viewer's
pictures, not above the viewer: as it comes and goes (a setting changed, and changed back),
the picture at Fit keeps its size and place; the sides' labels go below it; and the picture's
top rows, beneath it, can still be brought into view."""

from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import WAIT_MS, shown_viewer, wait_for_status, write_photo
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.images import pixel_view
from app.item_status import ItemStatus
from app.viewer import ComparisonViewer

VIEW_SIZE = (400, 300)
BEFORE_COLOUR = QColor(200, 150, 100)
AFTER_COLOUR = QColor(100, 150, 200)
LEFT_LABEL = slice(112, 130)  # columns of the left label's start, on a fitted 16x24 portrait
LABEL_ROOM = 40  # a label below the note begins within this many rows of its bottom


def laid_out() -> None:
    """Let the window lay itself out again, as it does between two events."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def test_the_picture_at_fit_keeps_its_size_as_the_note_comes_and_goes(
    make_window, qtbot, tiny_model, tmp_path
):
    window = make_window()
    window.resize(1200, 800)
    (item,) = window.add_paths([write_photo(tmp_path / "photos" / "tall.png", 20, 60)])
    window.queue_view.select_id(item.id)
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    viewer = window.viewer
    qtbot.waitUntil(viewer.has_after, timeout=WAIT_MS)
    laid_out()
    size, zoom = viewer.size(), viewer.zoom()
    assert viewer.is_fitted() and zoom == pytest.approx(viewer.height() / 240)  # by its height
    note = window.result_view.stale_note

    window.settings_panel.fading_check.setChecked(True)
    laid_out()
    assert note.isVisible()
    assert viewer.size() == size and viewer.zoom() == pytest.approx(zoom)
    place = note.geometry()
    assert viewer.rect().contains(place)  # over the view's top, in its middle, text whole
    assert place.top() < viewer.height() / 4
    assert abs(place.left() + place.width() / 2 - viewer.width() / 2) <= 1
    assert note.heightForWidth(place.width()) == place.height()
    window.settings_panel.fading_check.setChecked(False)
    laid_out()
    assert not note.isVisible()
    assert viewer.size() == size and viewer.zoom() == pytest.approx(zoom)


def first_row_drawn(viewer: ComparisonViewer, columns: slice, below: int = 0) -> int:
    """The top row of ``columns`` from ``below`` down that the viewer paints over (neither
    the pictures nor the backdrop), its overlay left out."""
    image = QImage(viewer.size(), QImage.Format.Format_RGB888)
    viewer.render(image, QPoint(), QRegion(), QWidget.RenderFlag.DrawWindowBackground)
    pixels = pixel_view(image).copy().astype(int)[:, columns]
    plain = [pixels[-1, 0], BEFORE_COLOUR.getRgb()[:3], AFTER_COLOUR.getRgb()[:3]]
    drawn = ~np.any([(pixels == colour).all(axis=2) for colour in plain], axis=0)
    return int(np.nonzero(drawn[below:].any(axis=1))[0].min()) + below


def test_the_labels_go_below_the_overlay(qtbot):
    before = QImage(16, 24, QImage.Format.Format_RGB888)
    before.fill(BEFORE_COLOUR)
    after = QImage(64, 96, QImage.Format.Format_RGB888)
    after.fill(AFTER_COLOUR)
    viewer = shown_viewer(qtbot, VIEW_SIZE, before, after)
    viewer.set_labels("Original", "Restored")
    plain = first_row_drawn(viewer, LEFT_LABEL)
    note = QLabel("A note across the view's top, wider than the photo in it")
    note.setMargin(LABEL_ROOM // 2)  # taller than a label
    viewer.set_overlay(note)
    note.show()
    laid_out()
    assert note.geometry().width() > VIEW_SIZE[0] // 2  # over the left label's columns
    bottom = note.geometry().bottom()
    assert bottom > plain  # the label's place, if it stayed, would be under the note
    assert first_row_drawn(viewer, LEFT_LABEL, below=bottom + 1) < bottom + LABEL_ROOM
    note.hide()
    assert first_row_drawn(viewer, LEFT_LABEL) == plain


def portrait_with_a_note(qtbot) -> tuple[ComparisonViewer, QLabel]:
    """A 16x24 original beside its x4 result, fitted by its height in ``VIEW_SIZE``, and a
    note of two lines shown over its top."""
    before = QImage(16, 24, QImage.Format.Format_RGB888)
    before.fill(BEFORE_COLOUR)
    after = QImage(64, 96, QImage.Format.Format_RGB888)
    after.fill(AFTER_COLOUR)
    viewer = shown_viewer(qtbot, VIEW_SIZE, before, after)
    note = QLabel("A note over the top of the photo,\non two lines")
    viewer.set_overlay(note)
    note.show()
    laid_out()
    return viewer, note


def row_below(viewer: ComparisonViewer, note: QLabel) -> float:
    """The image row shown just below the note, in the middle of the view."""
    return viewer.map_widget_to_image(QPointF(VIEW_SIZE[0] / 2, note.geometry().bottom() + 1)).y()


def test_the_rows_beneath_the_note_can_be_brought_into_view_when_zoomed_in(qtbot):
    viewer, note = portrait_with_a_note(qtbot)
    viewer.set_zoom(8.0)
    viewer.pan_by(0, 10_000)  # dragged down as far as it goes
    assert row_below(viewer, note) == pytest.approx(0, abs=0.5)  # the top row, below the note
    note.hide()  # nothing covers the view's top now: the photo's top goes back up to it
    assert viewer.map_widget_to_image(QPointF(0, 0)).y() == pytest.approx(0)


def test_at_fit_the_up_key_brings_the_rows_beneath_the_note_into_view(qtbot):
    viewer, note = portrait_with_a_note(qtbot)
    assert viewer.is_fitted()  # by its height: its top rows are under the note
    fitted = viewer.map_widget_to_image(QPointF(0, 0))
    assert row_below(viewer, note) > 0
    viewer.setFocus()
    for _press in range(3):
        QTest.keyClick(viewer, Qt.Key.Key_Up)
    assert row_below(viewer, note) == pytest.approx(0, abs=0.5)
    assert viewer.is_fitted()  # moved, at the same size
    QTest.keyClick(viewer, Qt.Key.Key_F)  # Fit: the whole photo in the view again
    assert viewer.map_widget_to_image(QPointF(0, 0)) == fitted


def test_zooming_out_onto_fit_shows_the_whole_photo_however_it_was_panned(qtbot):
    viewer, _note = portrait_with_a_note(qtbot)
    fitted, fit_zoom = viewer.map_widget_to_image(QPointF(0, 0)), viewer.zoom()
    viewer.set_zoom(8.0)
    viewer.pan_by(0, 10_000)  # its top below the note
    viewer.set_zoom(fit_zoom)  # zoomed out onto Fit, as "-" lands there
    assert viewer.is_fitted()
    assert viewer.map_widget_to_image(QPointF(0, 0)) == fitted  # centred, none of it cut off
