"""Synthetic films: audio and subtitles copied packet for packet, aspect, colour range, times."""

from fractions import Fraction

import av
import numpy as np
import pytest
import torch

from engine.library.loading import load_model
from engine.video import VideoOptions, probe, restore_video
from engine.video.frames import rgb_format, to_video_frame
from engine.video.still import read_frame
from tests.video_helpers import (
    NearestRestorer,
    decoded_frames,
    leftovers,
    make_clip,
    stream_packets,
    tiny_restorer,
)

SAR = Fraction(16, 11)  # e.g. PAL 4:3 DV pixels


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path)


@pytest.fixture
def nearest(tmp_path):
    model = tiny_restorer(tmp_path).model
    return NearestRestorer(load_model(model.descriptor.path), torch.device("cpu"))


def _same_packets(source, result, kind):
    a, b = stream_packets(source, kind), stream_packets(result, kind)
    assert len(a) == len(b) and all(a), f"no {kind} streams to compare"
    for ours, theirs in zip(a, b, strict=True):
        assert [(p.data, p.seconds) for p in theirs] == [(p.data, p.seconds) for p in ours]


@pytest.mark.parametrize(
    ("source_name", "audio", "subtitles", "target_name", "codec"),
    [
        ("a.mp4", "aac", "mov_text", "out.mp4", "h264"),
        ("a.mkv", "pcm_s16le", "subrip", "out.mkv", "ffv1"),
        ("a.mkv", "aac", "ass", "out.mkv", "h264"),
        ("a.mov", "pcm_s16le", None, "out.mov", "prores"),
    ],
)
def test_audio_and_subtitles_are_copied_unchanged(
    tmp_path, restorer, source_name, audio, subtitles, target_name, codec
):
    source = make_clip(tmp_path / source_name, frames=20, audio=audio, subtitles=subtitles)
    target = tmp_path / "out" / target_name
    restore_video(restorer, source, target, VideoOptions(codec=codec, segment_frames=6))
    result = probe(target)
    assert (result.frames, result.width, result.height) == (20, 128, 96)
    assert result.rate == 24
    assert [c.type for c in result.copied] == [c.type for c in probe(source).copied]
    _same_packets(source, target, "audio")
    if subtitles:
        _same_packets(source, target, "subtitle")
    assert leftovers(target.parent, {target_name}) == []


@pytest.mark.parametrize(
    ("target_name", "codec"), [("out.mp4", "h264"), ("out.mkv", "h265"), ("out.mov", "prores")]
)
def test_non_square_pixels_keep_their_aspect(tmp_path, restorer, target_name, codec):
    source = make_clip(tmp_path / "dv.mp4", frames=8, sample_aspect_ratio=SAR)
    assert probe(source).sample_aspect_ratio == SAR
    target = tmp_path / target_name
    restore_video(restorer, source, target, VideoOptions(codec=codec))
    assert probe(target).sample_aspect_ratio == SAR


@pytest.mark.parametrize(("rotation", "turns"), [(-90, 3), (90, 1), (180, 2)])
def test_a_film_players_turn_is_read_upright(tmp_path, rotation, turns):
    """A phone's portrait film is stored on its side with a display matrix saying how far
    players turn it (counterclockwise): its frames are read as players show them."""
    source = make_clip(tmp_path / "phone.mp4", frames=3, size=(64, 48), rotation=rotation)
    info = probe(source)
    assert info.turns == turns
    assert (info.width, info.height) == ((64, 48) if turns == 2 else (48, 64))
    with av.open(str(source)) as stored:
        on_its_side = next(stored.decode(video=0)).to_ndarray(format=rgb_format(info))
    assert np.array_equal(read_frame(source, 0), np.rot90(on_its_side, turns))


@pytest.mark.parametrize("target_name", ["out.mp4", "out.mkv", "out.mov"])
def test_a_film_players_turn_is_restored_upright(tmp_path, restorer, target_name):
    """Restored upright, the film needs no turn: players, editors and the app agree."""
    source = make_clip(tmp_path / "phone.mp4", frames=4, size=(64, 48), rotation=-90)
    target = tmp_path / target_name
    restore_video(restorer, source, target)
    restored = probe(target)
    scale = restorer.scale
    assert (restored.width, restored.height, restored.turns) == (48 * scale, 64 * scale, 0)
    with av.open(str(target)) as written:
        assert next(written.decode(video=0)).rotation == 0


def test_square_pixels_stay_square(tmp_path, restorer):
    source = make_clip(tmp_path / "a.mp4", frames=4)
    restore_video(restorer, source, tmp_path / "out.mp4")
    assert probe(tmp_path / "out.mp4").sample_aspect_ratio is None


