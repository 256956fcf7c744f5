"""An exponential moving average of the generator's weights (as ESRGAN's successors ship).

Late in training each step moves the weights by gradient noise as much as by learning; the
average of the recent weights sits nearer the bottom of the valley than any one of them, so a
run that keeps one validates and ships it. Averaging is linear, so balanced deconvolutions
(``UNetGenerator.balance_phases``) stay balanced.
"""

from __future__ import annotations

import copy

import torch
from torch import nn


class WeightAverage:
    """``average = decay * average + (1 - decay) * current`` after every generator update."""

    def __init__(self, network: nn.Module, decay: float) -> None:
        if not 0.0 < decay < 1.0:
            raise ValueError("the average's decay must lie between 0 and 1")
        self.decay = decay
        self.network = copy.deepcopy(network).eval()
        for parameter in self.network.parameters():
            parameter.requires_grad_(False)

    @torch.no_grad()
    def update(self, network: nn.Module) -> None:
        current = network.state_dict()
        for name, average in self.network.state_dict().items():
            if average.is_floating_point():
                average.lerp_(current[name], 1.0 - self.decay)
            else:
                average.copy_(current[name])
