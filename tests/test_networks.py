"""The generator and discriminator as the seed spec describes them."""

import pytest
import torch
from torch import nn

from engine.networks import ConditionalDiscriminator, UNetGenerator


@pytest.mark.parametrize("scale", [1, 2, 4])
@pytest.mark.parametrize("size", [(32, 32), (37, 53), (1, 1), (128, 128)])
def test_generator_enlarges_by_its_scale(scale, size):
    network = UNetGenerator(scale=scale, width=8, up_width=8).eval()
    with torch.no_grad():
        out = network(torch.rand(2, 3, *size))
    assert out.shape == (2, 3, size[0] * scale, size[1] * scale)


def test_scale_two_and_four_differ_only_in_rising_stages():
    two, four = UNetGenerator(scale=2), UNetGenerator(scale=4)
    assert len(two.rise) == 1 and len(four.rise) == 2
    assert type(two) is type(four)


def test_left_half_convolutions_right_half_deconvolutions_no_dropout():
    network = UNetGenerator(depth=3, convs=2)
    left = [*network.left.modules(), *network.down.modules(), network.head]
    right = [*network.up.modules(), *network.right.modules(), *network.rise.modules(), network.tail]
    assert all(not isinstance(m, nn.ConvTranspose2d) for m in left)
    assert any(isinstance(m, nn.Conv2d) for m in left)
    assert all(not isinstance(m, nn.Conv2d) for m in right)
    assert not any(isinstance(m, nn.Dropout) for m in network.modules())


def _record(store: dict, key: str):
    """A forward hook that keeps a layer's output (and returns None, leaving it unchanged)."""

    def hook(module, inputs, output):
        store[key] = output

    return hook


def test_skip_connections_add_same_size_maps():
    network = UNetGenerator(width=8, depth=2)
    seen = {}
    network.up[0].register_forward_hook(_record(seen, "up"))
    network.left[0][0].register_forward_hook(_record(seen, "left"))
    network(torch.rand(1, 3, 16, 16))
    assert seen["up"].shape == seen["left"].shape  # addition needs equal shapes (concat would not)


def test_last_left_convolution_and_last_deconvolution_have_no_activation():
    network = UNetGenerator(width=8, depth=2)
    seen, activated = {}, []
    network.left[-1][-1].register_forward_hook(_record(seen, "left"))
    network.tail.register_forward_hook(_record(seen, "tail"))
    network.act.register_forward_hook(lambda module, inputs, output: activated.append(inputs[0]))
    network(torch.rand(1, 3, 16, 16))
    assert activated, "the other layers are activated"
    assert all(t is not seen["left"] and t is not seen["tail"] for t in activated)


def test_an_untrained_generator_is_bicubic():
    network = UNetGenerator(width=8).eval()
    x = torch.rand(1, 3, 16, 16)
    expected = torch.nn.functional.interpolate(x, scale_factor=4, mode="bicubic")
    assert torch.allclose(network(x), expected, atol=1e-6)


def test_an_untrained_clean_up_generator_changes_nothing():
    """At scale 1 nothing rises above the input: the network adds its correction to the
    input itself, and starts as the identity."""
    network = UNetGenerator(scale=1, width=8).eval()
    assert len(network.rise) == 0
    x = torch.rand(1, 3, 16, 16)
    assert torch.equal(network(x), x)


@pytest.mark.parametrize("scale", [1, 4])
def test_receptive_radius_bounds_the_real_influence(scale):
    network = UNetGenerator(scale=scale, width=8, depth=2, convs=2).eval()
    nn.init.normal_(network.tail.weight, std=0.1)  # a trained tail: the network reaches out
    radius = network.receptive_radius()
    x = torch.rand(1, 3, 96, 96, requires_grad=True)
    network(x)[0, :, 48 * scale, 48 * scale].sum().backward()
    touched = (x.grad[0].abs().sum(0) > 0).nonzero()
    assert (touched - 48).abs().max().item() <= radius


def test_width_and_depth_are_parameters():
    small, large = UNetGenerator(width=8, depth=1), UNetGenerator(width=32, depth=3)
    count = lambda n: sum(p.numel() for p in n.parameters())  # noqa: E731
    assert count(small) < count(large)
    with pytest.raises(ValueError):
        UNetGenerator(scale=3)


def test_discriminator_takes_two_inputs_and_returns_logits():
    disc = ConditionalDiscriminator(width=8, depth=3)
    a, b = torch.rand(4, 3, 64, 64), torch.rand(4, 3, 16, 16)
    logits = disc(a, b)
    assert logits.shape == (4,)
    assert torch.allclose(disc.probability(a, b), torch.sigmoid(logits))


def test_discriminator_depends_on_the_blurry_image():
    torch.manual_seed(0)
    disc = ConditionalDiscriminator(width=8, depth=2)
    a = torch.rand(1, 3, 64, 64)
    assert not torch.allclose(disc(a, torch.rand(1, 3, 16, 16)), disc(a, torch.rand(1, 3, 16, 16)))


def test_discriminator_judges_any_crop_size():
    disc = ConditionalDiscriminator(width=8, depth=3)
    assert disc(torch.rand(1, 3, 96, 80), torch.rand(1, 3, 24, 20)).shape == (1,)


def _flat_output_spread(net: UNetGenerator) -> float:
    """How much the output varies, per channel, away from the borders, for a flat input."""
    with torch.no_grad():
        out = net(torch.full((1, 3, 64, 64), 0.4))
    margin = net.receptive_radius() * net.scale
    return float(out[0, :, margin:-margin, margin:-margin].std(dim=(-2, -1)).max())


@pytest.mark.parametrize("scale", [2, 4])
def test_balanced_phases_turn_a_flat_input_into_a_flat_output(scale):
    """An unbalanced transposed convolution draws a checkerboard on a flat input; balanced,
    none is left, and a blend of balanced networks stays balanced (the constraint is linear)."""
    torch.manual_seed(1)
    nets = []
    for _ in range(2):
        net = UNetGenerator(scale=scale, width=8, depth=2, convs=1, up_width=8)
        nn.init.normal_(net.tail.weight, std=0.1)
        nets.append(net)
    assert _flat_output_spread(nets[0]) > 1e-3  # the checkerboard of random deconvolutions
    for net in nets:
        net.balance_phases()
        assert _flat_output_spread(net) < 1e-6
    blended = UNetGenerator(scale=scale, width=8, depth=2, convs=1, up_width=8)
    first, second = (net.state_dict() for net in nets)
    blended.load_state_dict({k: 0.3 * first[k] + 0.7 * second[k] for k in first})
    assert _flat_output_spread(blended) < 1e-6


def test_balancing_touches_only_the_resampling_deconvolutions_and_is_idempotent():
    torch.manual_seed(2)
    net = UNetGenerator(scale=4, width=8, depth=1, convs=1, up_width=8)
    original = {k: v.clone() for k, v in net.state_dict().items()}
    net.balance_phases()
    changed = {k for k, v in net.state_dict().items() if not torch.equal(v, original[k])}
    assert changed == {"up.0.weight", "rise.0.weight", "rise.1.weight"}
    balanced = {k: v.clone() for k, v in net.state_dict().items()}
    net.balance_phases()
    for name, value in net.state_dict().items():
        assert torch.allclose(value, balanced[name], atol=1e-7), name
