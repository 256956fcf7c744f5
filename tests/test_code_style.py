"""The project's own rules, checked with the suite so CI enforces them: ruff, and the layer
contracts (engine and training never import Qt; app over training over engine)."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLS = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(TOOLS / tool), *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing():
    done = _run("ruff", "check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_layer_contracts_are_kept():
    done = _run("lint-imports")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout
