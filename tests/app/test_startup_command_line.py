"""``rekindle --version``, ``--help`` and a start without a screen answer at once: the command
line is read before anything heavy is imported (torch and OpenCV take seconds on a laptop),
which only ``--self-test`` and the window need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "cv2", "av", "app.selftest")


def _loaded_after(code: str) -> list[str]:
    """The ``HEAVY`` modules loaded once ``code`` has run in a fresh interpreter."""
    probe = f"{code}\nimport sys; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1:]


def test_reading_the_command_line_imports_nothing_heavy():
    assert _loaded_after("import app.main") == ["[]"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux asks for a screen")
def test_a_start_without_a_screen_imports_nothing_heavy():
    code = (
        "import os\n"
        "from app.main import main, NO_SCREEN_STATUS, SCREEN_VARIABLES\n"
        "for name in SCREEN_VARIABLES: os.environ.pop(name, None)\n"
        "assert main([]) == NO_SCREEN_STATUS"
    )
    assert _loaded_after(code) == ["[]"]
