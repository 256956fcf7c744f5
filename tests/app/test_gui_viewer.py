"""The comparison viewer: the split slider, zoom and pan in register, mip levels."""

from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import BACKGROUND, MARK, marked_pair, shown_viewer
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.images import pixel_view
from app.pyramid import ImagePyramid
from app.viewer import ComparisonViewer

VIEW_SIZE = (400, 300)
EDGE = 4
MARK_RED_LIMIT = 100  # the slider's handle and the labels are white or grey, never this


@pytest.fixture
def viewer(qtbot) -> ComparisonViewer:
    return shown_viewer(qtbot, VIEW_SIZE, *marked_pair())


def rendered(widget: ComparisonViewer) -> np.ndarray:
    """The widget as painted, HxWx3 RGB."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    return pixel_view(image).copy()


def mark_box(widget: ComparisonViewer) -> tuple[float, float, float, float]:
    """The bounding box of the green mark as drawn (left, top, right, bottom), from a render."""
    # The split line may sit at the view's edge: look inside a border wider than the line.
    pixels = rendered(widget)[EDGE:-EDGE, EDGE:-EDGE]
    # Halfway from the background's green to the mark's: where a smoothed edge truly lies.
    halfway = (BACKGROUND.green() + MARK.green()) / 2
    red, green = pixels[..., 0].astype(int), pixels[..., 1].astype(int)
    ys, xs = np.nonzero((green > halfway) & (red < MARK_RED_LIMIT))
    assert xs.size, "the mark is not visible"
    return xs.min() + EDGE, ys.min() + EDGE, xs.max() + 1 + EDGE, ys.max() + 1 + EDGE


def test_dragging_the_slider_moves_the_split(viewer: ComparisonViewer):
    assert viewer.split() == 0.5
    start = QPoint(viewer.split_x(), VIEW_SIZE[1] // 2)
    QTest.mousePress(viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewer, QPoint(150, 40))
    QTest.mouseMove(viewer, QPoint(100, 60))
    QTest.mouseRelease(
        viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 60)
    )
    assert viewer.split() == pytest.approx(100 / VIEW_SIZE[0])
    assert viewer.split_x() == 100


def test_dragging_away_from_the_slider_pans_instead(viewer: ComparisonViewer):
    viewer.set_zoom(8.0)
    before = viewer.map_after_to_widget(QPointF(40, 30))
    press = QPoint(300, 150)
    QTest.mousePress(viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    QTest.mouseMove(viewer, QPoint(280, 140))
    QTest.mouseRelease(
        viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(280, 140)
    )
    assert viewer.split() == 0.5
    assert viewer.map_after_to_widget(QPointF(40, 30)) == before + QPointF(-20, -10)


VIEWS = [
    ("fit", None, None, None),
    ("zoom", 2.7, QPointF(130, 90), None),
    ("zoom and pan", 6.0, QPointF(220, 160), (-37, 23)),
    ("deep, at the mark's corner", 25.0, QPointF(133, 83), (15, -8)),
    ("out", 0.9, None, None),
]


def apply_view(widget: ComparisonViewer, zoom, anchor, pan) -> None:
    widget.fit()
    if zoom is not None:
        widget.set_zoom(zoom, anchor)
    if pan is not None:
        widget.pan_by(*pan)


@pytest.mark.parametrize(("name", "zoom", "anchor", "pan"), VIEWS)
def test_both_sides_map_an_image_point_to_the_same_place(viewer, name, zoom, anchor, pan):
    apply_view(viewer, zoom, anchor, pan)
    for x, y in [(0, 0), (13.5, 7.25), (96, 64), (50, 60)]:
        after = viewer.map_after_to_widget(QPointF(x, y))
        before = viewer.map_before_to_widget(QPointF(x / 4, y / 4))
        assert after.x() == pytest.approx(before.x()) and after.y() == pytest.approx(before.y())


@pytest.mark.parametrize(("name", "zoom", "anchor", "pan"), VIEWS)
def test_both_sides_are_drawn_in_register(viewer, name, zoom, anchor, pan):
    """Rendered with only the before side, then only the after side, the mark lands on the same
    screen pixels (the before side is smoothed, so its edges may differ by a pixel); no labels,
    which would cover the mark."""
    apply_view(viewer, zoom, anchor, pan)
    viewer.set_labels("", "")
    viewer.set_split(1.0)
    before_box = mark_box(viewer)
    viewer.set_split(0.0)
    after_box = mark_box(viewer)
    assert np.allclose(before_box, after_box, atol=1.5), (before_box, after_box)
    expected = viewer.map_after_to_widget(QPointF(32, 16))
    left, top = after_box[:2]
    if 0 < expected.x() < VIEW_SIZE[0] and 0 < expected.y() < VIEW_SIZE[1]:
        assert (left, top) == pytest.approx((expected.x(), expected.y()), abs=1.0)


def test_wheel_zooms_around_the_cursor(viewer: ComparisonViewer):
    cursor = QPointF(120, 200)
    under = viewer.map_widget_to_image(cursor)
    zoom = viewer.zoom()
    for _ in range(3):
        wheel = QWheelEvent(
            cursor,
            viewer.mapToGlobal(cursor),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(viewer, wheel)
    assert viewer.zoom() == pytest.approx(zoom * 1.25**3)
    after = viewer.map_widget_to_image(cursor)
    assert (after.x(), after.y()) == pytest.approx((under.x(), under.y()))


def test_zooming_in_on_a_tiny_photo_never_makes_it_smaller(qtbot):
    tiny = QImage(8, 6, QImage.Format.Format_RGB888)
    tiny.fill(QColor(BACKGROUND))
    viewer = shown_viewer(qtbot, VIEW_SIZE, tiny, tiny)
    fitted = viewer.zoom()
    assert fitted > 32  # fitting it takes more than the usual most
    viewer.zoom_by(1.5)
    assert viewer.zoom() >= fitted


def test_keys_fit_and_show_actual_size(viewer: ComparisonViewer):
    QTest.keyClick(viewer, Qt.Key.Key_1)
    assert viewer.zoom() == pytest.approx(1.0) and not viewer.is_fitted()
    QTest.keyClick(viewer, Qt.Key.Key_F)
    assert viewer.is_fitted()
    assert viewer.zoom() == pytest.approx(min(400 / 96, 300 / 64))
    corner = viewer.map_after_to_widget(QPointF(96, 64))
    origin = viewer.map_after_to_widget(QPointF(0, 0))
    assert origin.x() >= 0 and corner.x() <= 400 and origin.y() >= 0 and corner.y() <= 300


def test_panning_stops_at_the_image_edges(viewer: ComparisonViewer):
    viewer.set_zoom(10.0)
    viewer.pan_by(10_000, 10_000)
    assert viewer.map_after_to_widget(QPointF(0, 0)) == QPointF(0, 0)
    viewer.pan_by(-100_000, -100_000)
    assert viewer.map_after_to_widget(QPointF(96, 64)) == QPointF(*VIEW_SIZE)


def test_a_result_replacing_its_original_keeps_the_view(qtbot):
    widget = ComparisonViewer()
    qtbot.addWidget(widget)
    widget.resize(*VIEW_SIZE)
    before, after = marked_pair()
    widget.set_images(before)
    widget.set_zoom(10.0, QPointF(100, 100))
    seen = widget.map_before_to_widget(QPointF(10, 6))
    widget.set_images(before, after, keep_view=True)
    assert widget.map_before_to_widget(QPointF(10, 6)) == seen
    assert widget.zoom() == pytest.approx(10.0 / 4)


def test_a_pyramid_halves_a_big_image(qtbot):
    big = QImage(4000, 3000, QImage.Format.Format_RGB888)
    big.fill(QColor(200, 100, 50))
    pyramid = ImagePyramid(big)
    qtbot.waitUntil(lambda: pyramid.poll() or pyramid.ready, timeout=20_000)
    level, fx, fy, ideal = pyramid.level_for(0.1)
    assert ideal and level.size().toTuple() == (500, 375) and fx == fy == 0.125
    assert pixel_view(level)[200, 300].tolist() == [200, 100, 50]
    level, *_ = pyramid.level_for(1.5)
    assert level is big


def test_only_the_visible_part_is_drawn_near_its_displayed_size(qtbot, monkeypatch):
    """A big result is drawn from a level close to the size on screen, and only the part in
    view is read from it; the before image is drawn enlarged, never stored enlarged."""
    drawn = []
    real_draw = QPainter.drawImage

    def record(painter, target, image, source):
        drawn.append((target, image.size(), source))
        return real_draw(painter, target, image, source)

    widget = ComparisonViewer()
    qtbot.addWidget(widget)
    widget.resize(*VIEW_SIZE)
    widget.show()
    after = QImage(4000, 3000, QImage.Format.Format_RGB888)
    after.fill(QColor(200, 100, 50))
    before = QImage(1000, 750, QImage.Format.Format_RGB888)
    before.fill(QColor(50, 100, 200))
    widget.set_images(before, after)
    qtbot.waitUntil(widget.pyramids_ready, timeout=20_000)
    monkeypatch.setattr(QPainter, "drawImage", record)

    widget.grab()  # fitted: 4000 x 3000 shown at 400 x 300
    assert max(size.width() for _, size, _ in drawn) <= 2 * VIEW_SIZE[0]
    drawn.clear()
    widget.set_zoom(1.0, QPointF(200, 150))
    widget.grab()  # 100%: a 400 x 300 window into the full-size image
    [left, right] = drawn
    assert left[1] == before.size() and right[1] == after.size()
    assert right[2].width() <= VIEW_SIZE[0] / 2 + 1 and right[2].height() <= VIEW_SIZE[1] + 1
    assert left[2].width() <= VIEW_SIZE[0] / 2 / 4 + 1


def test_closing_while_levels_are_built_is_safe(qtbot):
    widget = ComparisonViewer()
    widget.set_images(QImage(3000, 2000, QImage.Format.Format_RGB888))
    widget.deleteLater()
    qtbot.wait(200)


def test_placeholder_without_images(qtbot):
    widget = ComparisonViewer()
    qtbot.addWidget(widget)
    widget.resize(*VIEW_SIZE)
    widget.set_placeholder("Drop photos here")
    widget.grab()  # paints without an image
    assert not widget.has_images()
    widget.fit()
    widget.set_zoom(3.0)
    assert widget.zoom() == 1.0  # nothing to zoom
