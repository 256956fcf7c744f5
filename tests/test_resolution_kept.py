"""A photo's resolution (its dots per inch) read from whichever header records it (JFIF, pHYs,
EXIF, a TIFF's own tags), written the same in every header of the result, and multiplied by
the enlargement, so that a restored scan prints as large as the original."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import tifffile
import torch
from PIL import Image

from engine.imageio import Picture, read_picture, write_picture
from engine.library.loading import load_model
from engine.output_size import OutputSize
from engine.restorer import RestoreOptions, Restorer
from engine.turn import turn_file

X_RESOLUTION, Y_RESOLUTION, RESOLUTION_UNIT = 0x011A, 0x011B, 0x0128
PIXELS = np.random.default_rng(3).integers(0, 256, (24, 32, 3), dtype=np.uint8)


def _saved(fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(PIXELS).save(buffer, fmt, **options)
    return buffer.getvalue()


def _in_centimetres(jpeg: bytes) -> bytes:
    """``jpeg`` with its JFIF header's unit made centimetres (its byte after the version)."""
    assert jpeg[6:11] == b"JFIF\x00"
    return jpeg[:13] + b"\x02" + jpeg[14:]


def _exif_at(dpi: int) -> bytes:
    exif = Image.Exif()
    exif[X_RESOLUTION] = exif[Y_RESOLUTION] = dpi
    exif[RESOLUTION_UNIT] = 2
    return exif.tobytes()


def _headers(path: Path) -> tuple[float, float]:
    """The resolution across that the file's own header and its EXIF record."""
    with Image.open(path) as im:
        return im.info["dpi"][0], float(im.getexif()[X_RESOLUTION])


@pytest.mark.parametrize(
    ("name", "data", "dpi"),
    [
        ("jfif.jpg", _saved("JPEG", dpi=(600, 600)), 600),  # JFIF in inches, no EXIF
        ("cm.jpg", _in_centimetres(_saved("JPEG", dpi=(118, 118))), 300),  # 118 per cm
        ("phys.png", _saved("PNG", dpi=(300, 300)), 300),  # pHYs, no EXIF
    ],
)
def test_a_resolution_only_the_formats_own_header_records_is_read(
    tmp_path: Path, name: str, data: bytes, dpi: int
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    assert read_picture(source).dpi == (dpi, dpi)


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "a.png"), ("JPEG", "a.jpg"), ("BMP", "a.bmp")])
def test_a_header_resolution_that_differs_down_is_read(tmp_path: Path, fmt: str, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(_saved(fmt, dpi=(300, 600)))
    assert read_picture(source).dpi == (300, 600)


@pytest.mark.parametrize("ext", [".jpg", ".png", ".tif"])
def test_every_header_of_a_result_says_the_same_resolution(tmp_path: Path, ext: str) -> None:
    source = tmp_path / "scan.jpg"
    source.write_bytes(_saved("JPEG", dpi=(600, 600)))
    written = write_picture(read_picture(source), tmp_path / f"copy{ext}")
    assert _headers(written) == pytest.approx((600, 600), abs=0.01)


def test_a_jpegs_jfif_header_says_its_exifs_resolution(tmp_path: Path) -> None:
    """Not "no unit, 1:1" beside an EXIF that says 300 dpi."""
    written = write_picture(Picture(PIXELS, None, None, _exif_at(300), "jpg"), tmp_path / "r.jpg")
    with Image.open(written) as im:
        assert (im.info["jfif_unit"], im.info["jfif_density"]) == (1, (300, 300))


@pytest.fixture
def restorer(tiny_model_file: Path) -> Restorer:
    return Restorer(load_model(tiny_model_file), torch.device("cpu"), tile=32)


@pytest.mark.parametrize(
    ("picture", "options", "dpi"),
    [
        (Picture(PIXELS, None, None, _exif_at(300), "jpg"), RestoreOptions(), 1200),
        (Picture(PIXELS, None, None, None, "png", dpi=600), RestoreOptions(scale_out=2), 1200),
        (Picture(PIXELS, None, None, _exif_at(300), "jpg"), OutputSize(long_side=48), 450),
    ],
)
def test_enlarging_multiplies_the_resolution_so_the_print_size_stays(
    restorer: Restorer, tmp_path: Path, picture: Picture, options: object, dpi: int
) -> None:
    if isinstance(options, OutputSize):
        options = RestoreOptions(size=options)
    result = restorer.restore(picture, options)
    assert result.dpi == (dpi, dpi)
    for ext in (".jpg", ".png", ".tif"):
        written = write_picture(result, tmp_path / f"restored{ext}")
        assert _headers(written) == pytest.approx((dpi, dpi), abs=0.03)  # pHYs: per metre


def _both_headers(path: Path) -> tuple[float, float, float, float]:
    """The resolution across and down that the file's own header records, then its EXIF."""
    with Image.open(path) as im:
        exif = im.getexif()
        return (*im.info["dpi"], float(exif[X_RESOLUTION]), float(exif[Y_RESOLUTION]))


@pytest.mark.parametrize("ext", [".jpg", ".png", ".tif", ".bmp"])
def test_a_resolution_that_differs_down_is_written_so(tmp_path: Path, ext: str) -> None:
    picture = Picture(PIXELS, None, None, None, "png", dpi=(300, 600))
    written = write_picture(picture, tmp_path / f"tall{ext}")
    with Image.open(written) as im:
        assert im.info["dpi"] == pytest.approx((300, 600), abs=0.03)  # pHYs: per metre


def test_a_scan_at_another_resolution_down_keeps_it_enlarged(
    restorer: Restorer, tmp_path: Path
) -> None:
    """300 by 600 dpi restored at 4x is 1200 by 2400, so the print is as tall as the scan's."""
    source = tmp_path / "scan.tif"
    tifffile.imwrite(source, PIXELS, photometric="rgb", resolution=(300, 600), resolutionunit=2)
    result = restorer.restore(read_picture(source), RestoreOptions())
    assert result.dpi == (1200, 2400)
    for ext in (".jpg", ".png", ".tif"):
        written = write_picture(result, tmp_path / f"restored{ext}")
        assert _both_headers(written) == pytest.approx((1200, 2400, 1200, 2400), abs=0.03)


def _sideways_scan(path: Path) -> Path:
    """A JPEG stored 80x40 at 300x600 dpi, its EXIF turning it upright to 40x80."""
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.fromarray(np.zeros((40, 80, 3), np.uint8)).save(path, dpi=(300, 600), exif=exif)
    return path


def test_a_picture_turned_upright_as_read_turns_its_resolution_too(tmp_path: Path) -> None:
    """Seen before: a sideways scan at 300x600 dpi read upright kept 300 across, 600 down,
    and its result printed square instead of four times as tall as wide."""
    picture = read_picture(_sideways_scan(tmp_path / "side.jpg"))
    assert picture.pixels.shape[:2] == (80, 40)
    assert picture.dpi == (600, 300)


def test_a_turned_copy_turns_its_resolution_too(tmp_path: Path) -> None:
    scan = write_picture(
        Picture(np.zeros((40, 80, 3), np.uint8), None, None, None, "png", dpi=(300, 600)),
        tmp_path / "scan.png",
    )
    assert read_picture(turn_file(scan, 1, tmp_path / "turned")).dpi == (600, 300)
    assert read_picture(turn_file(scan, 2, tmp_path / "half")).dpi == (300, 600)
