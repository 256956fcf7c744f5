"""Rekindle's own architectures (spandrel's pattern, for the networks Rekindle trains): each
builds its network from hyper-parameters, recognises its model file by the header, and states
what tiling needs to know about its network. Community architectures are spandrel's
(``engine.library.community``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from torch import nn

from engine.errors import ModelFileError
from engine.library.descriptor import Tiling
from engine.library.unet import UNET
from engine.words import say


class Architecture(Protocol):
    """One of Rekindle's own architectures."""

    id: str  # what a model file's header names
    name: str  # for people
    tiling: Tiling
    supports_half: bool

    def build(self, hparams: Mapping[str, Any]) -> nn.Module:
        """An untrained network; raises TypeError or ValueError for bad hyper-parameters."""

    def recognises(self, metadata: Mapping[str, str]) -> bool:
        """Whether a model file with this header holds one of these networks."""

    def owns(self, network: nn.Module) -> bool:
        """Whether ``network`` is one of these."""

    def tile_context(self, network: nn.Module) -> int:
        """Input pixels of context that keep tiled output equal to whole-image output."""

    def size_multiple(self, network: nn.Module) -> int:
        """What tile corners and sides must be multiples of."""

    def working_set(self, network: nn.Module) -> int:
        """Rough activation bytes per input pixel (see ``ModelDescriptor``)."""


ARCHITECTURES: tuple[Architecture, ...] = (UNET,)


def recognise(metadata: Mapping[str, str]) -> Architecture:
    """The architecture of a Rekindle model file, from its header."""
    for architecture in ARCHITECTURES:
        if architecture.recognises(metadata):
            return architecture
    raise ModelFileError(
        say("unknown architecture '{architecture}'", architecture=metadata.get("architecture", ""))
    )


def find(architecture: str) -> Architecture | None:
    """One of Rekindle's own architectures by its id, or None (a community one, say)."""
    return next((known for known in ARCHITECTURES if known.id == architecture), None)


def is_own(architecture: str) -> bool:
    """Whether ``architecture`` (an id) is one of Rekindle's own."""
    return find(architecture) is not None


def architecture_of(network: nn.Module) -> Architecture:
    """The architecture of one of Rekindle's own networks."""
    for architecture in ARCHITECTURES:
        if architecture.owns(network):
            return architecture
    raise ModelFileError(
        say("{network} is not one of Rekindle's architectures", network=type(network).__name__)
    )


def build_network(architecture: Architecture, hparams: Mapping[str, Any]) -> nn.Module:
    """An untrained network of ``architecture``, refusing hyper-parameters that do not fit."""
    try:
        return architecture.build(hparams)
    except (TypeError, ValueError) as error:
        raise ModelFileError(
            say(
                "bad hyper-parameters for {architecture}: {error}",
                architecture=architecture.id,
                error=error,
            )
        ) from None
