"""A film restored into numbered frames (``engine.video.frame_files``): its sound placed to
the sample however little it stands apart from the first frame, and as long as the film;
another film's unfinished frames, and sound files written since by another job, refused as
anyone's files are; one run at a time writing a name's sound; frames after the film's last
told of when overwriting."""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from engine.cli import main
from engine.errors import Cancelled, RekindleError
from engine.video.frame_files import (
    RECORD,
    FrameFiles,
    FramesThereError,
    restore_frame_files,
)
from engine.video.probe import probe
from engine.video.restore import VideoOptions
from engine.video.sequence import frame_sequence
from tests.dpx_helpers import write_scan
from tests.fault_helpers import held_in_another_process
from tests.test_frame_files_out import (
    FRAMES,
    RATE,
    _cancelled_at,
    _film,
    _film_with_sound,
    _wav,
    _written,
)
from tests.video_helpers import tiny_restorer

PIECE = VideoOptions(segment_frames=4)  # a record saved every 4 frames


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


def test_sound_starting_15_ms_after_the_first_frame_starts_15_ms_into_the_wav(tmp_path, restorer):
    late = RATE * 15 // 1000  # within the drift a later piece is let follow by
    film = _film_with_sound(tmp_path / "film.mkv", sound_from=late)
    restore_frame_files(restorer, film, tmp_path / "out" / "reel_%04d.png")
    _, samples = _wav(tmp_path / "out" / "reel.wav")
    assert len(samples) == round(probe(film).duration * RATE)
    assert not samples[:late].any()
    np.testing.assert_array_equal(samples[late : late + 5], np.arange(5))


def test_sound_starting_9_ms_before_the_first_frame_is_cut_to_it(tmp_path, restorer):
    film = _film_with_sound(tmp_path / "film.mkv", video_from=9)
    restore_frame_files(restorer, film, tmp_path / "out" / "reel_%04d.png")
    _, samples = _wav(tmp_path / "out" / "reel.wav")
    first = RATE * 9 // 1000  # the sound of the first frame
    np.testing.assert_array_equal(samples[:5], np.arange(first, first + 5))


