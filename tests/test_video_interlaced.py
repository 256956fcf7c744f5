"""Interlaced films: each frame is made whole (FFmpeg's bwdif) before it is enlarged, so a
moving edge does not come out as a 4x comb; one picture per frame, so frame count, times,
resuming and the one-frame preview all stay as they are for other films."""

import numpy as np
import pytest
import torch

from engine.cli import main
from engine.library.loading import load_model
from engine.video import VideoOptions, probe, read_frame, restore_video
from engine.video.frames import decode_frames
from tests.video_helpers import (
    FailingRestorer,
    NearestRestorer,
    combing,
    decoded_frames,
    make_clip,
    make_interlaced_clip,
    tiny_restorer,
)

FRAMES = 22


@pytest.fixture
def interlaced(tmp_path):
    return make_interlaced_clip(tmp_path / "dv.mp4", frames=FRAMES)


@pytest.fixture
def nearest(tmp_path):
    model = tiny_restorer(tmp_path).model
    return NearestRestorer(model, torch.device("cpu"))


def _mean_combing(path):
    return np.mean([combing(pixels) for _, pixels in decoded_frames(path)])


def test_the_stream_says_whether_it_is_interlaced(tmp_path, interlaced):
    assert probe(interlaced).interlaced
    assert not probe(make_clip(tmp_path / "progressive.mp4", frames=4)).interlaced


def test_an_interlaced_film_comes_out_whole_unless_told_otherwise(tmp_path, interlaced, nearest):
    woven = _mean_combing(interlaced)
    lossless = VideoOptions(codec="ffv1")
    made_whole = restore_video(nearest, interlaced, tmp_path / "whole.mkv", lossless)
    kept = restore_video(
        nearest, interlaced, tmp_path / "fields.mkv", VideoOptions(codec="ffv1", deinterlace=False)
    )
    assert made_whole.joined == "video" and not kept.joined
    # Repeating pixels keeps the comb's lines (two output lines per source line): measured
    # on the source's grid, the fields woven together stay combed, the whole frames do not.
    assert _mean_combing(tmp_path / "fields.mkv") > 0.4 * woven
    assert _mean_combing(tmp_path / "whole.mkv") < 0.1 * woven
    assert probe(tmp_path / "whole.mkv").frames == FRAMES
    times = [t for t, _ in decoded_frames(interlaced)]
    assert [t for t, _ in decoded_frames(tmp_path / "whole.mkv")] == times


def test_a_resumed_interlaced_film_matches_an_uninterrupted_run(tmp_path, interlaced):
    model = load_model(tiny_restorer(tmp_path).model.descriptor.path)
    options = VideoOptions(codec="ffv1", segment_frames=4)
    whole = tmp_path / "whole.mkv"
    restore_video(FailingRestorer(model, torch.device("cpu"), 10**9), interlaced, whole, options)
    target = tmp_path / "out" / "dv.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(FailingRestorer(model, torch.device("cpu"), 10), interlaced, target, options)
    report = restore_video(
        FailingRestorer(model, torch.device("cpu"), 10**9), interlaced, target, options
    )
    assert report.resumed_from == 8
    for (_, a), (_, b) in zip(decoded_frames(whole), decoded_frames(target), strict=True):
        np.testing.assert_array_equal(a, b)


def test_the_one_frame_preview_reads_the_frame_the_whole_run_restores(interlaced):
    info = probe(interlaced)
    every = [frame.pixels for frame in decode_frames(info)]
    for index in (0, 9, FRAMES - 1):
        np.testing.assert_array_equal(read_frame(interlaced, index), every[index])
    assert combing(every[9]) < 0.1 * combing(
        next(f.pixels for f in decode_frames(info, deinterlace=False) if f.index == 9)
    )


def test_fields_kept_and_fields_joined_are_not_mixed_in_one_film(tmp_path, interlaced):
    model = load_model(tiny_restorer(tmp_path).model.descriptor.path)
    target = tmp_path / "out" / "dv.mkv"
    kept = VideoOptions(codec="ffv1", segment_frames=4, deinterlace=False)
    with pytest.raises(RuntimeError):
        restore_video(FailingRestorer(model, torch.device("cpu"), 9), interlaced, target, kept)
    joined = VideoOptions(codec="ffv1", segment_frames=4)
    report = restore_video(
        FailingRestorer(model, torch.device("cpu"), 10**9), interlaced, target, joined
    )
    assert report.resumed_from == 0


def test_the_command_line_deinterlaces_and_says_so(tmp_path, interlaced, capsys):
    model = str(tiny_restorer(tmp_path).model.descriptor.path)
    assert (
        main(["restore-video", str(interlaced), "-o", str(tmp_path / "a.mp4"), "--model", model])
        == 0
    )
    assert capsys.readouterr().out.splitlines()[0].endswith(", deinterlaced")
    args = ["restore-video", str(interlaced), "-o", str(tmp_path / "b.mp4"), "--model", model]
    assert main([*args, "--no-deinterlace"]) == 0
    assert "deinterlaced" not in capsys.readouterr().out
