"""Save (by hand) is offered, and writes, wherever a save would write a file: a result whose
file was deleted since, or whose names' pattern changed, is written again; one lying in the
very file it would be saved as is not."""

from __future__ import annotations

from gui_helpers import WAIT_MS, open_every_section, wait_until_read, write_photo


def _restored_and_saved(window, qtbot, tmp_path):
    [item] = window.add_paths([write_photo(tmp_path / "photos" / "a.png", 40, 30)])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    window.restore_all()
    qtbot.waitUntil(lambda: item.result is not None, timeout=WAIT_MS)
    window.save_selected()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    return item


def _save_offered(window) -> bool:
    window._update_actions()
    return window.save_action.isEnabled()


def test_a_result_whose_file_was_deleted_is_saved_again(make_window, qtbot, tiny_model, tmp_path):
    window = make_window()
    item = _restored_and_saved(window, qtbot, tmp_path)
    saved = item.saved_to
    assert not _save_offered(window)  # in the very file it would be saved as
    saved.unlink()
    assert _save_offered(window)
    window.save_selected()
    qtbot.waitUntil(saved.is_file, timeout=WAIT_MS)
    assert item.saved_to == saved


def test_a_result_is_saved_under_the_names_pattern_chosen_since(
    make_window, qtbot, tiny_model, tmp_path
):
    window = make_window()
    item = _restored_and_saved(window, qtbot, tmp_path)
    first = item.saved_to
    open_every_section(window.settings_panel)
    line = window.settings_panel.names_edit.line
    line.clear()
    qtbot.keyClicks(line, "{stem} x")
    assert _save_offered(window)
    window.save_selected()
    qtbot.waitUntil(lambda: item.saved_to != first, timeout=WAIT_MS)
    assert item.saved_to.name == "a x.png"
    assert first.is_file()
    assert not _save_offered(window)
