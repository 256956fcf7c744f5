"""A CMYK photo (TIFF or JPEG) that carries a CMYK profile is turned into sRGB through it, with
the perceptual intent, and its result is tagged sRGB; without a profile, its inks become RGB by
the decoder's formula as before. The profile is made here: a small lookup table of four inks
that are not pure (cyan takes some green, magenta some blue), on a slightly warm paper."""

from __future__ import annotations

import io
import struct

import numpy as np
import pytest
import tifffile
from PIL import Image, ImageCms

from engine import icc
from engine.decoding import decode_with_opencv
from engine.imageio import read_picture, write_picture

INK_ABSORPTION = np.array([[0.8, 0.15, 0.05], [0.1, 0.8, 0.2], [0.02, 0.08, 0.85], [0.9, 0.9, 0.9]])
"""How much of linear red, green and blue light each ink (C, M, Y, K) takes away."""
PAPER = np.array([0.92, 0.92, 0.88])
"""The paper's reflectance of linear red, green and blue light."""
PERCEPTUAL, RELATIVE = ImageCms.Intent.PERCEPTUAL, ImageCms.Intent.RELATIVE_COLORIMETRIC


def _inked_xyz(lift: float) -> np.ndarray:
    """D50 XYZ of the 16 corners of CMYK (no ink or full ink of each; C slowest), each ink
    taking its share of the paper's light; ``lift`` of white mixed in (a flatter table)."""
    inked = np.stack(np.meshgrid(*[[0, 1]] * 4, indexing="ij"), axis=-1).reshape(-1, 4)
    light = PAPER * np.prod(1 - inked[:, :, None] * INK_ABSORPTION, axis=1)
    light = light * (1 - lift) + lift
    return light @ icc.rgb_to_d50_xyz(icc.SRGB_PRIMARIES, icc.D65).T


def _lut16(xyz: np.ndarray) -> bytes:
    """An ICC lut16 tag of 4 inputs and 3 outputs (XYZ, 1.0 as 0x8000), 2 grid points a side,
    straight curves and matrix."""
    head = b"mft2" + bytes(4) + struct.pack(">4B", 4, 3, 2, 0)
    matrix = b"".join(struct.pack(">i", n) for n in (65536, 0, 0, 0, 65536, 0, 0, 0, 65536))
    curves_in = struct.pack(">HH8H", 2, 2, *[0, 65535] * 4)
    table = np.round(np.clip(xyz, 0, 1.99) * 32768).astype(">u2").tobytes()
    return head + matrix + curves_in + table + struct.pack(">6H", *[0, 65535] * 3)


@pytest.fixture(scope="module")
def cmyk_profile() -> bytes:
    """A CMYK profile whose perceptual table (A2B0) and colorimetric one (A2B1, flatter)
    differ, so that the intent a conversion used shows."""
    tags = [(b"wtpt", icc.xyz_tag(*icc.D50)), (b"A2B0", _lut16(_inked_xyz(0.0)))]
    return icc.display_profile(b"CMYK", [*tags, (b"A2B1", _lut16(_inked_xyz(0.2)))])


@pytest.fixture
def inks() -> np.ndarray:
    """Smooth CMYK samples (a JPEG keeps them within a level or two), all four inks varying."""
    rows, columns = np.mgrid[0:48, 0:64]
    ramps = [columns * 4, rows * 5, (rows + columns) * 2, np.abs(columns - 32) * 3]
    return np.clip(np.stack(ramps, axis=-1), 0, 255).astype(np.uint8)


def _cmyk_image(inks: np.ndarray) -> Image.Image:
    return Image.frombytes("CMYK", (inks.shape[1], inks.shape[0]), inks.tobytes())


def _in_srgb(inks: np.ndarray, profile: bytes, intent: ImageCms.Intent) -> np.ndarray:
    """The sRGB levels LittleCMS gives ``inks`` through ``profile`` with ``intent``."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    converted = ImageCms.profileToProfile(
        _cmyk_image(inks), source, ImageCms.createProfile("sRGB"), intent, "RGB"
    )
    return np.asarray(converted)


def _levels_apart(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(float) - b.astype(float)).mean())


def test_a_cmyk_tiff_is_turned_into_srgb_through_its_profile(tmp_path, inks, cmyk_profile):
    path = tmp_path / "proof.tif"
    _cmyk_image(inks).save(path, icc_profile=cmyk_profile)

    picture = read_picture(path)

    np.testing.assert_array_equal(picture.pixels, _in_srgb(inks, cmyk_profile, PERCEPTUAL))
    assert picture.icc_profile == icc.srgb_profile()
    formula, _ = decode_with_opencv(path.read_bytes(), "tif", "proof.tif")
    assert _levels_apart(picture.pixels, formula) > 10  # the profile's inks are not pure


def test_the_intent_is_perceptual(tmp_path, inks, cmyk_profile):
    path = tmp_path / "proof.tif"
    _cmyk_image(inks).save(path, icc_profile=cmyk_profile)
    perceptual = _in_srgb(inks, cmyk_profile, PERCEPTUAL)
    assert _levels_apart(perceptual, _in_srgb(inks, cmyk_profile, RELATIVE)) > 10

    np.testing.assert_array_equal(read_picture(path).pixels, perceptual)


def test_an_adobe_cmyk_jpeg_is_turned_into_srgb_through_its_profile(tmp_path, inks, cmyk_profile):
    """Pillow writes a CMYK JPEG as Photoshop does: inverted, saying so in its APP14 segment."""
    path = tmp_path / "proof.jpg"
    _cmyk_image(inks).save(path, quality=100, icc_profile=cmyk_profile)
    assert b"Adobe" in path.read_bytes()[:200]

    picture = read_picture(path)

    assert _levels_apart(picture.pixels, _in_srgb(inks, cmyk_profile, PERCEPTUAL)) < 1.5
    assert picture.icc_profile == icc.srgb_profile()


@pytest.mark.parametrize("suffix", [".png", ".tif", ".jpg"])
def test_the_result_of_a_cmyk_photo_is_tagged_srgb(tmp_path, inks, cmyk_profile, suffix):
    source = tmp_path / "proof.tif"
    _cmyk_image(inks).save(source, icc_profile=cmyk_profile)

    written = write_picture(read_picture(source), tmp_path / f"result{suffix}")

    with Image.open(written) as result:
        assert result.info.get("icc_profile") == icc.srgb_profile()


def test_a_cmyk_tiff_without_a_profile_keeps_the_decoders_formula(tmp_path, inks):
    path = tmp_path / "plain.tif"
    tifffile.imwrite(path, inks, photometric="separated")

    picture = read_picture(path)

    formula, _ = decode_with_opencv(path.read_bytes(), "tif", "plain.tif")
    np.testing.assert_array_equal(picture.pixels, formula)
    assert picture.icc_profile is None


def test_a_cmyk_jpeg_with_a_profile_littlecms_cannot_use_keeps_the_formula(tmp_path, inks):
    damaged = icc.display_profile(b"CMYK", [(b"wtpt", icc.xyz_tag(*icc.D50))])  # no table
    path = tmp_path / "proof.jpg"
    _cmyk_image(inks).save(path, quality=100, icc_profile=damaged)

    picture = read_picture(path)

    formula, _ = decode_with_opencv(path.read_bytes(), "jpg", "proof.jpg")
    np.testing.assert_array_equal(picture.pixels, formula)
    assert picture.icc_profile is None
