"""Tests for the old-photo degradation recipe in training/degrade.py."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest

from training import degrade
from training.degrade import (
    DAMAGE_STEPS,
    RECIPE_VERSION,
    STEPS,
    apply_oldphoto,
    degrade_oldphoto,
    sample_oldphoto_params,
)

HEIGHT, WIDTH = 48, 64
SEED_COUNT = 200
RECOGNISABLE_SEEDS = 100
MIN_MEAN_PSNR_DB = 20.0
MIN_WORST_PSNR_DB = 14.0
JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def smooth_image(height: int = HEIGHT, width: int = WIDTH) -> np.ndarray:
    """Smooth colour gradients: any damage shows, and PSNR against it is meaningful."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    red = 40 + 170 * xx / (width - 1)
    green = 50 + 150 * yy / (height - 1)
    blue = 200 - 120 * (xx + yy) / (width + height - 2)
    return np.stack([red, green, blue], axis=-1).round().astype(np.uint8)


def clean_params(**steps: Any) -> dict[str, Any]:
    """Params that skip every step except the ones given."""
    params: dict[str, Any] = {"version": RECIPE_VERSION, "height": HEIGHT, "width": WIDTH}
    params.update(dict.fromkeys(STEPS))
    params.update(steps)
    return params


def rgb_psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(255.0**2 / mse)


def assert_plain_json(value: Any, where: str = "params") -> None:
    """Exact type checks: np.float64 would pass json.dumps but is not a plain float."""
    assert type(value) in JSON_TYPES, f"{where} is {type(value).__name__}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str
            assert_plain_json(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_plain_json(item, f"{where}[{index}]")


def degraded(seed: int, image: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, Any]]:
    return degrade_oldphoto(smooth_image() if image is None else image, np.random.default_rng(seed))


def some_steps_seeds(count: int) -> list[int]:
    """Seeds whose sampled recipe applies at least one step (a few apply none, by design)."""
    seeds = []
    seed = 0
    while len(seeds) < count:
        params = sample_oldphoto_params(np.random.default_rng(seed), HEIGHT, WIDTH)
        if any(params[step] is not None for step in STEPS):
            seeds.append(seed)
        seed += 1
    return seeds


def test_keeps_shape_and_dtype() -> None:
    out, _ = degraded(0)
    assert out.shape == (HEIGHT, WIDTH, 3)
    assert out.dtype == np.uint8


def test_changes_the_image_whenever_a_step_is_applied() -> None:
    image = smooth_image()
    for seed in some_steps_seeds(20):
        out, _ = degraded(seed, image)
        assert not np.array_equal(out, image), f"seed {seed} left the image unchanged"


def test_does_not_modify_the_input() -> None:
    image = smooth_image()
    before = image.copy()
    for seed in range(10):
        degraded(seed, image)
    assert np.array_equal(image, before)


def test_same_seed_gives_same_result() -> None:
    for seed in range(10):
        out_a, params_a = degraded(seed)
        out_b, params_b = degraded(seed)
        assert np.array_equal(out_a, out_b)
        assert params_a == params_b


def test_different_seeds_give_different_results() -> None:
    outputs = [degraded(seed)[0] for seed in some_steps_seeds(10)]
    distinct = {out.tobytes() for out in outputs}
    assert len(distinct) == len(outputs)


def test_replay_from_params_is_exact() -> None:
    image = smooth_image()
    for seed in range(30):
        out, params = degraded(seed, image)
        assert np.array_equal(apply_oldphoto(image, params), out), f"seed {seed}"


def test_params_survive_a_json_round_trip_and_still_replay() -> None:
    image = smooth_image()
    for seed in range(30):
        out, params = degraded(seed, image)
        assert_plain_json(params)
        restored = json.loads(json.dumps(params))
        assert restored == params
        assert np.array_equal(apply_oldphoto(image, restored), out), f"seed {seed}"


def test_every_step_sometimes_happens_and_sometimes_not() -> None:
    applied = dict.fromkeys(STEPS, 0)
    for seed in range(SEED_COUNT):
        _, params = degraded(seed)
        for step in STEPS:
            applied[step] += params[step] is not None
    for step, count in applied.items():
        assert 0 < count < SEED_COUNT, f"{step} applied {count} of {SEED_COUNT} times"


def test_the_damage_recipe_never_touches_colour_or_tone() -> None:
    """Without fading and casts, a grey picture stays grey unless per-channel noise or JPEG's
    chroma rounding touch it, and every damage step still happens."""
    grey = np.repeat(smooth_image()[..., 1:2], 3, axis=2)
    applied = dict.fromkeys(STEPS, 0)
    for seed in range(SEED_COUNT):
        out, params = degrade_oldphoto(grey, np.random.default_rng(seed), DAMAGE_STEPS)
        for step in STEPS:
            applied[step] += params[step] is not None
        if params["jpeg"] is None and params["noise"] is None:  # noise may be per channel
            assert (out[..., 0] == out[..., 1]).all() and (out[..., 1] == out[..., 2]).all()
        assert np.array_equal(out, apply_oldphoto(grey, params))  # replayable as before
    assert applied["fade"] == applied["colour_cast"] == 0
    assert all(applied[step] > 0 for step in DAMAGE_STEPS)
    with pytest.raises(ValueError, match="unknown"):
        sample_oldphoto_params(np.random.default_rng(0), HEIGHT, WIDTH, ("sepia",))


