"""A finished set of frames that lacks some now (rejected at QC, a copy that failed, a full
disk): the same command again restores only what it lacks, as the whole run made it, the
model running for those frames alone; every other file is left as it is, and a set that
lacks nothing is said to be complete (``engine.video.frame_files``)."""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import pytest
import torch

from engine import provenance
from engine.cli import main
from engine.errors import ImageWriteError, RekindleError, WriteError
from engine.restorer import RestoreOptions
from engine.video import frame_files
from engine.video.frame_files import FrameFiles, finished_frames, restore_frame_files
from engine.video.probe import probe
from engine.video.restore import VideoOptions
from engine.video.temporal import FilmCleanup
from tests.test_held_pictures import HOLD, _held_film
from tests.video_helpers import (
    EVERY_CLEANUP,
    FailingRestorer,
    make_clip,
    make_interlaced_clip,
    tiny_restorer,
)

FRAMES = 12
CPU = torch.device("cpu")
NEVER = 10**9  # a FailingRestorer that never fails: it counts the frames the model restores
GRAINY_AND_CLEANED = VideoOptions(frames=RestoreOptions(grain=0.4), cleanup=EVERY_CLEANUP)


class _Then(datetime):
    """The clock a result's EXIF is dated by, stopped: files of the same frame written at
    other times are then the same bytes."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2024, 5, 1, 12, 0, 0)


@pytest.fixture(autouse=True)
def stopped_clock(monkeypatch):
    monkeypatch.setattr(provenance, "datetime", _Then)


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


def _counting(restorer) -> FailingRestorer:
    return FailingRestorer(restorer.model, CPU, NEVER)


def _film(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_clip(path, frames=FRAMES, size=(64, 48))  # with sound


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Each file the frames' folder shows (its hidden record left out): its bytes and time."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in folder.iterdir()
        if path.is_file() and not path.name.startswith(".")
    }


def _bytes(files: dict[str, tuple[bytes, int]]) -> dict[str, bytes]:
    return {name: data for name, (data, _) in files.items()}


def _check_only_rewritten(before: dict, after: dict, rewritten: set[str]) -> None:
    """Every file is the same bytes as ``before``; those but ``rewritten`` were not touched."""
    assert _bytes(after) == _bytes(before)
    touched = {name for name in before if after[name][1] != before[name][1]}
    assert touched == rewritten


@pytest.mark.parametrize(
    ("suffix", "options"), [(".png", VideoOptions()), (".dpx", GRAINY_AND_CLEANED)]
)
def test_frames_removed_from_a_finished_set_alone_are_restored_as_the_whole_run_made_them(
    tmp_path, restorer, suffix, options
):
    film = _film(tmp_path / "film.mp4")
    out = tmp_path / "out"
    pattern = out / f"f_%03d{suffix}"
    restore_frame_files(restorer, film, pattern, options)
    whole = _files(out)
    gone = {f"f_005{suffix}", f"f_012{suffix}"}  # one inside the film, its last
    for name in gone:
        (out / name).unlink()
    counting, notes = _counting(restorer), []
    report = restore_frame_files(counting, film, pattern, options, on_notice=notes.append)
    _check_only_rewritten(whole, _files(out), gone)
    assert counting.frames == 2
    assert notes == [f"restored the 2 missing frames of f_%03d{suffix}: 5, 12"]
    assert report.frames == FRAMES
    assert finished_frames(pattern, probe(film))


@pytest.mark.parametrize("deinterlace", [True, False])  # its frames made whole, or fields kept
def test_frames_of_an_interlaced_film_are_restored_again_as_the_whole_run_made_them(
    tmp_path, restorer, deinterlace
):
    film = make_interlaced_clip(tmp_path / "interlaced.mkv")
    out = tmp_path / "out"
    pattern = out / "f_%03d.tif"
    options = VideoOptions(deinterlace=deinterlace, cleanup=FilmCleanup(remove_dust=True))
    restore_frame_files(restorer, film, pattern, options)
    whole = _files(out)
    gone = {"f_004.tif", "f_005.tif"}
    for name in gone:
        (out / name).unlink()
    counting = _counting(restorer)
    restore_frame_files(counting, film, pattern, options)
    _check_only_rewritten(whole, _files(out), gone)
    # each field of a frame whose fields are kept is enlarged on its own
    assert counting.frames == (2 if deinterlace else 4)


def test_a_finished_set_that_lacks_nothing_is_complete_and_nothing_is_written(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4")
    pattern = tmp_path / "out" / "f_%03d.png"
    restore_frame_files(restorer, film, pattern)
    whole = _files(tmp_path / "out")
    counting, notes = _counting(restorer), []
    report = restore_frame_files(counting, film, pattern, on_notice=notes.append)
    assert _files(tmp_path / "out") == whole
    assert counting.frames == 0
    assert notes == [
        f"f_%03d.png is complete (all {FRAMES} frames of film.mp4, whole); nothing was written"
    ]
    assert report.resumed_from == FRAMES


def test_a_frame_cut_short_and_sound_lost_are_written_again(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4")
    out = tmp_path / "out"
    pattern = out / "f_%03d.dpx"
    restore_frame_files(restorer, film, pattern)
    whole = _files(out)
    os.truncate(out / "f_006.dpx", (out / "f_006.dpx").stat().st_size // 2)  # a copy cut short
    (sound,) = FrameFiles.of(pattern, probe(film)).sound()
    sound.unlink()
    assert not finished_frames(pattern, probe(film))
    counting, notes = _counting(restorer), []
    restore_frame_files(counting, film, pattern, on_notice=notes.append)
    _check_only_rewritten(whole, _files(out), {"f_006.dpx", sound.name})
    assert counting.frames == 1
    assert notes == [
        "restored the frame of f_%03d.dpx whose file was not whole: 6",
        f"wrote {sound.name} again, which was missing or not whole",
    ]
    assert finished_frames(pattern, probe(film))


def test_frames_lacking_inside_a_held_picture_restore_it_once_as_the_whole_run_did(
    tmp_path, restorer
):
    film = _held_film(tmp_path / "held.mkv")
    out = tmp_path / "out"
    pattern = out / "f_%03d.png"
    options = VideoOptions(frames=RestoreOptions(grain=0.5))
    restore_frame_files(restorer, film, pattern, options)
    whole = _files(out)
    # the second picture's second frame (its first frame shown twice), and its fifth
    gone = {f"f_{HOLD + 2:03d}.png", f"f_{HOLD + 5:03d}.png"}
    for name in gone:
        (out / name).unlink()
    counting = _counting(restorer)
    restore_frame_files(counting, film, pattern, options)
    _check_only_rewritten(whole, _files(out), gone)
    assert counting.frames == 1  # the picture held, though the frame it began on is there


def test_a_finished_set_lacking_frames_is_refused_with_other_settings_as_before(tmp_path, restorer):
    film = _film(tmp_path / "film.mp4")
    out = tmp_path / "out"
    pattern = out / "f_%03d.png"
    restore_frame_files(restorer, film, pattern)
    (out / "f_002.png").unlink()
    left = _files(out)
    grainy = VideoOptions(frames=RestoreOptions(grain=1))
    with pytest.raises(RekindleError, match="and 10 more frames are there already"):
        restore_frame_files(restorer, film, pattern, grainy)
    assert _files(out) == left
    counting = _counting(restorer)
    restore_frame_files(counting, film, pattern, VideoOptions(frames=grainy.frames, overwrite=True))
    assert counting.frames == FRAMES  # overwriting restores them all, as before


def test_a_run_filling_in_that_stops_leaves_the_rest_to_the_next(tmp_path, restorer, monkeypatch):
    film = _film(tmp_path / "film.mp4")
    out = tmp_path / "out"
    pattern = out / "f_%03d.png"
    restore_frame_files(restorer, film, pattern)
    whole = _files(out)
    for name in ("f_003.png", "f_007.png"):
        (out / name).unlink()
    write = frame_files.write_picture

    def disk_full_at_frame_7(picture, path, **given):
        if path.name != "f_007.png":
            return write(picture, path, **given)
        saving = WriteError("f_007.png: cannot be saved (the disk is full)")
        saving.__cause__ = OSError(errno.ENOSPC, "No space left on device")
        raise ImageWriteError(saving.sentence) from saving

    with monkeypatch.context() as patch:
        patch.setattr(frame_files, "write_picture", disk_full_at_frame_7)
        with pytest.raises(WriteError, match="could not be written from frame 7 on"):
            restore_frame_files(restorer, film, pattern)
    assert (out / "f_003.png").read_bytes() == whole["f_003.png"][0]
    counting, notes = _counting(restorer), []
    restore_frame_files(counting, film, pattern, on_notice=notes.append)
    assert counting.frames == 1
    assert notes == ["restored the missing frame of f_%03d.png: 7"]
    assert _bytes(_files(out)) == _bytes(whole)


def test_the_same_command_fills_in_the_frames_qc_removed(tmp_path, tiny_model_file, capsys):
    film = _film(tmp_path / "film.mp4")
    out = tmp_path / "out"
    command = ["restore-video", str(film), "-o", str(out / "film_%06d.dpx"), "--remove-dust"]
    command += ["--model", str(tiny_model_file)]
    assert main(command) == 0
    whole = _files(out)
    capsys.readouterr()
    for name in ("film_000003.dpx", "film_000010.dpx"):
        (out / name).unlink()
    assert main(command) == 0
    said = capsys.readouterr()
    assert "restored the 2 missing frames of film_%06d.dpx: 3, 10" in said.err
    assert "1 restored, 0 failed" in said.out
    _check_only_rewritten(whole, _files(out), {"film_000003.dpx", "film_000010.dpx"})
