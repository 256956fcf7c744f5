"""The README's two commands: the system packages come before the venv (so a machine without
them stops at once, not after the long install), and a venv left without pip is made again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def planned(target: str, folder: Path) -> list[str]:
    """The commands ``make -n target`` would run in ``folder`` (a checkout with no .venv)."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, folder / name)
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", target],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


@pytest.mark.parametrize("target", ["run", "test"])
def test_system_packages_are_looked_at_before_the_venv_is_made(target, tmp_path):
    lines = planned(target, tmp_path)
    apt = next(i for i, line in enumerate(lines) if "dpkg -s" in line)
    ensurepip = next(i for i, line in enumerate(lines) if "import ensurepip" in line)
    venv = next(i for i, line in enumerate(lines) if "-m venv" in line)
    assert apt < ensurepip < venv


def test_a_venv_without_pip_is_made_again(tmp_path):
    venv = next(line for line in planned("test", tmp_path) if "-m venv" in line)
    assert "-m pip --version" in venv and "--clear" in venv
