"""Sound an output type takes only in part (found before any work, by writing it into memory):
converted to PCM where the output type takes that, else refused; and what FFmpeg refuses while
the restored film is written, told as a sentence."""

from __future__ import annotations

import errno
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import torch

from engine.cli import main
from engine.errors import RekindleError
from engine.library.loading import load_model
from engine.video import VideoOptions, output_suffix, probe, restore_video
from engine.video import join as video_join
from engine.video import restore as video_restore
from tests.video_helpers import NearestRestorer, leftovers, make_clip, stream_packets, tiny_restorer

CAPTURE = {"codec": "mpeg4", "audio": "pcm_s16le", "channels": 2, "audio_rate": 48000}
"""A home-video capture's streams: stereo 48 kHz PCM beside the pictures, as in DV or MJPEG
AVI files (whose PCM has no channel layout, which MP4 requires)."""
FLAC = {"audio": "flac", "channels": 2, "audio_rate": 48000}


@pytest.fixture
def nearest(tmp_path):
    model = tiny_restorer(tmp_path).model
    return NearestRestorer(load_model(model.descriptor.path), torch.device("cpu"))


def _capture(folder: Path, name: str = "capture.avi") -> Path:
    return make_clip(folder / name, frames=4, **CAPTURE)


def _same_sound(source: Path, result: Path) -> None:
    """The one sound stream's packets copied byte for byte, each at its time (to the
    millisecond Matroska counts in)."""
    (ours,), (theirs,) = stream_packets(source, "audio"), stream_packets(result, "audio")
    assert ours and [p.data for p in theirs] == [p.data for p in ours]
    assert all(abs(a.seconds - b.seconds) <= 0.001 for a, b in zip(ours, theirs, strict=True))


@pytest.mark.parametrize(
    ("name", "streams", "codec", "suffix"),
    [
        ("capture.avi", CAPTURE, "h264", ".mkv"),
        ("capture.avi", CAPTURE, "prores", ".mov"),
        ("film.mkv", FLAC, "h264", ".mkv"),
    ],
)
def test_sound_goes_where_it_is_taken_and_comes_out_unchanged(
    tmp_path, nearest, name, streams, codec, suffix
):
    source = make_clip(tmp_path / name, frames=4, **streams)
    target = tmp_path / "out" / (source.stem + output_suffix(probe(source), codec))
    assert target.suffix == suffix
    restore_video(nearest, source, target, VideoOptions(codec=codec))
    _same_sound(source, target)
    assert leftovers(target.parent, {target.name}) == []


@pytest.mark.parametrize(
    ("name", "streams", "target", "codec", "said"),
    [
        (
            "film.avi",
            CAPTURE,
            "film.mp4",
            "h264",
            "the audio stream (pcm_s16le) of film.avi cannot be copied into a .mp4 file; "
            "write a .mkv or .mov file instead",
        ),
        (
            "film.mkv",
            {**FLAC, "subtitles": "subrip"},
            "film.mov",
            "prores",
            "the subtitle stream (srt) of film.mkv cannot be copied into a .mov file; a .mkv file "
            "holds it, which prores cannot go into: choose another codec",
        ),
    ],
)
def test_sound_or_subtitles_an_output_type_cannot_take_are_refused_before_any_work(
    tmp_path, nearest, name, streams, target, codec, said
):
    source = make_clip(tmp_path / name, frames=4, **streams)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RekindleError) as refused:
        restore_video(nearest, source, out / target, VideoOptions(codec=codec))
    assert refused.value.sentence == said
    assert leftovers(out, set()) == []


def test_a_folder_of_films_goes_on_past_one_whose_streams_its_codec_cannot_take(
    tmp_path, tiny_model_file, capsys
):
    films = tmp_path / "films"
    films.mkdir()
    capture = _capture(films, "a_capture.avi")
    make_clip(films / "b_subtitled.mkv", frames=4, subtitles="subrip")
    make_clip(films / "c_plain.mp4", frames=4)
    out = tmp_path / "out"
    command = ["restore-video", str(films), "-o", str(out), "--codec", "prores"]
    assert main([*command, "--model", str(tiny_model_file)]) == 1
    (failed,) = [line for line in capsys.readouterr().err.splitlines() if "failed" in line]
    assert failed.startswith("failed: ") and "b_subtitled.mkv: the subtitle stream" in failed
    assert sorted(p.name for p in out.rglob("*.mov")) == ["a_capture.mov", "c_plain.mov"]
    _same_sound(capture, next(out.rglob("a_capture.mov")))


def _decoded_sound(path: Path) -> tuple[Fraction, np.ndarray]:
    """When the film's sound starts (seconds) and its samples as decoded, channels
    interleaved."""
    with av.open(str(path)) as film:
        frames = list(film.decode(audio=0))
    samples = np.concatenate([frame.to_ndarray().reshape(-1) for frame in frames])
    return frames[0].pts * frames[0].time_base, samples


def _same_samples(source: Path, result: Path) -> None:
    """The result's sound is the source's, sample for sample, from the same moment."""
    (start, samples), (their_start, theirs) = _decoded_sound(source), _decoded_sound(result)
    assert abs(their_start - start) <= Fraction(1, 1000)
    assert theirs.dtype == samples.dtype and np.array_equal(theirs, samples)


