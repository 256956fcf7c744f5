"""A film restored into numbered picture files (``engine.video.frame_files``): one DPX, TIFF
or PNG file a frame, numbered as its source numbers it, each restored as the film path
restores it in the depth it was read in; written whole, going on after a run stopped or
killed, refusing files that are not its own, with the film's sound beside it as WAV."""

from __future__ import annotations

import errno
import json
import shutil
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import torch

from engine.errors import Cancelled, ImageWriteError, RekindleError, WriteError
from engine.imageio import read_picture
from engine.progress import CancelToken, Progress, silent
from engine.restorer import RestoreOptions
from engine.video import frame_files
from engine.video.frame_files import (
    RECORD,
    FrameFiles,
    FrameFileWriter,
    finished_frames,
    restore_frame_files,
)
from engine.video.probe import probe
from engine.video.restore import FrameRestorer, VideoOptions, prepare_film, restore_frames
from engine.video.sequence import SequenceOptions
from tests.dpx_helpers import PRINTING_DENSITY, header_codes, write_scan
from tests.fault_helpers import held_in_another_process
from tests.video_helpers import FailingRestorer, KeptFrames, make_clip, tiny_restorer

FRAMES = 12
SIZE = (64, 48)  # width, height
SCALE = 2  # the tiny restorer's
RATE = 8000  # samples a second of the sound made here


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


def _film(path: Path, frames: int = FRAMES, **given) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_clip(path, frames=frames, size=SIZE, **given)


def _written(folder: Path, glob: str) -> list[Path]:
    return sorted(folder.glob(glob))


def _pixels(paths: list[Path]) -> list[np.ndarray]:
    return [read_picture(path).pixels for path in paths]


def _as_the_film_path_restores(restorer, film: Path, tmp_path: Path, options: VideoOptions):
    """The film's frames restored as a film of them is (its pipeline, fading fix, grain...)."""
    job = prepare_film(restorer, film, tmp_path / "film-path.mkv", options, silent())
    kept = KeptFrames()
    stage = FrameRestorer(restorer, job, job.info.frames, 0, silent())
    restore_frames(restorer, job, stage, kept)
    return [frame.pixels for frame in kept.frames]


@pytest.mark.parametrize("suffix", [".tif", ".tiff", ".png", ".dpx"])
def test_a_film_becomes_one_file_a_frame_counted_from_one_as_the_film_path_restores_them(
    tmp_path, restorer, suffix
):
    film = _film(tmp_path / "film.mp4", audio=None)
    options = VideoOptions(frames=RestoreOptions(fix_fading=True, grain=0.4))
    pattern = tmp_path / "out" / f"film_%06d{suffix}"
    report = restore_frame_files(restorer, film, pattern, options)
    written = _written(tmp_path / "out", f"film_*{suffix}")
    assert [path.name for path in written] == [
        f"film_{number:06d}{suffix}" for number in range(1, FRAMES + 1)
    ]
    assert (report.target, report.frames, report.resumed_from) == (pattern, FRAMES, 0)
    pixels = _pixels(written)
    width, height = SIZE
    assert {(p.shape, p.dtype) for p in pixels} == {
        ((height * SCALE, width * SCALE, 3), np.dtype(np.uint8))
    }
    expected = _as_the_film_path_restores(restorer, film, tmp_path, options)
    for made, wanted in zip(pixels, expected, strict=True):
        np.testing.assert_array_equal(made, wanted)
    if suffix == ".dpx":
        assert header_codes(written[0])[2] == 8  # bits per sample


@pytest.mark.parametrize("suffix", [".tif", ".png", ".dpx"])
def test_a_ten_bit_scan_keeps_its_frame_numbers_and_is_written_in_sixteen_bits(
    tmp_path, restorer, suffix
):
    numbers = range(86401, 86405)  # a reel that goes on from an earlier one
    for number in numbers:
        write_scan(tmp_path / "scan" / f"reel2_{number:07d}.dpx", 10, seed=number)
    pattern = tmp_path / "out" / f"reel2_%07d{suffix}"
    restore_frame_files(restorer, tmp_path / "scan" / "reel2_%07d.dpx", pattern)
    written = _written(tmp_path / "out", f"reel2_*{suffix}")
    assert [path.name for path in written] == [f"reel2_{n:07d}{suffix}" for n in numbers]
    pixels = _pixels(written)
    assert {p.dtype for p in pixels} == {np.dtype(np.uint16)}
    assert max(int(p.max()) for p in pixels) > 1023  # spread over 16 bits, not kept in 10
    if suffix == ".dpx":  # its deepest, and a log scan still says it is one
        assert header_codes(written[0]) == (PRINTING_DENSITY, PRINTING_DENSITY, 16)


