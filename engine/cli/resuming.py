"""A batch run again into the same folder: the settings its results depend on, and whether
it skips the results already there (``engine.unfinished`` keeps the record)."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from engine.chain import ModelRequest
from engine.cli.parser import command_parser
from engine.cli.restoring import model_request
from engine.unfinished import BatchMarker
from engine.words import say

BATCH_SETTINGS = (
    "model",
    "detail",
    "repair",
    "before",
    "after",
    "ensemble",
    "fix_fading",
    "grain",
    "find_spots",
    "marks",
    "scale_out",
    "long_side",
    "print_size",
    "dpi",
    "format",
    "overwrite",
)
"""The options a batch's results depend on (with its inputs): see ``engine.unfinished``."""
SEQUENCE_SETTINGS = ("rate",)
"""How a batch of films reads frame sequences, as far as its results depend on it (gaps let
through change no sequence restored, only whether one with numbers missing is restored at
all): held by markers since this release only."""
FILM_BATCH_SETTINGS = (
    *("model", "detail", "repair", "before", "after", "ensemble", "fix_fading", "marks"),
    *("scale_out", "codec", "crf", "quality", "deinterlace", "grain", "overwrite"),
    *("remove_dust", "calm_grain", "steady_flicker", "steady_picture", "smooth_repeats"),
    *SEQUENCE_SETTINGS,
    *("span_from", "span_to"),
)
"""The same for a batch of films."""


@dataclass(frozen=True)
class MarkerChange:
    """A release's change to the settings a batch's marker is named for: settings it added
    (``added``), or the models held by their keys rather than as typed (``models_keyed``)."""

    added: tuple[str, ...] = ()
    models_keyed: bool = False


MARKER_CHANGES = (
    MarkerChange(added=("span_from", "span_to")),
    MarkerChange(added=SEQUENCE_SETTINGS),
    MarkerChange(models_keyed=True),
    MarkerChange(added=("grain",)),
    MarkerChange(added=("find_spots", "marks")),
    MarkerChange(added=("repair",)),
    MarkerChange(added=("long_side", "print_size", "dpi")),
)
"""Each change to what a batch's marker holds, the newest first: the marker of a batch that a
release before a change left unfinished holds its settings as they were before it
(``_held_before``), so that the same command run now continues that batch."""


def batch_settings(args: argparse.Namespace, names: Sequence[str]) -> dict[str, object]:
    """What a batch's results depend on, ``names`` of its options and its inputs: a re-run
    with the same ones continues it. Its models are held as ``model_request`` names them, so
    a model is the same setting whichever of its names it was given by; but where ``--out``
    holds no marker of those and one of the settings as older releases held them
    (``_held_before``), those, so that the batch it marks is continued (or, while a run of
    it goes on, refused) instead of run again beside it."""
    request = model_request(args)
    keyed = _settings(args, names, request.key, request.before, request.after)
    if BatchMarker(args.out, keyed).marked:
        return keyed
    older = (held for held in _held_before(args, names, request) if held != keyed)
    return next((held for held in older if BatchMarker(args.out, held).marked), keyed)


def _held_before(
    args: argparse.Namespace, names: Sequence[str], request: ModelRequest
) -> Iterator[dict[str, object]]:
    """The settings of ``names`` as the markers of older releases held them, the newest
    first, undoing each of ``MARKER_CHANGES`` in turn: without the settings it added, and
    before models were held by their keys (``request``'s), with the models as typed. A
    setting is left out so only at its default, as a release before it restored: where one
    added since is not at its default, no older release's marker is looked for."""
    held = list(names)
    models = (request.key, request.before, request.after)
    for change in MARKER_CHANGES:
        dropped = [name for name in change.added if name in held]
        if not _at_default(args, dropped):
            return
        if not dropped and not change.models_keyed:
            continue  # a change to another kind of batch's settings
        held = [name for name in held if name not in dropped]
        if change.models_keyed:
            models = (args.model, args.before, args.after)
        yield _settings(args, held, *models)


def _at_default(args: argparse.Namespace, names: Sequence[str]) -> bool:
    """Whether each of the settings ``names`` is as its command leaves it when not given."""
    defaults = _defaults(args.command)
    return all(getattr(args, name) == getattr(defaults, name) for name in names)


@functools.cache
def _defaults(command: str) -> argparse.Namespace:
    """The options of ``command`` as the command line leaves them when not given (an input
    and an output folder stand in for those it needs)."""
    return command_parser().parse_args([command, "-o", "out", "in"])


def _settings(
    args: argparse.Namespace,
    names: Sequence[str],
    model: str,
    before: Sequence[str],
    after: Sequence[str],
) -> dict[str, object]:
    """The settings of ``names`` and the inputs, with the models ``model``, ``before`` and
    ``after`` held as given (keys, or the texts typed)."""
    models = {"model": model, "before": before, "after": after}
    return {
        "inputs": sorted(str(path.resolve()) for path in args.inputs),
        **{name: models[name] if name in models else getattr(args, name) for name in names},
    }


def skips_existing(args: argparse.Namespace, marker: BatchMarker, what: str) -> bool:
    """``--skip-existing`` as given, else on (and said so) when the last run of these
    settings into this folder did not finish, or finished with failures (its marker stays
    either way); ``what``: the results' kind, for that line."""
    if args.skip_existing is not None:
        return args.skip_existing
    if not marker.unfinished or args.overwrite:
        return False
    said = say(
        "the last run of these settings into {folder} had failures or did not finish: "
        "{what} it restored are skipped (--no-skip-existing restores them again)",
        folder=marker.folder,
        what=what,
    )
    print(said, file=sys.stderr)
    return True
