"""H.264 with B-frames in AVI: the file stores no times for pictures shown out of decoding
order, so FFmpeg's decoder gives each picture the time guessed for the packet it came from,
out of order. Frame N is still the N-th picture decoded, at the N-th of the film's times, in
a whole run, a resumed one and a preview."""

from itertools import pairwise

import numpy as np
import pytest
import torch

from engine.library.loading import load_model
from engine.video import FilmCleanup, FrameReader, VideoOptions, restore_video
from engine.video import frames as frames_module
from engine.video.probe import probe
from tests.video_helpers import (
    FailingRestorer,
    NearestRestorer,
    decoded_frames,
    make_clip,
    tiny_restorer,
)

FRAMES = 48
SEGMENT = 8
CPU = torch.device("cpu")


@pytest.fixture
def avi(tmp_path):
    """48 frames with sound, a keyframe every 12 frames or so, x264's B-frames between."""
    film = make_clip(tmp_path / "film.avi", frames=FRAMES, audio="pcm_s16le", options={"g": "12"})
    decoders_times = [time for time, _ in decoded_frames(film)]
    assert decoders_times != sorted(decoders_times)  # what the film is made to show
    return film


@pytest.fixture
def model_path(tmp_path):
    return tiny_restorer(tmp_path).model.descriptor.path


def _shown_at(path):
    """Each frame's time in milliseconds (the restored films' Matroska counts in them)."""
    return [round(time * 1000) for time, _ in decoded_frames(path)]


def test_a_restored_avi_has_its_frames_in_order_at_the_films_own_times(tmp_path, avi, model_path):
    nearest = NearestRestorer(load_model(model_path), CPU)
    target = tmp_path / "out.mkv"
    restore_video(nearest, avi, target, VideoOptions(codec="ffv1", segment_frames=SEGMENT))
    info = probe(avi)
    times = info.times
    assert _shown_at(target) == [round(t * info.time_base * 1000) for t in times]
    assert len(times) == FRAMES and {b - a for a, b in pairwise(times)} == {1}
    sources = [pixels.astype(np.int16) for _, pixels in decoded_frames(avi)]
    for index, (_, restored) in enumerate(decoded_frames(target)):
        differences = [np.abs(restored[::2, ::2] - source).mean() for source in sources]
        assert int(np.argmin(differences)) == index


def test_every_frame_read_alone_is_the_picture_decoded_in_its_place(avi):
    whole = [pixels for _, pixels in decoded_frames(avi)]
    reader = FrameReader(avi)
    for index in [5, 40, 0, 13, 47, 23, 24, 11, 30]:  # back and forth, as a scrubber goes
        np.testing.assert_array_equal(reader.read(index), whole[index])


def test_a_resumed_run_with_a_cleanup_matches_a_whole_run(tmp_path, avi, model_path, monkeypatch):
    cleanup = FilmCleanup(remove_dust=True, calm_grain=True)
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT, cleanup=cleanup)
    whole = tmp_path / "whole.mkv"
    restore_video(FailingRestorer(load_model(model_path), CPU, 10**9), avi, whole, options)
    target = tmp_path / "out" / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(FailingRestorer(load_model(model_path), CPU, 28), avi, target, options)
    monkeypatch.setattr(frames_module, "_decode_from_beginning", _must_not_be_called)
    report = restore_video(
        FailingRestorer(load_model(model_path), CPU, 10**9), avi, target, options
    )
    assert report.resumed_from == 3 * SEGMENT  # and frames before it decoded again, to clean
    for (time_a, a), (time_b, b) in zip(decoded_frames(whole), decoded_frames(target), strict=True):
        assert time_a == time_b
        np.testing.assert_array_equal(a, b)


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("resuming decoded the film from its first frame")
