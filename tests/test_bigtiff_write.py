"""A TIFF result past classic TIFF's 4 GiB (a 16-bit scan enlarged 4x) is written as BigTIFF,
with its profile, resolution and EXIF, EXIF's and GPS's own directories among it; ordinary
results stay classic TIFF, which every program reads. An encoder's fault is one file's
failure, said in words, and a batch goes on past it. Classic TIFF's reach is lowered here
(``CLASSIC_TIFF_MAX_BYTES``), so that no test writes gigabytes."""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np
import pytest
import tifffile
from PIL import Image

from engine import icc, imageio
from engine.cli import main
from engine.errors import ImageWriteError
from engine.imageio import Picture, picture_is_whole, read_picture, write_picture

ARTIST, EXIF_IFD, GPS_IFD, INTEROPERABILITY = 0x013B, 0x8769, 0x8825, 0xA005
DATE_TAKEN, LATITUDE_REF, LATITUDE = 0x9003, 0x0001, 0x0002
LONG8 = 16
"""BigTIFF's type of 64-bit numbers, which its pointers to directories are."""
OFFSET_PAST_4_GIB = "'I' format requires 0 <= number <= 4294967295"
"""What ``struct`` says of an offset past 4 GiB written in classic TIFF."""


def _camera_exif() -> bytes:
    """EXIF with a tag of the first directory, and EXIF (with its interoperability one) and
    GPS directories."""
    exif = Image.Exif()
    exif[ARTIST] = "Jane Archivist"
    taken = exif.get_ifd(EXIF_IFD)
    taken[DATE_TAKEN] = "1962:07:14 15:30:00"
    taken[INTEROPERABILITY] = {1: "R98"}
    place = exif.get_ifd(GPS_IFD)
    place[LATITUDE_REF], place[LATITUDE] = "N", (46.0, 30.0, 0.0)
    return exif.tobytes()


def _pixels(shape: tuple[int, ...], dtype: type) -> np.ndarray:
    top = np.iinfo(dtype).max
    return np.random.default_rng(4).integers(0, top, shape, dtype=dtype, endpoint=True)


@pytest.mark.parametrize(
    ("shape", "dtype", "with_alpha"),
    [((20, 30, 3), np.uint16, False), ((18, 25), np.uint8, True)],
)
def test_a_tiff_past_classic_tiffs_reach_is_a_whole_bigtiff(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shape: tuple[int, ...],
    dtype: type,
    with_alpha: bool,
) -> None:
    monkeypatch.setattr(imageio, "CLASSIC_TIFF_MAX_BYTES", 1000)
    pixels = _pixels(shape, dtype)
    alpha = _pixels(shape[:2], dtype) if with_alpha else None
    profile = icc.srgb_profile() if pixels.ndim == 3 else None
    picture = Picture(pixels, alpha, profile, _camera_exif(), "tif", dpi=2400)

    path = write_picture(picture, tmp_path / "scan.tif")

    with tifffile.TiffFile(path) as tif:
        assert tif.is_bigtiff
        page = tif.pages.first
        stored = page.asarray()
        assert page.iccprofile == profile
        tags = page.tags
        assert (tags["XResolution"].value, tags["ResolutionUnit"].value) == ((2400, 1), 2)
        assert tags["Artist"].value == "Jane Archivist"
        assert tags["ExifTag"].value["DateTimeOriginal"] == "1962:07:14 15:30:00"
        assert tags["GPSTag"].value["GPSLatitudeRef"] == "N"
        assert tags["ExifTag"].dtype == tags["GPSTag"].dtype == LONG8
    expected = pixels if alpha is None else np.dstack([pixels, alpha])
    np.testing.assert_array_equal(stored, expected)
    with Image.open(path) as im:  # as other programs read the directories
        exif = im.getexif()
        assert exif.get_ifd(EXIF_IFD)[DATE_TAKEN] == "1962:07:14 15:30:00"
        assert exif.get_ifd(INTEROPERABILITY) == {1: "R98"}
        assert exif.get_ifd(GPS_IFD)[LATITUDE] == (46.0, 30.0, 0.0)
    again = read_picture(path)
    np.testing.assert_array_equal(again.pixels, pixels)
    np.testing.assert_array_equal(again.alpha, alpha)
    assert again.icc_profile == profile
    height, width = shape[:2]
    assert picture_is_whole(path) and picture_is_whole(path, "tif", (width, height))
    path.write_bytes(path.read_bytes()[:-16])
    assert not picture_is_whole(path)


