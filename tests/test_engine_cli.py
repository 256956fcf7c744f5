"""``python -m engine`` end to end on real photos, bad files included."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.imageio import read_picture
from tests.conftest import photo_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def photo_folder(tmp_path):
    """Two real photos (shrunk, to keep the test fast) in a nested folder plus bad files."""
    import cv2

    folder = tmp_path / "album"
    (folder / "nested").mkdir(parents=True)
    for index, target in enumerate([folder / "a.png", folder / "nested" / "b.jpg"]):
        image = cv2.imread(str(photo_path(index)))
        small = cv2.resize(image, (96, 64), interpolation=cv2.INTER_AREA)
        cv2.imwrite(str(target), small)
    jpeg = (folder / "nested" / "b.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.png").write_text("this is text, not a picture")
    return folder


def test_restore_folder_keeps_structure_and_reports_bad_files(
    photo_folder, tmp_path, tiny_model_file, capsys
):
    before = {p: p.read_bytes() for p in photo_folder.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    code = main(["restore", str(photo_folder), "-o", str(out), "--model", str(tiny_model_file)])
    captured = capsys.readouterr()
    assert code == 1  # some files failed
    assert (out / "album" / "a.png").is_file()
    assert (out / "album" / "nested" / "b.jpg").is_file()
    assert read_picture(out / "album" / "a.png").pixels.shape == (256, 384, 3)
    failures = [line for line in captured.err.splitlines() if line.startswith("failed:")]
    assert len(failures) == 3
    assert any("truncated.jpg" in f for f in failures)
    assert any("empty.png" in f and "empty" in f for f in failures)
    assert any("notes.png" in f for f in failures)
    assert "2 restored, 3 failed" in captured.out
    assert {p: p.read_bytes() for p in photo_folder.rglob("*") if p.is_file()} == before


def test_restore_format_scale_and_no_clobbering(photo_folder, tmp_path, tiny_model_file):
    out = tmp_path / "out"
    args = [
        "restore",
        str(photo_folder / "a.png"),
        "-o",
        str(out),
        "--model",
        str(tiny_model_file),
        "--format",
        "tif",
        "--scale-out",
        "2",
        "--tile",
        "16",
    ]
    assert main(args) == 0
    assert main(args) == 0
    first, second = out / "a.tif", out / "a (2).tif"
    assert read_picture(first).pixels.shape == (128, 192, 3)
    assert second.is_file()


def test_output_into_the_input_folder_never_touches_the_original(tmp_path, tiny_model_file):
    source = tmp_path / "photo.png"
    shutil.copy(photo_path(3), source)
    original = source.read_bytes()
    assert (
        main(
            [
                "restore",
                str(source),
                "-o",
                str(tmp_path),
                "--model",
                str(tiny_model_file),
                "--scale-out",
                "1",
            ]
        )
        == 0
    )
    assert source.read_bytes() == original
    assert (tmp_path / "photo (2).png").is_file()


def test_info_prints_metadata(tiny_model_file, capsys):
    assert main(["info", str(tiny_model_file)]) == 0
    described = json.loads(capsys.readouterr().out)
    assert described["scale"] == 4 and described["display_name"] == "Tiny"
    assert described["parameters"] > 0


def test_info_on_a_bad_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "x.safetensors"
    bad.write_text("nope")
    assert main(["info", str(bad)]) == 2
    assert "x.safetensors: not a readable model file" in capsys.readouterr().err


def test_python_dash_m_engine_runs(tmp_path, tiny_model_file):
    result = subprocess.run(
        [sys.executable, "-m", "engine", "devices"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "cpu   available" in result.stdout


def test_restored_photo_resembles_the_original(tmp_path, tiny_model_file):
    """Even a tiny random model starts as bicubic: the result shrunk back matches the photo."""
    import cv2

    source = tmp_path / "p.png"
    image = cv2.resize(cv2.imread(str(photo_path(5))), (120, 80), interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(source), image)
    assert (
        main(["restore", str(source), "-o", str(tmp_path / "o"), "--model", str(tiny_model_file)])
        == 0
    )
    restored = cv2.imread(str(tmp_path / "o" / "p.png"))
    shrunk = cv2.resize(restored, (120, 80), interpolation=cv2.INTER_AREA)
    assert np.abs(shrunk.astype(int) - image.astype(int)).mean() < 6
