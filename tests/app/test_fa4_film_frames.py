"""Films restored into numbered DPX, TIFF or PNG frames from the app: chosen under Films as
(Film quality then has nothing to choose), written with the film's sound as WAV into a folder
named after the film, which the row names and Show in folder opens; a cancelled run goes on
with its frames, and finished frames are never written over: the new ones go beside them, as
a film's result goes beside one already there."""

from __future__ import annotations

from pathlib import Path

import av
from gui_helpers import FRAME_WAIT_MS, WAIT_MS, open_film, restore_film, wait_for_status

from app.frame_output import frames_pattern
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import status_text
from app.workers import FilmJob, RestoreWorker
from engine.chain import ModelRequest
from engine.file_names import NAME_MAX, STEM_MAX
from engine.imageio import read_picture
from engine.progress import CancelToken
from engine.restorer import RestoreOptions
from engine.video import probe
from engine.video.frame_files import FrameFiles
from tests.video_helpers import make_clip

FILM = "film [tiny]"  # the restored film's name: the film's, with its recipe


def _film(tmp_path: Path, frames: int = 6, **options) -> Path:
    (tmp_path / "films").mkdir(exist_ok=True)
    return make_clip(tmp_path / "films" / "film.mp4", frames=frames, **options)


def _choose(window: MainWindow, choice: str) -> None:
    """Choose ``choice`` in Films as, as a person would."""
    combo = window.settings_panel.codec_combo
    combo.setCurrentIndex(combo.findData(choice))


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))


def _frame_names(name: str, count: int, suffix: str) -> list[str]:
    return [f"{name}_{number:06d}{suffix}" for number in range(1, count + 1)]


def test_tiff_frames_go_with_the_films_sound_into_its_folder_which_the_row_names(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings, monkeypatch
):
    film = _film(tmp_path, audio="aac")
    window = make_window()
    _choose(window, "tif")
    restored: list[int] = []
    window.runner.frame_restored.connect(lambda frame: restored.append(frame.index))
    item = restore_film(window, qtbot, film)

    folder = Path(app_settings.output_dir) / FILM
    assert _names(folder) == sorted([*_frame_names(FILM, 6, ".tif"), f"{FILM}.wav"])
    assert item.saved_to == folder / f"{FILM}_%06d.tif"
    first = read_picture(folder / f"{FILM}_000001.tif")
    assert (first.width, first.height) == (256, 192)
    with av.open(str(folder / f"{FILM}.wav")) as wav:
        assert [stream.type for stream in wav.streams] == ["audio"]
    assert restored  # its frames were shown as they were restored, as a film's are
    row = status_text(item)
    assert row.startswith(f"Saved 6 TIFF frames in {FILM}/ · ")
    assert f"is written beside the frames as {FILM}.wav" in row

    # The film view shows the restored frame beside the film's, read from its file.
    index = window.scrubber.index()
    note = f"Restored: {FILM}_{index + 1:06d}.tif"
    qtbot.waitUntil(lambda: window.scrubber.note.text() == note, timeout=FRAME_WAIT_MS)
    assert window.viewer.after_image().size().toTuple() == (256, 192)

    opened: list[str] = []
    monkeypatch.setattr(
        "app.file_manager.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile())
    )
    window.show_in_folder_action.trigger()
    assert [Path(path) for path in opened] == [folder]


def test_frames_leave_film_quality_nothing_to_choose_and_the_choice_is_kept(
    make_window, app_settings
):
    window = make_window()
    panel = window.settings_panel
    quality = panel.quality_combo
    assert quality.isEnabled()
    _choose(window, "dpx")
    assert not quality.isEnabled()
    assert "there is no quality to choose" in quality.toolTip()
    assert panel.restore_settings().film_crf is None
    assert app_settings.film_codec == "dpx"

    again = make_window().settings_panel
    assert again.codec_combo.currentData() == "dpx"
    assert again.codec_combo.currentText() == "DPX frames (for grading)"
    assert not again.quality_combo.isEnabled()
    _choose(window, "h265")
    assert quality.isEnabled() and panel.restore_settings().film_crf is not None


