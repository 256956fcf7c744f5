"""Colours a file states in its own way: a CIELab TIFF turned into sRGB, a HEIC whose colours
only its nclx box names kept in a profile made from it, and a lossless WebP's result in a
lossless WebP."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pillow_heif
import pytest
import tifffile
from PIL import Image

from engine import icc
from engine.cli import main
from engine.icc import ORIENTATION
from engine.imageio import Picture, read_picture, write_picture

# ------------------------------------------------------------------ a reference, from the books

D50 = np.array([0.9642, 1.0, 0.8249])
BRADFORD_D50_TO_D65 = np.array(
    [
        [0.9555766, -0.0230393, 0.0631636],
        [-0.0282895, 1.0099416, 0.0210077],
        [0.0122982, -0.0204830, 1.3299098],
    ]
)
"""Bradford's adaptation from D50 to D65, as Bruce Lindbloom publishes it."""
XYZ_TO_SRGB = np.array(
    [
        [3.2404542, -1.5371385, -0.4985314],
        [-0.9692660, 1.8760108, 0.0415560],
        [0.0556434, -0.2040259, 1.0572252],
    ]
)
"""Linear sRGB of a D65 XYZ colour (IEC 61966-2-1)."""
DISPLAY_P3_TO_XYZ = np.array(
    [
        [0.4865709, 0.2656677, 0.1982173],
        [0.2289746, 0.6917385, 0.0792869],
        [0.0, 0.0451134, 1.0439444],
    ]
)
"""D65 XYZ of linear Display P3 (SMPTE EG 432-1 primaries, D65 white)."""


def srgb_encoded(linear: np.ndarray) -> np.ndarray:
    linear = np.clip(linear, 0, 1)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def srgb_decoded(levels: np.ndarray) -> np.ndarray:
    return np.where(levels <= 0.04045, levels / 12.92, ((levels + 0.055) / 1.055) ** 2.4)


def lab_in_srgb(lab: np.ndarray) -> np.ndarray:
    """sRGB (0 to 1) of D50 CIELab colours, by CIE's formulas."""
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    xyz = D50 * np.where(f > 6 / 29, f**3, 3 * (6 / 29) ** 2 * (f - 4 / 29))
    return srgb_encoded(xyz @ (XYZ_TO_SRGB @ BRADFORD_D50_TO_D65).T)


# ------------------------------------------------------------------------------- CIELab TIFFs

LAB = np.array(
    [[0, 0, 0], [50, 0, 0], [100, 0, 0], [60, 60, 40], [70, -50, 50], [40, 20, -60], [85, -5, 70]],
    dtype=np.float64,
)
"""Black, mid grey, white and saturated colours, as L*, a*, b*."""


def _lab_patches(stored: np.ndarray) -> np.ndarray:
    """Each colour of ``stored`` (7 x 3 samples) as an 8 x 8 patch, side by side."""
    return np.repeat(np.repeat(stored[None], 8, axis=0), 8, axis=1)


def _cielab_samples(bits: int) -> np.ndarray:
    """``LAB`` as a TIFF's CIELab stores it: L* over 0 to 2^bits - 1, a* and b* signed (in
    1/256ths at 16 bits), all written unsigned."""
    signed, unsigned = (np.int8, np.uint8) if bits == 8 else (np.int16, np.uint16)
    top = np.iinfo(unsigned).max
    scale = 1 if bits == 8 else 256
    samples = np.empty(LAB.shape, unsigned)
    samples[:, 0] = np.round(LAB[:, 0] * top / 100)
    samples[:, 1:] = np.round(LAB[:, 1:] * scale).astype(signed).view(unsigned)
    return _lab_patches(samples)


def _shown(path: Path, bits: int, turned: bool = False) -> np.ndarray:
    """The colour of each patch of the picture at ``path`` (0 to 1), its profile sRGB's;
    ``turned``: stored on its side, its EXIF saying so (6)."""
    picture = read_picture(path)
    assert picture.bit_depth == bits
    assert picture.icc_profile and icc.colour_space(picture.icc_profile) == "RGB"
    upright = picture.pixels
    assert upright.shape[:2] == ((56, 8) if turned else (8, 56))
    stored = np.rot90(upright) if turned else upright
    return stored[4, 4::8].astype(np.float64) / (2**bits - 1)


@pytest.mark.parametrize("bits", [8, 16])
def test_a_cielab_tiff_shows_its_colours_in_srgb(tmp_path, bits):
    """TIFF's CIELab is D50's: a neutral stays neutral (not yellow), mid grey is sRGB's 119,
    white is white and the saturated colours are CIE's formulas' sRGB ones."""
    path = tmp_path / "lab.tif"
    tifffile.imwrite(path, _cielab_samples(bits), photometric="cielab")
    shown = _shown(path, bits)
    np.testing.assert_allclose(shown, lab_in_srgb(LAB), atol=1.01 / 255)
    assert round(shown[1, 0] * 255) == 119 and np.ptp(shown[1]) < 1 / 255
    assert (shown[2] * 255).round().min() == 255


def test_an_icclab_tiff_shows_its_colours_in_srgb(tmp_path):
    """ICCLab stores a* and b* offset by 128, not signed."""
    samples = np.column_stack([np.round(LAB[:, 0] * 2.55), LAB[:, 1:] + 128]).astype(np.uint8)
    path = tmp_path / "icclab.tif"
    tifffile.imwrite(path, _lab_patches(samples), photometric="icclab")
    np.testing.assert_allclose(_shown(path, 8), lab_in_srgb(LAB), atol=1.01 / 255)


