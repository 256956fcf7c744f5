"""The networks of the seed spec: a U-shaped generator and a conditional discriminator."""

from engine.networks.discriminator import ConditionalDiscriminator
from engine.networks.generator import UNetGenerator

__all__ = ["ConditionalDiscriminator", "UNetGenerator"]