def test_every_variant_of_a_step_occurs() -> None:
    seen: set[tuple[str, str]] = set()
    for seed in range(SEED_COUNT):
        params = sample_oldphoto_params(np.random.default_rng(seed), HEIGHT, WIDTH)
        if params["blur"]:
            seen.add(("blur", params["blur"]["kind"]))
        if params["noise"]:
            seen.add(("noise", params["noise"]["kind"]))
            if params["noise"]["kind"] == "gaussian":
                seen.add(("gaussian", str(params["noise"]["luminance_only"])))
        if params["colour_cast"]:
            seen.add(("cast", params["colour_cast"]["kind"]))
    assert seen == {
        ("blur", "isotropic"),
        ("blur", "anisotropic"),
        ("noise", "gaussian"),
        ("noise", "grain"),
        ("gaussian", "True"),
        ("gaussian", "False"),
        ("cast", "sepia"),
        ("cast", "gains"),
    }


def test_degraded_image_stays_recognisable() -> None:
    image = smooth_image()
    scores = [rgb_psnr(image, degraded(seed, image)[0]) for seed in range(RECOGNISABLE_SEEDS)]
    finite = [score for score in scores if math.isfinite(score)]
    assert np.mean(finite) > MIN_MEAN_PSNR_DB
    assert min(finite) > MIN_WORST_PSNR_DB


def test_sampled_values_stay_in_their_documented_ranges() -> None:
    def within(value: float, bounds: tuple[float, float]) -> bool:
        return bounds[0] <= value <= bounds[1]

    for seed in range(SEED_COUNT):
        params = sample_oldphoto_params(np.random.default_rng(seed), HEIGHT, WIDTH)
        if params["fade"]:
            assert within(params["fade"]["black"], degrade.FADE_BLACK_RANGE)
            assert within(params["fade"]["white"], degrade.FADE_WHITE_RANGE)
        if params["blur"]:
            assert within(params["blur"]["sigma_x"], degrade.BLUR_SIGMA_RANGE)
            assert within(params["blur"]["sigma_y"], degrade.BLUR_SIGMA_RANGE)
            assert params["blur"]["kernel_size"] % 2 == 1
        if params["noise"] and params["noise"]["kind"] == "gaussian":
            assert within(params["noise"]["sigma"], degrade.GAUSSIAN_SIGMA_RANGE)
        if params["noise"] and params["noise"]["kind"] == "grain":
            assert within(params["noise"]["sigma"], degrade.GRAIN_SIGMA_RANGE)
        if params["jpeg"]:
            assert within(params["jpeg"]["quality"], degrade.JPEG_QUALITY_RANGE)
        for scratch in params["scratches"] or []:
            assert within(scratch["alpha"], degrade.SCRATCH_ALPHA_RANGE)
            xs, ys = zip(*scratch["points"], strict=True)
            # Mostly vertical: far taller than wide.
            assert max(xs) - min(xs) < 0.3 * (max(ys) - min(ys)) + 1
        for speck in params["specks"] or []:
            assert within(speck["alpha"], degrade.SPECK_ALPHA_RANGE)
            assert within(speck["radii"][0], degrade.SPECK_RADIUS_RANGE)


def test_no_steps_is_the_identity() -> None:
    image = smooth_image()
    assert np.array_equal(apply_oldphoto(image, clean_params()), image)


def test_each_step_alone_changes_the_image() -> None:
    image = smooth_image()
    steps = {
        "fade": {"black": 30.0, "white": 220.0, "desaturation": 0.2},
        "colour_cast": {"kind": "sepia", "strength": 0.5},
        "blur": {
            "kind": "anisotropic",
            "sigma_x": 1.5,
            "sigma_y": 0.5,
            "angle_deg": 30.0,
            "kernel_size": 9,
        },
        "noise": {"kind": "grain", "sigma": 8.0, "correlation": 0.7, "seed": 1},
        "scratches": [
            {"points": [[10.0, 2.0], [11.5, 40.0]], "thickness": 1, "value": 255, "alpha": 0.4}
        ],
        "specks": [
            {
                "center": [30.0, 20.0],
                "radii": [1.5, 1.0],
                "angle_deg": 0.0,
                "value": 0,
                "alpha": 0.8,
            }
        ],
        "jpeg": {"quality": 30},
    }
    assert set(steps) == set(STEPS)
    for step, step_params in steps.items():
        out = apply_oldphoto(image, clean_params(**{step: step_params}))
        assert not np.array_equal(out, image), f"{step} did nothing"


