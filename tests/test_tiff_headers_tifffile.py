"""A TIFF Pillow cannot open (float samples, 16-bit grey with alpha) keeps its header: its
profile, resolution, XMP, IPTC, own tags and EXIF and GPS directories are read with tifffile
as Pillow reads them from a TIFF it opens, and its result carries them; a grey profile with
alpha written as a PNG's RGB is converted to sRGB as for any grey with alpha."""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np
import pytest
import tifffile
from PIL import Image

from engine import icc
from engine.imageio import read_picture, write_picture

EXIF_IFD, GPS_IFD, DATE_TAKEN, LATITUDE_REF = 0x8769, 0x8825, 0x9003, 0x0001
EXIF_PLACEHOLDER, GPS_PLACEHOLDER = 34660, 34852
"""Tags tifffile writes (none of the pointers) that sort where the pointers to the EXIF and
GPS directories go."""
COPYRIGHT, XMP, IPTC, LONG, ASCII = 33432, 700, 33723, 4, 2
XMP_PACKET = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF/></x:xmpmeta>"
IPTC_CAPTION = b"\x1c\x02\x78\x00\x06Box 12"  # dataset 2:120, six bytes
PROPHOTO = icc.rgb_profile(
    ((0.7347, 0.2653), (0.1596, 0.8404), (0.0366, 0.0001)),
    (0.3457, 0.3585),
    icc.parametric_curve(1.8),
    "ProPhoto-like",
)
GREY_22 = icc.grey_profile(icc.parametric_curve(2.2))


def _with_directory(path: Path, placeholder: int, pointer: int, tag: int, text: bytes) -> None:
    """Give the little-endian TIFF at ``path`` the directory its tag ``pointer`` points to,
    holding one ASCII tag, in place of its tag ``placeholder`` (0, sorted where ``pointer``
    goes): tifffile writes no EXIF or GPS directory, and no pointer to one."""
    data = bytearray(path.read_bytes())
    (first,) = struct.unpack_from("<I", data, 4)
    (count,) = struct.unpack_from("<H", data, first)
    entries = range(first + 2, first + 2 + 12 * count, 12)
    entry = next(e for e in entries if struct.unpack_from("<H", data, e)[0] == placeholder)
    where = len(data) + len(data) % 2
    value = struct.pack("<I", where + 18) if len(text) > 4 else text.ljust(4, b"\0")
    directory = struct.pack("<HHHI", 1, tag, ASCII, len(text)) + value + bytes(4)
    data += bytes(where - len(data)) + directory + (text if len(text) > 4 else b"")
    struct.pack_into("<HHII", data, entry, pointer, LONG, 1, where)
    path.write_bytes(bytes(data))


def _archival_tiff(path: Path, samples: np.ndarray, profile: bytes, **layout) -> bytes:
    """``samples`` as a scan's TIFF at 600 dpi with ``profile``, XMP, IPTC, a copyright and
    EXIF and GPS directories; its bytes."""
    extra = [
        (XMP, 1, len(XMP_PACKET), XMP_PACKET, True),
        (IPTC, 7, len(IPTC_CAPTION), IPTC_CAPTION, True),
        (COPYRIGHT, ASCII, 0, "(c) Museum", True),
        (EXIF_PLACEHOLDER, LONG, 1, 0, True),
        (GPS_PLACEHOLDER, LONG, 1, 0, True),
    ]
    tifffile.imwrite(
        path,
        samples,
        byteorder="<",
        metadata=None,
        iccprofile=profile,
        resolution=(600, 600),
        resolutionunit="INCH",
        extratags=extra,
        **layout,
    )
    _with_directory(path, EXIF_PLACEHOLDER, EXIF_IFD, DATE_TAKEN, b"1962:07:14 15:30:00\0")
    _with_directory(path, GPS_PLACEHOLDER, GPS_IFD, LATITUDE_REF, b"N\0")
    return path.read_bytes()


