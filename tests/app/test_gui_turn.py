"""Queue > Turn Left and Turn Right: the turned copy of a photo takes its place in the queue,
written in the background, with the spots marked on it turned too; the photo is left as it
is and Undo puts it back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gui_helpers import wait_until_read, write_photo

from app.spot_marks import marks_file, stored_marks
from engine.imageio import read_picture
from engine.retouch.marks import read_marks, write_marks
from tests.video_helpers import make_clip

WAIT_MS = 30_000


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

    window.undo_action.trigger()
    assert [i.source for i in window.queue.items()] == [photo, copy.source]  # in its old place


def test_films_are_not_turned(make_window, qtbot, tmp_path):
    window = make_window()
    (film,) = window.add_paths([make_clip(tmp_path / "film.mp4", frames=3, audio=None)])
    window.queue_view.select_id(film.id)
    assert not window.turn_left_action.isEnabled()
