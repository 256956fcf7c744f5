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
from collections.abc import Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

import numpy as np
from PIL import ExifTags, Image, ImageCms

from engine.pixels import UINT8_MAX, UINT16_MAX, to_8bit
from engine.provenance import EXIF_IFD, GPS_IFD, exif_tags, keep_text
from engine.text_metadata import (
    NO_TEXT_METADATA,
    TextMetadata,
    photoshop_iptc,
    png_text,
    tiff_iptc,
)
from engine.words import all_of, say

if TYPE_CHECKING:
    import tifffile

ORIENTATION = 0x0112
"""The EXIF tag saying how the stored pixels must be turned to be upright (1 = as stored)."""

# Tags that describe how a TIFF stores its pixels, and blobs that are not EXIF: XMP (700) and
# IPTC (33723), carried as the picture's own (``TextMetadata``), and Photoshop's resources
# (34377: layers, paths, a thumbnail of the stored pixels), left out. They are wrong for any
# re-encoded picture's EXIF, so they are not carried over in it.
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
JPEG_EXIF_LIMIT = 65533
"""The most bytes of EXIF (``Exif\\0\\0`` and the block) a JPEG holds: one APP1 segment, 64 KB
less its two bytes of length, as Pillow's encoder checks."""
_PIXEL_WIDTH, _PIXEL_HEIGHT = 0xA002, 0xA003  # in the EXIF directory
_MAKER_NOTE = 0x927C  # in the EXIF directory
_POINTERS = (EXIF_IFD, GPS_IFD, 0xA005)  # to the EXIF, GPS and interoperability directories


@dataclass(frozen=True)
class PngColour:
    """How a PNG's own chunks say its numbers look, as they store it: gAMA's gamma and cHRM's
    white and primaries (CIE xy), each number times 100000, and sRGB's rendering intent. An
    ICC profile (iCCP) overrides them all, an sRGB chunk gAMA's and cHRM's."""

    gamma: int | None = None  # linear light ** (gamma / 100000) gives the stored level
    chromaticities: tuple[int, ...] | None = None  # white, red, green, blue: x and y of each
    srgb_intent: int | None = None

    def chunks(self) -> tuple[tuple[bytes, bytes], ...]:
        """The chunks saying so, as (type, data): sRGB's, gAMA's, cHRM's, those there are."""
        chunks = []
        if self.srgb_intent is not None:
            chunks.append((b"sRGB", bytes([self.srgb_intent])))
        if self.gamma is not None:
            chunks.append((b"gAMA", struct.pack(">I", self.gamma)))
        if self.chromaticities is not None:
            chunks.append((b"cHRM", struct.pack(">8I", *self.chromaticities)))
        return tuple(chunks)

    def profile(self, *, grayscale: bool) -> bytes | None:
        """The ICC profile saying what the chunks say, of grey or RGB pixels: the tone curve of
        their gamma, with cHRM's primaries and white where they make a gamut, else sRGB's (as
        libpng ignores a cHRM that makes none). None under an sRGB chunk (sRGB is what a
        picture without a profile is taken for), without a gamma (cHRM alone says nothing of
        tones), and for numbers beyond what a profile's hold (a gamma of 0.00001)."""
        if self.srgb_intent is not None or not self.gamma:
            return None
        primaries, white = self._gamut() or (SRGB_PRIMARIES, D65)
        description = f"PNG gAMA {self.gamma / 100000:g}"  # no message: the profile's data
        try:
            curve = parametric_curve(100000 / self.gamma)
            if grayscale:
                return grey_profile(curve)
            return rgb_profile(primaries, white, curve, description)
        except struct.error:  # beyond ICC's fixed-point numbers (32767 at most)
            return None

    def _gamut(self) -> tuple[tuple[tuple[float, float], ...], tuple[float, float]] | None:
        """cHRM's primaries and white as CIE xy; None without the chunk, and where they make
        no gamut (a y of 0, primaries in a line)."""
        if self.chromaticities is None:
            return None
        numbers = [n / 100000 for n in self.chromaticities]
        white, *primaries = zip(numbers[::2], numbers[1::2], strict=True)
        if min(y for _, y in (white, *primaries)) <= 0:
            return None
        if abs(np.linalg.det(np.array([_xyz_of(xy) for xy in primaries]))) < 1e-6:
            return None
        return tuple(primaries), white


