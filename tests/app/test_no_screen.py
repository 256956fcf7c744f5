"""Started where there is no screen (a text console, ssh without X forwarding), Rekindle says
so in one sentence and exits with status 2, instead of Qt's advice to reinstall and an abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREEN_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a screen is found by X or Wayland"
)
def test_without_a_screen_the_window_says_so_and_exits(tmp_path: Path):
    environment = {k: v for k, v in os.environ.items() if k not in SCREEN_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-m", "app", "photo.jpg"],
        cwd=tmp_path,
        env={**environment, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "no screen found" in done.stderr
    assert "rekindle --self-test" in done.stderr
    assert "Reinstalling" not in done.stderr
