"""Marks stay tied to the picture they were drawn on: a photo changed on disk while it is
marked does not get them (Done says so), Find Spots on it says why nothing was found,
marks kept that no longer fit the photo are removed rather than left to stop its
restoration, and a photo whose file stamp alone changed (touched, or copied by a tool that
does not keep times) keeps its marks, while one whose bytes changed starts afresh."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from gui_helpers import overwrite_photo, wait_for_status, wait_until_read
from marking_helpers import (
    SPECK,
    WAIT_MS,
    drag,
    mark_and_keep,
    speckled,
    start_marking,
    window_on_speckled,
)
from PySide6.QtCore import QPointF, QThreadPool

import app.spot_marks
from app.item_status import ItemStatus
from app.photo_queue import size_text
from app.spot_marks import has_marks, marks_file, stored_fingerprint, stored_marks
from engine.retouch.marks import read_marks, write_marks


def _touched(path) -> None:
    """The file's modification time a second later, its bytes as they were."""
    later = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))


def _other_bytes(path) -> None:
    """The file's bytes changed, its size kept, and its modification time a second later."""
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    stamp = path.stat()
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))


def _looked_up_off_the_window(source):
    """``stored_marks`` of ``source`` as a thread other than the window's asks it (the
    reader of the queue's rows does)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(stored_marks, source).result()


def _hashed_on(monkeypatch) -> list[threading.Thread]:
    """The threads the photos' bytes are hashed on for their marks, from now on."""
    threads: list[threading.Thread] = []
    real = app.spot_marks.source_digest

    def hashing(source):
        threads.append(threading.current_thread())
        return real(source)

    monkeypatch.setattr(app.spot_marks, "source_digest", hashing)
    return threads


def _said(window) -> str:
    return window.statusBar().currentMessage()


