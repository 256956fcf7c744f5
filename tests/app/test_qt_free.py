"""The window's controllers need no Qt: they are imported, and tested, on their own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QT = ("PySide6", "shiboken6", "qtawesome", "pyqtgraph")


@pytest.mark.parametrize(
    "module",
    [
        "app.save_book",
        "app.on_show",
        "app.action_rules",
        "app.workspace_store",
        "app.quitting",
    ],
)
def test_a_controller_imports_no_qt(module: str):
    code = (
        f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in {QT!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
