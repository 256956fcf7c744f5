"""Tests for the PSNR/SSIM-on-Y metrics in training/metrics.py."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from training.metrics import HALO_WINDOW, fine_detail_y, halo_y, psnr_y, rgb_to_y, ssim_y

SIZE = 40
BORDER = 4
WINDOW = 11
Y_RANGE = 219.0  # 235 - 16: Y span for R, G, B spanning 0..255


def textured(seed: int = 0, shape: tuple[int, ...] = (SIZE, SIZE, 3)) -> np.ndarray:
    """Smooth-ish random content, kept away from 0 and 255 so offsets do not clip."""
    rng = np.random.default_rng(seed)
    return rng.integers(40, 200, size=shape, dtype=np.uint8)


def test_rgb_to_y_of_white_and_black() -> None:
    white = np.full((2, 3, 3), 255, np.uint8)
    black = np.zeros((2, 3, 3), np.uint8)
    assert rgb_to_y(white) == pytest.approx(np.full((2, 3), 235.0), abs=1e-9)
    assert rgb_to_y(black) == pytest.approx(np.full((2, 3), 16.0), abs=1e-9)
    assert rgb_to_y(white).dtype == np.float64


def test_rgb_to_y_weights_follow_bt601() -> None:
    pixels = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255]]], np.uint8)
    assert rgb_to_y(pixels)[0] == pytest.approx([16 + 65.481, 16 + 128.553, 16 + 24.966])


def test_rgb_to_y_scales_uint16_and_float_to_the_8bit_range() -> None:
    white16 = np.full((1, 1, 3), 65535, np.uint16)
    white_float = np.ones((1, 1, 3), np.float32)
    assert rgb_to_y(white16)[0, 0] == pytest.approx(235.0)
    assert rgb_to_y(white_float)[0, 0] == pytest.approx(235.0)


def test_rgb_to_y_rejects_non_rgb() -> None:
    with pytest.raises(ValueError):
        rgb_to_y(np.zeros((4, 4), np.uint8))


def test_psnr_of_identical_is_inf() -> None:
    image = textured()
    assert psnr_y(image, image.copy(), 0) == math.inf


def test_psnr_of_grey_offset_matches_formula() -> None:
    a = textured(shape=(SIZE, SIZE))
    b = a + np.uint8(3)  # grey input is Y itself: error is exactly 3 everywhere
    assert psnr_y(a, b, 0) == pytest.approx(10 * math.log10(255.0**2 / 9.0))


def test_psnr_of_rgb_offset_goes_through_y() -> None:
    grey = textured(shape=(SIZE, SIZE))
    a = np.repeat(grey[..., None], 3, axis=2)
    offset = 10
    b = a + np.uint8(offset)
    y_error = Y_RANGE * offset / 255.0  # R, G, B all move by `offset`: Y moves by 219/255 of it
    expected = 10 * math.log10(255.0**2 / y_error**2)
    assert psnr_y(a, b, 0) == pytest.approx(expected)


def test_border_is_excluded() -> None:
    a = textured()
    b = a.copy()
    b[:BORDER] = 255 - b[:BORDER]
    b[-BORDER:] = 255 - b[-BORDER:]
    b[:, :BORDER] = 0
    b[:, -BORDER:] = 0
    assert psnr_y(a, b, BORDER) == math.inf
    assert ssim_y(a, b, BORDER) == pytest.approx(1.0, abs=1e-12)
    # One pixel less of crop lets the damage in.
    assert math.isfinite(psnr_y(a, b, BORDER - 1))
    assert ssim_y(a, b, BORDER - 1) < 1.0 - 1e-6


def test_ssim_of_identical_is_one() -> None:
    image = textured()
    assert ssim_y(image, image.copy(), 0) == pytest.approx(1.0, abs=1e-12)
    flat = np.full((SIZE, SIZE), 77, np.uint8)
    assert ssim_y(flat, flat.copy(), 0) == pytest.approx(1.0, abs=1e-12)


def test_ssim_decreases_with_noise() -> None:
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    clean = (128 + 60 * np.sin(xx / 5.0) * np.cos(yy / 7.0)).astype(np.uint8)
    rng = np.random.default_rng(1)
    scores = []
    for sigma in (2.0, 8.0, 25.0):
        noisy = np.clip(clean + rng.normal(0, sigma, clean.shape), 0, 255).astype(np.uint8)
        scores.append(ssim_y(clean, noisy, 0))
    assert 1.0 > scores[0] > scores[1] > scores[2] > 0.0


def test_ssim_matches_hand_computed_global_value_on_flat_images() -> None:
    # Flat images have no variance, so SSIM reduces to the luminance term everywhere.
    a = np.full((SIZE, SIZE), 100, np.uint8)
    b = np.full((SIZE, SIZE), 120, np.uint8)
    c1 = (0.01 * 255) ** 2
    expected = (2 * 100 * 120 + c1) / (100**2 + 120**2 + c1)
    assert ssim_y(a, b, 0) == pytest.approx(expected, rel=1e-9)


def test_ssim_on_a_window_sized_image_is_the_single_weighted_window() -> None:
    # An 11x11 image has exactly one 'valid' position: SSIM is that one window's value,
    # computable by hand from the Gaussian weights (sigma 1.5) and the SSIM formula.
    a = textured(shape=(WINDOW, WINDOW)).astype(np.float64)
    b = textured(2, shape=(WINDOW, WINDOW)).astype(np.float64)
    offsets = np.arange(WINDOW) - WINDOW // 2
    profile = np.exp(-(offsets**2) / (2 * 1.5**2))
    weights = np.outer(profile, profile) / np.outer(profile, profile).sum()
    mu_a, mu_b = (weights * a).sum(), (weights * b).sum()
    var_a = (weights * a * a).sum() - mu_a**2
    var_b = (weights * b * b).sum() - mu_b**2
    cov = (weights * a * b).sum() - mu_a * mu_b
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    expected = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / (
        (mu_a**2 + mu_b**2 + c1) * (var_a + var_b + c2)
    )
    assert ssim_y(a.astype(np.uint8), b.astype(np.uint8), 0) == pytest.approx(expected, rel=1e-9)


def test_shape_mismatch_raises() -> None:
    with pytest.raises(ValueError, match="shape"):
        psnr_y(textured(), textured(shape=(SIZE, SIZE + 1, 3)), 0)
    with pytest.raises(ValueError, match="shape"):
        ssim_y(textured(), textured(shape=(SIZE, SIZE)), 0)


def test_border_too_large_raises() -> None:
    with pytest.raises(ValueError):
        psnr_y(textured(), textured(1), SIZE // 2)
    with pytest.raises(ValueError):
        ssim_y(textured(), textured(1), SIZE // 2 - 3)  # leaves 6x6, smaller than the window


def _edge(low: float = 50.0, high: float = 200.0, side: int = 32) -> np.ndarray:
    image = np.full((side, side), low)
    image[:, side // 2 :] = high
    return image / 255.0  # floats are read on the 0..1 scale


def test_halo_of_the_original_and_of_anything_within_its_local_range_is_zero() -> None:
    original = np.random.default_rng(0).integers(0, 256, (40, 40, 3), dtype=np.uint8)
    softened = cv2.blur(original, (3, 3))  # a local mean never leaves the local range
    assert halo_y(original, original, 0) == 0.0
    assert halo_y(softened, original, 2) == pytest.approx(0.0, abs=1e-9)


def test_halo_charges_the_rims_beside_an_edge_by_how_far_they_stray() -> None:
    original = _edge()
    haloed = original.copy()
    haloed[:, 15] = 30 / 255  # a dark rim 20 levels below anything near it
    haloed[:, 16] = 230 / 255  # a bright rim 30 levels above
    assert halo_y(haloed, original, 0) == pytest.approx((20 + 30) / 32)


def test_halo_spares_a_peak_near_one_of_the_original_and_charges_one_farther() -> None:
    original = np.zeros((21, 21))
    original[10, 10] = 1.0
    reach = HALO_WINDOW // 2
    restored = np.zeros_like(original)
    restored[10, 10 + reach] = 1.0
    assert halo_y(restored, original, 0) == 0.0
    restored[10, 10 + reach + 1] = 1.0
    assert halo_y(restored, original, 0) == pytest.approx(255 / original.size)


def test_fine_detail_is_none_on_flat_colour_and_grows_with_sharpness() -> None:
    flat = np.full((40, 40, 3), 120, np.uint8)
    sharp = (_edge() * 255).astype(np.uint8)
    assert fine_detail_y(flat, 4) == pytest.approx(0.0, abs=1e-9)
    assert fine_detail_y(sharp, 4) > fine_detail_y(cv2.GaussianBlur(sharp, (0, 0), 2.0), 4) > 0
