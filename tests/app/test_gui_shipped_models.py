"""The models this checkout ships in resources/models, as a person gets them: listed by the app
and good enough for ``--self-test``. (The other app tests use an empty built-in folder.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine.chain import ModelRequest
from engine.library.descriptor import Origin
from engine.paths import resources_dir

REPO = Path(__file__).resolve().parents[2]
SHIPPED = {
    "restore-x4": ("Restore 4x", 4),
    "restore-detail-x4": ("Restore Detail 4x", 4),
    "restore-x2": ("Restore 2x", 2),
    "faithful-x4": ("Faithful 4x", 4),
    "faithful-x2": ("Faithful 2x", 2),
}
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
    assert panel.model_key() == "restore-x4"  # aliases.json's default
    assert panel.model_note.text() == (
        "Restores and enlarges 4×: calms grain and print texture; JPEG blocks stay, softer than "
        "with Faithful 4x · built-in"
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
    assert done.stdout.startswith("self-test passed: Restore 4x (4x) on the CPU"), done.stdout


def test_a_person_starts_with_the_restore_model_and_finds_enlarge_only_next(make_window):
    """With the shipped models: Restore 4x first and chosen at three quarters of its repair,
    its detail partner blended by the slider; the enlarge-only models one pick away, said to
    be so."""
    panel = make_window().settings_panel
    keys = [panel.model_combo.itemData(i) for i in range(panel.model_combo.count())]
    assert keys[:6] == [
        "restore-x4",
        "restore-detail-x4",
        "restore-x2",
        "faithful-x4",
        "detail-x4",
        "faithful-x2",
    ]
    assert panel.model_key() == "restore-x4"
    assert panel.model_note.text().startswith("Restores and enlarges 4×")
    assert panel.detail_strength.isEnabled() and panel.detail_strength.value() == 0
    assert panel.repair_strength.isEnabled() and panel.repair_strength.value() == 0.75
    panel.detail_strength.slider.setValue(50)
    assert panel.restore_settings().model == ModelRequest("restore-x4", 0.5, repair=0.75)
    panel.select_model("faithful-x4")
    assert panel.model_note.text().startswith("Enlarge only: 4×")
    assert panel.repair_strength.value() == 0
    panel.select_model("restore-x2")
    assert not panel.detail_strength.isEnabled()
    assert panel.repair_strength.isEnabled() and panel.repair_strength.value() == 0.75
    assert panel.restore_settings().model == ModelRequest("restore-x2", repair=0.75)
    panel.repair_strength.slider.setValue(70)
    assert panel.restore_settings().model == ModelRequest("restore-x2", repair=0.7)
