"""A folder of a film scanner's numbered frames in the app: dropped, it joins the queue as one
film (a few numbered pictures, and a folder's other pictures, stay photos), read at the rate of
the Films settings, a sequence with a number missing refused until gaps are let through,
restored into one film named after its folder (cancelled, it continues where it stopped),
queued as photos again on asking, and kept with the queue."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from gui_helpers import (
    FRAME_WAIT_MS,
    WAIT_MS,
    drop_paths,
    searched,
    wait_for_status,
    wait_until_read,
    write_photo,
)

from app.folder_search import SEQUENCE_LEAST
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, size_text, status_text
from engine.imageio import read_picture
from engine.video import probe
from engine.video.restore import QUEUE_FRAMES
from engine.video.sequence import frame_sequence
from tests.dpx_helpers import write_scan, write_scanner_frame
from tests.test_sequence_headers import FILM_RATE, _state

SIZE = (48, 32)  # width, height
FRAMES = 30


def _frames(folder: Path, numbers, name: str = "frame_{:04d}.dpx", size=SIZE) -> Path:
    """A film scanner's 8-bit DPX frames ``numbers`` of ``folder``, each a picture of its own."""
    for number in numbers:
        write_scan(folder / name.format(number), 8, seed=number, size=size)
    return folder


def _dropped(window: MainWindow, qtbot, *paths: Path) -> list[QueueItem]:
    """Drop ``paths`` on the window; the items queued, once read."""
    assert drop_paths(window, list(paths))
    searched(qtbot, window)
    wait_until_read(qtbot, window)
    return window.queue.items()


def test_a_folder_of_numbered_frames_joins_as_one_film(make_window, qtbot, tmp_path: Path):
    scan = _frames(tmp_path / "scan", range(1, FRAMES + 1))
    window = make_window()
    (film,) = _dropped(window, qtbot, scan)
    assert film.status is ItemStatus.READY, film.message
    assert film.is_video and film.name == "scan"
    assert film.video.frames == FRAMES and (film.width, film.height) == SIZE
    assert film.video.rate == 24 and film.thumbnail is not None
    assert size_text(film) == "48 × 32 · 30 frames · 24 fps · 0:01.25"
    assert "Added 1 film" in window.statusBar().currentMessage()

    window.queue_view.select_id(film.id)
    qtbot.waitUntil(window.viewer.has_images, timeout=FRAME_WAIT_MS)
    assert window.scrubber.isVisible() and window.scrubber.slider.maximum() == FRAMES - 1
    window.scrubber.slider.setValue(2)
    qtbot.waitUntil(lambda: "frame_0003.dpx" in window.scrubber.position.text(), timeout=WAIT_MS)


def test_a_few_numbered_pictures_stay_photos(make_window, qtbot, tmp_path: Path):
    few = _frames(tmp_path / "few", range(1, 6))
    items = _dropped(make_window(), qtbot, few)
    assert len(items) == 5 < SEQUENCE_LEAST
    assert not any(item.is_video for item in items)


def test_a_cameras_or_print_scanners_numbered_pictures_stay_photos(
    make_window, qtbot, tmp_path: Path
):
    prints = tmp_path / "box of prints"
    for number in range(1, FRAMES + 1):
        write_photo(prints / f"scan_{number:04d}.png", *SIZE, seed=number)
    items = _dropped(make_window(), qtbot, prints)
    assert len(items) == FRAMES and not any(item.is_video for item in items)


def test_a_folders_other_pictures_stay_photos_and_subfolders_are_searched(
    make_window, qtbot, tmp_path: Path
):
    scan = _frames(tmp_path / "scan", range(1, FRAMES + 1))
    cover = write_photo(scan / "cover.png")
    label = write_photo(scan / "label.jpg")
    reel = _frames(tmp_path / "box" / "reel2", range(101, 101 + FRAMES), "r2_{:06d}.dpx")
    window = make_window()
    items = _dropped(window, qtbot, scan, tmp_path / "box")
    assert [item.source for item in items] == [cover, scan, label, reel]
    assert [item.is_video for item in items] == [False, True, False, True]
    assert [item.video.frames for item in items if item.is_video] == [FRAMES, FRAMES]
    assert all(item.status is ItemStatus.READY for item in items)


