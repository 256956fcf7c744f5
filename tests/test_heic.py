"""HEIC photos (a phone's photo of a print): read upright with their metadata, 8-bit as they
are and 10-bit over 16 bits, grey and with alpha; a damaged one refused; found in folders;
their results "in the original's format" written as JPEG, from the app, the command line and
a split scan alike."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import cv2
import numpy as np
import pillow_heif
import pytest
from PIL import Image

from engine.batch import output_name
from engine.errors import ImageReadError
from engine.icc import ORIENTATION
from engine.imageio import is_supported_image, read_picture
from engine.media import photos_in
from engine.split import split_scan_file
from tests.conftest import photo_path

QUALITY = 92
MIN_PSNR_DB = 35.0
"""What HEVC at this quality keeps of a kodak24 photo (the codec is lossy)."""


def _psnr(a: np.ndarray, b: np.ndarray, peak: float = 255.0) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return 10 * np.log10(peak**2 / mse)


@pytest.fixture(scope="module")
def photo() -> np.ndarray:
    return cv2.cvtColor(cv2.imread(str(photo_path(4))), cv2.COLOR_BGR2RGB)


def _write_heic(path: Path, pixels: np.ndarray, **save) -> Path:
    pillow_heif.register_heif_opener()
    Image.fromarray(pixels).save(path, format="HEIF", quality=QUALITY, **save)
    return path


def test_a_heic_is_read_upright_with_its_metadata(photo, tmp_path: Path):
    """The phone stored it turned (its EXIF said 6, which the file's boxes now say): it comes
    out as a viewer shows it, its EXIF saying 1, the rest of its EXIF kept."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "Phone maker"
    path = _write_heic(tmp_path / "IMG_0001.HEIC", photo, exif=exif.tobytes())
    assert is_supported_image(path)
    picture = read_picture(path)
    assert picture.source_format == "heic" and picture.pixels.dtype == np.uint8
    assert _psnr(picture.pixels, np.rot90(photo, -1)) > MIN_PSNR_DB
    kept = Image.Exif()
    kept.load(picture.exif)
    assert kept[ORIENTATION] == 1 and kept[0x010F] == "Phone maker"


def test_ten_bits_are_spread_over_sixteen(tmp_path: Path):
    ramp = np.linspace(0, 65535, 64 * 48 * 3).reshape(48, 64, 3).astype(np.uint16)
    heif = pillow_heif.from_bytes(mode="RGB;16", size=(64, 48), data=ramp.tobytes())
    path = tmp_path / "deep.heic"
    heif.save(path, quality=-1)
    picture = read_picture(path)
    assert picture.pixels.dtype == np.uint16
    assert picture.pixels.max() > 65000  # full scale, not libheif's 65472 ceiling of 10 bits
    assert _psnr(picture.pixels, ramp, peak=65535.0) > MIN_PSNR_DB


def test_grey_and_alpha_heics(photo, tmp_path: Path):
    grey = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)
    picture = read_picture(_write_heic(tmp_path / "grey.heic", grey))
    assert picture.pixels.ndim == 2 and _psnr(picture.pixels, grey) > MIN_PSNR_DB
    alpha = np.zeros(photo.shape[:2], np.uint8)
    alpha[100:300, 100:300] = 255
    rgba = np.dstack([photo, alpha])
    picture = read_picture(_write_heic(tmp_path / "alpha.heic", rgba))
    assert picture.pixels.shape == photo.shape and picture.alpha is not None
    assert np.abs(picture.alpha.astype(int) - alpha).mean() < 4


def test_a_cut_off_heic_is_refused_and_one_misnamed_is_read(photo, tmp_path: Path):
    whole = _write_heic(tmp_path / "whole.heic", photo).read_bytes()
    cut = tmp_path / "cut.heic"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImageReadError, match=r"cut\.heic: the file is damaged or not an image"):
        read_picture(cut)
    misnamed = tmp_path / "really-heic.jpg"
    misnamed.write_bytes(whole)
    assert read_picture(misnamed).source_format == "heic"


def test_without_pillow_heif_a_heic_says_what_is_missing(photo, tmp_path, monkeypatch):
    path = _write_heic(tmp_path / "a.heic", photo)
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # import fails, as where it is missing
    with pytest.raises(ImageReadError, match=r"a\.heic: reading HEIC photos needs pillow-heif"):
        read_picture(path)


def test_results_in_the_originals_format_are_jpegs(photo, tmp_path: Path):
    assert output_name(Path("IMG_0001.HEIC"), None, "IMG_0001 [restore-x4]") == (
        "IMG_0001 [restore-x4].jpg"
    )
    assert output_name(Path("scan.heif"), "png") == "scan.png"
    folder = tmp_path / "phone"
    folder.mkdir()
    _write_heic(folder / "a.heic", photo)
    assert [path.name for path in photos_in(folder)] == ["a.heic"]


def test_a_split_heic_scan_gives_jpeg_prints(tmp_path: Path):
    scan = np.full((300, 400, 3), 235, np.uint8)  # a pale lid
    scan[40:140, 30:170] = (120, 60, 40)
    scan[160:270, 220:370] = (40, 90, 130)
    written = split_scan_file(_write_heic(tmp_path / "box.heic", scan), tmp_path / "prints")
    assert [path.name for path in written] == ["box-1.jpg", "box-2.jpg"]


def test_the_command_line_restores_a_heic_into_a_jpeg(photo, tmp_path, tiny_model_file):
    from engine.cli import main

    source = _write_heic(tmp_path / "IMG_0002.heic", np.ascontiguousarray(photo[:64, :80]))
    assert main(["restore", str(source), "-o", str(tmp_path / "out"),
                 "--model", str(tiny_model_file)]) == 0  # fmt: skip
    [result] = (tmp_path / "out").iterdir()
    assert result.suffix == ".jpg" and read_picture(result).pixels.shape == (256, 320, 3)
    assert io.BytesIO(result.read_bytes()).read(3) == b"\xff\xd8\xff"


def test_a_folder_of_phone_photos_packs_for_training(photo, tmp_path: Path):
    """The wizard's "train on my collection" takes a phone's HEICs: packed re-encoded, since
    the trainer decodes with OpenCV."""
    from training.pack import pack

    folder = tmp_path / "collection"
    folder.mkdir()
    _write_heic(folder / "IMG_0003.heic", photo)
    report = pack(folder, tmp_path / "collection.rkpack", min_side=64)
    [image] = report.images
    assert image["file"] == "IMG_0003.heic" and image["stored"] == "re-encoded"
