"""Device choice: CUDA, then MPS, then CPU; the CUDA and MPS paths tested with mocks."""

from unittest import mock

import pytest
import torch

from engine import devices
from engine.errors import DeviceError
from engine.library.loading import load_model
from engine.restorer import Restorer


def test_auto_prefers_cuda_then_mps_then_cpu():
    with mock.patch.object(devices, "cuda_available", return_value=True):
        assert devices.pick_device("auto") == torch.device("cuda", 0)
    with (
        mock.patch.object(devices, "cuda_available", return_value=False),
        mock.patch.object(devices, "mps_available", return_value=True),
    ):
        assert devices.pick_device("auto") == torch.device("mps")
    with (
        mock.patch.object(devices, "cuda_available", return_value=False),
        mock.patch.object(devices, "mps_available", return_value=False),
    ):
        assert devices.pick_device("auto") == torch.device("cpu")


def test_unavailable_device_is_refused_with_the_reason():
    with (
        mock.patch.object(devices, "cuda_available", return_value=False),
        pytest.raises(DeviceError, match="NVIDIA"),
    ):
        devices.pick_device("cuda")
    with pytest.raises(DeviceError, match="unknown device"):
        devices.pick_device("tpu")


def test_statuses_explain_what_is_missing():
    with (
        mock.patch.object(devices, "cuda_available", return_value=False),
        mock.patch.object(devices, "mps_available", return_value=False),
    ):
        statuses = {s.name: s for s in devices.device_statuses()}
    assert statuses["cpu"].available
    assert not statuses["cuda"].available and statuses["cuda"].reason
    assert not statuses["mps"].available and "Apple" in statuses["mps"].reason


def _gpus(*cards: tuple[str, int]):
    """torch.cuda standing in for a machine with ``cards`` (name, bytes of memory)."""
    props = [mock.Mock(total_memory=memory) for _name, memory in cards]
    for prop, (name, _memory) in zip(props, cards, strict=True):
        prop.name = name  # a Mock's own name attribute is set apart from the constructor's
    return (
        mock.patch.object(devices, "cuda_available", return_value=True),
        mock.patch.object(torch.cuda, "device_count", return_value=len(cards)),
        mock.patch.object(torch.cuda, "get_device_properties", side_effect=props.__getitem__),
    )


@pytest.mark.parametrize(
    ("cards", "said"),
    [
        ([("NVIDIA H200", 143_771_000_000)], "NVIDIA H200, 144 GB"),
        ([("NVIDIA RTX 4090", 25_386_000_000)] * 2, "2 × NVIDIA RTX 4090, 25 GB"),
        (
            [("NVIDIA RTX 4090", 25_386_000_000), ("NVIDIA T4", 15_835_000_000)],
            "NVIDIA RTX 4090, 25 GB",
        ),
    ],
)
def test_a_gpu_is_listed_with_its_name_and_memory(cards, said):
    first, count, props = _gpus(*cards)
    with first, count, props:
        cuda = next(s for s in devices.device_statuses() if s.name == "cuda")
    assert cuda.available and cuda.hardware == said


def test_half_precision_only_on_cuda():
    assert devices.uses_half(torch.device("cuda", 0))
    assert not devices.uses_half(torch.device("mps"))
    assert not devices.uses_half(torch.device("cpu"))


def test_layout_is_channels_last_on_cpu_and_cuda_only():
    assert devices.memory_format(torch.device("cpu")) == torch.channels_last
    assert devices.memory_format(torch.device("cuda", 0)) == torch.channels_last
    assert devices.memory_format(torch.device("mps")) == torch.contiguous_format


def test_cpu_restorer_runs_channels_last(tiny_model_file):
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"))
    weight = restorer._main.network.left[0][0].weight  # a 3x3 convolution with many inputs
    assert weight.is_contiguous(memory_format=torch.channels_last)


def test_cuda_restorer_uses_half_and_channels_last(tiny_model_file):
    """On a (mocked) CUDA device the network is moved there in half precision, channels-last."""
    model = load_model(tiny_model_file)
    moves = []
    real_to = torch.nn.Module.to

    def record_to(self, *args, **kwargs):
        moves.append((args, kwargs))
        cpu_args = [a for a in args if not isinstance(a, torch.device)]
        return real_to(self, *cpu_args, **kwargs)

    with (
        mock.patch.object(torch.nn.Module, "to", record_to),
        mock.patch("engine.restorer.free_memory_bytes", return_value=8 * 2**30),
    ):
        restorer = Restorer(model, torch.device("cuda", 0))
    assert restorer.half
    assert any(torch.device("cuda", 0) in args for args, _ in moves)
    assert any(kw.get("memory_format") == torch.channels_last for _, kw in moves)
    half = restorer._main.network.left[0][0].weight  # the copy 8-bit pictures run through
    assert half.dtype == torch.float16 and half.is_contiguous(memory_format=torch.channels_last)
    assert next(model.network.parameters()).dtype == torch.float32  # kept for deeper pictures


def test_free_memory_on_cuda_asks_the_driver():
    with mock.patch.object(torch.cuda, "mem_get_info", return_value=(123, 456)):
        assert devices.free_memory_bytes(torch.device("cuda", 0)) == 123


def test_out_of_memory_is_recognised_for_cuda_and_mps():
    assert devices.is_out_of_memory(torch.OutOfMemoryError("CUDA out of memory"))
    assert devices.is_out_of_memory(RuntimeError("MPS backend out of memory (MPS allocated…)"))
    assert not devices.is_out_of_memory(RuntimeError("shape mismatch"))
