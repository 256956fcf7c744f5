"""Reading and writing photos: real files in tmp_path, pictures synthesised with numpy."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
import tifffile
from PIL import Image, ImageCms, ImageOps

from engine import imageio
from engine.errors import ImageReadError, ImageWriteError
from engine.imageio import (
    FORMAT_EXTENSIONS,
    SUPPORTED_EXTENSIONS,
    Picture,
    is_supported_image,
    picture_is_whole,
    read_picture,
    unique_path,
    write_picture,
)
from tests.fault_helpers import fill_the_disk_after

ORIENTATION = 0x0112
MAKE, MODEL, DATE_TIME, ARTIST, COPYRIGHT = 0x010F, 0x0110, 0x0132, 0x013B, 0x8298
X_RESOLUTION, Y_RESOLUTION, RESOLUTION_UNIT = 0x011A, 0x011B, 0x0128
LZW = 5  # TIFF's Compression tag
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
RED, GREEN, BLUE, YELLOW = (220, 30, 30), (30, 200, 40), (40, 50, 210), (230, 220, 40)


def noise(shape: tuple[int, ...], dtype: type = np.uint8, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, np.iinfo(dtype).max + 1, shape, dtype=dtype)


def gradient(height: int = 48, width: int = 64) -> np.ndarray:
    """A smooth RGB picture lossy codecs reproduce closely."""
    y, x = np.mgrid[0:height, 0:width]
    return np.stack(
        [x * 255 // width, y * 255 // height, (x + y) * 255 // (width + height)], axis=-1
    ).astype(np.uint8)


def quadrants(height: int = 48, width: int = 80) -> np.ndarray:
    """Non-square, each corner a different colour: every rotation or flip looks different."""
    arr = np.empty((height, width, 3), np.uint8)
    h, w = height // 2, width // 2
    arr[:h, :w], arr[:h, w:], arr[h:, :w], arr[h:, w:] = RED, GREEN, BLUE, YELLOW
    return arr


def corners(arr: np.ndarray) -> list[np.ndarray]:
    """Colours 4 pixels in from the top-left, top-right, bottom-left, bottom-right corners."""
    return [arr[4, 4], arr[4, -5], arr[-5, 4], arr[-5, -5]]


def picture(pixels: np.ndarray, alpha: np.ndarray | None = None, **kw: object) -> Picture:
    fields = {"icc_profile": None, "exif": None, "source_format": "png"} | kw
    return Picture(pixels, alpha, **fields)


def exif_bytes(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Rekindle test cam"
    return exif.tobytes()


def orientation_tag(orientation: int) -> tuple[int, int, int, int, bool]:
    """tifffile's ``extratags`` entry for a TIFF's own Orientation tag."""
    return (ORIENTATION, 3, 1, orientation, True)


def channels(samples: np.ndarray) -> int:
    return 1 if samples.ndim == 2 else samples.shape[2]


def colours_and_alpha(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Grey or RGB colours and the alpha (None without) of samples as ``write_tiff`` takes
    them."""
    count = channels(samples)
    if count in (1, 3):
        return samples, None
    return (samples[..., 0] if count == 2 else samples[..., :3]), samples[..., -1]


def write_tiff(
    path: Path, samples: np.ndarray, *, planes: bool = False, lzw: bool = False, **options: object
) -> None:
    """Grey or RGB ``samples``, alpha last where there are 2 or 4 channels, as a TIFF:
    ``planes``: one channel at a time (tifffile's axes "SYX"), else side by side; ``lzw``:
    LZW-compressed; ``options``: tifffile's."""
    count = channels(samples)
    options = {
        "photometric": "minisblack" if count < 3 else "rgb",
        "extrasamples": ("unassalpha",) if count in (2, 4) else None,
    } | options
    if planes:
        samples = np.moveaxis(samples, -1, 0)
        options["planarconfig"] = "separate"
    (write_lzw_tiff if lzw else tifffile.imwrite)(path, samples, **options)


def write_lzw_tiff(path: Path, stored: np.ndarray, **options: object) -> None:
    """``stored`` (laid out as tifffile stores it) in LZW, one strip a plane: tifffile writes
    LZW only with imagecodecs, so the codes go in as ZIP's and the Compression tag is changed."""
    strips = stored if options.get("planarconfig") == "separate" else stored[None]
    tifffile.imwrite(
        path,
        (lzw_literals(strip.tobytes()) for strip in strips),
        shape=stored.shape,
        dtype=stored.dtype,
        compression="zlib",
        rowsperstrip=strips.shape[1],
        **options,
    )
    with tifffile.TiffFile(path, mode="r+b") as tif:
        tif.pages.first.tags["Compression"].overwrite(LZW)


