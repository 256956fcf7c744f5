"""What a film's streams say besides their pictures survives a restore: times that start late,
the source's timecode, its tracks' names, its bit depth and its frames' own lengths."""

import logging
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import torch

from engine.cli import main
from engine.errors import RekindleError
from engine.library.loading import load_model
from engine.video import VideoOptions, probe, restore_video
from engine.video import codecs as codecs_module
from engine.video.codecs import CODECS, fewer_bits_note
from engine.video.encoder import EncodePlan
from tests.video_helpers import NearestRestorer, make_clip, tiny_restorer

TIMECODE = "01:00:00:00"
SMPTE2084, BT2020 = 16, 9  # AVColorTransferCharacteristic (PQ), AVColorPrimaries


@pytest.fixture
def nearest(tmp_path):
    model = tiny_restorer(tmp_path).model
    return NearestRestorer(load_model(model.descriptor.path), torch.device("cpu"))


def _remux(
    source: Path, target: Path, *, late: float = 0.0, tags: dict[str, dict[str, str]] | None = None
) -> Path:
    """``source``'s video and audio packets copied into ``target`` with their times, all
    ``late`` seconds later (as ``ffmpeg -c copy`` keeps a broadcast's), each stream given the
    ``tags`` of its type."""
    with av.open(str(source)) as film, av.open(str(target), "w") as out:
        streams = {}
        for stream in film.streams:
            if stream.type in ("video", "audio"):
                streams[stream.index] = out.add_stream_from_template(stream)
                streams[stream.index].metadata.update((tags or {}).get(stream.type, {}))
        for packet in film.demux():
            if not packet.size or packet.stream.index not in streams:
                continue
            shift = round(late / packet.time_base)
            packet.pts += shift
            if packet.dts is not None:
                packet.dts += shift
            packet.stream = streams[packet.stream.index]
            out.mux(packet)
    return target


def _video_tags(path: Path) -> dict[str, str]:
    with av.open(str(path)) as film:
        return {key.lower(): value for key, value in film.streams.video[0].metadata.items()}


def _audio_names(path: Path) -> list[str | None]:
    """Each audio track's name as the file's demuxer reports it (MP4 and MOV: "name")."""
    with av.open(str(path)) as film:
        return [
            stream.metadata.get("title") or stream.metadata.get("name")
            for stream in film.streams.audio
        ]


def test_a_matroska_film_whose_times_start_late_is_restored_whole(tmp_path, nearest):
    """Matroska states its duration from time 0, not from the film's first packet."""
    film = _remux(make_clip(tmp_path / "film.mkv", frames=12), tmp_path / "late.mkv", late=1.4)
    assert probe(film).frames == 12
    target = tmp_path / "out.mkv"
    restore_video(nearest, film, target)
    assert probe(target).frames == 12


def test_a_matroska_film_whose_times_start_late_is_still_refused_cut_short(tmp_path, nearest):
    film = _remux(make_clip(tmp_path / "film.mkv", frames=24), tmp_path / "late.mkv", late=1.4)
    cut = tmp_path / "cut.mkv"
    data = film.read_bytes()
    cut.write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(RekindleError, match=r"cut\.mkv: the film is truncated"):
        probe(cut)


@pytest.mark.parametrize("target_name", ["out.mov", "out.mp4", "out.mkv"])
def test_the_source_timecode_is_kept(tmp_path, nearest, target_name):
    film = make_clip(tmp_path / "film.mov", frames=4)
    film = _remux(film, tmp_path / "tc.mov", tags={"video": {"timecode": TIMECODE}})
    assert _video_tags(film)["timecode"] == TIMECODE
    target = tmp_path / target_name
    restore_video(nearest, film, target)
    assert _video_tags(target)["timecode"] == TIMECODE


def test_a_matroska_timecode_goes_into_mp4_as_its_timecode_track(tmp_path, nearest):
    """Matroska's tags come in capitals (TIMECODE)."""
    film = make_clip(tmp_path / "film.mkv", frames=4)
    film = _remux(film, tmp_path / "tc.mkv", tags={"video": {"timecode": TIMECODE}})
    target = tmp_path / "out.mp4"
    restore_video(nearest, film, target)
    assert _video_tags(target)["timecode"] == TIMECODE
    with av.open(str(target)) as written:
        assert [s.metadata.get("timecode") for s in written.streams.data] == [TIMECODE]


