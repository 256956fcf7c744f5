"""Detail strength: network interpolation (as in ESRGAN) between the built-in faithful and
detail models, which share one network."""

from __future__ import annotations

import copy
from dataclasses import replace

import torch

from engine.errors import ModelFileError
from engine.library.descriptor import LoadedModel

FAITHFUL, DETAILED = "faithful-x4", "detail-x4"
BLEND_PAIRS = {FAITHFUL: DETAILED, DETAILED: FAITHFUL}
"""Built-in models that share one network, so their weights can be interpolated."""


def blend(faithful: LoadedModel, detailed: LoadedModel, strength: float) -> LoadedModel:
    """``(1 - strength) * faithful + strength * detailed``, weight by weight.

    Strength 0 never invents detail; 1 is the GAN-trained model's full sharpness.
    """
    if not 0.0 <= strength <= 1.0:
        raise ModelFileError(f"the detail strength must be between 0 and 1, not {strength}")
    ours, theirs = faithful.descriptor, detailed.descriptor
    if (ours.architecture, ours.hparams) != (theirs.architecture, theirs.hparams):
        raise ModelFileError("these two models have different networks and cannot be blended")
    detailed_state = detailed.network.state_dict()
    mixed = {
        key: torch.lerp(value.float(), detailed_state[key].float(), strength)
        for key, value in faithful.network.state_dict().items()
    }
    network = copy.deepcopy(faithful.network)
    network.load_state_dict(mixed)
    network.eval()
    descriptor = replace(
        ours,
        name=f"{FAITHFUL}+{DETAILED}@{strength:g}",
        title=f"{ours.display_name} + {strength:.0%} detail",
    )
    return LoadedModel(network, descriptor)
