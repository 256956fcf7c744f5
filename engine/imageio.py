"""Reading and writing photos: pixels as numpy arrays, with their colour profile, EXIF,
resolution and text metadata (XMP, IPTC, PNG text, an XMP sidecar: ``engine.text_metadata``).

Files are decoded from bytes (never ``cv2.imread`` on a path) so names in any script work on
every platform. Metadata comes from Pillow's header parser; pixels from ``engine.decoding``
(OpenCV, which keeps 16-bit samples that Pillow would reduce, and for some TIFFs tifffile or
Pillow; HEIC, a phone's photo of a print, from libheif through pillow-heif; DPX, a film
scanner's frame, from FFmpeg: ``engine.dpx``). HEIC is read, not written: a result "in the
original's format" of a HEIC photo is a JPEG (``same_format_suffix``). DPX is written only for
a result "in the original's format" of a DPX frame (``ORIGINAL_FORMAT_ONLY``).
"""

from __future__ import annotations

import io
import math
import os
import stat
import struct
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, NamedTuple

import cv2
import numpy as np
from PIL import Image, TiffImagePlugin

from engine import dpx, icc
from engine.atomic import numbered_names, staged_file
from engine.decoding import (
    DECODING_PEAK,
    Decoded,
    damaged_file,
    decode,
    decode_heif,
    decoded_bytes_per_pixel,
    heif_reader,
    pixels_within,
)
from engine.errors import (
    ImageReadError,
    ImageWriteError,
    RekindleError,
    WriteError,
    plain_reason,
)
from engine.output_size import MM_PER_INCH
from engine.pixels import to_8bit
from engine.provenance import exif_tags
from engine.system_memory import available_bytes
from engine.text_metadata import (
    NO_TEXT_METADATA,
    TextMetadata,
    jpeg_iptc_segment,
    jpeg_xmp,
    png_xmp_chunk_data,
    read_sidecar,
    write_sidecar,
)
from engine.words import say

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(
    {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".heic", ".heif", ".dpx"}
)
READ_ONLY_WRITTEN_AS = {".heic": ".jpg", ".heif": ".jpg"}
"""Formats read but not written, and the format a result "in the original's format" takes:
the one phones' photos also come in, lossy and small."""
HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
)
"""The major brands of a HEIF file's ``ftyp`` box (AVIF's own brand is not among them)."""
FORMAT_EXTENSIONS: dict[str, str] = {
    "png": ".png",
    "jpg": ".jpg",
    "tif": ".tif",
    "webp": ".webp",
    "bmp": ".bmp",
}

FORMAT_NAMES = {"png": "PNG", "jpg": "JPEG", "tif": "TIFF", "webp": "WebP", "bmp": "BMP"}
"""Each format as people call it."""
ORIGINAL_FORMAT_ONLY = {"dpx": ".dpx"}
"""Formats written only for a result "in the original's format", never offered for others: a
film scanner's DPX frame, whose header holds none of a photo's colour profile, XMP, IPTC or
resolution (its EXIF, the restoration's mark and source record, it keeps in its user-defined
data: ``engine.dpx``)."""

_FORMAT_OF_EXTENSION = {".jpeg": "jpg", ".tiff": "tif"} | {
    ext: fmt for fmt, ext in (FORMAT_EXTENSIONS | ORIGINAL_FORMAT_ONLY).items()
}

MAX_PIXELS = 1_000_000_000
"""Larger pictures are refused: decoding and restoring them would exhaust memory."""

OPTIMIZED_JPEG_PIXELS = 16_000_000
"""Up to this size JPEGs get optimised Huffman tables (2-3 % smaller files). libjpeg then
holds every coefficient of the picture (6 bytes a pixel at 4:4:4), which at 4x of a scan is
gigabytes; larger pictures are streamed (``bench/write_memory.py`` measures both)."""
CLASSIC_TIFF_MAX_BYTES = 2**32 - 2**25
"""The most bytes of pixels (uncompressed) and metadata a TIFF is written with in classic
TIFF, whose 32-bit offsets reach 4 GiB; a larger picture is written as BigTIFF, whose 64-bit
offsets reach past it, but which fewer programs read. Compression cannot be counted on (noise,
a 16-bit scan's grain, deflates little); the margin holds the tags, the strips' tables and
what deflate adds to data it cannot shrink."""
TIFF_ZLIB_LEVEL = 3
"""Deflate's effort for TIFFs: a 4x result saves several times faster than at zlib's default
(6) for a file about an eighth larger, still far smaller than its PNG
(``bench/write_memory.py --formats tif png`` measures both)."""


class Resolution(NamedTuple):
    """Dots per inch across and down: a scanner's may differ (300 by 600)."""

    across: int
    down: int


@dataclass
class Picture:
    """A decoded photo: 8- or 16-bit pixels in RGB order, plus what is needed to save it again."""

    pixels: np.ndarray  # HxWx3 (RGB) or HxW (grey); uint8 or uint16
    alpha: np.ndarray | None  # HxW, same dtype as pixels
    icc_profile: bytes | None
    exif: bytes | None  # orientation already applied to the pixels, so the tag reads 1
    source_format: str  # a key of FORMAT_EXTENSIONS or ORIGINAL_FORMAT_ONLY, or "heic"
    dpi: Resolution | int | None = None  # the resolution to record in every header (a
    # print's, the file's JFIF, pHYs or BMP one; one number: the same across and down, kept
    # as a ``Resolution``); None: the EXIF's own, if any (``print_resolution``)
    lossless_webp: bool = False  # read from a lossless WebP: a WebP of it loses nothing either
    text_metadata: TextMetadata = NO_TEXT_METADATA  # XMP, IPTC, PNG text and XMP sidecar
    png_colour: icc.PngColour = icc.NO_PNG_COLOUR  # a PNG's gAMA, cHRM and sRGB chunks; the
    # profile they make is ``icc_profile`` where the PNG has no ICC profile of its own
    dpx_header: dpx.DpxHeader | None = None  # a DPX frame's header, whose fields that
    # describe the picture's origin a DPX of it says again

    def __post_init__(self) -> None:
        p = self.pixels
        if p.dtype not in (np.uint8, np.uint16):
            raise ValueError(f"pixels must be uint8 or uint16, not {p.dtype}")
        if not (p.ndim == 2 or (p.ndim == 3 and p.shape[2] == 3)):
            raise ValueError(f"pixels must be HxW or HxWx3, not {p.shape}")
        if self.alpha is not None and (
            self.alpha.shape != p.shape[:2] or self.alpha.dtype != p.dtype
        ):
            raise ValueError("alpha must be HxW with the same dtype as the pixels")
        if self.dpi is not None:
            dpi = self.dpi
            self.dpi = Resolution(*dpi) if isinstance(dpi, tuple) else Resolution(dpi, dpi)
            if min(self.dpi) < 1:
                raise ValueError(f"dpi must be at least 1, not {self.dpi}")

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def bit_depth(self) -> int:
        return 16 if self.pixels.dtype == np.uint16 else 8


