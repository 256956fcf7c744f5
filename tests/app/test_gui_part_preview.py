"""Previewing the part of a photo in view: the viewer draws a part over its after side, where
that part is, and knows what is in view; the window restores the part in view (the middle of
a large view) with the current settings, as the whole restore would make it, and shows it
until something else is on show."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_helpers import (
    BACKGROUND,
    MARK,
    rgb_pixels,
    shown_viewer,
    wait_until_read,
    write_photo,
)
from marking_helpers import SPECK, mark_and_keep, speckled
from PIL import Image
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QImage

from app.item_status import ItemStatus
from app.part_preview import PART_PIXELS, SETTLE_MS
from app.viewer import ComparisonViewer
from engine.alpha_fill import visible_colours
from engine.imageio import read_picture
from engine.library.loading import load_model
from engine.part import Region, restore_part
from engine.restorer import Restorer
from tests.app.test_gui_viewer import rendered

VIEW_SIZE = (400, 300)
PART_COLOUR = QColor(250, 30, 30)
PREVIEW_WAIT_MS = 30_000


@pytest.fixture
def viewer(qtbot) -> ComparisonViewer:
    before = QImage(40, 30, QImage.Format.Format_RGB888)
    before.fill(BACKGROUND)
    return shown_viewer(qtbot, VIEW_SIZE, before)


def _red_part(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB888)
    image.fill(PART_COLOUR)
    return image


def _is_red(pixel: np.ndarray) -> bool:
    return pixel[0] > 200 and pixel[1] < 80 and pixel[2] < 80


def test_the_part_in_view_is_the_whole_picture_fitted_and_a_window_of_it_zoomed(viewer):
    assert viewer.visible_before_rect() == QRect(0, 0, 40, 30)
    viewer.set_zoom(20.0, QPointF(200, 150))  # 400x300 logical pixels show 20x15 of 40x30
    seen = viewer.visible_before_rect()
    assert seen.width() in (20, 21) and seen.height() in (15, 16)
    assert abs(seen.center().x() - 20) <= 1 and abs(seen.center().y() - 15) <= 1


def test_a_part_is_drawn_on_the_after_side_only_where_it_is_and_goes_with_new_images(viewer):
    viewer.set_split(0.5)
    viewer.set_part(_red_part(80, 60), QRectF(10, 10, 20, 15), "Preview")
    assert viewer.part_rect() == QRectF(10, 10, 20, 15)
    assert viewer.labels()[1] == "Preview"
    pixels = rendered(viewer)
    inside_right = viewer.map_before_to_widget(QPointF(27, 20))
    inside_left = viewer.map_before_to_widget(QPointF(12, 20))
    outside_right = viewer.map_before_to_widget(QPointF(35, 5))
    assert inside_left.x() < viewer.split_x() < inside_right.x()
    assert _is_red(pixels[int(inside_right.y()), int(inside_right.x())])
    assert not _is_red(pixels[int(inside_left.y()), int(inside_left.x())])  # the original
    assert pixels[int(outside_right.y()), int(outside_right.x())].tolist() == [20, 40, 160]

    viewer.set_images(viewer.before_image())
    assert viewer.part_rect() is None and viewer.labels()[1] != "Preview"
    assert not _is_red(rendered(viewer)[int(inside_right.y()), int(inside_right.x())])


def test_a_part_over_a_result_covers_the_result_there(viewer):
    before = viewer.before_image()
    after = QImage(160, 120, QImage.Format.Format_RGB888)
    after.fill(MARK)
    viewer.set_images(before, after)
    viewer.set_split(0.0)  # the after side is all the view
    viewer.set_part(_red_part(40, 40), QRectF(0, 0, 10, 10), "Preview")
    pixels = rendered(viewer)
    corner = viewer.map_before_to_widget(QPointF(5, 5))
    beyond = viewer.map_before_to_widget(QPointF(30, 25))
    assert _is_red(pixels[int(corner.y()), int(corner.x())])
    assert pixels[int(beyond.y()), int(beyond.x())].tolist() == [0, 255, 0]


def test_preview_restores_the_part_in_view_as_the_whole_restore_would(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    path = write_photo(tmp_path / "scan.png", 120, 90)
    window = make_window()
    [item] = window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    assert window.preview_action.isEnabled()
    viewer = window.viewer
    viewer.set_zoom(8.0, QPointF(viewer.width() / 2, viewer.height() / 2))
    seen = viewer.visible_before_rect()
    assert 0 < seen.width() < 120

    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)

    assert viewer.part_rect() == QRectF(seen)
    region = Region(seen.x(), seen.y(), seen.width(), seen.height())
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    expected = restore_part(restorer, read_picture(path).pixels, region)
    shown = rgb_pixels(viewer.part_image())
    assert shown.shape == expected.shape == (seen.height() * 4, seen.width() * 4, 3)
    assert np.abs(shown.astype(int) - expected.astype(int)).max() <= 1
    assert "Restore does the whole photo" in window.statusBar().currentMessage()
    assert item.status is ItemStatus.READY  # a preview is not a restoration

    window.viewer.fit()
    assert viewer.part_rect() == QRectF(seen)  # zooming keeps it; showing another picture does not
    window.add_paths([write_photo(tmp_path / "other.png", 50, 40)])
    window.queue_view.select_id(window.queue.items()[1].id)
    qtbot.waitUntil(lambda: viewer.part_rect() is None, timeout=PREVIEW_WAIT_MS)


def test_a_transparent_photo_is_previewed_with_its_hidden_colours_filled_as_restoring_fills_them(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    """Colour under fully transparent pixels (noise here) is filled before the network, by
    the preview as by the whole restore, so their edges agree."""
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, (90, 120, 3), dtype=np.uint8)
    pixels[:, 60:] = (200, 150, 60)
    alpha = np.zeros((90, 120), np.uint8)
    alpha[:, 60:] = 255
    path = tmp_path / "cut-out.png"
    Image.fromarray(np.dstack([pixels, alpha]), "RGBA").save(path)
    window = make_window()
    window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    viewer = window.viewer
    viewer.set_zoom(8.0, QPointF(viewer.width() / 2, viewer.height() / 2))
    seen = viewer.visible_before_rect()
    assert seen.left() < 60 < seen.right()  # the edge is in view

    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)

    region = Region(seen.x(), seen.y(), seen.width(), seen.height())
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    expected = restore_part(restorer, visible_colours(read_picture(path)), region)
    shown = rgb_pixels(viewer.part_image())
    assert np.abs(shown.astype(int) - expected.astype(int)).max() <= 1


def test_a_view_of_much_of_a_large_photo_previews_its_middle(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    width, height = 1000, 800
    window = make_window()
    window.add_paths([write_photo(tmp_path / "large.png", width, height)])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    assert window.viewer.visible_before_rect() == QRect(0, 0, width, height)
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: window.viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)
    part = window.viewer.part_rect()
    assert part.width() * part.height() <= PART_PIXELS
    assert abs(part.width() / part.height() - width / height) < 0.01
    assert abs(part.center().x() - width / 2) <= 1 and abs(part.center().y() - height / 2) <= 1
    message = window.statusBar().currentMessage()
    assert message.startswith("Preview of the middle of the photo with ")


def test_a_preview_asked_at_fit_of_a_photo_drawn_smaller_is_shown_at_100_percent(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    """At Fit a large photo is drawn smaller than its pixels, and so would its preview be, its
    difference lost: the view zooms to 100 % with the part previewed in its middle."""
    window = make_window()
    window.add_paths([write_photo(tmp_path / "large.png", 1000, 800)])
    wait_until_read(qtbot, window)
    viewer = window.viewer
    qtbot.waitUntil(viewer.has_images, timeout=PREVIEW_WAIT_MS)
    assert viewer.is_fitted() and viewer.zoom() < 1.0
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)
    assert viewer.zoom() == pytest.approx(1.0)
    centre = viewer.map_before_to_widget(viewer.part_rect().center())
    assert abs(centre.x() - viewer.width() / 2) <= 1
    assert abs(centre.y() - viewer.height() / 2) <= 1


def test_a_small_photo_previewed_whole_at_fit_is_told_as_whole_and_keeps_its_zoom(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    window.add_paths([write_photo(tmp_path / "small.png", 60, 40)])
    wait_until_read(qtbot, window)
    viewer = window.viewer
    qtbot.waitUntil(viewer.has_images, timeout=PREVIEW_WAIT_MS)
    fitted = viewer.zoom()
    assert viewer.is_fitted() and fitted > 1.0
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)
    assert viewer.part_rect() == QRectF(0, 0, 60, 40)
    assert viewer.is_fitted() and viewer.zoom() == fitted
    message = window.statusBar().currentMessage()
    assert message.startswith("Preview of the whole photo with ")
    assert "Restore does the whole photo" not in message


def test_a_photo_gone_from_its_folder_says_why_it_cannot_be_previewed(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    path = write_photo(tmp_path / "gone.png", 60, 40)
    window = make_window()
    window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    path.unlink()
    window.preview_action.trigger()
    bar = window.statusBar()
    qtbot.waitUntil(
        lambda: bar.currentMessage().startswith("Preview failed"), timeout=PREVIEW_WAIT_MS
    )
    assert "gone.png" in bar.currentMessage() and window.viewer.part_rect() is None


def test_cancel_stops_a_preview_under_way(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    """A preview with Extra care on a slow machine takes a while: Cancel (Esc) stops it, and
    Preview can be asked again."""
    import app.workers

    started = []

    def endless(restorer, pixels, region, options, progress, fading, marks):
        started.append(region)
        while True:  # until cancelled, as a long tile is stopped between two layers
            progress.check()
            time.sleep(0.01)

    window = make_window()
    window.add_paths([write_photo(tmp_path / "slow.png", 60, 40)])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    monkeypatch.setattr(app.workers, "restore_part", endless)
    assert not window.cancel_action.isEnabled()
    window.preview_action.trigger()
    qtbot.waitUntil(
        lambda: bool(started) and window.cancel_action.isEnabled(), timeout=PREVIEW_WAIT_MS
    )

    window.cancel_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.previewing, timeout=PREVIEW_WAIT_MS)
    assert window.statusBar().currentMessage() == "Preview cancelled."
    assert not window.cancel_action.isEnabled() and window.viewer.part_rect() is None
    monkeypatch.undo()
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: window.viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)


def test_a_preview_on_show_follows_settings_that_change_the_result(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    """Tuning with the preview on show: a setting that alters the result previews again once
    the settings rest; one that only says where results go does not."""
    window = make_window()
    window.add_paths([write_photo(tmp_path / "tune.png", 60, 40)])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    viewer = window.viewer
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)
    assert viewer.part_image().size().toTuple() == (240, 160)  # the tiny model's 4x
    asked = []
    real = window.runner.preview_part
    monkeypatch.setattr(window.runner, "preview_part", lambda *a: (asked.append(a), real(*a)))

    window.settings_panel.set_output_folder(str(tmp_path / "elsewhere"))
    qtbot.wait(SETTLE_MS * 2)
    assert asked == []
    panel = window.settings_panel
    panel.scale_combo.setCurrentIndex(panel.scale_combo.findData(2))
    qtbot.waitUntil(
        lambda: viewer.part_image().size().toTuple() == (120, 80), timeout=PREVIEW_WAIT_MS
    )
    assert len(asked) == 1 and viewer.part_rect() == QRectF(0, 0, 60, 40)


class _HeldPreviews:
    """Part previews that wait, before restoring, until ``release`` is set: the first one
    asked for stays under way meanwhile. ``regions``: the regions asked for."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.regions: list[Region] = []


