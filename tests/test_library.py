"""The model library's descriptors: one per loaded model, whichever kind of file it came from,
stating what tiling needs (context, size multiple, spandrel's tiling hint, working set) and
where the model came from; Rekindle's own architectures in a registry; headers read through
safetensors, refusing a file cut short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

import engine.restorer
from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.library.descriptor import Origin, Tiling, working_set_per_pixel
from engine.library.loading import load_model, open_model, resolve_model_path
from engine.library.own_format import read_header, safetensors_is_whole, save_model
from engine.library.registry import architecture_of, build_network, is_own, recognise
from engine.library.sidecar import sidecar_path
from engine.library.unet import UNET
from engine.networks import UNetGenerator
from engine.restorer import MAX_AUTO_TILE, MEMORY_SHARE, auto_tile
from tests.test_community import NETWORKS

CPU = torch.device("cpu")


def _saved(kind: str, path: Path) -> Path:
    """A tiny community network of ``kind`` (tests.test_community's), its weights at ``path``."""
    torch.manual_seed(0)
    torch.save(NETWORKS[kind]().state_dict(), path)
    return path


def test_our_own_model_is_described_from_its_file(tiny_model_file: Path):
    model = load_model(tiny_model_file)
    described = model.descriptor
    network = model.network
    assert (described.name, described.display_name) == ("tiny", "Tiny")
    assert (described.architecture, described.architecture_name) == (UNET.id, "Rekindle U-Net")
    assert (described.scale, described.purpose) == (4, "SR")
    assert described.tile_context == network.receptive_radius()
    assert described.size_multiple == network.size_multiple == 4
    assert described.tiling is Tiling.SUPPORTED and described.supports_half
    assert described.origin is Origin.FILE and described.path == tiny_model_file
    assert described.stamp == FileStamp.of(tiny_model_file)
    assert described.hparams == network.hparams


def test_the_unet_states_the_working_set_tile_sizes_were_always_made_from():
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    assert UNET.working_set(network) == 4 * 4 * (4 * 8 + 8 * 4 * 4)
    assert UNET.working_set(network) == working_set_per_pixel(32, 8, 4)


def test_a_model_that_does_not_enlarge_restores(tmp_path: Path):
    path = save_model(
        UNetGenerator(scale=1, width=4, up_width=4),
        tmp_path / "c.safetensors",
        display_name="Clean",
    )
    assert load_model(path).descriptor.purpose == "Restoration"


def test_the_registry_builds_recognises_and_refuses():
    assert recognise({"architecture": UNET.id}) is UNET
    assert architecture_of(UNetGenerator(width=4, up_width=4)) is UNET
    assert is_own(UNET.id) and not is_own("ESRGAN") and not is_own("")
    assert isinstance(build_network(UNET, {"scale": 2, "width": 4}), UNetGenerator)
    with pytest.raises(ModelFileError, match="unknown architecture 'mystery'"):
        recognise({"architecture": "mystery"})
    with pytest.raises(ModelFileError, match="bad hyper-parameters"):
        build_network(UNET, {"scale": 3})
    with pytest.raises(ModelFileError, match="bad hyper-parameters"):
        build_network(UNET, {"colour": "red"})
    with pytest.raises(ModelFileError, match="not one of Rekindle's architectures"):
        architecture_of(torch.nn.Conv2d(3, 3, 1))


def test_a_model_file_cut_short_is_refused(tiny_model_file: Path, tmp_path: Path):
    whole = tiny_model_file.read_bytes()
    assert safetensors_is_whole(tiny_model_file)
    for name, content in (("cut", whole[:-100]), ("header", whole[:200]), ("more", whole + b"x")):
        path = tmp_path / f"{name}.safetensors"
        path.write_bytes(content)
        assert not safetensors_is_whole(path), name
        with pytest.raises(ModelFileError, match=rf"{name}\.safetensors: not a safetensors"):
            read_header(path)
        with pytest.raises(ModelFileError, match=rf"{name}\.safetensors"):
            load_model(path)


def test_a_header_from_a_newer_rekindle_is_refused(tiny_model_file: Path, tmp_path: Path):
    from safetensors.torch import load_file, save_file

    header = {**read_header(tiny_model_file), "format_version": "99"}
    path = tmp_path / "future.safetensors"
    save_file(load_file(tiny_model_file), path, metadata=header)
    with pytest.raises(ModelFileError, match="newer Rekindle"):
        read_header(path)


def test_a_community_model_is_described_by_spandrel(tmp_path: Path):
    model = load_model(_saved("esrgan", tmp_path / "4x-Sharp.pth"))
    described = model.descriptor
    assert described.display_name == "4x-Sharp (ESRGAN 4x)"
    assert (described.architecture, described.architecture_name) == ("ESRGAN", "ESRGAN")
    assert (described.scale, described.purpose, described.tiling) == (4, "SR", Tiling.SUPPORTED)
    assert described.title == "" and described.hparams == {}
    assert described.stamp == FileStamp.of(tmp_path / "4x-Sharp.pth")
    # Measured, not guessed: the largest layer output is the 8-channel features at 4x.
    assert described.working_set == 4 * 4 * 8 * 16


def test_spandrels_tiling_hint_is_read_and_measuring_leaves_the_network_alone(tmp_path):
    model = load_model(_saved("swinir", tmp_path / "swin.pth"))
    assert model.descriptor.tiling is Tiling.DISCOURAGED  # spandrel's word for SwinIR
    assert model.descriptor.tile_context == 32
    assert all(t.device == CPU for t in (*model.network.parameters(), *model.network.buffers()))
    with torch.no_grad():
        assert model.network(torch.rand(1, 3, 16, 16)).shape == (1, 3, 32, 32)


def test_auto_tiles_are_capped_only_for_networks_that_tile_well(tmp_path, monkeypatch):
    monkeypatch.setattr(engine.restorer, "free_memory_bytes", lambda device: 1 << 34)
    supported = load_model(_saved("esrgan", tmp_path / "e.pth"))
    discouraged = load_model(_saved("swinir", tmp_path / "s.pth"))
    assert auto_tile(supported, CPU) == MAX_AUTO_TILE["cpu"]
    budget = (1 << 34) * MEMORY_SHARE
    assert auto_tile(discouraged, CPU) == int((budget / discouraged.descriptor.working_set) ** 0.5)
    monkeypatch.setattr(engine.restorer, "free_memory_bytes", lambda device: 0)
    assert auto_tile(discouraged, CPU) == discouraged.descriptor.size_multiple


def test_where_a_model_came_from(private_data_dir: Path, builtin_models: Path):
    save_model(
        UNetGenerator(width=4, up_width=4),
        builtin_models / "shipped.safetensors",
        display_name="Shipped",
    )
    folder = private_data_dir / "models"
    trained = save_model(
        UNetGenerator(width=4, up_width=4),
        folder / "mine.safetensors",
        display_name="Mine",
        training={"steps": 3},
    )
    given = save_model(
        UNetGenerator(width=4, up_width=4),
        folder / "given.safetensors",
        display_name="Given",
        training={"steps": 3},
    )
    sidecar_path(given).write_text(
        json.dumps({"format": "rekindle-model-details", "version": 1, "imported_from": "/x"})
    )
    _saved("esrgan", folder / "sharp.pth")
    assert resolve_model_path("shipped") == (
        builtin_models / "shipped.safetensors",
        Origin.BUILT_IN,
    )
    assert open_model("mine").descriptor.origin is Origin.TRAINED
    assert open_model("given").descriptor.origin is Origin.IMPORTED
    assert open_model("sharp").descriptor.origin is Origin.IMPORTED
    assert open_model(str(trained)).descriptor.origin is Origin.FILE  # named by its path
    assert [o for o in Origin if o.is_users] == [Origin.IMPORTED, Origin.TRAINED]
