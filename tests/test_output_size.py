"""Output sizes: a scale, a long side or a print size, met exactly; sizes a format cannot hold
refused before the work, and very large ones warned about."""

import cv2
import numpy as np
import pytest
import torch
from PIL import Image

from engine import output_size
from engine.cli import main
from engine.errors import RekindleError
from engine.imageio import Picture, read_picture
from engine.library.loading import load_model
from engine.output_size import OutputSize, check_size, parse_print_size, whole_scale
from engine.restorer import RestoreOptions, Restorer
from tests.conftest import photo_path


def test_a_long_side_keeps_the_shape():
    assert OutputSize(long_side=6000).fits(4000, 3000) == (6000, 4500)
    assert OutputSize(long_side=6000).fits(3000, 4000) == (4500, 6000)
    assert OutputSize().fits(4000, 3000) is None


def test_a_print_size_fills_the_print_either_way_round():
    a4ish = OutputSize(print_mm=(200.0, 300.0), dpi=300)  # 2362 x 3543 px
    assert a4ish.fits(300, 200) == (3543, 2362)  # landscape photo, the print turned to match
    assert a4ish.fits(200, 300) == (2362, 3543)
    assert a4ish.fits(100, 100) == (2362, 2362)  # a square fills the short side


def test_print_sizes_are_read_in_cm_mm_and_inches():
    assert parse_print_size("20x30cm") == (200.0, 300.0)
    assert parse_print_size("8 x 10 in") == (203.2, 254.0)
    assert parse_print_size("130×180mm") == (130.0, 180.0)
    with pytest.raises(RekindleError, match="is not a print size"):
        parse_print_size("20x30")


def test_the_model_enlarges_to_the_smallest_whole_scale_that_reaches():
    assert whole_scale(100, 80, (150, 120)) == 2
    assert whole_scale(100, 80, (400, 320)) == 4
    assert whole_scale(100, 80, (50, 40)) == 1


def test_sizes_a_format_cannot_hold_are_refused_and_large_ones_warned():
    with pytest.raises(RekindleError, match=r"larger than \.jpg can hold"):
        check_size(70_000, 1_000, ".jpg", "a.jpg")
    with pytest.raises(RekindleError, match=r"larger than \.webp can hold"):
        check_size(16_384, 10, ".WEBP", "a.webp")
    assert "254 MP" in check_size(19_500, 13_000, ".png", "a.png")
    assert check_size(6_000, 4_000, ".jpg", "a.jpg") is None


def test_the_restorer_meets_a_size_exactly(tiny_model_file, rng):
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"))
    picture = Picture(rng.integers(0, 256, (30, 40, 3), dtype=np.uint8), None, None, None, "png")
    for size, expected in [
        (OutputSize(long_side=100), (75, 100)),
        (OutputSize(long_side=30), (22, 30)),  # smaller than the picture: reduced
        (OutputSize(print_mm=(25.4, 25.4), dpi=90), (68, 90)),
    ]:
        restored = restorer.restore(picture, RestoreOptions(size=size))
        assert restored.pixels.shape[:2] == expected


def _photo(folder, name="p.png", side=(48, 32)):
    folder.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(folder / name), cv2.resize(cv2.imread(str(photo_path(0))), side))
    return folder / name


def test_the_command_restores_to_a_long_side_or_a_print(tmp_path, tiny_model_file):
    source = _photo(tmp_path / "in")
    model = ["--model", str(tiny_model_file)]
    assert (
        main(["restore", str(source), "-o", str(tmp_path / "a"), "--long-side", "100", *model]) == 0
    )
    assert read_picture(tmp_path / "a" / "p.png").pixels.shape == (67, 100, 3)
    printed = ["--print-size", "1x1in", "--dpi", "120"]
    assert main(["restore", str(source), "-o", str(tmp_path / "b"), *printed, *model]) == 0
    assert read_picture(tmp_path / "b" / "p.png").pixels.shape == (80, 120, 3)
    with Image.open(tmp_path / "b" / "p.png") as printed_file:  # it prints 1 inch long
        assert printed_file.info["dpi"] == pytest.approx((120, 120), abs=0.05)  # per metre
    with Image.open(tmp_path / "a" / "p.png") as sized_file:  # no print asked: none said
        assert "dpi" not in sized_file.info


def test_the_command_refuses_before_the_work_and_warns(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    source = _photo(tmp_path / "in")
    monkeypatch.setitem(output_size.MAX_SIDE, ".jpg", 100)  # a 4x result of 48 px is 192
    monkeypatch.setattr(output_size, "LARGE_MEGAPIXELS", 0.01)
    ran = []
    monkeypatch.setattr(Restorer, "restore", lambda *args: ran.append(args))
    model = ["--model", str(tiny_model_file)]
    assert main(["restore", str(source), "-o", str(tmp_path / "j"), "--format", "jpg", *model]) == 1
    err = capsys.readouterr().err
    assert "failed: p.png: 192x128 is larger than .jpg can hold (100 px a side)" in err
    assert ran == [] and not (tmp_path / "j" / "p.jpg").exists()
    monkeypatch.undo()
    monkeypatch.setattr(output_size, "LARGE_MEGAPIXELS", 0.01)
    assert main(["restore", str(source), "-o", str(tmp_path / "p"), *model]) == 0
    assert (
        "warning: p.png will be 192x128 (0 MP): many viewers cannot open" in capsys.readouterr().err
    )
