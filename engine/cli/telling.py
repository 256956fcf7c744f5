"""The lines a command prints as it works: what it does, before it starts (the models, the
size, where it runs), and the line that tells a file failed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.batch import SourceNames
from engine.output_size import OutputSize
from engine.restorer import RestoreOptions, Restorer
from engine.words import without_name

if TYPE_CHECKING:
    from engine.cli.restoring import Workers


def picture_words(options: RestoreOptions) -> str:
    """What restoring does to each photo or frame beyond the models and the size, for the
    line that says what a command is doing."""
    words = [
        "eight orientations each" if options.ensemble else "",
        "fading fixed where found" if options.fix_fading else "",
        f"fine grain added ({round(options.grain * 100)}%)" if options.grain else "",
    ]
    return "".join(f", {said}" for said in words if said)


def where_it_runs(restorer: Restorer, workers: Workers | None) -> str:
    """Where the work runs, for the line before it starts."""
    if workers is not None:
        return f"on a cluster of {workers[0].describe()}"
    return f"on {restorer.device}, tiles of {restorer.tile} px"


def models_and_size(
    restorer: Restorer, scale_out: int | None, size: OutputSize | None = None
) -> str:
    """The models in the order they run, and the size they restore to: ``size`` when one
    was asked for, else ``scale_out`` (the model's own scale when None)."""
    return f"{restorer.chain.display_name}, {_resizing(scale_out or restorer.scale, size)}"


def _resizing(scale: int, size: OutputSize | None) -> str:
    """What restoring does to a picture's size, for the line before the work: a size asked
    for is met exactly, whatever scale the model enlarges by on the way."""
    if size is not None and size.long_side is not None:
        return f"to {size.long_side} px on the long side"
    if size is not None and size.print_mm is not None:
        width, height = size.print_mm
        return f"to fit within a {width:g}x{height:g} mm print at {size.dpi} dpi"
    return "same size" if scale == 1 else f"enlarging {scale}x"


def tell_failure(named: SourceNames, source: Path, sentence: str) -> None:
    """The line that tells ``source`` failed, and why."""
    print(f"failed: {naming(named(source), source, sentence)}", file=sys.stderr)


def naming(name: str, source: Path, sentence: str) -> str:
    """A failure's sentence, starting with the file's ``name`` in the run (once: a sentence
    that starts with the file's own name starts with ``name`` instead)."""
    return f"{name}: {without_name(sentence, source.name)}"