def lzw_literals(raw: bytes) -> bytes:
    """``raw`` in TIFF's LZW, every byte a 9-bit literal code: the table is cleared before its
    codes would widen to 10 bits (at 511 entries)."""
    codes = []
    for start in range(0, len(raw), 250):
        codes += [256, *raw[start : start + 250]]  # 256: clear the table
    codes.append(257)  # end of information
    bits = "".join(f"{code:09b}" for code in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def jpeg_bytes(arr: np.ndarray, **save: object) -> bytes:
    out = io.BytesIO()
    Image.fromarray(arr).save(out, "JPEG", quality=95, **save)
    return out.getvalue()


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", sorted(FORMAT_EXTENSIONS))
def test_rgb_8bit_round_trip(tmp_path: Path, fmt: str) -> None:
    lossy = fmt in ("jpg", "webp")
    pixels = gradient() if lossy else noise((30, 41, 3))
    path = write_picture(picture(pixels), tmp_path / f"out{FORMAT_EXTENSIONS[fmt]}")

    back = read_picture(path)

    assert back.source_format == fmt
    assert back.pixels.dtype == np.uint8 and back.pixels.shape == pixels.shape
    assert back.alpha is None
    if lossy:
        assert np.abs(back.pixels.astype(int) - pixels).mean() < 2.5
    else:
        np.testing.assert_array_equal(back.pixels, pixels)


@pytest.mark.parametrize("ext", [".png", ".tif"])
def test_16bit_round_trip_is_exact(tmp_path: Path, ext: str) -> None:
    pixels = noise((17, 23, 3), np.uint16)
    back = read_picture(write_picture(picture(pixels), tmp_path / f"deep{ext}"))
    assert back.pixels.dtype == np.uint16 and back.bit_depth == 16
    np.testing.assert_array_equal(back.pixels, pixels)


@pytest.mark.parametrize("ext", [".png", ".tif"])
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_grayscale_stays_2d(tmp_path: Path, ext: str, dtype: type) -> None:
    pixels = noise((19, 21), dtype)
    back = read_picture(write_picture(picture(pixels), tmp_path / f"grey{ext}"))
    assert back.pixels.ndim == 2 and back.pixels.dtype == dtype
    np.testing.assert_array_equal(back.pixels, pixels)


def test_grayscale_jpeg_stays_2d(tmp_path: Path) -> None:
    pixels = gradient()[..., 0]
    back = read_picture(write_picture(picture(pixels), tmp_path / "grey.jpg"))
    assert back.pixels.shape == pixels.shape
    assert np.abs(back.pixels.astype(int) - pixels).mean() < 2


@pytest.mark.parametrize(
    ("ext", "dtype"),
    [
        (".png", np.uint8),
        (".png", np.uint16),
        (".tif", np.uint8),
        (".tif", np.uint16),
        (".webp", np.uint8),
    ],
)
def test_rgba_alpha_survives_exactly(tmp_path: Path, ext: str, dtype: type) -> None:
    pixels, alpha = noise((13, 27, 3), dtype, seed=1), noise((13, 27), dtype, seed=2)
    # WebP at quality 100 is lossless; the colour under transparent pixels is kept too.
    path = write_picture(picture(pixels, alpha), tmp_path / f"rgba{ext}", quality=100)

    back = read_picture(path)

    np.testing.assert_array_equal(back.alpha, alpha)
    np.testing.assert_array_equal(back.pixels, pixels)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_grey_with_alpha_tiff_stays_2d(tmp_path: Path, dtype: type) -> None:
    pixels, alpha = noise((11, 14), dtype, seed=3), noise((11, 14), dtype, seed=4)
    back = read_picture(write_picture(picture(pixels, alpha), tmp_path / "ga.tif"))
    np.testing.assert_array_equal(back.pixels, pixels)
    np.testing.assert_array_equal(back.alpha, alpha)


def test_grey_with_alpha_png_reads_as_2d(tmp_path: Path) -> None:
    samples = noise((9, 12, 2), seed=5)
    path = tmp_path / "la.png"
    Image.fromarray(samples, "LA").save(path)
    back = read_picture(path)
    np.testing.assert_array_equal(back.pixels, samples[..., 0])
    np.testing.assert_array_equal(back.alpha, samples[..., 1])


@pytest.mark.parametrize("ext", [".jpg", ".bmp"])
def test_formats_without_alpha_composite_over_white(tmp_path: Path, ext: str) -> None:
    pixels = np.full((32, 32, 3), RED, np.uint8)
    alpha = np.zeros((32, 32), np.uint8)
    alpha[:, 16:] = 255
    back = read_picture(write_picture(picture(pixels, alpha), tmp_path / f"flat{ext}"))
    assert back.alpha is None
    assert np.abs(back.pixels[16, 4].astype(int) - 255).max() <= 3  # transparent -> white
    assert np.abs(back.pixels[16, 28].astype(int) - RED).max() <= 3  # opaque -> unchanged


def test_16bit_to_8bit_rounds(tmp_path: Path) -> None:
    values = np.array([[0, 128, 129, 257 * 100, 257 * 100 + 129, 65535]], np.uint16)
    back = read_picture(write_picture(picture(values), tmp_path / "eight.bmp"))
    np.testing.assert_array_equal(back.pixels, [[0, 0, 1, 100, 101, 255]])


# --------------------------------------------------------------------------- orientation


@pytest.mark.parametrize(
    ("orientation", "expected_corners"),
    [
        (3, [YELLOW, BLUE, GREEN, RED]),  # turned 180
        (6, [BLUE, RED, YELLOW, GREEN]),  # turned 90 clockwise
        (8, [GREEN, YELLOW, RED, BLUE]),  # turned 90 counter-clockwise
    ],
)
def test_jpeg_exif_orientation_is_applied(
    tmp_path: Path, orientation: int, expected_corners: list[tuple[int, int, int]]
) -> None:
    stored = quadrants(48, 80)
    path = tmp_path / "camera.jpg"
    path.write_bytes(jpeg_bytes(stored, exif=exif_bytes(orientation)))

    back = read_picture(path)

    upright_shape = (48, 80) if orientation == 3 else (80, 48)
    assert back.pixels.shape[:2] == upright_shape
    for got, want in zip(corners(back.pixels), expected_corners, strict=True):
        assert np.abs(got.astype(int) - want).max() <= 12
    kept = Image.Exif()
    kept.load(back.exif)
    assert kept[ORIENTATION] == 1 and kept[MAKE] == "Rekindle test cam"

    out = write_picture(back, tmp_path / "restored.jpg")
    with Image.open(out) as written:
        assert written.getexif()[ORIENTATION] == 1
        assert written.getexif()[MAKE] == "Rekindle test cam"
        assert written.size == (upright_shape[1], upright_shape[0])


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_matches_pillow(tmp_path: Path, orientation: int) -> None:
    path = tmp_path / "oriented.png"
    Image.fromarray(noise((6, 10, 3), seed=orientation)).save(path, exif=exif_bytes(orientation))
    with Image.open(path) as im:
        expected = np.asarray(ImageOps.exif_transpose(im))
    np.testing.assert_array_equal(read_picture(path).pixels, expected)


def test_orientation_also_turns_alpha(tmp_path: Path) -> None:
    rgba = noise((6, 10, 4), seed=9)
    path = tmp_path / "oriented.png"
    Image.fromarray(rgba, "RGBA").save(path, exif=exif_bytes(6))
    back = read_picture(path)
    np.testing.assert_array_equal(back.alpha, np.rot90(rgba[..., 3], -1))


def test_huge_images_keep_orientation_despite_pillow_bomb_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.jpg"
    path.write_bytes(jpeg_bytes(quadrants(48, 80), exif=exif_bytes(6)))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # the picture is "a bomb" to Pillow

    assert read_picture(path).pixels.shape[:2] == (80, 48)
    assert Image.MAX_IMAGE_PIXELS == 100  # and Pillow's own limit is left as it was


@pytest.mark.parametrize("orientation", range(1, 9))
def test_tiff_orientation_is_applied_once_as_for_jpeg(tmp_path: Path, orientation: int) -> None:
    """OpenCV turns a TIFF itself, as its Orientation tag says; it must not be turned again."""
    stored = quadrants(48, 80)
    jpeg = tmp_path / "camera.jpg"
    jpeg.write_bytes(jpeg_bytes(stored, exif=exif_bytes(orientation)))
    tiff = tmp_path / "scan.tif"
    tifffile.imwrite(tiff, stored, photometric="rgb", extratags=[orientation_tag(orientation)])

    from_jpeg, from_tiff = read_picture(jpeg).pixels, read_picture(tiff).pixels

    assert from_tiff.shape == from_jpeg.shape
    for got, want in zip(corners(from_tiff), corners(from_jpeg), strict=True):
        assert np.abs(got.astype(int) - want).max() <= 12


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize(
    ("shape", "dtype", "layout"),
    [
        ((6, 10), np.uint16, {}),  # read by OpenCV
        ((6, 10, 4), np.uint8, {}),  # the rest by tifffile: with alpha,
        ((6, 10, 3), np.uint16, {"planes": True}),  # one channel at a time,
        ((6, 10, 3), np.uint8, {"tile": (16, 16)}),  # tiled
        ((6, 10, 2), np.uint8, {"lzw": True}),  # grey with alpha in LZW, by Pillow
        ((6, 10, 2), np.uint16, {"lzw": True}),  # and of 16 bits, as a wider grey picture
    ],
)
def test_every_tiff_orientation_matches_png(
    tmp_path: Path, orientation: int, shape: tuple[int, ...], dtype: type, layout: dict
) -> None:
    stored = noise(shape, dtype, seed=orientation)
    tiff = tmp_path / "oriented.tif"
    write_tiff(tiff, stored, extratags=[orientation_tag(orientation)], **layout)
    pixels, alpha = colours_and_alpha(stored)
    png = write_picture(picture(pixels, alpha, exif=exif_bytes(orientation)), tmp_path / "o.png")

    from_png, from_tiff = read_picture(png), read_picture(tiff)

    # a PNG of 16-bit grey with alpha is written as RGB with alpha
    made_rgb = from_png.pixels.ndim > from_tiff.pixels.ndim
    colours = from_png.pixels[..., 0] if made_rgb else from_png.pixels
    np.testing.assert_array_equal(from_tiff.pixels, colours)
    np.testing.assert_array_equal(from_tiff.alpha, from_png.alpha)


# --------------------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("ext", "dtype"),
    [
        (".png", np.uint8),
        (".png", np.uint16),
        (".jpg", np.uint8),
        (".webp", np.uint8),
        (".tif", np.uint8),
        (".tif", np.uint16),
    ],
)
def test_icc_profile_is_kept(tmp_path: Path, ext: str, dtype: type) -> None:
    path = write_picture(
        picture(noise((8, 8, 3), dtype), icc_profile=SRGB), tmp_path / f"profiled{ext}"
    )
    assert read_picture(path).icc_profile == SRGB
    with Image.open(path) as im:  # another reader finds it too
        assert im.info.get("icc_profile") == SRGB