def format_of(path: str | os.PathLike) -> str | None:
    """The format (a key of ``FORMAT_EXTENSIONS``) a file is written in, by its suffix."""
    return _FORMAT_OF_EXTENSION.get(Path(path).suffix.lower())


def is_supported_image(path: str | os.PathLike) -> bool:
    """Whether the name has an extension Rekindle reads (no disk access, for filtering listings)."""
    return Path(path).suffix.lower() in SUPPORTED_EXTENSIONS


def same_format_suffix(path: str | os.PathLike) -> str:
    """The extension of a result "in the format of" the photo at ``path``: its own, or the
    one Rekindle writes instead of a format it only reads."""
    suffix = Path(path).suffix.lower()
    return READ_ONLY_WRITTEN_AS.get(suffix, suffix)


def unique_path(path: str | os.PathLike) -> Path:
    """``path`` if nothing is there yet, else the first free 'name (2).ext', 'name (3).ext', ..."""
    return next(name for name in numbered_names(Path(path)) if not os.path.lexists(name))


# --------------------------------------------------------------------------- reading


def read_picture(path: str | os.PathLike, data: bytes | None = None) -> Picture:
    """Decode a PNG, JPEG, TIFF, WebP, BMP, HEIC or DPX file, upright (a DPX frame as stored),
    keeping its bit depth (a DPX frame's 10 or 12 bits spread over 16); ``data``:
    the file's bytes, read elsewhere (a cluster's worker gets a photo it cannot reach so).

    Raises ImageReadError, whose message starts with the file name, for anything that is not a
    complete, readable image: a half-downloaded photo must be refused, not half restored.
    """
    path = Path(path)
    name = path.name
    if not is_supported_image(path):
        if not path.suffix:
            raise ImageReadError(
                say(
                    "{name}: Rekindle cannot open extension-less files "
                    "(it reads PNG, JPEG, TIFF, WebP, BMP, HEIC and DPX)",
                    name=name,
                )
            )
        raise ImageReadError(
            say(
                "{name}: Rekindle cannot open {suffix} files "
                "(it reads PNG, JPEG, TIFF, WebP, BMP, HEIC and DPX)",
                name=name,
                suffix=path.suffix,
            )
        )
    data = read_file_bytes(path) if data is None else data
    if not data:
        raise ImageReadError(say("{name}: the file is empty", name=name))
    with _pillow_warnings_ignored():
        picture = _picture_from(data, name)
    text = replace(picture.text_metadata, sidecar=read_sidecar(path))
    return replace(picture, text_metadata=text)


@contextmanager
def _pillow_warnings_ignored() -> Iterator[None]:
    """Leave Pillow's warnings about a damaged header (corrupt EXIF, a cut-off TIFF) unsaid:
    metadata is best effort, and a picture that cannot be read gets one sentence of ours."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"PIL\.")
        yield


def _picture_from(data: bytes, name: str) -> Picture:
    """The upright picture a file's bytes hold (see ``read_picture``)."""
    fmt = _sniff_format(data)
    if fmt is None or (fmt == "jpg" and not _jpeg_is_complete(data)):
        raise damaged_file(name)
    # Pillow parses a HEIC's header once pillow-heif is registered
    heif = heif_reader(name) if fmt == "heic" else None
    header = icc.read_header(data, fmt)  # none for a DPX, which Pillow does not read
    size = dpx.frame_size(data) if fmt == "dpx" else header.size
    if size is not None:
        _check_size(name, *size)
        _check_memory(name, *size, decoded_bytes_per_pixel(data, fmt))
    decoded = decode(data, fmt, name) if heif is None else decode_heif(heif, data, name)
    _check_size(name, decoded.pixels.shape[1], decoded.pixels.shape[0])
    pixels, alpha = _straight_samples(decoded, name)
    orientation = 1 if decoded.upright else header.orientation
    pixels = _orient(pixels, orientation)
    dpi = header.dpi
    if orientation in TURNED_A_QUARTER:  # the resolutions recorded are of the pixels stored
        dpi = quarter_turned(dpi or exif_resolution(header.exif))
    if alpha is not None:
        alpha = _orient(alpha, orientation)
    grayscale = pixels.ndim == 2
    profile = decoded.icc_profile or header.icc_profile
    if not icc.suits(profile, grayscale=grayscale):
        profile = header.png_colour.profile(grayscale=grayscale)
    lossless = fmt == "webp" and _webp_is_lossless(data)
    return Picture(
        pixels,
        alpha,
        profile,
        dpx.exif_of(data) if fmt == "dpx" else header.exif,
        fmt,
        dpi=dpi,
        lossless_webp=lossless,
        text_metadata=header.text,
        png_colour=header.png_colour,
        dpx_header=dpx.header_of(data) if fmt == "dpx" else None,
    )


def _webp_is_lossless(data: bytes) -> bool:
    """Whether a WebP's picture is stored without loss: its first picture chunk, after the
    chunks of an extended file's features, is VP8L (a lossy one's is 'VP8 ')."""
    pos = 12  # RIFF, its size, WEBP
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        if kind in (b"VP8L", b"VP8 "):
            return kind == b"VP8L"
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        pos += 8 + size + size % 2  # chunks are padded to an even length
    return False


def read_file_bytes(path: Path) -> bytes:
    """The file's bytes, or an ``ImageReadError`` saying in plain words why not."""
    try:
        _refuse_unless_a_file(path)
        return path.read_bytes()
    except FileNotFoundError:
        raise ImageReadError(say("{name}: the file does not exist", name=path.name)) from None
    except OSError as exc:
        raise ImageReadError(_unreadable(path, exc)) from exc


