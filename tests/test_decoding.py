"""A TIFF of several pages (a print's front and back): its first page is restored, and a note
says the others were left out; a reduced copy of a page (a thumbnail) or a mask is no page."""

import numpy as np
import pytest
import tifffile

from engine.cli import main
from engine.decoding import other_pages_note, tiff_pages
from engine.imageio import Picture, read_picture, write_picture


@pytest.fixture
def front(rng) -> np.ndarray:
    return rng.integers(0, 256, (24, 32, 3), dtype=np.uint8)


def test_a_tiff_of_two_pages_gives_its_first_and_a_note_about_the_other(tmp_path, front):
    path = tmp_path / "front_back.tif"
    tifffile.imwrite(path, np.stack([front, 255 - front]), photometric="rgb")
    np.testing.assert_array_equal(read_picture(path).pixels, front)
    note = "front_back.tif has 2 pages; only the first is restored"
    assert other_pages_note(path, "front_back.tif") == note
    assert other_pages_note(path.read_bytes(), "front_back.tif") == note  # a cluster's worker


def test_thumbnails_and_masks_are_no_pages(tmp_path, front):
    path = tmp_path / "scan.tif"
    tifffile.imwrite(path, front, photometric="rgb")
    tifffile.imwrite(path, front[::4, ::4], photometric="rgb", append=True, subfiletype=1)
    tifffile.imwrite(path, np.zeros((24, 32), bool), append=True, subfiletype=4)
    assert tiff_pages(path) == 1
    assert other_pages_note(path, "scan.tif") is None


def test_other_files_have_one_page(tmp_path, front):
    png = write_picture(Picture(front, None, None, None, "png"), tmp_path / "a.png")
    single = tmp_path / "b.tif"
    tifffile.imwrite(single, front, photometric="rgb")
    assert [tiff_pages(png), tiff_pages(single), tiff_pages(b"II*\x00 cut off")] == [1, 1, 1]
    assert other_pages_note(png, "a.png") is None


def test_the_command_line_notes_the_pages_left_out(tmp_path, front, capsys):
    path = tmp_path / "front_back.tif"
    tifffile.imwrite(path, np.stack([front, 255 - front]), photometric="rgb")
    command = ["restore", str(path), "-o", str(tmp_path / "out"), "--model", "cleanup-x1"]
    assert main(command) == 0
    assert "note: front_back.tif has 2 pages; only the first is restored" in (
        capsys.readouterr().err
    )
