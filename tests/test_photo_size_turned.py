"""A photo stored on its side with an orientation tag is restored upright, so its size as a
batch judges it (marks drawn on it, the size asked of its result, a run again) is the upright
one: Pillow gives a TIFF's upright already and a JPEG's or PNG's as stored, and neither may be
turned twice."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from engine.batch import photo_size
from engine.cli import main
from engine.imageio import read_picture

STORED = (300, 500, 3)  # rows, columns: stored 500 wide and 300 high, shown 300 by 500


def _sideways(path: Path) -> Path:
    pixels = (np.random.default_rng(0).random(STORED) * 255).astype(np.uint8)
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter clockwise to be shown
    Image.fromarray(pixels).save(path, exif=exif.tobytes())
    return path


@pytest.mark.parametrize("suffix", [".tif", ".jpg", ".png"])
def test_a_photo_stored_on_its_side_has_its_upright_size(tmp_path, suffix):
    photo = _sideways(tmp_path / f"side{suffix}")
    height, width = read_picture(photo).pixels.shape[:2]
    assert photo_size(photo) == (width, height) == (300, 500)


def test_the_marks_find_spots_writes_for_a_sideways_tiff_are_taken(
    tmp_path, tiny_model_file, capsys
):
    photo = _sideways(tmp_path / "side.tif")
    marks = tmp_path / "marks.png"
    assert main(["find-spots", str(photo), "-o", str(marks)]) == 0
    run = ["restore", str(photo), "--marks", str(marks), "--model", str(tiny_model_file)]
    assert main([*run, "-o", str(tmp_path / "out"), "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "1 to restore, 0 would fail" in said


def test_a_sideways_tiff_restored_again_to_a_size_is_skipped(tmp_path, tiny_model_file, capsys):
    photo = _sideways(tmp_path / "side.tif")
    run = ["restore", str(photo), "-o", str(tmp_path / "out"), "--long-side", "800"]
    for _ in range(2):
        assert main([*run, "--model", str(tiny_model_file)]) == 0
    assert "1 skipped" in capsys.readouterr().out
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["side.tif"]


def test_a_pngs_size_is_read_without_decoding_its_pixels(tmp_path, monkeypatch):
    """Seen before: for a PNG without EXIF before its pixels, Pillow decoded the whole
    picture looking for one after them (0.5 s a 12 MP photo, for each result a re-run
    checks)."""
    photo = tmp_path / "plain.png"
    Image.fromarray(np.zeros((30, 50, 3), np.uint8)).save(photo)

    def decoded(_image):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", decoded)
    assert photo_size(photo) == (50, 30)
