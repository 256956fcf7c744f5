"""Start a wider generator from a trained narrower one, computing exactly what it computed.

Training a larger network from scratch on a CPU throws away hours of the smaller one's
learning. Widening keeps it: every trained weight is copied into the leading channels of the
wider network, the new channels start from their fresh initialisation, and every weight from a
new channel into an old one starts at zero, so the wider network's output equals the
narrower one's until training moves those weights (the Net2Net idea of function-preserving
growth; Chen, Goodfellow and Shlens, 2016).
"""

from __future__ import annotations

import torch
from torch import nn

from engine.errors import RekindleError
from engine.networks import UNetGenerator
from engine.words import say

# Hyperparameters that change the network's shape beyond its channel counts.
_FIXED = ("scale", "depth", "convs")


def widen(network: UNetGenerator, trained: UNetGenerator) -> None:
    """Load ``trained`` into the wider ``network`` in place (see the module docstring)."""
    for key in _FIXED:
        if network.hparams[key] != trained.hparams[key]:
            raise RekindleError(
                say(
                    "can only grow a model wider: its {setting} is {old}, not {new}",
                    setting=key,
                    old=trained.hparams[key],
                    new=network.hparams[key],
                )
            )
    for key in ("width", "up_width"):
        if network.hparams[key] < trained.hparams[key]:
            raise RekindleError(
                say(
                    "can only grow a model wider: {setting} {new} is narrower than the "
                    "model's {old}",
                    setting=key,
                    new=network.hparams[key],
                    old=trained.hparams[key],
                )
            )
    old_layers = dict(trained.named_modules())
    with torch.no_grad():
        for name, layer in network.named_modules():
            if isinstance(layer, nn.Conv2d | nn.ConvTranspose2d):
                _widen_layer(layer, old_layers[name])


def _widen_layer(layer: nn.Conv2d | nn.ConvTranspose2d, old: nn.Module) -> None:
    # Conv2d weights are (out, in, kh, kw); transposed ones are (in, out, kh, kw).
    out_dim = 1 if isinstance(layer, nn.ConvTranspose2d) else 0
    in_dim = 1 - out_dim
    old_out, old_in = old.weight.shape[out_dim], old.weight.shape[in_dim]
    new_into_old = [slice(None)] * 2
    new_into_old[out_dim] = slice(None, old_out)
    new_into_old[in_dim] = slice(old_in, None)
    layer.weight[tuple(new_into_old)] = 0  # new channels feed no old channel
    layer.weight[: old.weight.shape[0], : old.weight.shape[1]] = old.weight
    if layer.bias is not None:
        layer.bias[:old_out] = old.bias