def _refuse_unless_a_file(path: Path) -> None:
    """Refuse a folder, and a named pipe or a device, whose reading would wait for a writer
    that may never come (a pipe named like a photo holds a run forever)."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise ImageReadError(say("{name}: is a folder, not an image file", name=path.name))
    if not stat.S_ISREG(mode):
        raise ImageReadError(
            say("{name}: is a pipe or a device, not an image file", name=path.name)
        )


def _unreadable(path: Path, error: OSError) -> str:
    """Why the file at ``path`` cannot be read, in plain words."""
    return say("{name}: cannot be read ({reason})", name=path.name, reason=plain_reason(error))


def _sniff_format(data: bytes) -> str | None:
    """The format the bytes really are, whatever the extension claims."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:2] == b"BM":
        return "bmp"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "heic"
    if dpx.is_dpx(data):
        return "dpx"
    return None


def _jpeg_is_complete(data: bytes) -> bool:
    """Whether the JPEG's compressed data ends with the end-of-image marker (FF D9).

    Decoders fill the missing part of a truncated JPEG with grey and only warn. Segments before
    the first scan are skipped by length, so an EXIF thumbnail's own end marker does not count,
    while data appended after the image (phones' motion photos) is allowed.
    """
    pos, n = 2, len(data)
    while pos + 4 <= n:
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
        elif marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
        elif marker == 0xD9:
            return False
        else:
            length = int.from_bytes(data[pos + 2 : pos + 4], "big")
            if marker == 0xDA:  # start of scan: inside the scans FF is always escaped
                return data.find(b"\xff\xd9", pos + 2 + length) != -1
            pos += 2 + length
    return False


def _check_size(name: str, width: int, height: int) -> None:
    """Refuse a picture of more than ``MAX_PIXELS``, whatever memory this computer has."""
    if width * height > MAX_PIXELS:
        raise ImageReadError(
            say(
                "{name}: the picture is too large for memory ({width} x {height} pixels)",
                name=name,
                width=width,
                height=height,
            )
        )


def _check_memory(name: str, width: int, height: int, bytes_per_pixel: int) -> None:
    """Refuse, before decoding it, a picture whose decoding would take more memory than this
    computer has available (``DECODING_PEAK`` times its decoded samples): a small file may
    hold a picture of many gigabytes, and running out would have the system end the program."""
    available = available_bytes()
    needed = width * height * bytes_per_pixel * DECODING_PEAK
    if available is None or needed <= available:
        return
    raise ImageReadError(
        say(
            "{name}: the picture is too large for this computer's memory ({width} x {height} "
            "pixels need about {needed} GB to open; {available} GB are available)",
            name=name,
            width=width,
            height=height,
            needed=round(needed / 1e9, 1),
            available=round(available / 1e9, 1),
        )
    )


def _straight_samples(decoded: Decoded, name: str) -> tuple[np.ndarray, np.ndarray | None]:
    """8- or 16-bit pixels and alpha, the colours not multiplied by alpha: Rekindle keeps
    alpha straight, as PNG, WebP and its own TIFFs store it."""
    pixels = _to_supported_depth(decoded.pixels, name)
    if decoded.alpha is None:
        return pixels, None
    alpha = _to_supported_depth(decoded.alpha, name)
    if decoded.premultiplied:
        pixels = _unpremultiplied(pixels, alpha)
    return pixels, alpha


