"""The comparison viewer as a tester coming from other upscalers found it: zooming out to the
fitting size is Fit again, the split travels across the photo (not the margins beside it) with
its labels on the photo, both sides switch to hard pixels together, and the whole knob grabs."""

from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import BACKGROUND, MARK, marked_pair, shown_viewer
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from app.images import pixel_view
from app.viewer import HANDLE_RADIUS, KEY_SPLIT_STEP, SPLIT_GRAB_DISTANCE, ComparisonViewer

VIEW_SIZE = (400, 300)
SCALE = 4
LARGE = (800, 600)  # an after image larger than the view: zooming out stops at fitting it
PORTRAIT = (16, 24)  # its x4 after, fitted in VIEW_SIZE, is 200x300 with 100 px either side
LANDSCAPE_EDGE = QPointF(32, 40)  # on the left edge of marked_pair's mark, in after pixels
BEFORE_COLOUR = QColor(200, 150, 100)
AFTER_COLOUR = QColor(100, 150, 200)
NOTE = "x"  # a short note, drawn in the middle of the view's top: clear of the labels
LABELS_BAND = 100  # the view's top rows, where the labels are and the split's knob is not


def rendered(widget: ComparisonViewer) -> np.ndarray:
    """The widget as painted, HxWx3 RGB."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    return pixel_view(image).copy().astype(int)


def filled(width: int, height: int, colour: QColor) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB888)
    image.fill(colour)
    return image


@pytest.fixture
def landscape(qtbot) -> ComparisonViewer:
    return shown_viewer(qtbot, VIEW_SIZE, *marked_pair(SCALE))


@pytest.fixture
def portrait(qtbot) -> ComparisonViewer:
    width, height = PORTRAIT
    before = filled(width, height, BEFORE_COLOUR)
    after = filled(width * SCALE, height * SCALE, AFTER_COLOUR)
    return shown_viewer(qtbot, VIEW_SIZE, before, after)


def photo_on_screen(widget: ComparisonViewer) -> QRectF:
    size = widget.image_size()
    return widget.after_transform().mapRect(QRectF(0, 0, size.width(), size.height()))


def drag(widget: ComparisonViewer, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(widget, end)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


# -- zooming out to the fitting size is Fit -----------------------------------------------


def test_zooming_out_as_far_as_it_goes_is_fit_and_follows_the_view(qtbot):
    before = filled(LARGE[0] // SCALE, LARGE[1] // SCALE, BEFORE_COLOUR)
    viewer = shown_viewer(qtbot, VIEW_SIZE, before, filled(*LARGE, AFTER_COLOUR))
    fitted_small = viewer.zoom()
    viewer.set_zoom(2.0)
    assert not viewer.is_fitted()
    for _ in range(10):
        QTest.keyClick(viewer, Qt.Key.Key_Minus)
    assert viewer.is_fitted() and viewer.zoom() == pytest.approx(fitted_small)

    viewer.resize(VIEW_SIZE[0] * 2, VIEW_SIZE[1] * 2)
    assert viewer.is_fitted()
    assert viewer.zoom() == pytest.approx(2 * fitted_small)  # the photo filled it again


def test_a_tiny_photo_zoomed_out_below_its_fitting_size_is_not_fit(qtbot):
    tiny = filled(8, 6, BACKGROUND)
    viewer = shown_viewer(qtbot, VIEW_SIZE, tiny, tiny)
    viewer.set_zoom(1.0)  # 100%: smaller than fitted
    assert viewer.zoom() == pytest.approx(1.0) and not viewer.is_fitted()


# -- the split travels across the photo ---------------------------------------------------


def test_the_split_runs_from_edge_to_edge_of_a_portrait_not_of_the_view(portrait):
    photo = photo_on_screen(portrait)
    assert photo.left() == pytest.approx(100) and photo.right() == pytest.approx(300)
    for split, x in [(0.0, 100), (0.2, 140), (0.5, 200), (1.0, 300)]:
        portrait.set_split(split)
        assert portrait.split_x() == x
        assert portrait.split_in_image() == pytest.approx(split)


def test_the_split_at_an_end_is_exactly_at_the_photos_edge(qtbot):
    """Saving a comparison tells a line at an edge from one just inside the photo."""
    before = filled(30, 60, BEFORE_COLOUR)
    viewer = shown_viewer(qtbot, (707, 900), before, before.scaled(120, 240))
    for end in (0.0, 1.0):
        viewer.set_split(end)
        assert viewer.split_in_image() == end


def test_dragging_the_split_into_a_margin_leaves_it_at_the_photos_edge(portrait):
    centre = QPoint(portrait.split_x(), VIEW_SIZE[1] // 2)
    drag(portrait, centre, QPoint(10, centre.y()))
    assert portrait.split() == 0.0 and portrait.split_x() == 100
    drag(portrait, QPoint(100, centre.y()), QPoint(160, centre.y()))
    assert portrait.split() == pytest.approx(0.3)


def test_a_key_steps_the_split_by_a_share_of_the_photos_width(portrait):
    QTest.keyClick(portrait, Qt.Key.Key_Period)
    assert portrait.split_in_image() == pytest.approx(0.5 + KEY_SPLIT_STEP)
    assert portrait.split_x() == 200 + KEY_SPLIT_STEP * 200


def test_zoomed_in_the_split_stays_on_the_part_of_the_photo_in_view(portrait):
    portrait.set_zoom(8.0)  # 512x768: the photo covers the view
    for split, x in [(0.0, 0), (0.25, 100), (1.0, 400)]:
        portrait.set_split(split)
        assert portrait.split_x() == x
    portrait.pan_by(150, 0)
    assert portrait.split_x() == 400  # on screen still, the photo under it moved
    under = portrait.map_widget_to_image(QPointF(400, 0)).x() / portrait.image_size().width()
    assert portrait.split_in_image() == pytest.approx(under)


def test_the_split_of_a_portrait_taller_than_the_view_spans_its_width_only(portrait):
    portrait.set_zoom(4.0)  # 256x384: wider than fitted, still narrower than the view
    photo = photo_on_screen(portrait)
    portrait.set_split(0.0)
    assert portrait.split_x() == round(photo.left())
    portrait.set_split(1.0)
    assert portrait.split_x() == round(photo.right())


def drawn_over(pixels: np.ndarray) -> np.ndarray:
    """Where something is drawn over the portrait and the backdrop (labels, the line): a mask
    of the view's top half, where the knob and the zoom's label are not."""
    top = pixels[: VIEW_SIZE[1] // 2]
    backdrop = pixels[VIEW_SIZE[1] // 2, 5]
    plain = [backdrop, BEFORE_COLOUR.getRgb()[:3], AFTER_COLOUR.getRgb()[:3]]
    return ~np.any([(top == colour).all(axis=2) for colour in plain], axis=0)


def test_the_labels_sit_on_the_photo_not_in_the_margins(portrait):
    drawn = drawn_over(rendered(portrait))
    assert not drawn[:, :98].any() and not drawn[:, 302:].any()  # nothing beside the photo
    columns = np.nonzero(drawn.any(axis=0))[0]
    line = portrait.split_x()
    assert columns.min() < line - 20 and columns.max() > line + 20  # a label either side


def test_a_narrow_side_keeps_its_label_whole_over_the_line(portrait):
    """The split dragged near the photo's left edge: the before side, narrower than its
    label, keeps the label in its corner, drawn on over the line; parked at the edge, the
    side shows nothing and is not labelled."""
    portrait.set_split(0.1)  # 20 px of the before side in view
    line = portrait.split_x()
    drawn = drawn_over(rendered(portrait))[:LABELS_BAND]
    assert drawn[:, line - 6 : line - 2].any()  # the before label, left of the line
    assert drawn[:, line + 4 : line + 20].any()  # ... and on over it
    assert drawn[:, 250:300].any()  # the after label, in its own corner
    portrait.set_split(0.0)
    assert not drawn_over(rendered(portrait))[:LABELS_BAND, 104:200].any()


def test_long_labels_are_cut_short_each_on_its_own_side(portrait):
    """Long labels alike at their start (two results of one model): each is cut short to the
    width its side shows, so neither runs over the line onto the other side's picture; the
    viewer keeps them whole."""
    long = ("Restore 4x · repair 100%", "Restore 4x · repair 100% · faded colours fixed")
    portrait.set_labels(*long)
    for split in (0.4, 0.5, 0.6):  # sides of 80 to 120 px: room for part of either label
        portrait.set_split(split)
        line = portrait.split_x()
        drawn = drawn_over(rendered(portrait))[:LABELS_BAND]
        assert drawn[:, 100 : line - 3].any() and drawn[:, line + 4 : 300].any()  # both sides
        assert not drawn[:, line - 10 : line - 3].any()  # clear of the line: the margins
        assert not drawn[:, line + 4 : line + 11].any()
    assert portrait.labels() == long


def tooltip_at(widget: ComparisonViewer, pos: QPoint) -> str:
    """The tooltip hovering over ``pos`` shows, "" for none."""
    event = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_label_cut_short_is_told_whole_on_hover(portrait):
    whole = "Restore 4x · repair 100% · faded colours fixed"
    portrait.set_labels("Original", whole)
    line = portrait.split_x()
    drawn = drawn_over(rendered(portrait))[:LABELS_BAND, line + 4 : 300]
    rows, columns = np.nonzero(drawn)
    on_label = QPoint(line + 4 + int(columns.mean()), int(rows.mean()))
    assert tooltip_at(portrait, QPoint(line + 40, LABELS_BAND + 20)) == ""  # off the label
    assert tooltip_at(portrait, on_label) == whole


def width_drawn(widget: ComparisonViewer, split: float) -> int:
    """How many columns of the labels' band are drawn over, the split at ``split``."""
    widget.set_split(split)
    return int(drawn_over(rendered(widget))[:LABELS_BAND].any(axis=0).sum())


