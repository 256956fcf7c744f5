"""Marks kept for a photo are a person's review of it, and take the place of Remove dust and
specks there: marks all taken away leave the photo looked over with nothing to fill (the
search does not bring back what was erased), a session that never marked anything leaves
the photo as it was, and one speck marked by hand leaves the others to the person (Find
Spots adds the search's to look over)."""

from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import WAIT_MS
from marking_helpers import SPECK, drag, mark_and_keep, start_marking, window_on_speckled
from PySide6.QtCore import QPointF, Qt

from app.item_status import ItemStatus
from app.photo_queue import size_text
from app.spot_marks import SpotMarks, has_marks, stored_marks
from engine.retouch.marks import read_marks

FIRST, SECOND = np.s_[80:88, 80:88], np.s_[160:168, 240:248]
"""The two specks of ``speckled``'s photo, enlarged 4x."""


@pytest.fixture
def dusty_window(make_window, qtbot, tiny_model, tmp_path):
    """A window on ``speckled``'s photo, with Remove dust and specks on."""
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    window.settings_panel.spots_check.setChecked(True)
    return window, item


def _restored(window, qtbot, item) -> np.ndarray:
    """The photo restored anew."""
    before = item.result
    window.restore_selected()
    qtbot.waitUntil(
        lambda: item.status is ItemStatus.RESTORED and item.result is not before,
        timeout=WAIT_MS,
    )
    return item.result.pixels


def test_found_spots_all_erased_are_not_filled_by_remove_dust_and_specks(dusty_window, qtbot):
    """Find Spots marks what belongs to the picture (buttons on a coat): the person clears
    it all, and restoring leaves it alone."""
    window, item = dusty_window
    marking = start_marking(window, qtbot)
    marking.bar.find_button.click()
    qtbot.waitUntil(lambda: marking._marks.mask.any(), timeout=WAIT_MS)
    marking.bar.clear_button.click()
    messages = []
    marking.message.connect(messages.append)
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS) as kept:
        marking.bar.done_button.click()
    assert kept.args == [item.id, False]
    assert "Remove dust and specks leaves it alone" in messages[-1]
    assert not read_marks(stored_marks(item.source)).any() and not has_marks(item.source)
    assert size_text(item) == "80 × 60"
    restored = _restored(window, qtbot, item)
    assert restored[FIRST].max() > 200 and restored[SECOND].max() > 200
    assert b"filled first" not in item.result.exif


def test_marking_that_never_marks_anything_leaves_the_photo_as_it_was(dusty_window, qtbot):
    window, item = dusty_window
    marking = start_marking(window, qtbot)
    drag(window.viewer, [QPointF(10, 10), QPointF(30, 30)], button=Qt.MouseButton.RightButton)
    marking.bar.done_button.click()
    assert not marking.is_active() and not marking.is_keeping()
    assert stored_marks(item.source) is None
    restored = _restored(window, qtbot, item)  # Remove dust and specks: both found, filled
    assert restored[FIRST].max() < 200 and restored[SECOND].max() < 200


def test_a_speck_marked_by_hand_replaces_the_search_and_find_spots_adds_to_it(dusty_window, qtbot):
    window, item = dusty_window
    messages = []
    window.spot_marking.message.connect(messages.append)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    told = (  # one place, to be filled, and nothing found by the search besides it
        "The place you marked will be filled in when this photo is restored, and nothing "
        "else: Remove dust and specks does not search a photo you marked."
    )
    qtbot.waitUntil(lambda: told in messages, timeout=WAIT_MS)
    restored = _restored(window, qtbot, item)
    assert restored[FIRST].max() < 200 and restored[SECOND].max() > 200  # the other: left
    assert b"filled first (1 place)" in item.result.exif

    marking = start_marking(window, qtbot)
    hand = marking._marks.mask.copy()
    marking.bar.find_button.click()
    qtbot.waitUntil(lambda: marking._marks.mask[40:42, 60:62].all(), timeout=WAIT_MS)
    assert (marking._marks.mask[hand > 0] > 0).all()  # added to the hand's marks
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS):
        marking.bar.done_button.click()
    restored = _restored(window, qtbot, item)
    assert restored[FIRST].max() < 200 and restored[SECOND].max() < 200


def test_marks_taken_back_with_undo_were_still_seen():
    marks = SpotMarks.blank(40, 30)
    marks.add(np.zeros((30, 40), np.uint8))  # a search that found nothing
    assert not marks.was_marked
    marks.begin_stroke(QPointF(10, 10), 3, erase=False)
    marks.end_stroke()
    marks.undo()
    assert not marks.mask.any() and marks.was_marked
    assert not SpotMarks(np.zeros((30, 40), np.uint8)).was_marked