@pytest.fixture
def scan(rng) -> np.ndarray:
    return rng.random((24, 32, 3), dtype=np.float32)


@pytest.fixture
def float_tiff(tmp_path: Path, scan: np.ndarray) -> Path:
    path = tmp_path / "prophoto_float.tif"
    _archival_tiff(path, scan, PROPHOTO, photometric="rgb")
    return path


@pytest.fixture
def grey_alpha_tiff(tmp_path: Path, scan: np.ndarray) -> Path:
    grey = (scan[..., 0] * 65535).astype(np.uint16)
    alpha = np.full_like(grey, 65535)
    alpha[:, :8] = 0
    path = tmp_path / "grey_alpha.tif"
    samples = np.dstack([grey, alpha])
    _archival_tiff(path, samples, GREY_22, photometric="minisblack", extrasamples=[2])
    return path


def _pillow_cannot_open(path: Path) -> bool:
    try:
        with Image.open(path):
            return False
    except Exception:  # as read_header finds it: any failure
        return True


def test_a_float_tiffs_header_is_read_as_an_integer_ones(tmp_path, float_tiff, scan):
    control = _archival_tiff(
        tmp_path / "control.tif", (scan * 65535).astype(np.uint16), PROPHOTO, photometric="rgb"
    )
    assert _pillow_cannot_open(float_tiff)

    header = icc.read_header(float_tiff.read_bytes(), "tif")

    assert header == icc.read_header(control, "tif")
    assert header.size == (32, 24) and header.icc_profile == PROPHOTO
    assert header.text.xmp == XMP_PACKET and header.text.iptc == IPTC_CAPTION
    exif = Image.Exif()
    exif.load(header.exif)
    assert exif[COPYRIGHT] == "(c) Museum" and exif[282] == 600
    assert exif.get_ifd(EXIF_IFD)[DATE_TAKEN] == "1962:07:14 15:30:00"
    assert exif.get_ifd(GPS_IFD)[LATITUDE_REF] == "N"


def test_a_16_bit_grey_with_alpha_tiffs_header_is_read_as_a_grey_ones(
    tmp_path, grey_alpha_tiff, scan
):
    grey = (scan[..., 0] * 65535).astype(np.uint16)
    control = _archival_tiff(tmp_path / "control.tif", grey, GREY_22, photometric="minisblack")
    assert _pillow_cannot_open(grey_alpha_tiff)

    header = icc.read_header(grey_alpha_tiff.read_bytes(), "tif")

    assert header == icc.read_header(control, "tif")
    assert header.icc_profile == GREY_22


@pytest.mark.parametrize("source", ["float_tiff", "grey_alpha_tiff"])
def test_the_result_tiff_carries_the_header(tmp_path, source, request):
    original = request.getfixturevalue(source)

    result = write_picture(read_picture(original), tmp_path / "result.tif")

    with tifffile.TiffFile(result) as tif:
        tags = tif.pages.first.tags
        assert tags[34675].value == tifffile.TiffFile(original).pages.first.iccprofile
        assert (tags[282].value, tags[296].value) == ((600, 1), 2)
        assert tags[XMP].value == XMP_PACKET
        assert tags[COPYRIGHT].value == "(c) Museum"
        assert tags[EXIF_IFD].value["DateTimeOriginal"] == "1962:07:14 15:30:00"
        assert tags[GPS_IFD].value["GPSLatitudeRef"] == "N"


def test_grey_with_alpha_written_as_png_is_converted_through_its_grey_profile(
    tmp_path, grey_alpha_tiff
):
    picture = read_picture(grey_alpha_tiff)

    result = write_picture(picture, tmp_path / "result.png")

    written = cv2.imread(str(result), cv2.IMREAD_UNCHANGED)
    expected = icc.grey_in_srgb(picture.pixels, GREY_22)
    for channel in (0, 1, 2):  # BGR: grey in each
        np.testing.assert_array_equal(written[..., channel], expected)
    with Image.open(result) as png:
        assert png.info.get("icc_profile") == icc.srgb_profile()