def test_fade_lifts_blacks_and_lowers_whites() -> None:
    image = np.zeros((HEIGHT, WIDTH, 3), np.uint8)
    image[:, WIDTH // 2 :] = 255
    fade = {"black": 30.0, "white": 220.0, "desaturation": 0.0}
    out = apply_oldphoto(image, clean_params(fade=fade))
    assert np.all(out[:, : WIDTH // 2] == 30)
    assert np.all(out[:, WIDTH // 2 :] == 220)


def test_scratch_marks_only_near_its_line() -> None:
    image = np.full((HEIGHT, WIDTH, 3), 100, np.uint8)
    scratch = {"points": [[20.0, 5.0], [20.0, 40.0]], "thickness": 1, "value": 255, "alpha": 0.5}
    out = apply_oldphoto(image, clean_params(scratches=[scratch]))
    changed_columns = np.nonzero(np.any(out != image, axis=(0, 2)))[0]
    changed_rows = np.nonzero(np.any(out != image, axis=(1, 2)))[0]
    assert changed_columns.min() >= 18 and changed_columns.max() <= 22
    assert changed_rows.min() >= 3 and changed_rows.max() <= 42
    assert out[20, 20, 0] > 100  # a light scratch brightens


def test_dark_speck_darkens_its_centre() -> None:
    image = np.full((HEIGHT, WIDTH, 3), 180, np.uint8)
    speck = {
        "center": [30.0, 20.0],
        "radii": [2.0, 2.0],
        "angle_deg": 0.0,
        "value": 0,
        "alpha": 0.8,
    }
    out = apply_oldphoto(image, clean_params(specks=[speck]))
    assert out[20, 30, 0] < 100
    assert np.array_equal(out[:10], image[:10])


def test_jpeg_keeps_channel_order() -> None:
    image = np.zeros((HEIGHT, WIDTH, 3), np.uint8)
    image[..., 0] = 220  # pure red: a BGR mix-up would turn it blue
    out = apply_oldphoto(image, clean_params(jpeg={"quality": 90}))
    assert out[..., 0].mean() > 180
    assert out[..., 2].mean() < 40


def test_luminance_only_noise_is_grey() -> None:
    image = np.full((HEIGHT, WIDTH, 3), 128, np.uint8)
    noise = {"kind": "gaussian", "sigma": 5.0, "luminance_only": True, "seed": 7}
    out = apply_oldphoto(image, clean_params(noise=noise))
    assert not np.array_equal(out, image)
    assert np.array_equal(out[..., 0], out[..., 1])
    assert np.array_equal(out[..., 1], out[..., 2])


def test_grain_is_spatially_correlated() -> None:
    image = np.full((HEIGHT, WIDTH, 3), 128, np.uint8)
    noise = {"kind": "grain", "sigma": 8.0, "correlation": 1.0, "seed": 3}
    field = apply_oldphoto(image, clean_params(noise=noise))[..., 0].astype(np.float64) - 128
    neighbour_corr = np.corrcoef(field[:, :-1].ravel(), field[:, 1:].ravel())[0, 1]
    assert neighbour_corr > 0.3


def test_noise_strength_matches_its_sigma() -> None:
    level = 200
    image = np.full((HEIGHT * 4, WIDTH * 4, 3), level, np.uint8)
    params = clean_params()
    params["height"], params["width"] = image.shape[:2]
    sigma = 6.0
    gaussian = {"kind": "gaussian", "sigma": sigma, "luminance_only": False, "seed": 5}
    out = apply_oldphoto(image, {**params, "noise": gaussian}).astype(np.float64)
    assert out.std() == pytest.approx(sigma, rel=0.1)
    grain = {"kind": "grain", "sigma": sigma, "correlation": 1.0, "seed": 5}
    out = apply_oldphoto(image, {**params, "noise": grain}).astype(np.float64)
    floor = degrade.GRAIN_SHADOW_FLOOR
    expected = sigma * (floor + (1 - floor) * math.sqrt(level / 255))
    assert out.std() == pytest.approx(expected, rel=0.1)  # blurring must not weaken grain


def test_rejects_non_rgb_uint8_images() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError):
        degrade_oldphoto(np.zeros((HEIGHT, WIDTH), np.uint8), rng)
    with pytest.raises(ValueError):
        degrade_oldphoto(np.zeros((HEIGHT, WIDTH, 3), np.float32), rng)


def test_replay_rejects_params_for_another_size() -> None:
    params = sample_oldphoto_params(np.random.default_rng(0), HEIGHT, WIDTH)
    with pytest.raises(ValueError, match="sampled for"):
        apply_oldphoto(np.zeros((HEIGHT + 1, WIDTH, 3), np.uint8), params)
