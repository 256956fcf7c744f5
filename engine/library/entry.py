"""One model file in the catalogue: what is known of it without loading its weights."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.filestamp import FileStamp
from engine.library.descriptor import ModelDescriptor, Origin, model_key
from engine.library.registry import is_own


@dataclass(frozen=True)
class CatalogEntry:
    """A model as listed: from the header of Rekindle's own files, from the details remembered
    for community files (``engine.library.store``), or from loading it.

    A community model not read yet is ``pending`` (scale 0, architecture unknown); one that
    cannot be used has an ``error`` and is only shown where models are managed."""

    path: Path
    origin: Origin
    stamp: FileStamp
    display_name: str
    scale: int = 0
    architecture: str = ""  # the registry id, as in ``ModelDescriptor``
    architecture_name: str = ""
    purpose: str = ""
    training: dict[str, Any] = field(default_factory=dict)
    pending: bool = False
    error: str = ""
    network: str = ""
    """Rekindle's own models: the architecture and its hyperparameters, so the models that
    share one network (and so can be blended) can be told without loading them."""

    @classmethod
    def of(cls, descriptor: ModelDescriptor) -> CatalogEntry:
        """The entry of a model just loaded from its file."""
        assert descriptor.path is not None and descriptor.stamp is not None
        return cls(
            descriptor.path,
            descriptor.origin,
            descriptor.stamp,
            descriptor.display_name,
            descriptor.scale,
            descriptor.architecture,
            descriptor.architecture_name,
            descriptor.purpose,
            descriptor.training,
            network=network_id(
                descriptor.architecture, json.dumps(descriptor.hparams, sort_keys=True)
            ),
        )

    @property
    def key(self) -> str:
        """What ``open_model`` takes (``model_key``)."""
        return model_key(self.path, self.origin)

    @property
    def community(self) -> bool:
        """Whether this is a community model (not one of Rekindle's own architectures)."""
        return not is_own(self.architecture)

    @property
    def size(self) -> int:
        return self.stamp.size

    @property
    def usable(self) -> bool:
        return not self.error

    @property
    def trained_on(self) -> tuple[str, int | None] | None:
        """What the run that made this model learned from, by name (the folder of photos, or
        the dataset or pack it was given), and how many photos that held where its training
        record says; None where the record does not say (a community model, or one trained
        before records kept its data's damage and photos: their "data" named a working
        folder)."""
        runs = self.training.get("runs")
        last = runs[-1] if isinstance(runs, list) and runs else None
        if not isinstance(last, dict) or "damage" not in last:
            return None
        photos = last.get("photos")
        return str(last.get("data", "")), photos if isinstance(photos, int) else None


def network_id(architecture: str, hparams_json: str) -> str:
    """A network's shape as one string: its architecture and its hyperparameters as the model
    file's header stores them (JSON, keys sorted)."""
    return f"{architecture} {hparams_json}"
