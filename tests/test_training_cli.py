"""``python -m training train`` end to end: progress, metrics file, resume, a loadable model."""

import json
import re
import sys

import cv2
import numpy as np
import pytest

from engine import console
from engine.library.loading import load_model
from engine.progress import CancelToken
from tests.test_console import EagerBar, Terminal
from tests.training_helpers import (
    _photos,
    press_ctrl_c_at_first_call,
    press_ctrl_c_at_step,
    tiny_dataset,
    training_in_another_process,
    validation_folder,
)
from training import pack as pack_module
from training import prepare as prepare_module
from training.checkpoint import checkpoint_path, load_checkpoint
from training.cli import _follow, main
from training.config import TrainingConfig
from training.events import StepEvent
from training.metrics_log import metrics_path
from training.prepare import MANIFEST
from training.step_clock import StepClock

SMALL = [
    "--width",
    "8",
    "--depth",
    "1",
    "--up-width",
    "8",
    "--disc-width",
    "8",
    "--disc-depth",
    "2",
    "--batch",
    "2",
    "--checkpoint-every",
    "2",
    "--validate-every",
    "3",
]


def test_train_then_resume_for_more_steps(tmp_path, capsys):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "mine.safetensors"
    args = [
        "train",
        str(dataset),
        "--out",
        str(out),
        "--val",
        str(validation_folder(tmp_path)),
        "--warmup-steps",
        "2",
        "--steps",
        "1",
        "--name",
        "My photos",
        *SMALL,
    ]
    assert main(args) == 0
    text = capsys.readouterr()
    assert "finished at step 3" in text.out + text.err
    assert "PSNR" in text.out + text.err
    assert load_model(out).descriptor.training["steps_done"] == 3

    with open(metrics_path(out), "a") as stream:  # as if killed after a step past the checkpoint
        stream.write(json.dumps({"type": "step", "step": 4}) + "\n")  # and while writing one
        stream.write(json.dumps({"type": "step", "step": 5})[:9])
    assert main(["train", str(dataset), "--out", str(out), "--resume", "--steps", "3"]) == 0
    model = load_model(out)
    assert model.descriptor.training["steps_done"] == 5
    assert model.descriptor.training["config"]["width"] == 8  # the checkpoint's config was kept
    assert model.descriptor.display_name == "My photos"
    records = [json.loads(line) for line in metrics_path(out).read_text().splitlines()]
    steps = [r["step"] for r in records if r["type"] == "step"]
    assert steps == [1, 2, 3, 4, 5]
    validated = [r["step"] for r in records if r["type"] == "validation"]
    assert validated == [3, 5]  # the resumed run validated on the set given at the start


def test_bad_dataset_is_a_clear_error(tmp_path, capsys):
    assert main(["train", str(tmp_path), "--out", str(tmp_path / "m.safetensors")]) == 2
    assert "not a prepared dataset" in capsys.readouterr().err


def test_precision_and_content_loss_options_reach_the_run(tmp_path):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    options = ["--amp", "bf16", "--content-loss", "charbonnier", "--fft-weight", "0.1"]
    options += ["--checkpoint-seconds", "600"]
    assert main(["train", str(dataset), "--out", str(out), "--steps", "1", *SMALL, *options]) == 0
    training = load_model(out).descriptor.training
    config = training["config"]
    assert (config["content_loss"], config["fft_weight"]) == ("charbonnier", 0.1)
    assert config["checkpoint_seconds"] == 600.0
    assert training["runs"][-1]["amp"] == "bf16"


def _train(dataset, out, *more):
    return main(["train", str(dataset), "--out", str(out), *SMALL, *more])


def test_the_same_command_again_continues_from_the_checkpoint(tmp_path, capsys):
    """Run again without --resume, a run stopped at its checkpoint goes on from there, as a
    batch run again skips what it restored."""
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "mine.safetensors"
    assert _train(dataset, out, "--steps", "2") == 0
    assert _train(dataset, out, "--steps", "4") == 0
    assert "continuing from step 2" in capsys.readouterr().out
    assert load_model(out).descriptor.training["steps_done"] == 4
    records = [json.loads(line) for line in metrics_path(out).read_text().splitlines()]
    assert [r["step"] for r in records if r["type"] == "step"] == [1, 2, 3, 4]


def test_a_model_name_that_cannot_be_this_runs_is_refused_before_training(tmp_path, capsys):
    dataset = tiny_dataset(tmp_path)
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"a person's photo")
    (tmp_path / "folder.safetensors").mkdir()
    other = tmp_path / "other.safetensors"
    other.write_bytes(b"another model")
    refusals = {
        photo: "must end in .safetensors",
        tmp_path / "model.pt": "must end in .safetensors",
        tmp_path / "folder.safetensors": "is a folder",
        other: "already exists and no run of it is there to continue",
    }
    for out, reason in refusals.items():
        assert _train(dataset, out, "--steps", "1") == 2
        assert reason in capsys.readouterr().err
    assert photo.read_bytes() == b"a person's photo"
    assert other.read_bytes() == b"another model"
    assert not list(tmp_path.glob("*.checkpoint.pt"))  # refused before any step


