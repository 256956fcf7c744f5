"""Model files: safetensors with a self-describing header, loaded from the file alone."""

import json

import pytest
import torch
from safetensors.torch import save_file

from engine.errors import ModelFileError
from engine.library.descriptor import Origin
from engine.library.loading import load_model, open_model
from engine.library.own_format import read_header, save_model
from engine.networks import UNetGenerator


@pytest.mark.parametrize(
    "hparams",
    [
        {"scale": 4, "width": 8, "depth": 1, "convs": 1, "up_width": 4},
        {"scale": 2, "width": 12, "depth": 3, "convs": 2, "up_width": 8},
    ],
)
def test_round_trip_rebuilds_the_same_network(tmp_path, hparams):
    torch.manual_seed(1)
    network = UNetGenerator(**hparams).eval()
    path = save_model(
        network, tmp_path / "m.safetensors", display_name="Mine", training={"steps": 12}
    )
    loaded = load_model(path)
    assert loaded.descriptor.hparams == hparams
    assert loaded.descriptor.scale == hparams["scale"]
    assert loaded.descriptor.display_name == "Mine"
    assert loaded.descriptor.training == {"steps": 12}
    assert loaded.descriptor.tile_context == network.receptive_radius()
    x = torch.rand(1, 3, 24, 24)
    with torch.no_grad():
        assert torch.equal(loaded.network(x), network(x))


def test_header_carries_format_and_version(tiny_model_file):
    header = read_header(tiny_model_file)
    assert header["format"] == "rekindle-model"
    assert header["format_version"] == "1"
    assert json.loads(header["hparams"])["width"] == 8


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path):
    save_model(UNetGenerator(width=4, up_width=4), tmp_path / "a.safetensors", display_name="a")
    assert [p.name for p in tmp_path.iterdir()] == ["a.safetensors"]


def test_a_save_that_must_not_replace_takes_the_next_free_name(tmp_path):
    network = UNetGenerator(width=4, up_width=4)
    first = save_model(network, tmp_path / "a.safetensors", display_name="first")
    second = save_model(network, first, display_name="second", replace=False)
    assert second == tmp_path / "a (2).safetensors"
    assert load_model(first).descriptor.display_name == "first"
    assert load_model(second).descriptor.display_name == "second"
    assert save_model(network, first, display_name="third") == first  # replacing by default
    assert load_model(first).descriptor.display_name == "third"


@pytest.mark.parametrize("content", [b"", b"hello, not a model", b"\xff" * 64])
def test_garbage_is_refused_clearly(tmp_path, content):
    path = tmp_path / "bad.safetensors"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=r"bad\.safetensors"):
        load_model(path)


def test_foreign_safetensors_file_is_refused(tmp_path):
    path = tmp_path / "foreign.safetensors"
    save_file({"w": torch.zeros(3)}, path, metadata={"format": "pt"})
    with pytest.raises(ModelFileError, match="architecture Rekindle does not know"):
        load_model(path)


def test_weights_that_do_not_fit_are_refused(tmp_path, tiny_model_file):
    header = read_header(tiny_model_file)
    hparams = json.loads(header["hparams"])
    hparams["width"] = 16
    path = tmp_path / "mismatch.safetensors"
    save_file(
        {"head.weight": torch.zeros(3)}, path, metadata={**header, "hparams": json.dumps(hparams)}
    )
    with pytest.raises(ModelFileError, match="do not fit"):
        load_model(path)


def test_missing_model_name_lists_what_exists():
    with pytest.raises(ModelFileError, match="no model called 'nonexistent'"):
        open_model("nonexistent")


def test_a_model_file_gone_from_its_path_is_said_to_be_gone(tmp_path):
    gone = tmp_path / "models" / "zoom.pth"
    with pytest.raises(ModelFileError, match=r"zoom\.pth: the model file is not there"):
        open_model(gone)


def test_user_models_are_found_by_name(private_data_dir):
    save_model(
        UNetGenerator(width=4, up_width=4),
        private_data_dir / "models" / "mine.safetensors",
        display_name="Mine",
    )
    loaded = open_model("mine")
    assert loaded.descriptor.origin is Origin.IMPORTED and loaded.descriptor.display_name == "Mine"
