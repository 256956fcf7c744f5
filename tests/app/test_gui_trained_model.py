"""A model saved from the training wizard is announced by the name the person gave it, and
Manage Models says what a trained model learned from."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from app.main_window import MainWindow
from engine.library.own_format import save_model
from engine.networks import UNetGenerator

pytestmark = pytest.mark.usefixtures("builtin_models")


def _trained(folder: Path, name: str, display_name: str, run: dict) -> Path:
    """A model in ``folder`` whose training record's one run is ``run``."""
    torch.manual_seed(0)
    network = UNetGenerator(scale=4, width=8, depth=1, convs=1, up_width=8)
    return save_model(
        network,
        folder / f"{name}.safetensors",
        display_name=display_name,
        training={"steps_done": 2, "runs": [{"steps": 2, **run}]},
    )


def _details(window: MainWindow, model: Path) -> str:
    dialog = window.model_actions.show_dialog()
    dialog.table.selectRow([entry.path for entry in dialog.entries()].index(model))
    return dialog.details.text()


def test_a_saved_model_is_announced_by_its_display_name(make_window, private_data_dir):
    window = make_window()
    saved = _trained(private_data_dir / "models", "family-4-2", "Family 4× (2)", {})
    window.model_actions.select_trained(saved)
    assert window.settings_panel.model_key() == str(saved)
    assert window.statusBar().currentMessage() == "Your model Family 4× (2) is ready and selected."


def test_manage_models_says_what_a_model_was_trained_on(make_window, private_data_dir):
    folder = private_data_dir / "models"
    recorded = {"data": "Family album", "damage": "none"}
    counted = _trained(folder, "counted", "Counted", {**recorded, "photos": 12})
    one = _trained(folder, "one", "One", {**recorded, "photos": 1})
    uncounted = _trained(folder, "uncounted", "Uncounted", recorded)
    unrecorded = _trained(folder, "old", "Old", {"data": "pairs"})  # from before records said
    window = make_window()
    assert _details(window, counted) == f"{counted}\nTrained on: Family album (12 photos)"
    assert _details(window, one) == f"{one}\nTrained on: Family album (1 photo)"
    assert _details(window, uncounted) == f"{uncounted}\nTrained on: Family album"
    assert _details(window, unrecorded) == str(unrecorded)
