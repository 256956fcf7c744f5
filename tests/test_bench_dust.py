"""bench/dust.py: it plants dirt on real photos, and what it prints follows what the cleaner
did. Nothing here is timed."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import photo_path

REPO = Path(__file__).resolve().parents[1]


def test_the_dust_benchmark_finds_most_planted_dirt_and_touches_little_else(tmp_path):
    for index in range(2):
        shutil.copy(photo_path(index), tmp_path / f"{index}.png")
    done = subprocess.run(
        [sys.executable, "bench/dust.py", "--json", "--hr-dir", str(tmp_path),
         "--sizes", "96x64", "--repeats", "1"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    assert figures["photos"] == 2
    assert figures["spots_filled"] > 0.6
    assert figures["touched_elsewhere_percent"] < 0.5
    assert figures["cleaned_psnr"] > figures["dirty_psnr"] + 3
    assert set(figures["ms_per_frame"]) == {"96x64"}
