"""The keyboard alone: one-key shortcuts leave typed letters to the drop-down list in focus
and take them from the queue, and while spots are marked Esc and Return end marking (keeping
the marks, never cancelling a run) and S and C press Find Spots and Clear."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, wait_until_read, write_photo
from marking_helpers import SPECK, drag, start_marking, window_on_speckled
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.item_status import ItemStatus
from app.spot_marks import stored_marks


def _fired(action) -> list[bool]:
    """A list that grows each time ``action`` is triggered."""
    fired: list[bool] = []
    action.triggered.connect(lambda *_: fired.append(True))
    return fired


def test_letters_typed_on_a_drop_down_list_are_its_own(make_window, qtbot, tiny_model, photos):
    window = make_window()
    window.add_paths([photos("a.png")])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    window.activateWindow()
    previews = _fired(window.preview_action)
    assert window.preview_action.isEnabled()

    combo = window.settings_panel.format_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_P)
    assert combo.currentText().startswith("PNG")
    assert not previews


def test_one_key_shortcuts_work_on_the_queue_and_leave_its_selection(
    make_window, qtbot, tiny_model, photos
):
    names = ("album.png", "fence.png", "1900.png", "park.png", "mill.png")
    window = make_window()
    window.add_paths([photos(name) for name in names])  # one starting with each key
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    window.activateWindow()
    view = window.queue_view
    view.setCurrentIndex(window.queue.index(0, 0))
    view.setFocus()
    keys = {
        Qt.Key.Key_F: window.fit_action,
        Qt.Key.Key_1: window.actual_size_action,
        Qt.Key.Key_P: window.preview_action,
        Qt.Key.Key_M: window.mark_spots_action,
    }
    for key, action in keys.items():
        assert action.isEnabled()
        fired = _fired(action)
        QTest.keyClick(view, key)
        assert fired, action.text()
        assert view.currentIndex().row() == 0  # not the photo the letter starts
    assert window.mark_spots_action.isChecked()


def test_escape_while_marking_during_a_run_ends_marking_and_the_run_goes_on(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    window = make_window()
    window.settings_panel.tile_spin.setValue(16)  # many small tiles: the run takes a while
    big, marked = window.add_paths(
        [write_photo(tmp_path / "big.png", 512, 384), write_photo(tmp_path / "next.png")]
    )
    wait_until_read(qtbot, window)
    window.activateWindow()
    window.restore_all()
    qtbot.waitUntil(lambda: big.status is ItemStatus.RESTORING, timeout=WAIT_MS)
    window.queue_view.select_id(marked.id)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    marking = start_marking(window, qtbot)
    window.viewer.set_zoom(1.0)
    drag(window.viewer, SPECK)
    assert not window.cancel_action.isEnabled()  # Esc is marking's

    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS):  # kept
        QTest.keyClick(window.viewer, Qt.Key.Key_Escape)
    assert not marking.is_active() and stored_marks(marked.source) is not None
    assert window.runner.is_running and window.cancel_action.isEnabled()
    assert big.status is ItemStatus.RESTORING and marked.status is not ItemStatus.CANCELLED
    window.cancel_action.trigger()  # the run went on; its hundreds of small tiles need not
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)


def test_marking_keys_find_clear_and_finish(make_window, qtbot, tiny_model, tmp_path):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    window.activateWindow()
    marking = start_marking(window, qtbot)
    bar, viewer = marking.bar, window.viewer
    assert "(S)" in bar.find_button.toolTip() and "(C)" in bar.clear_button.toolTip()
    assert bar.find_button.focusPolicy() is Qt.FocusPolicy.NoFocus

    QTest.keyClick(viewer, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: marking._marks.mask.any(), timeout=WAIT_MS)  # the specks found
    QTest.keyClick(viewer, Qt.Key.Key_C)
    assert not marking._marks.mask.any()
    drag(viewer, SPECK)
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS):
        QTest.keyClick(viewer, Qt.Key.Key_Return)
    assert not marking.is_active() and stored_marks(item.source) is not None

    QTest.keyClick(viewer, Qt.Key.Key_C)  # no marking: no key of the bar's works
    assert not marking.is_active()
