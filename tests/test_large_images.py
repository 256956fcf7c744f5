"""Very large inputs: the tiler fills one preallocated output without copies of the image."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.progress import Progress
from engine.tiling import TileGeometry, upscale_tiled


def _nearest_two_times(tensor: torch.Tensor) -> torch.Tensor:
    """A stand-in network as cheap as possible, so the test measures the tiler, not a model."""
    return F.interpolate(tensor, scale_factor=2, mode="nearest")


@pytest.mark.slow
def test_twelve_thousand_square_input():
    side = 12000
    image = np.empty((side, side, 3), np.uint8)
    image[:] = np.arange(side, dtype=np.uint8)[:, None, None]  # rows of known values
    seen = []
    geometry = TileGeometry(scale=2, tile=2000, context=8, multiple=4)
    out = upscale_tiled(
        _nearest_two_times, image, geometry, Progress(lambda event: seen.append(event.fraction))
    )
    assert out.shape == (2 * side, 2 * side, 3)
    rows = np.arange(0, 2 * side, 997)
    assert np.array_equal(
        out[rows, ::1999, 0],
        np.broadcast_to(
            (rows // 2).astype(np.uint8)[:, None], (len(rows), len(range(0, 2 * side, 1999)))
        ),
    )
    assert seen[-1] == pytest.approx(1.0) and len(seen) == 36
