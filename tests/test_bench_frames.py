"""bench/inference.py --frames, which a GPU session runs for the film figures (tools/
gpu_checks.py): it runs from a checkout, prints one JSON object with a figure for every size,
and its parts add up. Nothing here is timed."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_frames_benchmark_prints_every_size_with_its_stages(tiny_model_file: Path):
    done = subprocess.run(
        [sys.executable, "bench/inference.py", "--model", str(tiny_model_file),
         "--frames", "48x32", "64x40", "--repeats", "1", "--device", "cpu"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    assert figures["device"] == "cpu" and figures["half_precision"] is False
    for size, output in (("48x32", "192x128"), ("64x40", "256x160")):
        frames = figures[size]
        assert frames["output"] == output and frames["batch"] == 1  # batches on CUDA only
        assert frames["frames_per_second"] > 0 and frames["network_alone_frames_per_second"] > 0
        assert set(frames["stage_seconds_per_batch"]) == {"upload", "network", "download"}
        assert frames["peak_device_memory_gib"] is None
