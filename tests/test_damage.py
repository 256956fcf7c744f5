"""The real-damage model in numpy: its draws, each step's effect, and what it must never do."""

from __future__ import annotations

import json
import shutil

import cv2
import numpy as np
import pytest

from tests.conftest import photo_path
from training.damage import recipe
from training.damage.kernels import blur_kernel, difference_of_gaussians, elliptic_kernel
from training.damage.numpy_pipeline import apply_damage, is_neutral, resize
from training.damage.recipe import STEPS, sample_damage
from training.evaluation import load_validation_set
from training.prepare import shrink_bicubic

SCALE = 4
LR = 48
DRAWS = 60


def _crop(index: int = 0, side: int = LR * SCALE, grey: bool = False) -> np.ndarray:
    image = cv2.cvtColor(cv2.imread(str(photo_path(index))), cv2.COLOR_BGR2RGB)
    crop = np.ascontiguousarray(image[100 : 100 + side, 150 : 150 + side])
    if grey:
        crop = np.repeat(cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)[..., None], 3, axis=2)
    return crop


def _flat(level: int = 128, side: int = LR * SCALE) -> np.ndarray:
    return np.full((side, side, 3), level, dtype=np.uint8)


def _only(step: str | None, value, **base) -> dict:
    """Params that apply one step alone, on plain area resampling at film scale 2."""
    params = {
        "version": recipe.RECIPE_VERSION,
        "scale": SCALE,
        "height": LR,
        "width": LR,
        "material": "print",
        "clean": False,
        "film_scale": 2.0,
        "film_resize": "area",
        "scan_resize": "area",
        **dict.fromkeys(STEPS),
        **base,
    }
    if step is not None:
        params[step] = value
    return params


def _plain(sharp: np.ndarray) -> np.ndarray:
    return apply_damage(sharp, _only(None, None))


def test_draws_are_plain_json_and_reproducible() -> None:
    for seed in range(DRAWS):
        params = sample_damage(np.random.default_rng(seed), SCALE, LR, LR)
        assert json.loads(json.dumps(params)) == params
        assert params == sample_damage(np.random.default_rng(seed), SCALE, LR, LR)


def test_applying_is_deterministic_and_gives_the_low_resolution_size() -> None:
    sharp = _crop()
    for seed in range(10):
        params = sample_damage(np.random.default_rng(seed), SCALE, LR, LR)
        first = apply_damage(sharp, params)
        assert first.shape == (LR, LR, 3) and first.dtype == np.uint8
        np.testing.assert_array_equal(first, apply_damage(sharp, params))


def test_every_step_is_drawn_sometimes_and_film_never_gets_print_screens() -> None:
    seen = dict.fromkeys(STEPS, 0)
    for seed in range(600):
        params = sample_damage(np.random.default_rng(seed), SCALE, LR, LR)
        for step in STEPS:
            seen[step] += params[step] is not None
        if params["material"] == "film":
            assert params["screen"] is None and params["paper"] is None
        assert 1.0 <= params["film_scale"] <= SCALE
    assert all(count > 0 for count in seen.values()), seen


def test_a_grey_crop_stays_grey() -> None:
    sharp = _crop(3, grey=True)
    assert is_neutral(sharp)
    for seed in range(DRAWS):
        out = apply_damage(sharp, sample_damage(np.random.default_rng(seed), SCALE, LR, LR))
        pixels = out.astype(np.int16)
        assert np.abs(pixels[..., 0] - pixels[..., 1]).mean() <= 1.0
        assert np.abs(pixels[..., 2] - pixels[..., 1]).mean() <= 1.0
        assert np.abs(pixels - pixels[..., 1:2]).max() <= 2  # JPEG's chroma rounding at most