NO_PNG_COLOUR = PngColour()


@dataclass(frozen=True)
class Header:
    """What a file's header says, before any pixel is decoded."""

    size: tuple[int, int] | None  # (width, height), None if the header could not be parsed
    orientation: int  # EXIF orientation 1-8
    icc_profile: bytes | None
    exif: bytes | None  # portable: orientation reset to 1, storage-layout tags left out
    dpi: tuple[int, int] | None = None  # across and down, as JFIF, pHYs or a BMP's header
    # records it; None: the EXIF's says
    text: TextMetadata = NO_TEXT_METADATA  # its XMP, IPTC and PNG text (no sidecar)
    png_colour: PngColour = NO_PNG_COLOUR  # a PNG's gAMA, cHRM and sRGB chunks


_NO_HEADER = Header(None, 1, None, None)
_IPTC_TAG, _XMP_TAG, _ICC_PROFILE_TAG = 33723, 700, 34675
"""A TIFF's tags holding its IPTC record, its XMP and its ICC profile."""
_NOT_A_PICTURE = 0b101
"""The NewSubfileType bits of a reduced copy of a TIFF's page (a thumbnail, a preview) and of
a transparency mask: no picture of their own."""
_OWN_DPI_FORMATS = ("jpg", "png", "bmp")
"""Formats with a resolution of their own beside the EXIF's: JFIF's, pHYs, a BMP's header."""
_INTEROPERABILITY = 0xA005
"""The pointer, within the EXIF directory, to the interoperability directory."""
_pillow_limit_lock = threading.Lock()
_BAND_PIXELS = 1 << 22
"""How many pixels Pillow converts at a time: a whole result, copied in and out of Pillow,
would take three times its size more."""


def read_header(data: bytes, fmt: str) -> Header:
    """Size, orientation, profile, EXIF, resolution and text metadata of an encoded image
    (``fmt`` as sniffed: 'png', ...); a TIFF's, of the page Rekindle restores
    (``tiff_picture_page``).

    Parsed with Pillow; a TIFF Pillow cannot open (float samples, 16-bit grey with alpha) with
    tifffile (``_tiff_header``). Best effort: another header Pillow cannot parse yields no
    metadata, and the pixel decoder decides whether the file is readable at all.
    """
    page = _tiff_picture_page_of(data) if fmt == "tif" else 0
    try:
        return _pillow_header(data, fmt, page)
    except Exception:  # Pillow parsing untrusted bytes can fail in any way; metadata is optional
        return _tiff_header(data, page) if fmt == "tif" else _NO_HEADER


def _pillow_header(data: bytes, fmt: str, page: int) -> Header:
    """``read_header``'s, as Pillow parses it: of the TIFF page ``page`` (0 for other formats)."""
    with without_pillow_pixel_limit():
        im = Image.open(io.BytesIO(data))
    with im:
        if page:
            # Pillow keeps the profile of a page before where the page sought has none.
            im.info.pop("icc_profile", None)
            im.seek(page)
        size = im.size
        profile = im.info.get("icc_profile") or None
        dpi = _own_dpi(im.info, fmt)
        text = _text_metadata(im.info, data, fmt, page)
        colour = _png_colour(im.info) if fmt == "png" else NO_PNG_COLOUR
        if fmt == "png" and "exif" not in im.info:
            # Pillow would decode the whole PNG looking for an eXIf chunk after the pixels.
            return Header(size, 1, profile, None, dpi, text, colour)
        return _header_with_exif(size, profile, im.getexif(), dpi, text, colour)


def _tiff_header(data: bytes, page: int) -> Header:
    """``read_header``'s of a TIFF's page ``page``, as tifffile parses it: its size and
    profile from its tags, its tags as EXIF as Pillow reads a TIFF's (from its directory, with
    the EXIF and GPS directories it points to), its XMP and IPTC. ``_NO_HEADER`` where
    tifffile cannot parse it either."""
    import tifffile  # here, not above: training machines read no TIFFs and may lack it

    try:
        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            directory = tif.pages[page]
            size = (int(directory.imagewidth), int(directory.imagelength))
            profile = directory.tags.valueof(_ICC_PROFILE_TAG)
            xmp = directory.tags.valueof(_XMP_TAG)
            exif = Image.Exif()
            exif.endian, exif.bigtiff = tif.byteorder, tif.is_bigtiff
        exif.load_from_fp(io.BytesIO(data), directory.offset)
        profile = profile if isinstance(profile, bytes) and profile else None
        text = _text_metadata({"xmp": xmp}, data, "tif", page)
        return _header_with_exif(size, profile, exif, None, text, NO_PNG_COLOUR)
    except Exception:  # tifffile and Pillow parsing untrusted bytes can fail in any way
        return _NO_HEADER