def test_a_cancelled_film_goes_on_with_its_frames_when_restored_again(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    film = _film(tmp_path, frames=12, size=(160, 120), audio=None)
    window = make_window()
    _choose(window, "png")
    window.settings_panel.tile_spin.setValue(16)  # many tiles a frame: slow enough to stop
    item = open_film(window, qtbot, film)
    window.restore_selected()
    folder = Path(app_settings.output_dir) / FILM
    # Written, not only restored: a cancel drops the restored frames still queued for writing.
    qtbot.waitUntil(lambda: len(list(folder.glob("*.png"))) >= 2, timeout=60_000)
    window.cancel_action.trigger()
    wait_for_status(qtbot, item, ItemStatus.CANCELLED, timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.worker_busy, timeout=10_000)
    stopped_at = item.frames_done
    assert status_text(item).endswith("; Restore continues from there")

    kept = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.png")}
    assert 2 <= len(kept) < 12
    starts: list[int] = []
    window.runner.progress_changed.connect(
        lambda progress: progress.item_fraction > 0 and starts.append(item.frames_done)
    )
    window.settings_panel.tile_spin.setValue(0)  # the tile does not change the frames
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert item.status is ItemStatus.RESTORED, item.message
    assert starts[0] >= min(stopped_at, len(kept))  # from where it stopped, not frame 1
    assert _names(Path(app_settings.output_dir)) == [FILM]  # the same folder, none beside it
    assert _names(folder) == _frame_names(FILM, 12, ".png")
    assert all(folder.joinpath(name).stat().st_mtime_ns == made for name, made in kept.items())


def test_finished_frames_are_kept_and_the_new_ones_go_beside_them(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    film = _film(tmp_path, frames=3, audio=None)
    window = make_window()
    _choose(window, "png")
    item = restore_film(window, qtbot, film)
    output = Path(app_settings.output_dir)
    first = output / FILM
    made = {path.name: path.stat().st_mtime_ns for path in first.iterdir()}

    window.restore_selected()  # the same film with the same settings, as a film's "(2)"
    wait_for_status(qtbot, item, ItemStatus.QUEUED, ItemStatus.RESTORING, timeout=WAIT_MS)
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert item.status is ItemStatus.RESTORED, item.message
    beside = f"{FILM} (2)"
    assert _names(output) == [FILM, beside]
    assert item.saved_to == output / beside / f"{beside}_%06d.png"
    assert _names(output / beside) == _frame_names(beside, 3, ".png")
    assert {path.name: path.stat().st_mtime_ns for path in first.iterdir()} == made
    assert status_text(item) == f"Saved 3 PNG frames in {beside}/"


def test_a_folder_of_the_films_name_holding_other_files_is_left_alone(tmp_path: Path):
    film = _film(tmp_path, frames=3, audio=None)
    info = probe(film)
    output = tmp_path / "restored"
    ours = output / FILM / f"{FILM}_%06d.dpx"
    assert frames_pattern(output, FILM, "dpx", info) == ours
    ours.parent.mkdir(parents=True)
    (ours.parent / ".DS_Store").write_bytes(b"hidden")
    assert frames_pattern(output, FILM, "dpx", info) == ours  # empty but for hidden files
    (ours.parent / "notes.txt").write_text("a person's own")
    beside = output / f"{FILM} (2)" / f"{FILM} (2)_%06d.dpx"
    assert frames_pattern(output, FILM, "dpx", info) == beside
    assert frames_pattern(output, FILM, "tif", info).parent == beside.parent


def test_frames_of_the_longest_name_fit_and_take_a_percent_sign_as_it_is(tmp_path: Path):
    info = probe(_film(tmp_path, frames=2, audio=None))
    output = tmp_path / "restored"
    longest = ("100% " + "reel " * 60)[:STEM_MAX]  # a result's longest name
    pattern = frames_pattern(output, longest, "png", info)
    assert FrameFiles.of(pattern, info).frame(0).name == f"{longest}_000001.png"
    pattern.parent.mkdir(parents=True)
    (pattern.parent / "notes.txt").write_text("a person's own")
    beside = frames_pattern(output, longest, "png", info)
    first = FrameFiles.of(beside, info).frame(0).name
    assert beside.parent.name.endswith(" (2)") and first.startswith("100% reel")
    assert len(first.encode()) <= NAME_MAX and first.endswith(" (2)_000001.png")


def test_a_films_frames_on_a_cluster_are_refused_in_words(qtbot, tiny_model: Path, tmp_path: Path):
    film = _film(tmp_path, frames=2, audio=None)
    worker = RestoreWorker()
    failures: list[str] = []
    worker.failed.connect(lambda _item, message: failures.append(message))
    job = FilmJob(
        1,
        film,
        ModelRequest.choose(str(tiny_model)),
        "cpu",
        RestoreOptions(),
        CancelToken(),
        tmp_path / "restored",
        FILM,
        "dpx",
        cluster="local",
    )
    worker.restore(job)  # on this thread: its signals come at once
    assert failures == [
        "a film's frames are written as pictures on this computer only: turn off Restore on "
        "a cluster, under Processing, or choose a film file in Films as, under Films"
    ]
    assert not (tmp_path / "restored" / FILM).exists()


def test_a_film_restored_into_frames_is_restored_still_after_a_restart(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    film = _film(tmp_path)
    window = make_window()
    _choose(window, "png")
    item = restore_film(window, qtbot, film)
    pattern = item.saved_to
    window.close()

    again = make_window()
    (kept,) = again.queue.items()
    qtbot.waitUntil(lambda: kept.status is ItemStatus.RESTORED, timeout=WAIT_MS)
    assert kept.saved_to == pattern == Path(app_settings.output_dir) / FILM / f"{FILM}_%06d.png"
