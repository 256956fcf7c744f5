"""An unfinished film after Rekindle is updated or reinstalled: a model is known by its file's
bytes, so the same model written anew (elsewhere, or at another time) continues the film, and
a run that cannot continue the work there says so before it starts over."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import torch

from engine.chain import model_identity
from engine.cli import main
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.video import VideoOptions, restore_video
from engine.video.segments import SOURCE_MARK, other_unfinished_work, work_folder
from tests.video_helpers import FailingRestorer, leftovers, make_clip

SEGMENT = 4
CRASH_AFTER = 8  # frames: two segments finished
OPTIONS = VideoOptions(codec="ffv1", segment_frames=SEGMENT)  # as ``_command`` says
STARTS_OVER = "made with other settings or another version of Rekindle cannot be continued"


def _model(path: Path, seed: int = 0) -> Path:
    """A tiny 4x model file; another ``seed`` gives other weights of the same size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    return save_model(network, path, display_name="Tiny")


@pytest.fixture
def film(tmp_path: Path) -> Path:
    return make_clip(tmp_path / "film.mp4", frames=12, size=(64, 48), audio=None)


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    return _model(tmp_path / "install" / "tiny.safetensors")


def _restorer(model: Path, fail_after: int = 10**9) -> FailingRestorer:
    return FailingRestorer(load_model(model), torch.device("cpu"), fail_after)


def _crash_midway(model: Path, film: Path, target: Path, **told: object) -> None:
    """Restore ``film`` with ``model`` until a crash, two segments finished."""
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(_restorer(model, CRASH_AFTER), film, target, OPTIONS, **told)


def _command(model: Path, film: Path, target: Path) -> list[str]:
    return [
        "restore-video", str(film), "-o", str(target), "--model", str(model),
        "--codec", "ffv1", "--segment-frames", str(SEGMENT),
    ]  # fmt: skip


def _reinstalled(model: Path, tmp_path: Path) -> Path:
    """``model``'s bytes in a new install folder, the old one gone."""
    copy = tmp_path / "new install" / model.name
    copy.parent.mkdir()
    shutil.copyfile(model, copy)
    shutil.rmtree(model.parent)
    return copy


def _touched(model: Path, tmp_path: Path) -> Path:
    """``model`` written anew where it is: its bytes, an hour later."""
    later = model.stat().st_mtime_ns + 3600 * 10**9
    os.utime(model, ns=(later, later))
    return model


@pytest.mark.parametrize("update", [_reinstalled, _touched], ids=["reinstalled", "touched"])
def test_the_same_model_written_anew_continues_the_film(tmp_path, film, installed, update, capsys):
    target = tmp_path / "out" / "film.mkv"
    _crash_midway(installed, film, target)
    model = update(installed, tmp_path)
    capsys.readouterr()
    assert main(_command(model, film, target)) == 0
    said = capsys.readouterr()
    assert re.search(r"film\.mkv: 12 frames, .*continued from frame 8", said.out)
    assert STARTS_OVER not in said.err
    assert leftovers(target.parent, {"film.mkv"}) == []


def test_a_model_file_with_other_bytes_starts_over_saying_so(tmp_path, film, installed, capsys):
    target = tmp_path / "out" / "film.mkv"
    _crash_midway(installed, film, target)
    (earlier,) = target.parent.glob(".*.rekindle")
    _model(installed, seed=1)  # the same name and size, other weights
    capsys.readouterr()
    assert main(_command(installed, film, target)) == 0
    said = capsys.readouterr()
    (note,) = [line for line in said.err.splitlines() if STARTS_OVER in line]
    assert note == f"note: an unfinished restoration of film.mp4 {STARTS_OVER}; it starts over"
    assert "continued from frame" not in said.out
    assert not earlier.exists()  # the film written, the work it could not continue goes
    assert leftovers(target.parent, {"film.mkv"}) == []


def test_the_work_that_cannot_be_continued_stays_until_the_film_is_written(
    tmp_path, film, installed
):
    target = tmp_path / "out" / "film.mkv"
    _crash_midway(installed, film, target)
    (earlier,) = target.parent.glob(".*.rekindle")
    _model(installed, seed=1)
    notes: list[str] = []
    _crash_midway(installed, film, target, on_notice=notes.append)
    assert [STARTS_OVER in note for note in notes] == [True]
    assert earlier.is_dir() and len(list(target.parent.glob(".*.rekindle"))) == 2
    again: list[str] = []  # its own work goes on from frame 8, and nothing is said
    report = restore_video(_restorer(installed), film, target, OPTIONS, on_notice=again.append)
    assert (report.resumed_from, again) == (CRASH_AFTER, [])
    assert leftovers(target.parent, {"film.mkv"}) == []


def test_the_model_is_known_by_its_bytes(tmp_path, installed):
    loaded = model_identity(load_model(installed))
    copy = tmp_path / "elsewhere" / installed.name
    copy.parent.mkdir()
    shutil.copy2(installed, copy)
    _touched(copy, tmp_path)
    assert model_identity(load_model(copy)) == loaded
    _model(installed, seed=1)
    assert model_identity(load_model(installed)) != loaded


def test_a_model_file_replaced_after_it_was_loaded_is_not_taken_for_the_new_one(installed):
    model = load_model(installed)
    _model(installed, seed=1)
    assert model_identity(model) != model_identity(load_model(installed))


def _work(target: Path, key: str, segments: list[dict], version: int = 1) -> Path:
    """A job's folder whose journal (of journal ``version``) lists ``segments``."""
    folder = work_folder(target, key)
    folder.mkdir(parents=True)
    journal = {"version": version, "key": key, "frames": 12, "segment_frames": SEGMENT}
    (folder / "journal.json").write_text(json.dumps({**journal, "segments": segments}))
    return folder


def test_other_unfinished_work_is_that_of_the_same_film_with_frames_finished(tmp_path):
    target = tmp_path / "film.mkv"
    ours = f"{'a' * 64}{SOURCE_MARK}{'f' * 16}"
    done = [{"index": 0, "first": 0, "frames": SEGMENT}]
    older = _work(target, "b" * 64, done)  # by a version whose keys named no film
    other_settings = _work(target, f"{'c' * 64}{SOURCE_MARK}{'f' * 16}", done)
    _work(target, f"{'d' * 64}{SOURCE_MARK}{'e' * 16}", done)  # another film's
    _work(target, f"{'e' * 64}{SOURCE_MARK}{'f' * 16}", [])  # no frame finished
    _work(target, ours, done)
    assert other_unfinished_work(target, ours) == sorted([older, other_settings])
