"""The workspace in the window: the queue and its results come back after a restart, in the
order shown, removals and Clear are undone, results are named by their recipe and a new
restoration adds a file beside the old one, a result made with other settings is marked, and
quitting with work under way, or with results not saved that Undo could bring back, asks
first."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from gui_helpers import (
    WAIT_MS,
    open_every_section,
    wait_for_status,
    wait_until_read,
    write_photo,
)
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

import app.workers
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, QueueModel
from app.settings import AppSettings
from app.workspace import UNDO_LIMIT, Workspace
from app.workspace_store import WORKSPACE_FILE, WorkspaceStore
from engine.imageio import read_picture
from engine.recipe import DEFAULT_PATTERN
from tests.video_helpers import make_clip


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def names(window: MainWindow) -> list[str]:
    return [item.name for item in window.queue.items()]


def photos(folder: Path, *names: str) -> list[Path]:
    return [write_photo(folder / name, 40, 30, seed) for seed, name in enumerate(names)]


def restore(window: MainWindow, qtbot, item: QueueItem) -> Path:
    """Restore ``item`` with the panel's settings and wait until its result is written."""
    written = len(item.history)
    window.queue_view.select_id(item.id)
    window.restore_selected()
    qtbot.waitUntil(lambda: len(item.history) > written, timeout=WAIT_MS)
    assert item.status is ItemStatus.RESTORED, item.message
    return item.saved_to


def select(window: MainWindow, *items: QueueItem) -> None:
    """Select ``items`` as a person would with Ctrl-clicks, the first current."""
    window.queue_view.select_id(items[0].id)
    for item in items[1:]:
        index = window.queue.index(window.queue.row_of(item.id))
        window.queue_view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Select)


def output(settings: AppSettings) -> list[str]:
    return sorted(p.name for p in Path(settings.output_dir).iterdir())


def test_a_new_window_starts_with_an_empty_queue(make_window, private_data_dir):
    window = make_window()
    assert names(window) == [] and not window.undo_action.isEnabled()
    assert (private_data_dir / WORKSPACE_FILE).exists()


