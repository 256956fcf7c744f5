"""A grey PNG whose tRNS chunk names one grey level transparent (a colour key) keeps its
transparency, at any depth, as an RGB one's does: what it hides stays hidden in the result."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from engine.cli import main
from engine.decoding import decoded_bytes_per_pixel
from engine.imageio import read_picture

GREY = np.random.default_rng(5).integers(1, 256, (24, 32), dtype=np.uint8)
GREY16 = GREY.astype(np.uint16) * 256 + 1  # no level is 0 nor a multiple of 256
HIDDEN = np.zeros((24, 32), bool)
HIDDEN[:, :12] = True  # the left part is the key's


def _keyed(grey: np.ndarray, key: int) -> np.ndarray:
    """``grey`` with the key's level where it is hidden."""
    return np.where(HIDDEN, key, grey).astype(grey.dtype)


def _saved(path: Path, grey: np.ndarray, key: int) -> Path:
    """``grey`` (8 or 16 bits) saved as a grey PNG whose tRNS chunk names ``key``."""
    Image.fromarray(_keyed(grey, key)).save(path, transparency=key)
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _two_bit_png(levels: np.ndarray, key: int) -> bytes:
    """A 2-bit grey PNG of ``levels`` (0 to 3, four pixels a byte) whose tRNS names ``key``."""
    height, width = levels.shape
    packed = (levels[:, 0::4] << 6) | (levels[:, 1::4] << 4) | (levels[:, 2::4] << 2)
    packed |= levels[:, 3::4]
    rows = b"".join(b"\x00" + row.astype(np.uint8).tobytes() for row in packed)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 2, 0, 0, 0, 0))
        + _chunk(b"tRNS", struct.pack(">H", key))
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("grey", "key"),
    [(GREY, 0), (GREY16, 0), (GREY16, 4096)],
    ids=["8-bit", "16-bit", "16-bit-key-4096"],
)
def test_a_grey_pngs_colour_key_is_read_as_alpha(tmp_path: Path, grey: np.ndarray, key: int):
    picture = read_picture(_saved(tmp_path / "keyed.png", grey, key))
    top = np.iinfo(grey.dtype).max
    np.testing.assert_array_equal(picture.pixels, _keyed(grey, key))
    assert picture.alpha is not None
    np.testing.assert_array_equal(picture.alpha, np.where(HIDDEN, 0, top))


def test_a_colour_key_of_fewer_bits_is_compared_as_they_are_spread(tmp_path: Path):
    """OpenCV hands a 2-bit grey's levels over spread over 8 bits: key 2 is 170."""
    levels = np.tile(np.arange(4, dtype=np.uint8), (4, 2))
    path = tmp_path / "two_bits.png"
    path.write_bytes(_two_bit_png(levels, 2))
    picture = read_picture(path)
    assert picture.alpha is not None
    np.testing.assert_array_equal(picture.alpha, np.where(levels == 2, 0, 255))


def test_a_grey_png_without_a_key_has_no_alpha(tmp_path: Path):
    path = tmp_path / "plain.png"
    Image.fromarray(GREY).save(path)
    assert read_picture(path).alpha is None
    assert decoded_bytes_per_pixel(path.read_bytes(), "png") == 1


def test_its_alpha_is_counted_in_the_memory_decoding_takes(tmp_path: Path):
    eight = _saved(tmp_path / "eight.png", GREY, 0).read_bytes()
    sixteen = _saved(tmp_path / "sixteen.png", GREY16, 0).read_bytes()
    assert decoded_bytes_per_pixel(eight, "png") == 2
    assert decoded_bytes_per_pixel(sixteen, "png") == 4


GREY_WITH_ALPHA, RGB_WITH_ALPHA = 4, 6
"""PNG's colour types (IHDR's tenth byte of data)."""


@pytest.mark.parametrize(
    ("grey", "colour_type"),
    [(GREY, GREY_WITH_ALPHA), (GREY16, RGB_WITH_ALPHA)],
    ids=["8-bit", "16-bit"],
)
def test_what_a_colour_key_hides_stays_hidden_in_the_result(
    tmp_path: Path, grey: np.ndarray, colour_type: int
):
    """The result stays grey with alpha at 8 bits; at 16 it is RGB with alpha, which no PNG
    encoder here writes as grey without losing 8 bits (``imageio._grey_written_as_rgb``)."""
    source = _saved(tmp_path / "keyed.png", grey, 0)
    out = tmp_path / "out"
    assert main(["restore", str(source), "-o", str(out), "--model", "cleanup-x1"]) == 0
    written = (out / "keyed.png").read_bytes()
    assert written[25] == colour_type
    result = cv2.imread(str(out / "keyed.png"), cv2.IMREAD_UNCHANGED)
    assert result.dtype == grey.dtype and result.shape == (*grey.shape, 4)
    np.testing.assert_array_equal(result[..., 3] == 0, HIDDEN)