@pytest.fixture
def held_preview(monkeypatch) -> _HeldPreviews:
    import app.workers

    real = app.workers.restore_part
    held = _HeldPreviews()

    def waiting(restorer, pixels, region, *rest):
        held.regions.append(region)
        held.release.wait(PREVIEW_WAIT_MS / 1000)
        return real(restorer, pixels, region, *rest)

    monkeypatch.setattr(app.workers, "restore_part", waiting)
    yield held
    held.release.set()  # a test that failed does not keep the worker waiting


def test_settings_changed_while_a_preview_is_under_way_are_previewed_once_it_ends(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, held_preview
):
    """Preview pressed, then a setting moved before the preview is shown: the part shown
    in the end is made with the setting as it is now."""
    window = make_window()
    window.add_paths([write_photo(tmp_path / "moved.png", 60, 40)])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(held_preview.regions), timeout=PREVIEW_WAIT_MS)
    panel = window.settings_panel
    panel.scale_combo.setCurrentIndex(panel.scale_combo.findData(2))
    qtbot.wait(SETTLE_MS * 2)  # the settings rest while the preview is still under way
    held_preview.release.set()

    viewer = window.viewer
    qtbot.waitUntil(
        lambda: viewer.part_rect() is not None and viewer.part_image().width() == 120,
        timeout=PREVIEW_WAIT_MS,
    )
    assert viewer.part_image().size().toTuple() == (120, 80)  # at 2x, not the 4x asked first
    assert len(held_preview.regions) == 2
    qtbot.waitUntil(lambda: not window.runner.previewing, timeout=PREVIEW_WAIT_MS)
    assert len(held_preview.regions) == 2  # made again once, not on and on