def test_the_queue_and_its_results_come_back_after_a_restart(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    first = make_window()
    _a, b, _c = first.add_paths(photos(tmp_path / "photos", "a.png", "b.png", "c.png"))
    wait_until_read(qtbot, first)
    result = restore(first, qtbot, b)
    assert result.name == "b [tiny].png"
    first.close()

    second = make_window()
    assert names(second) == ["a.png", "b.png", "c.png"]
    kept = second.queue.items()[1]
    assert kept.status is ItemStatus.RESTORED and kept.saved_to == result
    assert [r.path for r in kept.history] == [result] and kept.recipe == b.recipe
    assert kept.recipe.suffix() == "tiny"
    wait_until_read(qtbot, second)
    assert [item.status for item in second.queue.items()] == [
        ItemStatus.READY,
        ItemStatus.RESTORED,
        ItemStatus.READY,
    ]
    second.queue_view.select_id(kept.id)  # read from its file, beside its original
    qtbot.waitUntil(second.viewer.has_after, timeout=WAIT_MS)
    assert second.viewer.after_image().size().toTuple() == (160, 120)
    assert second.viewer.before_image().size().toTuple() == (40, 30)
    assert kept.can_be_saved  # from its file, though saved as chosen: nothing is offered
    assert not second.save_action.isEnabled() and not second.save_all_action.isEnabled()


def test_results_and_originals_deleted_meanwhile_are_not_offered(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    first = make_window()
    a, b, c = first.add_paths(photos(tmp_path / "photos", "a.png", "b.png", "c.png"))
    restore(first, qtbot, a)
    restore(first, qtbot, b)
    first.close()
    a.saved_to.unlink()
    c.source.unlink()

    second = make_window()
    assert names(second) == ["a.png", "b.png", "c.png"]  # c's row says its file is not there
    kept_a, kept_b, kept_c = second.queue.items()
    assert kept_a.history == [] and kept_a.saved_to is None
    assert [r.path for r in kept_b.history] == [b.saved_to]
    wait_until_read(qtbot, second)
    assert kept_a.status is ItemStatus.READY and kept_b.status is ItemStatus.RESTORED
    assert kept_c.status is ItemStatus.UNREADABLE and kept_c.message.startswith("not found")


def test_a_damaged_workspace_is_set_aside_with_a_message(make_window, private_data_dir):
    (private_data_dir / WORKSPACE_FILE).write_bytes(b"\x00 not a database " * 64)
    window = make_window()
    assert names(window) == []
    message = window.statusBar().currentMessage()
    assert message.startswith("The saved queue could not be read (")
    assert f"the old file is kept as {WORKSPACE_FILE}.unreadable-" in message
    [aside] = private_data_dir.glob(f"{WORKSPACE_FILE}.unreadable-*")
    assert aside.read_bytes().startswith(b"\x00 not a database")


def test_removing_and_clearing_are_undone_in_place_with_the_results(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    window = make_window()
    _a, b, c, d = window.add_paths(photos(tmp_path / "photos", *(f"{n}.png" for n in "abcd")))
    result = restore(window, qtbot, b)
    select(window, b, c)
    window.remove_action.trigger()
    assert names(window) == ["a.png", "d.png"]
    assert window.statusBar().currentMessage() == "Removed 2 items — Undo (Ctrl+Z)"
    assert window.undo_action.isEnabled()

    window.undo_action.trigger()
    assert names(window) == ["a.png", "b.png", "c.png", "d.png"]
    assert window.queue.items()[1] is b and b.saved_to == result and len(b.history) == 1
    assert not window.undo_action.isEnabled()

    window.clear_action.trigger()  # asks nothing
    assert names(window) == []
    assert window.statusBar().currentMessage() == "Cleared 4 items — Undo (Ctrl+Z)"
    window.undo_action.trigger()
    assert names(window) == ["a.png", "b.png", "c.png", "d.png"]
    assert window.statusBar().currentMessage() == "Put back 4 items."
    window.queue_view.select_id(d.id)
    window.remove_action.trigger()
    window.close()

    again = make_window()  # the undone removals are kept; the last one, not undone, is final
    assert names(again) == ["a.png", "b.png", "c.png"]
    assert [r.path for r in again.queue.items()[1].history] == [result]


def test_the_order_after_undo_is_the_order_after_a_restart(make_window, tmp_path):
    folder = tmp_path / "photos"
    first = make_window()
    first.add_paths(photos(folder, "01.png", "02.png", "03.png", "04.png"))
    first.clear_queue()
    first.add_paths([folder / "02.png", *photos(folder, "05.png")])  # 02 queued again
    first.undo()
    shown = names(first)
    assert shown == ["01.png", "02.png", "03.png", "04.png", "05.png"]
    first.close()
    assert names(make_window()) == shown


def test_undo_keeps_a_removal_holding_a_result_not_saved_past_its_limit(qapp, tmp_path):
    queue = QueueModel()
    workspace = Workspace(queue, WorkspaceStore(tmp_path / WORKSPACE_FILE))
    items = queue.add_paths(photos(tmp_path / "photos", *(f"p{n:02}.png" for n in range(24))))
    unsaved = items[1]
    unsaved.result = read_picture(unsaved.source)  # restored, not saved
    for item in items[: UNDO_LIMIT + 2]:  # a removal each: two more than the limit
        workspace.remove([item.id])
    assert workspace.unsaved_removed() == [unsaved]
    back = []
    while workspace.can_undo():
        back += workspace.undo(lambda _old, _new: None)
    assert len(back) == UNDO_LIMIT and unsaved in back
    assert items[0] not in back and items[2] not in back  # the two oldest others, let go
    assert workspace.unsaved_removed() == []
    workspace.close()


def _quit_questions(monkeypatch) -> tuple[list[str], list[QMessageBox.StandardButton]]:
    """The questions asked before quitting, and the answer each gets: Cancel, until the test
    puts another in its place."""
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked, answer


@pytest.mark.parametrize("how", ["clear", "remove"])
def test_quitting_asks_about_restorations_not_saved_that_were_removed(
    qtbot, tiny_model, tmp_path, app_settings, monkeypatch, how
):
    asked, _ = _quit_questions(monkeypatch)
    window = MainWindow(app_settings)  # asks before quitting, and saves nothing by itself
    qtbot.addWidget(window)
    window.show()
    a, b = window.add_paths(photos(tmp_path / "photos", "a.png", "b.png"))
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, a, ItemStatus.RESTORED)
    wait_for_status(qtbot, b, ItemStatus.RESTORED)
    if how == "clear":
        window.clear_action.trigger()
    else:
        select(window, a, b)
        window.remove_action.trigger()

    assert not window.close()  # Cancel: the window stays, Undo can still bring them back
    assert asked == [
        "Restored photos removed from the queue that are not saved (Undo puts them back): "
        "2.\nRestorations that are not saved are lost.\nThe queue comes back the next time "
        "Rekindle starts, with the results that were saved.\nQuit anyway?"
    ]
    window.undo_action.trigger()
    window.save_all()
    qtbot.waitUntil(lambda: a.saved_to is not None and b.saved_to is not None, timeout=WAIT_MS)
    assert window.close()  # nothing to lose now: no question
    assert len(asked) == 1


def test_a_photo_removed_while_its_result_is_saved_counts_as_saved(
    qtbot, tiny_model, tmp_path, app_settings, monkeypatch
):
    asked, _ = _quit_questions(monkeypatch)
    window = MainWindow(app_settings)
    qtbot.addWidget(window)
    window.show()
    (photo,) = window.add_paths(photos(tmp_path / "photos", "a.png"))
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, photo, ItemStatus.RESTORED)
    window.save_all()
    window.remove_action.trigger()  # the saver's answer comes after: events wait till then
    assert window.queue.items() == []
    qtbot.waitUntil(lambda: photo.saved_to is not None, timeout=WAIT_MS)
    assert read_picture(photo.saved_to).width == 4 * 40
    assert window.close()  # its result is in its file: nothing to lose, no question
    assert asked == []


def test_undo_puts_a_restored_photo_back_in_place_of_its_file_queued_again(
    make_window, qtbot, tiny_model, tmp_path
):
    window = make_window()  # saves nothing by itself
    source = photos(tmp_path / "photos", "a.png")[0]
    (restored,) = window.add_paths([source])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, restored, ItemStatus.RESTORED)
    select(window, restored)
    window.remove_action.trigger()
    (again,) = window.add_paths([source])  # the same file, queued afresh
    wait_until_read(qtbot, window)
    window.undo_action.trigger()
    assert window.queue.items() == [restored] and restored.result_unsaved
    assert window.statusBar().currentMessage() == "Put back 1 item."

    select(window, restored)
    window.remove_action.trigger()
    (again,) = window.add_paths([source])
    wait_until_read(qtbot, window)
    window.restore_all()  # the file queued again has a result of its own now
    wait_for_status(qtbot, again, ItemStatus.RESTORED)
    window.undo_action.trigger()
    assert window.queue.items() == [again]
    assert window.statusBar().currentMessage() == (
        "a.png is in the queue again, with work of its own: left as it is."
    )