@pytest.mark.parametrize("source_name", ["film.mp4", "film.mov", "film.mkv"])
@pytest.mark.parametrize("target_name", ["out.mp4", "out.mov", "out.mkv"])
def test_audio_track_names_are_kept(tmp_path, nearest, source_name, target_name):
    film = make_clip(tmp_path / source_name, frames=4)
    named = _remux(film, tmp_path / f"named{film.suffix}", tags={"audio": {"title": "Narration"}})
    assert _audio_names(named) == ["Narration"]
    target = tmp_path / target_name
    restore_video(nearest, named, target)
    assert _audio_names(target) == ["Narration"]


def _deep_film(path: Path, frames: int = 3, hdr: bool = False) -> Path:
    """A 10-bit 4:2:0 film (FFV1) of a gentle ramp, finer than 8 bits' steps; ``hdr``:
    tagged as HDR10 (BT.2020, PQ)."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("ffv1", rate=24)
        stream.width, stream.height, stream.pix_fmt = 32, 16, "yuv420p10le"
        if hdr:
            context = stream.codec_context
            context.color_primaries, context.color_trc = BT2020, SMPTE2084
        y, x = np.mgrid[0:16, 0:32]
        ramp = np.repeat((20000 + x * 60 + y * 25)[..., None], 3, axis=2).astype(np.uint16)
        for index in range(frames):
            frame = av.VideoFrame.from_ndarray(ramp, format="rgb48le").reformat(
                format="yuv420p10le"
            )
            frame.pts = index
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def _first_picture(path: Path) -> np.ndarray:
    with av.open(str(path)) as film:
        return next(film.decode(video=0)).to_ndarray(format="rgb48le").astype(int)


PLAYS_EVERYWHERE = (
    "{name} has {bits} bits a sample; the restored film has 8, as h264 is written in 8 bits to "
    "play everywhere; h265, prores (.mov) and ffv1 (.mkv) keep 10 bits"
)


@pytest.mark.parametrize("target_name", ["out.mkv", "out.mov"])
def test_a_deep_film_stays_deep_in_h265(tmp_path, nearest, target_name):
    source = _deep_film(tmp_path / "deep.mkv")
    target = tmp_path / target_name
    restore_video(nearest, source, target, VideoOptions(codec="h265"))
    assert (probe(target).pix_fmt, probe(target).bit_depth) == ("yuv420p10le", 10)
    with av.open(str(target)) as written:
        assert written.streams.video[0].codec_context.profile == "Main 10"
    small, big = _first_picture(source), _first_picture(target)
    assert np.abs(big[::2, ::2] - small).mean() < 128  # 8 bits: more than 300


@pytest.mark.parametrize("hdr", [False, True])
def test_a_deep_film_goes_8_bit_in_h264_which_plays_everywhere(tmp_path, nearest, hdr):
    source = _deep_film(tmp_path / "deep.mkv", hdr=hdr)
    target = tmp_path / "out.mp4"
    restore_video(nearest, source, target, VideoOptions(codec="h264"))
    result = probe(target)
    assert (result.pix_fmt, result.bit_depth) == ("yuv420p", 8)
    colours = probe(source).color_primaries, probe(source).color_trc
    assert (result.color_primaries, result.color_trc) == colours  # HDR10 stays tagged so
    with av.open(str(target)) as written:
        assert written.streams.video[0].codec_context.profile == "High"
    assert fewer_bits_note(probe(source), CODECS["h264"]) == PLAYS_EVERYWHERE.format(
        name="deep.mkv", bits=10
    )


def test_an_8_bit_film_stays_8_bit_in_h265(tmp_path, nearest):
    source = make_clip(tmp_path / "film.mkv", frames=3)
    target = tmp_path / "out.mkv"
    restore_video(nearest, source, target, VideoOptions(codec="h265"))
    assert probe(target).pix_fmt == "yuv420p"


def test_a_deep_film_goes_8_bit_saying_so_where_the_encoder_takes_8_bits_only(
    tmp_path, monkeypatch
):
    info = probe(_deep_film(tmp_path / "deep.mkv"))
    monkeypatch.setattr(codecs_module, "encoder_formats", lambda encoder: {"yuv420p"})
    assert EncodePlan.for_film(info, CODECS["h265"], "matroska", 2, None).pix_fmt == "yuv420p"
    assert fewer_bits_note(info, CODECS["h265"]) == (
        "deep.mkv has 10 bits a sample, but this installation's libx265 writes 8 bits only, so "
        "the restored film has 8; ffv1 (.mkv) and prores (.mov) keep every bit"
    )


@pytest.mark.parametrize("codec", ["h265", "prores", "ffv1"])
def test_a_deep_film_that_keeps_its_bits_gets_no_note(tmp_path, codec):
    info = probe(_deep_film(tmp_path / "deep.mkv"))
    assert fewer_bits_note(info, CODECS[codec]) is None


def test_the_command_line_says_a_deep_film_goes_8_bit_as_a_note(
    tmp_path, monkeypatch, capsys, caplog, tiny_model_file
):
    """As converted sound is said: one "note:" line, not a bare log line besides."""
    source = _deep_film(tmp_path / "deep.mkv", frames=2)
    monkeypatch.setattr(codecs_module, "encoder_formats", lambda encoder: {"yuv420p"})
    command = ["restore-video", str(source), "-o", str(tmp_path / "out.mkv"), "--codec", "h265"]
    with caplog.at_level(logging.WARNING):
        assert main([*command, "--model", str(tiny_model_file)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "8 bits only" in line]
    assert len(said) == 1 and said[0].startswith("note: deep.mkv has 10 bits a sample, but ")
    assert not [record for record in caplog.records if "8 bits only" in record.getMessage()]


def test_the_command_line_says_a_deep_film_goes_8_bit_in_h264(tmp_path, capsys, tiny_model_file):
    source = _deep_film(tmp_path / "deep.mkv", frames=2)
    command = ["restore-video", str(source), "-o", str(tmp_path / "out.mp4"), "--codec", "h264"]
    assert main([*command, "--model", str(tiny_model_file)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note: ")]
    assert said == ["note: " + PLAYS_EVERYWHERE.format(name="deep.mkv", bits=10)]


VFR_MS = [0, 40, 80, 200, 240, 280, 500, 540, 580, 620, 900, 940]
LAST_MS = 42


def _variable_rate_film(path: Path) -> Path:
    """A film whose frames come at the times ``VFR_MS``, each packet as long as until the
    next, the last ``LAST_MS`` long (as stored in an MP4 file)."""
    lengths = dict(zip(VFR_MS, [*np.diff(VFR_MS).tolist(), LAST_MS], strict=True))
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=24)
        stream.width, stream.height, stream.pix_fmt = 32, 16, "yuv420p"
        stream.codec_context.time_base = Fraction(1, 1000)
        # no B-frames, one thread: the frame shown last is the last stored, whatever the load
        stream.options = {"bf": "0", "threads": "1"}
        frames = [av.VideoFrame(32, 16, "yuv420p") for _ in VFR_MS]
        for frame, time in zip([*frames, None], [*VFR_MS, None], strict=True):
            if frame is not None:
                frame.pts, frame.time_base = time, Fraction(1, 1000)
            for packet in stream.encode(frame):
                packet.duration = lengths[packet.pts]
                out.mux(packet)
    return path


def _film_end(path: Path) -> Fraction:
    """Where the film's last frame ends: its stored time and length."""
    with av.open(str(path)) as film:
        last = max((p for p in film.demux(video=0) if p.size), key=lambda p: p.pts)
        return (last.pts + last.duration) * last.time_base


def test_a_variable_rate_film_runs_from_its_first_frame_to_the_end_of_its_last(tmp_path):
    info = probe(_variable_rate_film(tmp_path / "vfr.mp4"))
    assert info.duration == pytest.approx((VFR_MS[-1] + LAST_MS) / 1000, abs=1e-3)
    steady = probe(make_clip(tmp_path / "steady.mp4", frames=12, audio=None))
    assert steady.duration == pytest.approx(12 / 24)


@pytest.mark.parametrize("target_name", ["out.mp4", "out.mkv"])
def test_the_last_frame_of_a_variable_rate_film_keeps_its_length(tmp_path, nearest, target_name):
    source = _variable_rate_film(tmp_path / "vfr.mp4")
    target = tmp_path / target_name
    restore_video(nearest, source, target, VideoOptions(segment_frames=5))
    assert _film_end(target) == pytest.approx(_film_end(source), abs=1e-3)
    assert probe(target).duration == pytest.approx(probe(source).duration, abs=1e-3)
