"""The metadata that travels with a photo's pixels: its ICC colour profile and its EXIF.

A scanned or camera photo's profile says how its numbers map to real colours; dropping it makes
a restored Adobe RGB or ProPhoto scan look washed out. Headers are parsed with Pillow; OpenCV's
encoders cannot embed a profile, so for PNG the chunks are spliced into the encoded bytes here.
"""

from __future__ import annotations

import functools
import io
import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, NamedTuple

import numpy as np
from PIL import Image, ImageCms

from engine.provenance import exif_tags

ORIENTATION = 0x0112
"""The EXIF tag saying how the stored pixels must be turned to be upright (1 = as stored)."""

# Tags that describe how a TIFF stores its pixels (plus blobs kept elsewhere in Rekindle's
# output); they are wrong for any re-encoded picture, so they are not carried over as EXIF.
_LAYOUT_TAGS = (
    256,
    257,
    258,
    259,
    262,
    273,
    277,
    278,
    279,
    284,
    317,
    320,
    322,
    323,
    324,
    325,
    338,
    339,
    700,
    33723,
    34377,
    34675,
    37724,
)
_X_RESOLUTION, _Y_RESOLUTION, _RESOLUTION_UNIT = 282, 283, 296
_RESOLUTION_UNITS = (1, 2, 3)
"""TIFF's ResolutionUnit values: none, inches, centimetres."""
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_IHDR_END = len(_PNG_SIGNATURE) + 4 + 4 + 13 + 4  # length, type, 13 data bytes, CRC
_EXIF_HEADER = b"Exif\x00\x00"


@dataclass(frozen=True)
class Header:
    """What a file's header says, before any pixel is decoded."""

    size: tuple[int, int] | None  # (width, height), None if the header could not be parsed
    orientation: int  # EXIF orientation 1-8
    icc_profile: bytes | None
    exif: bytes | None  # portable: orientation reset to 1, storage-layout tags left out


_NO_HEADER = Header(None, 1, None, None)
_pillow_limit_lock = threading.Lock()


def read_header(data: bytes, fmt: str) -> Header:
    """Size, orientation, profile and EXIF of an encoded image (``fmt`` as sniffed: 'png', ...).

    Best effort: a header Pillow cannot parse (a float TIFF, say) yields no metadata, and the
    pixel decoder decides whether the file is readable at all.
    """
    try:
        with without_pillow_pixel_limit():
            im = Image.open(io.BytesIO(data))
        with im:
            size = im.size
            profile = im.info.get("icc_profile") or None
            if fmt == "png" and "exif" not in im.info:
                # Pillow would decode the whole PNG looking for an eXIf chunk after the pixels.
                return Header(size, 1, profile, None)
            exif = im.getexif()
            orientation = exif.get(ORIENTATION, 1)
            if orientation not in range(1, 9):
                orientation = 1
            return Header(size, orientation, profile, portable_exif(exif))
    except Exception:  # Pillow parsing untrusted bytes can fail in any way; metadata is optional
        return _NO_HEADER


@contextmanager
def without_pillow_pixel_limit() -> Iterator[None]:
    """Let Pillow open a picture over its decompression-bomb limit (~179 MP), and without its
    warning from half that size on: a photo to read, or a result just written to check.

    Rekindle applies its own, larger limit to the decoded size; inside, only headers are read.
    """
    with _pillow_limit_lock:
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def portable_exif(exif: Image.Exif) -> bytes | None:
    """EXIF bytes fit for another file (the pixels are already upright), or None if empty."""
    for tag in _LAYOUT_TAGS:
        exif.pop(tag, None)
    if ORIENTATION in exif:
        exif[ORIENTATION] = 1
    if len(exif) == 0:
        return None
    try:
        return exif.tobytes()
    except Exception:  # a tag Pillow cannot serialise: carry no EXIF rather than fail the read
        return None


class TiffTags(NamedTuple):
    """An EXIF block's tags as tifffile writes them into a TIFF's own directory."""

    extra: list[tuple[int, int, int, bytes, bool]]  # tifffile's ``extratags``, little-endian
    resolution: tuple[tuple[int, int], tuple[int, int]] | None  # across and down, as fractions
    unit: int | None  # TIFF's ResolutionUnit; None: inches, TIFF's default


