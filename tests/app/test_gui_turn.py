"""Queue > Turn Left and Turn Right: the turned copy of a photo takes its place in the queue
(its row, and its place in the selection), written in the background, with the spots marked
on it turned too; the photo is left as it is and Undo puts it back in the copy's stead."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from gui_helpers import WAIT_MS, wait_until_read, write_photo

from app.main_window import MainWindow
from app.photo_queue import QueueItem
from app.spot_marks import marks_file, stored_marks
from engine.imageio import read_picture
from engine.retouch.marks import read_marks, write_marks
from tests.video_helpers import make_clip


def test_a_turned_copy_takes_the_photos_place_and_undo_puts_the_photo_back(
    make_window, qtbot, tmp_path, app_settings
):
    photo = write_photo(tmp_path / "side.png", 40, 30)
    kept = photo.read_bytes()
    marks = np.zeros((30, 40), np.uint8)
    marks[2:5, 30:36] = 255  # a scratch marked near the top right
    write_marks(marks_file(photo), marks)
    window = make_window()
    (item,) = window.add_paths([photo])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    assert window.turn_right_action.isEnabled() and window.turn_left_action.isEnabled()
    window.turn_right_action.trigger()
    qtbot.waitUntil(lambda: item not in window.queue.items(), timeout=WAIT_MS)

    (copy,) = window.queue.items()
    assert copy.source == Path(app_settings.output_dir) / "turned" / "side turned.png"
    turned = read_picture(copy.source).pixels
    assert turned.shape == (40, 30, 3)
    np.testing.assert_array_equal(turned, np.rot90(read_picture(photo).pixels, -1))
    assert photo.read_bytes() == kept
    assert window.queue_view.current_id() == copy.id  # on show in the photo's stead
    np.testing.assert_array_equal(read_marks(stored_marks(copy.source)), np.rot90(marks, -1))
    assert "Undo" in window.statusBar().currentMessage()
    later = copy.source.stat().st_mtime_ns + 1_000_000_000  # the copy touched: marks kept
    os.utime(copy.source, ns=(later, later))
    np.testing.assert_array_equal(read_marks(stored_marks(copy.source)), np.rot90(marks, -1))

    window.undo_action.trigger()
    assert window.queue.items() == [item]  # the copy out of the queue, its file kept
    assert copy.source.is_file() and photo.read_bytes() == kept
    assert window.selection.selected() == [item] and window.queue_view.current_id() == item.id


def turn_the_middle_one(window, qtbot, tmp_path) -> tuple[QueueItem, QueueItem]:
    """Queue a, b, c, select b and turn it right; returns b and its turned copy."""
    paths = [write_photo(tmp_path / name) for name in ("a.png", "b.png", "c.png")]
    _a, middle, _c = window.add_paths(paths)
    wait_until_read(qtbot, window)
    window.queue_view.select_id(middle.id)
    window.turn_right_action.trigger()
    qtbot.waitUntil(lambda: middle not in window.queue.items(), timeout=WAIT_MS)
    return middle, window.queue.items()[1]


def names(window) -> list[str]:
    return [item.name for item in window.queue.items()]


def test_the_turned_copy_takes_the_photos_row_selected_and_undo_swaps_them_back(
    make_window, qtbot, tmp_path, tiny_model
):
    window = make_window()
    middle, copy = turn_the_middle_one(window, qtbot, tmp_path)
    assert names(window) == ["a.png", "b turned.png", "c.png"]
    assert window.selection.selected() == [copy] and window.selection.current() is copy
    assert window.restore_action.isEnabled() and window.remove_action.isEnabled()
    assert window.workspace.can_undo()

    window.undo_action.trigger()
    assert names(window) == ["a.png", "b.png", "c.png"]
    assert window.queue.items()[1] is middle and copy.source.is_file()
    assert window.selection.selected() == [middle] and window.selection.current() is middle
    assert window.restore_action.isEnabled() and not window.undo_action.isEnabled()
    window.close()
    assert names(make_window()) == ["a.png", "b.png", "c.png"]  # as kept


def test_a_turn_is_kept_in_the_photos_row_across_a_restart(make_window, qtbot, tmp_path):
    window = make_window()
    turn_the_middle_one(window, qtbot, tmp_path)
    window.close()
    assert names(make_window()) == ["a.png", "b turned.png", "c.png"]


def test_undo_does_not_take_out_a_turned_copy_with_a_result_not_saved(make_window, qtbot, tmp_path):
    window = make_window()
    middle, copy = turn_the_middle_one(window, qtbot, tmp_path)
    copy.result = read_picture(copy.source)  # as restored, not saved

    window.undo_action.trigger()
    assert window.queue.items()[1] is copy and middle not in window.queue.items()
    message = window.statusBar().currentMessage()
    assert message == "Not undone: b turned.png is being restored, or its result is not saved."
    copy.saved_to = tmp_path / "saved.png"  # saved: Undo may take it out now
    window.undo_action.trigger()
    assert window.queue.items()[1] is middle


def test_a_photo_whose_turned_copy_is_queued_already_stays(
    make_window, qtbot, tmp_path, app_settings
):
    copy = write_photo(Path(app_settings.output_dir) / "turned" / "b turned.png", 30, 40)
    window = make_window()
    photo, queued = window.add_paths([write_photo(tmp_path / "b.png"), copy])
    wait_until_read(qtbot, window)
    copy.unlink()  # deleted meanwhile: the turn writes its name again, a queued file's
    window.queue_view.select_id(photo.id)
    window.turn_right_action.trigger()
    message = "b turned.png is in the queue already."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == message, timeout=WAIT_MS)
    assert window.queue.items() == [photo, queued] and not window.undo_action.isEnabled()


def test_films_are_not_turned(make_window, qtbot, tmp_path):
    window = make_window()
    (film,) = window.add_paths([make_clip(tmp_path / "film.mp4", frames=3, audio=None)])
    window.queue_view.select_id(film.id)
    assert not window.turn_left_action.isEnabled()


def _one_photo_on_show(make_window, qtbot, tmp_path) -> tuple[MainWindow, QueueItem, list[str]]:
    """A window showing one photo, read; and the status bar's messages from then on."""
    window = make_window()
    (item,) = window.add_paths([write_photo(tmp_path / "side.png", 40, 30)])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    return window, item, said