def _header_with_exif(
    size: tuple[int, int],
    profile: bytes | None,
    exif: Image.Exif,
    dpi: int | None,
    text: TextMetadata,
    colour: PngColour,
) -> Header:
    """The header of a picture whose EXIF (a TIFF's own tags among it) is ``exif``: its
    orientation (1 where it says none of the eight), the rest made portable."""
    orientation = exif.get(ORIENTATION, 1)
    if orientation not in range(1, 9):
        orientation = 1
    return Header(size, orientation, profile, portable_exif(exif), dpi, text, colour)


def tiff_picture_page(pages: Iterable[tifffile.TiffPage]) -> int:
    """The index of the page of a TIFF (its ``pages``, as tifffile lists them) that Rekindle
    restores: its first that is a picture of its own (``is_tiff_picture``), past a preview
    stored before the scan; 0 where none is."""
    return next((n for n, page in enumerate(pages) if is_tiff_picture(page)), 0)


def is_tiff_picture(page: tifffile.TiffPage) -> bool:
    """Whether a TIFF page is a picture of its own, not a reduced copy of one (a thumbnail, a
    preview) nor a transparency mask, as its NewSubfileType says."""
    return not page.subfiletype & _NOT_A_PICTURE


def _tiff_picture_page_of(data: bytes) -> int:
    """``tiff_picture_page`` of a TIFF's bytes; 0 where tifffile cannot list its pages."""
    import tifffile  # here, not above: training machines read no TIFFs and may lack it

    try:
        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            return tiff_picture_page(tif.pages)
    except Exception:  # tifffile parsing untrusted bytes can fail in any way
        return 0


def _own_dpi(info: dict[str, Any], fmt: str) -> tuple[int, int] | None:
    """The resolution across and down, in dots per inch, that a JPEG's JFIF header (in inches
    or centimetres), a PNG's pHYs chunk or a BMP's header records (Pillow's ``info``); None
    where it records none, and for other formats: their EXIF's says it (a TIFF's own tags
    among them)."""
    if fmt not in _OWN_DPI_FORMATS or (fmt == "jpg" and info.get("jfif_unit") not in (1, 2)):
        return None
    try:
        across, down = (float(side) for side in info.get("dpi"))
    except (TypeError, ValueError):
        return None
    if not (1 <= across < 1e6 and 1 <= down < 1e6):
        return None
    return round(across), round(down)


def _png_colour(info: dict[str, Any]) -> PngColour:
    """What a PNG's gAMA, cHRM and sRGB chunks say, from Pillow's ``info``, which holds each
    number of the first two over 100000."""
    gamma, chromaticities = info.get("gamma"), info.get("chromaticity")
    return PngColour(
        None if gamma is None else round(gamma * 100000),
        None if chromaticities is None else tuple(round(n * 100000) for n in chromaticities),
        info.get("srgb"),
    )


def _text_metadata(info: dict[str, Any], data: bytes, fmt: str, page: int) -> TextMetadata:
    """The XMP Pillow found (``info``: a JPEG's, PNG's, WebP's, TIFF's or HEIC's), the IPTC
    of a JPEG's Photoshop resources or of the tag of a TIFF's page ``page``, and a PNG's text
    chunks."""
    xmp = info.get("xmp")
    xmp = xmp.encode("utf-8") if isinstance(xmp, str) else xmp
    iptc = _tiff_iptc(data, page) if fmt == "tif" else photoshop_iptc(info.get("photoshop"))
    chunks = png_text(data) if fmt == "png" else ()
    return TextMetadata(xmp if isinstance(xmp, bytes) and xmp else None, iptc, chunks)