def test_a_photo_too_narrow_for_both_labels_shows_the_wider_sides(portrait):
    portrait.set_labels("Original", "Restored")
    widths = [width_drawn(portrait, split) for split in (0.3, 0.7)]
    portrait.set_labels("Original photo", "Restored photo")  # wider together than the photo
    assert width_drawn(portrait, 0.3) < widths[0]  # one label, the after side's:
    assert drawn_over(rendered(portrait))[:LABELS_BAND, portrait.split_x() + 3 :].any()
    assert width_drawn(portrait, 0.7) < widths[1]  # one label, the before side's:
    assert drawn_over(rendered(portrait))[:LABELS_BAND, : portrait.split_x() - 2].any()


def first_row_drawn(pixels: np.ndarray, columns: slice) -> int:
    return int(np.nonzero(drawn_over(pixels)[:, columns].any(axis=1))[0].min())


def test_a_note_pushes_the_labels_below_it(portrait):
    portrait.set_split(0.8)  # the line clear of the note in the middle
    label = slice(115, 125)  # in the before label, left of the note
    plain = first_row_drawn(rendered(portrait), label)
    portrait.set_note(NOTE)
    noted = rendered(portrait)
    note_rows = np.nonzero(drawn_over(noted)[:, 195:205].any(axis=1))[0]
    assert note_rows.size and first_row_drawn(noted, label) > note_rows.max()
    assert first_row_drawn(noted, label) > plain


