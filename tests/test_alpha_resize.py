"""Resizing alpha (engine/alpha_resize.py) wherever a picture's alpha changes size: averaged by
area where it shrinks, as the colour is, and enlarged without ringing past the opacities of an
edge, in a restore, a part of one and a comparison alike."""

import tracemalloc

import cv2
import numpy as np
import pytest
import torch

from engine import alpha_resize
from engine.alpha_resize import CUBIC_A, resized_alpha
from engine.comparison import write_comparison
from engine.imageio import Picture, read_picture, write_picture
from engine.library.loading import load_model
from engine.output_size import OutputSize
from engine.restorer import RestoreOptions, Restorer


def _fence(height: int = 90, width: int = 120) -> np.ndarray:
    """Alpha with a one-pixel opaque line every six columns (lace, a fence, thin strokes)."""
    alpha = np.zeros((height, width), np.uint8)
    alpha[:, ::6] = 255
    return alpha


def _step(low: int, high: int, dtype: type = np.uint8) -> np.ndarray:
    """64 x 64 alpha of ``low`` left of the middle and ``high`` right of it."""
    alpha = np.full((64, 64), low, dtype)
    alpha[:, 32:] = high
    return alpha


def _restored_alpha(model_file, alpha: np.ndarray, options: RestoreOptions) -> np.ndarray:
    restorer = Restorer(load_model(model_file), torch.device("cpu"), tile=64)
    pixels = np.full((*alpha.shape, 3), 120, alpha.dtype)
    return restorer.restore(Picture(pixels, alpha, None, None, "png"), options).alpha


@pytest.mark.parametrize("long_side", [40, 60])
def test_a_reduced_restores_alpha_is_averaged_by_area(tiny_model_file, long_side):
    """Seen before: bicubic samples fell between the thin lines, and the 40-pixel result was
    wholly transparent (the lines cover a sixth of the picture)."""
    alpha = _fence()
    options = RestoreOptions(size=OutputSize(long_side=long_side))
    restored = _restored_alpha(tiny_model_file, alpha, options)
    by_area = cv2.resize(alpha, restored.shape[::-1], interpolation=cv2.INTER_AREA)
    assert np.array_equal(restored, by_area)
    assert abs(restored.mean() - alpha.mean()) < 0.5


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
@pytest.mark.parametrize(("low", "high"), [(255, 128), (0, 128), (0, 255)])
def test_an_enlarged_alpha_edge_stays_between_its_opacities(tiny_model_file, dtype, low, high):
    """Seen before: 255 then 128 came out 255 ... 119, 114, 120, 127, 128 (a see-through seam
    beside the edge), and 0 then 128 rose to 142 (a halo)."""
    top = np.iinfo(dtype).max // 255
    alpha = _step(low * top, high * top, dtype)
    restored = _restored_alpha(tiny_model_file, alpha, RestoreOptions())
    row = restored[100].astype(int)
    assert restored.dtype == dtype and restored.shape == (256, 256)
    assert row.min() == min(low, high) * top and row.max() == max(low, high) * top
    steps = np.diff(row) * np.sign(high - low)
    assert (steps >= 0).all() and (steps > 0).sum() >= 3  # one smooth way across the edge


def test_an_axis_that_shrinks_is_averaged_while_the_other_grows():
    fence = _fence(30, 120)
    resized = resized_alpha(fence, (40, 90))  # a third as wide, three times as tall
    by_area = cv2.resize(fence[:1], (40, 1), interpolation=cv2.INTER_AREA)
    assert np.array_equal(resized, np.repeat(by_area, 90, axis=0))


