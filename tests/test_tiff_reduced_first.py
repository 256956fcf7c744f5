"""A TIFF whose first directory is a reduced copy of its page (a scanner's preview, stored
before the scan) restores the scan, with the scan's own profile, resolution and layout, as the
page counter counts it; a note names only the pages that are pictures of their own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import tifffile
from PIL import Image

from engine import icc
from engine.decoding import decoded_bytes_per_pixel, other_pages_note, tiff_pages
from engine.imageio import read_picture, resolution_of

REDUCED = 1
"""NewSubfileType of a reduced copy of a page."""
SCAN_PROFILE = icc.rgb_profile(
    ((0.64, 0.33), (0.21, 0.71), (0.15, 0.06)), icc.D65, icc.parametric_curve(2.2), "scan"
)


@pytest.fixture
def scan(rng) -> np.ndarray:
    return rng.integers(0, 256, (28, 40, 3), dtype=np.uint8)


def _preview_then(path: Path, *pages: tuple[np.ndarray, dict]) -> None:
    """A TIFF at ``path``: an 8-bit preview of the first of ``pages`` at 72 dpi with sRGB's
    profile, then each page (its samples and tifffile's options for it)."""
    preview = np.ascontiguousarray(pages[0][0][::4, ::4, :3]).astype(np.uint8)
    with tifffile.TiffWriter(path) as tiff:
        tiff.write(
            preview,
            photometric="rgb",
            subfiletype=REDUCED,
            iccprofile=icc.srgb_profile(),
            resolution=(72, 72),
        )
        for samples, options in pages:
            tiff.write(samples, **options)


def test_the_scan_after_a_preview_is_restored_with_its_own_header(tmp_path, scan):
    path = tmp_path / "scan.tif"
    options = {"photometric": "rgb", "iccprofile": SCAN_PROFILE, "resolution": (600, 600)}
    _preview_then(path, (scan, options))

    picture = read_picture(path)

    np.testing.assert_array_equal(picture.pixels, scan)
    assert picture.icc_profile == SCAN_PROFILE
    assert resolution_of(picture) == 600
    assert tiff_pages(path) == 1 and other_pages_note(path, "scan.tif") is None


def test_a_scan_without_a_profile_after_a_preview_with_one_has_none(tmp_path, scan):
    path = tmp_path / "scan.tif"
    _preview_then(path, (scan, {"photometric": "rgb"}))

    assert read_picture(path).icc_profile is None


def test_a_16_bit_scan_with_alpha_after_an_8_bit_preview(tmp_path, rng):
    rgba = rng.integers(0, 65536, (28, 40, 4), dtype=np.uint16)
    path = tmp_path / "scan.tif"
    _preview_then(path, (rgba, {"photometric": "rgb", "extrasamples": [2]}))

    picture = read_picture(path)

    np.testing.assert_array_equal(picture.pixels, rgba[..., :3])
    np.testing.assert_array_equal(picture.alpha, rgba[..., 3])
    assert decoded_bytes_per_pixel(path.read_bytes(), "tif") == 8  # the scan's, not 3


def test_a_float_scan_after_a_preview_has_its_header_read_from_its_own_page(tmp_path, rng):
    """Pillow opens the preview but not the float scan: tifffile reads the scan's header."""
    floats = rng.random((28, 40, 3), dtype=np.float32)
    path = tmp_path / "scan.tif"
    options = {"photometric": "rgb", "iccprofile": SCAN_PROFILE, "resolution": (600, 600)}
    _preview_then(path, (floats, options))

    header = icc.read_header(path.read_bytes(), "tif")

    assert header.size == (40, 28) and header.icc_profile == SCAN_PROFILE
    exif = Image.Exif()
    exif.load(header.exif)
    assert exif[282] == 600


def test_of_two_scans_after_a_preview_the_first_is_restored_and_the_other_noted(tmp_path, scan):
    path = tmp_path / "front_back.tif"
    _preview_then(path, (scan, {"photometric": "rgb"}), (255 - scan, {"photometric": "rgb"}))

    np.testing.assert_array_equal(read_picture(path).pixels, scan)
    note = "front_back.tif has 2 pages; only the first is restored"
    assert other_pages_note(path, "front_back.tif") == note


def test_a_tiff_of_previews_alone_gives_its_first(tmp_path, scan):
    path = tmp_path / "preview.tif"
    tifffile.imwrite(path, scan, photometric="rgb", subfiletype=REDUCED)

    np.testing.assert_array_equal(read_picture(path).pixels, scan)
