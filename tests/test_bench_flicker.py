"""bench/flicker.py: it makes flickering pans of real photos, and what it prints follows what
the steadying did. Nothing here is timed."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import photo_path

REPO = Path(__file__).resolve().parents[1]


def test_the_flicker_benchmark_shows_the_flicker_calmed(tmp_path):
    for index in range(2):
        shutil.copy(photo_path(index), tmp_path / f"{index}.png")
    done = subprocess.run(
        [sys.executable, "bench/flicker.py", "--json", "--hr-dir", str(tmp_path),
         "--sizes", "96x64", "--repeats", "1"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    assert figures["photos"] == 2
    assert figures["steadied_change"] < 0.4 * figures["flickering_change"]
    assert figures["steadied_psnr"] > figures["flickering_psnr"]
    assert set(figures["ms_per_frame"]) == {"96x64"}