def test_a_sequence_with_gaps_keeps_each_frames_number(tmp_path, restorer):
    numbers = [1, 2, 3, 5, 6]
    for number in numbers:
        write_scan(tmp_path / "scan" / f"s_{number:04d}.dpx", 8, seed=number)
    options = VideoOptions(sequence=SequenceOptions(allow_gaps=True))
    restore_frame_files(restorer, tmp_path / "scan", tmp_path / "out" / "s_%04d.png", options)
    assert [p.name for p in _written(tmp_path / "out", "s_*.png")] == [
        f"s_{n:04d}.png" for n in numbers
    ]


def _ten_bit_film(path: Path, frames: int = 4) -> Path:
    """A film of 10-bit samples (FFV1, 4:4:4)."""
    with av.open(str(path), "w") as out:
        video = out.add_stream("ffv1", rate=24)
        video.width, video.height, video.pix_fmt = *SIZE, "yuv444p10le"
        for index in range(frames):
            levels = np.full((SIZE[1], SIZE[0], 3), 200 + index * 50, np.uint16) * 64
            picture = av.VideoFrame.from_ndarray(levels, format="rgb48le")
            picture = picture.reformat(format="yuv444p10le")
            picture.pts = index
            out.mux(video.encode(picture))
        out.mux(video.encode(None))
    return path


def test_a_film_of_ten_bits_gives_sixteen_bit_frames(tmp_path, restorer):
    film = _ten_bit_film(tmp_path / "deep.mkv")
    restore_frame_files(restorer, film, tmp_path / "out" / "deep_%04d.tif")
    pixels = _pixels(_written(tmp_path / "out", "deep_*.tif"))
    assert len(pixels) == 4 and {p.dtype for p in pixels} == {np.dtype(np.uint16)}


def _cancelled_at(frame: int) -> Progress:
    token = CancelToken()

    def listener(event):
        if event.what.startswith(f"{frame}/"):
            token.cancel()

    return Progress(listener, token)


def _record(pattern: Path) -> dict:
    work = next(pattern.parent.glob(".*.frames.rekindle"))
    return json.loads((work / RECORD).read_text())


def test_a_cancelled_run_goes_on_after_its_last_frame_and_makes_what_a_whole_run_makes(
    tmp_path, restorer
):
    film = _film(tmp_path / "film.mp4", audio=None)
    options = VideoOptions(frames=RestoreOptions(grain=0.3), segment_frames=4)
    restore_frame_files(restorer, film, tmp_path / "whole" / "f_%03d.png", options)
    pattern = tmp_path / "out" / "f_%03d.png"
    with pytest.raises(Cancelled):
        restore_frame_files(restorer, film, pattern, options, _cancelled_at(7))
    record = _record(pattern)
    assert not record["complete"] and 1 <= record["done"] < FRAMES
    assert len(_written(tmp_path / "out", "f_*.png")) == record["done"]  # every one recorded
    report = restore_frame_files(restorer, film, pattern, options)
    assert report.resumed_from == record["done"]
    whole = _pixels(_written(tmp_path / "whole", "f_*.png"))
    resumed = _pixels(_written(tmp_path / "out", "f_*.png"))
    assert len(resumed) == FRAMES
    for one, other in zip(whole, resumed, strict=True):
        np.testing.assert_array_equal(one, other)
    assert _record(pattern)["complete"]


