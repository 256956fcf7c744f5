"""Marks made by hand that cannot be written (the user data folder's disk is full) are not
lost: they stay in memory, shown when marking again, a lasting warning names the photo, and
they are written at the next Done, before the next restoration, or asked about on quitting."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator

import numpy as np
import pytest
from gui_helpers import wait_for_status
from marking_helpers import SPECK, WAIT_MS, drag, start_marking, window_on_speckled
from PySide6.QtWidgets import QMessageBox

import app.spot_marking
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.spot_marks import marks_file, stored_fingerprint, stored_marks
from engine.atomic import staged_file
from engine.retouch.marks import read_marks


def _full_disk(path, _marks):
    """A marks writer on a full disk: the file is begun, and the disk has no room for it."""
    with staged_file(path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def full_disk() -> Iterator[pytest.MonkeyPatch]:
    """Marks cannot be written until ``full_disk.undo()`` makes room (a patch of its own:
    undoing it leaves the test's private data folder in place)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(app.spot_marking, "write_marks", _full_disk)
    yield patch
    patch.undo()


def paint_and_press_done(window, qtbot) -> np.ndarray:
    """Mark the speck on show, press Done and wait for the write to end; the marks painted."""
    marking = start_marking(window, qtbot)
    window.viewer.set_zoom(1.0)
    drag(window.viewer, SPECK)
    painted = marking._marks.mask > 0
    marking.bar.done_button.click()
    qtbot.waitUntil(lambda: not marking.is_keeping(), timeout=WAIT_MS)
    return painted


def test_marks_not_written_stay_shown_and_named_until_the_next_done_writes_them(
    make_window, qtbot, tiny_model, tmp_path, full_disk
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    painted = paint_and_press_done(window, qtbot)

    assert stored_marks(item.source) is None
    [warning] = window.warnings.shown()
    assert warning.startswith("Marks on print.png: cannot be saved (the disk is full).")
    assert marks_file(item.source).name not in warning  # the file's name means nothing
    window.statusBar().showMessage("Another message")
    assert window.warnings.shown() == [warning]  # it stays

    marking = start_marking(window, qtbot)  # the marks come back from memory
    assert np.array_equal(marking._marks.mask > 0, painted)
    full_disk.undo()  # room is made
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS):
        marking.bar.done_button.click()
    assert np.array_equal(read_marks(stored_marks(item.source)) > 0, painted)
    assert window.warnings.shown() == []


def test_marks_not_written_are_written_before_the_next_restoration_fills_them(
    make_window, qtbot, tiny_model, tmp_path, full_disk
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    painted = paint_and_press_done(window, qtbot)
    assert window.restore_all_action.isEnabled()
    full_disk.undo()

    window.restore_all()
    assert np.array_equal(read_marks(stored_marks(item.source)) > 0, painted)
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    assert item.recipe.spots == stored_fingerprint(item.source) != ""
    assert item.result.pixels[80:88, 80:88].max() < 200  # the marked speck (4x), filled
    assert window.warnings.shown() == []


def test_quitting_with_marks_that_still_cannot_be_written_asks_first(
    qtbot, tiny_model, tmp_path, app_settings, full_disk
):
    asked = []
    answer = [QMessageBox.StandardButton.Cancel]

    def warning(_parent, _title, text, *_args):
        asked.append(text)
        return answer[0]

    def asking_window() -> MainWindow:
        window = MainWindow(app_settings)  # asks before quitting
        qtbot.addWidget(window)
        window.show()
        return window

    full_disk.setattr(QMessageBox, "warning", warning)
    window, item, _ = window_on_speckled(asking_window, qtbot, tmp_path)
    paint_and_press_done(window, qtbot)

    assert not window.close()  # Cancel: room can still be made
    [text] = asked
    assert "Marks on print.png" in text and text.endswith("Quit anyway, losing them?")
    answer[0] = QMessageBox.StandardButton.Discard
    assert window.close()
    assert stored_marks(item.source) is None
