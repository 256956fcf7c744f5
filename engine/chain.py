"""Restoration chains: 1x restoration models (denoise, de-JPEG...) run before and after the model
that enlarges, so noise is cleaned before it gets enlarged, or a result tidied afterwards.

A chain is what a ``Restorer`` is built from, so every caller (batches, films, the app) runs the
chain without knowing about it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.models import LoadedModel, open_model


@dataclass(frozen=True)
class ModelChain:
    """The model that enlarges, and the 1x models run before and after it, in order."""

    model: LoadedModel
    before: tuple[LoadedModel, ...] = ()
    after: tuple[LoadedModel, ...] = ()

    def __post_init__(self) -> None:
        for stage in (*self.before, *self.after):
            _check_stage(stage)

    @property
    def display_name(self) -> str:
        """The models in the order they run, e.g. ``JPEG clean-up -> Faithful 4x``."""
        stages = (*self.before, self.model, *self.after)
        return " -> ".join(stage.info.display_name for stage in stages)

    def stage_identity(self) -> dict[str, list[dict[str, object]]]:
        """What a resumable job must match about the stages (nothing when there are none, so
        jobs without stages keep the identity they always had)."""
        if not (self.before or self.after):
            return {}
        return {
            "before": [model_identity(stage) for stage in self.before],
            "after": [model_identity(stage) for stage in self.after],
        }


def _check_stage(stage: LoadedModel) -> None:
    """Refuse a model that enlarges as a stage: the stages must keep the picture's size."""
    info = stage.info
    if info.scale != 1:
        raise ModelFileError(
            f"{info.name} enlarges {info.scale}x; only models that do not enlarge (1x, such as "
            "denoise or JPEG clean-up models) can run before or after enlarging"
        )


def model_identity(model: LoadedModel) -> dict[str, object]:
    """The model's name, network and scale, and its file's path, size and modification time:
    a file replaced under the same name is another model."""
    info = model.info
    identity: dict[str, object] = {"name": info.name, "hparams": info.hparams, "scale": info.scale}
    if info.path is not None and info.path.is_file():
        stamp = FileStamp.of(info.path)
        identity.update(path=str(info.path.resolve()), size=stamp.size, mtime=stamp.mtime_ns)
    return identity


def open_chain(
    model: str | os.PathLike = "default",
    detail: float | None = None,
    before: Sequence[str | os.PathLike] = (),
    after: Sequence[str | os.PathLike] = (),
) -> ModelChain:
    """Load the model that enlarges and the 1x models around it by name or path, as the command
    line and the app do (``detail`` blends the built-in pair, see ``open_model``)."""
    return ModelChain(
        open_model(model, detail),
        tuple(open_model(stage) for stage in before),
        tuple(open_model(stage) for stage in after),
    )