def test_an_item_removed_before_its_thumbnail_was_read_is_read_when_put_back(
    make_window, qtbot, tmp_path
):
    window = make_window()
    [item] = window.add_paths(photos(tmp_path / "photos", "a.png"))
    window.clear_queue()  # straight away: its thumbnail is not read yet
    window.undo()
    wait_until_read(qtbot, window)
    assert item.status is ItemStatus.READY and item.thumbnail is not None


def test_results_are_named_by_their_recipe_and_a_new_one_goes_beside_the_old(
    make_window, qtbot, tiny_model, tmp_path, app_settings
):
    window = make_window()
    [item] = window.add_paths(photos(tmp_path / "photos", "a.png"))
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    window.save_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    assert output(app_settings) == ["a [tiny].png"]

    window.settings_panel.fading_check.setChecked(True)
    window.settings_panel.ensemble_check.setChecked(True)
    window.restore_selected()
    qtbot.waitUntil(
        lambda: item.status is ItemStatus.RESTORED and item.saved_to is None, timeout=WAIT_MS
    )
    window.save_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    assert item.saved_to.name == "a [tiny colour care].png"
    assert output(app_settings) == ["a [tiny colour care].png", "a [tiny].png"]
    assert [r.recipe.suffix() for r in item.history] == ["tiny", "tiny colour care"]

    window.save_selected()  # the same result again, saved as chosen: no copy beside it
    assert window.statusBar().currentMessage() == (
        "Already saved in the format and output folder chosen: nothing new to write."
    )
    assert output(app_settings) == ["a [tiny colour care].png", "a [tiny].png"]
    assert len(item.history) == 2


