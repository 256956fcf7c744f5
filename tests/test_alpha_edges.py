"""Colours under fully transparent pixels never reach a restoration's visible edges."""

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from engine.alpha_fill import with_hidden_colours_filled
from engine.cli import main
from engine.imageio import Picture
from engine.library.loading import load_model
from engine.restorer import Restorer

DISC = (200, 150, 60)
SIZE = 48


def _disc_alpha() -> np.ndarray:
    """A disc with a soft edge two pixels wide, transparent around it."""
    yy, xx = np.mgrid[:SIZE, :SIZE]
    radius = np.hypot(yy - SIZE / 2, xx - SIZE / 2)
    return np.clip((15 - radius) * 255 / 2 + 128, 0, 255).astype(np.uint8)


def _disc_over(hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The disc's colours and alpha, ``hidden`` (HxWx3) lying where nothing shows."""
    alpha = _disc_alpha()
    pixels = np.where((alpha > 0)[..., None], np.array(DISC, np.uint8), hidden)
    return pixels.astype(np.uint8), alpha


def _hiddens() -> list[np.ndarray]:
    noise = np.random.default_rng(0).integers(0, 256, (SIZE, SIZE, 3), dtype=np.uint8)
    black, white = np.zeros_like(noise), np.full_like(noise, 255)
    return [black, white, noise]


@pytest.fixture
def restorer(tiny_model_file: Path) -> Restorer:
    return Restorer(load_model(tiny_model_file), torch.device("cpu"), tile=32)


def test_hidden_colours_are_filled_from_the_visible_ones() -> None:
    for hidden in _hiddens():
        pixels, alpha = _disc_over(hidden)
        filled = with_hidden_colours_filled(pixels, alpha)
        np.testing.assert_array_equal(filled[alpha > 0], pixels[alpha > 0])
        assert np.abs(filled.astype(int) - DISC).max() <= 1


def test_a_grey_picture_is_filled_too() -> None:
    pixels, alpha = _disc_over(_hiddens()[1])
    grey = pixels[..., 0].copy()
    filled = with_hidden_colours_filled(grey, alpha)
    assert filled.shape == grey.shape
    assert np.abs(filled.astype(int) - DISC[0]).max() <= 1


def test_pictures_that_look_the_same_restore_the_same(restorer: Restorer) -> None:
    results = []
    for hidden in _hiddens():
        pixels, alpha = _disc_over(hidden)
        results.append(restorer.restore(Picture(pixels, alpha, None, None, "png")))
    shows = results[0].alpha > 0
    for result in results[1:]:
        np.testing.assert_array_equal(result.alpha, results[0].alpha)
        visible = np.abs(result.pixels[shows].astype(int) - results[0].pixels[shows])
        assert visible.max() <= 2


def test_an_opaque_picture_restores_exactly_as_without_alpha(restorer: Restorer) -> None:
    pixels = np.random.default_rng(1).integers(0, 256, (SIZE, SIZE, 3), dtype=np.uint8)
    opaque = np.full((SIZE, SIZE), 255, np.uint8)
    assert with_hidden_colours_filled(pixels, opaque) is pixels
    with_alpha = restorer.restore(Picture(pixels, opaque, None, None, "png"))
    without = restorer.restore(Picture(pixels, None, None, None, "png"))
    np.testing.assert_array_equal(with_alpha.pixels, without.pixels)


def test_a_photos_preview_keeps_its_alpha(tmp_path: Path, tiny_model_file: Path) -> None:
    pixels, alpha = _disc_over(_hiddens()[0])
    photo = tmp_path / "disc.png"
    Image.fromarray(np.dstack([pixels, alpha]), "RGBA").save(photo)
    out = tmp_path / "part.png"
    part = ["--part", "8,8,24,16", "-o", str(out), "--model", str(tiny_model_file)]
    assert main(["preview", str(photo), *part]) == 0
    with Image.open(out) as written:
        assert written.mode == "RGBA"
        assert written.size == (96, 64)