@pytest.mark.parametrize("compression", ["raw", "tiff_lzw"])
def test_a_turned_cielab_tiff_is_read_upright(tmp_path, compression):
    """Uncompressed, from tifffile; in LZW, which tifffile here lacks, from Pillow's libtiff
    (which turns it upright as it reads it)."""
    samples = _cielab_samples(8)
    image = Image.frombytes("LAB", (samples.shape[1], 8), samples.tobytes())
    exif = image.getexif()
    exif[ORIENTATION] = 6
    path = tmp_path / "turned.tif"
    image.save(path, compression=compression, exif=exif)
    shown = _shown(path, 8, turned=True)
    np.testing.assert_allclose(shown, lab_in_srgb(LAB), atol=1.01 / 255)


# --------------------------------------------------------------------------------- HEIC's nclx


def _shown_in_srgb(picture: Picture) -> np.ndarray:
    """What a colour-managed viewer shows of an 8-bit RGB picture, as sRGB levels."""
    assert picture.icc_profile and icc.colour_space(picture.icc_profile) == "RGB"
    return icc.rgb_in_srgb(picture.pixels, picture.icc_profile).astype(np.float64)


def test_a_heic_in_display_p3_named_by_nclx_keeps_its_colours(tmp_path):
    """A phone's HEIC whose colours only its nclx box names (Display P3, sRGB's curve): its
    result carries a profile that shows them as Display P3, in a JPEG as in the picture."""
    pillow_heif.register_heif_opener()
    levels = np.array([[200, 60, 50], [60, 170, 80], [50, 80, 190], [128, 128, 128]], np.uint8)
    flat = np.repeat(np.repeat(levels[None], 16, axis=0), 16, axis=1)
    path = tmp_path / "phone.heic"
    nclx = {"color_primaries": 12, "transfer_characteristics": 13, "matrix_coefficients": 6}
    Image.fromarray(flat).save(path, quality=100, full_range_flag=1, **nclx)
    picture = read_picture(path)
    decoded = picture.pixels[8, 8::16].astype(np.float64) / 255
    linear_srgb = srgb_decoded(decoded) @ (XYZ_TO_SRGB @ DISPLAY_P3_TO_XYZ).T
    expected = srgb_encoded(linear_srgb) * 255
    np.testing.assert_allclose(_shown_in_srgb(picture)[8, 8::16], expected, atol=2.01)
    jpeg = read_picture(write_picture(picture, tmp_path / "phone.jpg"))
    assert jpeg.icc_profile == picture.icc_profile


@pytest.mark.parametrize(("transfer", "curve"), [(13, srgb_decoded), (4, lambda v: v**2.2)])
def test_a_heic_in_srgb_primaries_shows_as_its_transfer_says(tmp_path, transfer, curve):
    """BT.709's primaries with sRGB's curve are sRGB; with a gamma of 2.2, its tones."""
    pillow_heif.register_heif_opener()
    ramp = np.repeat(np.repeat(np.arange(0, 256, 32, dtype=np.uint8), 8)[None], 8, axis=0)
    path = tmp_path / "ramp.heic"
    Image.fromarray(np.dstack([ramp] * 3)).save(
        path,
        quality=100,
        color_primaries=1,
        transfer_characteristics=transfer,
        matrix_coefficients=6,
        full_range_flag=1,
    )
    picture = read_picture(path)
    decoded = picture.pixels[4, 4::8, 1].astype(np.float64) / 255
    expected = srgb_encoded(curve(decoded)) * 255
    np.testing.assert_allclose(_shown_in_srgb(picture)[4, 4::8, 1], expected, atol=1.01)


# ------------------------------------------------------------------------------ lossless WebP


def _webp_kind(path: Path) -> bytes:
    """The chunk of a simple or extended WebP's picture, the first of the two in the file:
    b"VP8L" lossless, b"VP8 " lossy."""
    data = path.read_bytes()
    found = {kind: data.find(kind) for kind in (b"VP8L", b"VP8 ") if kind in data}
    return min(found, key=found.get)


def test_a_lossless_webp_gives_a_lossless_webp_result_and_a_lossy_one_a_lossy(tmp_path, rng):
    """A result in the original's format keeps its compression: a lossless master's loses
    nothing, a lossy photo's stays small."""
    noise = rng.integers(0, 256, (32, 48, 3), dtype=np.uint8)
    for lossless in (True, False):
        name = "master" if lossless else "photo"
        Image.fromarray(noise).save(tmp_path / f"{name}.webp", lossless=lossless, quality=90)
    out = tmp_path / "out"
    command = ["restore", str(tmp_path / "master.webp"), str(tmp_path / "photo.webp")]
    assert main([*command, "-o", str(out), "--model", "cleanup-x1"]) == 0
    assert _webp_kind(out / "master.webp") == b"VP8L"
    assert _webp_kind(out / "photo.webp") == b"VP8 "
    again = write_picture(read_picture(tmp_path / "master.webp"), tmp_path / "again.webp")
    np.testing.assert_array_equal(read_picture(again).pixels, noise)
