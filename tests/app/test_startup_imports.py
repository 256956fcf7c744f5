"""The window starts without importing what only the training wizard uses (pyqtgraph takes a
good part of a second to import): the wizard is imported as it is first opened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WIZARD_ONLY = ("pyqtgraph", "app.wizard.wizard")


def test_the_window_imports_neither_the_wizard_nor_its_plots():
    code = (
        "import sys, app.main, app.main_window; "
        f"print(sorted(m for m in {WIZARD_ONLY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_wizard_still_opens_from_the_window(make_window):
    wizard = make_window().open_training_wizard()
    assert wizard.isVisible()
    wizard.close()