@pytest.mark.parametrize(("reach", "bigtiff"), [(0, False), (-1, True)])
def test_bigtiff_is_chosen_by_the_uncompressed_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reach: int, bigtiff: bool
) -> None:
    """Zeros deflate to almost nothing, yet whether classic TIFF holds them is told by their
    uncompressed size: a picture of noise as large would not deflate."""
    pixels = np.zeros((16, 24, 3), np.uint16)
    monkeypatch.setattr(imageio, "CLASSIC_TIFF_MAX_BYTES", pixels.nbytes + reach)

    path = write_picture(Picture(pixels, None, None, None, "tif"), tmp_path / "flat.tif")

    with tifffile.TiffFile(path) as tif:
        assert tif.is_bigtiff == bigtiff
    np.testing.assert_array_equal(read_picture(path).pixels, pixels)


def test_an_ordinary_tiff_stays_classic(tmp_path: Path) -> None:
    picture = Picture(_pixels((40, 60, 3), np.uint16), None, None, _camera_exif(), "tif")

    path = write_picture(picture, tmp_path / "scan.tif")

    with tifffile.TiffFile(path) as tif:
        assert not tif.is_bigtiff
        assert tif.pages.first.tags["ExifTag"].value["DateTimeOriginal"] == "1962:07:14 15:30:00"


@pytest.mark.parametrize(
    ("fault", "sentence"),
    [
        (
            struct.error(OFFSET_PAST_4_GIB),
            "scan.tif: the picture could not be encoded: it, or a value in its metadata, "
            f"is too large for TIFF ({OFFSET_PAST_4_GIB})",
        ),
        (
            RuntimeError("codec gave up"),
            "scan.tif: the picture could not be encoded (codec gave up)",
        ),
    ],
)
def test_an_encoders_fault_is_this_files_failure_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Exception, sentence: str
) -> None:
    def failing(*_: object, **__: object) -> None:
        raise fault

    monkeypatch.setattr(tifffile, "imwrite", failing)

    with pytest.raises(ImageWriteError) as raised:
        write_picture(
            Picture(_pixels((8, 8, 3), np.uint8), None, None, None, "tif"), tmp_path / "scan.tif"
        )

    assert str(raised.value) == sentence
    assert list(tmp_path.iterdir()) == []


def test_a_batch_goes_on_past_a_result_its_encoder_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_model_file: Path, capsys
) -> None:
    photos = tmp_path / "src"
    photos.mkdir()
    for name in ("a", "b"):
        assert cv2.imwrite(str(photos / f"{name}.png"), _pixels((16, 24, 3), np.uint8))
    imwrite = tifffile.imwrite
    calls: list[object] = []

    def past_4_gib_first(stream, *args, **kwargs):
        calls.append(stream)
        if len(calls) == 1:
            raise struct.error(OFFSET_PAST_4_GIB)
        return imwrite(stream, *args, **kwargs)

    monkeypatch.setattr(tifffile, "imwrite", past_4_gib_first)
    out = tmp_path / "out"

    code = main(
        ["restore", str(photos), "-o", str(out), "--format", "tif", "--model", str(tiny_model_file)]
    )

    printed = capsys.readouterr()
    assert code == 1
    assert "1 restored, 1 failed" in printed.out
    assert "a.tif: the picture could not be encoded: it, or a value in its metadata" in printed.err
    assert len(calls) == 2
    assert [path.name for path in out.rglob("*.tif")] == ["b.tif"]
