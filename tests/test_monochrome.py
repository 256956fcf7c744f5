"""Black-and-white training crops (training.monochrome): the numpy and torch versions agree,
a share of 0 changes nothing (not even the random draws), and the share is kept."""

import numpy as np
import pytest
import torch

from training.monochrome import grey_rgb, grey_some


def _batch(rng: np.random.Generator, count: int) -> torch.Tensor:
    pixels = rng.integers(0, 256, (count, 3, 8, 8), dtype=np.uint8)
    return torch.from_numpy(pixels).float() / 255


def test_grey_rgb_puts_the_rounded_luma_in_all_three_channels():
    pixels = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 200, 90]]], np.uint8)
    grey = grey_rgb(pixels)
    assert grey.dtype == np.uint8
    assert grey[0, :, 0].tolist() == [76, 150, 29, 131]  # 0.299, 0.587, 0.114 of 255; 130.65
    assert (grey == grey[..., :1]).all()


def test_the_torch_version_makes_the_same_grey_as_the_numpy_one(rng):
    batch = _batch(rng, 6)
    grey = grey_some(batch, 1.0, torch.Generator().manual_seed(0))
    expected = [grey_rgb(picture) for picture in (batch * 255).round().byte().permute(0, 2, 3, 1)
                .numpy()]  # fmt: skip
    got = (grey * 255).round().byte().permute(0, 2, 3, 1).numpy()
    np.testing.assert_array_equal(got, np.stack(expected))


def test_a_share_of_zero_changes_nothing_and_draws_nothing(rng):
    batch = _batch(rng, 4)
    generator = torch.Generator().manual_seed(5)
    assert grey_some(batch, 0.0, generator) is batch
    assert torch.equal(generator.get_state(), torch.Generator().manual_seed(5).get_state())


def test_the_share_is_kept_and_reproducible_from_the_seed(rng):
    batch = _batch(rng, 4000)
    grey = grey_some(batch, 0.3, torch.Generator().manual_seed(1))
    made_grey = (grey[:, 0] == grey[:, 1]).all(dim=(1, 2)) & (grey[:, 2] == grey[:, 1]).all(
        dim=(1, 2)
    )
    assert float(made_grey.float().mean()) == pytest.approx(0.3, abs=0.03)
    assert torch.equal(grey[~made_grey], batch[~made_grey])  # the others are untouched
    assert torch.equal(grey, grey_some(batch, 0.3, torch.Generator().manual_seed(1)))
