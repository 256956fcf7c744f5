"""The batched block codecs in training/damage/block_codec.py against OpenCV's real JPEG and
against their own numpy definition, on real photos.

``python -m tests.test_block_codec`` prints the measurement tables of the module's docstring.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np
import pytest
import torch

from tests.conftest import photo_path
from training.damage.block_codec import (
    codec_blocking_batch,
    codec_blocking_numpy,
    jpeg_batch,
    jpeg_numpy,
)

PHOTOS = range(6)
SIDE = 256
CORNER = (100, 200)
QUALITIES = (20, 40, 60, 80, 95)
GRID = 8
PSNR_TOLERANCE_DB = 0.05
"""Measured: within 0.005 dB of OpenCV at every quality (the module docstring's table)."""
MAX_MEAN_DIFFERENCE = 0.5
"""Mean |jpeg_batch - OpenCV| in levels; measured 0.06-0.30."""
BLOCKINESS_TOLERANCE = 0.05
"""Levels; measured within 0.015 of OpenCV."""
GREY_TOLERANCE = 1
DEFINITION_TOLERANCE = 1
"""Levels between codec_blocking_batch and codec_blocking_numpy; measured 0 (float64 inside)."""


def _crop(index: int, side: int = SIDE, grey: bool = False) -> np.ndarray:
    image = cv2.cvtColor(cv2.imread(str(photo_path(index))), cv2.COLOR_BGR2RGB)
    top, left = CORNER
    crop = np.ascontiguousarray(image[top : top + side, left : left + side])
    if grey:
        crop = np.repeat(cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)[..., None], 3, axis=2)
    return crop


def _to_batch(images: list[np.ndarray]) -> torch.Tensor:
    return torch.from_numpy(np.stack(images)).permute(0, 3, 1, 2).float() / 255


def _to_images(batch: torch.Tensor) -> list[np.ndarray]:
    levels = (batch.permute(0, 2, 3, 1).double() * 255).round().clamp(0, 255)
    return list(levels.to(torch.uint8).numpy())


def _psnr(clean: np.ndarray, damaged: np.ndarray) -> float:
    error = np.mean((clean.astype(np.float64) - damaged) ** 2)
    return float(10 * np.log10(255**2 / error))


def _blockiness(image: np.ndarray, phase_x: int = 0, phase_y: int = 0) -> float:
    """Mean luminance jump across the grid's block edges minus the mean jump elsewhere."""
    luma = image.astype(np.float64).mean(axis=-1)
    jumps_x = np.abs(np.diff(luma, axis=1))
    jumps_y = np.abs(np.diff(luma, axis=0))
    edges_x = (np.arange(1, luma.shape[1]) - phase_x) % GRID == 0
    edges_y = (np.arange(1, luma.shape[0]) - phase_y) % GRID == 0
    on_edges = (jumps_x[:, edges_x].mean() + jumps_y[edges_y].mean()) / 2
    elsewhere = (jumps_x[:, ~edges_x].mean() + jumps_y[~edges_y].mean()) / 2
    return float(on_edges - elsewhere)


@functools.cache
def _photos() -> tuple[np.ndarray, ...]:
    return tuple(_crop(index) for index in PHOTOS)


