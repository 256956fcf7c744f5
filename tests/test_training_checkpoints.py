"""Checkpoints that travel: CPU tensors and plain data only, older ones still resume, a foreign
or incompatible one is refused in one sentence, and they fall due by the clock as well."""

import json
from dataclasses import replace

import pytest
import torch

from engine.errors import RekindleError, WriteError
from tests.fault_helpers import fill_the_disk_after, part_files
from tests.training_helpers import TINY, tiny_dataset
from training.checkpoint import CheckpointTimer, checkpoint_path
from training.cli import main
from training.events import CheckpointEvent, StepEvent
from training.trainer import Trainer

LEAF_TYPES = (torch.Tensor, str, int, float, bool, type(None))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return tiny_dataset(tmp_path_factory.mktemp("ds"))


@pytest.fixture
def trained(dataset, tmp_path):
    """A model trained for two steps under bfloat16 autocast, with its checkpoint."""
    out = tmp_path / "m.safetensors"
    list(Trainer(dataset, out, replace(TINY, steps=2), device="cpu", amp="bf16").run())
    return out


def _leaves(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _edit_checkpoint(out, edit):
    path = checkpoint_path(out)
    state = torch.load(path, weights_only=True)
    edit(state)
    torch.save(state, path)


def test_a_checkpoint_holds_cpu_tensors_and_plain_data(trained):
    state = torch.load(checkpoint_path(trained), weights_only=True)  # no code, no classes
    leaves = list(_leaves(state))
    tensors = [leaf for leaf in leaves if isinstance(leaf, torch.Tensor)]
    assert tensors and all(t.device.type == "cpu" for t in tensors)
    assert all(isinstance(leaf, LEAF_TYPES) for leaf in leaves)
    assert not any(key.startswith("scaler") for key in state)  # bfloat16 needs no loss scaling


def test_a_checkpoint_from_the_float16_days_still_resumes(dataset, trained):
    def add_scalers(state):
        state["scaler_g"] = {"scale": 65536.0, "growth_factor": 2.0, "_growth_tracker": 3}
        state["scaler_d"] = {}

    _edit_checkpoint(trained, add_scalers)
    resumed = Trainer(dataset, trained, replace(TINY, steps=3), device="cpu", resume=True)
    assert [e.step for e in resumed.run() if isinstance(e, StepEvent)] == [3]


def test_a_checkpoint_with_settings_this_version_does_not_know_is_refused(dataset, trained, capsys):
    def add_setting(state):
        state["config"] = json.dumps({**json.loads(state["config"]), "hyper_drive": 2})

    _edit_checkpoint(trained, add_setting)
    with pytest.raises(RekindleError, match=r"settings this version does not know \(hyper_drive\)"):
        list(Trainer(dataset, trained, TINY, device="cpu", resume=True).run())
    assert main(["train", str(dataset), "--out", str(trained), "--resume"]) == 2
    printed = capsys.readouterr().err
    assert printed.startswith("error: the checkpoint was made by a newer Rekindle")
    assert "Error" not in printed and printed.count("\n") == 1


@pytest.mark.parametrize(
    ("change", "named"), [({"width": 10}, "width 8, not 10"), ({"disc_depth": 3}, "disc_depth 2")]
)
def test_a_checkpoint_for_another_network_is_refused(dataset, trained, change, named):
    trainer = Trainer(dataset, trained, replace(TINY, **change), device="cpu", resume=True)
    with pytest.raises(RekindleError, match=f"different network \\({named}"):
        list(trainer.run())


def test_a_file_that_is_no_checkpoint_is_refused(dataset, tmp_path):
    out = tmp_path / "m.safetensors"
    torch.save({"weights": torch.zeros(2)}, checkpoint_path(out))
    with pytest.raises(RekindleError, match="not a Rekindle training checkpoint"):
        list(Trainer(dataset, out, TINY, device="cpu", resume=True).run())


def test_a_full_disk_while_checkpointing_says_so_and_keeps_the_last_checkpoint(
    dataset, trained, monkeypatch
):
    """torch.save words a failed write as a RuntimeError ("unexpected pos"); the error the
    disk gave is what the person reads."""
    kept = checkpoint_path(trained).read_bytes()
    fill_the_disk_after(monkeypatch, 4096)
    trainer = Trainer(dataset, trained, replace(TINY, steps=4), device="cpu", resume=True)
    with pytest.raises(
        WriteError, match=r"^m\.checkpoint\.pt: cannot be saved \(the disk is full\)$"
    ):
        list(trainer.run())
    assert checkpoint_path(trained).read_bytes() == kept
    assert not part_files(trained.parent)


def test_checkpoints_also_fall_due_by_the_clock(dataset, tmp_path):
    """Every 10 s by a clock that advances 4 s a step: after steps 3 and 6 (not at the end)."""
    config = replace(TINY, steps=8, checkpoint_every=1000, checkpoint_seconds=10.0)
    trainer = Trainer(dataset, tmp_path / "m.safetensors", config, device="cpu")
    now = [0.0]
    trainer.checkpoint_timer = CheckpointTimer(config.checkpoint_seconds, clock=lambda: now[0])
    saved = []
    for event in trainer.run():
        if isinstance(event, StepEvent):
            now[0] += 4.0
        elif isinstance(event, CheckpointEvent):
            saved.append(event.step)
    assert saved == [3, 6]


def test_a_timer_of_zero_seconds_is_never_due():
    assert not CheckpointTimer(0.0, clock=lambda: 1e9).due()
