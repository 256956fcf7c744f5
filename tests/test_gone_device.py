"""A device that is not on this computer now: a choice saved by the app gives way to the one
Automatic picks (``pick_device_present``), and the command line refuses one asked for
with a sentence that says why, a GPU number beyond the GPUs here included."""

from unittest import mock

import cv2
import numpy as np
import pytest
import torch

from engine import devices
from engine.cli import main
from engine.errors import DeviceError

NO_CUDA = "cannot use cuda: no NVIDIA GPU with a working CUDA driver was found"


def _machine(gpus: int = 0, mps: bool = False):
    """This computer as torch sees it: ``gpus`` CUDA GPUs, and Apple's MPS or not."""
    return (
        mock.patch.object(devices, "cuda_available", return_value=gpus > 0),
        mock.patch.object(devices, "cuda_hardware", return_value="NVIDIA Fake, 8 GB"),
        mock.patch.object(devices, "mps_available", return_value=mps),
        mock.patch.object(torch.cuda, "device_count", return_value=gpus),
    )


@pytest.mark.parametrize(
    ("saved", "gpus", "mps", "used"),
    [
        ("cuda", 0, False, torch.device("cpu")),
        ("cuda:1", 0, True, torch.device("mps")),
        ("mps", 0, False, torch.device("cpu")),
        ("mps", 1, False, torch.device("cuda", 0)),
        ("cuda:1", 1, False, torch.device("cuda", 0)),
    ],
)
def test_a_saved_device_not_here_gives_way_to_the_one_automatic_picks(saved, gpus, mps, used):
    cuda, hardware, apple, count = _machine(gpus, mps)
    with cuda, hardware, apple, count:
        device, missing = devices.pick_device_present(saved)
        with pytest.raises(DeviceError) as refused:
            devices.pick_device(saved)
    assert device == used
    assert missing == refused.value.sentence


@pytest.mark.parametrize(
    ("saved", "gpus", "used"),
    [("cpu", 2, torch.device("cpu")), ("cuda:1", 2, torch.device("cuda", 1))],
)
def test_a_saved_device_here_is_used_without_a_word(saved, gpus, used):
    cuda, hardware, apple, count = _machine(gpus)
    with cuda, hardware, apple, count:
        assert devices.pick_device_present(saved) == (used, "")


@pytest.mark.parametrize(
    ("choice", "gpus", "said"),
    [
        ("cuda:1", 1, "cannot use cuda:1: the only CUDA GPU here is cuda:0"),
        ("cuda:3", 2, "cannot use cuda:3: the CUDA GPUs here are cuda:0 to cuda:1"),
        ("cuda:x", 1, "unknown device 'cuda:x'; choose one of auto, cpu, cuda, mps"),
    ],
)
def test_a_gpu_number_not_here_is_refused_in_words(choice, gpus, said):
    cuda, hardware, apple, count = _machine(gpus)
    with cuda, hardware, apple, count, pytest.raises(DeviceError) as refused:
        devices.pick_device(choice)
    assert str(refused.value) == said


@pytest.mark.parametrize(
    ("choice", "gpus", "said"),
    [
        ("cuda", 0, NO_CUDA),
        ("cuda:0", 0, NO_CUDA),
        ("cuda:2", 1, "cannot use cuda:2: the only CUDA GPU here is cuda:0"),
    ],
)
def test_the_command_line_refuses_a_device_not_here_in_one_sentence(
    choice, gpus, said, tmp_path, tiny_model_file, capsys
):
    photo = tmp_path / "a.png"
    cv2.imwrite(str(photo), np.zeros((8, 8, 3), np.uint8))
    out = tmp_path / "out"
    arguments = ["restore", str(photo), "-o", str(out), "--model", str(tiny_model_file)]
    cuda, hardware, apple, count = _machine(gpus)
    with cuda, hardware, apple, count:
        code = main([*arguments, "--device", choice])
    assert code == 2
    assert capsys.readouterr().err.strip() == f"error: {said}"
    assert not out.exists()
