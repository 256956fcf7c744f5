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


def test_a_result_saved_under_a_numbered_name_is_not_saved_again(
    make_window, qtbot, tiny_model, tmp_path
):
    sources = [write_photo(tmp_path / "photos" / name, 40, 30) for name in ("a.png", "a.jpg")]
    window = make_window()
    combo = window.settings_panel.format_combo
    combo.setCurrentIndex(combo.findData("png"))  # both results are named "a….png"
    items = window.add_paths(sources)
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: all(item.result is not None for item in items), timeout=WAIT_MS)
    window.save_all()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    folder = items[0].saved_to.parent
    assert any(item.saved_to.name.endswith("] (2).png") for item in items)
    written = sorted(folder.iterdir())

    for item in items:
        window.queue_view.select_id(item.id)
        assert not _save_offered(window)
        window.save_selected()  # as Ctrl+S would, offered or not
    qtbot.wait(200)
    assert sorted(folder.iterdir()) == written  # no "(3)" beside them


def test_a_result_whose_file_was_deleted_after_its_pixels_were_let_go_is_not_offered(
    make_window, qtbot, tiny_model, tmp_path
):
    sources = [write_photo(tmp_path / "photos" / f"{name}.png", 40, 30) for name in "ab"]
    window = make_window()
    first, second = window.add_paths(sources)
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: second.result is not None, timeout=WAIT_MS)
    window.save_all()
    qtbot.waitUntil(lambda: first.saved_to and second.saved_to, timeout=WAIT_MS)
    window.queue_view.select_id(second.id)
    qtbot.waitUntil(lambda: first.result is None, timeout=WAIT_MS)  # saved and not on show
    first.saved_to.unlink()

    window.queue_view.select_id(first.id)
    assert not _save_offered(window)  # nothing left to write: only restoring makes it anew
