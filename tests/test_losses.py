"""The content loss options: L1 (the default), Charbonnier, and the FFT term added to either."""

from dataclasses import replace

import pytest
import torch
import torch.nn.functional as F

from tests.training_helpers import TINY
from training.losses import CHARBONNIER_EPS, content_loss


@pytest.fixture
def images():
    generator = torch.Generator().manual_seed(3)
    output = torch.rand(2, 3, 16, 16, generator=generator)
    target = torch.rand(2, 3, 16, 16, generator=generator)
    return output, target


def test_the_default_is_plain_l1(images):
    assert torch.equal(content_loss(*images, TINY), F.l1_loss(*images))


def test_charbonnier_is_a_rounded_l1(images):
    output, target = images
    loss = content_loss(output, target, replace(TINY, content_loss="charbonnier"))
    expected = ((output - target) ** 2 + CHARBONNIER_EPS**2).sqrt().mean()
    assert torch.allclose(loss, expected)
    assert F.l1_loss(output, target) < loss < F.l1_loss(output, target) + CHARBONNIER_EPS
    same = content_loss(target, target, replace(TINY, content_loss="charbonnier"))
    assert same == pytest.approx(CHARBONNIER_EPS)  # the rounded bottom


def test_the_fft_term_adds_the_spectra_distance(images):
    output, target = images
    spectra = [torch.view_as_real(torch.fft.rfft2(x, norm="ortho")) for x in images]
    for kind in ("l1", "charbonnier"):
        plain = content_loss(output, target, replace(TINY, content_loss=kind))
        with_fft = content_loss(output, target, replace(TINY, content_loss=kind, fft_weight=0.5))
        assert torch.allclose(with_fft, plain + 0.5 * (spectra[0] - spectra[1]).abs().mean())


def test_the_loss_is_float32_under_bf16_autocast(images):
    output, target = (x.bfloat16() for x in images)
    config = replace(TINY, content_loss="charbonnier", fft_weight=0.1)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        loss = content_loss(output, target, config)
    assert loss.dtype == torch.float32


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"content_loss": "l2"}, "content loss must be one of l1, charbonnier"),
        ({"fft_weight": -1.0}, "cannot be negative"),
    ],
)
def test_unknown_options_are_refused_in_a_sentence(change, message):
    with pytest.raises(ValueError, match=message):
        replace(TINY, **change)
