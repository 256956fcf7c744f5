"""A community model for grey pictures (one channel in, one out) restores Rekindle's RGB
photos: a grey photo comes out as the network made it, a colour one gets the network's
brightness and keeps its colours."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.cli import main
from engine.library.loading import load_model
from tests.test_model_refusals import compact, torch_bytes

LUMA = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)


@pytest.fixture
def grey_model(tmp_path):
    path = tmp_path / "2x_grey.pth"
    network = compact(channels=1, scale=2)
    path.write_bytes(torch_bytes(network))
    return path, network


def test_a_grey_photo_comes_out_as_the_grey_network_makes_it(grey_model):
    path, network = grey_model
    loaded = load_model(path)
    grey = torch.rand(1, 1, 12, 10)
    with torch.no_grad():
        made = network(grey).clamp(0, 1)  # spandrel clamps what a network makes
        result = loaded.network(grey.expand(1, 3, 12, 10))
    assert result.shape == (1, 3, 24, 20)
    for channel in range(3):
        torch.testing.assert_close(result[:, channel : channel + 1], made)


def test_a_colour_photo_gets_the_networks_brightness_and_keeps_its_colours(grey_model):
    path, network = grey_model
    loaded = load_model(path)
    torch.manual_seed(1)
    rgb = torch.rand(1, 3, 12, 10)
    with torch.no_grad():
        made = network((rgb * LUMA).sum(dim=1, keepdim=True)).clamp(0, 1)
        result = loaded.network(rgb)
    enlarged = F.interpolate(rgb, scale_factor=2, mode="bicubic", align_corners=False)
    torch.testing.assert_close((result * LUMA).sum(dim=1, keepdim=True), made)
    colours = result - result.mean(dim=1, keepdim=True)
    torch.testing.assert_close(colours, enlarged - enlarged.mean(dim=1, keepdim=True))
    assert not torch.allclose(result, enlarged, atol=1e-3)  # the network did change it


def test_the_command_line_restores_a_colour_photo_with_a_grey_model(tmp_path, grey_model):
    path, _ = grey_model
    photo = tmp_path / "photo.png"
    pixels = np.random.default_rng(2).integers(0, 256, (40, 48, 3), dtype=np.uint8)
    cv2.imwrite(str(photo), pixels)
    out = tmp_path / "restored"
    assert main(["restore", str(photo), "-o", str(out), "--model", str(path)]) == 0
    [written] = out.iterdir()
    result = cv2.imread(str(written), cv2.IMREAD_UNCHANGED)
    assert result.shape == (80, 96, 3)
    assert np.abs(result[..., 0].astype(int) - result[..., 2]).max() > 0  # colours kept
