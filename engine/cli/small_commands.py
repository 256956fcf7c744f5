"""The commands of one step each: ``find-spots``, ``compare``, ``info`` and ``devices``."""

from __future__ import annotations

import argparse
import json
import shlex
import sys

import torch

from engine.comparison import write_comparison
from engine.devices import device_statuses
from engine.imageio import read_picture
from engine.library.command import description
from engine.library.loading import open_model
from engine.preflight import require_inputs
from engine.retouch.find import find_spots
from engine.retouch.marks import count_places, write_marks


def run_find_spots(args: argparse.Namespace) -> int:
    """Write the marks ``find_spots`` makes for the photo into ``--out`` (a taken name gives
    "name (2)"), and say how many places it marked."""
    require_inputs([args.input])
    if args.out.suffix.lower() != ".png":
        print("error: marks are written as a .png", file=sys.stderr)
        return 2
    picture = read_picture(args.input)
    marks = find_spots(picture.pixels)
    places = count_places(marks)
    written = write_marks(args.out, marks, forbid=[args.input], replace=False)
    print(
        f"{written}: {places} place{'s' * (places != 1)} marked on {args.input.name}; look them "
        f"over, then: python -m engine restore {shlex.quote(str(args.input))} "
        f"--marks {shlex.quote(str(written))} -o FOLDER"
    )
    return 0


def run_compare(args: argparse.Namespace) -> int:
    require_inputs([args.original, args.result])
    if not 0.0 <= args.split <= 1.0:
        print("error: --split is a share of the width, from 0 to 1", file=sys.stderr)
        return 2
    longest = args.long_side or None
    written = write_comparison(args.original, args.result, args.out, args.split, longest)
    print(f"{written}: {args.original.name} left of the line, {args.result.name} right of it")
    return 0


def run_info(args: argparse.Namespace) -> int:
    print(json.dumps(description(open_model(args.model)), indent=2))
    return 0


def run_devices() -> int:
    for status in device_statuses():
        state = "available" if status.available else f"unavailable: {status.reason}"
        hardware = f" ({status.hardware})" if status.hardware else ""
        print(f"{status.name:5} {state}{hardware}")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads")
    return 0
