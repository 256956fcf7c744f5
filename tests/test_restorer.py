"""Restoring pictures: colour through the network, alpha on its own, depth and gray kept."""

import numpy as np
import pytest
import torch

from engine.imageio import Picture
from engine.models import load_model
from engine.restorer import RestoreOptions, Restorer, auto_tile


@pytest.fixture
def restorer(tiny_model_file):
    return Restorer(load_model(tiny_model_file), torch.device("cpu"), tile=32)


def _picture(pixels, alpha=None):
    return Picture(pixels, alpha, b"icc-bytes", None, "png")


def test_rgb_picture_is_enlarged_and_keeps_its_profile(restorer, rng):
    pixels = rng.integers(0, 256, (30, 40, 3), dtype=np.uint8)
    result = restorer.restore(_picture(pixels))
    assert result.pixels.shape == (120, 160, 3) and result.pixels.dtype == np.uint8
    assert result.icc_profile == b"icc-bytes"


def test_sixteen_bit_in_gives_sixteen_bit_out(restorer, rng):
    pixels = rng.integers(0, 65536, (20, 20, 3), dtype=np.uint16)
    result = restorer.restore(_picture(pixels))
    assert result.pixels.dtype == np.uint16
    assert len(np.unique(result.pixels)) > 256  # not 8-bit values in a 16-bit array


def test_gray_stays_gray(restorer, rng):
    pixels = rng.integers(0, 256, (16, 24), dtype=np.uint8)
    result = restorer.restore(_picture(pixels))
    assert result.pixels.shape == (64, 96)


def test_alpha_is_enlarged_separately_and_kept(restorer, rng):
    pixels = rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)
    alpha = np.zeros((16, 16), np.uint8)
    alpha[:, 8:] = 255
    result = restorer.restore(_picture(pixels, alpha))
    assert result.alpha.shape == (64, 64)
    assert result.alpha[:, :28].max() == 0 and result.alpha[:, 36:].min() == 255


@pytest.mark.parametrize("scale_out", [1, 2, 4])
def test_output_scale(restorer, rng, scale_out):
    pixels = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
    result = restorer.restore(_picture(pixels), RestoreOptions(scale_out=scale_out))
    assert result.pixels.shape == (12 * scale_out, 16 * scale_out, 3)


def test_a_two_times_model_runs_twice_for_four_times(tmp_path, rng):
    from engine.models import save_model
    from engine.networks import UNetGenerator

    path = save_model(
        UNetGenerator(scale=2, width=4, up_width=4), tmp_path / "x2.safetensors", display_name="x2"
    )
    restorer = Restorer(load_model(path), torch.device("cpu"))
    result = restorer.restore(
        _picture(rng.integers(0, 256, (10, 10, 3), dtype=np.uint8)), RestoreOptions(scale_out=4)
    )
    assert result.pixels.shape == (40, 40, 3)


def test_one_by_one_pixel(restorer):
    result = restorer.restore(_picture(np.full((1, 1, 3), 200, np.uint8)))
    assert result.pixels.shape == (4, 4, 3)
    assert np.abs(result.pixels.astype(int) - 200).max() < 60


def test_auto_tile_is_aligned_and_bounded(tiny_model_file):
    model = load_model(tiny_model_file)
    tile = auto_tile(model, torch.device("cpu"))
    assert model.info.size_multiple <= tile <= 384


def test_options_tile_overrides_the_restorers_tile(restorer, rng, monkeypatch):
    import engine.restorer as module

    tiles = []
    real = module.upscale_tiled
    monkeypatch.setattr(
        module,
        "upscale_tiled",
        lambda run, rgb, geometry, progress: (
            tiles.append(geometry.tile) or real(run, rgb, geometry, progress)
        ),
    )
    picture = _picture(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8))
    restorer.restore(picture)
    restorer.restore(picture, RestoreOptions(tile=16))
    assert tiles == [32, 16]
