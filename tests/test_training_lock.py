"""The lock a trainer holds on the model it trains goes when the run ends, however it ends
(finished, stopped, refused), and a run refused before its first step leaves no folder made
for it; a run that opened the lock file just as its holder removed it takes the new one."""

import shutil
import sys
from dataclasses import replace

import pytest

from engine import busy
from engine.busy import Busy, Lock
from engine.progress import CancelToken
from tests.conftest import photo_path
from tests.training_helpers import TINY, _photos, press_ctrl_c_at_step, tiny_dataset
from training.checkpoint import checkpoint_path, lock_path
from training.cli import main
from training.events import StepEvent
from training.run_state import RunState
from training.run_training import run_events

SMALL = ["--width", "8", "--depth", "1", "--up-width", "8", "--disc-width", "8"]
SMALL += ["--disc-depth", "2", "--batch", "2", "--checkpoint-every", "2"]


def _train(dataset, out, *more) -> int:
    return main(["train", str(dataset), "--out", str(out), *SMALL, *more])


def test_a_finished_run_leaves_its_model_and_no_lock(tmp_path):
    out = tmp_path / "models" / "mine.safetensors"
    assert _train(tiny_dataset(tmp_path), out, "--steps", "2") == 0
    assert out.is_file()
    assert not lock_path(out).exists()


def test_a_stopped_run_leaves_its_checkpoint_and_no_lock(tmp_path, monkeypatch):
    out = tmp_path / "mine.safetensors"
    press_ctrl_c_at_step(monkeypatch, 3)
    assert _train(tiny_dataset(tmp_path), out, "--steps", "8") == 130
    assert checkpoint_path(out).is_file()
    assert not lock_path(out).exists()


@pytest.mark.parametrize(
    "refused",
    [
        ["--steps", "2"],  # a folder of photos, not a prepared dataset
        ["--steps", "2", "--resume"],
    ],
)
def test_a_run_refused_at_once_leaves_no_folder_and_no_lock(tmp_path, capsys, refused):
    photos = _photos(tmp_path, 1)
    out = tmp_path / "new" / "deeper" / "x.safetensors"
    assert _train(photos, out, *refused) == 2
    assert "error:" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_a_run_refused_in_a_folder_that_was_there_leaves_the_folder(tmp_path):
    out = tmp_path / "models" / "x.safetensors"
    out.parent.mkdir()
    assert _train(tmp_path / "models", out, "--steps", "2") == 2
    assert list(out.parent.iterdir()) == []


def test_a_wizard_run_closed_half_way_leaves_no_lock(tmp_path):
    state = RunState("20261204-120000", str(tmp_path), 4, False, "tiny", None)
    state.val_dir.mkdir(parents=True)
    shutil.copy(photo_path(3), state.val_dir / "kept.png")
    tiny_dataset(tmp_path).rename(state.dataset)
    run = run_events(state, replace(TINY, steps=4), "cpu", CancelToken())
    assert isinstance(next(run), StepEvent)
    assert lock_path(state.model_path).is_file()  # held while it trains
    run.close()
    assert not lock_path(state.model_path).exists()
    assert state.folder.is_dir()  # the run's own folder, made before, stays


@pytest.mark.skipif(sys.platform == "win32", reason="Windows removes no file a run has open")
def test_a_lock_file_removed_as_it_was_opened_is_taken_anew(tmp_path, monkeypatch):
    path = tmp_path / ".model.lock"
    first = Lock.take(path, str, remove=True)
    real_open = busy._open

    def open_as_the_holder_lets_go(opened, flags=0):
        fd = real_open(opened, flags)
        first.release()  # the holder lets go, removing the file this run has just opened
        return fd

    monkeypatch.setattr(busy, "_open", open_as_the_holder_lets_go)
    second = Lock.take(path, str)
    monkeypatch.undo()
    with pytest.raises(Busy):  # the second holds the file of that name, not a removed one
        Lock.take(path, str)
    second.release()
    assert path.is_file()  # taken without ``remove``: it stays
