"""Frame patterns written with hashes, one a digit (``frame_######.dpx``), as compositing and
grading suites write them, name frames as printf's ``%06d`` does, on the way in and out."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.video.sequence import is_frame_pattern, named_frames, sequence_name


@pytest.mark.parametrize(
    ("pattern", "frame_12"),
    [
        ("out/f_####.dpx", "out/f_0012.dpx"),
        ("out/take.######.tif", "out/take.000012.tif"),
        ("out/#.png", "out/12.png"),  # one hash: the number as it is
        ("out/a#b_%04d.png", "out/a#b_0012.png"),  # printf's number first: the hash is text
    ],
)
def test_a_pattern_of_hashes_names_each_frame_as_printf_s_does(pattern, frame_12):
    assert named_frames(Path(pattern)).frame_file(12) == Path(frame_12)


@pytest.mark.parametrize("name", ["take #1 #2.png", "#100%.png", "no number.png"])
def test_a_name_of_two_runs_of_hashes_or_a_bare_percent_sign_is_no_pattern(name):
    assert named_frames(Path(name)) is None


def test_a_file_whose_name_holds_a_hash_is_that_file(tmp_path):
    photo = tmp_path / "print #4.png"
    photo.write_bytes(b"")
    assert not is_frame_pattern(photo)
    assert is_frame_pattern(tmp_path / "print #.png")


def test_a_sequence_given_with_hashes_is_named_without_them():
    assert sequence_name(Path("scan/reel2_#######.dpx")) == "reel2"


def test_frames_read_and_written_by_hashed_patterns(tmp_path, tiny_model_file):
    scan = tmp_path / "scan"
    scan.mkdir()
    rng = np.random.default_rng(0)
    for number in (86401, 86402, 86403):
        frame = rng.integers(0, 256, (16, 24, 3), dtype=np.uint8)
        cv2.imwrite(str(scan / f"reel_{number:07d}.png"), frame)
    arguments = [scan / "reel_#######.png", "-o", tmp_path / "out" / "r.####.tif"]
    assert main(["restore-video", *map(str, arguments), "--model", str(tiny_model_file)]) == 0
    written = sorted(path.name for path in (tmp_path / "out").glob("*.tif"))
    assert written == ["r.86401.tif", "r.86402.tif", "r.86403.tif"]  # numbers kept, wider
