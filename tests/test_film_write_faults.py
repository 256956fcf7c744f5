"""Faults while a film's restored frames are written into its segments: a plain sentence that
names no work file, the frames restored so far kept for the next run (which goes on from
them), and an output folder removed mid-film said as such."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import av
import pytest
import torch

from engine.cli import main
from engine.errors import RekindleError
from engine.video import VideoOptions, restore_video
from engine.video.segments import OpenSegment
from tests.fault_helpers import fill_the_disk_after
from tests.video_helpers import (
    NearestRestorer,
    after_the_first_segment,
    make_clip,
    tiny_restorer,
)

FRAMES, SEGMENT = 12, 4
FULL = (
    "the restored frames could not be written (the disk is full); those restored so far "
    "are kept for the next run"
)


@pytest.fixture
def nearest(tmp_path: Path) -> NearestRestorer:
    return NearestRestorer(tiny_restorer(tmp_path).model, torch.device("cpu"))


@pytest.fixture
def film(tmp_path: Path) -> Path:
    return make_clip(tmp_path / "film.mp4", frames=FRAMES, audio=None)


def _disk_full(segment: OpenSegment) -> None:
    """As PyAV reports a full disk: its OSError, naming the segment's work file."""
    av.error.err_check(-errno.ENOSPC, filename=str(segment.encoder.path))


def _options() -> VideoOptions:
    return VideoOptions(segment_frames=SEGMENT)


def test_a_full_disk_while_a_segment_is_written_is_one_plain_sentence_and_a_rerun_goes_on(
    tmp_path: Path, nearest: NearestRestorer, film: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        after_the_first_segment(patch, _disk_full)
        with pytest.raises(RekindleError) as failed:
            restore_video(nearest, film, out / "film.mp4", _options())
    assert failed.value.sentence == FULL
    assert not isinstance(failed.value, OSError)

    report = restore_video(nearest, film, out / "film.mp4", _options())  # room made
    assert report.resumed_from == SEGMENT
    assert report.frames == FRAMES


def test_segment_times_the_disk_has_no_room_for_are_the_same_sentence(
    tmp_path: Path, nearest: NearestRestorer, film: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment's packet times, written atomically, fail as a ``WriteError`` naming a work
    file ("segment-00001.packets.json: cannot be saved"): said as frames not written."""
    after_the_first_segment(monkeypatch, lambda _: fill_the_disk_after(monkeypatch, 0))
    with pytest.raises(RekindleError) as failed:
        restore_video(nearest, film, tmp_path / "out" / "film.mp4", _options())
    assert failed.value.sentence == FULL


def test_an_output_folder_removed_mid_film_is_said_as_such(
    tmp_path: Path, nearest: NearestRestorer, film: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    after_the_first_segment(monkeypatch, lambda _: shutil.rmtree(out, ignore_errors=True))
    with pytest.raises(RekindleError) as failed:
        restore_video(nearest, film, out / "film.mp4", _options())
    assert failed.value.sentence == (
        f"the output folder {out} no longer exists; restoring the film again starts it over"
    )


def test_the_command_line_says_a_full_disk_in_one_plain_line(
    tmp_path: Path,
    nearest: NearestRestorer,
    film: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    after_the_first_segment(monkeypatch, _disk_full)
    model = nearest.model.descriptor.path
    args = ["restore-video", str(film), "-o", str(tmp_path / "out") + "/", "--model", str(model)]
    assert main([*args, "--segment-frames", str(SEGMENT)]) == 1
    (line,) = [line for line in capsys.readouterr().err.splitlines() if "failed" in line]
    assert line == f"failed: film.mp4: {FULL}"
