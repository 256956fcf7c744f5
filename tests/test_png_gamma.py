"""A PNG without an ICC profile may say how its numbers map to tones and colours with its gAMA,
cHRM and sRGB chunks (a scan in gamma 1.8, say). Its PNG result keeps those chunks; a result
in another format carries the profile they make (or, in a BMP, its pixels converted to sRGB),
so the result shows the original's tones."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine import icc
from engine.comparison import write_comparison
from engine.imageio import Picture, read_picture, write_picture
from tests.test_comparison import ADOBE_RGB_LIKE
from tests.test_icc_grey import grey_ramp, shown_from_file

COLOUR_CHUNKS = (b"gAMA", b"cHRM", b"sRGB", b"iCCP")
GAMMA_18 = (b"gAMA", struct.pack(">I", 55556))  # stored as 1/1.8, times 100000
GAMMA_22 = (b"gAMA", struct.pack(">I", 45455))
SRGB_INTENT = (b"sRGB", b"\x00")
SRGB_XY = ((0.64, 0.33), (0.30, 0.60), (0.15, 0.06))
ADOBE_XY = ((0.64, 0.33), (0.21, 0.71), (0.15, 0.06))
D65 = (0.3127, 0.3290)


def chrm(primaries: tuple[tuple[float, float], ...], white: tuple[float, float]) -> tuple:
    """A cHRM chunk: white, red, green and blue as CIE xy, each number times 100000."""
    numbers = [round(v * 100000) for xy in (white, *primaries) for v in xy]
    return (b"cHRM", struct.pack(">8I", *numbers))


def png_with(path: Path, pixels: np.ndarray, chunks: list[tuple[bytes, bytes]], **kw) -> Path:
    """A PNG of 8-bit ``pixels`` (as Pillow writes it, ``kw`` its options) with ``chunks``
    (``with_chunks``)."""
    Image.fromarray(pixels).save(path, **kw)
    return with_chunks(path, chunks)


def with_chunks(path: Path, chunks: list[tuple[bytes, bytes]]) -> Path:
    """The PNG at ``path`` with ``chunks`` right after its header, as scanners' software
    writes them."""
    data = path.read_bytes()
    head = 8 + 25  # the signature and IHDR
    path.write_bytes(data[:head] + b"".join(icc.png_chunk(*c) for c in chunks) + data[head:])
    return path


def colour_chunks(path: Path) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks saying how its numbers look: gAMA, cHRM, sRGB and iCCP, in order."""
    data, pos, found = path.read_bytes(), 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind in COLOUR_CHUNKS:
            found.append((kind, data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return found


def colours() -> np.ndarray:
    """Smooth colours (which JPEG keeps well), pale to saturated, 24 by 32 pixels."""
    across, down = np.meshgrid(np.linspace(0, 255, 32), np.linspace(0, 255, 24))
    return np.dstack([across, down, 255 - (across + down) / 2]).round().astype(np.uint8)


def to_xyz(primaries: tuple[tuple[float, float], ...], white: tuple[float, float]) -> np.ndarray:
    """The matrix taking linear RGB of ``primaries`` and ``white`` to CIE XYZ."""
    columns = np.array([[x / y, 1.0, (1 - x - y) / y] for x, y in primaries]).T
    x, y = white
    return columns * np.linalg.solve(columns, [x / y, 1.0, (1 - x - y) / y])


def srgb_shown(
    levels: np.ndarray, gamma: float, primaries: tuple[tuple[float, float], ...] = SRGB_XY
) -> np.ndarray:
    """The 8-bit sRGB colours of 8-bit ``levels`` stored with PNG's ``gamma`` (gAMA: linear
    light ** gamma) of RGB ``primaries`` with D65 white (cHRM), as the PNG spec reads them."""
    linear = (levels / 255.0) ** (1 / gamma)
    if levels.ndim == 3:
        mix = np.linalg.inv(to_xyz(SRGB_XY, D65)) @ to_xyz(primaries, D65)
        linear = np.clip(linear @ mix.T, 0, 1)
    encoded = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    shown = np.round(encoded * 255).astype(np.int16)
    return shown if shown.ndim == 3 else np.repeat(shown[..., None], 3, axis=2)


@pytest.mark.parametrize(
    "chunks",
    [
        [GAMMA_18],
        [GAMMA_22, chrm(ADOBE_XY, D65)],
        [SRGB_INTENT, GAMMA_22, chrm(SRGB_XY, D65)],
        [chrm(ADOBE_XY, D65)],
    ],
)
def test_a_png_result_keeps_the_colour_chunks_of_its_png(tmp_path: Path, chunks: list) -> None:
    pixels = colours()
    source = png_with(tmp_path / "scan.png", pixels, chunks)

    result = write_picture(read_picture(source), tmp_path / "result.png")

    assert colour_chunks(result) == chunks  # and no iCCP
    np.testing.assert_array_equal(read_picture(result).pixels, pixels)


def test_a_grey_png_result_keeps_its_gamma(tmp_path: Path) -> None:
    source = png_with(tmp_path / "scan.png", grey_ramp(np.uint8), [GAMMA_18])

    result = write_picture(read_picture(source), tmp_path / "result.png")

    assert colour_chunks(result) == [GAMMA_18]
    assert read_picture(result).pixels.ndim == 2


def test_a_png_with_an_icc_profile_gets_it_in_place_of_its_chunks(tmp_path: Path) -> None:
    """The profile overrides the chunks, and says all they say."""
    kw = {"icc_profile": ADOBE_RGB_LIKE}
    source = png_with(tmp_path / "scan.png", colours(), [GAMMA_18, chrm(SRGB_XY, D65)], **kw)

    result = write_picture(read_picture(source), tmp_path / "result.png")

    assert [kind for kind, _ in colour_chunks(result)] == [b"iCCP"]
    assert read_picture(result).icc_profile == ADOBE_RGB_LIKE


CHUNKS_AND_LOOK = [
    ([GAMMA_18], 1 / 1.8, SRGB_XY),
    ([GAMMA_22, chrm(ADOBE_XY, D65)], 0.45455, ADOBE_XY),
]


@pytest.mark.parametrize("name", ["r.tif", "r.webp", "r.bmp"])
@pytest.mark.parametrize(("chunks", "gamma", "primaries"), CHUNKS_AND_LOOK)
def test_a_result_in_another_format_shows_the_tones_of_the_png(
    tmp_path: Path, name: str, chunks: list, gamma: float, primaries: tuple
) -> None:
    pixels = colours()
    source = png_with(tmp_path / "scan.png", pixels, chunks)

    result = write_picture(read_picture(source), tmp_path / name, quality=100)

    expected = srgb_shown(pixels, gamma, primaries)
    assert np.abs(shown_from_file(result) - expected).max() <= 2  # LittleCMS's 8-bit steps
    assert np.abs(expected - pixels).max() > 10  # the PNG's numbers taken as sRGB's look else


@pytest.mark.parametrize(("chunks", "gamma", "primaries"), CHUNKS_AND_LOOK)
def test_a_jpeg_result_says_its_levels_look_as_the_png_says(
    tmp_path: Path, chunks: list, gamma: float, primaries: tuple
) -> None:
    """JPEG's losses aside (which, out of sRGB's gamut, a conversion to it magnifies)."""
    source = png_with(tmp_path / "scan.png", colours(), chunks)

    result = write_picture(read_picture(source), tmp_path / "r.jpg", quality=100)

    stored = read_picture(result).pixels
    assert np.abs(shown_from_file(result) - srgb_shown(stored, gamma, primaries)).max() <= 2


@pytest.mark.parametrize("name", ["r.jpg", "r.webp", "r.bmp"])
def test_a_grey_png_in_gamma_18_shows_its_greys_in_another_format(
    tmp_path: Path, name: str
) -> None:
    grey = grey_ramp(np.uint8)
    source = png_with(tmp_path / "scan.png", grey, [GAMMA_18])

    result = write_picture(read_picture(source), tmp_path / name, quality=100)

    assert np.abs(shown_from_file(result) - srgb_shown(grey, 1 / 1.8)).max() <= 2


def test_a_sixteen_bit_png_keeps_its_depth_and_tones_in_a_tiff(tmp_path: Path) -> None:
    pixels = colours()
    deep = Picture(pixels.astype(np.uint16) * 257, None, None, None, "png")
    source = with_chunks(write_picture(deep, tmp_path / "scan.png"), [GAMMA_18])

    result = write_picture(read_picture(source), tmp_path / "r.tif")

    assert read_picture(result).pixels.dtype == np.uint16
    assert np.abs(shown_from_file(result) - srgb_shown(pixels, 1 / 1.8)).max() <= 2


def test_a_comparison_with_a_jpeg_result_shows_the_png_in_its_tones(tmp_path: Path) -> None:
    pixels = colours()
    source = png_with(tmp_path / "scan.png", pixels, [GAMMA_18])
    result = write_picture(read_picture(source), tmp_path / "result.jpg", quality=100)

    shown = shown_from_file(write_comparison(source, result, tmp_path / "side.png"))

    assert np.abs(shown[:, :15] - srgb_shown(pixels, 1 / 1.8)[:, :15]).max() <= 2


@pytest.mark.parametrize(
    "chunks",
    [
        [(b"gAMA", struct.pack(">I", 1))],  # a gamma of 0.00001: no tone curve holds it
        [(b"gAMA", struct.pack(">I", 0))],
        [GAMMA_18, (b"cHRM", bytes(32))],  # no gamut: gamma 1.8 in sRGB's primaries
    ],
)
def test_chunks_of_impossible_numbers_harm_nothing(tmp_path: Path, chunks: list) -> None:
    pixels = colours()
    source = png_with(tmp_path / "scan.png", pixels, chunks)

    picture = read_picture(source)
    result = write_picture(picture, tmp_path / "result.png")
    write_picture(picture, tmp_path / "result.jpg")

    assert colour_chunks(result) == chunks
    np.testing.assert_array_equal(read_picture(result).pixels, pixels)
