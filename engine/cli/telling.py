"""The lines a command prints as it works: what it does, before it starts (the models, the
size, where it runs), and the line that tells a file failed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.batch import SourceNames, failure_line
from engine.output_size import OutputSize
from engine.restorer import RestoreOptions, Restorer
from engine.words import listed, plural, say

if TYPE_CHECKING:
    from engine.cli.restoring import Workers


def picture_words(options: RestoreOptions) -> list[str]:
    """What restoring does to each photo or frame beyond the models and the size, for the
    line that says what a command is doing."""
    words = [
        say("eight orientations each") if options.ensemble else "",
        say("fading fixed where found") if options.fix_fading else "",
        say("fine grain added ({percent}%)", percent=round(options.grain * 100))
        if options.grain
        else "",
    ]
    return [said for said in words if said]


def where_it_runs(restorer: Restorer, workers: Workers | None) -> str:
    """Where the work runs, for the line before it starts."""
    if workers is not None:
        return say("on a cluster of {workers}", workers=workers[0].describe())
    return say("on {device}, tiles of {tile} px", device=restorer.device, tile=restorer.tile)


def models_and_size(
    restorer: Restorer, scale_out: int | None, size: OutputSize | None = None
) -> str:
    """The models in the order they run, and the size they restore to: ``size`` when one
    was asked for, else ``scale_out`` (the model's own scale when None)."""
    return listed([restorer.chain.display_name, _resizing(scale_out or restorer.scale, size)])


def _resizing(scale: int, size: OutputSize | None) -> str:
    """What restoring does to a picture's size, for the line before the work: a size asked
    for is met exactly, whatever scale the model enlarges by on the way."""
    if size is not None and size.long_side is not None:
        return say("to {pixels} px on the long side", pixels=size.long_side)
    if size is not None and size.print_mm is not None:
        width, height = size.print_mm
        return say(
            "to fit within a {width:g}x{height:g} mm print at {dpi} dpi",
            width=width,
            height=height,
            dpi=size.dpi,
        )
    return say("same size") if scale == 1 else say("enlarging {scale}x", scale=scale)


RESULTS_NAMED = 3
"""Results left out (``tell_results_left_out``) named each on its line; the rest counted."""


def tell_results_left_out(named: SourceNames, results: dict[Path, Path], command: str) -> None:
    """Tell on stderr ``results`` (Rekindle's result given with the photo it was made from:
    ``engine.batch.results_given``) left out of ``command``, and how to have one done: the
    first few named, the rest counted on one line."""
    listed_results = list(results.items())
    for result, source in listed_results[:RESULTS_NAMED]:
        told = say(
            "left out: {name} is Rekindle's result of {source}, given too (to {command} the "
            "result itself, give it on its own)",
            name=named(result),
            source=named(source),
            command=command,
        )
        print(told, file=sys.stderr)
    rest = len(listed_results) - RESULTS_NAMED
    if rest > 0:
        print(_more_left_out(rest), file=sys.stderr)


def _more_left_out(count: int) -> str:
    """The line that counts the ``count`` results left out beyond those named."""
    return plural(
        count,
        say("and {count} more result of a photo given too, left out", count=count),
        say("and {count} more results of photos given too, left out", count=count),
    )


def tell_failure(named: SourceNames, source: Path, sentence: str) -> None:
    """The line that tells ``source`` failed, and why."""
    print(failure_line(named(source), source, sentence), file=sys.stderr)
