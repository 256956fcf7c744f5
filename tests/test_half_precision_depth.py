"""Half precision (CUDA's, here forced on the CPU) for 8-bit pictures only: a picture or a
film's frames of 16 bits go through the networks in float32, so their finer levels are not
rounded to half precision's (steps of 16 to 32 levels of 65535 in the highlights)."""

import numpy as np
import pytest
import torch
from torch.nn.modules.module import register_module_forward_pre_hook

from engine.library.loading import load_model
from engine.networks import UNetGenerator
from engine.restorer import Restorer

CPU = torch.device("cpu")


def _ramp16() -> np.ndarray:
    """A smooth 16-bit ramp in the highlights, where half precision's steps are widest."""
    rows, columns = np.mgrid[0:24, 0:32]
    ramp = 52000 + columns * 37 + rows * 11
    return np.dstack([ramp, ramp - 10000, ramp - 20000]).astype(np.uint16)


@pytest.fixture
def restorers(tiny_model_file, monkeypatch):
    """A restorer in float32 and one where half precision is used, as on CUDA."""
    full = Restorer(load_model(tiny_model_file), CPU, tile=32)
    monkeypatch.setattr("engine.restorer.uses_half", lambda device: True)
    half = Restorer(load_model(tiny_model_file), CPU, tile=32)
    assert half.half and not full.half
    return full, half


@pytest.fixture
def input_dtypes():
    """The dtypes the networks are given while the test runs."""
    seen: list[torch.dtype] = []

    def record(module: torch.nn.Module, inputs: tuple[torch.Tensor, ...]) -> None:
        if isinstance(module, UNetGenerator):
            seen.append(inputs[0].dtype)

    handle = register_module_forward_pre_hook(record)
    yield seen
    handle.remove()


@pytest.mark.parametrize("frames", [None, 2], ids=["photo", "film frames"])
def test_sixteen_bits_go_through_in_float32(restorers, input_dtypes, frames):
    """Seen before: the ramp came out with 55 to 73 levels per channel where float32 gives
    about 1,700."""
    full, half = restorers
    pixels = _ramp16() if frames is None else np.stack([_ramp16()] * frames)
    assert np.array_equal(half.enlarge(pixels), full.enlarge(pixels))
    assert set(input_dtypes) == {torch.float32}


def test_eight_bits_still_go_through_in_half_precision(restorers, input_dtypes):
    full, half = restorers
    pixels = (_ramp16() // 257).astype(np.uint8)
    enlarged = half.enlarge(pixels).astype(int)
    assert set(input_dtypes) == {torch.float16}
    assert np.abs(enlarged - full.enlarge(pixels)).max() <= 2
