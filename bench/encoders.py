"""Film encoding speed: frames per second of each output codec, encoding the way the film path
does (``engine.video.encoder.SegmentEncoder`` with the codec's own settings), on this CPU.

Run: ``python bench/encoders.py --json`` (4K, every codec this PyAV can write), or
``--size 1920x1080 --frames 48 --codecs h264 ffv1``. On a GPU machine the network restores a
4K film faster than some encoders can write it: this says which codec keeps up, beside
``bench/video.py``'s whole pipeline. ``--presets veryfast`` adds H.264 and H.265 with those
x264/x265 presets instead of their default (medium): what a faster encoding choice would gain,
and what it would cost in size. The frames are a moving gradient with grain (the content
sets the bit rate, so sizes are only comparable within one run). Prints JSON only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np

# ``python bench/encoders.py`` from a checkout that is not installed (a GPU machine): the
# checkout's root goes first on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from video import moving_frames  # bench/video.py, beside this script

from engine.video.codecs import CODECS, available_codecs, container_format
from engine.video.encoder import EncodePlan, SegmentEncoder

RATE = Fraction(24)
BT709 = 1
"""FFmpeg's code for BT.709 primaries, transfer and matrix (and limited range is 1 too)."""


PRESET_CODECS = ("h264", "h265")
"""The codecs whose encoders take an x264/x265 speed preset."""


def encode_speed(
    codec: str, pictures: list[np.ndarray], folder: Path, preset: str | None = None
) -> dict[str, float]:
    """Frames per second writing ``pictures`` with ``codec`` (at ``preset``, else its own
    settings), and the file's size."""
    chosen = CODECS[codec]
    if preset is not None:
        chosen = replace(chosen, options={**chosen.options, "preset": preset})
    height, width = pictures[0].shape[:2]
    target = folder / f"{codec}-{preset}{chosen.suffixes[0]}"
    plan = EncodePlan(
        codec=chosen,
        container=container_format(target),
        pix_fmt=chosen.pix_fmt,
        width=width,
        height=height,
        rate=RATE,
        time_base=1 / RATE,
        sample_aspect_ratio=None,
        color_range=1,
        colorspace=BT709,
        color_primaries=BT709,
        color_trc=BT709,
        crf=chosen.default_crf,
    )
    started = time.perf_counter()
    encoder = SegmentEncoder(target, plan)
    for index, picture in enumerate(pictures):
        encoder.add(picture, index)
    encoder.finish()
    seconds = time.perf_counter() - started
    return {
        "frames_per_second": round(len(pictures) / seconds, 2),
        "megabytes": round(target.stat().st_size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--size", default="3840x2160", help="WIDTHxHEIGHT of the frames")
    parser.add_argument("--frames", type=int, default=24)
    parser.add_argument("--codecs", nargs="+", choices=sorted(CODECS), help="default: all")
    parser.add_argument(
        "--presets", nargs="+", default=[], help="also H.264 and H.265 at these presets"
    )
    args = parser.parse_args()
    width, height = (int(side) for side in args.size.lower().split("x"))
    pictures = list(moving_frames(width, height, args.frames))
    codecs = args.codecs or available_codecs()
    runs = [(codec, None) for codec in codecs]
    runs += [(c, preset) for preset in args.presets for c in codecs if c in PRESET_CODECS]
    with tempfile.TemporaryDirectory() as folder:
        speeds = {
            codec if preset is None else f"{codec} {preset}": encode_speed(
                codec, pictures, Path(folder), preset
            )
            for codec, preset in runs
        }
    result = {
        "size": args.size,
        "frames": args.frames,
        "cpu_count": os.cpu_count(),
        "codecs": speeds,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
