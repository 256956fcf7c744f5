"""Resizing alpha (engine/alpha_resize.py) wherever a picture's alpha changes size: averaged by
area where it shrinks, as the colour is, and enlarged without ringing past the opacities of an
edge, in a restore, a part of one and a comparison alike."""

import cv2
import numpy as np
import pytest
import torch

from engine.alpha_resize import resized_alpha
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


def test_a_windows_alpha_is_that_window_of_the_whole(rng):
    alpha = cv2.GaussianBlur(rng.integers(0, 65536, (61, 47), dtype=np.uint16), (0, 0), 2)
    for size in [(188, 244), (30, 39), (80, 40)]:
        whole = resized_alpha(alpha, size)
        window = resized_alpha(alpha, size, (5, 7, size[0] // 2, size[1] // 3))
        assert np.array_equal(window, whole[7 : 7 + size[1] // 3, 5 : 5 + size[0] // 2])


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