@functools.cache
def _jpeg_pair(quality: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """``jpeg_batch``'s and OpenCV's decoded test photos at ``quality``."""
    photos = list(_photos())
    batch = jpeg_batch(_to_batch(photos), torch.full((len(photos),), quality))
    return _to_images(batch), [jpeg_numpy(photo, quality) for photo in photos]


def _measure(quality: int) -> dict[str, float]:
    ours, real = _jpeg_pair(quality)
    photos = _photos()
    return {
        "psnr_real": float(np.mean([_psnr(p, r) for p, r in zip(photos, real, strict=True)])),
        "psnr_ours": float(np.mean([_psnr(p, o) for p, o in zip(photos, ours, strict=True)])),
        "mean_difference": float(
            np.mean(
                [np.abs(o.astype(np.float64) - r).mean() for o, r in zip(ours, real, strict=True)]
            )
        ),
        "blockiness_real": float(np.mean([_blockiness(r) for r in real])),
        "blockiness_ours": float(np.mean([_blockiness(o) for o in ours])),
    }


@pytest.mark.parametrize("quality", QUALITIES)
def test_jpeg_batch_follows_opencv(quality: int):
    measured = _measure(quality)
    assert abs(measured["psnr_ours"] - measured["psnr_real"]) <= PSNR_TOLERANCE_DB, measured
    assert measured["mean_difference"] <= MAX_MEAN_DIFFERENCE, measured
    assert abs(measured["blockiness_ours"] - measured["blockiness_real"]) <= BLOCKINESS_TOLERANCE, (
        measured
    )


def test_each_sample_gets_its_own_quality():
    photo = _crop(0, side=64)
    qualities = (20, 95, 50)
    batch = jpeg_batch(_to_batch([photo] * len(qualities)), torch.tensor(qualities))
    for index, quality in enumerate(qualities):
        alone = jpeg_batch(_to_batch([photo]), torch.tensor([quality]))
        assert torch.equal(batch[index], alone[0])
    low, high, middle = (_psnr(photo, image) for image in _to_images(batch))
    assert low + 2 < middle < high - 2


def test_a_grey_photo_stays_grey():
    grey = _crop(1, side=64, grey=True)
    count = 3
    batch = _to_batch([grey] * count)
    outputs = [
        *_to_images(jpeg_batch(batch, torch.tensor([10, 50, 95]))),
        *_to_images(
            codec_blocking_batch(
                batch,
                torch.tensor([4.0, 30.0, 112.0]),
                torch.tensor([0, 5, 11]),
                torch.tensor([3, 0, 15]),
                torch.tensor([0.5, 1.0, 1.5]),
            )
        ),
        jpeg_numpy(grey, 10),
        codec_blocking_numpy(grey, 62.0, 3, 7, deadzone=1.5),
    ]
    for image in outputs:
        channels = image.astype(np.int64)
        assert np.abs(channels[..., 0] - channels[..., 1]).max() <= GREY_TOLERANCE
        assert np.abs(channels[..., 2] - channels[..., 1]).max() <= GREY_TOLERANCE


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_outputs_are_8_bit_images_of_the_input_shape(dtype: torch.dtype):
    images = torch.rand(2, 3, 24, 40, generator=torch.Generator().manual_seed(0), dtype=dtype)
    outputs = [
        jpeg_batch(images, torch.tensor([30, 90])),
        codec_blocking_batch(
            images, torch.tensor([8.0, 40.0]), torch.tensor([1, 6]), torch.tensor([2, 9])
        ),
    ]
    for output in outputs:
        assert output.shape == images.shape
        assert output.dtype == dtype
        assert output.min() >= 0 and output.max() <= 1
        levels = output.double() * 255
        assert torch.allclose(levels, levels.round(), atol=1e-4)


@pytest.mark.parametrize("size", [(8, 8), (9, 17), (37, 53), (101, 77)])
def test_odd_sizes(size: tuple[int, int]):
    height, width = size
    photo = np.ascontiguousarray(_crop(2)[:height, :width])
    batch = _to_batch([photo])
    jpeg = jpeg_batch(batch, torch.tensor([40]))
    blocky = codec_blocking_batch(batch, torch.tensor([20.0]), torch.tensor([5]), torch.tensor([3]))
    assert jpeg.shape == blocky.shape == batch.shape
    assert np.array_equal(_to_images(blocky)[0], codec_blocking_numpy(photo, 20.0, 5, 3))
    difference = np.abs(_to_images(jpeg)[0].astype(np.float64) - jpeg_numpy(photo, 40))
    assert difference.mean() <= MAX_MEAN_DIFFERENCE


@pytest.mark.parametrize("block", [4, 8, 16])
def test_codec_blocking_batch_matches_its_numpy_definition(block: int):
    photos = [_crop(index, side=96) for index in PHOTOS]
    qscale = [2.0, 8.0, 16.0, 31.5, 62.0, 112.0]
    offset_x = [0, 3, 7, 9, 13, 31]
    offset_y = [0, 7, 2, 11, 4, 15]
    deadzone = [0.5, 1.0, 1.5, 0.5, 1.2, 2.0]
    batch = codec_blocking_batch(
        _to_batch(photos),
        torch.tensor(qscale),
        torch.tensor(offset_x),
        torch.tensor(offset_y),
        torch.tensor(deadzone),
        block=block,
    )
    for ours, photo, *params in zip(
        _to_images(batch), photos, qscale, offset_x, offset_y, deadzone, strict=True
    ):
        reference = codec_blocking_numpy(photo, *params, block=block)
        assert np.abs(ours.astype(np.int64) - reference).max() <= DEFINITION_TOLERANCE


def test_the_codec_grid_sits_at_the_offset():
    photo = _crop(3)
    offset_x, offset_y = 3, 13
    output = _to_images(
        codec_blocking_batch(
            _to_batch([photo]),
            torch.tensor([30.0]),
            torch.tensor([offset_x]),
            torch.tensor([offset_y]),
        )
    )[0]
    on_grid = _blockiness(output, offset_x, offset_y % GRID)
    assert on_grid > 2
    for phase in range(GRID):
        if phase not in (offset_x, offset_y % GRID):
            assert _blockiness(output, phase, phase) < 0


def test_qscale_and_deadzone_remove_more():
    photo = _crop(4, side=128)
    batch = _to_batch([photo] * 4)
    zero = torch.zeros(4, dtype=torch.int64)
    output = codec_blocking_batch(
        batch, torch.tensor([4.0, 32.0, 32.0, 32.0]), zero, zero, torch.tensor([0.5, 0.5, 1.5, 0.0])
    )
    mild, strong, starved, rounding = (_psnr(photo, image) for image in _to_images(output))
    assert mild > strong + 3
    assert strong > starved + 1
    assert rounding == strong


def test_only_codec_block_sizes_are_accepted():
    images = torch.zeros(1, 3, 16, 16)
    zero = torch.zeros(1, dtype=torch.int64)
    with pytest.raises(ValueError, match="block"):
        codec_blocking_batch(images, torch.tensor([8.0]), zero, zero, block=5)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs an NVIDIA GPU with CUDA")
def test_cuda_gives_the_cpu_result():
    images = _to_batch([_crop(index, side=64) for index in range(3)])
    quality = torch.tensor([20, 50, 90])
    qscale = torch.tensor([4.0, 20.0, 60.0])
    offsets = torch.tensor([1, 8, 15])
    deadzone = torch.tensor([0.5, 1.0, 1.5])
    for run in (
        lambda x: jpeg_batch(x, quality.to(x.device)),
        lambda x: codec_blocking_batch(
            x,
            qscale.to(x.device),
            offsets.to(x.device),
            offsets.to(x.device),
            deadzone.to(x.device),
        ),
    ):
        on_gpu = run(images.cuda())
        assert on_gpu.device.type == "cuda"
        assert (on_gpu.cpu() - run(images)).abs().max() * 255 <= 1 + 1e-4


def _print_tables() -> None:
    print(f"{len(PHOTOS)} kodak24 photos, {SIDE} x {SIDE} crops at {CORNER}")
    print("quality  cv2 JPEG dB  jpeg_batch dB  difference  mean |diff|  blockiness cv2 / ours")
    for quality in QUALITIES:
        row = _measure(quality)
        print(
            f"{quality:7d}  {row['psnr_real']:11.2f}  {row['psnr_ours']:13.2f}"
            f"  {row['psnr_ours'] - row['psnr_real']:+10.3f}  {row['mean_difference']:11.2f}"
            f"  {row['blockiness_real']:10.2f} / {row['blockiness_ours']:.2f}"
        )
    photos = list(_photos())
    zero = torch.zeros(len(photos), dtype=torch.int64)
    print("qscale  deadzone  codec_blocking dB  blockiness")
    for qscale in (4.0, 8.0, 16.0, 32.0, 62.0):
        for deadzone in (0.5, 1.0, 1.5):
            output = _to_images(
                codec_blocking_batch(
                    _to_batch(photos),
                    torch.full((len(photos),), qscale),
                    zero,
                    zero,
                    torch.full((len(photos),), deadzone),
                )
            )
            psnr = np.mean([_psnr(p, o) for p, o in zip(photos, output, strict=True)])
            blockiness = np.mean([_blockiness(o) for o in output])
            print(f"{qscale:6.0f}  {deadzone:8.1f}  {psnr:17.2f}  {blockiness:10.2f}")


if __name__ == "__main__":
    _print_tables()
