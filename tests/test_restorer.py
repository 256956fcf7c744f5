"""Restoring pictures: colour through the network, alpha on its own, depth and gray kept."""

from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.errors import Cancelled, RekindleError
from engine.imageio import Picture
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.progress import CancelToken, Progress
from engine.restorer import RestoreOptions, Restorer, auto_tile

CPU = torch.device("cpu")


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
    from engine.library.own_format import save_model
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
    assert model.descriptor.size_multiple <= tile <= 384


def test_options_tile_overrides_the_restorers_tile(restorer, rng, monkeypatch):
    import engine.restorer as module

    tiles = []
    real = module.upscale_tiled
    monkeypatch.setattr(
        module,
        "upscale_tiled",
        lambda run, rgb, geometry, *rest: (
            tiles.append(geometry.tile) or real(run, rgb, geometry, *rest)
        ),
    )
    picture = _picture(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8))
    restorer.restore(picture)
    restorer.restore(picture, RestoreOptions(tile=16))
    assert tiles == [32, 16]


def _orientations(pixels):
    """The eight orientations of a picture, each with the function that turns it back."""
    for mirrored in (False, True):
        flipped = pixels[:, ::-1] if mirrored else pixels
        for turns in range(4):

            def back(out, turns=turns, mirrored=mirrored):
                out = np.rot90(out, -turns)
                return out[:, ::-1] if mirrored else out

            yield np.ascontiguousarray(np.rot90(flipped, turns)), back


def test_ensemble_is_the_mean_of_the_eight_orientations(tmp_path, rng):
    """One tile covers the picture, so each orientation restored on its own and turned back
    must average to the ensemble's answer (within the 8-bit rounding of each pass)."""
    torch.manual_seed(3)
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    with torch.no_grad():
        for parameter in network.parameters():  # an untrained network is exactly bicubic
            parameter.normal_(0, 0.1)
    restorer = Restorer(
        load_model(save_model(network, tmp_path / "m.safetensors", display_name="Random")), CPU
    )
    pixels = rng.integers(64, 192, (24, 32, 3), dtype=np.uint8)  # mid-tones: few clip
    single = restorer.enlarge(pixels, tile=64)
    ensemble = restorer.restore(_picture(pixels), RestoreOptions(tile=64, ensemble=True)).pixels
    passes = np.stack(
        [
            back(restorer.enlarge(turned, tile=64)).astype(np.float64)
            for turned, back in _orientations(pixels)
        ]
    )
    unclipped = ((passes > 0) & (passes < 255)).all(axis=0)  # the ensemble clips only the mean
    assert unclipped.mean() > 0.9
    assert np.abs(ensemble - passes.mean(axis=0))[unclipped].max() <= 1.0
    assert ensemble.shape == single.shape and ensemble.dtype == np.uint8
    assert np.abs(ensemble.astype(int) - single).max() > 2  # the random network is not symmetric


def test_ensemble_is_closer_to_the_original_on_a_real_photo():
    """The built-in faithful model, averaged over orientations, restores a shrunk kodak photo
    at least as well as one pass (it gained 0.07 dB on all 24)."""
    from engine.library.loading import open_model
    from tests.conftest import photo_path
    from training.evaluation import load_validation_set, score

    restorer = Restorer(open_model("faithful-x4"), CPU)
    pairs = load_validation_set(photo_path(0).parent, 4, 2)
    one, _ = score(pairs, restorer.enlarge, 4)
    eight, _ = score(pairs, lambda blurry: restorer.enlarge(blurry, ensemble=True), 4)
    assert eight.psnr > one.psnr > one.bicubic_psnr


def test_cancel_stops_a_tile_between_two_layers(tiny_model_file, rng):
    """One tile of a large community model can take minutes on a CPU: Cancel must not wait
    for it to end. Nothing of the check stays on the network afterwards. (The restorer runs the
    network once on a small picture as it is made, to measure its layers: the spies come
    after.)"""
    model = load_model(tiny_model_file)
    network = model.network
    token = CancelToken()
    tails = []
    restorer = Restorer(model, CPU, tile=64)
    network.head.register_forward_hook(lambda *_: token.cancel())
    network.tail.register_forward_hook(lambda *_: tails.append(1))
    picture = _picture(rng.integers(0, 256, (16, 16, 3), dtype=np.uint8))  # one tile
    with pytest.raises(Cancelled):
        restorer.restore(picture, progress=Progress(token=token))
    assert tails == []
    assert all(not layer._forward_pre_hooks for layer in network.modules())


def _area_shrunk(full: np.ndarray, factor: int) -> np.ndarray:
    """``full`` averaged over ``factor`` x ``factor`` blocks, as float."""
    h, w = full.shape[0] // factor, full.shape[1] // factor
    blocks = full[: h * factor, : w * factor].astype(np.float64)
    return blocks.reshape(h, factor, w, factor, *full.shape[2:]).mean(axis=(1, 3))


