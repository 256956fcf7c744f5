"""``python -m app --self-test``: restores the bundled sample without a window."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from app.selftest import heic_sample_path, run_self_test, sample_path
from engine.paths import builtin_models_dir

REPO = Path(__file__).resolve().parents[2]
SAMPLE_MAX_BYTES = 30_000


def _run_app(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    """Python with ``args``, from the checkout, off screen (and with its own user data)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if data_dir is not None:
        env["REKINDLE_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_samples_are_small_and_bundled():
    for path in (sample_path(), heic_sample_path()):
        assert path.is_file() and path.stat().st_size < SAMPLE_MAX_BYTES


def test_self_test_runs_from_source_without_qt(tiny_model: Path):
    """It passes with a working model, and never imports Qt (it must run on a server)."""
    done = _run_app("-X", "importtime", "-m", "app", "--self-test", "--model", str(tiny_model))
    assert done.returncode == 0, done.stdout + done.stderr
    [line] = done.stdout.strip().splitlines()
    assert line.startswith("self-test passed: Tiny (4x) on the CPU, 96x64 -> 384x256, PSNR")
    imported = set(re.findall(r"\|\s*([\w.]+)$", done.stderr, re.MULTILINE))
    assert "torch" in imported
    assert not any(name.startswith("PySide6") for name in imported)


def test_self_test_fails_clearly_without_a_model(builtin_models: Path):
    lines = []
    assert run_self_test("default", output=lines.append) == 1
    [line] = lines
    assert line.startswith("self-test failed: no model called 'default' (built-in models: none)")
    assert "no built-in model is installed yet" in line


def test_self_test_fails_where_heic_photos_cannot_be_read(
    tiny_model: Path, tmp_path: Path, monkeypatch
):
    """A bundle without pillow-heif's native libraries would open no phone photo."""
    import numpy as np
    import pillow_heif
    from PIL import Image

    import app.selftest

    lines = []
    assert run_self_test(str(tiny_model), output=lines.append) == 0
    assert "HEIC read" in lines[0]
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # its import fails, as there
    assert run_self_test(str(tiny_model), output=lines.append) == 1
    assert lines[1] == (
        "self-test failed: sample.heic: reading HEIC photos needs pillow-heif installed"
    )
    monkeypatch.undo()
    other = tmp_path / "other.heic"
    pillow_heif.register_heif_opener()
    Image.fromarray(np.zeros((64, 96, 3), np.uint8)).save(other, format="HEIF")
    monkeypatch.setattr(app.selftest, "heic_sample_path", lambda: other)
    assert run_self_test(str(tiny_model), output=lines.append) == 1
    assert lines[2] == "self-test failed: the HEIC sample does not decode to the sample"


def test_self_test_fails_on_a_model_that_ruins_pictures(tmp_path: Path):
    import torch

    from engine.library.own_format import save_model
    from engine.networks import UNetGenerator

    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    with torch.no_grad():
        network.tail.bias.fill_(-5.0)  # every output pixel pushed to black
    broken = save_model(network, tmp_path / "broken.safetensors", display_name="Broken")
    lines = []
    assert run_self_test(str(broken), output=lines.append) == 1
    assert lines[0].startswith("self-test failed")


def test_window_check_passes_from_source_and_catches_a_missing_translation(
    tmp_path: Path, monkeypatch
):
    """``--check-window`` (run on every bundle) opens the real window off screen."""
    done = _run_app("-m", "app", "--check-window", data_dir=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    shipped = len(list(builtin_models_dir().glob("*.safetensors")))  # a fresh user has no others
    assert done.stdout.startswith(f"window check passed: {shipped} models listed")

    import app.i18n
    from app.window_check import run_window_check

    monkeypatch.setattr(app.i18n, "translations_dir", lambda: tmp_path)  # no .qm in it
    lines: list[str] = []
    assert run_window_check(output=lines.append) == 1
    assert lines == ["window check failed: the Chinese translation does not load"]


def test_window_check_fails_where_no_font_draws_chinese(monkeypatch):
    """A Linux desktop without a Chinese font shows every Chinese word as boxes."""
    from PySide6.QtGui import QFontMetrics

    import app.window_check
    from app.window_check import run_window_check

    drawn = QFontMetrics.inFontUcs4
    monkeypatch.setattr(
        QFontMetrics, "inFontUcs4", lambda metrics, ucs4: ucs4 < 0x2E80 and drawn(metrics, ucs4)
    )  # no font has the CJK characters
    monkeypatch.setattr(app.window_check, "CHECKS_FONTS", True)
    lines: list[str] = []
    assert run_window_check(output=lines.append) == 1
    [line] = lines
    assert re.fullmatch(
        r"window check failed: no font installed draws Chinese \(\w{6}\): install one, such "
        r"as fonts-noto-cjk",
        line,
    ), line