# -- both sides are drawn the same way ----------------------------------------------------


def is_hard(widget: ComparisonViewer, split: float) -> bool:
    """Whether a row across the mark's edge, with the split at ``split`` (1: the before side
    alone; 0: the after side), shows only the two colours, no blends between them."""
    widget.set_split(split)
    edge = widget.map_after_to_widget(LANDSCAPE_EDGE)
    row = rendered(widget)[round(edge.y()), round(edge.x()) - 12 : round(edge.x()) + 12]
    colours = {tuple(c) for c in row.tolist()}
    return colours <= {BACKGROUND.getRgb()[:3], MARK.getRgb()[:3]}


@pytest.mark.parametrize(
    ("zoom", "hard"),
    [(2.0, False), (3.5, False), (4.0, True), (8.0, True)],
)
def test_both_sides_are_smoothed_or_hard_together(qtbot, landscape, zoom, hard):
    qtbot.waitUntil(landscape.pyramids_ready)
    landscape.set_zoom(zoom)
    assert is_hard(landscape, 1.0) == hard  # the before side: its pixels 4x as large
    assert is_hard(landscape, 0.0) == hard


def test_hard_pixels_wait_for_the_finer_picture_whichever_side_it_is(qtbot):
    small, large = marked_pair(SCALE)
    viewer = shown_viewer(qtbot, VIEW_SIZE, large, small)  # the left picture is the finer
    qtbot.waitUntil(viewer.pyramids_ready)
    viewer.set_zoom(8.0)  # the right's pixels 8 px, the left's 2 px: both smoothed
    edge = viewer.map_after_to_widget(QPointF(8, 10))
    viewer.set_split(0.0)
    row = rendered(viewer)[round(edge.y()), round(edge.x()) - 6 : round(edge.x()) + 6]
    assert len({tuple(c) for c in row.tolist()}) > 2


def test_the_original_alone_shows_its_pixels_when_zoomed_in(qtbot):
    before, _after = marked_pair(SCALE)
    viewer = shown_viewer(qtbot, VIEW_SIZE, before)
    qtbot.waitUntil(viewer.pyramids_ready)
    viewer.set_zoom(8.0)
    edge = viewer.map_after_to_widget(QPointF(8, 10))
    row = rendered(viewer)[round(edge.y()), round(edge.x()) - 12 : round(edge.x()) + 12]
    assert {tuple(c) for c in row.tolist()} == {BACKGROUND.getRgb()[:3], MARK.getRgb()[:3]}


# -- the whole knob grabs -----------------------------------------------------------------


@pytest.mark.parametrize("away", [0, SPLIT_GRAB_DISTANCE + 1, HANDLE_RADIUS - 1, HANDLE_RADIUS])
def test_a_press_anywhere_on_the_knob_grabs_the_split(landscape, away):
    knob = QPoint(landscape.split_x() + away, VIEW_SIZE[1] // 2)
    QTest.mouseMove(landscape, knob)
    assert landscape.cursor().shape() == Qt.CursorShape.SplitHCursor
    drag(landscape, knob, knob - QPoint(100, 0))
    assert landscape.split_x() == knob.x() - 100


def test_a_press_as_far_from_the_line_above_the_knob_pans(landscape):
    landscape.set_zoom(8.0)
    press = QPoint(landscape.split_x() + HANDLE_RADIUS - 1, 40)
    QTest.mouseMove(landscape, press)
    assert landscape.cursor().shape() == Qt.CursorShape.OpenHandCursor
    drag(landscape, press, press - QPoint(100, 0))
    assert landscape.split() == 0.5