def _tiff_iptc(data: bytes, page: int) -> bytes | None:
    """The IPTC record (``tiff_iptc``) of a TIFF's page ``page``, read with tifffile: Pillow
    reads only the first number of one written as numbers. None where there is none or it
    cannot be read."""
    try:
        import tifffile  # here, not above: training machines read no TIFFs and may lack it

        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            tag = tif.pages[page].tags.get(_IPTC_TAG)
            return None if tag is None else tiff_iptc(tag.value, tif.byteorder)
    except Exception:  # tifffile parsing untrusted bytes; metadata is optional
        return None


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
    """EXIF bytes fit for another file (the pixels are already upright), or None if empty.

    Written in classic TIFF's layout (II*\\0 / MM\\0*) whatever TIFF flavour ``exif`` was
    read from: a BigTIFF's, written as BigTIFF, would be EXIF no reader (Pillow's
    ``Exif.load`` among them) parses.
    """
    for tag in _LAYOUT_TAGS:
        exif.pop(tag, None)
    if ORIENTATION in exif:
        exif[ORIENTATION] = 1
    if len(exif) == 0:
        return None
    keep_text(exif)
    exif.bigtiff = False
    try:
        return exif.tobytes()
    except Exception:  # a tag Pillow cannot serialise: carry no EXIF rather than fail the read
        return None


def exif_of_size(exif: bytes | None, width: int, height: int) -> bytes | None:
    """``exif`` saying its picture is ``width`` x ``height`` pixels where it records a size
    (``PixelXDimension`` and ``PixelYDimension``: the original's, until the picture is
    written), else as it is."""
    tags = exif_tags(exif)
    if EXIF_IFD not in tags:  # asked only then: Pillow would write an empty directory
        return exif
    own = tags.get_ifd(EXIF_IFD)
    if _PIXEL_WIDTH not in own and _PIXEL_HEIGHT not in own:
        return exif
    own[_PIXEL_WIDTH], own[_PIXEL_HEIGHT] = width, height
    try:
        return tags.tobytes()
    except Exception:  # a tag Pillow cannot write again: the size is not worth the EXIF
        return exif


class FittedExif(NamedTuple):
    """An EXIF block made to fit a format's limit, and the tags it left out."""

    exif: bytes | None
    left_out: list[str]  # the tags' names, as exiftool calls most of them


def exif_for_jpeg(exif: bytes | None) -> FittedExif:
    """``exif`` as a JPEG can hold it (``JPEG_EXIF_LIMIT``): where it is larger, its tags
    left out one at a time until it fits, the MakerNote (a camera's own data, often the
    largest) first, then the largest; no EXIF if nothing else fits."""
    if exif is None or len(exif) <= JPEG_EXIF_LIMIT:
        return FittedExif(exif, [])
    tags = exif_tags(exif)
    left_out: list[str] = []
    for directory, tag, name in _largest_first(tags):
        del directory[tag]
        left_out.append(name)
        block = tags.tobytes()
        if len(block) <= JPEG_EXIF_LIMIT:
            return FittedExif(block, left_out)
    return FittedExif(None, left_out)


def exif_left_out_note(exif: bytes | None, fmt: str | None, name: str) -> str | None:
    """A note naming what of ``exif`` (the result of the picture ``name``) a file in the
    format ``fmt`` leaves out (``exif_for_jpeg``); None where it keeps all of it."""
    left_out = exif_for_jpeg(exif).left_out if fmt == "jpg" else []
    if not left_out:
        return None
    return say(
        "{name}: {tags} left out of the result's EXIF, which a JPEG holds only up to 64 KB",
        name=name,
        tags=all_of(left_out),
    )


def _largest_first(tags: Image.Exif) -> list[tuple[MutableMapping[int, Any], int, str]]:
    """Each tag of ``tags`` (bar the pointers to its directories) with its directory and
    name, in the order to leave them out: the MakerNote, then the largest first."""
    directories = [(tags, ExifTags.TAGS)]
    directories += [(tags.get_ifd(EXIF_IFD), ExifTags.TAGS)] if EXIF_IFD in tags else []
    directories += [(tags.get_ifd(GPS_IFD), ExifTags.GPSTAGS)] if GPS_IFD in tags else []
    entries = [
        (directory, tag, names.get(tag, f"0x{tag:04X}"))
        for directory, names in directories
        for tag in list(directory)
        if tag not in _POINTERS
    ]

    def order(entry: tuple[MutableMapping[int, Any], int, str]) -> tuple[bool, int]:
        directory, tag, _ = entry
        return tag != _MAKER_NOTE, -_stored_size(directory[tag])

    return sorted(entries, key=order)


