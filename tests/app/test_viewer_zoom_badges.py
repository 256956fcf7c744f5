"""The viewer's zoom, as a person comparing an original with its enlargement reads it: 100%
(and the badge in the bottom right corner) is the result's own pixels, and the original's own
zoom is said in the bottom left corner, under its label, so the number the original was seen
at alone is still there once its result is beside it. The badges sit on the backdrop where the
picture leaves it free, each only on its own side of the line; zooming out stops at Fit or at
the result's 100%, or, from the original's 100% kept from marking, there again, however the
zoom got there."""

from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import shown_viewer
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from app.images import pixel_view
from app.viewer import ComparisonViewer

VIEW_SIZE = (400, 300)
SCALE = 4
BEFORE = (16, 24)  # fitted beside its x4 result in VIEW_SIZE: 200x300 with 100 px either side
FITTED = 300 / (BEFORE[1] * SCALE)  # the result's zoom at Fit: 3.125 (312%), the original's 12.5
BEFORE_COLOUR = QColor(200, 150, 100)
AFTER_COLOUR = QColor(100, 150, 200)
BADGES_BAND = 40  # the view's bottom rows, where the zoom badges are
WIDE = (40, 20)  # fitted beside its x4 result in VIEW_SIZE: 400x200, 50 rows of backdrop below


def filled(width: int, height: int, colour: QColor) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB888)
    image.fill(colour)
    return image


def original(size: tuple[int, int] = BEFORE) -> QImage:
    return filled(*size, BEFORE_COLOUR)


def result(size: tuple[int, int] = BEFORE) -> QImage:
    return filled(size[0] * SCALE, size[1] * SCALE, AFTER_COLOUR)


@pytest.fixture
def compared(qtbot) -> ComparisonViewer:
    viewer = shown_viewer(qtbot, VIEW_SIZE, original(), result())
    viewer.set_labels("Original", "Restored")
    return viewer


def percent(zoom: float) -> str:
    return f"{round(zoom * 100)}%"


def drawn_over(viewer: ComparisonViewer) -> np.ndarray:
    """Where the view is drawn over (neither the photo nor the backdrop)."""
    image = viewer.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    pixels = pixel_view(image).copy().astype(int)
    backdrop = pixels[-1, 0]
    plain = [backdrop, BEFORE_COLOUR.getRgb()[:3], AFTER_COLOUR.getRgb()[:3]]
    return ~np.any([(pixels == colour).all(axis=2) for colour in plain], axis=0)


def drawn_in_badges(viewer: ComparisonViewer) -> np.ndarray:
    """Where the bottom band of the view is drawn over."""
    return drawn_over(viewer)[-BADGES_BAND:]