def test_the_film_is_restored_at_the_rate_chosen_named_after_its_folder(
    make_window, app_settings, qtbot, tiny_model: Path, tmp_path: Path
):
    app_settings.result_names = "{stem}"
    scan = _frames(tmp_path / "scan", range(1, FRAMES + 1))
    window = make_window()
    (film,) = _dropped(window, qtbot, scan)
    rate = window.settings_panel.rate_combo
    rate.setCurrentText("fast")  # no rate: not taken
    assert app_settings.sequence_rate == "auto" and "not a frame rate" in rate.toolTip()
    rate.setCurrentText("25")
    assert app_settings.sequence_rate == "25"
    qtbot.waitUntil(lambda: film.video is not None and film.video.rate == 25, timeout=WAIT_MS)
    assert size_text(film).endswith("25 fps · 0:01.20")

    window.queue_view.select_id(film.id)
    window.restore_selected()
    wait_for_status(qtbot, film, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert film.status is ItemStatus.RESTORED, film.message
    assert film.saved_to == tmp_path / "restored" / "scan.mp4"  # as restore-video names it
    written = probe(film.saved_to)
    assert written.frames == FRAMES and written.rate == Fraction(25)
    assert (written.width, written.height) == (4 * SIZE[0], 4 * SIZE[1])


def _restored(window: MainWindow, qtbot, film: QueueItem) -> Path:
    """Restore ``film`` alone; where its result was written."""
    window.queue_view.select_id(film.id)
    window.restore_selected()
    wait_for_status(qtbot, film, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert film.status is ItemStatus.RESTORED, film.message
    return film.saved_to


def test_folders_with_a_dot_give_films_named_after_their_whole_names(
    make_window, app_settings, qtbot, tiny_model: Path, tmp_path: Path
):
    reels = [
        _frames(tmp_path / name, range(1, SEQUENCE_LEAST + 1)) for name in ("reel.1", "reel.2")
    ]
    window = make_window()
    films = _dropped(window, qtbot, *reels)
    assert [film.name for film in films] == ["reel.1", "reel.2"]
    results = [_restored(window, qtbot, film) for film in films]
    recipe = films[0].recipe
    names = app_settings.result_names  # the default pattern, which adds the model's name
    assert [result.stem for result in results] == [
        recipe.file_stem("reel.1", names),
        recipe.file_stem("reel.2", names),
    ]


def test_a_sequence_beside_other_numbered_pictures_is_named_as_restore_video_names_it(
    make_window, app_settings, qtbot, tiny_model: Path, tmp_path: Path
):
    app_settings.result_names = "{stem}"
    scan = _frames(tmp_path / "scan", range(1, SEQUENCE_LEAST + 1))
    write_photo(scan / "label_0001.png")
    write_photo(scan / "label_0002.png")
    first = make_window()
    film = next(item for item in _dropped(first, qtbot, scan) if item.is_video)
    assert film.name == frame_sequence(film.source).name == "frame"
    assert _restored(first, qtbot, film) == tmp_path / "restored" / "scan" / "frame.mp4"
    first.close()

    second = make_window()
    wait_until_read(qtbot, second)
    assert [item.name for item in second.queue.items() if item.is_video] == ["frame"]


def test_a_cancelled_film_of_frames_continues_where_it_stopped(
    make_window, app_settings, qtbot, tiny_model: Path, tmp_path: Path
):
    app_settings.result_names = "{stem}"
    scan = _frames(tmp_path / "scan", range(1, SEQUENCE_LEAST + 1), size=(160, 120))
    window = make_window()
    (film,) = _dropped(window, qtbot, scan)
    window.settings_panel.tile_spin.setValue(16)  # many tiles a frame: slow enough to cancel
    window.queue_view.select_id(film.id)
    window.restore_selected()
    qtbot.waitUntil(lambda: film.frames_done >= 2, timeout=60_000)
    window.cancel_action.trigger()
    wait_for_status(qtbot, film, ItemStatus.CANCELLED, timeout=10_000)
    stopped_at = film.frames_done
    assert status_text(film).startswith(f"Cancelled at frame {stopped_at} / {SEQUENCE_LEAST}")
    qtbot.waitUntil(lambda: not window.runner.worker_busy, timeout=10_000)

    starts: list[int] = []
    window.runner.progress_changed.connect(
        lambda progress: progress.item_fraction > 0 and starts.append(film.frames_done)
    )
    window.settings_panel.tile_spin.setValue(0)  # the tile does not change the film
    window.restore_selected()
    wait_for_status(qtbot, film, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert film.status is ItemStatus.RESTORED, film.message
    # the second run went on from there (less the frames still queued for the encoder when
    # Cancel came, which a cancel drops to stop at once)
    assert stopped_at - QUEUE_FRAMES <= starts[0] <= stopped_at
    output = tmp_path / "restored"
    assert sorted(path.name for path in output.iterdir()) == ["scan.mp4"]
    assert probe(output / "scan.mp4").frames == SEQUENCE_LEAST


def test_a_run_reads_its_films_of_frames_at_the_rate_it_was_asked_with(
    make_window, app_settings, qtbot, tiny_model: Path, tmp_path: Path
):
    """The rate chosen while a run goes on is for the runs after it: the run's second film,
    begun after the change, is read at the run's rate as its first is."""
    app_settings.result_names = "{stem}"
    reels = [_frames(tmp_path / name, range(1, SEQUENCE_LEAST + 1)) for name in ("a", "b")]
    window = make_window()
    films = _dropped(window, qtbot, *reels)
    rate = window.settings_panel.rate_combo
    rate.setCurrentText("25")
    qtbot.waitUntil(lambda: all(film.video.rate == 25 for film in films), timeout=WAIT_MS)

    def change_the_rate(item_id: int) -> None:
        if item_id == films[0].id:  # the first film begun, the second waits its turn
            rate.setCurrentText("30")

    window.runner.item_started.connect(change_the_rate)
    window.restore_all()
    wait_for_status(qtbot, films[1], ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert [film.status for film in films] == [ItemStatus.RESTORED] * 2, films[1].message
    assert app_settings.sequence_rate == "30"
    assert [probe(film.saved_to).rate for film in films] == [25, 25]


def test_a_gap_is_refused_with_the_engines_sentence_unless_let_through(
    make_window, qtbot, tmp_path: Path
):
    scan = _frames(tmp_path / "scan", [n for n in range(1, FRAMES + 1) if n != 12])
    window = make_window()
    (film,) = _dropped(window, qtbot, scan)
    assert film.status is ItemStatus.UNREADABLE and film.is_video
    assert "frame 12 is missing (frame_0012.dpx)" in status_text(film)
    setting = "; the setting is Allow gaps in frame sequences, under Films"
    assert status_text(film).endswith(setting)  # the app's pointer, as the command line's
    window.queue_view.select_id(film.id)
    assert window.viewer.placeholder().endswith(setting)

    window.settings_panel.gaps_check.setChecked(True)
    wait_for_status(qtbot, film, ItemStatus.READY)
    assert film.video.frames == FRAMES - 1
    assert film.video.duration == pytest.approx(FRAMES / 24)  # the gap keeps its time


def test_restore_as_photos_queues_the_frames_as_photos(make_window, qtbot, tmp_path: Path):
    scan = _frames(tmp_path / "scan", range(1, FRAMES + 1))
    photo = write_photo(tmp_path / "alone.png")
    window = make_window()
    photo_item, film = _dropped(window, qtbot, photo, scan)
    action = window.restore_as_photos_action
    window.queue_view.select_id(photo_item.id)
    qtbot.waitUntil(lambda: not action.isVisible(), timeout=WAIT_MS)  # not for a photo
    window.queue_view.select_id(film.id)
    qtbot.waitUntil(action.isVisible, timeout=WAIT_MS)

    action.trigger()
    items = window.queue.items()
    assert [item.source for item in items[1:]] == sorted(scan.iterdir())
    assert not any(item.is_video for item in items) and film not in items
    wait_until_read(qtbot, window)
    assert all(item.status is ItemStatus.READY for item in items)
    assert "Undo (Ctrl+Z) puts it back" in window.statusBar().currentMessage()
    window.queue_view.select_id(items[5].id)  # a frame on show

    window.undo_action.trigger()  # the whole step: the frames out, the film back
    assert window.queue.items() == [photo_item, film]
    assert film.status is ItemStatus.READY and window.selection.current() is film
    assert not window.undo_action.isEnabled()
    window.close()
    assert [item.source for item in make_window().queue.items()] == [photo_item.source, scan]


def test_undo_keeps_the_frames_queued_as_photos_while_one_has_work(
    make_window, qtbot, tmp_path: Path
):
    scan = _frames(tmp_path / "scan", range(1, FRAMES + 1))
    window = make_window()
    (film,) = _dropped(window, qtbot, scan)
    window.queue_view.select_id(film.id)
    window.restore_as_photos_action.trigger()
    frames = window.queue.items()
    frames[3].result = read_picture(frames[3].source)  # as restored, not saved

    window.undo_action.trigger()
    assert window.queue.items() == frames
    message = window.statusBar().currentMessage()
    assert message == "Not undone: frame_0004.dpx is being restored, or its result is not saved."
    frames[3].saved_to = tmp_path / "saved.png"  # saved: Undo may take it out now
    window.undo_action.trigger()
    assert window.queue.items() == [film]


def test_a_queued_film_of_frames_comes_back_with_the_queue(make_window, qtbot, tmp_path: Path):
    scan = _frames(tmp_path / "scan", range(1, FRAMES + 1))
    first = make_window()
    _dropped(first, qtbot, scan)
    first.close()

    second = make_window()
    (film,) = second.queue.items()
    assert "not there" not in second.statusBar().currentMessage()
    wait_for_status(qtbot, film, ItemStatus.READY)
    assert film.is_video and film.video.frames == FRAMES


def test_a_scan_runs_at_the_rate_its_frames_state_unless_a_rate_is_chosen(
    make_window, app_settings, qtbot, tmp_path: Path
):
    scan = tmp_path / "pal scan"
    for number in range(1, SEQUENCE_LEAST + 1):
        frame = scan / f"pal_{number:06d}.dpx"
        write_scanner_frame(frame, ">", seed=number)
        _state(frame, FILM_RATE, 25.0)  # a PAL scan
    window = make_window()
    (film,) = _dropped(window, qtbot, scan)
    assert film.video.rate == 25 and size_text(film).split(" · ")[-2] == "25 fps"
    rate = window.settings_panel.rate_combo
    assert rate.currentIndex() == 0 and app_settings.sequence_rate == "auto"
    rate.setCurrentText("24")
    qtbot.waitUntil(lambda: film.video is not None and film.video.rate == 24, timeout=WAIT_MS)
    rate.setCurrentIndex(0)  # as the frames say again
    assert app_settings.sequence_rate == "auto"
    qtbot.waitUntil(lambda: film.video is not None and film.video.rate == 25, timeout=WAIT_MS)
