"""bench/grain.py: it makes grainy pans of real photos, and what it prints follows what the
calming did. Nothing here is timed."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import photo_path

REPO = Path(__file__).resolve().parents[1]


def test_the_grain_benchmark_shows_less_grain_and_the_picture_kept(tmp_path):
    shutil.copy(photo_path(0), tmp_path / "0.png")
    done = subprocess.run(
        [sys.executable, "bench/grain.py", "--json", "--hr-dir", str(tmp_path),
         "--sizes", "96x64", "--repeats", "1"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    assert figures["grain_after"] < 0.7 * figures["grain_before"]
    assert figures["calmed_psnr"] > figures["grainy_psnr"] > figures["blurred_psnr"] - 5
    assert set(figures["ms_per_frame"]) == {"96x64"}
