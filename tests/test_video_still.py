"""Single frames of a film (to preview one before restoring the film), the restored film's
suffix, and frames counted back from restore_video's progress."""

import re
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import torch

from engine.errors import RekindleError
from engine.progress import Progress, ProgressEvent
from engine.video import (
    FRAME,
    FrameReader,
    VideoOptions,
    VideoReadError,
    is_supported_video,
    output_suffix,
    poster_frame,
    probe,
    read_frame,
    restore_video,
)
from tests.conftest import SHARED_DATA
from tests.video_helpers import NearestRestorer, decoded_frames, make_clip, tiny_restorer

CLIP = SHARED_DATA / "video" / "market_street_1906_60f.mp4"


def test_every_frame_read_alone_is_the_frame_a_whole_decode_gives(tmp_path: Path):
    clip = make_clip(tmp_path / "film.mp4", frames=12, audio=None)  # x264 with B-frames
    whole = [pixels for _, pixels in decoded_frames(clip)]
    reader = FrameReader(clip)
    for index in [5, 0, 11, 1, 6, 10]:  # back and forth, as a scrubber goes
        np.testing.assert_array_equal(reader.read(index), whole[index])


def test_frames_of_the_real_film(tmp_path: Path):
    whole = decoded_frames(CLIP)
    for index in (0, 37, 59):
        frame = read_frame(CLIP, index)
        assert frame.shape == (368, 480, 3) and frame.dtype == np.uint8
        np.testing.assert_array_equal(frame, whole[index][1])


def test_a_frame_outside_the_film_is_refused_with_its_range(tmp_path: Path):
    clip = make_clip(tmp_path / "film.mkv", frames=4, audio=None)
    with pytest.raises(RekindleError, match=r"film\.mkv has no frame 4: .* 0 to 3"):
        read_frame(clip, 4)
    with pytest.raises(RekindleError, match="no frame -1"):
        read_frame(clip, -1)


def test_damaged_and_missing_films_say_so(tmp_path: Path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"this is not a film" * 50)
    with pytest.raises(VideoReadError, match=r"bad\.mp4: not a film that can be read"):
        read_frame(bad, 0)
    with pytest.raises(VideoReadError, match=r"gone\.mp4: no such file"):
        read_frame(tmp_path / "gone.mp4", 0)
    truncated = tmp_path / "truncated.mp4"
    data = CLIP.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(VideoReadError, match="truncated"):
        read_frame(truncated, 0)


def test_a_reader_knows_when_its_film_was_replaced(tmp_path: Path):
    clip = make_clip(tmp_path / "film.mp4", frames=4, audio=None)
    reader = FrameReader(clip)
    assert reader.describes(clip)
    assert not reader.describes(tmp_path / "other.mp4")
    make_clip(clip, frames=6, audio=None)
    assert not reader.describes(clip)


def test_film_names_and_the_poster_frame(tmp_path: Path):
    assert all(is_supported_video(f"a{s}") for s in (".mp4", ".MKV", ".mov", ".avi", ".webm"))
    assert not is_supported_video("a.png") and not is_supported_video("film")
    assert poster_frame(probe(CLIP)) == 30


def _webm_with_subtitles(path: Path) -> Path:
    """A WebM film with a WebVTT subtitle, which an MP4 file cannot hold."""
    with av.open(str(path), "w") as out:
        video = out.add_stream("libvpx", rate=24)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        text = out.add_mux_stream("webvtt")
        text.time_base = Fraction(1, 1000)
        for index in range(3):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), index * 60, np.uint8))
            frame.pts = index
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        packet = av.Packet(b"Market Street")
        packet.stream, packet.time_base = text, Fraction(1, 1000)
        packet.pts = packet.dts = 0
        packet.duration = 100
        out.mux(packet)
    return path


def test_the_restored_film_keeps_its_container_when_it_can(tmp_path: Path):
    assert output_suffix(probe(make_clip(tmp_path / "a.mkv", frames=2))) == ".mkv"
    assert output_suffix(probe(make_clip(tmp_path / "a.mov", frames=2))) == ".mov"
    assert output_suffix(probe(CLIP)) == ".mp4"
    webm = _webm_with_subtitles(tmp_path / "b.webm")
    assert output_suffix(probe(webm)) == ".mkv"
    plain = make_clip(tmp_path / "c.mp4", frames=2, audio=None)
    avi = plain.rename(tmp_path / "c.avi")  # an MP4 named .avi: read by content
    assert output_suffix(probe(avi)) == ".mp4"


def test_the_restored_film_goes_where_its_codec_fits(tmp_path: Path):
    mkv, mp4 = make_clip(tmp_path / "a.mkv", frames=2), probe(CLIP)
    assert output_suffix(probe(mkv), "h265") == ".mkv"
    assert output_suffix(mp4, "prores") == ".mov"  # ProRes lives in QuickTime
    assert output_suffix(probe(mkv), "prores") == ".mov"
    assert output_suffix(mp4, "ffv1") == ".mkv"  # FFV1 in Matroska
    with pytest.raises(RekindleError, match="unknown video codec 'vp9'"):
        output_suffix(mp4, "vp9")


def test_restore_video_reports_each_frame_done_as_an_event(tmp_path: Path):
    clip = make_clip(tmp_path / "film.mp4", frames=7, audio=None)
    tiny = tiny_restorer(tmp_path)
    restorer = NearestRestorer(tiny.model, torch.device("cpu"))
    events: list[ProgressEvent] = []
    restore_video(
        restorer,
        clip,
        tmp_path / "out.mp4",
        VideoOptions(segment_frames=3),
        Progress(events.append),
    )
    frames = [event for event in events if event.unit == FRAME]
    assert [event.done for event in frames] == list(range(8))
    assert {(event.total, event.resumed_from) for event in frames} == {(7, 0)}
    assert all(re.match(rf"{event.done}/7 frames", event.what) for event in frames)
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_a_reader_reads_through_the_film_once_to_learn_it(tmp_path: Path, monkeypatch):
    """Counting the frames and finding their times is one demux pass: on a multi-GB film
    each pass is seconds of disk before the first frame shows."""
    source = make_clip(tmp_path / "clip.mp4", frames=12)
    opened = []
    real_open = av.open
    monkeypatch.setattr(
        av, "open", lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k)
    )
    reader = FrameReader(source)
    assert opened == [str(source)]
    assert reader.info.frames == 12
    assert np.array_equal(reader.read(7), decoded_frames(source)[7][1])
