"""The batched torch damage model against the numpy one: same steps, same distribution.

Its photos are among kodak24's first eight: all that tools/gpu_session.py carries to a GPU."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import torch

from tests.test_damage import LR, SCALE, _crop, _flat, _only
from training.damage.kernels import elliptic_kernel
from training.damage.numpy_pipeline import apply_damage, resize
from training.damage.recipe import sample_damage
from training.damage.torch_pipeline import (
    apply_plan,
    convolve,
    plan_batch,
    plan_params,
    sample_batch,
    stack_kernels,
)
from training.damage.torch_pipeline import resize as resize_batch

COPIES = 8
"""Samples per comparison: numpy gets as many differently seeded draws."""


def _tensor(images: list[np.ndarray]) -> torch.Tensor:
    return torch.from_numpy(np.stack(images)).permute(0, 3, 1, 2).float() / 255


def _numpy(batch: torch.Tensor) -> np.ndarray:
    return (batch * 255).round().permute(0, 2, 3, 1).numpy()


def _torch_damage(sharp: np.ndarray, params: dict, copies: int = COPIES) -> np.ndarray:
    generator = torch.Generator().manual_seed(0)
    return _numpy(apply_plan(_tensor([sharp] * copies), plan_params([params] * copies), generator))


def _numpy_damage(sharp: np.ndarray, params: dict, step: str) -> np.ndarray:
    """``copies`` numpy results, each with its own noise seed where the step has one."""
    results = []
    for seed in range(COPIES):
        value = params[step]
        if isinstance(value, dict) and "seed" in value:
            value = {**value, "seed": seed}
        results.append(apply_damage(sharp, {**params, step: value}).astype(np.float64))
    return np.stack(results)


def test_fft_convolution_is_opencvs_filter_with_mirrored_borders() -> None:
    picture = np.random.default_rng(0).uniform(0, 255, (40, 52, 3)).astype(np.float32)
    kernel = elliptic_kernel(2.5, 1.0, 30.0, 13)
    expected = cv2.filter2D(picture, -1, kernel, borderType=cv2.BORDER_REFLECT_101)
    batch = torch.from_numpy(picture).permute(2, 0, 1)[None]
    got = convolve(batch, torch.from_numpy(stack_kernels([kernel])))[0].permute(1, 2, 0).numpy()
    np.testing.assert_allclose(got, expected, atol=2e-3)


@pytest.mark.parametrize("method", ["cubic-aa", "linear-aa", "linear", "area"])
def test_resampling_matches_the_numpy_methods(method: str) -> None:
    sharp = _crop(4).astype(np.float32)
    size = (LR * 2, LR * 2) if method == "area" else (77, 77)  # area: torch pools whole pixels
    expected = resize(sharp, size, method)
    got = resize_batch(torch.from_numpy(sharp).permute(2, 0, 1)[None], size, method)
    difference = np.abs(got[0].permute(1, 2, 0).numpy() - expected)
    assert difference.mean() < 0.5 and difference.max() < 6.0


DETERMINISTIC = {
    "capture_blur": {"shape": "defocus", "radius": 1.5},
    "screen": {"pitch": 3.0, "angle_deg": 15.0, "amplitude": 0.2, "phase": [0.3, 0.6]},
    "scan_blur": {"shape": "gaussian", "sigma_x": 0.8, "sigma_y": 0.8, "angle_deg": 0.0},
    "specks": [
        {"center": [20.0, 20.0], "radii": [2.0, 1.0], "angle_deg": 0.0, "value": 250, "alpha": 0.8},
        {"center": [21.0, 20.0], "radii": [2.0, 2.0], "angle_deg": 0.0, "value": 10, "alpha": 0.6},
    ],
}


@pytest.mark.parametrize("step", sorted(DETERMINISTIC))
def test_steps_without_noise_give_the_numpy_picture(step: str) -> None:
    sharp = _crop(5)
    params = _only(step, DETERMINISTIC[step], film_resize="cubic-aa", scan_resize="cubic-aa")
    expected = apply_damage(sharp, params).astype(np.float64)
    got = _torch_damage(sharp, params, copies=1)[0]
    assert np.abs(got - expected).max() <= 2.0


RANDOM = {
    "grain": {"strength": 9.0, "size": 1.0, "chroma": 0.2, "seed": 0},
    "dye_clouds": {"strength": 4.0, "size": 2.0, "seed": 0},
    "paper": {"amplitude": 0.04, "size": 1.0, "elongation": 2.5, "angle_deg": 60.0, "seed": 0},
    "sensor_noise": {"sigma": 4.0, "luminance_only": False, "seed": 0},
    "compression": {"kind": "jpeg", "quality": 35},
}


def _statistics(results: np.ndarray, plain: np.ndarray) -> tuple[float, float, float]:
    """Residual spread, its neighbour correlation, and its colour share."""
    residual = results - plain
    spread = float(residual.std())
    flat = residual[..., 1]
    neighbours = float(np.corrcoef(flat[:, :, :-1].ravel(), flat[:, :, 1:].ravel())[0, 1])
    colour = float(np.abs(residual - residual.mean(axis=-1, keepdims=True)).mean())
    return spread, neighbours, colour


@pytest.mark.parametrize("step", sorted(RANDOM))
def test_noisy_steps_match_numpy_in_distribution(step: str) -> None:
    sharp = _crop(6)
    params = _only(step, RANDOM[step], film_resize="cubic-aa", scan_resize="cubic-aa")
    plain = apply_damage(sharp, _only(None, None, film_resize="cubic-aa", scan_resize="cubic-aa"))
    numpy_stats = _statistics(_numpy_damage(sharp, params, step), plain.astype(np.float64))
    torch_stats = _statistics(_torch_damage(sharp, params), plain.astype(np.float64))
    assert torch_stats[0] == pytest.approx(numpy_stats[0], rel=0.15), (numpy_stats, torch_stats)
    assert torch_stats[1] == pytest.approx(numpy_stats[1], abs=0.12), (numpy_stats, torch_stats)
    assert torch_stats[2] == pytest.approx(numpy_stats[2], rel=0.25, abs=0.2)


def test_codec_blocking_matches_numpy() -> None:
    sharp = _crop(7)
    params = _only(
        "compression", {"kind": "codec", "qscale": 12.0, "deadzone": 1.0, "offset": [2, 13]}
    )
    expected = apply_damage(sharp, params).astype(np.float64)
    got = _torch_damage(sharp, params, copies=1)[0]
    assert np.abs(got - expected).mean() < 0.5


def test_whole_model_matches_numpy_in_distribution_and_keeps_grey_grey() -> None:
    sharp, grey = _crop(7), _crop(7, grey=True)
    rng = np.random.default_rng(11)
    params = sample_batch(rng, 48, SCALE, LR, LR)
    plain = apply_damage(sharp, {**params[0], "clean": True}).astype(np.float64)

    def distances(results: np.ndarray) -> np.ndarray:
        return np.abs(results - plain).mean(axis=(1, 2, 3))

    numpy_results = np.stack([apply_damage(sharp, p) for p in params]).astype(np.float64)
    generator = torch.Generator().manual_seed(1)
    plan = plan_params(params)
    torch_results = _numpy(apply_plan(_tensor([sharp] * len(params)), plan, generator))
    assert distances(torch_results).mean() == pytest.approx(
        distances(numpy_results).mean(), rel=0.15
    )
    greys = _numpy(apply_plan(_tensor([grey] * len(params)), plan, generator))
    assert np.abs(greys - greys[..., 1:2]).max() <= 2
    assert np.abs(greys[..., 0] - greys[..., 1]).mean() <= 1.0


def test_a_batch_is_reproducible_from_its_seeds_and_has_the_low_resolution_shape() -> None:
    sharp = _tensor([_crop(i) for i in range(4)])

    def run(seed: int) -> torch.Tensor:
        plan = plan_batch(np.random.default_rng(seed), len(sharp), SCALE, LR, LR)
        return apply_plan(sharp, plan, torch.Generator().manual_seed(seed))

    first = run(3)
    assert first.shape == (4, 3, LR, LR)
    assert float(first.min()) >= 0.0 and float(first.max()) <= 1.0
    torch.testing.assert_close(first, run(3))
    assert not torch.equal(first, run(4))
    sizes = {
        tuple(p["film_scale"] for p in sample_batch(np.random.default_rng(s), 4, 4, 8, 8))
        for s in range(5)
    }
    assert all(len(set(shared)) == 1 for shared in sizes)  # one film size per batch


def test_flat_grey_stays_flat_without_noise_steps() -> None:
    params = sample_damage(np.random.default_rng(0), SCALE, LR, LR)
    quiet = {**params, **dict.fromkeys(["grain", "sensor_noise", "paper", "screen"])}
    quiet["scratches"] = quiet["specks"] = None
    out = _torch_damage(_flat(90), quiet, copies=1)[0]
    assert np.abs(out - 90).max() <= 1.0


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs an NVIDIA GPU with CUDA")
def test_the_gpu_gives_the_cpu_picture_where_no_noise_is_drawn() -> None:
    params = sample_batch(np.random.default_rng(5), 16, SCALE, LR, LR)
    quiet = [
        {**p, **dict.fromkeys(["grain", "dye_clouds", "paper", "sensor_noise"])} for p in params
    ]
    plan = plan_params(quiet)
    sharp = _tensor([_crop(i % 4) for i in range(16)])
    on_cpu = apply_plan(sharp, plan, torch.Generator().manual_seed(0))
    on_gpu = apply_plan(sharp.cuda(), plan, torch.Generator("cuda").manual_seed(0)).cpu()
    assert float((on_cpu - on_gpu).abs().max()) * 255 <= 2.0