def test_frames_a_killed_run_wrote_after_its_last_record_are_its_own_and_made_again(
    tmp_path, restorer, monkeypatch
):
    film = _film(tmp_path / "film.mp4", audio=None)
    options = VideoOptions(segment_frames=3, segment_seconds=3600)
    pattern = tmp_path / "out" / "f_%03d.tif"
    crashing = FailingRestorer(restorer.model, torch.device("cpu"), 8)
    with monkeypatch.context() as patch:
        patch.setattr(FrameFileWriter, "stop", lambda self, error: None)  # killed: no last word
        with pytest.raises(RuntimeError, match="simulated crash"):
            restore_frame_files(crashing, film, pattern, options)
    assert _record(pattern)["done"] == 6  # saved after frames 3 and 6
    assert len(_written(tmp_path / "out", "f_*.tif")) == 8  # frames 7 and 8 written since
    report = restore_frame_files(restorer, film, pattern, options)
    assert report.resumed_from == 6
    restore_frame_files(restorer, film, tmp_path / "whole" / "f_%03d.tif", options)
    whole = _pixels(_written(tmp_path / "whole", "f_*.tif"))
    for one, other in zip(whole, _pixels(_written(tmp_path / "out", "f_*.tif")), strict=True):
        np.testing.assert_array_equal(one, other)


def test_a_record_saved_after_every_second_of_work_loses_no_frame_to_a_kill(
    tmp_path, restorer, monkeypatch
):
    film = _film(tmp_path / "film.mp4", audio=None)
    options = VideoOptions(segment_frames=100, segment_seconds=0)  # saved after every frame
    pattern = tmp_path / "out" / "f_%03d.png"
    crashing = FailingRestorer(restorer.model, torch.device("cpu"), 8)
    with monkeypatch.context() as patch:
        patch.setattr(FrameFileWriter, "stop", lambda self, error: None)
        with pytest.raises(RuntimeError, match="simulated crash"):
            restore_frame_files(crashing, film, pattern, options)
    assert restore_frame_files(restorer, film, pattern, options).resumed_from == 8


