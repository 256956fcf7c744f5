"""Window-attention community models (SwinIR, HAT, DAT...) tile on their windows' grid, so a
tiled restore equals the whole one, and a part restored alone equals that part of the whole,
whatever the tile size: typed, or the automatic one (sized by the free memory)."""

from pathlib import Path

import numpy as np
import pytest
import torch
from spandrel.architectures.DAT import DAT
from spandrel.architectures.HAT import HAT
from spandrel.architectures.SCUNet import SCUNet
from spandrel.architectures.SwinIR import SwinIR

import engine.restorer
from engine.library.descriptor import LoadedModel
from engine.library.loading import load_model
from engine.part import Region, restore_part
from engine.restorer import MEMORY_SHARE, Restorer, auto_tile

CPU = torch.device("cpu")
LEVELS = 1
"""Tiles of the built-in models differ from the whole by at most one level of 255."""
SIDE = (50, 45)
WHOLE = 4096
"""A tile larger than the picture: the whole picture in one run."""
OFF_GRID = 37
"""A tile side off every window grid, larger than the tiles' context (32 pixels), smaller than
the picture: tiles and their context start off the grid unless rounded to it."""


def _swinir() -> torch.nn.Module:
    return SwinIR(
        img_size=16,
        embed_dim=12,
        depths=[2],
        num_heads=[2],
        window_size=8,
        mlp_ratio=2,
        upscale=2,
        upsampler="pixelshuffledirect",
    )


def _hat() -> torch.nn.Module:
    return HAT(
        img_size=16,
        embed_dim=12,
        depths=(2,),
        num_heads=(2,),
        window_size=16,
        compress_ratio=3,
        squeeze_factor=4,
        mlp_ratio=2,
        upscale=2,
        upsampler="pixelshuffle",
    )


NETWORKS = {"SwinIR": (_swinir, 8), "HAT": (_hat, 16)}
"""Each network and the side of its windows."""


def _strong(network: torch.nn.Module) -> torch.nn.Module:
    """The network with attention weights of realistic size, so that what lies across a
    window's edge matters (with spandrel's tiny initial weights any windows give nearly the
    same answer)."""
    torch.manual_seed(0)
    for layer in network.modules():
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.normal_(layer.weight, std=0.15)
    return network


def _saved(network: torch.nn.Module, path: Path) -> Path:
    torch.save({"params": network.state_dict()}, path)
    return path


@pytest.fixture(scope="module", params=NETWORKS)
def windowed(request, tmp_path_factory) -> tuple[LoadedModel, int]:
    """A window-attention model, and the side of its windows."""
    build, window = NETWORKS[request.param]
    path = tmp_path_factory.mktemp("models") / f"{request.param}.pth"
    return load_model(_saved(_strong(build()), path)), window


@pytest.fixture(scope="module")
def pixels() -> np.ndarray:
    return np.random.default_rng(5).integers(0, 256, (*SIDE, 3), dtype=np.uint8)


@pytest.fixture(scope="module")
def whole(windowed, pixels) -> np.ndarray:
    model, _ = windowed
    return Restorer(model, CPU, tile=WHOLE).enlarge(pixels, grey=False)


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.abs(a.astype(int) - b.astype(int)).max() <= LEVELS


def test_the_size_multiple_is_the_windows_side(windowed):
    model, window = windowed
    assert model.descriptor.size_multiple % window == 0
    assert model.descriptor.tile_context % window == 0


@pytest.mark.parametrize("tile", [20, OFF_GRID])
def test_any_tile_typed_gives_the_whole_result(windowed, pixels, whole, tile):
    model, window = windowed
    restorer = Restorer(model, CPU, tile=tile)
    assert restorer.tile % window == 0 and restorer.tile - window < tile <= restorer.tile
    assert _close(restorer.enlarge(pixels, grey=False), whole)


def test_the_automatic_tile_gives_the_whole_result(windowed, pixels, whole, monkeypatch):
    """The automatic tile follows the free memory, so it is any size from run to run."""
    model, window = windowed
    free = (OFF_GRID + 0.5) ** 2 * model.descriptor.working_set / MEMORY_SHARE
    monkeypatch.setattr(engine.restorer, "free_memory_bytes", lambda device: free)
    assert auto_tile(model, CPU) == OFF_GRID
    restorer = Restorer(model, CPU)
    assert restorer.tile % window == 0
    assert _close(restorer.enlarge(pixels, grey=False), whole)


@pytest.mark.parametrize("region", [Region(37, 5, 8, 20), Region(13, 35, 25, 10)])
def test_a_part_is_that_part_of_the_whole_restored(windowed, pixels, whole, region):
    model, _ = windowed
    part = restore_part(Restorer(model, CPU, tile=OFF_GRID), pixels, region)
    y, x = region.y * 2, region.x * 2
    assert _close(part, whole[y : y + region.height * 2, x : x + region.width * 2])


def _unshuffled_swinir() -> dict[str, torch.Tensor]:
    """A SwinIR that unshuffles its input 2x2 first (windows of 8 on half the picture), saved
    as its authors' code names its first layers."""
    network = SwinIR(
        img_size=16,
        embed_dim=12,
        depths=[2],
        num_heads=[2],
        window_size=8,
        mlp_ratio=2,
        upscale=4,
        upsampler="pixelshuffle",
        start_unshuffle=2,
    )
    state = network.state_dict()
    for kind in ("weight", "bias"):
        state[f"conv_first.1.{kind}"] = state.pop(f"conv_first.{kind}")
    return state


GRIDS = {
    "DAT": (lambda: DAT(img_size=16, embed_dim=32, split_size=[4, 8], depth=[2], num_heads=[2]), 8),
    "SCUNet": (lambda: SCUNet(config=[1] * 7, dim=64), 64),
    "SwinIR unshuffled": (_unshuffled_swinir, 16),
}
"""Networks whose windows are stated otherwise, and the grid they lie on: DAT's rectangles of
4 x 8 and 8 x 4, SCUNet's windows of 8 on features shrunk up to 8 times, a SwinIR's windows
of 8 on its input unshuffled 2 x 2."""


@pytest.mark.parametrize("name", GRIDS)
def test_windows_stated_otherwise_are_found(name, tmp_path):
    build, grid = GRIDS[name]
    made = build()
    state = made if isinstance(made, dict) else made.state_dict()
    torch.save(state, tmp_path / "model.pth")
    assert load_model(tmp_path / "model.pth").descriptor.size_multiple == grid