def test_settings_that_would_fail_mid_run_are_refused_at_the_start(tmp_path, capsys):
    dataset = tiny_dataset(tmp_path)  # 32 px crops
    out = tmp_path / "m.safetensors"
    refusals = [
        (["--checkpoint-every", "0"], "every 1 step or more"),
        (["--validate-every", "0"], "every 1 step or more"),
        (["--patch", "8"], "at least 32 px"),
        (["--disc-width", "0"], "at least 1"),
        (["--disc-depth", "6"], "--disc-depth of at most 5"),
        (["--lr-generator", "-1"], "learning rates must be above 0"),
        (["--seed", "-1"], "the seed cannot be negative"),
    ]
    for more, reason in refusals:
        assert _train(dataset, out, "--steps", "1", *more) == 2
        assert reason in capsys.readouterr().err
    assert not out.exists()


def test_a_validation_set_must_hold_a_photo_large_enough_to_measure(tmp_path, capsys, caplog):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    val = validation_folder(tmp_path)
    (val / "tiny.png").write_bytes((tmp_path / "dataset" / "hr" / "000000.png").read_bytes())
    cv2.imwrite(str(val / "a-speck.png"), np.zeros((3, 3, 3), np.uint8))  # sorted first
    assert _train(dataset, out, "--steps", "1", "--val", str(val), "--val-limit", "1") == 0
    assert "a-speck.png: too small to validate on (under 32 px)" in caplog.text
    assert load_model(out).descriptor.training["validation"]["psnr"] > 0  # the next one served
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _train(dataset, tmp_path / "n.safetensors", "--steps", "1", "--val", str(empty)) == 2
    assert "no photo there to validate on" in capsys.readouterr().err


def test_a_validation_limit_below_one_is_refused(tmp_path, capsys):
    dataset = tiny_dataset(tmp_path)
    for limit in ("0", "-1"):
        with pytest.raises(SystemExit):
            _train(dataset, tmp_path / "m.safetensors", "--val-limit", limit)
        assert "--val-limit: must be 1 or more" in capsys.readouterr().err


def test_the_bar_follows_a_timed_runs_estimate_of_its_steps(monkeypatch):
    """A run for --seconds estimates its steps as it goes: the bar's end moves with it."""
    monkeypatch.setattr(console, "tqdm", EagerBar)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    totals = [2, 4, 5, 5, 5]
    events = [
        StepEvent(step, total, "warmup", {"l1": 0.1}, None, None, 1e-4, 1e-4, 8.0, step)
        for step, total in enumerate(totals, start=1)
    ]
    clock = StepClock.for_run(TrainingConfig(seconds=5.0))
    assert _follow(events, CancelToken(), clock) is None
    drawn = set(re.findall(r"training +(\d+)%", terminal.getvalue()))
    assert {"50", "60", "80", "100"} <= drawn  # step 2 of 4, then 3 and 4 of 5


def test_a_second_trainer_of_one_model_is_refused_and_a_killed_one_blocks_none(tmp_path, capsys):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "mine.safetensors"
    assert _train(dataset, out, "--steps", "2") == 0
    checkpoint = checkpoint_path(out).read_bytes()
    capsys.readouterr()

    holder = training_in_another_process(out)
    assert _train(dataset, out, "--steps", "4") == 2
    refusal = (
        f"{out} is being trained by another run (process {holder.pid}); wait for it or stop it"
    )
    assert refusal in capsys.readouterr().err
    assert checkpoint_path(out).read_bytes() == checkpoint  # its files left as they were

    holder.kill()
    holder.communicate()
    assert _train(dataset, out, "--steps", "4") == 0
    assert "continuing from step 2" in capsys.readouterr().out


def test_ctrl_c_says_at_once_that_it_saves_first_and_a_second_stops_at_once(
    tmp_path, capsys, monkeypatch
):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "mine.safetensors"
    press_ctrl_c_at_step(monkeypatch, 3)
    press_ctrl_c_at_step(monkeypatch, 3)  # pressed twice at step 3
    assert _train(dataset, out, "--steps", "8") == 130
    text = capsys.readouterr().err
    said = "stopping: saving a checkpoint and the model first (Ctrl+C again stops at once)"
    assert said in text
    assert (
        "stopped at once; run the same command again to continue from its last checkpoint" in text
    )
    assert not out.exists()  # stopped before validating and saving the model
    assert load_checkpoint(checkpoint_path(out))["step"] == 2  # the one written before stays

    monkeypatch.undo()
    assert _train(dataset, out, "--steps", "2") == 0
    assert "continuing from step 2" in capsys.readouterr().out


def test_an_interrupted_prepare_or_pack_says_how_to_finish_it(tmp_path, capsys, monkeypatch):
    photos = _photos(tmp_path, 3)
    pairs = tmp_path / "pairs"
    prepare = ["prepare", str(photos), str(pairs), "--crop", "32", "--crops-per-image", "1"]
    press_ctrl_c_at_first_call(monkeypatch, prepare_module, "_write_png")
    assert main(prepare) == 130
    again = "run the same command again to prepare the dataset (it starts over)"
    assert f"stopped before the end; {again}" in capsys.readouterr().err
    assert not (pairs / MANIFEST).exists()
    monkeypatch.undo()
    assert main(prepare) == 0  # as said: run again, it makes the whole dataset
    assert "3 pairs from 3 photos" in capsys.readouterr().out

    packed = tmp_path / "photos.rkpack"
    press_ctrl_c_at_first_call(monkeypatch, pack_module, "_entry")
    assert main(["pack", str(photos), str(packed)]) == 130
    again = "run the same command again to pack the photos (it starts over)"
    assert f"stopped before the end; {again}" in capsys.readouterr().err
    assert not packed.exists()
    monkeypatch.undo()
    assert main(["pack", str(photos), str(packed)]) == 0
    assert packed.is_file()
