"""``turn`` and ``split``: each photo's own work, told as it ends; a photo that fails is
told and the others go on. Rekindle's results given with the photos they were made from are
left out, as ``restore`` leaves them out (``results_given``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from engine.batch import (
    FolderNames,
    SourceNames,
    check_folders_apart,
    media_found,
    results_given,
)
from engine.cli.telling import tell_failure, tell_results_left_out
from engine.errors import Cancelled, RekindleError
from engine.media import Unreadable, carries_mark, is_supported_video
from engine.preflight import check_destination, require_inputs
from engine.progress import CancelToken
from engine.split import split_scan_file
from engine.turn import turn_file
from engine.words import listed, plural, say


def run_turn(args: argparse.Namespace, token: CancelToken) -> int:
    """Each photo's turned copy into the output folder: never a folder given itself, where
    the copies would lie among its photos and a run again would turn them too."""
    require_inputs(args.inputs)
    check_folders_apart(args.inputs, args.out, flat=True)
    check_destination(args.out)
    return _each_photo(
        args.inputs,
        args.out,
        token,
        lambda photo: str(turn_file(photo, args.turns, args.out)),
        "turn",
    )


def run_split(args: argparse.Namespace, token: CancelToken) -> int:
    """Each scan's prints into the output folder; a folder's scans keep their paths below it,
    under a folder of the same name, as ``restore`` lays out its results, and an output
    folder inside a folder given is left out of its scans, as ``restore`` leaves it out."""
    require_inputs(args.inputs)
    check_folders_apart(args.inputs, args.out)
    check_destination(args.out)
    named = SourceNames(args.inputs)

    def split(scan: Path) -> str:
        # a scan's name in the run is its path below the output folder
        written = split_scan_file(scan, args.out / Path(named(scan)).parent)
        names = listed([p.name for p in written])
        return plural(
            len(written),
            say("{count} print: {names}", count=len(written), names=names),
            say("{count} prints: {names}", count=len(written), names=names),
        )

    return _each_photo(args.inputs, args.out, token, split, "split")


def _each_photo(
    inputs: list[Path],
    out_dir: Path,
    token: CancelToken,
    work: Callable[[Path], str],
    command: str,
) -> int:
    """Do ``work`` on each photo given or found in a folder given (``_photos_given``: what a
    run wrote into ``out_dir`` left out), printing what it says; Rekindle's results of
    photos given too are left out, each told (``command``: what giving one on its own does
    to it); a photo that fails is told and skipped; Ctrl+C stops before the next photo."""
    named = SourceNames(inputs)
    unreadable: Unreadable = []
    photos = _photos_given(inputs, out_dir, unreadable)
    for folder, sentence in unreadable:
        tell_failure(named, folder, sentence)
    results = results_given(photos, photos, carries_mark)
    tell_results_left_out(named, results, command)
    photos = [photo for photo in photos if photo not in results]
    failed = len(unreadable)
    for photo in photos:
        if token.cancelled:
            raise Cancelled()
        try:
            print(say("{name}: {done}", name=named(photo), done=work(photo)))
        except RekindleError as error:
            failed += 1
            tell_failure(named, photo, error.sentence)
    return 1 if failed else 0


def _photos_given(inputs: Sequence[Path], out_dir: Path, unreadable: Unreadable) -> list[Path]:
    """The photos named, and those in the folders named, less those a run into ``out_dir``
    wrote inside one (``media_found``), as ``restore`` leaves its earlier results out; the
    folders that cannot be read go into ``unreadable``."""
    names = FolderNames(inputs)
    return [
        found
        for item in inputs
        for found in (_photos_found(item, out_dir, names, unreadable) if item.is_dir() else [item])
    ]


def _photos_found(
    folder: Path, out_dir: Path, names: FolderNames, unreadable: Unreadable
) -> list[Path]:
    """The photos in ``folder`` (``media_found``: what a run wrote into ``out_dir`` left out,
    ``names``: the run's ``FolderNames``)."""
    found = media_found(folder, out_dir, names, unreadable)
    return [path for path in found if not is_supported_video(path)]