def _unpremultiplied(colours: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Straight colours from 8- or 16-bit ones multiplied by ``alpha``, rounded; colours above
    their alpha (nothing shows where alpha is 0) are clipped."""
    top = np.iinfo(colours.dtype).max
    a = alpha.astype(np.uint32)
    if colours.ndim == 3:
        a = a[..., None]
    # 65535 * 65535 + 32767 still fits in 32 bits
    straight = (colours.astype(np.uint32) * top + a // 2) // np.maximum(a, 1)
    return np.minimum(straight, top).astype(colours.dtype)


def _to_supported_depth(arr: np.ndarray, name: str) -> np.ndarray:
    """uint8 and uint16 as they are; floats in 0..1 scaled to uint16; anything else refused."""
    if arr.dtype in (np.uint8, np.uint16):
        return arr
    if arr.dtype.kind == "f":
        if arr.size and (not np.isfinite(arr).all() or arr.min() < 0 or arr.max() > 1):
            raise ImageReadError(
                say(
                    "{name}: holds floating-point values outside 0 to 1 (HDR data), "
                    "which Rekindle cannot restore; save it as a 16-bit image",
                    name=name,
                )
            )
        return (arr.astype(np.float32) * 65535 + 0.5).astype(np.uint16)
    bits = arr.dtype.itemsize * 8
    if arr.dtype.kind == "i":
        raise ImageReadError(
            say(
                "{name}: uses signed {bits}-bit integer samples, which Rekindle cannot read; "
                "save it as an image with unsigned 8- or 16-bit samples",
                name=name,
                bits=bits,
            )
        )
    raise ImageReadError(
        say(
            "{name}: uses {bits}-bit integer samples, which Rekindle cannot read; "
            "save it as an image with unsigned 8- or 16-bit samples",
            name=name,
            bits=bits,
        )
    )


TURNED_A_QUARTER = frozenset({5, 6, 7, 8})
"""The EXIF orientations that turn a picture a quarter round (``_orient``)."""


def quarter_turned(resolution: tuple[float, float] | None) -> Resolution | None:
    """A resolution across and down as a picture turned a quarter round has it: swapped."""
    return None if resolution is None else Resolution(resolution[1], resolution[0])


def _orient(arr: np.ndarray, orientation: int) -> np.ndarray:
    """Apply an EXIF orientation (1-8) so the picture is upright, as viewers show it."""
    if orientation == 1:
        return arr
    turned = {
        2: arr[:, ::-1],
        3: arr[::-1, ::-1],
        4: arr[::-1],
        5: arr.swapaxes(0, 1),
        6: np.rot90(arr, -1),
        7: arr.swapaxes(0, 1)[::-1, ::-1],
        8: np.rot90(arr, 1),
    }[orientation]
    return np.ascontiguousarray(turned)


# --------------------------------------------------------------------------- writing


def write_picture(
    picture: Picture,
    path: str | os.PathLike,
    *,
    quality: int | None = None,
    forbid: Iterable[str | os.PathLike] = (),
    replace: bool = True,
) -> Path:
    """Save ``picture`` in the format named by the extension, atomically; return the path.

    - Alpha is kept in PNG, TIFF and WebP. JPEG and BMP cannot carry it usefully, so the
      picture is composited over white for them.
    - 16-bit is kept in PNG and TIFF; JPEG, WebP and BMP get 8 bits, rounded
      (``depth_and_alpha_notes`` words what a format so leaves out).
    - The ICC profile is embedded in PNG, JPEG, WebP and TIFF. BMP holds none: its colours are
      converted to sRGB's. Tones a grey profile describes that are written as RGB are
      converted to sRGB and get its profile (``_in_a_profile_it_keeps``); any other profile
      that does not describe the pixels (a CMYK one) is left out. A PNG's gAMA, cHRM and sRGB
      chunks, where no ICC profile overrides them, are written again in a PNG of it; other
      formats get the profile they make (``icc.PngColour``). EXIF goes into JPEG, WebP and
      PNG; TIFF keeps its first directory's tags as its own, and its EXIF and GPS directories
      as its own sub-directories.
    - A TIFF is classic TIFF, or BigTIFF where classic TIFF's 4 GiB might not hold it
      (``CLASSIC_TIFF_MAX_BYTES``).
    - XMP goes into JPEG (up to one segment's 64 KB), PNG (an iTXt chunk), TIFF (tag 700) and
      WebP; IPTC into JPEG (Photoshop's APP13 segment) and TIFF (tag 33723); a PNG's text
      chunks into PNG. The words of IPTC or PNG text a format cannot hold go into its XMP
      (``TextMetadata.held_in``); a derivative's XMP gets an instance ID of its file's own
      (``TextMetadata.saved_as``). An XMP sidecar is written beside the file, with its stem,
      unless a file is there already (``engine.text_metadata.write_sidecar``).
    - A picture's resolution across and down (``print_resolution``: its ``dpi``, else its
      EXIF's) is written in every header: JPEG's JFIF, PNG's pHYs chunk, TIFF's and BMP's own
      tags, and the EXIF, whose resolution a ``dpi`` replaces.
    - DPX (a DPX frame's result alone: ``ORIGINAL_FORMAT_ONLY``) keeps the depth (a frame
      read in 10 or 12 bits, spread over 16, is written in 16: ``engine.dpx.encode_dpx``),
      grey and alpha, its levels as they are; its EXIF in its user-defined data, and no
      profile, XMP, IPTC nor resolution; its header says again what the DPX original's says
      of the picture's origin (``Picture.dpx_header``: timecode, film and television
      headers, pixel aspect, orientation, transfer, colorimetric and reference codes).
    - ``quality`` (0-100) applies to JPEG and WebP; WebP at 100 is lossless. Without one:
      95, and for WebP lossless where the picture was read from a lossless WebP.
    - The file is checked before it takes its name: its size against what the encoder wrote,
      its header's picture size and its format's end marker (``picture_is_whole``).
    - ``replace=False`` never replaces a file: a taken name gives "name (2).ext"...; the
      returned path is the name the picture got (``engine.atomic.publish``).
    - Replacing any path in ``forbid`` (the originals) raises ImageWriteError, and so does
      any fault of an encoder: one file's failure, said in words (``_not_encoded``).
    """
    target = Path(path)
    name = target.name
    fmt = format_of(target)
    if fmt is None:
        if not target.suffix:
            raise ImageWriteError(
                say(
                    "{name}: cannot save extension-less files "
                    "(use .png, .jpg, .tif, .webp or .bmp)",
                    name=name,
                )
            )
        raise ImageWriteError(
            say(
                "{name}: cannot save {suffix} files (use .png, .jpg, .tif, .webp or .bmp)",
                name=name,
                suffix=target.suffix,
            )
        )
    quality = _quality_for(picture, fmt) if quality is None else quality
    if not 0 <= quality <= 100:
        raise ValueError(f"quality must be 0-100, not {quality}")
    if replace:  # else the name is only ever taken when free
        _refuse_forbidden(target, forbid)
    height, width = picture.pixels.shape[:2]
    picture = _with_text_for(picture, fmt)

    def whole(temp: Path) -> bool:
        return picture_is_whole(temp, fmt, (width, height))

    try:
        with (
            staged_file(target, replace=replace, check=whole) as staged,
            staged.open() as stream,
        ):
            _encode(picture, fmt, quality, stream, staged.temp)
        _write_sidecar(picture, staged.path)
    except MemoryError:
        raise ImageWriteError(
            say("{name}: not enough memory to save the picture", name=name)
        ) from None
    except WriteError as exc:
        raise ImageWriteError(exc.sentence) from exc
    except RekindleError:
        raise
    except Exception as exc:  # an encoder's fault is this file's failure, not a batch's
        raise ImageWriteError(_not_encoded(name, fmt, exc)) from exc
    return staged.path


def _not_encoded(name: str, fmt: str, error: Exception) -> str:
    """Why an encoder could not write the file ``name`` in ``fmt``, in plain words. Encoders
    report their own failures as they please: Pillow's and tifffile's with a bare OSError, a
    number a header's field cannot hold (an offset past 4 GiB) with ``struct.error`` or
    ``OverflowError``."""
    reason = str(error) or type(error).__name__
    if isinstance(error, (struct.error, OverflowError)):
        return say(
            "{name}: the picture could not be encoded: it, or a value in its metadata, "
            "is too large for {format} ({error})",
            name=name,
            format=FORMAT_NAMES.get(fmt, fmt.upper()),
            error=reason,
        )
    return say("{name}: the picture could not be encoded ({error})", name=name, error=reason)


_HOLDS_IPTC = ("jpg", "tif")
_HOLDS_PNG_TEXT = ("png",)


def _with_text_for(picture: Picture, fmt: str) -> Picture:
    """``picture`` with the text metadata its file in ``fmt`` says: the words of its IPTC
    record and PNG text that the format cannot hold said in its XMP, a derivative's instance
    ID made its own (``TextMetadata.held_in`` and ``saved_as``)."""
    text = picture.text_metadata.held_in(
        iptc=fmt in _HOLDS_IPTC, png_text=fmt in _HOLDS_PNG_TEXT
    ).saved_as(fmt)
    return replace(picture, text_metadata=text)


def _write_sidecar(picture: Picture, result: Path) -> None:
    """Write the picture's XMP sidecar, if it has one, beside its file ``result``."""
    packet = picture.text_metadata.sidecar
    if packet is not None:
        write_sidecar(result, packet)


def resolution_of(picture: Picture) -> float | None:
    """The picture's resolution across, in dots per inch (``print_resolution``)."""
    found = print_resolution(picture)
    return None if found is None else found[0]


def print_resolution(picture: Picture) -> tuple[float, float] | None:
    """The picture's resolution across and down, in dots per inch: its ``dpi``, else its
    EXIF's (``exif_resolution``)."""
    return picture.dpi or exif_resolution(picture.exif)


def exif_resolution(exif: bytes | None) -> tuple[float, float] | None:
    """The resolution across and down, in dots per inch, that ``exif`` records (a TIFF's own
    tags say a TIFF's), down taken for across's where it records none of its own; None where
    it records none across, or one without a unit (a ratio of sides)."""
    tags = exif_tags(exif)
    per_inch = {_INCHES: 1.0, _CENTIMETRES: 2.54}.get(tags.get(_RESOLUTION_UNIT, _INCHES))
    across = _exif_number(tags, _X_RESOLUTION)
    if per_inch is None or across is None or across * per_inch < 1:
        return None
    down = _exif_number(tags, _Y_RESOLUTION)
    if down is None or down * per_inch < 1:
        down = across
    return across * per_inch, down * per_inch


def _exif_number(tags: Image.Exif, tag: int) -> float | None:
    """The finite number the EXIF tag ``tag`` holds; None where it holds none."""
    try:
        number = float(tags[tag])
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def _quality_for(picture: Picture, fmt: str) -> int:
    """The quality a picture gets in ``fmt`` unless one is asked for: lossless (100) in WebP
    where it came from a lossless WebP (a master kept without loss), else 95."""
    return 100 if fmt == "webp" and picture.lossless_webp else 95


_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_END = b"\xff\xd9"
_PNG_HEAD = 8 + 25
"""A PNG's signature and its IHDR chunk (length, type, 13 bytes of data, CRC)."""
_BMP_RESOLUTION = slice(38, 46)
"""Where the BITMAPINFOHEADER OpenCV writes keeps a BMP's pixels per metre, across and down."""
_X_RESOLUTION, _Y_RESOLUTION, _RESOLUTION_UNIT = 0x011A, 0x011B, 0x0128
_INCHES, _CENTIMETRES = 2, 3
"""EXIF's ResolutionUnit for dots per inch and per centimetre."""
_XMP_TAG, _IPTC_TAG = 700, 33723
"""A TIFF's tags holding its XMP packet and its IPTC record."""
_BYTE, _LONG, _LONG8 = 1, 4, 16
"""TIFF's types of tags: bytes, 32-bit numbers, 64-bit numbers (BigTIFF's)."""


def picture_is_whole(
    path: str | os.PathLike, fmt: str | None = None, size: tuple[int, int] | None = None
) -> bool:
    """Whether the picture file at ``path`` looks complete, by a cheap look that decodes no
    pixels: its header opens (showing ``size``, width by height, when given) and its format's
    end is where it should be (PNG's IEND, JPEG's EOI, the sizes WebP, BMP and DPX record,
    TIFF's last strip). ``fmt`` defaults to the one its extension names. A file that cannot be
    looked at so, for whatever reason but want of memory, is not whole."""
    path = Path(path)
    fmt = fmt or format_of(path)
    try:
        if fmt == "tif":
            return _tiff_is_whole(path, size)
        if fmt == "dpx":
            return dpx.dpx_is_whole(path, size)
        return _is_whole(path, fmt, size)
    except MemoryError:
        raise
    except Exception:  # parsing a cut-off file can fail in any way (Pillow: SyntaxError...)
        return False


def _is_whole(path: Path, fmt: str | None, size: tuple[int, int] | None) -> bool:
    """``picture_is_whole`` for the formats Pillow's header parser checks."""
    length = path.stat().st_size
    with open(path, "rb") as stream:
        head = stream.read(8)
        stream.seek(max(0, length - len(_PNG_END)))
        tail = stream.read()
    with icc.without_pillow_pixel_limit(), Image.open(path) as image:
        shown = image.size
    ends = {
        "png": tail.endswith(_PNG_END),
        "jpg": tail.endswith(_JPEG_END),
        "webp": head[:4] == b"RIFF" and int.from_bytes(head[4:8], "little") + 8 == length,
        "bmp": head[:2] == b"BM" and int.from_bytes(head[2:6], "little") == length,
    }
    return ends.get(fmt, False) and (size is None or shown == size)


def _tiff_is_whole(path: Path, size: tuple[int, int] | None) -> bool:
    import tifffile  # here, not above: training machines write no TIFFs and may lack it

    length = path.stat().st_size
    with tifffile.TiffFile(path) as tif:
        page = tif.pages.first
        whole = pixels_within(page, length)
        shown = (page.imagewidth, page.imagelength)
    return whole and (size is None or shown == size)


def _refuse_forbidden(target: Path, forbid: Iterable[str | os.PathLike]) -> None:
    for item in forbid:
        other = Path(item)
        try:
            same = os.path.samefile(target, other)
        except OSError:  # one of them does not exist (yet)
            same = os.path.normcase(target.resolve()) == os.path.normcase(other.resolve())
        if same:
            raise ImageWriteError(
                say(
                    "{name}: will not overwrite the original photo; choose another name or folder",
                    name=target.name,
                )
            )


_HOLDS_16_BITS = ("png", "tif", "dpx")
_HOLDS_ALPHA = ("png", "tif", "webp", "dpx")
"""The formats whose files, as written, keep 16-bit samples, and those that keep alpha: the
others get 8 bits and their picture flattened onto white (``_prepare``)."""


def _prepare(picture: Picture, fmt: str) -> tuple[np.ndarray, np.ndarray | None]:
    """The pixels and alpha this format can hold."""
    pixels, alpha = picture.pixels, picture.alpha
    if fmt not in _HOLDS_16_BITS:
        pixels = to_8bit(pixels)
        alpha = None if alpha is None else to_8bit(alpha)
    if alpha is not None and fmt not in _HOLDS_ALPHA:
        a = alpha.astype(np.uint16)
        if pixels.ndim == 3:
            a = a[..., None]
        # Exact rounding of (c*a + 255*(255-a)) / 255; the sum fits in uint16.
        pixels = ((pixels * a + 255 * (255 - a) + 127) // 255).astype(np.uint8)
        alpha = None
    if pixels.ndim == 2 and _grey_written_as_rgb(fmt, alpha is not None, pixels.dtype):
        pixels = np.repeat(pixels[..., None], 3, axis=2)
    return pixels, alpha


def left_out_notes(picture: Picture, fmt: str | None, name: str) -> list[str]:
    """Notes on all that a file in ``fmt`` leaves out of ``picture`` (the result of the
    picture ``name``): its EXIF beyond a JPEG's room (``icc.exif_left_out_note``), then its
    16 bits and its transparency (``depth_and_alpha_notes``); none where it holds all."""
    exif = icc.exif_left_out_note(picture.exif, fmt, name)
    return [*([exif] if exif else []), *depth_and_alpha_notes(picture, fmt, name)]


def depth_and_alpha_notes(picture: Picture, fmt: str | None, name: str) -> list[str]:
    """Notes on what of ``picture`` (the result of the picture ``name``) a file in ``fmt``
    cannot hold (``_prepare``): its 16 bits a sample, kept in 8, and its transparency,
    flattened onto white (an alpha that hides nothing is no loss); none where it holds all."""
    if fmt is None:
        return []
    shown = FORMAT_NAMES.get(fmt, fmt.upper())
    notes = []
    if picture.bit_depth == 16 and fmt not in _HOLDS_16_BITS:
        notes.append(
            say(
                "{name}: the result is kept in 8 bits a sample: {format} holds no more",
                name=name,
                format=shown,
            )
        )
    if _hides_something(picture.alpha) and fmt not in _HOLDS_ALPHA:
        notes.append(
            say(
                "{name}: the result's transparency is flattened onto white: {format} holds none",
                name=name,
                format=shown,
            )
        )
    return notes


def _hides_something(alpha: np.ndarray | None) -> bool:
    """Whether ``alpha`` makes any pixel less than opaque."""
    return alpha is not None and alpha.size > 0 and int(alpha.min()) < np.iinfo(alpha.dtype).max


_HOLDS_NO_PROFILE = ("bmp",)
"""Formats whose files, as written, carry no colour profile: viewers take their levels for
sRGB's."""


def _grey_written_as_rgb(fmt: str, with_alpha: bool, dtype: np.dtype) -> bool:
    """Whether grey pixels (of ``dtype``) are written as RGB in ``fmt``: WebP has no grey,
    FFmpeg's DPX encoder no grey with alpha, and of PNG's encoders OpenCV's none with alpha
    and Pillow's none with alpha beyond 8 bits (``_grey_alpha_png``)."""
    wide = dtype == np.uint16
    return fmt == "webp" or (with_alpha and (fmt == "dpx" or (fmt == "png" and wide)))


def _in_a_profile_it_keeps(picture: Picture, fmt: str) -> Picture:
    """``picture`` with a colour profile it can be written in: where a grey profile's tones
    are written as RGB (``_grey_written_as_rgb``: grey in WebP, 16-bit grey with alpha in
    PNG, or RGB pixels a grey profile came with, as in a comparison of a grey photo), their
    levels converted through that profile to sRGB's (``icc.grey_in_srgb``), with sRGB's
    profile. A grey profile cannot describe RGB, and without it every tone shifts (a
    gamma-1.8 scan shows some 17 levels darker).

    Grey with alpha is kept as grey, under its own profile, in TIFF, and in PNG at 8 bits; a
    PNG of 16-bit grey with alpha is written as RGB, as no encoder here writes it as grey
    without losing 8 of its bits. A profile LittleCMS cannot use is left out (``_encode``
    writes only one that suits the pixels).

    In a format that holds no profile (``_HOLDS_NO_PROFILE``), any profile's colours are
    converted to sRGB's (``_in_srgb``)."""
    if fmt in _HOLDS_NO_PROFILE:
        return _in_srgb(picture)
    profile = picture.icc_profile
    if not profile or icc.colour_space(profile) != "GRAY":
        return picture
    grey = picture.pixels
    if grey.ndim == 2 and not _grey_written_as_rgb(fmt, picture.alpha is not None, grey.dtype):
        return picture
    pixels = icc.grey_in_srgb(picture.pixels, profile)
    if pixels is None:
        return picture
    return replace(picture, pixels=pixels, icc_profile=icc.srgb_profile())


def _in_srgb(picture: Picture) -> Picture:
    """``picture`` in 8 bits (a BMP's), its colours converted through its profile to the
    sRGB levels that look the same (``icc.in_srgb``), with sRGB's profile: an Adobe RGB scan's
    levels taken for sRGB's look flat. As it is without a profile and with one that shows
    colours as sRGB's does (``icc.shows_as_srgb``); with one LittleCMS cannot use, its levels
    are kept, shown as viewers that cannot use it show them."""
    profile = picture.icc_profile
    if not profile or icc.shows_as_srgb(profile):
        return picture
    pixels = icc.srgb_levels(to_8bit(picture.pixels), profile)
    alpha = None if picture.alpha is None else to_8bit(picture.alpha)
    return replace(picture, pixels=pixels, alpha=alpha, icc_profile=icc.srgb_profile())


def _png_colour_chunks(
    colour: icc.PngColour, profile: bytes | None, grayscale: bool
) -> tuple[tuple[bytes, bytes], ...]:
    """The gAMA, cHRM and sRGB chunks (``colour``) of the PNG a picture was read from, for
    its PNG in place of ``profile``, the one its pixels are written in, where that is the one
    the chunks make (``icc.PngColour.profile``): the PNG says it as it did. No chunk where
    another profile describes the pixels (the PNG's own ICC profile, sRGB's of converted
    levels)."""
    return colour.chunks() if profile == colour.profile(grayscale=grayscale) else ()


class _Metadata(NamedTuple):
    """What a file carries beside its pixels."""

    icc_profile: bytes | None  # one that describes the pixels written
    exif: bytes | None
    dpi: Resolution | None  # the resolution to record in every header; None: none known
    text: TextMetadata
    png_colour: tuple[tuple[bytes, bytes], ...]  # a PNG's gAMA, cHRM and sRGB chunks


def _encode(picture: Picture, fmt: str, quality: int, stream: BinaryIO, temp: Path) -> None:
    """Encode straight into ``stream`` (onto the file ``temp``): a 300 MP result must not be
    held twice more as bytes."""
    picture = _in_a_profile_it_keeps(picture, fmt)
    pixels, alpha = _prepare(picture, fmt)
    if fmt == "dpx":
        dpx.encode_dpx(pixels, alpha, picture.dpx_header, picture.exif, stream)
        return
    profile = picture.icc_profile
    grayscale = pixels.ndim == 2
    profile = profile if icc.suits(profile, grayscale=grayscale) else None
    chunks = _png_colour_chunks(picture.png_colour, profile, grayscale) if fmt == "png" else ()
    exif = icc.exif_of_size(picture.exif, pixels.shape[1], pixels.shape[0])
    exif = _exif_with_resolution(exif, picture.dpi)
    meta = _Metadata(
        None if chunks else profile, exif, _whole_dpi(picture), picture.text_metadata, chunks
    )
    if fmt in ("png", "bmp"):
        _encode_with_opencv(pixels, alpha, fmt, stream, meta)
    elif fmt == "tif":
        _encode_tiff(pixels, alpha, stream, meta, temp)
    else:
        _encode_with_pillow(pixels, alpha, fmt, quality, stream, meta)


def _whole_dpi(picture: Picture) -> Resolution | None:
    """The picture's resolution across and down (``print_resolution``) in whole dots per
    inch, as headers other than the EXIF record it; None where none is known."""
    found = print_resolution(picture)
    return None if found is None else Resolution(*(round(side) for side in found))


def _exif_with_resolution(exif: bytes | None, dpi: Resolution | None) -> bytes | None:
    """The EXIF to write: the picture's own, its resolution saying ``dpi`` when one is given
    (a print's, an enlarged picture's, or one its file's JFIF or pHYs header recorded)."""
    if dpi is None:
        return exif or None
    tags = exif_tags(exif)
    tags[_X_RESOLUTION], tags[_Y_RESOLUTION] = dpi
    tags[_RESOLUTION_UNIT] = _INCHES
    return tags.tobytes()


def _pixels_per_metre(dpi: Resolution) -> tuple[int, int]:
    """PNG's and BMP's unit of resolution, across and down."""
    across, down = (round(side * 1000 / MM_PER_INCH) for side in dpi)
    return across, down


def _encode_with_opencv(
    pixels: np.ndarray, alpha: np.ndarray | None, fmt: str, stream: BinaryIO, meta: _Metadata
) -> None:
    """PNG or BMP: OpenCV's encoders keep 16 bits; the metadata is added to their bytes. An
    8-bit grey picture with alpha, which OpenCV does not encode, is a PNG of Pillow's
    (``_grey_alpha_png``)."""
    if pixels.ndim == 2 and alpha is not None:
        _write_png(stream, _grey_alpha_png(pixels, alpha), meta)
        return
    if pixels.ndim == 2:
        bgr = pixels
    elif alpha is None:
        bgr = np.ascontiguousarray(pixels[..., ::-1])
    else:
        bgr = np.dstack([pixels[..., ::-1], alpha])
    ok, buf = cv2.imencode(f".{fmt}", bgr)
    if not ok:
        raise ValueError(f"OpenCV could not encode {fmt.upper()}")
    del bgr
    if fmt == "png":
        _write_png(stream, buf.data, meta)
        return
    if meta.dpi is not None:
        _set_bmp_resolution(buf, meta.dpi)
    stream.write(buf.data)


PNG_COMPRESSION = 1
"""zlib's effort for a PNG that Pillow encodes: OpenCV's own default, for its speed."""


def _grey_alpha_png(grey: np.ndarray, alpha: np.ndarray) -> memoryview:
    """An 8-bit grey picture with alpha as a PNG's bytes (colour type 4, grey with alpha),
    from Pillow's encoder: OpenCV's writes 1, 3 or 4 channels, no grey with alpha."""
    encoded = io.BytesIO()
    Image.fromarray(np.dstack([grey, alpha])).save(encoded, "PNG", compress_level=PNG_COMPRESSION)
    return encoded.getbuffer()


def _write_png(stream: BinaryIO, png: memoryview, meta: _Metadata) -> None:
    """``png`` with its profile, EXIF, colour chunks, resolution (a pHYs chunk, when
    ``meta.dpi`` is given), text chunks and XMP (an iTXt chunk) after IHDR, before the image
    data: where the first four must be, and where readers that stop at the pixels find the
    others."""
    png = png.cast("B")
    icc.write_png_with_metadata(stream, png[:_PNG_HEAD], meta.icc_profile, meta.exif)
    for kind, data in meta.png_colour:
        stream.write(icc.png_chunk(kind, data))
    if meta.dpi is not None:
        per_metre = _pixels_per_metre(meta.dpi)
        stream.write(icc.png_chunk(b"pHYs", struct.pack(">IIB", *per_metre, 1)))
    for kind, data in meta.text.png_text:
        stream.write(icc.png_chunk(kind, data))
    if meta.text.xmp:
        stream.write(icc.png_chunk(b"iTXt", png_xmp_chunk_data(meta.text.xmp)))
    stream.write(png[_PNG_HEAD:])


def _set_bmp_resolution(bmp: np.ndarray, dpi: Resolution) -> None:
    """Record ``dpi`` in an encoded BMP's header, as pixels per metre across and down."""
    header = struct.pack("<ii", *_pixels_per_metre(dpi))
    bmp.reshape(-1)[_BMP_RESOLUTION] = np.frombuffer(header, np.uint8)


def _encode_tiff(
    pixels: np.ndarray, alpha: np.ndarray | None, stream: BinaryIO, meta: _Metadata, temp: Path
) -> None:
    """TIFF, little-endian, with the EXIF the other formats carry as its own tags (the marks
    of a restoration, the original's artist, date, camera and resolution: ``icc.tiff_tags``)
    and its own EXIF and GPS directories (exposure, date taken, place), added to the file
    tifffile wrote onto ``temp`` (``_add_directories``), and its XMP and IPTC. BigTIFF where
    classic TIFF might not hold it all (``CLASSIC_TIFF_MAX_BYTES``)."""
    import tifffile  # here, not above: training machines write no TIFFs and may lack it

    tags = icc.tiff_tags(meta.exif)
    samples = pixels if alpha is None else np.dstack([pixels, alpha])
    tifffile.imwrite(
        stream,
        samples,
        bigtiff=samples.nbytes + _metadata_bytes(meta) > CLASSIC_TIFF_MAX_BYTES,
        byteorder="<",
        photometric="minisblack" if pixels.ndim == 2 else "rgb",
        extrasamples=("unassalpha",) if alpha is not None else None,
        compression="zlib",
        compressionargs={"level": TIFF_ZLIB_LEVEL},
        predictor=True,
        iccprofile=meta.icc_profile,
        metadata=None,
        software=False,  # the EXIF's, among its tags
        resolution=tags.resolution,
        resolutionunit=tags.unit,
        extratags=tags.extra + _text_tags(meta.text),
    )
    _add_directories(stream, temp, tags.directories)


def _metadata_bytes(meta: _Metadata) -> int:
    """The bytes of the metadata blocks a file of ``meta`` holds."""
    blocks = (meta.icc_profile, meta.exif, meta.text.xmp, meta.text.iptc)
    return sum(len(block) for block in blocks if block)


def _text_tags(text: TextMetadata) -> list[tuple[int, int, int, object, bool]]:
    """tifffile's ``extratags`` for a TIFF's XMP (bytes) and IPTC (as 32-bit numbers, which
    readers expect of it, its record padded with zeros to a multiple of 4 bytes)."""
    tags: list[tuple[int, int, int, object, bool]] = []
    if text.xmp:
        tags.append((_XMP_TAG, _BYTE, len(text.xmp), text.xmp, True))
    if text.iptc:
        padded = text.iptc + bytes(-len(text.iptc) % 4)
        numbers = struct.unpack(f"<{len(padded) // 4}I", padded)
        tags.append((_IPTC_TAG, _LONG, len(numbers), numbers, True))
    return tags


class _TiffLayout(NamedTuple):
    """How a little-endian TIFF lays out its directories: classic TIFF's, with 32-bit
    offsets, or BigTIFF's, with 64-bit ones."""

    head: bytes  # how a file begins, its first directory's offset zero (Pillow's ``ifh``)
    first_at: int  # where the header keeps the offset of the first directory
    count: str  # the struct format of a directory's number of entries
    offset: str  # the struct format of an offset, and of an entry's count and value
    pointer_type: int  # the type of a pointer to a sub-directory

    @property
    def magic(self) -> bytes:
        """How a file of this layout begins, before its first directory's offset."""
        return self.head[: self.first_at]

    @property
    def entry_size(self) -> int:
        return struct.calcsize(f"<HH{self.offset}{self.offset}")

    def pointer(self, tag: int, start: int) -> bytes:
        """A directory's entry ``tag`` pointing to the sub-directory at ``start``."""
        return struct.pack(f"<HH{self.offset}{self.offset}", tag, self.pointer_type, 1, start)


_TIFF_LAYOUTS = (
    _TiffLayout(b"II*\x00" + bytes(4), 4, "H", "I", _LONG),
    _TiffLayout(b"II+\x00\x08\x00\x00\x00" + bytes(8), 8, "Q", "Q", _LONG8),
)


def _add_directories(stream: BinaryIO, temp: Path, directories: dict[int, dict]) -> None:
    """Append ``directories`` (EXIF's and GPS's tags, by their pointers' tags) to the TIFF
    being written to ``stream``, then a copy of its first directory with the pointers to them
    (tifffile writes no such pointer), which the header then names: the directory tifffile
    wrote is left unused, its values where they were."""
    if not directories:
        return
    stream.flush()
    layout, entries, following = _first_directory(temp)
    for pointer, tags in directories.items():
        entries.append(layout.pointer(pointer, _write_directory(stream, pointer, tags, layout)))
    entries.sort(key=lambda entry: entry[:2][::-1])  # by tag, as a TIFF's must be
    start = _word_aligned(stream)
    stream.write(struct.pack(f"<{layout.count}", len(entries)) + b"".join(entries) + following)
    stream.seek(layout.first_at)  # the header's offset of the first directory
    stream.write(struct.pack(f"<{layout.offset}", start))
    stream.seek(0, os.SEEK_END)


def _first_directory(tiff: Path) -> tuple[_TiffLayout, list[bytes], bytes]:
    """The layout of the little-endian TIFF or BigTIFF file ``tiff``, the entries of its
    first directory, and the offset of the directory following it."""
    with open(tiff, "rb") as file:
        head = file.read(16)
        layout = next((kind for kind in _TIFF_LAYOUTS if head.startswith(kind.magic)), None)
        if layout is None:
            raise ValueError("tifffile wrote no little-endian TIFF")
        file.seek(int.from_bytes(head[layout.first_at : 2 * layout.first_at], "little"))
        (count,) = struct.unpack(f"<{layout.count}", file.read(struct.calcsize(layout.count)))
        size = layout.entry_size
        entries = file.read(size * count)
        following = file.read(struct.calcsize(layout.offset))
    return layout, [entries[i : i + size] for i in range(0, size * count, size)], following


def _word_aligned(stream: BinaryIO) -> int:
    """Go to the end of ``stream``, padded to an even length (where a TIFF's directories
    start), and return where that is."""
    end = stream.seek(0, os.SEEK_END)
    return end + stream.write(b"\x00" * (end % 2))


def _write_directory(stream: BinaryIO, pointer: int, tags: dict, layout: _TiffLayout) -> int:
    """Append to ``stream`` the directory in ``layout`` holding ``tags`` of the directory
    ``pointer`` points to (EXIF's or GPS's, which tell their tags' types), with their values,
    after the directories any of them holds (the interoperability one within EXIF's); return
    where it starts."""
    directory = TiffImagePlugin.ImageFileDirectory_v2(layout.head, group=pointer)
    for tag, value in tags.items():
        if isinstance(value, dict):
            directory.tagtype[tag] = layout.pointer_type
            value = _write_directory(stream, tag, value, layout)
        directory[tag] = value
    start = _word_aligned(stream)
    stream.write(directory.tobytes(start))
    return start


def _encode_with_pillow(
    pixels: np.ndarray,
    alpha: np.ndarray | None,
    fmt: str,
    quality: int,
    stream: BinaryIO,
    meta: _Metadata,
) -> None:
    """JPEG (its JFIF header saying ``meta.dpi`` when given, the XMP and IPTC where one
    segment holds each) or WebP (with its XMP)."""
    image = Image.fromarray(pixels if alpha is None else np.dstack([pixels, alpha]))
    options = {"icc_profile": meta.icc_profile, "exif": meta.exif or b""}
    xmp = meta.text.xmp if fmt == "webp" else jpeg_xmp(meta.text.xmp)
    if xmp:
        options["xmp"] = xmp
    if fmt == "webp":
        image.save(stream, "WEBP", quality=quality, lossless=quality >= 100, exact=True, **options)
        return
    if meta.dpi is not None:
        options["dpi"] = tuple(meta.dpi)
    options["exif"] = icc.exif_for_jpeg(meta.exif).exif or b""  # within its 64 KB segment
    options["extra"] = jpeg_iptc_segment(meta.text.iptc)
    # Full-resolution colour at high quality: restored detail is the point.
    image.save(
        stream,
        "JPEG",
        quality=quality,
        subsampling=0 if quality >= 90 else 2,
        optimize=pixels.shape[0] * pixels.shape[1] <= OPTIMIZED_JPEG_PIXELS,
        **options,
    )
