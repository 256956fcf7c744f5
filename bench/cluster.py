"""Restoring one film on a Ray cluster of one worker and of two, on this machine, against the
same film on one machine without Ray: seconds, speed-up and where the time went.

Run: ``python bench/cluster.py --json`` (the 1906 film in ../shared/data/video with the
built-in model, losslessly, in segments of 10 frames). ``start_seconds`` is the time to start
the local cluster; ``restore_seconds`` the rest (workers loading the model, the segments,
recording and joining them); ``model_seconds`` the workers' time in the model, added up, and
``workers_in_model`` its share of the workers' time. ``differing_values`` counts the pixel
values of the film that differ from the one-machine run's (``largest_difference``: by how
many levels): 0 where the workers compute as that run did (the same threads). Needs
rekindle[cluster]. Prints JSON only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np
import torch

from engine.chain import ModelRequest, open_chain
from engine.cluster.connect import open_cluster
from engine.cluster.films import restore_films
from engine.cluster.shipping import pack_setup
from engine.devices import pick_device
from engine.errors import RekindleError
from engine.progress import silent
from engine.restorer import Restorer
from engine.video import VideoOptions, restore_video

FILM = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "video" / "market_street_1906_60f.mp4"
)


def _frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def _on_cluster(
    workers: int, args: argparse.Namespace, options: VideoOptions, target: Path
) -> dict[str, object]:
    began = time.perf_counter()
    with open_cluster(f"local:{workers}") as cluster:
        started = time.perf_counter()
        setup = pack_setup(ModelRequest(args.model), device="auto", tile=0, threads=cluster.threads)
        restorer = Restorer(open_chain(args.model), torch.device("cpu"))
        run = restore_films(cluster, setup, restorer, [(args.film, target)], options, silent())
        restore = time.perf_counter() - started
    (film,) = run.films
    return {
        "workers": workers,
        "threads_per_worker": cluster.threads,
        "start_seconds": round(started - began, 2),
        "restore_seconds": round(restore, 2),
        "model_seconds": round(film.model_seconds, 2),
        "workers_in_model": round(film.model_seconds / (workers * restore), 3),
        "segments_per_worker": sorted(tally.segments for tally in run.workers.values()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--film", type=Path, default=FILM)
    parser.add_argument("--model", default="default", help="built-in name or model file")
    parser.add_argument("--segment-frames", type=int, default=10)
    args = parser.parse_args()

    options = VideoOptions(codec="ffv1", segment_frames=args.segment_frames)
    try:
        restorer = Restorer(open_chain(args.model), pick_device("auto"))
        with tempfile.TemporaryDirectory() as folder:
            alone = restore_video(restorer, args.film, Path(folder) / "alone.mkv", options)
            expected = _frames(alone.target)
            runs = []
            for workers in (1, 2):
                target = Path(folder) / f"cluster{workers}.mkv"
                run = _on_cluster(workers, args, options, target)
                differences = [
                    np.abs(a.astype(np.int16) - b)
                    for a, b in zip(_frames(target), expected, strict=True)
                ]
                run["differing_values"] = int(sum(np.count_nonzero(d) for d in differences))
                run["largest_difference"] = int(max(d.max() for d in differences))
                runs.append(run)
    except RekindleError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    one, two = runs
    result = {
        "machine": {"cpus": os.cpu_count(), "torch": torch.__version__},
        "film": {"name": args.film.name, "frames": alone.frames},
        "model": args.model,
        "segment_frames": args.segment_frames,
        "one_machine": {
            "threads": torch.get_num_threads(),
            "seconds": round(alone.seconds, 2),
            "model_seconds": round(alone.model_seconds, 2),
        },
        "one_worker": one,
        "two_workers": two,
        "speed_up_two_workers_over_one": round(
            float(one["restore_seconds"]) / float(two["restore_seconds"]), 2
        ),
        "speed_up_two_workers_over_one_machine": round(
            alone.seconds / float(two["restore_seconds"]), 2
        ),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