def test_profile_that_does_not_describe_the_pixels_is_left_out(tmp_path: Path) -> None:
    path = write_picture(picture(noise((8, 8)), icc_profile=SRGB), tmp_path / "grey.png")
    assert read_picture(path).icc_profile is None
    assert b"iCCP" not in path.read_bytes()


@pytest.mark.parametrize("ext", [".png", ".jpg", ".webp"])
def test_exif_is_kept(tmp_path: Path, ext: str) -> None:
    path = write_picture(picture(gradient(), exif=exif_bytes(1)), tmp_path / f"e{ext}")
    with Image.open(path) as im:
        assert im.getexif()[MAKE] == "Rekindle test cam"
    assert read_picture(path).exif is not None


SCAN_TAGS = {
    ARTIST: "Jane Archivist",
    COPYRIGHT: "(c) Family Trust",
    DATE_TIME: "2020:01:02 03:04:05",
    MAKE: "Epson",
}


@pytest.mark.parametrize("ext", [".tif", ".png", ".jpg"])
def test_a_scans_own_tags_and_resolution_are_kept_in_every_format(tmp_path: Path, ext: str) -> None:
    source = tmp_path / "scan.tif"
    tifffile.imwrite(
        source,
        gradient(),
        photometric="rgb",
        resolution=(600, 600),
        resolutionunit="INCH",
        extratags=[(code, "s", 0, value, True) for code, value in SCAN_TAGS.items()],
    )

    path = write_picture(read_picture(source), tmp_path / f"restored{ext}")

    with Image.open(path) as im:  # a TIFF's own tags, the others' EXIF
        exif = im.getexif()
    assert {code: exif.get(code) for code in SCAN_TAGS} == SCAN_TAGS
    assert (exif[X_RESOLUTION], exif[Y_RESOLUTION], exif[RESOLUTION_UNIT]) == (600, 600, 2)