def _stored_size(value: object) -> int:
    """About how many bytes a tag's value takes: its bytes or characters, 8 an item of a
    list of numbers (a fraction's two), a number none beyond its entry."""
    if isinstance(value, bytes | str):
        return len(value)
    return 8 * len(value) if isinstance(value, tuple) else 0


class TiffTags(NamedTuple):
    """An EXIF block's tags as tifffile writes them into a TIFF's own directory."""

    extra: list[tuple[int, int, int, bytes, bool]]  # tifffile's ``extratags``, little-endian
    resolution: tuple[tuple[int, int], tuple[int, int]] | None  # across and down, as fractions
    unit: int | None  # TIFF's ResolutionUnit; None: inches, TIFF's default
    directories: dict[int, dict[int, Any]]  # its EXIF and GPS directories, by their pointers


_NO_TIFF_TAGS = TiffTags([], None, None, {})


def tiff_tags(exif: bytes | None) -> TiffTags:
    """The tags of ``exif``'s first directory, which a TIFF keeps as its own (artist, copyright,
    date, camera, resolution, Software, ImageDescription...), for a little-endian TIFF written
    by tifffile. Its resolution comes apart: tifffile writes those tags itself. The EXIF and
    GPS sub-directories (exposure, date taken, place) come apart too (``_sub_directories``):
    tifffile writes none, so they are added to its file. A damaged block gives no tags, as for
    the other formats."""
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
    unit = unit if unit in _RESOLUTION_UNITS else None
    return TiffTags(extra, resolution, unit, _sub_directories(exif))


def _sub_directories(exif: bytes | None) -> dict[int, dict[int, Any]]:
    """The EXIF and GPS directories of ``exif``, each as its tags by its pointer's tag, the
    interoperability directory within the EXIF one as tags of its own; none of a damaged
    block, as a TIFF then keeps no EXIF."""
    tags = exif_tags(exif)
    found = {}
    try:
        keep_text(tags)  # written as read, as in the other formats' EXIF
        for pointer in (EXIF_IFD, GPS_IFD):
            directory = dict(tags.get_ifd(pointer)) if pointer in tags else {}
            if _INTEROPERABILITY in directory:  # its offset, within the EXIF block
                interoperability = dict(tags.get_ifd(_INTEROPERABILITY))
                del directory[_INTEROPERABILITY]
                if interoperability:
                    directory[_INTEROPERABILITY] = interoperability
            if directory:
                found[pointer] = directory
    except Exception:  # Pillow reading a damaged directory can fail in any way
        return {}
    return found


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
    """RGB ``pixels`` (8 or 16 bits) whose colours the RGB ``profile`` describes (an Adobe RGB
    or ProPhoto scan's), as the levels of the sRGB colours that look the same, in their depth:
    16 bits through the profile's curves and colorants where it is made of them
    (``_shaped_in_srgb``), else through LittleCMS in 8 bits (Pillow converts RGB in 8 bits
    only), a band of rows at a time (``_BAND_PIXELS``). None where LittleCMS cannot use the
    profile."""
    if pixels.dtype == np.uint16:
        shaped = _shaped_in_srgb(pixels, profile)
        if shaped is not None:
            return shaped
        converted = rgb_in_srgb(to_8bit(pixels), profile)
        return None if converted is None else converted.astype(np.uint16) * 257
    converted = np.empty_like(pixels)
    rows = _band_rows(pixels.shape[1])
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        transform = ImageCms.buildTransform(source, ImageCms.createProfile("sRGB"), "RGB", "RGB")
        for top in range(0, len(pixels), rows):
            band = Image.fromarray(pixels[top : top + rows])
            converted[top : top + rows] = np.asarray(ImageCms.applyTransform(band, transform))
    except (OSError, ImageCms.PyCMSError):  # a damaged profile, or one LittleCMS cannot use
        return None
    return converted