def test_the_naming_pattern_is_a_setting_and_a_bad_one_is_not_used(
    make_window, qtbot, tiny_model, tmp_path, app_settings
):
    window = make_window()
    open_every_section(window.settings_panel)
    line = window.settings_panel.names_edit.line
    assert line.text() == DEFAULT_PATTERN
    line.clear()
    qtbot.keyClicks(line, "{recipe} - {stem}")
    assert app_settings.result_names == "{recipe} - {stem}"
    line.clear()
    qtbot.keyClicks(line, "{date}")
    problem = window.settings_panel.names_edit.problem
    assert problem.isVisible() and "{date}" in problem.text()
    assert app_settings.result_names == "{recipe} - {stem}"  # the last good one, still used

    [item] = window.add_paths(photos(tmp_path / "photos", "a.png"))
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    window.save_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    assert output(app_settings) == ["tiny - a.png"]


def test_a_result_made_with_other_settings_is_marked_until_they_are_set_back(
    make_window, qtbot, tiny_model, tmp_path
):
    window = make_window()
    restored, other = window.add_paths(photos(tmp_path / "photos", "a.png", "b.png"))
    window.queue_view.select_id(restored.id)
    window.restore_selected()
    wait_for_status(qtbot, restored, ItemStatus.RESTORED)
    note = window.result_view.stale_note
    assert not note.isVisible()

    panel = window.settings_panel
    panel.fading_check.setChecked(True)
    assert note.isVisible()
    assert note.text() == (
        "Made with other settings: faded colours — Restore again to make a new result "
        "with the current settings"
    )
    panel.ensemble_check.setChecked(True)
    assert "faded colours, extra care" in note.text()
    panel.spots_check.setChecked(True)
    assert "faded colours, dust and specks, extra care" in note.text()
    window.queue_view.select_id(other.id)  # not restored: nothing to mark
    assert not note.isVisible()
    window.queue_view.select_id(restored.id)
    assert note.isVisible()
    panel.fading_check.setChecked(False)
    panel.ensemble_check.setChecked(False)
    panel.spots_check.setChecked(False)
    assert not note.isVisible()

    panel.fading_check.setChecked(True)
    window.restore_selected()  # restored again with them: up to date
    qtbot.waitUntil(
        lambda: restored.status is ItemStatus.RESTORED and not note.isVisible(), timeout=WAIT_MS
    )


def test_a_films_result_is_named_by_its_recipe_and_kept(
    make_window, qtbot, tiny_model, tmp_path, app_settings
):
    (tmp_path / "films").mkdir()
    film = make_clip(tmp_path / "films" / "film.mp4", frames=3)
    first = make_window()
    [item] = first.add_paths([film])
    wait_until_read(qtbot, first)
    written = restore(first, qtbot, item)
    assert written == Path(app_settings.output_dir) / "film [tiny].mp4"
    first.close()

    second = make_window()
    [kept] = second.queue.items()
    assert kept.status is ItemStatus.RESTORED and kept.saved_to == written
    assert kept.recipe == item.recipe


