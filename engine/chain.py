"""Restoration chains: 1x restoration models (denoise, de-JPEG...) run before and after the model
that enlarges, so noise is cleaned before it gets enlarged, or a result tidied afterwards.

A chain is what a ``Restorer`` is built from, so every caller (batches, films, the app) runs the
chain without knowing about it; a ``ModelRequest`` names a chain to load.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.library.blend import DETAIL, REPAIR, Mix, blend_family
from engine.library.descriptor import LoadedModel, ModelDescriptor
from engine.library.loading import open_model, resolve_model_path
from engine.provenance import source_digest
from engine.words import say

FINGERPRINT_CHARS = 12
"""The length of a chain's fingerprint (``ModelChain.fingerprint``), in hex digits."""


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
    def stages(self) -> tuple[LoadedModel, ...]:
        """The models in the order they run."""
        return (*self.before, self.model, *self.after)

    @property
    def display_name(self) -> str:
        """The models in the order they run, e.g. ``JPEG clean-up -> Faithful 4x``: a sentence
        (``say``), so that the app says a blend's title in the person's language."""
        return functools.reduce(_then, (stage.descriptor.display_name for stage in self.stages))

    def fingerprint(self) -> str:
        """A short hash of what the models are, in the order they run (``model_identity``):
        recorded with a result, so that a model file retrained or replaced under the same
        display name tells its results apart, while the same file copied elsewhere does not.
        It hashes every model file, so ask it once per chain."""
        identities = [model_identity(stage) for stage in self.stages]
        text = json.dumps(identities, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:FINGERPRINT_CHARS]

    def stage_identity(self) -> dict[str, list[dict[str, object]]]:
        """What a resumable job must match about the stages (nothing when there are none, so
        jobs without stages keep the identity they always had)."""
        if not (self.before or self.after):
            return {}
        return {
            "before": [model_identity(stage) for stage in self.before],
            "after": [model_identity(stage) for stage in self.after],
        }


def _then(earlier: str, later: str) -> str:
    return say("{earlier} -> {later}", earlier=earlier, later=later)


def _check_stage(stage: LoadedModel) -> None:
    """Refuse a model that enlarges as a stage: the stages must keep the picture's size."""
    descriptor = stage.descriptor
    if descriptor.scale != 1:
        raise ModelFileError(
            say(
                "{name} enlarges {scale}x; only models that do not enlarge (1x, such as denoise "
                "or JPEG clean-up models) can run before or after enlarging",
                name=descriptor.name,
                scale=descriptor.scale,
            )
        )


def model_identity(model: LoadedModel) -> dict[str, object]:
    """The model's name, network and scale, and what its file holds (``_file_identity``): a
    file replaced by another is another model, and the same bytes copied elsewhere, or written
    anew by an update or a reinstall, are the same one. A blend is also the models it was made
    from, each with its share."""
    return _identity(model.descriptor)


def _identity(described: ModelDescriptor) -> dict[str, object]:
    """``model_identity`` of a model as ``described``."""
    identity: dict[str, object] = {
        "name": described.name,
        "hparams": described.hparams,
        "scale": described.scale,
    }
    if described.path is not None and described.stamp is not None:
        identity.update(_file_identity(described.path, described.stamp))
    if described.blended_from:
        identity["blended_from"] = [
            {**_identity(part), "share": share} for part, share in described.blended_from
        ]
    return identity


def _file_identity(path: Path, stamp: FileStamp) -> dict[str, object]:
    """The model file at ``path``, loaded as it was at ``stamp``, by the SHA-256 of its bytes
    (``source_digest``: hashed once while its stamp stays the same); by its path, size and
    modification time where it was replaced since it was loaded (the bytes loaded are no
    longer there to hash) or cannot be read."""
    digest = source_digest(path) if stamp.matches(path) else None
    if digest is None:
        return {"path": str(path.resolve()), "size": stamp.size, "mtime": stamp.mtime_ns}
    return {"sha256": digest}


def open_chain(
    model: str | os.PathLike = "default",
    detail: float | None = None,
    before: Sequence[str | os.PathLike] = (),
    after: Sequence[str | os.PathLike] = (),
    repair: float | None = None,
) -> ModelChain:
    """Load the model that enlarges and the 1x models around it by name or path, as the command
    line and the app do (``detail`` and ``repair`` blend built-in models, see ``open_model``)."""
    return ModelChain(
        open_model(model, detail, repair),
        tuple(open_model(stage) for stage in before),
        tuple(open_model(stage) for stage in after),
    )


@dataclass(frozen=True)
class ModelRequest:
    """A chain to load: a model's key (a name or path, see ``open_model``), the detail and
    repair strengths a built-in model is blended at (None: the model's own), and the keys of
    the 1x models to run before and after it. Equal requests load the same models, so the
    app's restore worker keeps what it loaded while the request stays the same."""

    key: str
    detail: float | None = None
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    repair: float | None = None

    @classmethod
    def choose(
        cls,
        key: str,
        repair: float | None = None,
        detail: float | None = None,
        before: tuple[str, ...] = (),
        after: tuple[str, ...] = (),
    ) -> ModelRequest:
        """The request for a chosen model and the strengths offered with it (None: not
        offered, so the model's own). A corner of a blend family loads its model alone; a
        blend is named after the corner ``Mix.corner`` picks, with the strengths that differ
        from it, in whole per cents. Strengths asked of a model of no family, or along an
        axis its family lacks, are kept, so that loading it says they do not apply."""
        family = blend_family(key) if (repair, detail) != (None, None) else None
        asked = {REPAIR: repair, DETAIL: detail}
        if family is None or any(
            strength is not None and axis not in family.axes for axis, strength in asked.items()
        ):
            return cls(key, detail, before, after, repair)
        own = family.position(key)
        mix = Mix(
            own.repair if repair is None else round(repair, 2),
            own.detail if detail is None else round(detail, 2),
        )
        repair_end, detail_end = mix.corner()
        return cls(
            family.corner(repair_end, detail_end),
            None if mix.detail == detail_end else mix.detail,
            before,
            after,
            None if mix.repair == repair_end else mix.repair,
        )

    def load(self) -> ModelChain:
        """The model and its 1x stages, loaded: what a ``Restorer`` is built from."""
        return open_chain(self.key, self.detail, self.before, self.after, self.repair)

    def stamp(self) -> tuple[FileStamp, ...] | None:
        """The model files' stamps, so a file replaced under the same name (removed and
        imported again, say) is loaded afresh; None if one cannot be found."""
        try:
            return tuple(
                FileStamp.of(resolve_model_path(key)[0])
                for key in (self.key, *self.before, *self.after)
            )
        except (ModelFileError, OSError):
            return None
