"""While spots are marked, the viewer shows the photo to mark, not a pair of its pictures:
the compare picker and the out-of-date note hide, and come back as they were at Done. The
note says what restoring again does: it makes a new result, the one on show kept beside it."""

from __future__ import annotations

from gui_helpers import WAIT_MS
from marking_helpers import start_marking

from app.item_status import ItemStatus


def restore(window, qtbot, item) -> None:
    """Restore ``item`` with the panel's settings and wait until its result is saved."""
    written = len(item.history)
    window.queue_view.select_id(item.id)
    window.restore_selected()
    qtbot.waitUntil(lambda: len(item.history) > written, timeout=WAIT_MS)
    assert item.status is ItemStatus.RESTORED, item.message


def restored_twice_first_on_the_left(make_window, app_settings, qtbot, photos):
    """A window showing a photo restored twice (the second time with Fix faded colours), the
    first result chosen on the left as a person chooses it: the window and the item."""
    app_settings.auto_save = True
    window = make_window()
    [item] = window.add_paths([photos("a.png", 40, 30)])
    restore(window, qtbot, item)
    window.settings_panel.fading_check.setChecked(True)
    restore(window, qtbot, item)
    picker = window.result_view.picker
    picker.left.setCurrentIndex(1)
    picker.left.activated.emit(1)
    return window, item


def test_marking_hides_the_picker_and_the_note_until_done(
    make_window, app_settings, qtbot, tiny_model, photos
):
    window, _item = restored_twice_first_on_the_left(make_window, app_settings, qtbot, photos)
    window.settings_panel.fading_check.setChecked(False)
    picker, note = window.result_view.picker, window.result_view.stale_note
    assert picker.isVisible() and note.isVisible()

    marking = start_marking(window, qtbot)
    assert not picker.isVisible() and not note.isVisible()
    window.settings_panel.ensemble_check.setChecked(True)  # the note has more to say
    assert not note.isVisible()

    marking.bar.done_button.click()
    assert picker.isVisible() and note.isVisible()
    assert picker.left.currentIndex() == 1  # the pair chosen before
    assert "faded colours, extra care" in note.text()


def test_restoring_again_makes_a_new_result_as_the_note_says(
    make_window, app_settings, qtbot, tiny_model, photos
):
    app_settings.auto_save = True
    window = make_window()
    [item] = window.add_paths([photos("a.png", 40, 30)])
    restore(window, qtbot, item)
    first = item.saved_to
    window.settings_panel.fading_check.setChecked(True)
    note = window.result_view.stale_note
    assert "Restore again to make a new result with the current settings" in note.text()
    restore(window, qtbot, item)
    assert first.exists() and item.saved_to != first  # beside it, not in its place
    assert [result.path for result in item.history] == [first, item.saved_to]


def test_spots_are_marked_on_the_original_though_a_result_was_chosen_on_the_left(
    make_window, app_settings, qtbot, tiny_model, photos
):
    window, item = restored_twice_first_on_the_left(make_window, app_settings, qtbot, photos)
    picker, viewer = window.result_view.picker, window.viewer  # the left 4x the original

    def left_width() -> int:
        return viewer._before.image.width() if viewer._before is not None else 0

    qtbot.waitUntil(lambda: left_width() == 4 * item.width, timeout=WAIT_MS)

    marking = start_marking(window, qtbot)
    qtbot.waitUntil(lambda: left_width() == item.width, timeout=WAIT_MS)  # the original
    assert viewer.is_marking()

    marking.bar.done_button.click()
    qtbot.waitUntil(lambda: left_width() == 4 * item.width, timeout=WAIT_MS)
    assert picker.left.currentIndex() == 1
