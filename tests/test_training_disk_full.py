"""A disk that fills up during a training run: the file that could not be written is named,
and the person is told that the same command goes on from the last checkpoint, which it
does."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from engine.errors import sentence_for
from tests.fault_helpers import fill_the_disk_after
from tests.test_training_cli import SMALL
from tests.training_helpers import tiny_dataset
from training.checkpoint import checkpoint_path
from training.cli import main
from training.metrics_log import append_record, metrics_path

RESUME_HINT = "run the same command again to continue from its last checkpoint"


def _disk_full_for_records_after(monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    """Appending a metrics record of a step past ``step`` finds the disk full (as ``os.write``
    reports it, naming no file); every other write goes through."""
    real = os.write

    def write(descriptor: int, data: bytes) -> int:
        if data.startswith(b'{"type"') and json.loads(data)["step"] > step:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(descriptor, data)

    monkeypatch.setattr(os, "write", write)


def _train(dataset: Path, out: Path) -> list[str]:
    return ["train", str(dataset), "--out", str(out), "--warmup-steps", "2", "--steps", "2", *SMALL]


def test_a_record_that_finds_the_disk_full_names_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.metrics.jsonl"
    _disk_full_for_records_after(monkeypatch, 0)
    with pytest.raises(OSError) as failed:
        append_record(path, {"type": "step", "step": 1})
    assert failed.value.errno == errno.ENOSPC
    assert sentence_for(failed.value) == f"{path}: cannot be read or written (the disk is full)"


def test_a_run_the_disk_stops_says_how_to_go_on_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    with monkeypatch.context() as full:
        _disk_full_for_records_after(full, 2)  # the checkpoint of step 2 is written
        assert main(_train(dataset, out)) == 2
    said = capsys.readouterr()
    (error,) = [line for line in said.err.splitlines() if line.startswith("error:")]
    assert error.startswith(
        f"error: {metrics_path(out)}: cannot be read or written (the disk is full); {RESUME_HINT}"
    )
    assert checkpoint_path(out).is_file()

    assert main(_train(dataset, out)) == 0  # room made: the same command
    said = capsys.readouterr()
    assert "continuing from step 2" in said.out
    assert "finished at step 4" in said.out + said.err


def test_a_checkpoint_the_disk_has_no_room_for_says_how_to_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = tiny_dataset(tmp_path)
    fill_the_disk_after(monkeypatch, 1000)
    assert main(_train(dataset, tmp_path / "m.safetensors")) == 2
    (error,) = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert error == (
        f"error: m.checkpoint.pt: cannot be saved (the disk is full); {RESUME_HINT} "
        "(from the start if it wrote none)"
    )