_NO_TIFF_TAGS = TiffTags([], None, None)


def tiff_tags(exif: bytes | None) -> TiffTags:
    """The tags of ``exif``'s first directory, which a TIFF keeps as its own (artist, copyright,
    date, camera, resolution, Software, ImageDescription...), for a little-endian TIFF written
    by tifffile. Its resolution comes apart: tifffile writes those tags itself. The EXIF and
    GPS sub-directories (exposure, date taken, place) are left out: tifffile writes none. A
    damaged block gives no tags, as for the other formats."""
    import tifffile  # here, not above: training machines write no TIFFs and may lack it

    block = _little_endian(exif)
    if block is None:
        return _NO_TIFF_TAGS
    own = {_X_RESOLUTION, _Y_RESOLUTION, _RESOLUTION_UNIT, *tifffile.TIFF.TAG_FILTERED}
    try:
        with tifffile.TiffFile(io.BytesIO(block)) as tif:
            tags = tif.pages.first.tags
            extra = [tag.astuple() for tag in tags.values() if tag.code not in own]
            rationals = (tags.valueof(_X_RESOLUTION), tags.valueof(_Y_RESOLUTION))
            unit = tags.valueof(_RESOLUTION_UNIT)
    except Exception:  # tifffile parsing a block Pillow wrote from an untrusted one
        return _NO_TIFF_TAGS
    resolution = rationals if all(_is_fraction(r) for r in rationals) else None
    return TiffTags(extra, resolution, unit if unit in _RESOLUTION_UNITS else None)


def _little_endian(exif: bytes | None) -> bytes | None:
    """``exif`` as a little-endian TIFF structure, without its ``Exif\\0\\0`` prefix; None
    where it is missing or damaged."""
    tags = exif_tags(exif)
    if len(tags) == 0:
        return None
    tags.endian = "<"
    try:
        return tags.tobytes().removeprefix(_EXIF_HEADER)
    except Exception:  # a tag Pillow cannot write again
        return None


def _is_fraction(value: object) -> bool:
    """Whether a tag's value is a numerator and a denominator that is not 0."""
    return isinstance(value, tuple) and len(value) == 2 and value[1] != 0


def colour_space(profile: bytes) -> str | None:
    """The profile's data colour space ('RGB', 'GRAY', 'CMYK', ...), or None if it is no profile."""
    if len(profile) < 128 or profile[36:40] != b"acsp":
        return None
    return profile[16:20].decode("latin-1").strip()


def suits(profile: bytes | None, *, grayscale: bool) -> bool:
    """Whether ``profile`` describes pixels of this kind.

    A grey profile on colour pixels (or a CMYK one from a CMYK JPEG that was decoded to RGB)
    would make viewers show wrong colours, so such a profile must be left out rather than kept.
    """
    if not profile:
        return False
    return colour_space(profile) == ("GRAY" if grayscale else "RGB")


@functools.cache
def srgb_profile() -> bytes:
    """sRGB's profile, as LittleCMS makes it."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def grey_in_srgb(pixels: np.ndarray, profile: bytes) -> np.ndarray | None:
    """``pixels`` (8 or 16 bits) whose tones the grey ``profile`` describes, as the levels of
    the sRGB greys (R = G = B) that look the same, in the same depth: grey as grey, RGB channel
    by channel. None where LittleCMS cannot use the profile."""
    levels = _srgb_grey_levels(profile, pixels.dtype)
    return None if levels is None else levels[pixels]


def rgb_in_srgb(pixels: np.ndarray, profile: bytes) -> np.ndarray | None:
    """8-bit RGB ``pixels`` whose colours the RGB ``profile`` describes (an Adobe RGB or
    ProPhoto scan's), as the 8-bit sRGB colours that look the same (Pillow converts RGB in 8
    bits only). None where LittleCMS cannot use the profile."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        srgb = ImageCms.createProfile("sRGB")
        return np.asarray(ImageCms.profileToProfile(Image.fromarray(pixels), source, srgb))
    except (OSError, ImageCms.PyCMSError):  # a damaged profile, or one LittleCMS cannot use
        return None