def test_turning_twice_before_the_copy_comes_is_said_not_done_twice(
    make_window, qtbot, tmp_path, app_settings
):
    window, item, said = _one_photo_on_show(make_window, qtbot, tmp_path)
    window.turn_right_action.trigger()
    window.turn_right_action.trigger()  # before the saver answers: events wait till then
    assert said == ["side.png is being turned: turn it again once its copy is shown."]
    qtbot.waitUntil(lambda: item not in window.queue.items(), timeout=WAIT_MS)
    assert [p.name for p in (Path(app_settings.output_dir) / "turned").iterdir()] == [
        "side turned.png"
    ]


def test_a_photo_whose_restore_ends_before_its_turned_copy_comes_keeps_its_result(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, said = _one_photo_on_show(make_window, qtbot, tmp_path)
    copies: list[tuple[int, Path]] = []
    worker = window.saving.worker
    worker.turned.disconnect(window.turning._on_turned)
    worker.turned.connect(lambda item_id, path: copies.append((item_id, path)))
    window.turn_right_action.trigger()
    window.restore_selected()
    qtbot.waitUntil(lambda: bool(copies) and not window.runner.is_running, timeout=WAIT_MS)
    window.turning._on_turned(*copies[0])  # the copy comes once the restore has ended
    assert window.queue.items() == [item] and item.result is not None
    assert any("its turned copy did not take its place" in text for text in said), said


def test_a_photo_restored_before_its_turned_copy_comes_keeps_its_place_and_result(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, said = _one_photo_on_show(make_window, qtbot, tmp_path)
    window.turn_right_action.trigger()
    window.restore_selected()  # the copy comes while the photo waits or is restored
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    assert window.queue.items() == [item] and item.result is not None
    assert any("its turned copy did not take its place" in text for text in said), said