def test_marks_kept_while_a_preview_is_under_way_are_previewed_once_it_ends(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, held_preview
):
    """Preview pressed, then a speck marked by hand before the preview is shown: the part
    shown in the end has the speck filled."""

    path, _ = speckled(tmp_path / "print.png")
    window = make_window()
    [item] = window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(held_preview.regions), timeout=PREVIEW_WAIT_MS)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    viewer = window.viewer
    viewer.fit()
    held_preview.release.set()

    def speck_filled() -> bool:
        part = viewer.part_image()
        return part is not None and rgb_pixels(part)[80:88, 80:88].max() < 200

    qtbot.waitUntil(speck_filled, timeout=PREVIEW_WAIT_MS)
    assert len(held_preview.regions) == 2


def _previewed_with(make_window, qtbot, pixels: np.ndarray, path: Path, check: str):
    """A window with the settings panel's ``check`` on, showing the photo ``pixels`` (written
    to ``path``) with the part in view previewed."""
    from engine.imageio import Picture, write_picture

    write_picture(Picture(pixels, None, None, None, "png"), path)
    window = make_window()
    getattr(window.settings_panel, check).setChecked(True)
    window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: window.viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)
    return window


def test_a_faded_photo_is_previewed_with_the_fix_measured_on_the_whole(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    from engine.fading import measure_fading
    from engine.restorer import RestoreOptions

    rng = np.random.default_rng(4)
    faded = (rng.random((40, 60, 3)) * 110 + 70).astype(np.uint8)  # greyed blacks, dull whites
    window = _previewed_with(make_window, qtbot, faded, tmp_path / "faded.png", "fading_check")
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    fix = measure_fading([faded])
    options = RestoreOptions(fix_fading=True)
    expected = restore_part(restorer, faded, Region(0, 0, 60, 40), options, fading=fix)
    shown = rgb_pixels(window.viewer.part_image()).astype(int)
    assert np.abs(shown - expected).max() <= 1
    assert np.abs(shown - restore_part(restorer, faded, Region(0, 0, 60, 40))).mean() > 5


def test_a_speckled_photo_is_previewed_with_its_dust_filled_as_restoring_fills_it(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    """Remove dust and specks: the preview fills the spots found on the whole photo (looked
    for once, however many parts are previewed), as restoring the photo does."""
    from engine.imageio import Picture
    from engine.restorer import RestoreOptions
    from engine.retouch import find

    rng = np.random.default_rng(6)
    speckled = np.clip(rng.normal(90, 2, (40, 60, 3)), 0, 255).astype(np.uint8)
    speckled[10:12, 20:22] = 250
    searches = []
    real_find = find.find_spots
    monkeypatch.setattr(
        "app.workers.find_spots", lambda pixels: (searches.append(1), real_find(pixels))[1]
    )
    path = tmp_path / "speckled.png"
    window = _previewed_with(make_window, qtbot, speckled, path, "spots_check")
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    options = RestoreOptions(find_spots=True)
    whole = restorer.restore(Picture(speckled, None, None, None, "png"), options).pixels
    shown = rgb_pixels(window.viewer.part_image()).astype(int)
    assert np.abs(shown - whole).max() <= 1
    assert np.abs(shown - restore_part(restorer, speckled, Region(0, 0, 60, 40))).max() > 50
    viewer = window.viewer
    viewer.set_zoom(8.0)  # another part: the spots found on the whole photo serve it too
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() != QRectF(0, 0, 60, 40), timeout=PREVIEW_WAIT_MS)
    assert searches == [1]


def test_beside_a_result_on_the_left_the_part_in_view_is_found_in_the_original(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    """Comparing two results puts a 4x picture left of the slider: the part in view is asked
    of the original in its own pixels, and drawn back where it is in the picture shown."""
    from gui_helpers import wait_for_status

    window = make_window()
    [item] = window.add_paths([write_photo(tmp_path / "pair.png", 60, 40)])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    viewer = window.viewer
    viewer.set_images(item.result_image, item.result_image)  # as the compare picker may
    viewer.set_zoom(4.0, QPointF(viewer.width() / 2, viewer.height() / 2))
    seen = viewer.visible_before_rect()  # in the 240x160 result's pixels
    asked = []
    real = window.runner.preview_part
    window.runner.preview_part = lambda *a: (asked.append(a[1]), real(*a))
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=PREVIEW_WAIT_MS)
    [region] = asked
    assert abs(region.x - seen.x() / 4) <= 1 and abs(region.width - seen.width() / 4) <= 1
    assert viewer.part_rect() == QRectF(region.x * 4, region.y * 4, region.width * 4,
                                        region.height * 4)  # fmt: skip
    assert viewer.part_image().width() == region.width * 4  # the tiny model's 4x
