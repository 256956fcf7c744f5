"""The models this checkout ships in resources/models, as a person gets them: listed by the app
and good enough for ``--self-test``. (The other app tests use an empty built-in folder.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine.library.descriptor import Origin
from engine.paths import resources_dir

REPO = Path(__file__).resolve().parents[2]
SHIPPED = {"faithful-x4": ("Faithful 4x", 4), "faithful-x2": ("Faithful 2x", 2)}
"""Built-in models every checkout ships (more may come): key -> display name and scale."""


def test_the_app_lists_the_shipped_models_from_resources(make_window):
    panel = make_window().settings_panel
    entries = {entry.key: entry for entry in panel.entries()}
    texts = [panel.model_combo.itemText(i) for i in range(panel.model_combo.count())]
    for key, (name, scale) in SHIPPED.items():
        entry = entries[key]
        assert (entry.display_name, entry.scale, entry.origin) == (name, scale, Origin.BUILT_IN)
        assert entry.path == resources_dir() / "models" / f"{key}.safetensors"
        assert name in texts
    assert panel.model_key() == "faithful-x4"  # aliases.json's default
    assert panel.model_note.text() == (
        "Enlarges 4× and adds nothing that was not there: for clean scans and archives · built-in"
    )


def test_the_default_model_passes_the_self_test():
    done = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("self-test passed: Faithful 4x (4x) on the CPU"), done.stdout