def test_sound_that_ends_before_the_film_is_followed_by_silence_to_its_end(tmp_path, restorer):
    film = _film_with_sound(tmp_path / "film.mkv", samples=RATE // 4)
    restore_frame_files(restorer, film, tmp_path / "out" / "reel_%04d.png")
    _, samples = _wav(tmp_path / "out" / "reel.wav")
    assert len(samples) == round(probe(film).duration * RATE) > RATE // 4
    np.testing.assert_array_equal(samples[: RATE // 4], np.arange(RATE // 4))
    assert not samples[RATE // 4 :].any()


def test_another_films_unfinished_frames_are_refused_as_anyones(tmp_path, restorer):
    pattern = tmp_path / "out" / "f_%03d.png"
    first = _film(tmp_path / "first.mp4", audio=None)
    with pytest.raises(Cancelled):
        restore_frame_files(restorer, first, pattern, PIECE, _cancelled_at(7))
    before = {path: path.read_bytes() for path in _written(tmp_path / "out", "f_*.png")}
    other = _film(tmp_path / "other.mp4", audio=None, frames=FRAMES - 2)
    with pytest.raises(FramesThereError, match="more frames are there already"):
        restore_frame_files(restorer, other, pattern, PIECE)
    assert {path: path.read_bytes() for path in _written(tmp_path / "out", "f_*.png")} == before
    restore_frame_files(restorer, first, pattern, PIECE)  # its own run goes on
    assert len(_written(tmp_path / "out", "f_*.png")) == FRAMES


def test_a_sound_file_another_job_wrote_since_is_not_an_unfinished_jobs_own(tmp_path, restorer):
    pattern = tmp_path / "out" / "l_%03d.dpx"
    film = _film_with_sound(tmp_path / "film.mkv")
    with pytest.raises(Cancelled):
        restore_frame_files(restorer, film, pattern, PIECE, _cancelled_at(7))
    other = _film_with_sound(tmp_path / "other.mkv", sound_from=RATE // 8)
    restore_frame_files(restorer, other, tmp_path / "out" / "l_%03d.png")
    theirs = (tmp_path / "out" / "l.wav").read_bytes()
    with pytest.raises(FramesThereError, match=r"l\.wav already exists"):
        restore_frame_files(restorer, film, pattern, PIECE)
    assert (tmp_path / "out" / "l.wav").read_bytes() == theirs


def test_a_sound_file_a_job_wrote_stays_its_own_until_it_finishes(tmp_path, restorer):
    pattern = tmp_path / "out" / "l_%03d.png"
    film = _film_with_sound(tmp_path / "film.mkv")
    restore_frame_files(restorer, film, pattern)
    record_file = FrameFiles.of(pattern, probe(film)).work / RECORD
    record = json.loads(record_file.read_text())
    record_file.write_text(json.dumps({**record, "complete": False}))  # killed at its end
    restore_frame_files(restorer, film, pattern)
    assert json.loads(record_file.read_text())["complete"]


def test_a_run_writing_the_same_sound_for_frames_of_another_kind_is_refused(tmp_path, restorer):
    film = _film_with_sound(tmp_path / "film.mkv")
    files = FrameFiles.of(tmp_path / "out" / "l_%03d.dpx", probe(film))
    files.folder.mkdir(parents=True)
    take = "from engine.busy import Lock\nlock = Lock.take(path, str)"
    holder = held_in_another_process(take, files.sound_lock)
    try:
        with pytest.raises(RekindleError, match="writing the sound of other frames"):
            restore_frame_files(restorer, film, tmp_path / "out" / "l_%03d.png")
    finally:
        holder.kill()
        holder.wait()
    assert not (tmp_path / "out" / "l.wav").exists()


def test_overwriting_with_a_shorter_film_tells_of_the_frames_after_its_last(tmp_path, restorer):
    pattern = tmp_path / "out" / "f_%03d.png"
    restore_frame_files(restorer, _film(tmp_path / "long.mp4", audio=None), pattern)
    short = _film(tmp_path / "short.mp4", audio=None, frames=FRAMES - 5)
    notes: list[str] = []
    options = VideoOptions(overwrite=True)
    restore_frame_files(restorer, short, pattern, options, on_notice=notes.append)
    assert len(_written(tmp_path / "out", "f_*.png")) == FRAMES  # none removed
    said = f"5 frames of f_%03d.png are numbered after f_{FRAMES - 5:03d}.png"
    assert any(note.startswith(said) for note in notes)


def _restore(model: Path, *arguments: object) -> int:
    return main(["restore-video", *map(str, arguments), "--model", str(model)])


@pytest.mark.parametrize(
    "name", ["film.dpx", "f_%04d_%04d.dpx", "f_##_##.dpx", "f_%4d.png", "f_%04x.png", "f_%s.png"]
)
def test_frames_named_almost_right_are_told_how_frames_are_named(
    tmp_path, tiny_model_file, capsys, name
):
    film = _film(tmp_path / "film.mp4", audio=None)
    assert _restore(tiny_model_file, film, "-o", tmp_path / "out" / name) == 2
    assert f"{name}: a pattern of frames holds one frame number, such as %06d" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()


def test_a_frame_number_in_the_folders_name_is_refused(tmp_path, tiny_model_file, capsys):
    film = _film(tmp_path / "film.mp4", audio=None)
    pattern = tmp_path / "c_%02d" / "f_%04d.dpx"
    assert _restore(tiny_model_file, film, "-o", pattern) == 2
    assert "the frame number goes in the frames' names, not in a folder's" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "c_%02d").exists()


def test_files_at_the_frames_names_are_refused_naming_the_option_that_replaces_them(
    tmp_path, tiny_model_file, capsys
):
    film = _film(tmp_path / "film.mp4", audio=None)
    out = tmp_path / "out"
    out.mkdir()
    for number in (1, 2):
        (out / f"f_{number:03d}.png").write_bytes(b"a person's own")
    assert _restore(tiny_model_file, film, "-o", out / "f_%03d.png") == 1
    assert (
        "1 more frames are there already (choose to overwrite them); the option is --overwrite"
        in (capsys.readouterr().err)
    )


def test_frames_of_a_sequence_with_gaps_are_said_to_keep_them(tmp_path, tiny_model_file, capsys):
    for number in (1, 2, 4):
        write_scan(tmp_path / "scan" / f"frame_{number:04d}.dpx", 8, seed=number)
    pattern = tmp_path / "scan" / "frame_%04d.dpx"
    out = tmp_path / "out" / "f_%04d.dpx"
    assert _restore(tiny_model_file, pattern, "-o", out, "--allow-gaps") == 0
    said = capsys.readouterr().err
    assert "frames 3 are missing; the restored frames keep their numbers, gaps and all" in said
    assert "stays on screen" not in said


def test_a_frame_rewritten_at_the_same_size_and_an_older_time_changes_its_sequence(tmp_path):
    for number, seconds in ((1, 1_000), (2, 2_000), (3, 3_000)):
        path = tmp_path / "scan" / f"frame_{number:04d}.dpx"
        write_scan(path, 8, seed=number)
        os.utime(path, (seconds, seconds))
    sequence = frame_sequence(tmp_path / "scan")
    assert sequence.unchanged()
    first = tmp_path / "scan" / "frame_0001.dpx"
    before = first.read_bytes()
    write_scan(first, 8, seed=9)  # other pixels, the same size
    assert first.read_bytes() != before and len(first.read_bytes()) == len(before)
    os.utime(first, (1_500, 1_500))  # still older than the newest frame
    assert not sequence.unchanged()


def _film_shown_at(path: Path, times_ms: list[int]) -> Path:
    """A film of one frame at each of ``times_ms`` (milliseconds), 24 fps as stated."""
    with av.open(str(path), "w", format="matroska") as out:
        video = out.add_stream("ffv1", rate=24)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv444p"
        video.codec_context.time_base = Fraction(1, 1000)
        for index, shown in enumerate(times_ms):
            pixels = np.full((48, 64, 3), index * 10, np.uint8)
            picture = av.VideoFrame.from_ndarray(pixels, format="rgb24").reformat(format="yuv444p")
            picture.pts, picture.time_base = shown, Fraction(1, 1000)
            out.mux(video.encode(picture))
        out.mux(video.encode(None))
    return path


@pytest.mark.parametrize(
    ("times_ms", "uneven"),
    [([0, 42, 83, 125, 167, 208], False), ([0, 42, 83, 250, 292, 333, 500, 542], True)],
)
def test_frames_of_a_variable_frame_rate_are_said_to_be_numbered_at_its_average_rate(
    tmp_path, restorer, times_ms, uneven
):
    film = _film_shown_at(tmp_path / "film.mkv", times_ms)
    notes: list[str] = []
    restore_frame_files(restorer, film, tmp_path / "out" / "f_%03d.png", on_notice=notes.append)
    said = "film.mkv has a variable frame rate: its frames are numbered one after another"
    assert any(note.startswith(said) for note in notes) == uneven
    assert len(_written(tmp_path / "out", "f_*.png")) == len(times_ms)