def test_colour_and_tone_are_kept_on_average() -> None:
    sharp = _crop(7)
    plain = _plain(sharp).astype(np.float64).mean(axis=(0, 1))
    means = [
        apply_damage(sharp, sample_damage(np.random.default_rng(seed), SCALE, LR, LR))
        .astype(np.float64)
        .mean(axis=(0, 1))
        for seed in range(DRAWS)
    ]
    shift = np.mean(means, axis=0) - plain
    assert np.abs(shift).max() < 1.5, shift  # no colour cast, no fading
    assert np.abs(shift - shift.mean()).max() < 0.75, shift  # and the channels move together


def test_clean_pairs_are_plain_antialiased_bicubic() -> None:
    sharp = _crop()
    params = _only(None, None, clean=True)
    expected = np.clip(np.rint(resize(sharp.astype(np.float32), (LR, LR), "cubic-aa")), 0, 255)
    np.testing.assert_array_equal(apply_damage(sharp, params), expected.astype(np.uint8))


def _residual(sharp: np.ndarray, step: str, value) -> np.ndarray:
    return apply_damage(sharp, _only(step, value)).astype(np.float64) - _plain(sharp)


def test_grain_lives_in_luminance_clumps_and_peaks_in_midtones() -> None:
    grain = {"strength": 10.0, "size": 1.2, "chroma": 0.0, "seed": 3}
    mid = _residual(_flat(128), "grain", grain)
    dark = _residual(_flat(8), "grain", grain)
    assert mid.std() > 2.0 * dark.std() > 0.0
    np.testing.assert_array_equal(mid[..., 0], mid[..., 1])  # luminance only: no colour
    field = mid[..., 1]
    neighbours = np.corrcoef(field[:, :-1].ravel(), field[:, 1:].ravel())[0, 1]
    assert neighbours > 0.3  # clumped, not per-pixel


def test_colour_grain_and_dye_clouds_move_colour_not_brightness() -> None:
    sharp = _flat(128)
    sharp[..., 0] = 150  # a colour picture, so colour noise applies
    clouds = _residual(sharp, "dye_clouds", {"strength": 5.0, "size": 2.0, "seed": 1})
    luma = clouds @ np.array([0.299, 0.587, 0.114])
    assert clouds.std() > 1.0
    assert np.abs(clouds.mean(axis=2)).max() <= 1.0  # R, G and B moved apart around their mean
    assert luma.std() < clouds.std()
    grey = _residual(_flat(128), "dye_clouds", {"strength": 5.0, "size": 2.0, "seed": 1})
    assert not grey.any()  # black-and-white material has no dye


