"""A training machine may have only torch, numpy, OpenCV, safetensors, Pillow and tqdm: the
``train`` command must run from a copy of the repository with every app-only package missing."""

import subprocess
import sys
from pathlib import Path

from tests.test_training_cli import SMALL
from tests.training_helpers import tiny_dataset, tiny_pack, validation_folder

ROOT = Path(__file__).resolve().parents[1]
APP_ONLY = ("spandrel", "av", "platformdirs", "psutil", "tifffile", "PySide6", "pyqtgraph")
REFUSE_APP_PACKAGES = f"""
import runpy, sys

class RefuseAppPackages:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {set(APP_ONLY)}:
            raise ModuleNotFoundError(f"{{name}} is not on a training machine", name=name)

sys.meta_path.insert(0, RefuseAppPackages())
"""
TRAINING = 'sys.argv[0] = "training"; runpy.run_module("training", alter_sys=True)'


def _python(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", REFUSE_APP_PACKAGES + script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _train(*args: str) -> subprocess.CompletedProcess:
    """``python -m training train ARGS`` with the app-only packages refused."""
    return _python(TRAINING, "train", *args)


def test_the_finder_really_refuses_the_app_packages():
    for name in APP_ONLY:
        done = _python(f"import {name}")
        assert done.returncode != 0 and "is not on a training machine" in done.stderr, name


def test_train_help_imports_no_app_package():
    done = _train("--help")
    assert done.returncode == 0, done.stderr
    assert "--amp" in done.stdout and "--compile" in done.stdout


def test_a_whole_run_and_its_resume_need_no_app_package(tmp_path):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    first = _train(
        str(dataset), "--out", str(out), "--val", str(validation_folder(tmp_path)),
        "--warmup-steps", "1", "--steps", "1", "--device", "cpu", *SMALL,
    )  # fmt: skip
    assert first.returncode == 0, first.stdout + first.stderr
    again = _train(str(dataset), "--out", str(out), "--resume", "--steps", "2", "--device", "cpu")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "finished at step 3" in again.stdout + again.stderr


def test_a_run_on_a_pack_needs_no_app_package(tmp_path):
    packed = tiny_pack(tmp_path)
    out = tmp_path / "m.safetensors"
    done = _train(str(packed), "--out", str(out), "--patch", "32", "--steps", "2", *SMALL)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "finished at step 2" in done.stdout + done.stderr
