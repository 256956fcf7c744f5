"""Grey photos with a grey colour profile (a scan in gamma 1.8, Photoshop's Dot Gain profiles)
look the same once saved, also where they must be written as RGB."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms

from engine import icc
from engine.imageio import Picture, read_picture, write_picture

GAMMA_18 = icc.grey_profile(b"curv\0\0\0\0" + struct.pack(">IH", 1, round(1.8 * 256)) + bytes(2))
SRGB = ImageCms.createProfile("sRGB")


def grey_ramp(dtype: type = np.uint8) -> np.ndarray:
    """Every 8-bit level (at 16 bits, with the levels between them), 16 rows by 32 columns."""
    top = np.iinfo(dtype).max
    return np.linspace(0, top, 16 * 32).round().astype(dtype).reshape(16, 32)


def shown_in_srgb(pixels: np.ndarray, profile: bytes | None) -> np.ndarray:
    """The 8-bit sRGB colours a colour-managed viewer shows for grey or RGB ``pixels`` of 8 or
    16 bits in ``profile`` (none: sRGB), by LittleCMS; greys unoptimised, as ``engine.icc``
    converts them (its optimised curves show linear light's darkest 5 % up to 10 levels too
    dark)."""
    if pixels.dtype == np.uint16:
        pixels = ((pixels.astype(np.uint32) + 128) // 257).astype(np.uint8)
    image = Image.fromarray(pixels)
    if profile is None:
        return np.asarray(image.convert("RGB"), np.int16)
    source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    flags = ImageCms.Flags.NOOPTIMIZE if image.mode == "L" else ImageCms.Flags.NONE
    shown = ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB", flags=flags)
    return np.asarray(shown, np.int16)


def shown_from_file(path: Path) -> np.ndarray:
    """What a colour-managed viewer shows of the file (its alpha aside)."""
    with Image.open(path) as image:
        profile = image.info.get("icc_profile")
    written = read_picture(path)
    return shown_in_srgb(written.pixels, profile)


@pytest.mark.parametrize(
    ("name", "dtype", "with_alpha"),
    [
        ("grey.webp", np.uint8, False),  # WebP has no grey
        ("grey.webp", np.uint16, True),
        ("grey_alpha.png", np.uint16, True),  # no encoder here writes 16-bit grey with alpha
    ],
)
def test_grey_written_as_rgb_looks_as_its_grey_profile_says(
    tmp_path: Path, name: str, dtype: type, with_alpha: bool
) -> None:
    pixels = grey_ramp(dtype)
    alpha = np.full_like(pixels, np.iinfo(dtype).max // 2) if with_alpha else None
    original = Picture(pixels, alpha, GAMMA_18, None, "png")

    path = write_picture(original, tmp_path / name, quality=100)

    shown = shown_from_file(path)
    expected = shown_in_srgb(pixels, GAMMA_18)
    assert np.abs(shown - expected).max() <= 1
    assert (read_picture(path).alpha is not None) == with_alpha


@pytest.mark.parametrize(
    ("name", "dtype"), [("side_by_side.png", np.uint16), ("sbs.jpg", np.uint8)]
)
def test_rgb_pixels_with_a_grey_profile_look_as_it_says(
    tmp_path: Path, name: str, dtype: type
) -> None:
    """A comparison of a grey photo: its greys made RGB, with the grey photo's profile."""
    grey = grey_ramp(dtype)
    pixels = np.repeat(grey[..., None], 3, axis=2)
    path = write_picture(Picture(pixels, None, GAMMA_18, None, "png"), tmp_path / name)

    tolerance = 1 if name.endswith(".png") else 3  # JPEG is lossy
    assert np.abs(shown_from_file(path) - shown_in_srgb(grey, GAMMA_18)).max() <= tolerance


@pytest.mark.parametrize(
    "name", ["grey.png", "grey.jpg", "grey.tif", "grey_alpha.tif", "grey_alpha.png"]
)
def test_grey_kept_as_grey_keeps_its_profile_and_levels(tmp_path: Path, name: str) -> None:
    pixels = grey_ramp(np.uint8)
    alpha = np.full_like(pixels, 200) if "alpha" in name else None
    path = write_picture(Picture(pixels, alpha, GAMMA_18, None, "png"), tmp_path / name)

    back = read_picture(path)
    assert back.icc_profile == GAMMA_18
    assert np.abs(back.pixels.astype(int) - pixels).max() <= (1 if name.endswith(".jpg") else 0)


def test_a_grey_profile_littlecms_cannot_use_is_left_out(tmp_path: Path) -> None:
    unusable = icc.grey_profile(b"text\0\0\0\0no curve\0\0\0\0")
    pixels = grey_ramp(np.uint8)
    picture = Picture(pixels, None, unusable, None, "png")
    path = write_picture(picture, tmp_path / "grey.webp", quality=100)

    back = read_picture(path)
    assert back.icc_profile is None
    np.testing.assert_array_equal(back.pixels[..., 0], pixels)


def test_srgb_levels_are_littlecms_conversion_to_srgb() -> None:
    """The levels of sRGB's greys, at 8 bits those of LittleCMS's conversion into sRGB (which
    Pillow gives in 8 bits only), at 16 the same curve, finer."""
    ramp = np.arange(256, dtype=np.uint8)
    rgb = shown_in_srgb(ramp.reshape(16, 16), GAMMA_18).reshape(-1, 3)
    at_8_bits = icc.grey_in_srgb(ramp, GAMMA_18)
    np.testing.assert_array_equal(at_8_bits, rgb[:, 0])
    np.testing.assert_array_equal(rgb[:, 0], rgb[:, 2])

    at_16_bits = icc.grey_in_srgb(np.arange(65536, dtype=np.uint16), GAMMA_18).astype(int)
    assert np.abs(at_16_bits[::257] / 257 - at_8_bits).max() <= 0.5
    assert (np.diff(at_16_bits) >= 0).all()
