"""A built-in model whose file is damaged (a copy cut short) cannot be chosen; the model row
says which one and why, instead of the window quietly starting on another model."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, write_tiny_model
from PySide6.QtWidgets import QLabel

from app.main_window import MainWindow


def _damaged_default(folder: Path) -> None:
    """Restore 4x (the default) cut short, beside a whole Restore Detail 4x."""
    write_tiny_model(folder, "restore-detail-x4", "Restore Detail 4x")
    damaged = write_tiny_model(folder, "restore-x4", "Restore 4x")
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
    (folder / "aliases.json").write_text('{"default": "restore-x4"}')


def _model_row_texts(window: MainWindow) -> str:
    """Every text the model row shows."""
    labels = window.settings_panel.model_group.findChildren(QLabel)
    return "\n".join(label.text() for label in labels if label.isVisible())


def test_a_damaged_built_in_model_is_named_with_why(make_window, qtbot, builtin_models: Path):
    _damaged_default(builtin_models)
    window = make_window()
    qtbot.waitUntil(lambda: "restore-x4" in _model_row_texts(window), timeout=WAIT_MS)
    panel = window.settings_panel
    assert panel.model_key() == "restore-detail-x4"
    shown = _model_row_texts(window)
    assert "cannot be used" in shown
    assert "damaged or cut short" in shown  # why, as the engine words it
    assert "reinstalling Rekindle" in shown


def test_whole_built_in_models_bring_no_warning(make_window, qtbot, builtin_models: Path):
    write_tiny_model(builtin_models, "restore-x4", "Restore 4x")
    window = make_window()
    qtbot.wait(200)
    assert "cannot be used" not in _model_row_texts(window)