@pytest.mark.parametrize("endian", ["<", ">"])
def test_a_tiff_keeps_a_cameras_exif_as_its_own_tags(tmp_path: Path, endian: str) -> None:
    exif = Image.Exif()
    exif.endian = endian
    exif[MAKE], exif[MODEL], exif[DATE_TIME] = "Kodak", "Retina IIIc", "1961:07:04 10:00:00"
    exif[X_RESOLUTION] = exif[Y_RESOLUTION] = 72
    exif[RESOLUTION_UNIT] = 3  # centimetres
    exif[0x0131], exif[0x010E] = "Rekindle", "Restored with Restore 4x"  # the marks

    path = write_picture(picture(gradient(), exif=exif.tobytes()), tmp_path / "camera.tif")

    with tifffile.TiffFile(path) as tif:
        assert tif.byteorder == "<"
        tags = {tag.name: tag.value for tag in tif.pages.first.tags.values()}
    assert (tags["Make"], tags["Model"], tags["DateTime"]) == ("Kodak", "Retina IIIc", exif[306])
    assert (tags["Software"], tags["ImageDescription"]) == ("Rekindle", "Restored with Restore 4x")
    assert (tags["XResolution"], tags["ResolutionUnit"]) == ((72, 1), tifffile.RESUNIT.CENTIMETER)