def _mean_error(source, target):
    frames = decoded_frames(source)
    restored = decoded_frames(target)
    assert [t for t, _ in restored] == [t for t, _ in frames]
    errors = []
    for (_, small), (_, big) in zip(frames, restored, strict=True):
        errors.append(np.abs(big[::2, ::2].astype(int) - small.astype(int)).mean())
    return max(errors)


BT709, BT601 = 1, 6  # AVColorSpace: the YUV matrices


@pytest.mark.parametrize(
    ("color_range", "colorspace", "target_name", "codec", "expected"),
    [
        (2, None, "out.mkv", "ffv1", (2, BT601, 1.0)),  # full stays full; 4:4:4 lossless
        (2, None, "out.mp4", "h264", (2, BT601, 4.0)),
        (None, None, "out.mp4", "h264", (1, BT601, 4.0)),  # unspecified reads as limited
        (1, BT709, "out.mp4", "h264", (1, BT709, 4.0)),
        (2, BT709, "out.mov", "prores", (1, BT709, 2.0)),  # ProRes is limited: converted
    ],
)
def test_colour_range_and_matrix_survive(
    tmp_path, nearest, color_range, colorspace, target_name, codec, expected
):
    """With a restorer that only repeats pixels, what comes out must look like what went in:
    a wrong matrix or range would shift every colour."""
    source = make_clip(
        tmp_path / "a.mkv", frames=6, codec="ffv1", color_range=color_range, colorspace=colorspace
    )
    target = tmp_path / target_name
    restore_video(nearest, source, target, VideoOptions(codec=codec))
    expected_range, expected_matrix, tolerance = expected
    result = probe(target)
    assert (result.color_range, result.colorspace) == (expected_range, expected_matrix)
    assert _mean_error(source, target) < tolerance


def test_full_range_conversion_uses_the_whole_scale():
    """The RGB -> YUV step honours the range: full-range black is 0, limited-range black 16."""
    black = np.zeros((8, 8, 3), np.uint8)
    full = to_video_frame(black, "yuv444p", 1, 2, pts=0)
    limited = to_video_frame(black, "yuv444p", 1, 1, pts=0)
    assert full.to_ndarray()[0, 0, 0] == 0 and full.color_range == 2
    assert limited.to_ndarray()[0, 0, 0] == 16 and limited.color_range == 1


def test_irregular_frame_times_are_kept_across_segments(tmp_path, nearest):
    times = [0, 40, 90, 120, 200, 210, 260, 330, 334, 400, 470, 480]
    source = make_clip(tmp_path / "vfr.mkv", frames=len(times), times_ms=times, audio=None)
    target = tmp_path / "out.mp4"
    restore_video(nearest, source, target, VideoOptions(segment_frames=5))
    assert [t for t, _ in decoded_frames(target)] == [Fraction(t, 1000) for t in times]


def test_a_frame_is_shown_at_its_stored_time_in_a_variable_rate_film(tmp_path):
    times = [0, 40, 90, 120, 200, 210, 260, 330, 334, 400, 470, 480]
    info = probe(make_clip(tmp_path / "vfr.mkv", frames=len(times), times_ms=times, audio=None))
    assert [round(info.shown_at(i), 3) for i in range(len(times))] == [t / 1000 for t in times]
    steady = probe(make_clip(tmp_path / "steady.mp4", frames=3, audio=None))
    assert [steady.shown_at(i) for i in range(3)] == [0, 1 / 24, 2 / 24]


def test_high_bit_depth_survives_in_prores(tmp_path, nearest):
    """A 10-bit source goes through as 16-bit RGB and comes out as 10-bit ProRes."""
    source = tmp_path / "deep.mov"
    with av.open(str(source), "w") as out:
        stream = out.add_stream("prores_ks", rate=24)
        stream.width, stream.height, stream.pix_fmt = 32, 16, "yuv422p10le"
        ramp = (np.arange(32 * 16 * 3).reshape(16, 32, 3) * 40 % 65536).astype(np.uint16)
        for index in range(3):
            frame = av.VideoFrame.from_ndarray(ramp, format="rgb48le")
            frame = frame.reformat(format="yuv422p10le")
            frame.pts = index
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    assert probe(source).bit_depth == 10
    restore_video(nearest, source, tmp_path / "out.mov", VideoOptions(codec="prores"))
    with av.open(str(source)) as a, av.open(str(tmp_path / "out.mov")) as b:
        small = next(a.decode(video=0)).to_ndarray(format="rgb48le").astype(int)
        big = next(b.decode(video=0)).to_ndarray(format="rgb48le").astype(int)
    assert np.abs(big[::2, ::2] - small).mean() < 64  # 8-bit steps would be 256
