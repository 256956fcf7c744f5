"""Mark Spots pressed on a photo whose kept marks are being read, and the person moves on to
the next photo before they arrive: starting to mark the photo left ends there (its marks, when
they come, are let go), and Mark Spots on the next photo marks that one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import wait_until_read
from marking_helpers import SPECK, WAIT_MS, HeldReads, hold_reads, mark_and_keep, speckled
from PySide6.QtCore import QPointF

from app.jobs import Job
from app.main_window import MainWindow
from app.photo_queue import QueueItem
from app.spot_marks import stored_marks

OTHER_SPECK = [QPointF(60.5, 40.5), QPointF(61.5, 41.5)]
"""A drag over the second speck of ``speckled``'s photo."""


@pytest.fixture
def held_reads(monkeypatch) -> Iterator[HeldReads]:
    held = hold_reads(monkeypatch)
    yield held
    held.release.set()  # a test that failed does not keep the job waiting


def _two_photos(make_window, qtbot, tmp_path: Path) -> tuple[MainWindow, QueueItem, QueueItem]:
    """A window with two speckled photos, the first on show with a speck marked and kept."""
    a_path, _ = speckled(tmp_path / "a.png")
    b_path, _ = speckled(tmp_path / "b.png")
    window = make_window()
    a, b = window.add_paths([a_path, b_path])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(a.id)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    mark_and_keep(window, qtbot, a, SPECK)
    return window, a, b


def _marking_pressed_then_moved_on(
    window: MainWindow, qtbot, a: QueueItem, b: QueueItem, held: HeldReads
) -> Job:
    """Press Mark Spots on ``a`` (its kept marks held being read), then show ``b``: the job
    reading ``a``'s marks."""
    held.held = stored_marks(a.source)
    window.mark_spots_action.trigger()
    reading_a = held.jobs[-1]
    assert window.mark_spots_action.isChecked() and not window.spot_marking.is_active()
    window.queue_view.select_id(b.id)
    qtbot.waitUntil(
        lambda: b.name in window.windowTitle() and window.viewer.has_images(), timeout=WAIT_MS
    )
    assert not window.mark_spots_action.isChecked()  # starting to mark a ended with it
    return reading_a


def _marking(window: MainWindow, item: QueueItem) -> bool:
    """Whether ``item`` is being marked, with Mark Spots checked."""
    marking = window.spot_marking
    checked = window.mark_spots_action.isChecked()
    return marking.is_active() and marking._item is item and checked and window.viewer.is_marking()


def test_mark_spots_on_the_next_photo_while_the_last_ones_marks_are_read(
    make_window, qtbot, tmp_path: Path, held_reads
):
    window, a, b = _two_photos(make_window, qtbot, tmp_path)
    reading_a = _marking_pressed_then_moved_on(window, qtbot, a, b, held_reads)
    window.mark_spots_action.trigger()  # b has no marks kept: marking starts at once
    assert _marking(window, b)

    with qtbot.waitSignal(reading_a.ended, timeout=WAIT_MS):
        held_reads.release.set()
    assert _marking(window, b)  # a's marks, late, are let go
    assert not window.spot_marking._marks.mask.any()


def test_the_next_photos_kept_marks_are_marked_and_the_last_ones_late_marks_let_go(
    make_window, qtbot, tmp_path: Path, held_reads
):
    window, a, b = _two_photos(make_window, qtbot, tmp_path)
    window.queue_view.select_id(b.id)
    qtbot.waitUntil(lambda: b.name in window.windowTitle(), timeout=WAIT_MS)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    mark_and_keep(window, qtbot, b, OTHER_SPECK)
    window.queue_view.select_id(a.id)
    qtbot.waitUntil(lambda: a.name in window.windowTitle(), timeout=WAIT_MS)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)

    reading_a = _marking_pressed_then_moved_on(window, qtbot, a, b, held_reads)
    window.mark_spots_action.trigger()  # b's kept marks are read (not held)
    qtbot.waitUntil(lambda: _marking(window, b), timeout=WAIT_MS)

    with qtbot.waitSignal(reading_a.ended, timeout=WAIT_MS):
        held_reads.release.set()
    assert _marking(window, b)
    mask = window.spot_marking._marks.mask
    assert mask[41, 61] and not mask[21, 21]  # b's speck marked, not a's
