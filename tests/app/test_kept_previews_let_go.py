"""What the workers keep of the photo or film last previewed or shown (a large scan's pixels,
a film's reader) goes once that photo or film leaves the queue, on the workers' own threads:
a preview then Clear does not keep a 100 MP scan in memory all day."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import open_film, wait_until_read, write_photo

from app.main_window import MainWindow
from tests.video_helpers import make_clip

PREVIEW_WAIT_MS = 30_000
LET_GO_MS = 5_000


def _previewed(window: MainWindow, qtbot) -> None:
    """Preview the part of the photo, or the film's frame, on show, until the worker is done."""
    window.preview_action.trigger()
    assert window.runner.previewing
    qtbot.waitUntil(lambda: not window.runner.previewing, timeout=PREVIEW_WAIT_MS)


def test_the_photo_previewed_is_let_go_once_it_leaves_the_queue(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    window.add_paths([write_photo(tmp_path / "scan.png", 120, 90)])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    _previewed(window, qtbot)
    worker = window.runner._worker
    assert worker._photo is not None  # kept for the next part previewed

    window.clear_queue()
    qtbot.waitUntil(lambda: worker._photo is None, timeout=LET_GO_MS)


def test_a_photo_still_queued_stays_kept_when_another_leaves(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    scan, other = window.add_paths(
        [write_photo(tmp_path / "scan.png", 120, 90), write_photo(tmp_path / "other.png")]
    )
    wait_until_read(qtbot, window)
    window.queue_view.select_id(scan.id)
    qtbot.waitUntil(window.viewer.has_images, timeout=PREVIEW_WAIT_MS)
    _previewed(window, qtbot)
    worker = window.runner._worker
    kept = worker._photo

    window.queue.remove([other.id])
    _previewed(window, qtbot)  # a call after the worker heard of the removal
    assert worker._photo is kept


def test_the_film_previewed_and_its_reader_are_let_go_once_it_leaves_the_queue(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = make_clip(tmp_path / "film.mp4", frames=6)
    window = make_window()
    open_film(window, qtbot, film)
    _previewed(window, qtbot)
    worker, loader = window.runner._worker, window._loader
    assert worker._previewer is not None and film in loader._readers

    window.clear_queue()
    qtbot.waitUntil(
        lambda: worker._previewer is None and film not in loader._readers, timeout=LET_GO_MS
    )