def test_quitting_with_restorations_under_way_asks_first(
    qtbot, tiny_model, tmp_path, app_settings, monkeypatch
):
    asked, answer = _quit_questions(monkeypatch)
    real_read = app.workers.read_picture

    def slow_read(path):  # each photo takes a while: the run is under way when quitting
        time.sleep(0.3)
        return real_read(path)

    monkeypatch.setattr(app.workers, "read_picture", slow_read)
    window = MainWindow(app_settings)
    qtbot.addWidget(window)
    window.show()
    window.add_paths(photos(tmp_path / "photos", "a.png", "b.png"))
    wait_until_read(qtbot, window)
    window.restore_all()

    assert not window.close()  # Cancel: the window stays, the work goes on
    assert asked == [
        "Photos and films being restored or waiting: 2.\nRestoring stops, and they stay in the "
        "queue to be restored another time.\nThe queue comes back the next time Rekindle "
        "starts, with the results that were saved.\nQuit anyway?"
    ]
    assert window.runner.is_running
    answer[0] = QMessageBox.StandardButton.Discard
    assert window.close()
    assert len(asked) == 2


def test_any_two_pictures_of_a_photo_can_be_compared(
    make_window, qtbot, tiny_model, tmp_path, saving_at_once
):
    window = make_window()
    [item] = window.add_paths(photos(tmp_path / "photos", "a.png"))
    picker = window.result_view.picker
    plain = restore(window, qtbot, item)
    assert not picker.isVisible()  # one result: the original beside it is all there is
    window.settings_panel.fading_check.setChecked(True)
    coloured = restore(window, qtbot, item)
    assert picker.isVisible()
    assert [picker.left.itemText(i) for i in range(picker.left.count())] == [
        "Original",
        "Tiny",
        "Tiny · faded colours fixed",
    ]
    assert picker.right.currentText() == "Tiny · faded colours fixed"
    assert window.viewer.labels() == ("Original", "Tiny · faded colours fixed")  # as picked

    picker.left.setCurrentIndex(1)
    picker.left.activated.emit(1)  # as a person chooses
    qtbot.waitUntil(
        lambda: window.viewer.before_image().size().toTuple() == (160, 120), timeout=WAIT_MS
    )
    assert window.viewer.labels() == ("Tiny", "Tiny · faded colours fixed")
    shown = window.viewer.before_image().convertToFormat(
        window.viewer.before_image().Format.Format_RGB888
    )
    expected = read_picture(plain).pixels
    assert shown.pixelColor(5, 7).getRgb()[:3] == tuple(int(v) for v in expected[7, 5])
    note = window.result_view.stale_note
    assert coloured.exists() and not note.isVisible()

    assert not picker.right.model().item(0).isEnabled()  # "Tiny" is on the left already
    picker.left.setCurrentIndex(0)
    picker.left.activated.emit(0)
    picker.right.setCurrentIndex(0)  # the plain result on the right: made without the fix
    picker.right.activated.emit(0)
    assert note.isVisible() and "faded colours" in note.text()


def test_items_removed_apart_go_back_to_their_own_rows(qapp, tmp_path):
    queue = QueueModel()
    a, _b, c, d, _e = queue.add_paths(photos(tmp_path / "photos", *(f"{n}.png" for n in "abcde")))
    taken = queue.remove([a.id, c.id, d.id])
    assert [item.name for item in queue.items()] == ["b.png", "e.png"]
    queue.add_paths(photos(tmp_path / "more", "f.png"))
    back = queue.put_back(taken)
    assert back == [a, c, d]
    assert [item.name for item in queue.items()] == [f"{n}.png" for n in "abcdef"]
    taken = queue.remove([c.id])
    [again] = queue.add_paths([c.source])  # queued again meanwhile: it stays, once
    assert queue.put_back(taken) == []
    assert [item for item in queue.items() if item.name == "c.png"] == [again]


def test_undoing_a_clear_goes_over_the_queue_once(make_window, qtbot, tmp_path, monkeypatch):
    """Seen before: Undo after Clear took each photo put back through the queue's removal
    (of the frames queued for it, none), every one of them going over the whole queue
    again: 16 s for 3,000 photos."""
    window = make_window()
    window.add_paths(photos(tmp_path / "photos", *(f"{n}.png" for n in range(30))))
    wait_until_read(qtbot, window)
    window.clear_action.trigger()
    looked_over = []
    hints = QueueModel._update_hints
    monkeypatch.setattr(
        QueueModel, "_update_hints", lambda queue: looked_over.append(1) or hints(queue)
    )
    window.undo_action.trigger()
    assert len(names(window)) == 30
    assert len(looked_over) <= 1