@pytest.mark.parametrize("size", [(60, 40), (80, 60)], ids=["another size", "the same size"])
def test_marks_of_a_photo_replaced_while_marked_are_not_kept_for_the_new_one(
    make_window, qtbot, tiny_model, tmp_path, size
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    marking = start_marking(window, qtbot)
    window.viewer.set_zoom(1.0)
    drag(window.viewer, SPECK)
    overwrite_photo(item.source, *size)  # another picture
    with qtbot.waitSignal(marking.message, timeout=WAIT_MS) as said:
        marking.bar.done_button.click()
    qtbot.waitUntil(lambda: not marking.is_keeping(), timeout=WAIT_MS)
    assert said.args == [
        "The marks on print.png were not kept: the photo changed on disk while it was "
        "marked. Mark it again as it is now."
    ]
    assert stored_marks(item.source) is None


def test_find_spots_on_a_photo_changed_since_marking_began_says_why_it_marks_nothing(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    marking = start_marking(window, qtbot)
    overwrite_photo(item.source, 60, 40)
    marking.bar.find_button.click()
    qtbot.waitUntil(marking.bar.find_button.isEnabled, timeout=WAIT_MS)
    assert _said(window) == (
        "No spots were looked for: the photo changed on disk since marking began. Press "
        "Done, and mark it again as it is now."
    )
    assert not marking._marks.mask.any()


def test_marks_kept_that_no_longer_fit_the_photo_are_removed_and_the_person_told(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    unfitting = marks_file(item.source)
    unfitting.parent.mkdir(parents=True, exist_ok=True)
    write_marks(unfitting, np.full((40, 50), 255, np.uint8))  # kept for another picture
    marking = start_marking(window, qtbot)
    assert _said(window) == "The marks kept for this photo no longer fit it: they were removed."
    assert not unfitting.exists() and stored_marks(item.source) is None
    assert not marking._marks.mask.any()
    marking.bar.done_button.click()  # nothing marked: nothing kept, nothing left behind
    qtbot.waitUntil(lambda: not marking.is_keeping(), timeout=WAIT_MS)
    assert stored_marks(item.source) is None


def test_a_photo_whose_stamp_alone_changed_keeps_its_marks(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    marked = mark_and_keep(window, qtbot, item, SPECK, brush=3)
    fingerprint = stored_fingerprint(item.source)
    _touched(item.source)
    assert has_marks(item.source)
    assert stored_fingerprint(item.source) == fingerprint  # no result goes out of date
    moved = _looked_up_off_the_window(item.source)
    assert moved == marks_file(item.source)  # moved to its stamp now
    assert np.array_equal(read_marks(stored_marks(item.source)) > 0, marked > 0)
    assert size_text(item) == "80 × 60 · spots marked"
    marking = start_marking(window, qtbot)
    assert np.array_equal(marking._marks.mask > 0, marked > 0)


def test_a_photo_touched_while_marked_keeps_the_marks_made(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)  # its bytes are recorded
    marking = start_marking(window, qtbot)
    drag(window.viewer, [QPointF(60.5, 40.5)])
    more = marking._marks.mask > 0
    _touched(item.source)
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS):
        marking.bar.done_button.click()
    assert np.array_equal(read_marks(stored_marks(item.source)) > 0, more)


def test_a_photo_whose_bytes_changed_starts_afresh_even_of_the_same_size(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    _other_bytes(item.source)
    assert _looked_up_off_the_window(item.source) is None
    stored_marks(item.source)  # the window: hashed on another thread, once
    QThreadPool.globalInstance().waitForDone()
    assert stored_marks(item.source) is None and not has_marks(item.source)


def test_the_window_never_hashes_a_touched_photo_and_still_finds_its_marks(
    make_window, qtbot, tiny_model, tmp_path, monkeypatch
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    kept, fingerprint = stored_marks(item.source), stored_fingerprint(item.source)
    _touched(item.source)
    hashed_on = _hashed_on(monkeypatch)

    assert stored_marks(item.source) == kept  # while its bytes are hashed
    assert has_marks(item.source) and stored_fingerprint(item.source) == fingerprint
    QThreadPool.globalInstance().waitForDone()
    assert stored_marks(item.source) == kept  # the bytes recorded
    assert hashed_on and threading.main_thread() not in hashed_on


def _marked_for_the_first_time(window, qtbot):
    """Mark the photo on show, which has no marks kept, once it is recorded as marking
    began; the marking, and the marks painted."""
    marking = start_marking(window, qtbot)
    window.viewer.set_zoom(1.0)
    drag(window.viewer, SPECK)
    qtbot.waitUntil(lambda: not marking._jobs, timeout=WAIT_MS)  # the photo recorded
    return marking, marking._marks.mask > 0


def test_a_photo_touched_while_marked_for_the_first_time_keeps_the_marks_made(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    marking, marked = _marked_for_the_first_time(window, qtbot)
    _touched(item.source)
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS):
        marking.bar.done_button.click()
    assert np.array_equal(read_marks(stored_marks(item.source)) > 0, marked)


def test_a_photo_whose_bytes_changed_while_marked_for_the_first_time_does_not_get_them(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    marking, _ = _marked_for_the_first_time(window, qtbot)
    _other_bytes(item.source)
    with qtbot.waitSignal(marking.message, timeout=WAIT_MS) as said:
        marking.bar.done_button.click()
    qtbot.waitUntil(lambda: not marking.is_keeping(), timeout=WAIT_MS)
    assert said.args[0].startswith("The marks on print.png were not kept")
    assert _looked_up_off_the_window(item.source) is None


def test_marks_kept_that_no_longer_fit_are_removed_as_the_photo_is_read_and_it_restores(
    make_window, qtbot, tiny_model, tmp_path
):
    """Marks kept before photos were recorded with them, of another size than the picture
    now under that stamp, would make its restoration fail."""
    path, _ = speckled(tmp_path / "print.png")
    unfitting = marks_file(path)
    unfitting.parent.mkdir(parents=True, exist_ok=True)
    write_marks(unfitting, np.full((40, 50), 255, np.uint8))
    window = make_window()
    [item] = window.add_paths([path])
    wait_until_read(qtbot, window)

    assert not unfitting.exists() and stored_marks(path) is None
    assert size_text(item) == "80 × 60"
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
