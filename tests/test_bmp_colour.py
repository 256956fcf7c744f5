"""A BMP holds no colour profile: a picture in another profile (an Adobe RGB scan, a grey
scan in gamma 1.8) is written in sRGB's colours, which viewers assume of a BMP, so its result
looks as the original does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.imageio import Picture, read_picture, write_picture
from tests.test_comparison import ADOBE_RGB_LIKE
from tests.test_icc_grey import GAMMA_18, grey_ramp, shown_in_srgb


def colours(dtype: type = np.uint8) -> np.ndarray:
    """Saturated and pale colours alike, 24 by 32 pixels."""
    levels = np.random.default_rng(3).integers(0, 256, (24, 32, 3)).astype(np.uint8)
    return levels.astype(np.uint16) * 257 if dtype == np.uint16 else levels


def bmp_pixels(path: Path) -> np.ndarray:
    """The BMP's pixels as any viewer shows them: sRGB's, there being no profile to say
    otherwise."""
    with Image.open(path) as image:
        assert "icc_profile" not in image.info
        return np.asarray(image.convert("RGB"), np.int16)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_an_adobe_rgb_picture_shows_its_colours_in_a_bmp(tmp_path: Path, dtype: type) -> None:
    pixels = colours(dtype)

    path = write_picture(Picture(pixels, None, ADOBE_RGB_LIKE, None, "png"), tmp_path / "r.bmp")

    expected = shown_in_srgb(pixels, ADOBE_RGB_LIKE)
    assert np.abs(bmp_pixels(path) - expected).max() <= 1
    assert np.abs(expected - shown_in_srgb(pixels, None)).max() > 20  # it is another look


def test_a_grey_picture_in_gamma_18_shows_its_greys_in_a_bmp(tmp_path: Path) -> None:
    grey = grey_ramp(np.uint8)

    path = write_picture(Picture(grey, None, GAMMA_18, None, "png"), tmp_path / "grey.bmp")

    assert read_picture(path).pixels.ndim == 2  # still a grey BMP
    assert np.abs(bmp_pixels(path) - shown_in_srgb(grey, GAMMA_18)).max() <= 1


def test_transparent_parts_of_an_adobe_rgb_picture_are_white_in_a_bmp(tmp_path: Path) -> None:
    pixels = colours(np.uint16)
    alpha = np.full(pixels.shape[:2], 65535, np.uint16)
    alpha[:, :8] = 0

    picture = Picture(pixels, alpha, ADOBE_RGB_LIKE, None, "png")
    shown = bmp_pixels(write_picture(picture, tmp_path / "cut.bmp"))

    assert shown[:, :8].min() >= 254
    assert np.abs(shown[:, 8:] - shown_in_srgb(pixels, ADOBE_RGB_LIKE)[:, 8:]).max() <= 1


def test_an_adobe_rgb_jpeg_restored_to_a_bmp_looks_as_the_jpeg(tmp_path: Path) -> None:
    """The finding's case: a scan read from a JPEG with its profile, saved as a BMP."""
    scan = tmp_path / "scan.jpg"
    Image.fromarray(colours()).save(scan, quality=95, icc_profile=ADOBE_RGB_LIKE)

    path = write_picture(read_picture(scan), tmp_path / "scan.bmp")

    with Image.open(scan) as jpeg:
        decoded = np.asarray(jpeg.convert("RGB"))
        profile = jpeg.info["icc_profile"]
    assert np.abs(bmp_pixels(path) - shown_in_srgb(decoded, profile)).max() <= 1


def test_a_profile_littlecms_cannot_use_leaves_the_pixels_as_they_are(tmp_path: Path) -> None:
    """What viewers show of such a picture: its numbers, as sRGB's."""
    unusable = ADOBE_RGB_LIKE[:128] + bytes(4)  # a header saying RGB, and no tags
    pixels = colours()

    path = write_picture(Picture(pixels, None, unusable, None, "png"), tmp_path / "r.bmp")

    np.testing.assert_array_equal(bmp_pixels(path), pixels)
