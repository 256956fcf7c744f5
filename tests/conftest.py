"""Shared fixtures: small networks, model files and real photos from the shared data."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.cli import main
from engine.library.own_format import save_model
from engine.networks import UNetGenerator


def _shared_data() -> Path:
    """The shared photos: ``$REKINDLE_SHARED_DATA``, else ``shared/data`` beside the checkout
    or one of its parents (a clone elsewhere still finds them), else the workplace's copy."""
    override = os.environ.get("REKINDLE_SHARED_DATA")
    if override:
        return Path(override)
    for parent in Path(__file__).resolve().parents[1:]:
        candidate = parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path("/work/shared/data")


SHARED_DATA = _shared_data()
VAL_DIR = SHARED_DATA / "val" / "kodak24"
TRAIN_DIR = SHARED_DATA / "train"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

torch.set_num_threads(2)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own user data folder, so none touches the real one."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("REKINDLE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def builtin_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty built-in models folder of the test's own (whatever the checkout ships)."""
    folder = tmp_path / "builtin"
    folder.mkdir()
    monkeypatch.setattr("engine.paths.builtin_models_dir", lambda: folder)
    return folder


@pytest.fixture
def tiny_model_file(tmp_path: Path) -> Path:
    """A small, randomly initialised 4x model file."""
    torch.manual_seed(0)
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    return save_model(network, tmp_path / "tiny.safetensors", display_name="Tiny")


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)


def photo_path(index: int = 0) -> Path:
    """A real photo from the validation set (kodak24)."""
    return sorted(VAL_DIR.glob("*.png"))[index]


@pytest.fixture
def ensemble_calls(monkeypatch):
    """Counts the tiles that go through the eight-orientation path."""
    from engine.restorer import _PlacedModel

    calls = []
    real = _PlacedModel._run_ensemble

    def spy(self, tensor):
        calls.append(tuple(tensor.shape))
        return real(self, tensor)

    monkeypatch.setattr(_PlacedModel, "_run_ensemble", spy)
    return calls


@pytest.fixture
def tiny_restore(tiny_model_file: Path, capsys: pytest.CaptureFixture[str]):
    """Run ``restore`` with the tiny model: its exit status and what it printed."""

    def run(*arguments: object) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["restore", *map(str, arguments), "--model", str(tiny_model_file)])
        return code, capsys.readouterr().out

    return run


@pytest.fixture
def stopped_after_one_photo(tiny_restore, monkeypatch: pytest.MonkeyPatch):
    """Run ``restore`` with the tiny model, Ctrl+C pressed once its first photo is restored:
    its exit status."""
    from engine import batch
    from engine.errors import Cancelled

    real = batch.restore_picture
    done: list[object] = []

    def stopped_after_one(*args, **kwargs):
        if done:
            raise Cancelled()
        done.append(real(*args, **kwargs))
        return done[-1]

    def run(*arguments: object) -> int:
        with monkeypatch.context() as stopping:
            stopping.setattr(batch, "restore_picture", stopped_after_one)
            return tiny_restore(*arguments)[0]

    return run
