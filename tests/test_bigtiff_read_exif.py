"""A BigTIFF result (``CLASSIC_TIFF_MAX_BYTES`` lowered here, so that no test writes gigabytes)
read back keeps its EXIF, resolution and GPS among it, carried in the portable classic layout
that every format's EXIF block is: restoring it again or saving it as another format keeps
them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import tifffile
from PIL import Image
from PIL.ExifTags import GPS, IFD, Base

from engine import imageio
from engine.imageio import Picture, exif_resolution, read_picture, resolution_of, write_picture

TAKEN = "1962:07:14 15:30:00"
LATITUDE = (46.0, 30.0, 0.0)
DPI = 2400
CLASSIC_HEADS = (b"II*\x00", b"MM\x00*")


def _camera_exif() -> bytes:
    exif = Image.Exif()
    exif[Base.Make] = "Leica"
    exif.get_ifd(IFD.Exif)[Base.DateTimeOriginal] = TAKEN
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSLatitudeRef], gps[GPS.GPSLatitude] = "N", LATITUDE
    return exif.tobytes()


def _assert_camera_tags(exif: Image.Exif) -> None:
    assert exif[Base.Make] == "Leica"
    assert exif.get_ifd(IFD.Exif)[Base.DateTimeOriginal] == TAKEN
    gps = exif.get_ifd(IFD.GPSInfo)
    assert (gps[GPS.GPSLatitudeRef], gps[GPS.GPSLatitude]) == ("N", LATITUDE)


@pytest.fixture(params=[False, True], ids=["rgb", "grey-alpha"])
def bigtiff(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A 16-bit BigTIFF result with camera EXIF and a resolution: in RGB, whose header Pillow
    reads, or grey with alpha, whose header tifffile reads (Pillow cannot open it)."""
    monkeypatch.setattr(imageio, "CLASSIC_TIFF_MAX_BYTES", 1000)
    samples = np.random.default_rng(7).integers(0, 65535, (20, 30, 3), np.uint16)
    pixels, alpha = (samples[..., 0], samples[..., 1]) if request.param else (samples, None)
    picture = Picture(pixels, alpha, None, _camera_exif(), "tif", dpi=DPI)
    path = write_picture(picture, tmp_path / "scan.tif")
    with tifffile.TiffFile(path) as tif:
        assert tif.is_bigtiff
    return path


def _exif_of(picture: Picture) -> Image.Exif:
    assert picture.exif is not None
    exif = Image.Exif()
    exif.load(picture.exif)
    return exif


def test_a_bigtiff_read_back_carries_its_exif_in_the_classic_layout(bigtiff: Path) -> None:
    picture = read_picture(bigtiff)

    assert picture.exif is not None
    assert picture.exif.removeprefix(b"Exif\x00\x00")[:4] in CLASSIC_HEADS
    _assert_camera_tags(_exif_of(picture))
    assert exif_resolution(picture.exif) == (DPI, DPI) and resolution_of(picture) == DPI


@pytest.mark.parametrize("fmt", ["jpg", "tif"])
def test_a_bigtiff_saved_again_keeps_its_exif(bigtiff: Path, fmt: str) -> None:
    again = read_picture(write_picture(read_picture(bigtiff), bigtiff.with_name(f"again.{fmt}")))

    _assert_camera_tags(_exif_of(again))
    assert resolution_of(again) == DPI
