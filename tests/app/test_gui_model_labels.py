"""Models that share a name (a .pth and a .safetensors, or one in each of two subfolders of
the models folder) are told apart by their file in the model box and in Manage Models."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact

from engine.library.descriptor import Origin
from engine.library.store import read_details

pytestmark = pytest.mark.usefixtures("builtin_models")


def write_compact(path: Path) -> Path:
    """A tiny community model, read once as the app's background reader would."""
    torch.manual_seed(0)
    network = SRVGGNetCompact(num_feat=4, num_conv=1, upscale=2)
    weights = {key: value.contiguous() for key, value in network.state_dict().items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".safetensors":
        save_file(weights, path)
    else:
        torch.save(weights, path)
    read_details(path, Origin.IMPORTED)
    return path


def test_models_sharing_a_name_are_labelled_by_their_files(make_window, private_data_dir):
    folder = private_data_dir / "models"
    for name in ("4x_same.pth", "4x_same.safetensors", "ESRGAN/4x_same.pth", "ESRGAN/solo.pth"):
        write_compact(folder / name)
    window = make_window()
    combo = window.settings_panel.model_combo
    shown = "(RealESRGAN Compact 2x)"
    assert [combo.itemText(i) for i in range(combo.count())] == [
        f"4x_same {shown}  (4x_same.pth)",
        f"4x_same {shown}  (4x_same.safetensors)",
        f"4x_same {shown}  (ESRGAN/4x_same.pth)",
        f"solo {shown}",
    ]
    dialog = window.model_actions.show_dialog()
    names = [dialog.row_texts(row)[0] for row in range(dialog.table.rowCount())]
    assert names == [combo.itemText(i) for i in range(combo.count())]
