"""Marking a photo's spots by hand: strokes of the brush paint and erase marks in the photo's
pixels at any zoom, Undo takes a stroke back, Find Spots adds what the search finds, the
marks are kept across a restart and filled when the photo is restored (and previewed), and a
result made before they changed is marked out of date."""

from __future__ import annotations

import os

import numpy as np
import pytest
from gui_helpers import WAIT_MS, open_film, rgb_pixels, wait_for_status, wait_until_read
from marking_helpers import (
    SPECK,
    drag,
    hold_reads,
    mark_and_keep,
    speckled,
    start_marking,
    window_on_speckled,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from app.item_status import ItemStatus
from app.photo_queue import size_text
from app.spot_marks import (
    EDGE,
    SpotMarks,
    has_marks,
    marks_file,
    stored_fingerprint,
    stored_marks,
)
from engine.retouch.marks import read_marks
from tests.video_helpers import decoded_frames, make_clip


@pytest.fixture
def speckled_window(make_window, qtbot, tiny_model, tmp_path):
    return window_on_speckled(make_window, qtbot, tmp_path)


def test_strokes_paint_and_erase_marks_in_the_photos_pixels_and_undo_takes_them_back(
    speckled_window, qtbot
):
    window, _, _ = speckled_window
    viewer = window.viewer
    marking = start_marking(window, qtbot)
    assert window.spot_marking.bar.isVisible() and viewer.is_marking()
    viewer.set_zoom(4.0)
    marking.bar.brush.setValue(8)  # 8 screen pixels at 400%: 2 pixels of the photo
    mask = marking._marks.mask
    drag(viewer, [QPointF(10, 30), QPointF(30, 30)])
    assert mask[30, 10:31].all() and not mask[25, 20] and not mask[35, 20]
    drag(viewer, [QPointF(20, 30)], button=Qt.MouseButton.RightButton)  # erases
    assert not mask[30, 20] and mask[30, 10]
    window.undo_action.trigger()
    assert mask[30, 20]
    window.undo_action.trigger()
    assert not mask.any()


def test_marks_are_kept_filled_when_restoring_and_back_after_a_restart(
    speckled_window, make_window, qtbot
):
    window, item, _ = speckled_window
    marked = mark_and_keep(window, qtbot, item, SPECK, brush=3)
    assert not window.viewer.is_marking() and not window.mark_spots_action.isChecked()
    assert np.array_equal(read_marks(stored_marks(item.source)) > 0, marked > 0)
    assert size_text(item) == "80 × 60 · spots marked"

    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    assert item.recipe.spots == stored_fingerprint(item.source) != ""
    restored = item.result.pixels
    assert restored[80:88, 80:88].max() < 200  # the marked speck (4x), filled
    assert restored[160:168, 240:248].max() > 200  # the other, not marked, kept
    assert b"filled first (1 place)" in item.result.exif

    window.close()  # a restart: the queue comes back with the photo, and its marks
    again = make_window()
    [back] = again.queue.items()
    again.queue_view.select_id(back.id)
    wait_until_read(qtbot, again)
    qtbot.waitUntil(again.viewer.has_images, timeout=WAIT_MS)
    assert size_text(back) == "80 × 60 · spots marked"
    marking = start_marking(again, qtbot)
    assert np.array_equal(marking._marks.mask > 0, marked > 0)


def test_find_spots_marks_the_dust_found_in_one_undoable_step(speckled_window, qtbot):
    window, _, _ = speckled_window
    marking = start_marking(window, qtbot)
    marking.bar.find_button.click()
    qtbot.waitUntil(lambda: marking._marks.mask.any(), timeout=WAIT_MS)
    mask = marking._marks.mask
    assert mask[20:22, 20:22].all() and mask[40:42, 60:62].all()
    assert (mask > 0).mean() < 0.05
    marking.bar.undo_button.click()
    assert not mask.any()


def test_changed_marks_make_the_result_out_of_date(speckled_window, qtbot):
    window, item, _ = speckled_window
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    note = window.result_view.stale_note
    assert not note.isVisible()
    mark_and_keep(window, qtbot, item, [QPointF(40, 40)])
    qtbot.waitUntil(note.isVisible, timeout=WAIT_MS)
    assert note.text() == (
        "Made before the marks changed — Restore again to make a new result with the marks as "
        "they are now"
    )


def test_marking_ends_when_another_photo_is_shown_and_keeps_the_marks(
    speckled_window, qtbot, tmp_path
):
    window, item, _ = speckled_window
    other, _ = speckled(tmp_path / "other.png")
    [second] = window.add_paths([other])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    marking = start_marking(window, qtbot)
    drag(window.viewer, [QPointF(10, 10)])
    window.queue_view.select_id(second.id)
    assert not marking.is_active() and not window.mark_spots_action.isChecked()
    qtbot.waitUntil(lambda: stored_marks(item.source) is not None, timeout=WAIT_MS)
    assert stored_marks(second.source) is None


def test_clearing_every_mark_keeps_an_empty_set_that_the_row_does_not_count(
    speckled_window, make_window, qtbot
):
    window, item, _ = speckled_window
    mark_and_keep(window, qtbot, item, [QPointF(10, 10)])
    assert has_marks(item.source)
    marking = start_marking(window, qtbot)
    marking.bar.clear_button.click()
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS) as kept:
        marking.bar.done_button.click()
    assert kept.args == [item.id, False]
    assert not read_marks(stored_marks(item.source)).any()  # looked over: nothing to fill
    assert not has_marks(item.source)
    assert size_text(item) == "80 × 60"
    window.close()  # a restart reads the photo's row afresh
    again = make_window()
    [back] = again.queue.items()
    wait_until_read(qtbot, again)
    assert size_text(back) == "80 × 60"


