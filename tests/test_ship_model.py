"""Built-in models are stored in half precision (tools/ship_model.py): half the room, the same
restoration to the card's precision, the display name and training record kept."""

import pytest
import torch
from safetensors import safe_open

from engine.errors import ModelFileError
from engine.library.own_format import load_own_model, read_header, save_model
from engine.networks import UNetGenerator
from tools.ship_model import ship


def test_a_shipped_model_is_half_the_size_and_restores_the_same(tiny_model_file, tmp_path):
    shipped = ship(tiny_model_file, "tiny-x4", tmp_path / "built-in")
    assert shipped.name == "tiny-x4.safetensors"
    with safe_open(str(shipped), framework="pt") as stream:
        names = list(stream.keys())  # a safetensors file is not a mapping
        assert {stream.get_tensor(name).dtype for name in names} == {torch.float16}
    assert shipped.stat().st_size < 0.6 * tiny_model_file.stat().st_size
    assert read_header(shipped)["display_name"] == read_header(tiny_model_file)["display_name"]
    assert read_header(shipped)["training"] == read_header(tiny_model_file)["training"]
    before, after = load_own_model(tiny_model_file), load_own_model(shipped)
    assert next(after.network.parameters()).dtype == torch.float32  # widened on loading
    picture = torch.rand(1, 3, 24, 24)
    with torch.no_grad():
        torch.testing.assert_close(
            after.network(picture), before.network(picture), atol=2e-3, rtol=0
        )


def test_a_weight_half_precision_cannot_hold_is_refused(tmp_path):
    network = UNetGenerator(scale=2, width=4, depth=1, convs=1, up_width=4)
    with torch.no_grad():
        next(network.parameters()).view(-1)[0] = 1e6
    with pytest.raises(ModelFileError, match="too large for half precision"):
        save_model(network, tmp_path / "big.safetensors", display_name="Big", half=True)
    assert not (tmp_path / "big.safetensors").exists()
