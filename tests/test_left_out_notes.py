"""All that a format leaves out of a result is told by one function, for the command line and
the app alike (``left_out_notes``); a result saved again from its file is read once, and the
picture read is handed on so that what the new format leaves out is told of it
(``save_again``'s ``on_read``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from engine.batch import save_again
from engine.icc import exif_left_out_note
from engine.imageio import (
    Picture,
    depth_and_alpha_notes,
    left_out_notes,
    read_picture,
    write_picture,
)

PIXELS16 = np.random.default_rng(7).integers(0, 65536, (16, 20, 3), dtype=np.uint16)
SEE_THROUGH = np.full((16, 20), 65535, np.uint16)
SEE_THROUGH[:4] = 0


def big_exif() -> bytes:
    """An EXIF block a JPEG cannot hold whole: an artist, and a comment beyond 64 KB."""
    exif = Image.Exif()
    exif[0x013B] = "Jane Archivist"  # Artist
    exif[0x010E] = "x" * 65600  # ImageDescription
    return exif.tobytes()


def test_the_exif_s_note_comes_first_then_the_depth_s_and_the_alpha_s() -> None:
    picture = Picture(PIXELS16, SEE_THROUGH, None, big_exif(), "png")
    exif = exif_left_out_note(picture.exif, "jpg", "photo.png")
    assert exif is not None
    depth_and_alpha = depth_and_alpha_notes(picture, "jpg", "photo.png")
    assert len(depth_and_alpha) == 2
    assert left_out_notes(picture, "jpg", "photo.png") == [exif, *depth_and_alpha]
    assert left_out_notes(picture, "png", "photo.png") == []


def test_save_again_hands_on_the_picture_it_reads_to_make_a_file_anew(tmp_path: Path) -> None:
    kept = write_picture(Picture(PIXELS16, SEE_THROUGH, None, None, "png"), tmp_path / "r.png")
    read: list[Picture] = []
    jpeg = save_again(kept, tmp_path / "again" / "r.jpg", on_read=read.append)
    [picture] = read
    assert picture.bit_depth == 16
    assert np.array_equal(picture.alpha, read_picture(kept).alpha)
    assert len(left_out_notes(picture, "jpg", "r.png")) == 2

    copied: list[Picture] = []
    save_again(jpeg, tmp_path / "elsewhere" / "r.jpg", on_read=copied.append)
    assert copied == []  # its bytes copied: nothing read