def cmyk_in_srgb(image: Image.Image, profile: bytes) -> np.ndarray | None:
    """The 8-bit sRGB levels (RGB) of the colours a CMYK picture (Pillow's ``image``, its
    inks as Pillow decodes them: an Adobe JPEG's inverted back) shows through its CMYK
    ``profile``, converted by LittleCMS a band of rows at a time (``_BAND_PIXELS``). None
    where LittleCMS cannot use the profile.

    The intent is perceptual: a print profile's perceptual table maps its paper white and its
    darkest ink to the screen's white and black, as the print looks to the eye. Relative
    colorimetric maps the paper white to white too, but without black-point compensation
    (which Pillow's transforms do not ask for) shows the darkest ink as the dark grey it
    measures, a washed-out print. Perceptual is also what Pillow and most viewers convert with
    by default, so the result looks as the original did on screen."""
    width, height = image.size
    converted = np.empty((height, width, 3), np.uint8)
    rows = _band_rows(width)
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        srgb = ImageCms.createProfile("sRGB")
        intent = ImageCms.Intent.PERCEPTUAL
        transform = ImageCms.buildTransform(source, srgb, "CMYK", "RGB", intent)
        for top in range(0, height, rows):
            band = image.crop((0, top, width, min(height, top + rows)))
            converted[top : top + rows] = np.asarray(ImageCms.applyTransform(band, transform))
    except (OSError, ImageCms.PyCMSError):  # a damaged profile, or one LittleCMS cannot use
        return None
    return converted


def _band_rows(width: int) -> int:
    """How many rows of a picture ``width`` pixels across make a band to convert at once."""
    return max(1, _BAND_PIXELS // max(1, width))


def in_srgb(pixels: np.ndarray, profile: bytes) -> np.ndarray | None:
    """``pixels`` that ``profile`` describes (grey or RGB, 8 or 16 bits), as the levels of
    the sRGB colours that look the same, in their depth: through a grey profile channel by
    channel (``grey_in_srgb``), through an RGB one (``rgb_in_srgb``). None where the profile
    is of another kind (RGB for grey pixels, CMYK) or LittleCMS cannot use it."""
    space = colour_space(profile)
    if space == "GRAY":
        return grey_in_srgb(pixels, profile)
    if space == "RGB" and pixels.ndim == 3:
        return rgb_in_srgb(pixels, profile)
    return None


def srgb_levels(pixels: np.ndarray, profile: bytes | None) -> np.ndarray:
    """``pixels`` that ``profile`` describes, as the levels of the sRGB colours that look the
    same, in their depth (``in_srgb``): what a screen shows, or a picture in sRGB holds. As
    they are without a profile, with one that shows colours as sRGB's does
    (``shows_as_srgb``), and with one LittleCMS cannot use."""
    if not profile or shows_as_srgb(profile):
        return pixels
    converted = in_srgb(pixels, profile)
    return pixels if converted is None else converted


@functools.lru_cache(maxsize=8)
def shows_as_srgb(profile: bytes) -> bool:
    """Whether ``profile`` is sRGB's, as LittleCMS makes it or as another maker does (the
    'sRGB IEC61966-2.1' cameras embed): an RGB profile that converts every colour of a grid
    over the 8-bit cube to itself within a level. Converting through it would take time (a
    second for 24 MP) to change nothing."""
    if profile == srgb_profile():
        return True
    if colour_space(profile) != "RGB":
        return False
    levels = np.linspace(0, UINT8_MAX, 18).round().astype(np.uint8)
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1)
    grid = grid.reshape(-1, len(levels), 3)
    converted = rgb_in_srgb(grid, profile)
    return converted is not None and np.abs(converted.astype(np.int16) - grid).max() <= 1


def _shaped_in_srgb(pixels: np.ndarray, profile: bytes) -> np.ndarray | None:
    """16-bit RGB ``pixels`` as the 16-bit sRGB levels that look the same, where ``profile``
    is a tone curve per channel and a matrix of colorants, as working spaces' are (Adobe RGB,
    ProPhoto, Display P3): each channel's light through its curve (``_light_of_levels``), mixed
    by the colorants, in floats. None for a profile of lookup tables (a scanner's, which
    LittleCMS converts by them) or one it cannot use."""
    tags = _tags(profile)
    colorants = None if tags is None else _colorants(tags)
    if colorants is None or any(name[:3] in (b"A2B", b"D2B") for name in tags):
        return None
    curves = [_light_of_levels(tags.get(name)) for name in (b"rTRC", b"gTRC", b"bTRC")]
    if any(curve is None for curve in curves):
        return None
    converted = np.empty_like(pixels)
    rows = _band_rows(pixels.shape[1])  # a band's floats at a time
    for top in range(0, len(pixels), rows):
        band = pixels[top : top + rows]
        light = np.stack([curve[band[..., n]] for n, curve in enumerate(curves)], axis=-1)
        converted[top : top + rows] = d50_xyz_in_srgb(light @ colorants.T, np.uint16)
    return converted


