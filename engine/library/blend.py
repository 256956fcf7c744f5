"""Repair and detail strengths: network interpolation (as in ESRGAN) between built-in models that
share one network.

A family's models sit at the corners of two strengths. Repair: 0 enlarges the picture as it is
(the faithful model), 1 takes old damage out (the Restore model, fine-tuned from it on damaged
pairs). Detail: 0 is trained by L1 alone, 1 is fine-tuned from it by the GAN cycle. Any point
between the corners is the bilinear mean of their weights, so a person can take a little of the
repair back where it paints faces flat, or add a little of the GAN's texture.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, replace

from engine.errors import ModelFileError
from engine.library.descriptor import LoadedModel, Origin
from engine.words import say

REPAIR, DETAIL = "repair", "detail"
"""The two strengths, as the command line names them."""
STRENGTH_WORDS = {REPAIR: say("repair strength"), DETAIL: say("detail strength")}
"""Each strength as the messages name it."""


@dataclass(frozen=True)
class Mix:
    """A point between a family's corners: each strength from 0 to 1."""

    repair: float
    detail: float

    def __post_init__(self) -> None:
        for axis, value in ((REPAIR, self.repair), (DETAIL, self.detail)):
            if not 0.0 <= value <= 1.0:
                raise ModelFileError(
                    say(
                        "the {strength} must be between 0 and 1, not {value}",
                        strength=STRENGTH_WORDS[axis],
                        value=value,
                    )
                )

    def corner(self) -> tuple[int, int]:
        """The corner a mix is named after: the repaired side as soon as there is any repair
        (a person takes repair back from the Restore model), the detailed side only at full
        detail (a person adds detail to the plain model)."""
        return int(self.repair > 0.0), int(self.detail >= 1.0)


@dataclass(frozen=True)
class BlendFamily:
    """Built-in models of one ``scale`` trained from one another, so of one network:
    ``faithful`` (repair 0, detail 0), ``restore`` (repair 1), ``detailed`` (detail 1) and
    ``restore_detailed`` (both 1). A family without a model at one end of an axis keeps that
    strength at 0."""

    scale: int
    faithful: str
    restore: str | None = None
    detailed: str | None = None
    restore_detailed: str | None = None
    offered_repair: float = 1.0
    """The repair strength a Restore corner starts at when it is picked, where its full
    strength paints faces of old film flat (MODELS.md, "The repair strength")."""

    def _corners(self) -> dict[tuple[int, int], str | None]:
        return {
            (0, 0): self.faithful,
            (1, 0): self.restore,
            (0, 1): self.detailed,
            (1, 1): self.restore_detailed,
        }

    def corner(self, repair: int, detail: int) -> str | None:
        return self._corners()[(repair, detail)]

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(name for name in self._corners().values() if name is not None)

    @property
    def axes(self) -> tuple[str, ...]:
        """The strengths this family can blend: those with a model at both ends."""
        return tuple(
            axis
            for axis, other_end in ((REPAIR, self.restore), (DETAIL, self.detailed))
            if other_end is not None
        )

    def axes_for(self, key: str, blendable: Callable[[str, str], bool]) -> tuple[str, ...]:
        """The axes a strength can move along from ``key``'s corner: those whose model at the
        other end ``blendable`` says can be blended with it (a model retrained wider cannot);
        both only when the opposite corner can be too, else repair alone."""
        repair, detail = (int(value) for value in astuple(self.position(key)))
        partners = {
            REPAIR: self.corner(1 - repair, detail),
            DETAIL: self.corner(repair, 1 - detail),
        }
        axes = [name for name, other in partners.items() if other and blendable(key, other)]
        opposite = self.corner(1 - repair, 1 - detail)
        if len(axes) == 2 and not (opposite and blendable(key, opposite)):
            axes = [REPAIR]
        return tuple(axes)

    def position(self, key: str) -> Mix:
        """The mix that gives ``key`` alone."""
        repair, detail = next(at for at, name in self._corners().items() if name == key)
        return Mix(float(repair), float(detail))

    def offered(self, key: str) -> Mix:
        """Where the strengths start when ``key`` is picked: its own corner, a Restore
        corner's repair at ``offered_repair``."""
        own = self.position(key)
        return replace(own, repair=self.offered_repair) if own.repair == 1.0 else own

    def mix(self, key: str, repair: float | None = None, detail: float | None = None) -> Mix:
        """``key``'s own position, with the strengths given in place of its own."""
        own = self.position(key)
        mix = Mix(
            own.repair if repair is None else repair, own.detail if detail is None else detail
        )
        for axis, value in ((REPAIR, mix.repair), (DETAIL, mix.detail)):
            if value > 0.0 and axis not in self.axes:
                raise ModelFileError(
                    say(
                        "{name} has no model to blend a {strength} with; {reason}",
                        name=key,
                        strength=STRENGTH_WORDS[axis],
                        reason=describe_axis(axis),
                    )
                )
        return mix

    def weights(self, mix: Mix) -> dict[str, float]:
        """Each model's share of the mix's weights (those with a share only)."""
        shares = {}
        for (repair, detail), name in self._corners().items():
            share = (mix.repair if repair else 1 - mix.repair) * (
                mix.detail if detail else 1 - mix.detail
            )
            if share > 0.0 and name is not None:
                shares[name] = share
        return shares