def test_tiff_storage_tags_are_not_carried_as_exif(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    tifffile.imwrite(path, noise((8, 8, 3)), photometric="rgb", software="ScanWorks")
    exif = Image.Exif()
    exif.load(read_picture(path).exif)
    assert exif[0x0131] == "ScanWorks"  # Software
    assert 273 not in exif and 256 not in exif  # StripOffsets, ImageWidth


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_float_tiff_becomes_16bit(tmp_path: Path, dtype: type) -> None:
    path = tmp_path / "float.tif"
    values = np.array([[0.0, 0.5, 1.0]], dtype)
    tifffile.imwrite(path, values)
    back = read_picture(path)
    assert back.pixels.dtype == np.uint16
    np.testing.assert_array_equal(back.pixels, [[0, 32768, 65535]])


def test_float_tiff_outside_0_to_1_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hdr.tif"
    tifffile.imwrite(path, np.array([[0.0, 7.5]], np.float32))
    with pytest.raises(ImageReadError, match=r"^hdr\.tif: .*outside 0 to 1"):
        read_picture(path)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_premultiplied_alpha_tiff_reads_as_straight_alpha(tmp_path: Path, dtype: type) -> None:
    """Associated alpha (ExtraSamples 1) stores colours multiplied by alpha; Rekindle keeps
    them straight, as it writes them."""
    top = np.iinfo(dtype).max
    straight = np.array([[[200, 100, 50]] * 3], dtype) * (top // 255)
    alpha = np.array([[top, top // 5, 0]], dtype)  # opaque, a fifth, transparent
    premultiplied = (straight.astype(np.uint64) * alpha[..., None] // top).astype(dtype)
    path = tmp_path / "premultiplied.tif"
    tifffile.imwrite(
        path,
        np.dstack([premultiplied, alpha]),
        photometric="rgb",
        extrasamples=("assocalpha",),
    )

    back = read_picture(path)

    np.testing.assert_array_equal(back.alpha, alpha)
    np.testing.assert_array_equal(back.pixels[0, :2], straight[0, :2])
    np.testing.assert_array_equal(back.pixels[0, 2], [0, 0, 0])  # nothing shows there


def test_premultiplied_alpha_tiff_looks_the_same_once_saved(tmp_path: Path) -> None:
    colours = noise((8, 8, 3), seed=4)
    alpha = noise((8, 8), seed=5)
    premultiplied = (colours.astype(np.uint16) * alpha[..., None] // 255).astype(np.uint8)
    path = tmp_path / "premultiplied.tif"
    tifffile.imwrite(
        path, np.dstack([premultiplied, alpha]), photometric="rgb", extrasamples=("assocalpha",)
    )
    over_white = premultiplied.astype(int) + (255 - alpha[..., None])

    flat = write_picture(read_picture(path), tmp_path / "flat.bmp")  # composited over white

    assert np.abs(read_picture(flat).pixels.astype(int) - over_white).max() <= 1


def test_tiff_with_alpha_in_a_compression_tifffile_lacks_keeps_straight_colours(
    tmp_path: Path,
) -> None:
    """Pillow writes LZW, which tifffile reads only with imagecodecs; OpenCV reads it then,
    through libtiff's RGBA interface, which premultiplies the colours."""
    rgba = np.empty((8, 8, 4), np.uint8)
    rgba[:] = (200, 100, 50, 255)
    rgba[:, 4:, 3] = 128
    path = tmp_path / "lzw.tif"
    Image.fromarray(rgba, "RGBA").save(path, compression="tiff_lzw")

    back = read_picture(path)

    np.testing.assert_array_equal(back.alpha, rgba[..., 3])
    assert np.abs(back.pixels.astype(int) - rgba[..., :3]).max() <= 1  # premultiplying rounds


@pytest.mark.parametrize(
    ("colours", "dtype", "lzw"),
    [
        ((12, 16, 3), np.uint8, False),
        ((12, 16, 3), np.uint16, False),
        ((12, 16), np.uint16, False),
        # tifffile reads LZW only with imagecodecs: OpenCV reads these, libtiff taking the
        # extra sample for alpha.
        ((12, 16, 3), np.uint8, True),
        ((12, 16, 3), np.uint16, True),
        ((12, 16), np.uint8, True),
    ],
)
def test_an_unspecified_extra_sample_is_no_alpha(
    tmp_path: Path, colours: tuple[int, ...], dtype: type, lzw: bool
) -> None:
    """A film scanner's infrared channel (ExtraSamples 0) is dropped, not taken for alpha."""
    pixels = noise(colours, dtype, seed=7)
    infrared = np.full(colours[:2], np.iinfo(dtype).max // 3, dtype)
    path = tmp_path / "rgbi.tif"
    write_tiff(path, np.dstack([pixels, infrared]), lzw=lzw, extrasamples=("unspecified",))

    back = read_picture(path)

    assert back.alpha is None
    np.testing.assert_array_equal(back.pixels, pixels)


@pytest.mark.parametrize(
    ("kind", "dtype", "multiplied"),
    [
        ("unassalpha", np.uint8, False),
        ("assocalpha", np.uint8, True),
        ("assocalpha", np.uint16, True),
    ],
)
def test_alpha_after_an_unspecified_extra_sample_is_alpha(
    tmp_path: Path, kind: str, dtype: type, multiplied: bool
) -> None:
    """The extra sample ExtraSamples calls alpha is; associated alpha's colours are made
    straight."""
    top = np.iinfo(dtype).max
    straight = np.full((4, 6, 3), top // 10 * 5, dtype)
    infrared = np.full((4, 6), top // 3, dtype)
    alpha = np.full((4, 6), top // 5, dtype)  # the colours multiplied by it stay exact
    colours = straight.astype(np.int64) * alpha[..., None] // top if multiplied else straight
    stored = np.dstack([colours, infrared, alpha]).astype(dtype)
    path = tmp_path / "rgbia.tif"
    tifffile.imwrite(
        path, stored, photometric="rgb", planarconfig="contig", extrasamples=("unspecified", kind)
    )

    back = read_picture(path)

    np.testing.assert_array_equal(back.alpha, alpha)
    np.testing.assert_array_equal(back.pixels, straight)


def test_cmyk_tiff_reads_as_rgb_without_alpha(tmp_path: Path) -> None:
    inks = noise((8, 8, 4), seed=3)
    path = tmp_path / "press.tif"
    tifffile.imwrite(path, inks, photometric="separated")

    back = read_picture(path)

    assert back.alpha is None
    expected = np.asarray(Image.fromarray(inks, "CMYK").convert("RGB"))
    assert np.abs(back.pixels.astype(int) - expected).max() <= 1


@pytest.mark.parametrize(
    ("shape", "dtype", "layout"),
    [
        # OpenCV takes 16-bit planes for interleaved samples: colours come out wrong.
        ((9, 13, 3), np.uint8, {"planes": True}),
        ((9, 13, 3), np.uint16, {"planes": True}),
        ((9, 13, 4), np.uint16, {"planes": True}),
        # OpenCV cannot open 8-bit tiles this small and calls the file damaged.
        ((40, 50, 3), np.uint8, {"tile": (16, 16)}),
        ((40, 50), np.uint8, {"tile": (16, 16)}),
        ((40, 50, 3), np.uint16, {"tile": (16, 16)}),
        # tifffile reads LZW only with imagecodecs, and OpenCV drops a grey picture's alpha.
        ((30, 50, 2), np.uint8, {"lzw": True}),
    ],
)
def test_tiff_layouts_opencv_misreads_read_exactly(
    tmp_path: Path, shape: tuple[int, ...], dtype: type, layout: dict
) -> None:
    samples = noise(shape, dtype, seed=6)
    path = tmp_path / "layout.tif"
    write_tiff(path, samples, **layout)
    pixels, alpha = colours_and_alpha(samples)

    back = read_picture(path)

    np.testing.assert_array_equal(back.pixels, pixels)
    np.testing.assert_array_equal(back.alpha, alpha)


@pytest.mark.parametrize(
    ("channel_count", "extra", "planes", "says", "layout"),
    [
        # OpenCV would drop the alpha and 8 bits; Pillow reads no tiles of them
        (2, "unassalpha", False, "16-bit grey with alpha", {"tile": (16, 16)}),
        (2, "unspecified", False, "16-bit grey with an extra channel", {"tile": (16, 16)}),
        (3, None, True, "16-bit samples stored one channel at a time", {}),  # planes mixed up
    ],
)
def test_16bit_layouts_opencv_misreads_are_refused_in_lzw(
    tmp_path: Path,
    channel_count: int,
    extra: str | None,
    planes: bool,
    says: str,
    layout: dict,
) -> None:
    """Neither tifffile (without imagecodecs) nor Pillow reads these in LZW."""
    path = tmp_path / "wide.tif"
    samples = noise((6, 8, channel_count), np.uint16)
    write_tiff(path, samples, planes=planes, lzw=True, extrasamples=extra and (extra,), **layout)
    with pytest.raises(ImageReadError) as caught:
        read_picture(path)
    assert str(caught.value) == (
        f"wide.tif: holds {says} in a compression Rekindle cannot read; save it uncompressed"
    )


@pytest.mark.parametrize("order", ["<", ">"])
@pytest.mark.parametrize("differences", [False, True], ids=["as-is", "predicted"])
@pytest.mark.parametrize("extra", ["unassalpha", "unspecified"])
def test_16bit_grey_with_an_extra_sample_in_lzw_reads_exactly(
    tmp_path: Path, order: str, differences: bool, extra: str
) -> None:
    """Pillow has no mode for it, OpenCV reads it in 8 bits without its alpha, and tifffile
    reads no LZW without imagecodecs: its strips are read as a grey picture of all of a row's
    samples, and the differences of horizontal prediction summed up."""
    samples = noise((7, 9, 2), np.uint16, seed=8)
    stored = samples.copy()
    if differences:
        stored[:, 1:] -= samples[:, :-1]  # wraps, as the prediction's differences do
    path = tmp_path / "grey16.tif"
    write_lzw_tiff(
        path,
        stored.astype(f"{order}u2"),
        photometric="minisblack",
        extrasamples=(extra,),
        byteorder=order,
        predictor=2 if differences else 1,
    )

    back = read_picture(path)

    np.testing.assert_array_equal(back.pixels, samples[..., 0])
    if extra == "unassalpha":
        np.testing.assert_array_equal(back.alpha, samples[..., 1])
    else:
        assert back.alpha is None


@pytest.mark.parametrize(
    ("samples", "options", "says"),
    [
        (
            np.zeros((8, 8, 4), np.uint16),
            {"photometric": "separated", "planarconfig": "contig"},
            "CMYK with 16-bit samples is not supported: save it as RGB",
        ),
        (
            np.zeros((8, 8, 5), np.uint8),
            {"photometric": "separated", "planarconfig": "contig", "extrasamples": ("unassalpha",)},
            "CMYK with an alpha channel or spot colours is not supported: save it as RGB",
        ),
        (
            np.zeros((4, 4), np.int16),
            {},
            "uses signed 16-bit integer samples, which Rekindle cannot read; "
            "save it as an image with unsigned 8- or 16-bit samples",
        ),
    ],
)
def test_unsupported_tiffs_say_what_is_not_supported(
    tmp_path: Path, samples: np.ndarray, options: dict, says: str
) -> None:
    path = tmp_path / "odd.tif"
    tifffile.imwrite(path, samples, **options)
    with pytest.raises(ImageReadError) as caught:
        read_picture(path)
    assert str(caught.value) == f"odd.tif: {says}"


# --------------------------------------------------------------------------- print resolution


def exif_at_300_dpi() -> bytes:
    exif = Image.Exif()
    exif[X_RESOLUTION] = exif[Y_RESOLUTION] = 300
    exif[RESOLUTION_UNIT] = 2  # inches
    exif[MAKE] = "Rekindle test cam"
    return exif.tobytes()


@pytest.mark.parametrize("ext", [".jpg", ".png", ".webp"])
def test_print_dpi_replaces_the_exif_resolution(tmp_path: Path, ext: str) -> None:
    pic = picture(gradient(), exif=exif_at_300_dpi(), dpi=100)
    with Image.open(write_picture(pic, tmp_path / f"print{ext}")) as im:
        exif = im.getexif()
    assert (exif[X_RESOLUTION], exif[Y_RESOLUTION], exif[RESOLUTION_UNIT]) == (100, 100, 2)
    assert exif[MAKE] == "Rekindle test cam"  # the rest is kept


@pytest.mark.parametrize("ext", [".jpg", ".png", ".tif", ".bmp"])
@pytest.mark.parametrize("exif", [None, exif_at_300_dpi()])
def test_print_dpi_is_the_files_own_resolution(
    tmp_path: Path, ext: str, exif: bytes | None
) -> None:
    """JPEG's JFIF density, PNG's pHYs, TIFF's and BMP's own tags."""
    path = write_picture(picture(gradient(), exif=exif, dpi=100), tmp_path / f"print{ext}")
    with Image.open(path) as im:
        assert im.info["dpi"] == pytest.approx((100, 100), abs=0.01)
    if ext == ".tif":
        with tifffile.TiffFile(path) as tif:
            tags = tif.pages.first.tags
            assert tags["XResolution"].value == (100, 1)
            assert tags["ResolutionUnit"].value == tifffile.RESUNIT.INCH


def test_without_a_print_dpi_the_originals_resolution_is_kept(tmp_path: Path) -> None:
    """In its EXIF, and in PNG's own pHYs chunk too, so that both say the same."""
    path = write_picture(picture(gradient(), exif=exif_at_300_dpi()), tmp_path / "same.png")
    with Image.open(path) as im:
        assert im.getexif()[X_RESOLUTION] == 300
        assert im.info["dpi"] == pytest.approx((300, 300), abs=0.01)


# --------------------------------------------------------------------------- paths and safety


def test_unicode_path(tmp_path: Path) -> None:
    path = tmp_path / "фото" / "相片 ünï.png"
    pixels = noise((5, 6, 3))
    assert write_picture(picture(pixels), path) == path
    assert path.is_file()
    np.testing.assert_array_equal(read_picture(path).pixels, pixels)


def test_failed_replace_leaves_no_target_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(imageio.os, "replace", refuse)
    with pytest.raises(ImageWriteError, match=r"^out\.png: .*permission denied"):
        write_picture(picture(noise((4, 4, 3))), tmp_path / "out.png")
    assert list(tmp_path.iterdir()) == []


def test_failed_encoder_leaves_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> tuple[bool, None]:
        raise cv2.error("encoder exploded")

    monkeypatch.setattr(imageio.cv2, "imencode", broken)
    with pytest.raises(ImageWriteError, match=r"^out\.png: "):
        write_picture(picture(noise((4, 4, 3))), tmp_path / "out.png")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["out.png", "out.jpg", "out.tif", "out.webp", "out.bmp"])
def test_a_full_disk_while_encoding_says_so_and_leaves_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Encoders write straight into the temporary file, so the disk can fill mid-picture."""
    fill_the_disk_after(monkeypatch, 64)
    with pytest.raises(ImageWriteError, match=rf"^{name}: cannot be saved \(the disk is full\)"):
        write_picture(picture(noise((64, 64, 3))), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["out.png", "out.jpg", "out.tif", "out.webp", "out.bmp"])
def test_every_format_is_checked_whole_and_cut_off_files_are_refused(
    tmp_path: Path, name: str
) -> None:
    path = write_picture(picture(noise((24, 32, 3))), tmp_path / name)
    assert picture_is_whole(path) and picture_is_whole(path, size=(32, 24))
    assert not picture_is_whole(path, size=(24, 32))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 16])
    assert not picture_is_whole(path)


def test_large_jpegs_are_streamed_without_optimised_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Optimised Huffman tables make libjpeg hold the whole picture's coefficients (gigabytes
    at 4x of a scan): only pictures up to OPTIMIZED_JPEG_PIXELS get them."""
    pixels = noise((40, 50, 3))

    def pillow_jpeg(optimize: bool) -> bytes:
        out = io.BytesIO()
        Image.fromarray(pixels).save(out, "JPEG", quality=95, subsampling=0, optimize=optimize)
        return out.getvalue()

    assert pillow_jpeg(True) != pillow_jpeg(False)
    for limit, optimized in ((40 * 50, True), (40 * 50 - 1, False)):
        monkeypatch.setattr(imageio, "OPTIMIZED_JPEG_PIXELS", limit)
        path = write_picture(picture(pixels), tmp_path / f"{limit}.jpg")
        assert path.read_bytes() == pillow_jpeg(optimized)


def test_existing_target_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    write_picture(picture(np.zeros((4, 4, 3), np.uint8)), target)
    new = noise((6, 5, 3))
    write_picture(picture(new), target)
    np.testing.assert_array_equal(read_picture(target).pixels, new)
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_written_file_gets_normal_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = write_picture(picture(noise((4, 4, 3))), tmp_path / "shared.png")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not tempfile's private 0600


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    original = write_picture(picture(noise((4, 4, 3))), tmp_path / "photo.png")
    before = original.read_bytes()
    other_spelling = tmp_path / "sub" / ".." / "photo.png"
    (tmp_path / "sub").mkdir()

    for forbid in ([original], [str(other_spelling)], [tmp_path / "x.png", original]):
        with pytest.raises(ImageWriteError, match=r"^photo\.png: .*original"):
            write_picture(picture(noise((4, 4, 3), seed=7)), original, forbid=forbid)
    assert original.read_bytes() == before


def test_without_replace_a_taken_name_gives_the_next_free_one(tmp_path: Path) -> None:
    original = write_picture(picture(noise((4, 4, 3))), tmp_path / "photo.png")
    before = original.read_bytes()
    second = write_picture(
        picture(noise((4, 4, 3), seed=7)), original, forbid=[original], replace=False
    )
    assert second == tmp_path / "photo (2).png" and original.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo (2).png", "photo.png"]


def test_forbid_does_not_block_other_targets(tmp_path: Path) -> None:
    original = write_picture(picture(noise((4, 4, 3))), tmp_path / "photo.png")
    out = write_picture(picture(noise((4, 4, 3))), tmp_path / "photo.jpg", forbid=[original])
    assert out.is_file()


def test_unsupported_output_extension(tmp_path: Path) -> None:
    with pytest.raises(ImageWriteError, match=r"^out\.gif: "):
        write_picture(picture(noise((4, 4, 3))), tmp_path / "out.gif")
    assert list(tmp_path.iterdir()) == []


def test_unique_path(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    assert unique_path(path) == path
    path.touch()
    assert unique_path(path) == tmp_path / "photo (2).png"
    (tmp_path / "photo (2).png").touch()
    assert unique_path(path) == tmp_path / "photo (3).png"


def test_supported_extensions() -> None:
    formats = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".heic", ".heif", ".dpx"}
    assert formats == SUPPORTED_EXTENSIONS
    assert is_supported_image("a/B.JPEG") and is_supported_image(Path("scan.TIF"))
    assert is_supported_image("IMG_0001.HEIC")
    assert not is_supported_image("anim.gif") and not is_supported_image("README")


# --------------------------------------------------------------------------- bad files


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncated_jpeg(path: Path) -> None:
    data = jpeg_bytes(noise((64, 64, 3)))
    path.write_bytes(data[: len(data) // 2])


def _cut_and_closed_jpeg(path: Path, progressive: bool = False) -> None:
    """Cut off mid-picture and ended with the end marker, as recovery tools leave files:
    libjpeg fills the rest with grey and only warns."""
    data = jpeg_bytes(gradient(256, 256), progressive=progressive)
    path.write_bytes(data[: len(data) // 2] + b"\xff\xd9")


def _cut_and_closed_progressive_jpeg(path: Path) -> None:
    _cut_and_closed_jpeg(path, progressive=True)


def _text(path: Path) -> None:
    path.write_text("this is not a picture\n")


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("photo.jpg", _empty, "the file is empty"),
        ("photo.jpg", _truncated_jpeg, "damaged"),
        ("notes.png", _text, "damaged or not an image"),
        ("gone.png", None, "does not exist"),
        ("album.png", _folder, "folder"),
        ("anim.gif", _text, "cannot open .gif"),
    ],
)
def test_bad_files_raise_read_error_naming_the_file(
    tmp_path: Path, name: str, make: object, says: str
) -> None:
    path = tmp_path / name
    if make is not None:
        make(path)
    with pytest.raises(ImageReadError) as caught:
        read_picture(path)
    assert str(caught.value).startswith(f"{name}: ")
    assert says in str(caught.value)


def _truncated_png(path: Path) -> None:
    path.write_bytes(cv2.imencode(".png", noise((64, 64, 3)))[1].tobytes()[:400])


def _truncated_tiff(path: Path) -> None:
    # libtiff writes the directory after the pixels, so half the file has none.
    data = cv2.imencode(".tif", noise((64, 64, 3)))[1].tobytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_lzw_grey_alpha_tiff(path: Path) -> None:
    # tifffile writes the directory before the pixels, so the cut leaves their strip short.
    write_tiff(path, noise((64, 64, 2)), lzw=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("cut.png", _truncated_png),
        ("cut.jpg", _truncated_jpeg),
        ("closed.jpg", _cut_and_closed_jpeg),
        ("closed_progressive.jpg", _cut_and_closed_progressive_jpeg),
        ("cut.tif", _truncated_tiff),
        ("cut_alpha.tif", _truncated_lzw_grey_alpha_tiff),  # Pillow's libtiff would complain
    ],
)
def test_a_damaged_file_is_told_once_in_our_words(
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    recwarn: pytest.WarningsRecorder,
    name: str,
    make: object,
) -> None:
    """OpenCV (and libtiff through it) print on stderr about a cut-off file, tifffile logs
    and Pillow warns (its libtiff prints); only our sentence is said."""
    path = tmp_path / name
    make(path)
    with pytest.raises(ImageReadError, match="damaged"):
        read_picture(path)
    assert capfd.readouterr().err == ""
    assert caplog.records == []
    assert recwarn.list == []


def test_corrupt_exif_is_passed_over_in_silence(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], recwarn: pytest.WarningsRecorder
) -> None:
    # An IFD that claims five entries and holds less than one.
    corrupt = b"Exif\x00\x00II*\x00\x08\x00\x00\x00" + b"\x05\x00\x0f\x01\x02\x00\xff\xff\xff\x7f"
    path = tmp_path / "odd.jpg"
    path.write_bytes(jpeg_bytes(gradient(), exif=corrupt))

    assert read_picture(path).width == 64
    assert capfd.readouterr().err == ""
    assert recwarn.list == []


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_picture(picture(noise((4, 4, 3))), tmp_path / "locked.png")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ImageReadError, match=r"^locked\.png: cannot be read \(permission denied\)"):
        read_picture(path)


def test_jpeg_completeness_check() -> None:
    data = jpeg_bytes(noise((32, 32, 3)))
    assert imageio._jpeg_is_complete(data)
    assert imageio._jpeg_is_complete(data + b"appended motion-photo video")
    assert not imageio._jpeg_is_complete(data[:-2])
    # A thumbnail's end marker inside an APP1 segment before the scan must not count.
    app1 = b"\xff\xe1" + (8).to_bytes(2, "big") + b"th\xff\xd9ab"
    with_thumb = data[:2] + app1 + data[2:]
    assert imageio._jpeg_is_complete(with_thumb)
    assert not imageio._jpeg_is_complete(with_thumb[: len(with_thumb) * 2 // 3])


@pytest.mark.parametrize("progressive", [False, True])
def test_whole_jpegs_read_with_data_appended_after_their_end(
    tmp_path: Path, progressive: bool
) -> None:
    """Phones append a motion photo's video after the JPEG's end marker."""
    pixels = gradient(256, 256)
    path = tmp_path / "motion.jpg"
    appended = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4 + b"\xff\xd9"
    path.write_bytes(jpeg_bytes(pixels, progressive=progressive) + appended)

    back = read_picture(path)

    assert np.abs(back.pixels.astype(int) - pixels).max() <= 8


def test_jpeg_without_end_marker_is_refused_even_if_the_decoder_copes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cut.jpg"
    path.write_bytes(jpeg_bytes(noise((32, 32, 3)))[:-2])
    # Some libjpeg builds return the decoded part, grey-filled, with just a warning.
    monkeypatch.setattr(imageio.cv2, "imdecode", lambda *_: np.full((32, 32, 3), 128, np.uint8))
    with pytest.raises(ImageReadError, match=r"^cut\.jpg: the file is damaged"):
        read_picture(path)


def test_absurd_sizes_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_picture(picture(noise((20, 30, 3))), tmp_path / "vast.png")
    monkeypatch.setattr(imageio, "MAX_PIXELS", 599)
    with pytest.raises(ImageReadError, match=r"^vast\.png: .*too large for memory"):
        read_picture(path)
    monkeypatch.setattr(imageio, "MAX_PIXELS", 600)
    assert read_picture(path).width == 30


# --------------------------------------------------------------------------- Picture


def test_picture_properties_and_validation() -> None:
    pic = picture(np.zeros((3, 5), np.uint16), np.zeros((3, 5), np.uint16))
    assert (pic.height, pic.width, pic.bit_depth) == (3, 5, 16)
    assert picture(np.zeros((3, 5, 3), np.uint8)).bit_depth == 8
    with pytest.raises(ValueError):
        picture(np.zeros((3, 5, 3), np.float32))
    with pytest.raises(ValueError):
        picture(np.zeros((3, 5, 3), np.uint8), np.zeros((3, 5), np.uint16))
    with pytest.raises(ValueError):
        picture(np.zeros((3, 5, 4), np.uint8))
    with pytest.raises(ValueError):
        picture(np.zeros((3, 5, 3), np.uint8), dpi=0)
