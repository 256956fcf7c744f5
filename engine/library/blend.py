"""Detail strength: network interpolation (as in ESRGAN) between a built-in model and its
GAN-trained partner, which share one network."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

import torch

from engine.errors import ModelFileError
from engine.library.descriptor import LoadedModel


@dataclass(frozen=True)
class BlendPair:
    """Two built-in models of one network: ``plain`` trained by L1 alone (strength 0), and
    ``detailed`` fine-tuned from it by the GAN cycle (strength 1)."""

    plain: str
    detailed: str

    @property
    def members(self) -> tuple[str, str]:
        return self.plain, self.detailed

    def end(self, key: str) -> float:
        """The strength that gives ``key`` alone."""
        return 0.0 if key == self.plain else 1.0


BLEND_PAIRS = (BlendPair("faithful-x4", "detail-x4"), BlendPair("restore-x4", "restore-detail-x4"))
"""Built-in models whose weights can be interpolated."""


def blend_pair(key: str) -> BlendPair | None:
    """The pair the built-in model ``key`` belongs to, if any."""
    return next((pair for pair in BLEND_PAIRS if key in pair.members), None)


def blend(plain: LoadedModel, detailed: LoadedModel, strength: float) -> LoadedModel:
    """``(1 - strength) * plain + strength * detailed``, weight by weight.

    Strength 0 never invents detail; 1 is the GAN-trained model's full sharpness.
    """
    if not 0.0 <= strength <= 1.0:
        raise ModelFileError(f"the detail strength must be between 0 and 1, not {strength}")
    ours, theirs = plain.descriptor, detailed.descriptor
    if (ours.architecture, ours.hparams) != (theirs.architecture, theirs.hparams):
        raise ModelFileError("these two models have different networks and cannot be blended")
    detailed_state = detailed.network.state_dict()
    mixed = {
        key: torch.lerp(value.float(), detailed_state[key].float(), strength)
        for key, value in plain.network.state_dict().items()
    }
    network = copy.deepcopy(plain.network)
    network.load_state_dict(mixed)
    network.eval()
    descriptor = replace(
        ours,
        name=f"{ours.name}+{theirs.name}@{strength:g}",
        title=f"{ours.display_name} + {strength:.0%} detail",
    )
    return LoadedModel(network, descriptor)