def _srgb_grey_levels(profile: bytes, dtype: np.dtype) -> np.ndarray | None:
    """For each level of ``dtype`` (uint8 or uint16), the sRGB grey the grey ``profile`` shows
    at it: every level, converted once (a lookup table serves a picture of any size)."""
    mode = "I;16" if dtype == np.uint16 else "L"
    ramp = Image.fromarray(np.arange(np.iinfo(dtype).max + 1, dtype=dtype).reshape(-1, 256))
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.ImageCmsProfile(io.BytesIO(_srgb_grey_profile()))
        transform = ImageCms.buildTransform(source, target, mode, mode)
        return np.asarray(ImageCms.applyTransform(ramp, transform)).reshape(-1)
    except (OSError, ImageCms.PyCMSError):  # a damaged profile, or one LittleCMS cannot use
        return None


_D50 = (0.9642, 1.0, 0.8249)
"""The profile connection space's white (XYZ)."""
_SRGB_CURVE = (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)
"""sRGB's tone curve as ICC's parametric curve of type 3: (a x + b) ^ g from d on, else c x."""


@functools.cache
def _srgb_grey_profile() -> bytes:
    """A grey profile whose levels are those of sRGB's greys. Converting into it keeps 16
    bits, where Pillow converts into RGB in 8 only."""
    return grey_profile(b"para\0\0\0\0" + struct.pack(">HH", 3, 0) + _fixed(*_SRGB_CURVE))


def grey_profile(tone_curve: bytes) -> bytes:
    """A grey display profile (ICC 4.3) with D50 white and ``tone_curve``, the data of an ICC
    curve tag ('curv' or 'para', a multiple of 4 bytes long), as its only other tag."""
    return display_profile(b"GRAY", [(b"wtpt", xyz_tag(*_D50)), (b"kTRC", tone_curve)])


def display_profile(space: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    """A display profile (ICC 4.3, D50 illuminant) of colour ``space`` (b"GRAY", b"RGB ")
    holding ``tags``: (signature, data) pairs, each data a multiple of 4 bytes long."""
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    # size, CMM, version, class, data and connection spaces, (date), signature, (platform
    # to rendering intent), the illuminant; the rest 0
    fields = (offset + len(body), b"", 0x04300000, b"mntr", space, b"XYZ ", b"acsp")
    header = struct.pack(">I4sI4s4s4s12x4s28x", *fields) + _fixed(*_D50)
    header += bytes(128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + body


def xyz_tag(x: float, y: float, z: float) -> bytes:
    """The data of an ICC XYZ tag (a white point, a primary)."""
    return b"XYZ \0\0\0\0" + _fixed(x, y, z)


def _fixed(*values: float) -> bytes:
    """ICC's s15Fixed16Number of each value."""
    return b"".join(struct.pack(">i", round(v * 65536)) for v in values)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and the CRC over type and data."""
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def write_png_with_metadata(
    stream: BinaryIO, png: memoryview, icc_profile: bytes | None, exif: bytes | None
) -> None:
    """Write ``png`` to ``stream`` with an iCCP chunk and an eXIf chunk inserted after IHDR.

    Both must come before the image data; IHDR always has 13 data bytes, so "after IHDR" is a
    fixed offset whatever the bit depth. ``exif`` may carry Pillow's ``Exif\\0\\0`` prefix,
    which PNG's eXIf chunk must not have. The encoded picture is written in place, not copied.
    """
    png = png.cast("B")
    if png[:8] != _PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG stream that starts with IHDR")
    stream.write(png[:_IHDR_END])
    if icc_profile:
        # Name, NUL separator, compression method 0 (zlib), compressed profile.
        stream.write(png_chunk(b"iCCP", b"ICC Profile\x00\x00" + zlib.compress(icc_profile)))
    if exif:
        stream.write(png_chunk(b"eXIf", exif.removeprefix(_EXIF_HEADER)))
    stream.write(png[_IHDR_END:])
