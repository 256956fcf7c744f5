"""A film with damaged frames is restored all the same, and the damaged frames are named, so
a restorer can look at them: FFmpeg fills in what it can of a damaged frame and says so. It
notices only some damage (what depends on the content and, with frame threads, on timing),
so the tests check that what is named lies among the frames damaged, and that some is."""

import re

import pytest
import torch

from engine.cli import main
from engine.library.loading import load_model
from engine.video import VideoOptions, frame_numbers, restore_video
from tests.video_helpers import FailingRestorer, damage_frames, make_clip, tiny_restorer

FRAMES = 22


def _damaged_clip(folder):
    """A clip whose frames 1 to 11 that are not keyframes are damaged, and their places."""
    clip = make_clip(folder / "film.mp4", frames=FRAMES, size=(64, 48), audio=None)
    return clip, set(damage_frames(clip, range(1, 12)))


def test_the_report_names_the_damaged_frames_across_a_resumed_run(tmp_path):
    clip, damaged = _damaged_clip(tmp_path)
    model = load_model(tiny_restorer(tmp_path).model.descriptor.path)
    options = VideoOptions(codec="ffv1", segment_frames=4)
    target = tmp_path / "out" / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):  # after the damaged segments
        restore_video(FailingRestorer(model, torch.device("cpu"), 12), clip, target, options)
    report = restore_video(
        FailingRestorer(model, torch.device("cpu"), 10**9), clip, target, options
    )
    assert report.resumed_from == 12
    assert report.frames == FRAMES
    # Frames 1-11 were all read by the first run: what is named came through its journal.
    assert report.damaged_frames and set(report.damaged_frames) <= damaged
    assert list(report.damaged_frames) == sorted(report.damaged_frames)


def test_an_intact_film_reports_no_damage(tmp_path):
    clip = make_clip(tmp_path / "film.mp4", frames=8, size=(64, 48), audio=None)
    restorer = tiny_restorer(tmp_path)
    report = restore_video(restorer, clip, tmp_path / "out.mp4", VideoOptions())
    assert report.damaged_frames == ()


def _numbers(text):
    """The frame numbers in ``frame_numbers``' text, as places (from 0)."""
    places = set()
    for part in text.split(", "):
        first, _, last = part.partition("–")
        places.update(range(int(first) - 1, int(last or first)))
    return places


def test_the_command_line_warns_with_the_frame_numbers(tmp_path, capsys):
    clip, damaged = _damaged_clip(tmp_path)
    model = tiny_restorer(tmp_path).model.descriptor.path
    code = main(
        ["restore-video", str(clip), "-o", str(tmp_path / "out.mp4"), "--model", str(model)]
    )
    assert code == 0
    err = capsys.readouterr().err
    found = re.search(r"warning: damaged frames in film\.mp4: (.+) \((\d+) in all\)", err)
    assert found is not None
    named = _numbers(found.group(1))
    assert named <= damaged and len(named) == int(found.group(2)) >= 1


def test_frame_numbers_count_from_one_and_join_runs():
    assert frame_numbers([6]) == "7"
    assert frame_numbers([9, 2, 3, 4, 30]) == "3–5, 10, 31"
    assert frame_numbers(list(range(0, 40, 2)), limit=3) == "1, 3, 5, …"
    assert frame_numbers([]) == ""
    assert _numbers(frame_numbers([9, 2, 3, 4, 30])) == {2, 3, 4, 9, 30}