def test_print_screen_shows_its_pitch_and_aliases_when_skipped() -> None:
    screen = {"pitch": 4.0, "angle_deg": 0.0, "amplitude": 0.2, "phase": [0.0, 0.0]}
    params = _only("screen", screen, film_scale=1.0)
    out = apply_damage(_flat(128), params).astype(np.float64)[..., 1]
    spectrum = np.abs(np.fft.fft2(out - out.mean()))
    peak = np.unravel_index(int(np.argmax(spectrum)), spectrum.shape)
    assert {int(f) for f in peak} <= {LR // 4, LR - LR // 4}  # a dot every 4 pixels
    moire = _only("screen", {**screen, "pitch": 2.2}, film_scale=4.0, scan_resize="linear")
    aliased = apply_damage(_flat(128), moire).astype(np.float64)[..., 1]
    smooth = apply_damage(_flat(128), {**moire, "scan_resize": "area"}).astype(np.float64)[..., 1]
    assert aliased.std() > 2.0 * smooth.std()  # pixel-skipping scans turn screens into moiré


def test_paper_texture_is_multiplicative_and_grey() -> None:
    paper = {"amplitude": 0.04, "size": 1.0, "elongation": 2.0, "angle_deg": 30.0, "seed": 2}
    bright = _residual(_flat(200), "paper", paper)
    dim = _residual(_flat(50), "paper", paper)
    assert bright.std() == pytest.approx(4.0 * dim.std(), rel=0.15)
    np.testing.assert_array_equal(bright[..., 0], bright[..., 2])


def test_blur_softens_and_keeps_tone() -> None:
    sharp = _crop(1)
    for shape in recipe.CAPTURE_SHAPES:
        spec = {"shape": shape, "sigma_x": 1.2, "sigma_y": 0.6, "angle_deg": 20.0, "beta": 1.5}
        if shape == "defocus":
            spec = {"shape": shape, "radius": 1.5}
        out = apply_damage(sharp, _only("capture_blur", spec)).astype(np.float64)
        plain = _plain(sharp).astype(np.float64)
        edges = np.abs(np.diff(out, axis=1)).mean()
        assert edges < 0.8 * np.abs(np.diff(plain, axis=1)).mean(), shape
        assert abs(out.mean() - plain.mean()) < 0.5, shape


def test_sensor_noise_and_compression_and_marks_do_what_they_say() -> None:
    sharp = _crop(2)
    noise = _residual(sharp, "sensor_noise", {"sigma": 4.0, "luminance_only": False, "seed": 5})
    assert noise.std() == pytest.approx(4.0, rel=0.15)
    jpeg = _residual(sharp, "compression", {"kind": "jpeg", "quality": 30})
    assert 1.0 < np.abs(jpeg).mean() < 8.0
    codec = {"kind": "codec", "qscale": 20.0, "deadzone": 1.0, "offset": [3, 5]}
    assert np.abs(_residual(sharp, "compression", codec)).mean() > 1.0
    specks = [
        {"center": [20.0, 20.0], "radii": [2.0, 2.0], "angle_deg": 0.0, "value": 255, "alpha": 0.9}
    ]
    marked = _residual(_flat(60), "specks", specks)
    assert marked.max() > 100 and marked[:10, :10].max() == 0


def test_kernels_are_normalised_symmetric_and_oriented() -> None:
    size, centre, step = 15, 7, 3
    kernel = elliptic_kernel(3.0, 0.7, 0.0, size)
    assert kernel.sum() == pytest.approx(1.0, abs=1e-5)
    assert kernel[centre, centre + step] > 10 * kernel[centre + step, centre]  # along x
    np.testing.assert_allclose(elliptic_kernel(3.0, 0.7, 90.0, size), kernel.T, atol=1e-7)
    for shape in recipe.CAPTURE_SHAPES:
        spec = {
            "shape": shape,
            "sigma_x": 1.0,
            "sigma_y": 1.0,
            "angle_deg": 0.0,
            "beta": 1.0,
            "radius": 1.0,
        }
        made = blur_kernel(spec, 2.0, 31)
        assert made.sum() == pytest.approx(1.0, abs=1e-5), shape
        np.testing.assert_allclose(made, made[::-1, ::-1], atol=1e-7)  # point-symmetric
    band = difference_of_gaussians(1.0, 2.0, 0.0, 41)
    assert abs(band.sum()) < 1e-5  # no drift of tone


def test_params_of_another_version_or_size_are_refused() -> None:
    params = sample_damage(np.random.default_rng(0), SCALE, LR, LR)
    with pytest.raises(ValueError, match="version"):
        apply_damage(_crop(), {**params, "version": 0})
    with pytest.raises(ValueError, match="crop"):
        apply_damage(_crop(side=LR * SCALE + 4), params)


def test_the_damaged_benchmark_is_fixed_and_always_damaged(tmp_path) -> None:
    for index in range(3):
        shutil.copy(photo_path(index), tmp_path / f"{index}.png")
    first = load_validation_set(tmp_path, SCALE, degrade="real")
    again = load_validation_set(tmp_path, SCALE, degrade="real")
    for pair, same in zip(first, again, strict=True):
        np.testing.assert_array_equal(pair.blurry, same.blurry)
        assert not np.array_equal(pair.blurry, shrink_bicubic(pair.sharp, SCALE))
