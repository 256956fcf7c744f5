"""bench/fields.py: it puts pans of real photos on interlaced video three ways, and what it
prints follows how their frames were made whole. Nothing here is timed."""

import json
import shutil
import subprocess
import sys

from tests.bench_helpers import REPO
from tests.conftest import photo_path


def test_the_fields_benchmark_shows_film_frames_matched_and_video_deinterlaced(tmp_path):
    shutil.copy(photo_path(0), tmp_path / "0.png")
    done = subprocess.run(
        [sys.executable, "bench/fields.py", "--json", "--hr-dir", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    telecine, whole, video = figures["telecine"], figures["2:2"], figures["video"]
    assert telecine["told_right"] == whole["told_right"] == video["told_right"] == 1
    assert telecine["rekindle_psnr"] > telecine["bwdif_psnr"] + 5
    assert telecine["stored_combing"] > 1.2 > telecine["rekindle_combing"]
    assert whole["rekindle_psnr"] == whole["stored_psnr"] > whole["bwdif_psnr"] + 5
    assert video["rekindle_combing"] == video["bwdif_combing"] < 0.5 * video["stored_combing"]