@pytest.mark.parametrize(("side", "tile"), [((37, 53), 16), ((64, 48), 32), ((20, 30), 0)])
@pytest.mark.parametrize("scale_out", [1, 2])
def test_a_smaller_output_is_the_full_result_averaged_tile_by_tile(
    restorer, rng, side, tile, scale_out
):
    pixels = rng.integers(0, 256, (*side, 3), dtype=np.uint8)
    full = restorer.enlarge(pixels, tile=tile)
    small = restorer.enlarge(pixels, scale_out=scale_out, tile=tile)
    assert small.shape == (side[0] * scale_out, side[1] * scale_out, 3)
    # averaged in floats before rounding, so within one level of averaging the rounded result
    assert np.abs(small - _area_shrunk(full, 4 // scale_out)).max() <= 1


def test_a_gray_picture_shrinks_tile_by_tile_too(restorer, rng):
    pixels = rng.integers(0, 65536, (24, 40), dtype=np.uint16)
    full = restorer.enlarge(pixels)
    small = restorer.enlarge(pixels, scale_out=2)
    assert small.shape == (48, 80) and small.dtype == np.uint16
    assert np.abs(small - _area_shrunk(full, 2)).max() <= 2  # two roundings of 16-bit values


def test_a_smaller_output_never_holds_the_full_scale_result(restorer, rng):
    """numpy's allocations are traced: the 4x result of this picture would take 12 MB."""
    import tracemalloc

    pixels = rng.integers(0, 256, (512, 512, 3), dtype=np.uint8)
    full_bytes = pixels.nbytes * 16
    tracemalloc.start()
    try:
        restorer.enlarge(pixels, scale_out=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < full_bytes / 4, peak


def test_two_passes_of_a_four_times_model_shrink_the_second_for_eight_times(restorer, rng):
    pixels = rng.integers(0, 256, (10, 12, 3), dtype=np.uint8)
    first = restorer.enlarge(pixels)
    full = restorer.enlarge(first)
    result = restorer.enlarge(pixels, scale_out=8)
    assert result.shape == (80, 96, 3)
    assert np.abs(result - _area_shrunk(full, 2)).max() <= 1


def test_marks_made_by_hand_are_filled_in_place_of_the_spots_found(restorer, monkeypatch):
    """Marks a person looked over are what gets filled, whether or not finding is on."""
    searched = []

    def counting(pixels):
        searched.append(pixels.shape)
        marks = np.zeros(pixels.shape[:2], np.uint8)
        marks[2:4, 2:4] = 255
        return marks

    monkeypatch.setattr("engine.restorer.find_spots", counting)
    pixels = np.full((16, 16, 3), 100, np.uint8)
    pixels[8, 8] = 255
    picture = Picture(pixels, None, None, None, "png")
    hand = np.zeros((16, 16), np.uint8)
    hand[8, 8] = 255
    finding = RestoreOptions(scale_out=1, find_spots=True)
    by_hand = restorer.restore(picture, finding, marks=hand)
    assert not searched and b"filled first (1 place)" in by_hand.exif
    assert by_hand.pixels[8, 8].max() < 200
    found = restorer.restore(picture, finding)
    assert searched == [(16, 16, 3)] and b"filled first (1 place)" in found.exif
    plain = restorer.restore(picture, RestoreOptions(scale_out=1))
    assert b"filled" not in plain.exif and plain.pixels[8, 8].max() > 200


class _Gains(torch.nn.Module):
    """A 4x network that multiplies by its gains in turn, then repeats each pixel."""

    def __init__(self, *gains: float) -> None:
        super().__init__()
        self.gains = torch.nn.Parameter(torch.tensor(gains))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for gain in self.gains:
            x = x * gain
        return F.interpolate(x, scale_factor=4, mode="nearest")


def _with_network(tiny_model_file, network: torch.nn.Module):
    return replace(load_model(tiny_model_file), network=network)


def test_a_network_answering_nan_fails_the_photo_naming_the_model(tiny_model_file, rng):
    """Broken weights give NaN, which the 8-bit conversion would make a black picture."""
    restorer = Restorer(_with_network(tiny_model_file, _Gains(float("nan"))), CPU, tile=32)
    picture = _picture(rng.integers(0, 256, (40, 40, 3), dtype=np.uint8))
    with pytest.raises(RekindleError, match=r"^the model Tiny gave a result that is not a picture"):
        restorer.restore(picture)


def test_an_overflow_in_half_precision_is_computed_again_in_float32(
    tiny_model_file, monkeypatch, rng
):
    """300 x 300 is beyond half precision's largest number (65504), not float32's: the tile is
    run again in float32, and the model stays there."""
    monkeypatch.setattr("engine.restorer.uses_half", lambda device: True)
    restorer = Restorer(_with_network(tiny_model_file, _Gains(300, 300, 1 / 300, 1 / 300)), CPU)
    assert restorer.half
    pixels = rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)
    result = restorer.enlarge(pixels).astype(int)
    assert np.abs(result - pixels.repeat(4, axis=0).repeat(4, axis=1)).max() <= 1
    assert not restorer.half and next(restorer.model.network.parameters()).dtype == torch.float32


def test_weights_beyond_half_precision_keep_the_model_in_float32(tiny_model_file, monkeypatch):
    monkeypatch.setattr("engine.restorer.uses_half", lambda device: True)
    assert Restorer(_with_network(tiny_model_file, _Gains(1e5, 1e-5)), CPU).half is False
    assert Restorer(_with_network(tiny_model_file, _Gains(2.0)), CPU).half is True
