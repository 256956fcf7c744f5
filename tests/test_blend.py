"""Detail strength: network interpolation between the built-in faithful and detail models."""

import json

import pytest
import torch

from engine import paths
from engine.errors import ModelFileError
from engine.library.loading import open_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator


@pytest.fixture
def builtin_dir(tmp_path, monkeypatch):
    folder = tmp_path / "builtin"
    for seed, name in ((1, "faithful-x4"), (2, "detail-x4")):
        torch.manual_seed(seed)
        network = UNetGenerator(scale=4, width=4, depth=1, convs=1, up_width=4)
        for parameter in network.parameters():
            torch.nn.init.normal_(parameter)
        save_model(network, folder / f"{name}.safetensors", display_name=name)
    (folder / "aliases.json").write_text(json.dumps({"default": "faithful-x4"}))
    monkeypatch.setattr(paths, "builtin_models_dir", lambda: folder)
    return folder


def _weights(model):
    return torch.cat([p.flatten() for p in model.network.state_dict().values()])


def test_ends_are_the_two_models(builtin_dir):
    assert torch.allclose(
        _weights(open_model("default", detail=0.0)), _weights(open_model("faithful-x4"))
    )
    assert torch.allclose(
        _weights(open_model("default", detail=1.0)), _weights(open_model("detail-x4"))
    )


def test_middle_is_the_weighted_mean(builtin_dir):
    faithful, detailed = _weights(open_model("faithful-x4")), _weights(open_model("detail-x4"))
    blended = open_model("detail-x4", detail=0.25)
    assert torch.allclose(_weights(blended), 0.75 * faithful + 0.25 * detailed, atol=1e-6)
    assert "25% detail" in blended.descriptor.display_name


def test_detail_is_refused_for_other_models(builtin_dir, tiny_model_file):
    with pytest.raises(ModelFileError, match="built-in"):
        open_model(tiny_model_file, detail=0.5)
    with pytest.raises(ModelFileError, match="between 0 and 1"):
        open_model("default", detail=1.5)


def test_cli_detail_flag(builtin_dir, tmp_path):
    import numpy as np

    from engine.cli import main
    from engine.imageio import Picture, read_picture, write_picture

    source = tmp_path / "in.png"
    pixels = np.random.default_rng(0).integers(0, 256, (12, 12, 3), dtype=np.uint8)
    write_picture(Picture(pixels, None, None, None, "png"), source)
    outputs = {}
    for detail in ("0", "1"):
        out = tmp_path / f"out{detail}"
        assert main(["restore", str(source), "-o", str(out), "--detail", detail]) == 0
        outputs[detail] = read_picture(out / "in.png").pixels
    assert not np.array_equal(outputs["0"], outputs["1"])
