"""``PackedSampler``: patches cut from a pack held in device memory, here on the CPU device.

Each patch must be a real crop of one of the images under one of the eight dihedral
transforms, every transform must occur, large images must give more patches, and a batch
must be a pure function of (seed, rank, step)."""

import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from engine.errors import RekindleError
from training.pack import ORIGINAL, pack, read_pack
from training.packed_sampler import PackedSampler

CPU = torch.device("cpu")
REPO = Path(__file__).resolve().parents[1]


def _pack_of(folder: Path, images: list[np.ndarray]) -> Path:
    """A pack of these RGB images, stored exactly (noise has no visibly lossless lossy copy)."""
    photos = folder / "photos"
    photos.mkdir(parents=True)
    for index, image in enumerate(images):
        cv2.imwrite(str(photos / f"{index}.png"), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
    path = folder / "images.rkpack"
    pack(photos, path, min_side=1)
    assert all(entry["stored"] == ORIGINAL for entry in read_pack(path).entries)
    return path


def _noise(rng: np.random.Generator, height: int, width: int, low=0, high=256) -> np.ndarray:
    return rng.integers(low, high, (height, width, 3), dtype=np.uint8)


def _as_pixels(batch: torch.Tensor) -> np.ndarray:
    """(N, H, W, 3) uint8 from a batch in [0, 1]."""
    return (batch * 255).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()


def test_batches_have_the_promised_shape_type_range_and_device(tmp_path, rng):
    sampler = PackedSampler(_pack_of(tmp_path, [_noise(rng, 12, 9)]), 8, CPU)
    batch = sampler.sharp_batch(5, step=0)
    assert batch.shape == (5, 3, 8, 8)
    assert batch.dtype == torch.float32 and batch.device == CPU
    assert float(batch.min()) >= 0.0 and float(batch.max()) <= 1.0
    assert batch.is_contiguous(memory_format=torch.channels_last)
    assert len(sampler) == 1 and sampler.left_out == 0


def test_a_batch_depends_only_on_seed_rank_and_step(tmp_path, rng):
    path = _pack_of(tmp_path, [_noise(rng, 20, 17), _noise(rng, 11, 30)])
    first, again = PackedSampler(path, 6, CPU, seed=3), PackedSampler(path, 6, CPU, seed=3)
    batch = first.sharp_batch(16, step=7)
    first.sharp_batch(16, step=8)
    assert torch.equal(batch, again.sharp_batch(16, step=7))  # no hidden state
    assert not torch.equal(batch, first.sharp_batch(16, step=8))
    assert not torch.equal(batch, PackedSampler(path, 6, CPU, seed=4).sharp_batch(16, step=7))


def _transformed_crops(image: np.ndarray, patch: int) -> dict[bytes, int]:
    """Every crop of ``image`` under every dihedral transform, mapped to the transform."""
    found = {}
    height, width = image.shape[:2]
    for top in range(height - patch + 1):
        for left in range(width - patch + 1):
            crop = image[top : top + patch, left : left + patch]
            for flipped in (False, True):
                for turns in range(4):
                    turned = np.rot90(crop[:, ::-1] if flipped else crop, turns)
                    found[np.ascontiguousarray(turned).tobytes()] = 4 * flipped + turns
    return found


def test_every_patch_is_a_transformed_crop_and_every_transform_occurs(tmp_path, rng):
    images = [_noise(rng, 9, 11), _noise(rng, 12, 7), _noise(rng, 7, 7)]
    patch = 5
    known: dict[bytes, int] = {}
    for image in images:
        known |= _transformed_crops(image, patch)
    sampler = PackedSampler(_pack_of(tmp_path, images), patch, CPU, seed=1)
    seen = set()
    for step in range(3):
        for crop in _as_pixels(sampler.sharp_batch(64, step)):
            assert crop.tobytes() in known
            seen.add(known[crop.tobytes()])
    assert seen == set(range(8))


def test_larger_images_give_proportionally_more_patches(tmp_path, rng):
    # Patch 4: the dark 4x4 image holds 1 position, the bright 5x5 one 4 (below MOST_DRAWN
    # times their median, 2.5); a 2x2 one none.
    images = [_noise(rng, 4, 4, 0, 100), _noise(rng, 5, 5, 156, 256), _noise(rng, 2, 2)]
    sampler = PackedSampler(_pack_of(tmp_path, images), 4, CPU, seed=2)
    assert len(sampler) == 2 and sampler.left_out == 1
    means = sampler.sharp_batch(2000, step=0).mean(dim=(1, 2, 3))
    from_small = int((means < 0.5).sum())
    assert 330 < from_small < 470  # 4 positions to 1: expected 2000 / 5 = 400, deviation 18


def test_an_image_far_larger_than_the_others_is_drawn_at_most_four_times_as_often(tmp_path, rng):
    """A panorama among phone photos: patch 4, three dark 4x4 images of 1 position each and
    a bright 12x12 one of 81 are drawn 1:1:1:4 (MOST_DRAWN times the median), not 1:1:1:81."""
    images = [*(_noise(rng, 4, 4, 0, 100) for _ in range(3)), _noise(rng, 12, 12, 156, 256)]
    sampler = PackedSampler(_pack_of(tmp_path, images), 4, CPU, seed=3)
    means = sampler.sharp_batch(2800, step=0).mean(dim=(1, 2, 3))
    from_panorama = int((means >= 0.5).sum())
    assert 1500 < from_panorama < 1700  # expected 2800 * 4 / 7 = 1600, deviation 26


def test_each_rank_holds_its_share_of_the_images(tmp_path, rng):
    # Image i has values in its own band, so a patch tells which image it came from.
    bands = [(64 * i, 64 * i + 50) for i in range(4)]
    path = _pack_of(tmp_path, [_noise(rng, 10, 10, low, high) for low, high in bands])
    for rank in range(2):
        sampler = PackedSampler(path, 6, CPU, rank=rank, world=2)
        assert len(sampler) == 2
        values = _as_pixels(sampler.sharp_batch(200, step=0)).reshape(200, -1)
        band = values.min(axis=1) // 64
        assert set(band.tolist()) == {rank, rank + 2}
        assert np.array_equal(band, values.max(axis=1) // 64)


def test_a_patch_no_image_holds_is_refused(tmp_path, rng):
    with pytest.raises(RekindleError, match="choose a smaller patch"):
        PackedSampler(_pack_of(tmp_path, [_noise(rng, 9, 30)]), 10, CPU)


def test_the_reading_side_needs_only_torch_numpy_opencv_and_safetensors():
    blocked = ("PIL", "tqdm", "spandrel", "av", "tifffile", "PySide6")
    code = (
        f"import sys; sys.modules.update(dict.fromkeys({blocked!r}));import training.packed_sampler"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_shrink_reduces_larger_squares_to_the_patch_reproducibly(tmp_path, rng):
    """A square of smooth gradient reduced evenly keeps its gradient, steeper: what a larger
    square gives after the reduction, as ``prepare --shrink`` does."""
    ramp = np.tile(np.linspace(0, 255, 64)[None, :, None], (64, 1, 3)).astype(np.uint8)
    cv2.imwrite(str(tmp_path / "ramp.png"), ramp)
    path = tmp_path / "ramp.rkpack"
    pack(tmp_path, path, min_side=1, min_psnr=100.0)  # exact pixels
    plain = PackedSampler(path, 16, CPU, seed=1)
    shrunk = PackedSampler(path, 16, CPU, seed=1, shrink=0.5)
    batch = shrunk.sharp_batch(32, step=3)
    assert batch.shape == (32, 3, 16, 16)
    assert torch.equal(batch, PackedSampler(path, 16, CPU, seed=1, shrink=0.5).sharp_batch(32, 3))
    assert torch.equal(batch * 255, (batch * 255).round())  # 8-bit levels, as a saved crop

    def mean_step(patches: torch.Tensor) -> float:  # per pixel along the ramp, either way
        along = (patches[..., :, 1:] - patches[..., :, :-1]).abs().mean(dim=(1, 2, 3))
        across = (patches[..., 1:, :] - patches[..., :-1, :]).abs().mean(dim=(1, 2, 3))
        return float(torch.maximum(along, across).mean()) * 255

    assert mean_step(plain.sharp_batch(32, 3)) == pytest.approx(255 / 63, rel=0.05)
    assert mean_step(batch) > 1.2 * 255 / 63  # a square up to twice the patch, reduced
    with pytest.raises(ValueError, match="shrink must lie between"):
        PackedSampler(path, 16, CPU, shrink=0.1)


def test_grey_makes_a_share_of_the_patches_black_and_white_and_zero_changes_nothing(tmp_path, rng):
    path = _pack_of(tmp_path, [_noise(rng, 20, 17)])
    plain = PackedSampler(path, 8, CPU, seed=2).sharp_batch(400, step=1)
    assert torch.equal(plain, PackedSampler(path, 8, CPU, seed=2, grey=0.0).sharp_batch(400, 1))
    some = PackedSampler(path, 8, CPU, seed=2, grey=0.25).sharp_batch(400, step=1)
    grey = (some == some[:, 1:2]).all(dim=(1, 2, 3))
    assert 0.15 < float(grey.float().mean()) < 0.35
    assert torch.equal(some[~grey], plain[~grey])  # the same patches, some made grey
