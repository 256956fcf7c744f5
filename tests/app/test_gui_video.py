"""Films in the app: dropped like photos, a frame chosen with the scrubber and previewed with
the current settings, the whole film restored from the queue (with progress in frames, Cancel
and resuming), and a damaged film failing alone."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import numpy as np
import torch
from gui_helpers import (
    FRAME_WAIT_MS,
    WAIT_MS,
    Stopwatch,
    add_searched,
    drop_paths,
    open_film,
    restore_film,
    rgb_pixels,
    wait_for_status,
    wait_until_read,
    write_photo,
)

from app.images import thumbnail
from app.item_status import ERROR_STATUSES, ItemStatus
from app.main_window import MainWindow
from app.part_preview import SETTLE_MS
from app.photo_queue import QueueItem, size_text, status_text
from bench.fields import interlaced_clip
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.restorer import Restorer
from engine.video import FilmCleanup, frame_numbers, frame_preview, probe
from engine.video.film_fading import measure_film_fading
from engine.video.restore import QUEUE_FRAMES, film_is_black_and_white, with_grain
from engine.video.still import FrameReader
from tests.conftest import SHARED_DATA
from tests.test_black_and_white import _exact_film, _jittery_grey_frames, _spread
from tests.video_helpers import (
    EVERY_CLEANUP,
    PanWithDirt,
    combing,
    damage_frames,
    decoded_frames,
    make_clip,
    make_interlaced_clip,
    make_telecined_clip,
    panned_film,
)

CLIP = SHARED_DATA / "video" / "market_street_1906_60f.mp4"
CANCEL_WITHIN_SECONDS = 3.0


def _film(tmp_path: Path, name: str = "film.mp4", **options) -> Path:
    """A tiny film (64x48, 6 frames unless told) in the test's folder."""
    (tmp_path / "films").mkdir(exist_ok=True)
    return make_clip(tmp_path / "films" / name, **{"frames": 6, **options})


def _shows(window: MainWindow, frame: np.ndarray) -> bool:
    before = window.viewer.before_image()
    return before is not None and np.array_equal(rgb_pixels(before), frame)


def _move_scrubber(window: MainWindow, qtbot, index: int, frame: np.ndarray) -> None:
    """Move the scrubber as a person would, and wait until ``frame`` is shown."""
    window.scrubber.slider.setValue(index)
    qtbot.waitUntil(lambda: _shows(window, frame), timeout=FRAME_WAIT_MS)


def test_a_dropped_film_joins_the_queue_as_a_film(make_window, qtbot, tmp_path: Path):
    film = _film(tmp_path)
    window = make_window()
    assert drop_paths(window.viewer, [film])
    (item,) = window.queue.items()
    wait_for_status(qtbot, item, ItemStatus.READY)
    assert item.is_video
    assert item.video.frames == 6 and (item.width, item.height) == (64, 48)
    assert size_text(item) == "64 × 48 · 6 frames · 0:00.25"
    poster = decoded_frames(film)[3][1]  # the middle frame stands for the film
    side = max(item.thumbnail.width(), item.thumbnail.height())
    assert np.array_equal(rgb_pixels(item.thumbnail), rgb_pixels(thumbnail(poster, side)))
    assert "Added 1 film" in window.statusBar().currentMessage()

    qtbot.waitUntil(window.viewer.has_images, timeout=FRAME_WAIT_MS)
    assert window.scrubber.isVisible()
    assert window.scrubber.slider.maximum() == 5 and window.scrubber.index() == 3
    assert _shows(window, poster)
    assert not window.split_action.isEnabled()  # a film is not a scan of prints

    # A folder brings its films along with its photos; a photo hides the film bar.
    folder = tmp_path / "album"
    folder.mkdir()
    reel = make_clip(folder / "reel.mkv", frames=2)
    photo = write_photo(folder / "still.png")
    added = add_searched(qtbot, window, [folder])
    assert [i.source for i in added] == [reel, photo]
    window.queue_view.select_id(added[1].id)
    assert not window.scrubber.isVisible()


