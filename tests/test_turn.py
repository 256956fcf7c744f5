"""Turning photos (engine/turn.py): a quarter turn either way or a half, the photo only read,
the copy in a format that keeps every pixel, and from the command line."""

import os
import signal
from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.cli import photo_by_photo as cli_photo_by_photo
from engine.console import INTERRUPTED
from engine.file_names import NAME_MAX
from engine.imageio import Picture, read_picture, write_picture
from engine.turn import turn_file, turned


def _photo(alpha: bool = False) -> Picture:
    pixels = np.zeros((20, 30, 3), np.uint8)
    pixels[0, 0] = (255, 0, 0)  # a red top-left corner
    pixels[0, -1] = (0, 255, 0)  # a green top-right one
    return Picture(pixels, np.full((20, 30), 200, np.uint8) if alpha else None, None, None, "png")


@pytest.mark.parametrize(
    ("turns", "size", "red"),
    [
        (1, (30, 20), (0, 19)),
        (-1, (30, 20), (29, 0)),
        (2, (20, 30), (19, 29)),
        (4, (20, 30), (0, 0)),
    ],
)
def test_a_turn_moves_the_corners_the_way_asked(turns, size, red):
    picture = turned(_photo(alpha=True), turns)
    assert picture.pixels.shape[:2] == size and picture.alpha.shape == size
    assert tuple(picture.pixels[red]) == (255, 0, 0)


def test_clockwise_brings_the_top_right_corner_down(tmp_path):
    assert tuple(turned(_photo(), 1).pixels[-1, -1]) == (0, 255, 0)


def test_the_copy_keeps_every_pixel_and_the_photo_is_untouched(tmp_path):
    picture = _photo()
    jpeg = write_picture(picture, tmp_path / "scan.jpg")
    png = write_picture(picture, tmp_path / "scan.png")
    kept = jpeg.read_bytes(), png.read_bytes()
    out = tmp_path / "out"
    from_jpeg = turn_file(jpeg, 1, out)
    assert from_jpeg == out / "scan turned.png"  # a JPEG written again would lose more
    np.testing.assert_array_equal(
        read_picture(from_jpeg).pixels, turned(read_picture(jpeg), 1).pixels
    )
    assert turn_file(png, -1, out).name == "scan turned (2).png"  # never over a file
    again = turn_file(from_jpeg, 1, out)  # a copy turned again: no "turned turned"
    assert again.name == "scan turned (3).png"
    np.testing.assert_array_equal(read_picture(again).pixels, turned(read_picture(jpeg), 2).pixels)
    assert (jpeg.read_bytes(), png.read_bytes()) == kept
    tiff = turn_file(write_picture(picture, tmp_path / "deep.tif"), 2, out)
    assert tiff.suffix == ".tif"


def test_a_photo_whose_name_fills_a_file_name_is_turned_under_a_name_that_fits(tmp_path):
    photo = write_picture(_photo(), tmp_path / f"{'é' * 125}x.png")  # 255 bytes
    out = tmp_path / "out"
    first = turn_file(photo, 1, out)
    again = turn_file(first, 1, out)  # turned again: the same name, numbered
    assert first.name.endswith(" turned.png") and again.name.endswith(" turned (2).png")
    assert again.name.removesuffix(" turned (2).png") == first.name.removesuffix(" turned.png")
    assert all(len(os.fsencode(p.name)) <= NAME_MAX for p in (first, again))


def test_the_command_line_turns_photos_and_goes_on_past_a_bad_one(tmp_path, capsys):
    good = write_picture(_photo(), tmp_path / "in" / "good.png")
    (tmp_path / "in" / "bad.png").write_bytes(b"not a photo")
    out = tmp_path / "out"
    assert main(["turn", str(tmp_path / "in"), "--right", "-o", str(out)]) == 1
    said = capsys.readouterr()
    assert (
        f"{Path('in', 'good.png')}:" in said.out and f"failed: {Path('in', 'bad.png')}" in said.err
    )
    assert read_picture(out / "good turned.png").pixels.shape == (30, 20, 3)
    assert good.exists()
    with pytest.raises(SystemExit):
        main(["turn", str(good), "-o", str(out)])  # which way is not said


def test_ctrl_c_stops_turning_before_the_next_photo(tmp_path, capsys, monkeypatch):
    for name in ("a.png", "b.png"):
        write_picture(_photo(), tmp_path / "in" / name)
    real = cli_photo_by_photo.turn_file

    def turn_then_press_ctrl_c(photo, turns, out):
        os.kill(os.getpid(), signal.SIGINT)  # as the person does, during the first photo
        return real(photo, turns, out)

    monkeypatch.setattr(cli_photo_by_photo, "turn_file", turn_then_press_ctrl_c)
    out = tmp_path / "out"
    assert main(["turn", str(tmp_path / "in"), "--right", "-o", str(out)]) == INTERRUPTED
    assert "stopped before the end" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["a turned.png"]
