"""The commands of one step each: ``find-spots``, ``compare``, ``info`` and ``devices``."""

from __future__ import annotations

import argparse
import json
import shlex

import torch

from engine.command_lines import command_name
from engine.comparison import write_comparison
from engine.console import cannot_go_on
from engine.devices import device_statuses
from engine.imageio import read_picture
from engine.library.command import description
from engine.library.loading import open_model
from engine.media import is_supported_video
from engine.preflight import require_inputs
from engine.retouch.find import find_spots
from engine.retouch.marks import count_places, write_marks
from engine.video.sequence import names_sequence
from engine.words import plural, say


def run_find_spots(args: argparse.Namespace) -> int:
    """Write the marks ``find_spots`` makes for the photo into ``--out`` (a taken name gives
    "name (2)"), and say how many places it marked."""
    require_inputs([args.input])
    if is_supported_video(args.input) or names_sequence(args.input):
        return cannot_go_on(
            say(
                "find-spots looks at photos; a film's dust and dirt: restore-video "
                "--remove-dust, and what stays put on every frame: restore-video --marks PNG"
            )
        )
    if args.out.suffix.lower() != ".png":
        return cannot_go_on(say("marks are written as a .png"))
    picture = read_picture(args.input)
    marks = find_spots(picture.pixels)
    places = count_places(marks)
    written = write_marks(args.out, marks, forbid=[args.input], replace=False)
    command = (
        f"{command_name('engine')} restore {shlex.quote(str(args.input))} "
        f"--marks {shlex.quote(str(written))} -o FOLDER"
    )
    fields = {"path": written, "count": places, "name": args.input.name, "command": command}
    print(
        plural(
            places,
            say(
                "{path}: {count} place marked on {name}; look them over, then: {command}", **fields
            ),
            say(
                "{path}: {count} places marked on {name}; look them over, then: {command}", **fields
            ),
        )
    )
    return 0


def run_compare(args: argparse.Namespace) -> int:
    require_inputs([args.original, args.result])
    if not 0.0 <= args.split <= 1.0:
        return cannot_go_on(say("--split is a share of the width, from 0 to 1"))
    longest = args.long_side or None
    written = write_comparison(args.original, args.result, args.out, args.split, longest)
    print(
        say(
            "{path}: {original} left of the line, {result} right of it",
            path=written,
            original=args.original.name,
            result=args.result.name,
        )
    )
    return 0


def run_info(args: argparse.Namespace) -> int:
    print(json.dumps(description(open_model(args.model)), indent=2))
    return 0


def run_devices() -> int:
    for status in device_statuses():
        if status.available:
            state = say("available")
        else:
            state = say("unavailable: {reason}", reason=status.reason)
        if status.hardware:
            state = say("{state} ({hardware})", state=state, hardware=status.hardware)
        print(say("{device:5} {state}", device=status.name, state=state))
    threads = torch.get_num_threads()
    print(say("torch {version}, {threads} CPU threads", version=torch.__version__, threads=threads))
    return 0