def _tags(profile: bytes) -> dict[bytes, bytes] | None:
    """A profile's tags' data by signature; None where its tag table is damaged."""
    try:
        (count,) = struct.unpack_from(">I", profile, 128)
        table = [struct.unpack_from(">4sII", profile, 132 + 12 * n) for n in range(count)]
    except struct.error:
        return None
    return {signature: profile[offset : offset + size] for signature, offset, size in table}


def _colorants(tags: dict[bytes, bytes]) -> np.ndarray | None:
    """The 3x3 matrix whose columns are an RGB profile's red, green and blue colorants (its
    XYZ tags), or None where it lacks one."""
    columns = []
    for name in (b"rXYZ", b"gXYZ", b"bXYZ"):
        data = tags.get(name, b"")
        if data[:4] != b"XYZ " or len(data) < 20:
            return None
        columns.append(struct.unpack(">3i", data[8:20]))
    return np.array(columns, np.float32).T / 65536


def _light_of_levels(curve: bytes | None) -> np.ndarray | None:
    """For each 16-bit level, the light (0 to 1, float32) that the data of a tone curve tag
    gives it: LittleCMS shows it as an sRGB grey in 16 bits, whose light sRGB's curve says.
    None where there is no curve or LittleCMS cannot use it."""
    if not curve:
        return None
    levels = _srgb_grey_levels(grey_profile(curve + bytes(-len(curve) % 4)), np.uint16)
    if levels is None:
        return None
    g, scale, offset, slope, knee = SRGB_CURVE
    level = levels / np.float32(UINT16_MAX)
    return np.where(level >= knee, (scale * level + offset) ** g, slope * level).astype(np.float32)


def _srgb_grey_levels(profile: bytes, dtype: np.dtype) -> np.ndarray | None:
    """For each level of ``dtype`` (uint8 or uint16), the sRGB grey the grey ``profile`` shows
    at it: every level, converted once (a lookup table serves a picture of any size)."""
    mode = "I;16" if dtype == np.uint16 else "L"
    ramp = Image.fromarray(np.arange(np.iinfo(dtype).max + 1, dtype=dtype).reshape(-1, 256))
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.ImageCmsProfile(io.BytesIO(_srgb_grey_profile()))
        # unoptimised: LittleCMS's joined curves show linear light below 5 % up to 10 levels
        # too dark
        transform = ImageCms.buildTransform(
            source, target, mode, mode, flags=ImageCms.Flags.NOOPTIMIZE
        )
        return np.asarray(ImageCms.applyTransform(ramp, transform)).reshape(-1)
    except (OSError, ImageCms.PyCMSError):  # a damaged profile, or one LittleCMS cannot use
        return None


D50 = (0.9642, 1.0, 0.8249)
"""The profile connection space's white (XYZ)."""
SRGB_CURVE = (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)
"""sRGB's tone curve as ICC's parametric curve of type 3: (a x + b) ^ g from d on, else c x."""
SRGB_PRIMARIES = ((0.64, 0.33), (0.30, 0.60), (0.15, 0.06))
"""sRGB's (and BT.709's) red, green and blue, as CIE xy."""
D65 = (0.3127, 0.3290)
"""Daylight's white, sRGB's and most displays', as CIE xy."""
_BRADFORD = np.array(
    [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]]
)
"""Bradford's cone responses to XYZ, with which profiles adapt colours to D50."""
_PARAMETRIC_TYPES = {1: 0, 3: 1, 4: 2, 5: 3, 7: 4}
"""ICC's parametric curve types, by their number of parameters."""


@functools.cache
def _srgb_grey_profile() -> bytes:
    """A grey profile whose levels are those of sRGB's greys. Converting into it keeps 16
    bits, where Pillow converts into RGB in 8 only."""
    return grey_profile(parametric_curve(*SRGB_CURVE))


