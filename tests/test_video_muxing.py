"""Sound an output type takes only in part (found before any work, by writing it into memory),
and what FFmpeg refuses while the restored film is written, told as a sentence."""

from __future__ import annotations

import errno
from pathlib import Path

import av
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
            FLAC,
            "film.mov",
            "prores",
            "the audio stream (flac) of film.mkv cannot be copied into a .mov file; a .mp4 or "
            ".mkv file holds it, which prores cannot go into: choose another codec",
        ),
    ],
)
def test_sound_a_muxer_refuses_only_in_its_header_or_trailer_is_refused_before_any_work(
    tmp_path, nearest, name, streams, target, codec, said
):
    source = make_clip(tmp_path / name, frames=4, **streams)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RekindleError) as refused:
        restore_video(nearest, source, out / target, VideoOptions(codec=codec))
    assert refused.value.sentence == said
    assert leftovers(out, set()) == []


def test_a_folder_of_films_goes_on_past_one_whose_sound_its_codec_cannot_take(
    tmp_path, tiny_model_file, capsys
):
    films = tmp_path / "films"
    films.mkdir()
    capture = _capture(films, "a_capture.avi")
    make_clip(films / "b_flac.mkv", frames=4, **FLAC)
    make_clip(films / "c_plain.mp4", frames=4)
    out = tmp_path / "out"
    command = ["restore-video", str(films), "-o", str(out), "--codec", "prores"]
    assert main([*command, "--model", str(tiny_model_file)]) == 1
    (failed,) = [line for line in capsys.readouterr().err.splitlines() if "failed" in line]
    assert failed.startswith("failed: ") and "b_flac.mkv: the audio stream (flac)" in failed
    assert sorted(p.name for p in out.rglob("*.mov")) == ["a_capture.mov", "c_plain.mov"]
    _same_sound(capture, next(out.rglob("a_capture.mov")))


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
