"""Films of non-square pixels are shown as players show them: their stored frames stretched
across by the sample aspect ratio in the viewer (both sides, and a frame's preview, in
register), and their size said with the size they are shown at. The pixels are not
resampled; photos are shown as stored."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from gui_helpers import BACKGROUND, open_film, rgb_pixels, shown_viewer
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage

from app.photo_queue import size_text
from app.viewer import ComparisonViewer
from tests.video_helpers import make_clip

WIDE = Fraction(2, 1)
"""Each pixel shown twice as wide as tall: a square stored frame is shown 2:1."""
SIDE = 48


def _square(side: int, colour: QColor) -> QImage:
    image = QImage(side, side, QImage.Format.Format_RGB888)
    image.fill(colour)
    return image


def _shown_rect(viewer: ComparisonViewer) -> QRectF:
    """Where the before image is drawn, in widget coordinates."""
    before = viewer.before_image()
    return viewer.before_transform().mapRect(QRectF(0, 0, before.width(), before.height()))


def _painted_box(viewer: ComparisonViewer, colour: QColor) -> tuple[int, int]:
    """The width and height of what the viewer paints in ``colour`` (the picture)."""
    pixels = rgb_pixels(viewer.grab().toImage())
    wanted = np.array([colour.red(), colour.green(), colour.blue()])
    ys, xs = np.nonzero(np.all(np.abs(pixels.astype(int) - wanted) <= 2, axis=2))
    return int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


@pytest.fixture
def wide_viewer(qtbot) -> ComparisonViewer:
    """A square picture (and its 2x result) shown with pixels twice as wide as tall."""
    viewer = shown_viewer(qtbot, (400, 300), _square(32, BACKGROUND))
    viewer.set_images(_square(32, BACKGROUND), _square(64, BACKGROUND), pixel_aspect=2.0)
    return viewer


def test_a_square_frame_of_wide_pixels_is_shown_twice_as_wide_as_tall(wide_viewer):
    rect = _shown_rect(wide_viewer)
    assert rect.width() == pytest.approx(2 * rect.height())
    assert rect.width() == pytest.approx(400)  # fitted to the view's width
    width, height = _painted_box(wide_viewer, BACKGROUND)
    assert abs(width - 2 * height) <= 2


def test_both_sides_of_wide_pixels_stay_in_register(wide_viewer):
    after = wide_viewer.after_transform().mapRect(QRectF(0, 0, 64, 64))
    assert after == _shown_rect(wide_viewer)
    wide_viewer.set_zoom(3.0, QPointF(120, 90))
    after = wide_viewer.after_transform().mapRect(QRectF(0, 0, 64, 64))
    assert after == _shown_rect(wide_viewer)


def test_zooming_wide_pixels_keeps_the_point_under_the_cursor(wide_viewer):
    anchor = QPointF(150, 100)
    point = wide_viewer.map_widget_to_image(anchor)
    wide_viewer.set_zoom(8.0, anchor)  # both axes overflow the view: none is centred
    assert wide_viewer.map_after_to_widget(point) == anchor
    assert wide_viewer.map_widget_to_image(anchor) == point


def test_photos_after_a_film_are_shown_with_square_pixels(wide_viewer):
    wide_viewer.set_images(_square(32, BACKGROUND))
    rect = _shown_rect(wide_viewer)
    assert rect.width() == pytest.approx(rect.height())


def test_a_film_of_wide_pixels_is_shown_and_told_at_its_display_shape(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = make_clip(tmp_path / "wide.mp4", frames=2, size=(SIDE, SIDE), sample_aspect_ratio=WIDE)
    window = make_window()
    item = open_film(window, qtbot, film)
    rect = _shown_rect(window.viewer)
    assert rect.width() == pytest.approx(2 * rect.height())
    assert size_text(item).startswith(f"{SIDE} × {SIDE} · shown {2 * SIDE} × {SIDE} · ")
    note = window.settings_panel.size_field.result_label.text()
    assert note.startswith("→ 192 × 192 px, shown 384 × 192, ")  # the tiny model's own 4x

    window.preview_action.trigger()  # the frame's preview is shown at the same shape
    qtbot.waitUntil(window.viewer.has_after, timeout=30_000)
    after = window.viewer.after_image()
    assert after.size().toTuple() == (4 * SIDE, 4 * SIDE)  # stored pixels, not resampled
    shown = window.viewer.after_transform().mapRect(QRectF(0, 0, after.width(), after.height()))
    assert shown == _shown_rect(window.viewer)
    assert shown.width() == pytest.approx(2 * shown.height())
