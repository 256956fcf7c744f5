"""Saving a result again from the file it was saved in: the same format copies the file, a
format that kept the whole result converts, and a lossy one refuses rather than pass its
losses on (a JPEG made into a 'lossless' TIFF)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.batch import SavedLossily, save_again
from engine.imageio import Picture, read_picture, write_picture


def _result(tmp_path, name: str):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 65536, (24, 32, 3), dtype=np.uint16)  # 16-bit, as a scan's
    return write_picture(Picture(pixels, None, None, None, "png"), tmp_path / name, replace=False)


def test_the_same_format_is_the_same_file(tmp_path):
    saved = _result(tmp_path, "a.jpg")
    copy = save_again(saved, tmp_path / "elsewhere" / "a.jpg")
    assert copy.read_bytes() == saved.read_bytes()  # not compressed a second time
    assert save_again(saved, copy).name == "a (2).jpg"  # a taken name is never replaced


def test_a_whole_result_is_converted_whole(tmp_path):
    saved = _result(tmp_path, "a.png")
    tiff = save_again(saved, tmp_path / "a.tif")
    assert tiff.name == "a.tif"
    np.testing.assert_array_equal(read_picture(tiff).pixels, read_picture(saved).pixels)


@pytest.mark.parametrize("kept", ["jpg", "webp", "bmp"])
def test_a_lossy_file_is_not_made_into_another_format(tmp_path, kept):
    saved = _result(tmp_path, f"a.{kept}")
    with pytest.raises(SavedLossily, match="restore the photo again to save it as TIFF"):
        save_again(saved, tmp_path / "a.tif")
    assert not (tmp_path / "a.tif").exists()
