"""A packet the decoder rejects (its data damaged) is skipped, as FFmpeg's own tools skip it:
the frames lost with it are filled in with the picture before and named, so the film keeps its
frame count and times, and a preview, a resumed run and a whole run number its frames alike.
A film fails only when no picture decodes or when a long run of frames is lost."""

import shutil

import numpy as np
import pytest
import torch

from engine.library.loading import load_model
from engine.video import FrameReader, VideoOptions, VideoReadError, probe, restore_video
from engine.video import frames as frames_module
from engine.video.frames import decode_frames
from tests.video_helpers import (
    FailingRestorer,
    NearestRestorer,
    decoded_frames,
    lose_frames,
    make_clip,
    tiny_restorer,
)

FRAMES = 24
KEYFRAMES = {"g": "12", "sc_threshold": "0"}  # a keyframe every 12 frames, no others
LOST = 5  # not a keyframe
CPU = torch.device("cpu")
DAMAGED = r"film\.(mp4|avi): the film is damaged \(Invalid data found when processing input\)"


def _film(path, frames=FRAMES):
    return make_clip(path, frames=frames, size=(64, 48), audio=None, options=KEYFRAMES)


def _damaged_copy(intact, places):
    damaged = intact.with_name("film" + intact.suffix)
    shutil.copy(intact, damaged)
    lose_frames(damaged, places)
    return damaged


@pytest.fixture
def intact(tmp_path):
    return _film(tmp_path / "intact.mp4")


@pytest.fixture
def model(tmp_path):
    return load_model(tiny_restorer(tmp_path).model.descriptor.path)


def test_a_rejected_frame_is_filled_in_and_named_and_the_film_keeps_its_frames(
    tmp_path, intact, model
):
    damaged = _damaged_copy(intact, [LOST])
    nearest = NearestRestorer(model, CPU)
    options = VideoOptions(codec="ffv1")
    report = restore_video(nearest, damaged, tmp_path / "out.mkv", options)
    restore_video(nearest, intact, tmp_path / "undamaged.mkv", options)
    assert report.frames == FRAMES and report.damaged_frames == (LOST,)
    restored = decoded_frames(tmp_path / "out.mkv")
    undamaged = decoded_frames(tmp_path / "undamaged.mkv")
    assert [time for time, _ in restored] == [time for time, _ in undamaged]
    np.testing.assert_array_equal(restored[LOST][1], restored[LOST - 1][1])
    for (_, got), (_, want) in zip(restored[12:], undamaged[12:], strict=True):
        np.testing.assert_array_equal(got, want)  # from the next keyframe on


def test_a_preview_and_a_resumed_run_number_the_frames_as_a_whole_run(tmp_path, intact, model):
    damaged = _damaged_copy(intact, [LOST])
    whole = list(decode_frames(probe(damaged)))
    assert [frame.index for frame in whole] == list(range(FRAMES))
    assert [frame.index for frame in whole if frame.damaged] == [LOST]
    reader = FrameReader(damaged)
    for index in [LOST, 20, 0, LOST + 1, 12, LOST - 1, 23]:  # back and forth, as a scrubber
        np.testing.assert_array_equal(reader.read(index), whole[index].pixels)
    options = VideoOptions(codec="ffv1", segment_frames=4)
    restore_video(FailingRestorer(model, CPU, 10**9), damaged, tmp_path / "whole.mkv", options)
    target = tmp_path / "out" / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):  # in the damaged segment
        restore_video(FailingRestorer(model, CPU, 4), damaged, target, options)
    report = restore_video(FailingRestorer(model, CPU, 10**9), damaged, target, options)
    assert report.resumed_from == 4 and report.damaged_frames == (LOST,)
    pairs = zip(decoded_frames(tmp_path / "whole.mkv"), decoded_frames(target), strict=True)
    for (time_a, a), (time_b, b) in pairs:
        assert time_a == time_b
        np.testing.assert_array_equal(a, b)


def test_a_rejected_keyframe_takes_its_group_and_the_film_goes_on_after(tmp_path):
    intact = _film(tmp_path / "intact.mp4", frames=36)
    damaged = list(decode_frames(probe(_damaged_copy(intact, [12]))))
    assert [frame.index for frame in damaged] == list(range(36))
    named = [frame.index for frame in damaged if frame.damaged]
    assert 12 in named and max(named) < 24  # 11 may be too: given out of order after it
    undamaged = list(decode_frames(probe(intact)))
    for got, want in zip(damaged[24:], undamaged[24:], strict=True):
        np.testing.assert_array_equal(got.pixels, want.pixels)


def test_an_avi_with_b_frames_keeps_its_frames_and_numbers_them_alike(tmp_path):
    """The AVI file stores no times for pictures shown out of decoding order: the frame lost
    is placed at the end of its keyframe's group."""
    intact = _film(tmp_path / "intact.avi")
    damaged = _damaged_copy(intact, [LOST])
    whole = list(decode_frames(probe(damaged)))
    assert [frame.index for frame in whole] == list(range(FRAMES))
    named = [frame.index for frame in whole if frame.damaged]
    assert named and all(LOST <= index < 12 for index in named)
    undamaged = list(decode_frames(probe(intact)))
    reader = FrameReader(damaged)
    for index in range(12, FRAMES):
        np.testing.assert_array_equal(whole[index].pixels, undamaged[index].pixels)
        np.testing.assert_array_equal(reader.read(index), whole[index].pixels)


def test_a_run_of_lost_frames_longer_than_the_limit_fails(intact, monkeypatch):
    damaged = _damaged_copy(intact, [5, 6, 7])
    monkeypatch.setattr(frames_module, "LOST_RUN_FRAMES", 3)
    assert [frame.index for frame in decode_frames(probe(damaged)) if frame.damaged] == [5, 6, 7]
    monkeypatch.setattr(frames_module, "LOST_RUN_FRAMES", 2)
    with pytest.raises(VideoReadError, match=DAMAGED):
        list(decode_frames(probe(damaged)))


@pytest.mark.parametrize("name, codec", [("intact.avi", "ffv1"), ("intact.mp4", "libx264")])
def test_a_film_whose_every_packet_is_junk_fails(tmp_path, model, name, codec):
    """FFV1 in AVI knows the film's pixel format before any picture; H.264 in MP4 learns it
    from the first picture, so probing never learns it (and looks at no fields)."""
    intact = make_clip(tmp_path / name, frames=FRAMES, audio=None, codec=codec)
    damaged = _damaged_copy(intact, range(FRAMES))
    with pytest.raises(VideoReadError, match=DAMAGED):
        restore_video(NearestRestorer(model, CPU), damaged, tmp_path / "out.mkv")
    with pytest.raises(VideoReadError, match=DAMAGED):
        FrameReader(damaged).read(FRAMES // 2)  # the film's picture in the app's queue
