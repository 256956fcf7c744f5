"""``turn`` refuses to write a folder's turned copies into that folder itself, among its
photos, where a run again would turn its own copies (as ``restore`` and ``split`` refuse
it); a folder beside or inside, and a photo given by name, are written as before."""

from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.imageio import Picture, write_picture


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "tu"
    for name in ("k0.png", "k9.png"):
        pixels = np.zeros((20, 30, 3), np.uint8)
        write_picture(Picture(pixels, None, None, None, "png"), folder / name)
    return folder


def test_a_folder_turned_into_itself_is_refused_and_nothing_written(photos, capsys):
    assert main(["turn", "--right", str(photos), "-o", str(photos)]) == 2
    assert f"the results of {photos} would go into {photos} itself" in capsys.readouterr().err
    assert sorted(p.name for p in photos.iterdir()) == ["k0.png", "k9.png"]


def test_an_output_folder_inside_is_left_out_of_the_next_run(photos):
    out = photos / "turned"
    command = ["turn", "--right", str(photos), "-o", str(out)]
    assert main(command) == 0
    assert main(command) == 0  # the copies are not turned again
    assert sorted(p.name for p in out.iterdir()) == [
        "k0 turned (2).png",
        "k0 turned.png",
        "k9 turned (2).png",
        "k9 turned.png",
    ]


def test_a_photo_named_is_turned_beside_itself(photos):
    assert main(["turn", "--left", str(photos / "k0.png"), "-o", str(photos)]) == 0
    assert (photos / "k0 turned.png").is_file()
