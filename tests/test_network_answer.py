"""A network whose answer is not its input enlarged by the scale its file states (a file that
describes its network wrongly) fails the photo with a sentence saying so, instead of an
unexpected error (a smaller answer) or a scrambled mosaic saved as the result (a larger one)."""

import numpy as np
import pytest
import torch

from engine.errors import RekindleError
from engine.library.loading import load_model
from engine.restorer import Restorer

CPU = torch.device("cpu")


class _Twice(torch.nn.Module):
    """A network that answers twice as large as its file says."""

    def __init__(self, network: torch.nn.Module) -> None:
        super().__init__()
        self.network = network

    def forward(self, tensor: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.interpolate(self.network(tensor), scale_factor=2)


class _Cropped(torch.nn.Module):
    """A network that answers without its border."""

    def __init__(self, network: torch.nn.Module) -> None:
        super().__init__()
        self.network = network

    def forward(self, tensor: torch.Tensor) -> torch.Tensor:
        return self.network(tensor)[..., 2:-2, 2:-2]


@pytest.mark.parametrize("wrong", [_Twice, _Cropped])
@pytest.mark.parametrize("tile", [16, 4096])
@pytest.mark.parametrize("ensemble", [False, True])
def test_an_answer_of_the_wrong_size_is_told(tiny_model_file, wrong, tile, ensemble):
    model = load_model(tiny_model_file)  # 4x
    model.network = wrong(model.network)
    pixels = np.random.default_rng(0).integers(0, 256, (20, 28, 3), dtype=np.uint8)
    with pytest.raises(RekindleError, match="where its file promises 4 times the input's size"):
        Restorer(model, CPU, tile=tile).enlarge(pixels, ensemble=ensemble)
