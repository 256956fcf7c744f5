"""Detail strength: network interpolation between a built-in model and its GAN-trained
partner (faithful-x4 with detail-x4, restore-x4 with restore-detail-x4)."""

import json

import pytest
import torch

from engine import paths
from engine.chain import ModelRequest
from engine.cluster.shipping import open_setup, pack_setup
from engine.errors import ModelFileError
from engine.library.blend import BLEND_PAIRS
from engine.library.loading import open_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator

PAIRS = [pair.members for pair in BLEND_PAIRS]


@pytest.fixture
def builtin_dir(tmp_path, monkeypatch):
    folder = tmp_path / "builtin"
    names = [name for pair in PAIRS for name in pair]
    for seed, name in enumerate(names):
        torch.manual_seed(seed)
        network = UNetGenerator(scale=4, width=4, depth=1, convs=1, up_width=4)
        for parameter in network.parameters():
            torch.nn.init.normal_(parameter)
        save_model(network, folder / f"{name}.safetensors", display_name=name)
    (folder / "aliases.json").write_text(json.dumps({"default": "restore-x4"}))
    monkeypatch.setattr(paths, "builtin_models_dir", lambda: folder)
    return folder


def _weights(model):
    return torch.cat([p.flatten() for p in model.network.state_dict().values()])


@pytest.mark.parametrize(("plain", "detailed"), PAIRS)
def test_ends_are_the_two_models(builtin_dir, plain, detailed):
    assert torch.allclose(_weights(open_model(plain, detail=0.0)), _weights(open_model(plain)))
    assert torch.allclose(_weights(open_model(plain, detail=1.0)), _weights(open_model(detailed)))


@pytest.mark.parametrize(("plain", "detailed"), PAIRS)
def test_middle_is_the_weighted_mean_of_its_own_pair(builtin_dir, plain, detailed):
    ours, theirs = _weights(open_model(plain)), _weights(open_model(detailed))
    blended = open_model(detailed, detail=0.25)
    assert torch.allclose(_weights(blended), 0.75 * ours + 0.25 * theirs, atol=1e-6)
    assert blended.descriptor.name == f"{plain}+{detailed}@0.25"
    assert "25% detail" in blended.descriptor.display_name


def test_default_blends_the_pair_it_points_at(builtin_dir):
    restore, detailed = (
        _weights(open_model("restore-x4")),
        _weights(open_model("restore-detail-x4")),
    )
    blended = open_model("default", detail=0.5)
    assert torch.allclose(_weights(blended), 0.5 * restore + 0.5 * detailed, atol=1e-6)


@pytest.mark.parametrize(("plain", "detailed"), PAIRS)
def test_a_request_loads_one_model_at_the_ends_and_names_a_blend_after_the_plain_one(
    plain, detailed
):
    for key in (plain, detailed):
        assert ModelRequest.choose(key, 0.0, True) == ModelRequest(plain)
        assert ModelRequest.choose(key, 1.0, True) == ModelRequest(detailed)
        assert ModelRequest.choose(key, 0.404, True) == ModelRequest(plain, 0.4)
        assert ModelRequest.choose(key, 0.4, False) == ModelRequest(key)


@pytest.mark.parametrize(("plain", "detailed"), PAIRS)
def test_a_cluster_worker_blends_the_same_pair(builtin_dir, plain, detailed):
    request = ModelRequest(detailed, 0.3)
    setup = pack_setup(request, device="cpu", tile=0, threads=1)
    assert [file.name for file in setup.model] == [
        f"{plain}.safetensors",
        f"{detailed}.safetensors",
    ]
    worker = open_setup(setup)
    assert torch.allclose(
        _weights(worker.model), _weights(open_model(plain, detail=0.3)), atol=1e-6
    )


def test_detail_is_refused_for_other_models(builtin_dir, tiny_model_file):
    with pytest.raises(ModelFileError, match="built-in faithful-x4 and detail-x4"):
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