def test_a_photo_changed_on_disk_starts_without_its_old_marks(tmp_path):
    path, _ = speckled(tmp_path / "print.png")
    before = marks_file(path)
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))  # edited a second later
    assert marks_file(path) != before
    assert marks_file(path) == marks_file(tmp_path / "." / "print.png")  # the same file


def test_a_preview_on_show_is_made_again_with_the_marks_made_by_hand(speckled_window, qtbot):
    window, item, _ = speckled_window
    viewer = window.viewer
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=WAIT_MS)
    before = viewer.part_image()
    assert rgb_pixels(before)[80:88, 80:88].max() > 200  # the speck, enlarged
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    viewer.fit()
    qtbot.waitUntil(lambda: viewer.part_image() is not before, timeout=WAIT_MS)
    shown = rgb_pixels(viewer.part_image())
    assert shown[80:88, 80:88].max() < 200 and shown[160:168, 240:248].max() > 200


def test_marking_turned_off_while_its_marks_are_read_does_not_start(
    speckled_window, qtbot, monkeypatch
):
    window, item, _ = speckled_window
    mark_and_keep(window, qtbot, item, [QPointF(10, 10)])
    marking = window.spot_marking
    held = hold_reads(monkeypatch)
    held.held = stored_marks(item.source)
    window.mark_spots_action.trigger()  # the marks are read in the background...
    window.mark_spots_action.trigger()  # ...and marking is turned off meanwhile
    with qtbot.waitSignal(held.jobs[-1].ended, timeout=WAIT_MS):
        held.release.set()
    assert not marking.is_active() and not window.viewer.is_marking()
    assert not window.mark_spots_action.isChecked()


def test_marks_on_a_films_frame_are_filled_on_every_frame(make_window, qtbot, tiny_model, tmp_path):
    """A hair in the gate: marked once on a frame, gone from every frame of the result and
    from the frame's preview on show; no search is offered for a film."""
    film = make_clip(tmp_path / "gate.mkv", frames=4, size=(64, 48), codec="ffv1", audio=None,
                     look=_with_hair)  # fmt: skip
    window = make_window()
    panel = window.settings_panel
    panel.codec_combo.setCurrentIndex(panel.codec_combo.findData("ffv1"))
    item = open_film(window, qtbot, film)
    hair = np.s_[60:140, 124:128]  # the hair, 4x

    def hair_shown() -> float:
        return rgb_pixels(window.viewer.after_image())[hair].mean()

    window.preview_action.trigger()
    qtbot.waitUntil(lambda: window.viewer.has_after() and hair_shown() > 200, timeout=WAIT_MS)
    marking = start_marking(window, qtbot)
    assert not marking.bar.find_button.isVisible()
    marking.bar.brush.setValue(12)
    window.viewer.set_zoom(4.0, window.viewer.marks_transform().map(QPointF(31, 25)))
    drag(window.viewer, [QPointF(31, 12), QPointF(31, 38)])
    marking.bar.done_button.click()
    qtbot.waitUntil(lambda: stored_marks(item.source) is not None, timeout=WAIT_MS)
    # the preview on show is made again with the marks
    qtbot.waitUntil(lambda: window.viewer.has_after() and hair_shown() < 160, timeout=WAIT_MS)
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert item.recipe.spots == stored_fingerprint(item.source)
    for _, pixels in decoded_frames(item.saved_to):
        assert pixels[hair].mean() < 160


def _with_hair(picture: np.ndarray) -> np.ndarray:
    picture = picture.copy()
    picture[10:40, 30:32] = 255
    return picture


def test_marks_are_outlined_so_they_show_on_any_colour():
    """Inside a mark red, at its edge dark: on a red coat the outline still shows it."""
    marks = SpotMarks.blank(60, 40)
    marks.begin_stroke(QPointF(30, 20), 6, erase=False)
    marks.end_stroke()
    row = marks.mask[20]
    assert row[30] == 255 and row[24] == EDGE and row[36] == EDGE and row[22] == 0
    marks.begin_stroke(QPointF(30, 20), 2, erase=True)  # a hole in it gets an edge too
    marks.end_stroke()
    assert marks.mask[20, 30] == 0 and marks.mask[20, 27] == EDGE
    colours = marks.image.colorTable()
    assert QColor.fromRgba(colours[EDGE]).alpha() > QColor.fromRgba(colours[255]).alpha()
    marks.undo()
    assert marks.mask[20, 30] == 255 and marks.mask[20, 24] == EDGE
