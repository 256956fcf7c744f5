"""bench/encoders.py, which a GPU session runs to see which codec keeps up with the GPU: it
runs from a checkout and prints a figure for every codec asked. Nothing here is timed."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_encoders_benchmark_prints_every_codec_asked():
    done = subprocess.run(
        [sys.executable, "bench/encoders.py", "--json", "--size", "64x48", "--frames", "3",
         "--codecs", "h264", "ffv1", "--presets", "veryfast"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    assert figures["size"] == "64x48"
    assert set(figures["codecs"]) == {"h264", "ffv1", "h264 veryfast"}  # FFV1 has no presets
    for codec in figures["codecs"].values():
        assert codec["frames_per_second"] > 0 and codec["megabytes"] >= 0