def tooltip_at(viewer: ComparisonViewer, pos: QPoint) -> str:
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewer.mapToGlobal(pos))
    QApplication.sendEvent(viewer, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_the_fitted_original_says_its_own_zoom_beside_the_results(compared):
    assert compared.zoom() == pytest.approx(FITTED)
    assert compared.zoom_badges() == (percent(FITTED * SCALE), f"Fit · {percent(FITTED)}")


def test_100_percent_is_the_results_own_pixels_as_the_badge_says(compared):
    compared.actual_size()
    assert compared.zoom() == pytest.approx(1.0)
    assert compared.zoom_badges() == ("400%", "100%")


def test_the_originals_number_stays_as_its_result_takes_its_place(qtbot):
    viewer = shown_viewer(qtbot, VIEW_SIZE, original())
    _none, alone = viewer.zoom_badges()
    viewer.set_images(original(), result(), keep_view=True)
    left, right = viewer.zoom_badges()
    assert alone == f"Fit · {left}" and right == f"Fit · {percent(FITTED)}"


def test_one_picture_or_two_of_one_size_have_one_badge(qtbot):
    alone = shown_viewer(qtbot, VIEW_SIZE, original())
    assert alone.zoom_badges() == ("", f"Fit · {percent(FITTED * SCALE)}")
    same = shown_viewer(qtbot, VIEW_SIZE, result(), result())
    assert same.zoom_badges()[0] == ""


def test_beside_a_fitted_portrait_each_badge_is_on_its_sides_backdrop_naming_its_picture(
    compared,
):
    drawn = drawn_in_badges(compared)
    line = compared.split_x()
    assert not drawn[:, 98 : line - 3].any() and not drawn[:, line + 4 : 302].any()
    left = np.nonzero(drawn[:, :98].any(axis=0))[0]
    right = np.nonzero(drawn[:, 302:].any(axis=0))[0] + 302
    assert left.size and right.size  # in the margins beside the photo, either side of it
    row = VIEW_SIZE[1] - BADGES_BAND // 2
    on_left = QPoint(int(left.mean()), row)
    assert tooltip_at(compared, on_left) == f"Original: {percent(FITTED * SCALE)} of its own pixels"
    on_right = QPoint(int(right.mean()), row)
    assert tooltip_at(compared, on_right) == f"Restored: {percent(FITTED)} of its own pixels"


def test_below_a_fitted_landscape_the_badges_leave_the_photo_free(qtbot):
    viewer = shown_viewer(qtbot, VIEW_SIZE, original(WIDE), result(WIDE))
    drawn = drawn_over(viewer)
    line = viewer.split_x()
    photo_bottom = slice(VIEW_SIZE[1] - 50 - BADGES_BAND, VIEW_SIZE[1] - 50)
    assert not drawn[photo_bottom, : line - 3].any()
    assert not drawn[photo_bottom, line + 4 :].any()
    below = drawn[VIEW_SIZE[1] - 50 :]  # on the backdrop, either side of the line
    assert below[:, : line - 3].any() and below[:, line + 4 :].any()
    viewer.set_zoom(8.0)  # the photo fills the view: in its bottom corners, over the photo
    assert viewer.zoom_badges() == ("3200%", "800%")
    drawn = drawn_in_badges(viewer)
    assert drawn[:, : line - 3].any() and drawn[:, line + 4 :].any()


@pytest.mark.parametrize("split", [0.02, 0.98])
def test_a_badge_is_left_out_where_its_side_is_too_narrow_for_it(qtbot, split):
    viewer = shown_viewer(qtbot, VIEW_SIZE, original(WIDE), result(WIDE))
    viewer.set_split(split)  # the line 8 px from the photo's, and the view's, edge
    drawn = drawn_in_badges(viewer)
    line = viewer.split_x()
    left, right = drawn[:, :line], drawn[:, line:]
    narrow, wide = (left, right) if split < 0.5 else (right, left)
    assert not narrow.any()
    assert wide.any()  # the other side's badge is still there


def test_the_left_badge_is_left_out_where_its_side_of_the_photo_is_not_in_view(compared):
    compared.set_split(0.05)  # 10 px of the original in view: its badge would stand for none
    assert not drawn_in_badges(compared)[:, : compared.split_x() - 3].any()
    assert drawn_in_badges(compared)[:, compared.split_x() + 4 :].any()  # the right's
    compared.set_split(0.5)
    assert drawn_in_badges(compared)[:, : compared.split_x() - 3].any()


def test_while_marking_the_original_alone_100_percent_is_its_own_pixels(compared):
    compared.set_marking(QImage(*BEFORE, QImage.Format.Format_Grayscale8))
    assert compared.zoom_badges() == ("", f"Fit · {percent(FITTED * SCALE)}")
    compared.actual_size()
    assert compared.zoom() * SCALE == pytest.approx(1.0)
    assert compared.zoom_badges() == ("", "100%")
    compared.set_marking(None)  # the result beside it again, at a quarter of its pixels
    assert compared.zoom_badges() == ("100%", "25%")


def test_zooming_out_after_marking_at_100_percent_does_not_zoom_in(compared):
    compared.set_marking(QImage(*BEFORE, QImage.Format.Format_Grayscale8))
    compared.actual_size()
    compared.set_marking(None)
    compared.zoom_by(0.5)
    assert compared.zoom_badges() == ("100%", "25%")


def test_zooming_out_a_small_photo_stops_at_the_results_100_percent(compared):
    compared.zoom_by(0.01)
    assert compared.zoom_badges() == ("400%", "100%")


def test_zooming_in_and_out_again_after_marking_comes_back_to_where_it_was(compared):
    compared.set_marking(QImage(*BEFORE, QImage.Format.Format_Grayscale8))
    compared.actual_size()
    compared.set_marking(None)
    start = compared.zoom()
    compared.zoom_by(1.25)
    compared.zoom_by(1 / 1.25)
    assert compared.zoom() == pytest.approx(start)
    compared.zoom_by(1 / 1.25)
    assert compared.zoom() == pytest.approx(start)  # the original's 100%: as far out as it goes