@pytest.mark.parametrize("block_values", [alpha_resize.BLOCK_VALUES, 600])
def test_a_windows_alpha_is_that_window_of_the_whole(rng, monkeypatch, block_values):
    """Whatever row a window starts in, also where rows are resized across in blocks of a few
    (600 values): OpenCV's result for a source row differs in its last bits with the rows it
    is resized with, which can move a value on a half to the other level."""
    monkeypatch.setattr(alpha_resize, "BLOCK_VALUES", block_values)
    alpha = cv2.GaussianBlur(rng.integers(0, 65536, (61, 47), dtype=np.uint16), (0, 0), 2)
    for size in [(188, 244), (30, 39), (80, 40)]:
        whole = resized_alpha(alpha, size)
        window = resized_alpha(alpha, size, (5, 7, size[0] // 2, size[1] // 3))
        assert np.array_equal(window, whole[7 : 7 + size[1] // 3, 5 : 5 + size[0] // 2])
        for row in range(size[1]):
            alone = resized_alpha(alpha, size, (0, row, size[0], 1))
            assert np.array_equal(alone, whole[row : row + 1]), (size, row)


def test_a_short_alpha_made_tall_is_summed_down_a_few_rows_at_a_time():
    """Each row of a two-row alpha made 20,000 rows tall weighs one of three sets of source
    rows: summed a whole run at a time, a run of 10,000 rows takes 80 MB of floats beside the
    20 MB result."""
    alpha = np.random.default_rng(3).integers(0, 256, (2, 1000), dtype=np.uint8)
    tracemalloc.start()
    try:
        resized = resized_alpha(alpha, (1000, 20000))
        beyond = tracemalloc.get_traced_memory()[1] - resized.nbytes
    finally:
        tracemalloc.stop()
    assert beyond < 16 * 2**20
    assert (resized.min(axis=0) >= alpha.min(axis=0)).all()
    assert (resized.max(axis=0) <= alpha.max(axis=0)).all()


def test_a_comparisons_original_alpha_is_enlarged_without_ringing(tmp_path):
    """The original's half of a comparison has the alpha the restore would give it."""
    alpha = _step(255, 128)
    original = tmp_path / "step.png"
    pixels = np.full((64, 64, 3), 100, np.uint8)
    write_picture(Picture(pixels, alpha, None, None, "png"), original)
    result = Picture(np.full((256, 256, 3), 100, np.uint8), None, None, None, "png")
    made = write_comparison(original, result, tmp_path / "both.png", split=1.0)
    shown = read_picture(made).alpha
    assert np.array_equal(shown[:, :250], resized_alpha(alpha, (256, 256))[:, :250])
    assert shown[100].min() == 128


def _line_weights(source: int, out: int) -> np.ndarray:
    """(out x source) weights of a line of ``source`` pixels resized to ``out`` as the module
    says, in float64: each output pixel's share of the source pixels it covers where the line
    shrinks; OpenCV's bicubic kernel (centres aligned, edge pixels repeated) where it grows."""
    pixel = np.arange(source)
    if out < source:
        edges = np.arange(out + 1) * source / out
        covered = np.minimum(edges[1:, None], pixel + 1) - np.maximum(edges[:-1, None], pixel)
        return covered.clip(0) * out / source
    position = (np.arange(out) + 0.5) * source / out - 0.5
    taps = np.floor(position)[:, None] + np.arange(-1, 3)
    distance = np.abs(position[:, None] - taps)
    kernel = np.where(
        distance <= 1,
        ((CUBIC_A + 2) * distance - (CUBIC_A + 3)) * distance**2 + 1,
        CUBIC_A * (((distance - 5) * distance + 8) * distance - 4),
    )
    weights = np.zeros((out, source))
    np.add.at(weights, (np.arange(out)[:, None], taps.clip(0, source - 1).astype(int)), kernel)
    return weights


def _resized_along(pixels: np.ndarray, axis: int, out: int) -> np.ndarray:
    """``pixels`` resized along ``axis`` by ``_line_weights``, where the line grows each value
    kept between its two nearest source values."""
    lines = np.moveaxis(pixels, axis, -1)
    source = lines.shape[-1]
    resized = lines @ _line_weights(source, out).T
    if out >= source:
        left = np.floor((np.arange(out) + 0.5) * source / out - 0.5).astype(int)
        first, second = (lines[..., (left + step).clip(0, source - 1)] for step in (0, 1))
        resized = resized.clip(np.minimum(first, second), np.maximum(first, second))
    return np.moveaxis(resized, -1, axis)


def _alphas(dtype: type) -> dict[str, np.ndarray]:
    """Alphas a resize gets wrong in telling ways: noise, thin lines both ways, steps between
    opacities both ways, an opaque square, a ramp."""
    top = np.iinfo(dtype).max
    noise = np.random.default_rng(5).integers(0, top + 1, (37, 29), dtype=dtype)
    fence = _fence(30, 41).astype(dtype) * (top // 255)
    square = np.zeros((27, 33), dtype)
    square[8:19, 11:25] = top
    ramp = np.linspace(0, top, 23 * 35).reshape(23, 35).astype(dtype)
    return {
        "noise": noise,
        "fence": fence,
        "fence across": fence.T.copy(),
        "step": _step(top, top // 2, dtype),
        "step down": _step(top, top // 2, dtype).T.copy(),
        "square": square,
        "ramp": ramp,
    }


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
@pytest.mark.parametrize("scale", [(4, 4), (3.03, 2.01), (0.33, 3), (2, 0.26), (0.49, 0.37)])
def test_an_alpha_is_resized_as_the_module_says_within_a_level(dtype, scale):
    """Against the rule written out in float64, a line at a time (across, then down): each
    value within a level (OpenCV's float arithmetic rounds a value on a half either way), so
    a bicubic overshoot left unclamped (some 9 levels of 255 past a step of half the range)
    or a line shrunk otherwise than by area shows."""
    for name, alpha in _alphas(dtype).items():
        height, width = alpha.shape
        size = (round(width * scale[0]), round(height * scale[1]))
        expected = _resized_along(_resized_along(alpha.astype(float), 1, size[0]), 0, size[1])
        resized = resized_alpha(alpha, size)
        assert resized.dtype == dtype and resized.shape == expected.shape, name
        assert np.abs(resized - np.rint(expected)).max() <= 1, name