def grey_profile(tone_curve: bytes) -> bytes:
    """A grey display profile (ICC 4.3) with D50 white and ``tone_curve``, the data of an ICC
    curve tag ('curv' or 'para', a multiple of 4 bytes long), as its only other tag."""
    return display_profile(b"GRAY", [(b"wtpt", xyz_tag(*D50)), (b"kTRC", tone_curve)])


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
    header = struct.pack(">I4sI4s4s4s12x4s28x", *fields) + _fixed(*D50)
    header += bytes(128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + body


def rgb_profile(
    primaries: tuple[tuple[float, float], ...],
    white: tuple[float, float],
    tone_curve: bytes,
    description: str,
) -> bytes:
    """An RGB display profile (ICC 4.3) of pixels whose levels, through ``tone_curve`` (the
    data of a curve tag), mix ``primaries`` (red, green, blue: CIE xy) with ``white`` (xy) as
    their top: its colorants adapted to D50, as ICC requires."""
    colorants = rgb_to_d50_xyz(primaries, white)
    adaptation = b"sf32\0\0\0\0" + _fixed(*_adaptation_to_d50(_xyz_of(white)).ravel())
    tags = [(b"desc", _text_tag(description)), (b"wtpt", xyz_tag(*D50)), (b"chad", adaptation)]
    tags += [(b"rXYZ", xyz_tag(*colorants[:, 0])), (b"gXYZ", xyz_tag(*colorants[:, 1]))]
    tags += [(b"bXYZ", xyz_tag(*colorants[:, 2]))]
    tags += [(name, tone_curve) for name in (b"rTRC", b"gTRC", b"bTRC")]
    return display_profile(b"RGB ", tags)


def rgb_to_d50_xyz(
    primaries: tuple[tuple[float, float], ...], white: tuple[float, float]
) -> np.ndarray:
    """The 3x3 matrix taking linear RGB of ``primaries`` and ``white`` (CIE xy) to XYZ adapted
    to D50 (Bradford's adaptation), the profile connection space: its columns are an RGB
    profile's colorants."""
    columns = np.array([_xyz_of(xy) for xy in primaries]).T
    white_xyz = _xyz_of(white)
    to_xyz = columns * np.linalg.solve(columns, white_xyz)  # each primary's share of white
    return _adaptation_to_d50(white_xyz) @ to_xyz


def _xyz_of(xy: tuple[float, float]) -> np.ndarray:
    """XYZ of a chromaticity at luminance 1."""
    x, y = xy
    return np.array([x / y, 1.0, (1 - x - y) / y])


def _adaptation_to_d50(white: np.ndarray) -> np.ndarray:
    """Bradford's matrix taking XYZ seen under ``white`` (XYZ) to how it looks under D50."""
    gains = (_BRADFORD @ np.array(D50)) / (_BRADFORD @ white)
    return np.linalg.inv(_BRADFORD) @ np.diag(gains) @ _BRADFORD


_D50_XYZ_TO_SRGB = np.linalg.inv(rgb_to_d50_xyz(SRGB_PRIMARIES, D65)).astype(np.float32)
"""Linear sRGB of XYZ adapted to D50, as an sRGB profile's colorants say."""


def d50_xyz_in_srgb(xyz: np.ndarray, dtype: type) -> np.ndarray:
    """The sRGB levels (RGB, of ``dtype``: uint8 or uint16) of colours as XYZ adapted to D50,
    the profile connection space's (sRGB's profile undone), those beyond sRGB clipped."""
    linear = np.clip(xyz @ _D50_XYZ_TO_SRGB.T, 0, 1)
    g, scale, offset, slope, knee = SRGB_CURVE
    encoded = np.where(linear >= knee * slope, (linear ** (1 / g) - offset) / scale, linear / slope)
    return np.round(encoded * np.iinfo(dtype).max).astype(dtype)


def parametric_curve(*params: float) -> bytes:
    """The data of an ICC parametric curve tag: ``g`` (x ^ g), or ``g, a, b, c, d``
    ((a x + b) ^ g from d on, else c x), and ICC's other types by their number of params."""
    kind = _PARAMETRIC_TYPES[len(params)]
    return b"para\0\0\0\0" + struct.pack(">HH", kind, 0) + _fixed(*params)


def _text_tag(text: str) -> bytes:
    """The data of an ICC text tag (multiLocalizedUnicode: a description) in US English."""
    utf16 = text.encode("utf-16-be")
    record = struct.pack(">II2s2sII", 1, 12, b"en", b"US", len(utf16), 28)
    data = b"mluc\0\0\0\0" + record + utf16
    return data + bytes(-len(data) % 4)


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
