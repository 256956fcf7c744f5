"""Files whose names are not UTF-8 (bytes of another system's encoding, which Python keeps as
surrogate escapes: ``os.fsdecode(b"film\\xe9.mp4")``) are restored and remembered like any
other; an error no check foresaw while an item starts fails that item alone; and a long name
in a row's status takes two lines at most, whole in its tooltip."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from gui_helpers import WAIT_MS, searched, wait_for_status, wait_until_read, write_photo
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from test_queue_rows import row, texts

import app.restore_runner
from app.item_status import ItemStatus
from app.queue_row import WORD_LINES, Part, text_size, wrapped
from app.spot_marks import has_marks, marks_file, stored_fingerprint
from app.workspace_store import WORKSPACE_FILE, WorkspaceStore
from engine.filestamp import FileStamp
from engine.retouch.marks import write_marks
from tests.app.test_workspace_store import recipe
from tests.video_helpers import make_clip

ODD = os.fsdecode(b"\xe9t\xe9 1961")
"""A name in Latin-1, not UTF-8: "été 1961"."""
LONG_NAME = "a" * 251 + "~772f911d [tiny].mp4"


def test_marks_are_kept_under_an_odd_name_and_where_they_were_under_a_plain_one(tmp_path):
    odd = write_photo(tmp_path / f"{ODD}.png", 40, 30)
    plain = write_photo(tmp_path / "plain.png")
    assert not has_marks(odd) and stored_fingerprint(odd) == ""
    spot = np.zeros((30, 40), np.uint8)
    spot[10:14, 20:24] = 255
    write_marks(marks_file(odd), spot)
    assert has_marks(odd) and stored_fingerprint(odd) != ""
    stamp = FileStamp.of(plain)
    key = f"{plain.resolve()}\n{stamp.size}\n{stamp.mtime_ns}".encode()
    assert marks_file(plain).stem == hashlib.sha256(key).hexdigest()[:24]  # marks kept before


def test_a_photo_and_a_film_with_odd_names_are_restored(
    make_window, qtbot, tiny_model, tmp_path, app_settings
):
    app_settings.auto_save = True
    plain = write_photo(tmp_path / "plain.png")
    photo = write_photo(tmp_path / f"{ODD}.png")
    film = make_clip(tmp_path / f"{ODD}.mp4", frames=4, size=(64, 48))
    window = make_window()
    items = window.add_paths([plain, photo, film])
    wait_until_read(qtbot, window)
    window.restore_all()
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
        assert item.status is ItemStatus.RESTORED, item.message
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert all(item.saved_to.is_file() for item in items)


def test_an_item_that_cannot_be_started_fails_alone_and_the_run_goes_on(
    make_window, qtbot, tiny_model, tmp_path, monkeypatch
):
    unlucky, plain = (write_photo(tmp_path / name) for name in ("unlucky.png", "plain.png"))
    real = app.restore_runner.RestoreJob

    def failing(item_id: int, source: Path, *args, **kwargs):
        if source == unlucky:
            raise RuntimeError("no check foresaw this")
        return real(item_id, source, *args, **kwargs)

    monkeypatch.setattr(app.restore_runner, "RestoreJob", failing)
    window = make_window()
    first, second = window.add_paths([unlucky, plain])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, second, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert second.status is ItemStatus.RESTORED, second.message
    assert first.status is ItemStatus.FAILED
    assert "unexpected error (no check foresaw this)" in first.message
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)


def test_odd_names_are_kept_in_the_workspace_exactly(tmp_path):
    path = tmp_path / WORKSPACE_FILE
    folder = tmp_path / ODD
    odd = write_photo(folder / f"{ODD}.png")
    plain = write_photo(tmp_path / "plain.png")
    result = write_photo(tmp_path / "restored" / f"{ODD} [tiny].png")
    store = WorkspaceStore(path)
    odd_id, _plain_id = store.add([odd, plain], added_with={odd: folder})
    store.add_result(odd_id, result, recipe(), FileStamp.of(odd))
    store.close()

    loaded = WorkspaceStore(path).load()
    assert [(item.source, item.added_with, item.found) for item in loaded] == [
        (odd, folder, True),
        (plain, None, True),
    ]
    assert [r.path for r in loaded[0].results] == [result]
    with sqlite3.connect(path) as db:  # a plain name is kept as text, as older versions read it
        kinds = db.execute("SELECT typeof(source) FROM items ORDER BY id").fetchall()
    assert kinds == [("blob",), ("text",)]


def test_a_folder_with_an_odd_name_in_it_is_all_there_after_a_restart(make_window, qtbot, tmp_path):
    box = tmp_path / "box"
    names = ["a plain.png", f"b {ODD}.png", "c photo.png"]
    for name in names:
        write_photo(box / name)
    window = make_window()
    window.add_paths([box])
    searched(qtbot, window)
    wait_until_read(qtbot, window)
    window.close()

    again = make_window()
    wait_until_read(qtbot, again)
    assert [item.source for item in again.queue.items()] == [box / name for name in names]
    assert again.workspace.warning() == ""


@pytest.mark.parametrize("width", [80, 150, 300])
def test_a_name_longer_than_a_line_takes_two_lines_elided_in_the_middle(width):
    font = QFont()
    status = f"Saved as {LONG_NAME}"
    lines = wrapped(status, font, width)
    assert lines[0] == "Saved as" and lines[-1] == "[tiny].mp4"
    assert len(lines) <= WORD_LINES + 2
    assert all(text_size(line, font).width() <= width for line in lines)
    name = "".join(lines[1:-1])
    assert name.startswith("aaa") and name.endswith("~772f911d") and "…" in name


def test_a_row_shows_a_long_name_in_two_lines_and_its_tooltip_whole(make_window, qtbot, tmp_path):
    window = make_window()
    (item,) = window.add_paths([write_photo(tmp_path / "photo.png")])
    wait_until_read(qtbot, window)
    window.queue.update(item.id, status=ItemStatus.RESTORED, saved_to=tmp_path / LONG_NAME)
    status = texts(row(window, item), Part.STATUS)
    assert 1 < len(status) <= WORD_LINES + 2
    index = window.queue.index(window.queue.row_of(item.id))
    assert LONG_NAME in window.queue.data(index, Qt.ItemDataRole.ToolTipRole)
