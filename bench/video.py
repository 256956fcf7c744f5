"""Film restoration speed: frames per second on a 480p clip, and where the time goes.

Run: ``python bench/video.py --json`` (the built-in model ``default``), or ``python
bench/video.py --json --model runs/models/faithful-x4.safetensors``; ``--size 1920x1080
--scale-out 2 --model faithful-x2 --device cuda`` for 2K to 4K. A clip (854x480 by default) at
24 fps is synthesised, restored through the whole pipeline (decoder thread, model, encoder thread,
segments, join) and timed. ``share_outside_model`` is the share of the wall time in which the
model was not running; with decoding and encoding overlapping the model it is small.
``busy_share_of_wall_time`` gives each stage's busy time (decode and encode run on their own
threads, beside the model, so the shares overlap; join comes after).
``pipeline_only_frames_per_second`` is the same pipeline with a model that only repeats pixels:
the most the pipeline itself could deliver. Prints JSON only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import project_path  # noqa: F401  (the checkout first on sys.path: see there)
import torch

# isort: split

from engine.devices import pick_device
from engine.errors import RekindleError
from engine.library.loading import open_model
from engine.pixels import PHOTO_GREY, GreyRule
from engine.progress import Progress
from engine.restorer import RestoreOptions, Restorer
from engine.video import VideoOptions, restore_video

SIZE, RATE = "854x480", 24


def moving_frames(width: int, height: int, count: int) -> Iterator[np.ndarray]:
    """A gradient moving 4 pixels a frame under fresh grain: content that keeps encoders
    honest (``bench/encoders.py`` encodes it too)."""
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x * 255 // width, y * 255 // height, (x + y) * 255 // (width + height)], 2)
    for index in range(count):
        grain = rng.integers(-20, 21, (height, width, 1))
        yield np.clip(np.roll(base, index * 4, axis=1) + grain, 0, 255).astype(np.uint8)


def synthesise_clip(path: Path, frames: int, width: int, height: int) -> Path:
    """``moving_frames`` as an H.264 clip at ``RATE``."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=RATE, options={"crf": "18"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index, pixels in enumerate(moving_frames(width, height, frames)):
            frame = av.VideoFrame.from_ndarray(pixels)
            frame.pts = index
            frame.time_base = Fraction(1, RATE)
            out.mux(stream.encode(frame.reformat(format="yuv420p")))
        out.mux(stream.encode(None))
    return path


class _PixelRepeater(Restorer):
    """Stands in for the model: the pipeline alone."""

    def enlarge(
        self,
        pixels: np.ndarray,
        scale_out: int | None = None,
        progress: Progress | None = None,
        tile: int = 0,
        ensemble: bool = False,
        grey: bool | GreyRule = PHOTO_GREY,
    ) -> np.ndarray:
        scale = scale_out or self.scale
        return np.repeat(np.repeat(pixels, scale, axis=-3), scale, axis=-2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--model", default="default", help="built-in name or model file")
    parser.add_argument("--frames", type=int, default=48)
    parser.add_argument("--size", default=SIZE, help="the clip's WIDTHxHEIGHT")
    parser.add_argument("--scale-out", type=int, choices=(2, 4))
    parser.add_argument("--codec", default="h264")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--tile", type=int, default=0)
    args = parser.parse_args()
    width, height = (int(side) for side in args.size.lower().split("x"))

    try:
        model = open_model(args.model)
    except RekindleError as error:
        print(f"error: {error}; pass --model PATH", file=sys.stderr)
        return 2
    device = pick_device(args.device)
    restorer = Restorer(model, device, args.tile)
    frames = RestoreOptions(scale_out=args.scale_out, tile=args.tile)
    options = VideoOptions(frames=frames, codec=args.codec)
    suffix = ".mov" if args.codec == "prores" else ".mkv" if args.codec == "ffv1" else ".mp4"
    with tempfile.TemporaryDirectory() as folder:
        clip = synthesise_clip(Path(folder) / "clip.mp4", args.frames, width, height)
        report = restore_video(restorer, clip, Path(folder) / f"model{suffix}", options)
        repeater = _PixelRepeater(model, device, args.tile)
        alone = restore_video(repeater, clip, Path(folder) / f"alone{suffix}", options)
    scale = args.scale_out or model.descriptor.scale
    result = {
        "machine": {"torch": torch.__version__, "threads": torch.get_num_threads()},
        "device": str(device),
        "clip": {"width": width, "height": height, "rate": RATE, "frames": args.frames},
        "model": {
            "name": model.descriptor.name,
            "scale": model.descriptor.scale,
            **model.descriptor.hparams,
        },
        "output": {"width": width * scale, "height": height * scale, "codec": args.codec},
        "tile": restorer.tile,
        "seconds": round(report.seconds, 2),
        "frames_per_second": round(report.frames_per_second, 3),
        "model_seconds": round(report.model_seconds, 2),
        "share_outside_model": round(1 - report.model_seconds / report.seconds, 3),
        "busy_share_of_wall_time": {
            stage: round(seconds / report.seconds, 3)
            for stage, seconds in (
                ("decode", report.decode_seconds),
                ("model", report.model_seconds),
                ("encode", report.encode_seconds),
                ("join", report.join_seconds),
            )
        },
        "pipeline_only_frames_per_second": round(alone.frames_per_second, 2),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