def test_the_scrubber_shows_the_chosen_frame(make_window, qtbot, tmp_path: Path):
    window = make_window()
    open_film(window, qtbot, CLIP)
    frames = [pixels for _, pixels in decoded_frames(CLIP)]  # decoded on their own
    assert window.scrubber.index() == 30 and _shows(window, frames[30])
    _move_scrubber(window, qtbot, 37, frames[37])
    assert window.scrubber.position.text() == "Frame 38 / 60 · 0:01.54"
    assert not window.viewer.has_after()
    _move_scrubber(window, qtbot, 2, frames[2])  # and back: the film is read both ways

    # Another item and back: the film comes back at the frame chosen.
    (photo,) = window.add_paths([write_photo(tmp_path / "photo.png")])
    film = window.queue_view.current_id()
    window.queue_view.select_id(photo.id)
    assert not window.scrubber.isVisible()
    window.queue_view.select_id(film)
    assert window.scrubber.isVisible() and window.scrubber.index() == 2
    qtbot.waitUntil(lambda: _shows(window, frames[2]), timeout=FRAME_WAIT_MS)


def test_preview_restores_the_chosen_frame_with_the_current_model(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = _film(tmp_path)
    window = make_window()
    item = open_film(window, qtbot, film)
    frames = [pixels for _, pixels in decoded_frames(film)]
    _move_scrubber(window, qtbot, 1, frames[1])
    assert window.preview_action.isEnabled()
    window.preview_action.trigger()
    qtbot.waitUntil(window.viewer.has_after, timeout=30_000)

    after = window.viewer.after_image()
    assert after.size().toTuple() == (256, 192)  # the tiny model enlarges 4x
    expected = Restorer(load_model(tiny_model), torch.device("cpu")).enlarge(frames[1])
    assert np.abs(rgb_pixels(after).astype(int) - expected).max() <= 1
    assert _shows(window, frames[1])
    assert window.scrubber.note.text() == "Preview of frame 2 with Tiny"
    assert item.status is ItemStatus.READY  # a preview is not a restoration

    _move_scrubber(window, qtbot, 4, frames[4])  # another frame: its original, until previewed
    assert not window.viewer.has_after()


def test_a_frame_preview_on_show_follows_the_settings_and_a_frame_as_read_does_not(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    spot = np.s_[20:26, 30:36]
    film = _film(
        tmp_path, "old.mkv", frames=8, size=(160, 96), codec="ffv1", look=PanWithDirt(3, spot)
    )
    frames = [pixels for _, pixels in decoded_frames(film)]
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    window = make_window()
    open_film(window, qtbot, film)
    _move_scrubber(window, qtbot, 3, frames[3])
    window.settings_panel.dust_check.setChecked(True)  # no preview on show: nothing happens
    assert not window.runner.previewing
    window.preview_action.trigger()
    cleaned = FrameReader(film).read(3, FilmCleanup(remove_dust=True))
    shown = lambda: rgb_pixels(window.viewer.after_image()).astype(int)  # noqa: E731

    def showing(expected) -> bool:
        return window.viewer.has_after() and np.abs(shown() - expected).max() <= 1

    qtbot.waitUntil(lambda: showing(restorer.enlarge(cleaned)), timeout=FRAME_WAIT_MS)
    window.settings_panel.dust_check.setChecked(False)  # the preview follows, once it rests
    qtbot.waitUntil(lambda: showing(restorer.enlarge(frames[3])), timeout=FRAME_WAIT_MS)
    assert window.scrubber.note.text() == "Preview of frame 4 with Tiny"

    _move_scrubber(window, qtbot, 4, frames[4])  # a frame as read: settings change nothing
    window.settings_panel.dust_check.setChecked(True)
    qtbot.wait(3 * SETTLE_MS)
    assert not window.viewer.has_after() and not window.runner.previewing


def test_a_faded_film_is_previewed_and_restored_with_one_correction(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = _film(tmp_path, frames=8, audio=None, look=lambda p: (60 + p * 0.55).astype(np.uint8))
    fix = measure_film_fading(FrameReader(film))
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    frames = [pixels for _, pixels in decoded_frames(film)]
    window = make_window()
    window.settings_panel.fading_check.setChecked(True)
    item = open_film(window, qtbot, film)
    _move_scrubber(window, qtbot, 2, frames[2])
    window.preview_action.trigger()
    qtbot.waitUntil(window.viewer.has_after, timeout=30_000)
    expected = restorer.enlarge(fix.apply(frames[2]))
    assert np.abs(rgb_pixels(window.viewer.after_image()).astype(int) - expected).max() <= 1

    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    restored = [pixels for _, pixels in decoded_frames(item.saved_to)]
    plain = [restorer.enlarge(frame) for frame in frames]
    assert np.std(restored) > 1.2 * np.std(plain)  # the contrast came back in the film too
    named = ("Original", "Tiny · faded colours fixed")
    qtbot.waitUntil(lambda: window.viewer.labels() == named, timeout=FRAME_WAIT_MS)


def test_frames_of_a_black_and_white_film_with_codec_jitter_are_previewed_grey(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    """A preview shows what the restore gives: a frame a few levels off grey, judged alone,
    came out tinted. The film is judged once, however many of its frames are previewed."""
    judged = []

    def judging(*args) -> bool:
        judged.append(args)
        return film_is_black_and_white(*args)

    monkeypatch.setattr(frame_preview, "film_is_black_and_white", judging)
    frames = _jittery_grey_frames()
    film = _exact_film(tmp_path / "reel.mkv", frames)
    window = make_window()
    open_film(window, qtbot, film)
    for index in (1, 3):
        _move_scrubber(window, qtbot, index, frames[index])
        assert not window.viewer.has_after()
        window.preview_action.trigger()
        qtbot.waitUntil(window.viewer.has_after, timeout=30_000)
        assert _spread(rgb_pixels(window.viewer.after_image())) == 0
    assert len(judged) == 1


def test_an_old_film_is_previewed_and_restored_without_its_dust_grain_flicker_and_weave(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    spot = np.s_[20:26, 30:36]
    look = PanWithDirt(3, spot, exposures=[1.0, 1.2, 0.85, 1.15, 0.9, 1.1, 0.95, 1.0])
    film = _film(tmp_path, "old.mkv", frames=8, size=(160, 96), codec="ffv1", look=look)
    frames = [pixels for _, pixels in decoded_frames(film)]
    cleaned = FrameReader(film).read(3, EVERY_CLEANUP)
    assert frames[3][spot].max() < 10 and cleaned[spot].min() > 30
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    window = make_window()
    panel = window.settings_panel
    panel.codec_combo.setCurrentIndex(panel.codec_combo.findData("ffv1"))
    panel.dust_check.setChecked(True)
    panel.flicker_check.setChecked(True)
    panel.grain_check.setChecked(True)
    panel.weave_check.setChecked(True)
    panel.repeats_check.setChecked(True)
    assert app_settings.film_dust and app_settings.film_flicker and app_settings.film_grain
    assert app_settings.film_weave and app_settings.film_repeats
    item = open_film(window, qtbot, film)
    _move_scrubber(window, qtbot, 3, frames[3])
    window.preview_action.trigger()
    qtbot.waitUntil(window.viewer.has_after, timeout=30_000)
    after = rgb_pixels(window.viewer.after_image()).astype(int)
    assert np.abs(after - restorer.enlarge(cleaned)).max() <= 1
    assert _shows(window, frames[3])  # before: the frame as the film has it

    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert item.saved_to.name == "old [tiny dust calm steady still smooth].mkv"
    restored = [pixels for _, pixels in decoded_frames(item.saved_to)]
    assert np.abs(restored[3].astype(int) - restorer.enlarge(cleaned)).max() <= 2  # via YUV
    panel.flicker_check.setChecked(False)  # the result on show is now out of date
    note = window.result_view.stale_note
    qtbot.waitUntil(note.isVisible, timeout=FRAME_WAIT_MS)
    assert "flicker" in note.text() and "dust" not in note.text()


def test_restoring_a_film_from_the_queue(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    film = _film(tmp_path, frames=10)
    window = make_window()
    item = open_film(window, qtbot, film)
    shown: list[str] = []
    window.queue.dataChanged.connect(
        lambda *_: item.status is ItemStatus.RESTORING and shown.append(status_text(item))
    )
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message

    written = Path(app_settings.output_dir) / "film [tiny].mp4"  # named by its recipe
    assert item.saved_to == written
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]  # no work left
    source, restored = probe(film), probe(written)
    assert restored.frames == source.frames == 10
    assert restored.rate == source.rate
    assert (restored.width, restored.height) == (256, 192)
    frames = [text.split(" · ")[0] for text in shown if text.startswith("Frame ")]
    counts = [int(text.split()[1]) for text in frames]
    assert all(text.endswith(" / 10") for text in frames)
    assert counts == sorted(counts) and counts[-1] >= 9 and len(set(counts)) > 2
    assert status_text(item) == "Saved as film [tiny].mp4"

    # The film on show gets the restored film's frame beside its own, read from the file,
    # named by its recipe as a photo's result is.
    note = f"Restored: {item.saved_to.name}"
    qtbot.waitUntil(lambda: window.scrubber.note.text() == note, timeout=FRAME_WAIT_MS)
    assert window.viewer.after_image().size().toTuple() == (256, 192)
    assert window.viewer.labels() == ("Original", "Tiny")
    assert not window.save_action.isEnabled()  # written already


def _cancelled_film(window, qtbot, tmp_path: Path):
    """A 12-frame film restored slowly (many tiles a frame) and cancelled after frame 2,
    the worker idle again; its queue item, and the seconds Cancel took to stop it."""
    film = _film(tmp_path, frames=12, size=(160, 120), audio=None)
    window.settings_panel.tile_spin.setValue(16)
    item = open_film(window, qtbot, film)
    window.restore_selected()
    qtbot.waitUntil(lambda: item.frames_done >= 2, timeout=60_000)
    clock = Stopwatch()
    window.cancel_action.trigger()
    wait_for_status(qtbot, item, ItemStatus.CANCELLED, timeout=10_000)
    seconds = clock.seconds()
    qtbot.waitUntil(lambda: not window.runner.worker_busy, timeout=10_000)
    return item, seconds


def test_a_cancelled_film_leaves_no_output_and_resumes(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    window = make_window()
    item, seconds = _cancelled_film(window, qtbot, tmp_path)
    assert seconds < CANCEL_WITHIN_SECONDS  # within the frame under way
    output = Path(app_settings.output_dir)
    assert not (output / "film [tiny].mp4").exists()
    (work,) = output.iterdir()  # the work so far, hidden
    assert work.name.startswith(".film [tiny].mp4.") and work.is_dir()
    stopped_at = item.frames_done
    assert 2 <= stopped_at < 12
    assert status_text(item).startswith(f"Cancelled at frame {stopped_at} / 12")

    starts: list[int] = []
    window.runner.progress_changed.connect(
        lambda progress: progress.item_fraction > 0 and starts.append(item.frames_done)
    )
    window.settings_panel.tile_spin.setValue(0)  # the tile does not change the film
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert item.status is ItemStatus.RESTORED, item.message
    # the second run went on from there, not from frame 0 (less the frames still queued for
    # the encoder when Cancel came, which a cancel drops to stop at once)
    assert stopped_at - QUEUE_FRAMES <= starts[0] <= stopped_at
    assert probe(output / "film [tiny].mp4").frames == 12
    assert sorted(p.name for p in output.iterdir()) == ["film [tiny].mp4"]


def test_a_cancelled_film_whose_model_file_changed_starts_over_saying_so(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    item, _ = _cancelled_film(window, qtbot, tmp_path)
    torch.manual_seed(1)  # the same model, trained on: other weights under the same name
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    save_model(network, tiny_model, display_name="Tiny")
    window.settings_panel.tile_spin.setValue(0)
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert item.status is ItemStatus.RESTORED, item.message
    said = "an unfinished restoration of film.mp4 made with other settings or another version"
    assert said in status_text(item)


def test_a_cancelled_film_restored_with_other_settings_starts_over_and_leaves_no_work(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    window = make_window()
    item, _ = _cancelled_film(window, qtbot, tmp_path)
    cancelled = f"Cancelled at frame {item.frames_done} / 12"
    continues = f"{cancelled}; Restore continues from there"
    assert status_text(item) == continues

    grain = window.settings_panel.grain_strength.slider
    grain.setValue(20)  # another film: "film [tiny g20].mp4"
    assert status_text(item) == f"{cancelled}; the settings changed, so Restore starts over"
    grain.setValue(0)  # the cancelled run's settings again
    assert status_text(item) == continues

    grain.setValue(20)
    window.settings_panel.tile_spin.setValue(0)
    starts: list[int] = []
    window.runner.progress_changed.connect(
        lambda progress: progress.item_fraction > 0 and starts.append(item.frames_done)
    )
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=60_000)
    assert item.status is ItemStatus.RESTORED, item.message
    assert starts[0] <= 1  # from the first frame, as the row said
    output = Path(app_settings.output_dir)
    assert sorted(p.name for p in output.iterdir()) == ["film [tiny g20].mp4"]  # no work left


def test_a_damaged_film_fails_alone_and_the_next_photo_is_restored(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    damaged = tmp_path / "films" / "reel.mp4"
    damaged.parent.mkdir()
    shutil.copy(CLIP, damaged)
    not_a_film = tmp_path / "films" / "notes.mkv"
    not_a_film.write_text("not a film" * 100)
    photo = write_photo(tmp_path / "photo.png")
    window = make_window()
    reel, notes, still = window.add_paths([damaged, not_a_film, photo])
    wait_until_read(qtbot, window)
    assert reel.status is ItemStatus.READY
    assert notes.status is ItemStatus.UNREADABLE
    assert notes.message.startswith("notes.mkv: not a film that can be read")
    window.queue_view.select_id(notes.id)
    assert not window.scrubber.isVisible()
    assert "notes.mkv cannot be opened" in window.viewer.placeholder()

    data = damaged.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])  # cut short, as by a broken copy
    window.restore_all()  # the film's result made before is looked for first, meanwhile
    wait_for_status(qtbot, still, ItemStatus.RESTORED)
    # failed as it is restored, or found damaged before by the viewer's read of it
    assert reel.status in ERROR_STATUSES, (reel.status, reel.message)
    assert "truncated" in status_text(reel)
    assert notes.status is ItemStatus.UNREADABLE
    assert not window.runner.is_running


def test_a_film_with_a_damaged_frame_is_restored_and_the_frame_named(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = _film(tmp_path, frames=22, audio=None)
    damaged = set(damage_frames(film, range(1, 12)))
    window = make_window()
    item = restore_film(window, qtbot, film)
    assert item.damaged_frames and set(item.damaged_frames) <= damaged  # FFmpeg noticed some
    numbers = frame_numbers(item.damaged_frames)  # as people count frames: from 1
    text = f"Saved as film [tiny].mp4 · damaged in the source: frame {numbers}"
    assert status_text(item) == text


def test_a_film_of_one_frame_is_said_to_have_one_frame(tmp_path: Path):
    film = _film(tmp_path, frames=1, size=(160, 120))
    item = QueueItem(film, width=160, height=120, video=probe(film))
    assert size_text(item) == "160 × 120 · 1 frame · 0:00.04"


def test_the_queue_says_what_an_interlaced_films_fields_hold(make_window, qtbot, tmp_path: Path):
    window = make_window()
    telecined = open_film(window, qtbot, make_telecined_clip(tmp_path / "ntsc.mp4"))
    assert size_text(telecined) == "240 × 160 · telecined film · 40 frames · 0:01.33"
    pal = [(frame, frame) for frame in panned_film()]
    whole = open_film(window, qtbot, interlaced_clip(tmp_path / "pal.mp4", pal, rate=25))
    assert size_text(whole) == "240 × 160 · whole frames in fields · 32 frames · 0:01.28"


def test_an_interlaced_film_is_shown_and_restored_whole(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = make_interlaced_clip(tmp_path / "dv.mp4", frames=8)
    window = make_window()
    item = open_film(window, qtbot, film)
    assert size_text(item) == "64 × 48 · interlaced · 8 frames · 0:00.32"
    woven = combing(decoded_frames(film)[4][1])
    assert combing(rgb_pixels(window.viewer.before_image())) < 0.1 * woven  # the frame, made whole
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    restored = decoded_frames(item.saved_to)
    assert len(restored) == 8
    assert max(combing(pixels) for _, pixels in restored) < 0.1 * woven


def _choices(combo) -> list:
    return [combo.itemData(i) for i in range(combo.count())]


def test_films_are_written_with_the_codec_chosen_in_the_settings(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    """A restorer's master: ProRes in QuickTime, whatever the source's container."""
    film = _film(tmp_path, frames=3)
    window = make_window()
    panel = window.settings_panel
    codecs = _choices(panel.codec_combo)
    assert codecs == [
        "h264",
        "h265",
        "prores",
        "ffv1",
        None,
        "dpx",
        "tif",
        "png",
    ]  # None: separator
    assert panel.codec_combo.currentData() == "h264"
    panel.codec_combo.setCurrentIndex(codecs.index("prores"))
    assert app_settings.film_codec == "prores"
    item = restore_film(window, qtbot, film)
    assert item.saved_to == Path(app_settings.output_dir) / "film [tiny].mov"
    restored = probe(item.saved_to)
    assert restored.codec == "prores" and restored.frames == 3


def test_films_are_written_at_the_quality_chosen_in_the_settings(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    """A family's film in H.264 at Best; ProRes and FFV1 have one quality, so no choice."""
    film = _film(tmp_path, frames=3)
    window = make_window()
    panel = window.settings_panel
    qualities = _choices(panel.quality_combo)
    assert qualities == ["best", "high", "smaller"]
    assert panel.quality_combo.currentData() == "high" and panel.quality_combo.isEnabled()
    panel.quality_combo.setCurrentIndex(qualities.index("best"))
    assert app_settings.film_quality == "best"
    item = restore_film(window, qtbot, film)
    assert b"crf=12.0" in item.saved_to.read_bytes()  # x264 records its settings in the stream
    for codec in ("prores", "ffv1"):
        panel.codec_combo.setCurrentIndex(panel.codec_combo.findData(codec))
        assert not panel.quality_combo.isEnabled()
        assert "one quality" in panel.quality_combo.toolTip()
    panel.codec_combo.setCurrentIndex(panel.codec_combo.findData("h265"))
    assert panel.quality_combo.isEnabled()


def test_a_cancelled_frame_preview_leaves_no_note_that_it_is_under_way(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    import app.workers

    def endless(self, pixels, scale_out=None, progress=None, tile=0, ensemble=False):
        while True:  # until cancelled
            progress.check()
            time.sleep(0.01)

    film = _film(tmp_path)
    window = make_window()
    open_film(window, qtbot, film)
    frames = [pixels for _, pixels in decoded_frames(film)]
    _move_scrubber(window, qtbot, 1, frames[1])
    monkeypatch.setattr(app.workers.Restorer, "enlarge", endless)
    window.preview_action.trigger()
    assert window.scrubber.note.text() == "Restoring frame 2…"
    qtbot.waitUntil(window.cancel_action.isEnabled, timeout=WAIT_MS)
    window.cancel_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.previewing, timeout=WAIT_MS)
    assert window.scrubber.note.text() == "" and not window.viewer.has_after()


def test_a_frame_previewed_with_grain_gets_the_grain_that_frame_gets_in_the_run(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = _film(tmp_path)
    window = make_window()
    open_film(window, qtbot, film)
    frames = [pixels for _, pixels in decoded_frames(film)]
    window.settings_panel.grain_strength.slider.setValue(50)
    _move_scrubber(window, qtbot, 3, frames[3])
    window.preview_action.trigger()
    qtbot.waitUntil(window.viewer.has_after, timeout=30_000)
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    expected = with_grain(restorer.enlarge(frames[3]), 3, 0.5).astype(int)
    after = rgb_pixels(window.viewer.after_image()).astype(int)
    assert np.abs(after - expected).max() <= 1
    assert np.abs(after - restorer.enlarge(frames[3])).mean() > 1  # the grain is there