BLEND_FAMILIES = (
    BlendFamily(4, "faithful-x4", "restore-x4", "detail-x4", "restore-detail-x4", 0.75),
    BlendFamily(2, "faithful-x2", "restore-x2", offered_repair=0.75),
)
"""Built-in models whose weights can be interpolated."""


def blend_family(key: str) -> BlendFamily | None:
    """The family the built-in model ``key`` belongs to, if any."""
    return next((family for family in BLEND_FAMILIES if key in family.members), None)


def counterpart(key: str, scale: int) -> str | None:
    """The built-in model of ``scale`` that does what ``key`` does, without its detail:
    restore-x4 and restore-detail-x4 give restore-x2, faithful-x4 and detail-x4 faithful-x2."""
    family = blend_family(key)
    other = next((f for f in BLEND_FAMILIES if f.scale == scale), None)
    if family is None or other is None or other is family:
        return None
    return other.corner(int(family.position(key).repair), 0)


def beyond_4k_counterpart(
    key: str, origin: Origin, scale: int, scale_out: int | None
) -> str | None:
    """The built-in 2x model offered for a film that the model ``key`` (from ``origin``,
    enlarging ``scale`` times) would make larger than 4K: the ``counterpart`` of a built-in
    4x model run at its own scale (``scale_out`` None); none for another model, or for an
    output scale asked for, which a 2x model makes the film no smaller at."""
    if origin is not Origin.BUILT_IN or scale != 4 or scale_out is not None:
        return None
    return counterpart(key, 2)


def describe_axis(axis: str) -> str:
    """Which built-in models a strength applies to, as a sentence's end."""
    names = "; ".join(
        " and ".join(family.members) for family in BLEND_FAMILIES if axis in family.axes
    )
    return say(
        "a {strength} applies to the built-in {names} only",
        strength=STRENGTH_WORDS[axis],
        names=names,
    )


def blend(models: Sequence[tuple[LoadedModel, float]], name: str, title: str) -> LoadedModel:
    """The weighted mean of the models' weights, weight by weight (the shares sum to 1); the
    result is called ``name`` and shown as ``title``, and its descriptor names the models it
    was made from (``blended_from``)."""
    first = models[0][0].descriptor
    for model, _share in models[1:]:
        other = model.descriptor
        if (first.architecture, first.hparams) != (other.architecture, other.hparams):
            raise ModelFileError(say("these models have different networks and cannot be blended"))
    states = [(model.network.state_dict(), share) for model, share in models]
    mixed = {
        key: sum(state[key].float() * share for state, share in states) for key in states[0][0]
    }
    network = copy.deepcopy(models[0][0].network)
    network.load_state_dict(mixed)
    network.eval()
    parts = tuple((model.descriptor, share) for model, share in models)
    return LoadedModel(network, replace(first, name=name, title=title, blended_from=parts))


def _strength_share(axis: str, share: float) -> str:
    """A strength at its share, as a blend's title names it: "repair 80%"."""
    if axis == REPAIR:
        return say("repair {share:.0%}", share=share)
    return say("detail {share:.0%}", share=share)


def _listed(first: str, then: str) -> str:
    """Strengths of a title one after the other: "repair 80%, detail 35%"."""
    return say("{first}, {then}", first=first, then=then)


def open_mix(family: BlendFamily, mix: Mix, load: Callable[[str], LoadedModel]) -> LoadedModel:
    """The models of ``family`` blended at ``mix``, each loaded by ``load`` from its name (a
    corner is its model alone). The blend is named after the corner ``Mix.corner`` picks, with
    the strengths that differ from that corner's: ``Restore 4x (repair 80%, detail 35%)``, a
    sentence (``say``) that the app says in the person's language."""
    shares = family.weights(mix)
    if len(shares) == 1:
        return load(next(iter(shares)))
    loaded = {name: load(name) for name in shares}
    repair, detail = mix.corner()
    named_after = family.corner(repair, detail)
    base = loaded[named_after]  # a corner with a share whenever the mix is not a corner
    strengths = [
        _strength_share(axis, value)
        for axis, value, own in ((REPAIR, mix.repair, repair), (DETAIL, mix.detail, detail))
        if value != own
    ]
    title = say(
        "{model} ({strengths})",
        model=base.descriptor.display_name,
        strengths=functools.reduce(_listed, strengths),
    )
    blend_name = f"{named_after}@r{mix.repair:g},d{mix.detail:g}"
    parts = [(loaded[name], share) for name, share in shares.items()]
    return blend(parts, blend_name, title)
