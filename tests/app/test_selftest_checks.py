"""The self-test's checks of what an install must carry beyond the restoring model: the
trainer takes real steps, a community model loads through spandrel and restores, and a missing
default model is named as such."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from torch._inductor.runtime.cache_dir_utils import default_cache_dir

import app.selftest
from app.selftest import run_self_test
from engine import paths
from training.trainer import Trainer

SHIPPED_MODELS = Path(__file__).resolve().parents[2] / "resources" / "models"


def _self_test(model: str = "default") -> tuple[int, str]:
    lines: list[str] = []
    status = run_self_test(model, output=lines.append)
    [line] = lines
    return status, line


@pytest.fixture
def throwaway_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the self-test's checks work in, to see what they leave."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_self_test_trains_and_restores_with_a_community_model_leaving_nothing(
    tiny_model: Path, private_data_dir: Path, throwaway_temp: Path, monkeypatch
):
    """From source every check passes; the training validates (the path that reaches torch's
    compiler stance), and neither the temporary folder nor the person's data keep a file of
    it."""
    validations = []
    real_validate = Trainer.validate

    def validate(trainer: Trainer):
        validations.append(trainer.step)
        return real_validate(trainer)

    monkeypatch.setattr(Trainer, "validate", validate)
    data_before = sorted(private_data_dir.rglob("*"))
    status, line = _self_test(str(tiny_model))
    assert status == 0, line
    assert line.endswith("HEIC read, trainer stepped, community model restored")
    assert validations == [2]  # after a warm-up step and an adversarial one
    torch_cache = Path(default_cache_dir())  # torch makes it on importing its compiler stack
    assert [path for path in throwaway_temp.iterdir() if path != torch_cache] == []
    assert sorted(private_data_dir.rglob("*")) == data_before


def test_the_self_test_fails_clearly_when_a_training_step_cannot_run(tiny_model: Path, monkeypatch):
    """As in a bundle that left out part of torch's compiler stack."""

    def step(*args):
        raise ModuleNotFoundError("No module named 'sympy.plotting'")

    monkeypatch.setattr(Trainer, "warmup_step", step)
    assert _self_test(str(tiny_model)) == (
        1,
        "self-test failed: the trainer cannot train: ModuleNotFoundError: "
        "No module named 'sympy.plotting'",
    )


def test_the_self_test_fails_clearly_when_spandrel_cannot_be_imported(
    tiny_model: Path, monkeypatch
):
    """As in a bundle without torchvision's native operators, where importing spandrel fails."""
    monkeypatch.setitem(sys.modules, "spandrel", None)  # its import fails
    monkeypatch.delitem(sys.modules, "engine.library.community", raising=False)
    status, line = _self_test(str(tiny_model))
    assert status == 1
    assert line == (
        "self-test failed: a community model cannot be loaded and run: ModuleNotFoundError: "
        "import of spandrel halted; None in sys.modules"
    )


def test_the_self_test_fails_when_a_community_model_restores_wrongly(tiny_model: Path, monkeypatch):
    real_weights = app.selftest._compact_weights

    def brightened() -> dict:
        weights = real_weights()
        weights["body.4.bias"].fill_(0.5)  # every output pixel half the range brighter
        return weights

    monkeypatch.setattr(app.selftest, "_compact_weights", brightened)
    assert _self_test(str(tiny_model)) == (
        1,
        "self-test failed: a community model restores the sample wrongly",
    )


def test_the_self_test_says_the_default_models_file_is_missing(builtin_models: Path):
    """Other built-in models installed, the default's file gone: the install lacks that file
    (not "no built-in model is installed yet")."""
    shutil.copy(SHIPPED_MODELS / "aliases.json", builtin_models)
    shutil.copy(SHIPPED_MODELS / "restore-x2.safetensors", builtin_models)
    status, line = _self_test()
    assert status == 1
    assert line == (
        "self-test failed: the default model's file (restore-x4.safetensors) is missing from "
        f"the install ({paths.builtin_models_dir()})"
    )


def test_the_self_test_names_a_damaged_default_model_without_a_wrong_hint(builtin_models: Path):
    shutil.copy(SHIPPED_MODELS / "aliases.json", builtin_models)
    damaged = builtin_models / "restore-x4.safetensors"
    damaged.write_bytes((SHIPPED_MODELS / "restore-x4.safetensors").read_bytes()[:5000])
    status, line = _self_test()
    assert status == 1
    assert line.startswith("self-test failed: restore-x4.safetensors: ")
    assert "installed yet" not in line and "missing" not in line