def test_other_settings_start_over_saying_so(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4", audio=None)
    pattern = tmp_path / "out" / "f_%03d.png"
    options = VideoOptions(segment_frames=2)
    with pytest.raises(Cancelled):
        restore_frame_files(restorer, film, pattern, options, _cancelled_at(5))
    notes: list[str] = []
    grainy = VideoOptions(frames=RestoreOptions(grain=0.5), segment_frames=2)
    report = restore_frame_files(restorer, film, pattern, grainy, on_notice=notes.append)
    assert report.resumed_from == 0
    assert any("cannot be continued; it starts over" in note for note in notes)
    with pytest.raises(Cancelled):  # the same settings again go on, saying nothing of it
        restore_frame_files(
            restorer, film, tmp_path / "out2" / "f_%03d.png", grainy, _cancelled_at(5)
        )
    again: list[str] = []
    resumed = restore_frame_files(
        restorer, film, tmp_path / "out2" / "f_%03d.png", grainy, on_notice=again.append
    )
    assert resumed.resumed_from > 0 and again == []


def test_files_at_the_frames_names_are_refused_before_any_work_unless_overwriting(
    tmp_path, restorer
):
    film = _film(tmp_path / "film.mp4", audio=None)
    out = tmp_path / "out"
    out.mkdir()
    (out / "f_003.png").write_bytes(b"a person's own")
    pattern = out / "f_%03d.png"
    with pytest.raises(RekindleError, match=r"f_003\.png already exists \(choose to overwrite it"):
        restore_frame_files(restorer, film, pattern)
    assert sorted(p.name for p in out.iterdir()) == ["f_003.png"]  # nothing written, no record
    (out / "f_007.png").write_bytes(b"another")
    with pytest.raises(RekindleError) as refused:
        restore_frame_files(restorer, film, pattern)
    assert refused.value.sentence == (
        f"{out / 'f_003.png'} and 1 more frames are there already (choose to overwrite them)"
    )
    restore_frame_files(restorer, film, pattern, VideoOptions(overwrite=True))
    assert len(_written(out, "f_*.png")) == FRAMES
    assert read_picture(out / "f_003.png").width == SIZE[0] * SCALE


def test_a_finished_restoration_is_not_written_over_by_another(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4", audio=None)
    pattern = tmp_path / "out" / "f_%03d.png"
    restore_frame_files(restorer, film, pattern)
    assert finished_frames(pattern, probe(film))
    with pytest.raises(RekindleError, match="and 11 more frames are there already"):
        restore_frame_files(restorer, film, pattern, VideoOptions(frames=RestoreOptions(grain=1)))
    (tmp_path / "out" / "f_004.png").unlink()
    assert not finished_frames(pattern, probe(film))


def test_frames_over_the_frames_they_are_made_from_are_refused_even_when_overwriting(
    tmp_path, restorer
):
    for number in range(1, 4):
        write_scan(tmp_path / "scan" / f"frame_{number:04d}.dpx", 8)
    pattern = tmp_path / "scan" / "frame_%04d.dpx"
    before = {p.name: p.read_bytes() for p in (tmp_path / "scan").iterdir()}
    with pytest.raises(RekindleError, match="would replace the frames they are restored from"):
        restore_frame_files(restorer, pattern, pattern, VideoOptions(overwrite=True))
    assert {p.name: p.read_bytes() for p in (tmp_path / "scan").iterdir()} == before


def test_a_second_run_into_the_same_frames_is_refused_while_the_first_works(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4", audio=None)
    pattern = tmp_path / "out" / "f_%03d.png"
    files = FrameFiles.of(pattern, probe(film))
    files.work.mkdir(parents=True)
    take = "from engine.busy import Lock\nlock = Lock.take(path / 'lock', str)"
    holder = held_in_another_process(take, files.work)
    try:
        with pytest.raises(RekindleError, match="being restored into the same frames by"):
            restore_frame_files(restorer, film, pattern)
    finally:
        holder.kill()
        holder.wait()
    assert _written(tmp_path / "out", "f_*.png") == []
    restore_frame_files(restorer, film, pattern)  # a killed run blocks none
    assert len(_written(tmp_path / "out", "f_*.png")) == FRAMES


def test_a_frame_that_cannot_be_written_stops_the_run_and_keeps_those_before(
    tmp_path, restorer, monkeypatch
):
    film = _film(tmp_path / "film.mp4", audio=None)
    pattern = tmp_path / "out" / "f_%03d.png"
    write = frame_files.write_picture

    def disk_full_at_frame_6(picture, path, **given):
        if path.name != "f_006.png":
            return write(picture, path, **given)
        saving = WriteError("f_006.png: cannot be saved (the disk is full)")
        saving.__cause__ = OSError(errno.ENOSPC, "No space left on device")
        raise ImageWriteError(saving.sentence) from saving

    monkeypatch.setattr(frame_files, "write_picture", disk_full_at_frame_6)
    with pytest.raises(WriteError) as stopped:
        restore_frame_files(restorer, film, pattern, VideoOptions(segment_frames=100))
    assert stopped.value.sentence.startswith(
        "the restored frames could not be written from frame 6 on ("
    )
    assert stopped.value.sentence.endswith("those written before it are kept for the next run")
    assert _record(pattern)["done"] == 5
    monkeypatch.setattr(frame_files, "write_picture", write)
    assert restore_frame_files(restorer, film, pattern).resumed_from == 5


def test_a_folder_removed_while_its_frames_are_written_stops_the_run_with_a_sentence(
    tmp_path, restorer, monkeypatch
):
    film = _film(tmp_path / "film.mp4", audio=None)
    out = tmp_path / "out"
    write = frame_files.write_picture

    def removed_at_frame_4(picture, path, **given):
        if path.name == "f_004.png":
            shutil.rmtree(out)
        return write(picture, path, **given)

    monkeypatch.setattr(frame_files, "write_picture", removed_at_frame_4)
    with pytest.raises(WriteError) as stopped:
        restore_frame_files(restorer, film, out / "f_%03d.png")
    assert stopped.value.sentence == (
        f"the output folder {out} no longer exists; restoring the film into it again starts "
        "its frames over"
    )


def test_a_file_at_the_sounds_name_is_refused_before_any_work(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4", audio="aac")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "film.wav").write_bytes(b"the sound a person mixed")
    with pytest.raises(RekindleError, match=r"film\.wav already exists"):
        restore_frame_files(restorer, film, tmp_path / "out" / "film_%06d.png")
    assert _written(tmp_path / "out", "film_*.png") == []
    assert (tmp_path / "out" / "film.wav").read_bytes() == b"the sound a person mixed"


def _film_with_sound(
    path: Path,
    *,
    video_from: int = 0,
    sound_from: int = 0,
    tracks: int = 1,
    samples: int = FRAMES * RATE // 24 + RATE,
) -> Path:
    """A film of ``FRAMES`` frames at 24 fps whose first frame is at ``video_from`` ms, with
    ``tracks`` tracks of 16-bit sound, each its own running count of samples (track t's sample
    n is n + t * 1000), starting at sample ``sound_from`` and lasting ``samples`` samples (a
    second more than the film)."""
    with av.open(str(path), "w", format="matroska") as out:
        video = out.add_stream("ffv1", rate=24)
        video.width, video.height, video.pix_fmt = *SIZE, "yuv444p"
        video.codec_context.time_base = Fraction(1, 1000)
        sounds = []
        for _ in range(tracks):
            sound = out.add_stream("pcm_s16le", rate=RATE)
            sound.layout = "mono"
            sounds.append(sound)
        for index in range(FRAMES):
            picture = av.VideoFrame.from_ndarray(
                np.full((SIZE[1], SIZE[0], 3), index * 10, np.uint8), format="rgb24"
            )
            picture = picture.reformat(format="yuv444p")
            picture.pts, picture.time_base = video_from + index * 1000 // 24, Fraction(1, 1000)
            out.mux(video.encode(picture))
        out.mux(video.encode(None))
        for track, sound in enumerate(sounds):
            for start in range(0, samples, 1000):
                count = np.arange(start, min(start + 1000, samples)) + track * 1000
                piece = count.astype(np.int16).reshape(1, -1)
                frame = av.AudioFrame.from_ndarray(piece, "s16", "mono")
                frame.sample_rate, frame.pts = RATE, sound_from + start
                out.mux(sound.encode(frame))
            out.mux(sound.encode(None))
    return path


def _wav(path: Path) -> tuple[str, np.ndarray]:
    with av.open(str(path)) as wav:
        stream = wav.streams.audio[0]
        codec = stream.codec_context.name
        samples = np.concatenate([frame.to_ndarray()[0] for frame in wav.decode(stream)])
    return codec, samples


def test_the_sound_goes_beside_the_frames_as_wav_from_the_first_frame_to_the_last(
    tmp_path, restorer
):
    film = _film_with_sound(tmp_path / "film.mkv", video_from=250, tracks=2)
    notes: list[str] = []
    pattern = tmp_path / "out" / "reel_%04d.tif"
    restore_frame_files(restorer, film, pattern, on_notice=notes.append)
    length = round(probe(film).duration * RATE)
    for track, name in enumerate(["reel.wav", "reel (2).wav"]):
        codec, samples = _wav(tmp_path / "out" / name)
        assert codec == "pcm_s16le"
        first = RATE // 4  # the sound of the film's first frame, 250 ms in
        expected = np.arange(first, first + length) + track * 1000
        np.testing.assert_array_equal(samples, expected.astype(np.int16))
    assert any("written beside the frames as reel (2).wav" in note for note in notes)


def test_sound_that_starts_after_the_first_frame_is_preceded_by_silence(tmp_path, restorer):
    film = _film_with_sound(tmp_path / "film.mkv", sound_from=RATE // 8)
    restore_frame_files(restorer, film, tmp_path / "out" / "reel_%04d.png")
    _, samples = _wav(tmp_path / "out" / "reel.wav")
    assert len(samples) == round(probe(film).duration * RATE)
    assert not samples[: RATE // 8].any()
    np.testing.assert_array_equal(samples[RATE // 8 : RATE // 8 + 5], np.arange(5))


def test_floating_point_sound_is_written_in_32_bits_as_long_as_the_film(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4", audio="aac")
    restore_frame_files(restorer, film, tmp_path / "out" / "film_%06d.png")
    codec, samples = _wav(tmp_path / "out" / "film.wav")
    assert codec == "pcm_s32le"
    assert len(samples) == FRAMES * RATE // 24
    assert np.abs(samples).max() > 2**28  # the wave, at full depth
