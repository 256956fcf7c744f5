"""The Rekindle U-Net (``engine.networks.generator``) as an architecture of the library: the
network every built-in and wizard-trained model holds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from torch import nn

from engine.library.descriptor import Tiling, working_set_per_pixel
from engine.networks.generator import ARCHITECTURE, UNetGenerator


class UNetArchitecture:
    id = ARCHITECTURE
    name = "Rekindle U-Net"
    tiling = Tiling.SUPPORTED
    supports_half = True

    def build(self, hparams: Mapping[str, Any]) -> UNetGenerator:
        return UNetGenerator(**hparams)

    def recognises(self, metadata: Mapping[str, str]) -> bool:
        return metadata.get("architecture") == self.id

    def owns(self, network: nn.Module) -> bool:
        return isinstance(network, UNetGenerator)

    def tile_context(self, network: UNetGenerator) -> int:
        return network.receptive_radius()

    def size_multiple(self, network: UNetGenerator) -> int:
        return network.size_multiple

    def working_set(self, network: UNetGenerator) -> int:
        """The widest level's features (four times ``width``) at input size, and the rising
        stages' at the output size."""
        hparams = network.hparams
        return working_set_per_pixel(4 * hparams["width"], hparams["up_width"], network.scale)


UNET = UNetArchitecture()