def _film_with_late_sound(folder: Path, frames: int, sound_from: int, rate: int = 24) -> Path:
    """A film of ``frames`` frames at ``rate`` whose second of FLAC sound starts
    ``sound_from`` seconds after its pictures, so that a long stretch of video packets comes
    before its first sound packet."""
    pictures = make_clip(folder / "pictures.mkv", frames=frames, rate=rate, audio=None)
    sound = make_clip(folder / "sound.mkv", frames=1, audio_seconds=1.0, **FLAC)
    path = folder / "late.mkv"
    with (
        av.open(str(pictures)) as video_source,
        av.open(str(sound)) as sound_source,
        av.open(str(path), "w") as film,
    ):
        video = film.add_stream_from_template(video_source.streams.video[0])
        audio = film.add_stream_from_template(sound_source.streams.audio[0])
        for packet in video_source.demux(video=0):
            if packet.size:
                packet.stream = video
                film.mux(packet)
        offset = round(sound_from / sound_source.streams.audio[0].time_base)
        for packet in sound_source.demux(audio=0):
            if packet.size:
                packet.pts, packet.dts = packet.pts + offset, packet.dts + offset
                packet.stream = audio
                film.mux(packet)
    return path


def _packets_before_sound(path: Path) -> int:
    with av.open(str(path)) as film:
        kinds = (packet.stream.type for packet in film.demux() if packet.size)
        return next(number for number, kind in enumerate(kinds) if kind == "audio")


@pytest.mark.parametrize("codec", ["prores", "h264"])
def test_flac_sound_goes_into_a_mov_file_converted_with_every_sample(tmp_path, nearest, codec):
    source = make_clip(tmp_path / "film.mkv", frames=12, audio_seconds=1.0, **FLAC)
    target = tmp_path / "out" / "film.mov"
    restore_video(nearest, source, target, VideoOptions(codec=codec))
    assert [s.codec for s in probe(target).copied] == ["pcm_s16le"]
    _same_samples(source, target)
    with av.open(str(target)) as result:
        assert "flac sound converted to pcm_s16le" in result.metadata["comment"]
    assert leftovers(target.parent, {target.name}) == []


def test_sound_whose_first_packet_comes_late_is_checked_with_it(tmp_path, nearest):
    """Sound that starts three seconds into the film comes after 72 video packets: the
    check finds it there (MOV refuses FLAC only on a packet), so it goes in converted."""
    source = _film_with_late_sound(tmp_path, frames=96, sound_from=3)
    assert _packets_before_sound(source) > 64
    target = tmp_path / "out" / "late.mov"
    restore_video(nearest, source, target, VideoOptions(codec="prores"))
    assert [s.codec for s in probe(target).copied] == ["pcm_s16le"]
    _same_samples(source, target)


def test_sound_starting_past_the_stretch_checked_stops_the_film_not_its_sound(tmp_path, nearest):
    """Sound that starts later than the check reads (``SAMPLE_SECONDS``) is checked without
    a packet: MOV then refuses it only as the film is written, which ends the film with a
    sentence, its restored frames kept; no film is written without its sound."""
    source = _film_with_late_sound(tmp_path, frames=24, sound_from=11, rate=2)
    out = tmp_path / "out"
    with pytest.raises(RekindleError) as failed:
        restore_video(nearest, source, out / "late.mov", VideoOptions(codec="prores"))
    assert failed.value.sentence.startswith("late.mkv: the restored film could not be written")
    (work,) = leftovers(out, set())
    assert work.startswith(".late.mov.") and work.endswith(".rekindle")


def test_the_command_line_says_once_that_the_sound_was_converted_and_to_what(
    tmp_path, tiny_model_file, capsys
):
    source = make_clip(tmp_path / "film.mkv", frames=4, **FLAC)
    target = tmp_path / "out.mov"
    command = ["restore-video", str(source), "-o", str(target), "--codec", "prores"]
    assert main([*command, "--model", str(tiny_model_file)]) == 0
    said = capsys.readouterr().err.splitlines()
    note = (
        "note: the audio stream (flac) of film.mkv cannot be copied into a .mov file; it goes "
        "in converted to pcm_s16le, which keeps every sample"
    )
    assert said.count(note) == 1
    assert [line for line in said if "converted" in line] == [note]
    _same_samples(source, target)


def test_what_the_muxer_refuses_while_the_film_is_written_is_a_sentence(
    tmp_path, nearest, monkeypatch
):
    """A refusal no check foresaw (here: the check skipped) ends the film, not the run; its
    restored segments stay for the next run."""
    monkeypatch.setattr(video_restore, "holds_copied", lambda info, container: True)
    source = _capture(tmp_path)
    out = tmp_path / "out"
    with pytest.raises(RekindleError) as failed:
        restore_video(nearest, source, out / "capture.mp4")
    assert failed.value.sentence == (
        "capture.avi: the restored film could not be written (Invalid argument); its restored "
        "frames are kept for the next run"
    )
    assert not isinstance(failed.value, av.error.FFmpegError)
    (work,) = leftovers(out, set())
    assert work.startswith(".capture.mp4.") and work.endswith(".rekindle")


def test_a_full_disk_while_the_film_is_written_is_told_in_plain_words(
    tmp_path, nearest, monkeypatch
):
    def full(*_args: object) -> None:
        av.error.err_check(-errno.ENOSPC)

    monkeypatch.setattr(video_join._Joiner, "_write", full)
    source = make_clip(tmp_path / "film.mp4", frames=2)
    with pytest.raises(RekindleError, match=r"^film\.mp4: .* written \(the disk is full\)"):
        restore_video(nearest, source, tmp_path / "out" / "film.mp4")
