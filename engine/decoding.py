"""Turning a photo file's bytes into samples, as a decoder hands them over: OpenCV for most
formats (a JPEG's scans checked whole by FFmpeg first), libheif (pillow-heif) for HEIC, FFmpeg
(PyAV) for a film scanner's DPX frames, and for
a TIFF whichever of OpenCV, tifffile and Pillow reads its layout exactly (OpenCV 5 premultiplies
8-bit alpha, takes an unspecified extra sample for alpha, drops a grey picture's alpha, misreads
planes of wide samples and some small tiles); a TIFF of several pages gives its first
(``other_pages_note`` says so), past a preview stored before it, a Lab TIFF's colours turned
into sRGB; a CMYK picture (JPEG or TIFF) with a CMYK profile is turned into sRGB through it.
``engine.imageio`` makes the samples 8- or 16-bit, straight and upright."""

from __future__ import annotations

import io
import logging
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

import cv2
import numpy as np
from PIL import Image

from engine import icc
from engine.errors import ImageReadError
from engine.words import say

if TYPE_CHECKING:
    import av
    import tifffile

# OpenCV (with libtiff's errors) and tifffile would print their own lines about a damaged
# file beside the one sentence Rekindle gives.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
logging.getLogger("tifffile").setLevel(logging.CRITICAL)


class Decoded(NamedTuple):
    """Samples as a decoder hands them over, before they are made 8- or 16-bit and upright."""

    pixels: np.ndarray  # RGB or grey, in whatever sample type the file holds
    alpha: np.ndarray | None
    upright: bool = False  # the decoder turned them as the file's orientation says
    premultiplied: bool = False  # the colours are multiplied by alpha
    icc_profile: bytes | None = None  # the samples' profile, where the decoder knows it and
    # the file's header does not say it (a HEIC's nclx box), or says another (a Lab TIFF's)


DECODING_PEAK = 3
"""The most memory reading a picture takes, in multiples of the samples its decoder hands over
(``decoded_bytes_per_pixel``): the decoder's array, the RGB and alpha copies made of it, and
for a JPEG FFmpeg's check of its scans. Measured as a process's peak resident memory above
the start of ``read_picture`` on 20-megapixel files: about 2.0 for PNG, TIFF and WebP, 2.7 for
a JPEG."""
_PIXEL_BYTES = {"jpg": 3, "webp": 4, "bmp": 4, "heic": 8, "dpx": 8}
"""The most bytes a pixel takes as the decoder hands it over, for formats whose header is not
read for it: a JPEG's BGR (OpenCV makes CMYK BGR too), WebP's and BMP's BGRA, and a HEIC's and
a DPX's RGBA of 10 to 16 bits spread over 16."""
_WIDEST_PIXEL = 8
"""The bytes of a 16-bit RGBA pixel: taken where a TIFF's header cannot tell."""


def decoded_bytes_per_pixel(data: bytes, fmt: str) -> int:
    """The bytes a pixel takes in the samples the decoder hands over, from the header alone
    (a PNG's or TIFF's depth and channels): what a picture's size must be multiplied by to
    know the memory decoding it takes before any of it is decoded."""
    if fmt == "png":
        return _png_bytes_per_pixel(data)
    if fmt == "tif":
        return _tiff_bytes_per_pixel(data)
    return _PIXEL_BYTES[fmt]


def _png_bytes_per_pixel(data: bytes) -> int:
    """A PNG's as OpenCV decodes it, from its IHDR chunk: grey and RGB as they are, palette
    and grey with alpha made BGRA; 16-bit samples kept. Grey and RGB with a colour key (a
    tRNS chunk) take one channel more: its alpha."""
    depth, colour_type = data[24], data[25]
    channels = {0: 1, 2: 3}.get(colour_type, 4)
    if channels < 4 and _png_chunk(data, b"tRNS") is not None:
        channels += 1
    return channels * (2 if depth == 16 else 1)


_GREY = 0
"""A PNG's colour type of grey without alpha."""


def _png_chunk(data: bytes, kind: bytes) -> bytes | None:
    """The data of a PNG's first chunk of type ``kind`` before its pixels (IDAT), where
    ancillary chunks about them (tRNS) must be; None without one."""
    pos = 8  # the signature
    while pos + 8 <= len(data):
        length, found = struct.unpack(">I4s", data[pos : pos + 8])
        if found == b"IDAT":
            return None
        if found == kind:
            return data[pos + 8 : pos + 8 + length]
        pos += 12 + length  # length, type, data, CRC
    return None


def _grey_key_alpha(data: bytes, fmt: str, grey: np.ndarray) -> np.ndarray | None:
    """The alpha of a grey PNG whose tRNS chunk names one grey level transparent (a colour
    key): OpenCV makes an RGB or palette PNG's tRNS alpha, but leaves a grey one's unread.
    The key is compared as OpenCV hands the samples over, those of 1, 2 and 4 bits spread
    over 8. None for any other picture."""
    if fmt != "png" or data[25] != _GREY:
        return None
    chunk = _png_chunk(data, b"tRNS")
    if chunk is None or len(chunk) < 2:
        return None
    depth = data[24]
    top = 2**depth - 1
    key = int.from_bytes(chunk[:2], "big") & top
    if depth < 8:
        key *= 255 // top
    alpha = np.full_like(grey, np.iinfo(grey.dtype).max)
    alpha[grey == key] = 0
    return alpha


def _tiff_bytes_per_pixel(data: bytes) -> int:
    """A TIFF's restored page's (``icc.tiff_picture_page``), as its tags say: its samples, each
    in the smallest of 1, 2, 4 and 8 bytes that holds it."""
    try:
        import tifffile  # here, not above: training machines read PNGs and may lack it

        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            page = tif.pages[icc.tiff_picture_page(tif.pages)]
            samples, bits = int(page.samplesperpixel), int(page.bitspersample)
    except Exception:  # tifffile parsing untrusted bytes can fail in any way
        return _WIDEST_PIXEL
    return samples * next((size for size in (1, 2, 4) if bits <= 8 * size), 8)


def _too_large_to_open(name: str) -> ImageReadError:
    """The failure of a picture its decoder found no memory for."""
    return ImageReadError(
        say("{name}: the picture is too large to open in the memory available", name=name)
    )


def damaged_file(name: str) -> ImageReadError:
    """The failure of a file that holds no complete picture its decoder can read."""
    return ImageReadError(say("{name}: the file is damaged or not an image", name=name))


def decode(data: bytes, fmt: str, name: str) -> Decoded:
    """Pixels (RGB or grey) and alpha, in whatever sample type the file holds."""
    if fmt == "tif":
        return _decode_tiff(data, name)
    if fmt == "dpx":
        return _decode_dpx(data, name)
    if fmt == "jpg" and not _jpeg_scans_are_whole(data):
        raise damaged_file(name)
    inks = _cmyk_in_srgb(data, 0, name) if fmt == "jpg" else None
    if inks is not None:
        return inks
    # Read unchanged, OpenCV leaves these formats' EXIF orientation to us.
    return Decoded(*decode_with_opencv(data, fmt, name))


def _jpeg_scans_are_whole(data: bytes) -> bool:
    """Whether a JPEG's scans hold its whole picture. libjpeg, OpenCV's decoder, fills what a
    scan lacks with grey and only warns, even where the file ends in its end marker (a cut-off
    file a recovery tool closed); FFmpeg's decoder, told to stop at errors, refuses it. This
    decodes the picture once more: about 0.14 s for 24 megapixels (OpenCV's decode: 0.21 s)."""
    try:
        import av  # here: a training machine may lack it, and then only OpenCV decides
    except ImportError:
        return True
    codec = av.CodecContext.create("mjpeg", "r")
    codec.options = {"err_detect": "explode"}
    try:
        codec.decode(av.Packet(data))
    except av.FFmpegError as error:  # a coding or a size FFmpeg lacks: OpenCV decides
        return not isinstance(error, av.InvalidDataError)
    return True


def decode_with_opencv(
    data: bytes, fmt: str, name: str, page: int = 0
) -> tuple[np.ndarray, np.ndarray | None]:
    """Pixels (RGB or grey) and alpha as OpenCV decodes them: of a TIFF's page ``page``."""
    try:
        arr = _opencv_page(data, page)
    except MemoryError:
        raise _too_large_to_open(name) from None
    except cv2.error as error:
        if error.code == cv2.Error.StsNoMem:  # it could not allocate the picture
            raise _too_large_to_open(name) from None
        arr = None
    if arr is None:
        raise damaged_file(name)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[..., 0]
    if arr.ndim == 2:
        return arr, _grey_key_alpha(data, fmt, arr)
    channels = arr.shape[2]
    if channels == 2:
        return arr[..., 0].copy(), arr[..., 1].copy()
    if channels == 4 and fmt == "png" and data[25] == 4:
        # A grey+alpha PNG (colour type 4), which OpenCV expands to BGRA.
        return arr[..., 0].copy(), arr[..., 3].copy()
    if channels in (3, 4):
        alpha = arr[..., 3].copy() if channels == 4 else None
        return np.ascontiguousarray(arr[..., 2::-1]), alpha
    raise ImageReadError(
        say(
            "{name}: has {channels} colour channels; Rekindle reads grey and RGB pictures",
            name=name,
            channels=channels,
        )
    )


def _opencv_page(data: bytes, page: int) -> np.ndarray | None:
    """The samples OpenCV decodes, unchanged, of a file's page ``page`` (a TIFF's; 0 for any
    other file); None where it decodes none."""
    buffer = np.frombuffer(data, np.uint8)
    if page == 0:
        return cv2.imdecode(buffer, cv2.IMREAD_UNCHANGED)
    found, pages = cv2.imdecodemulti(buffer, cv2.IMREAD_UNCHANGED, None, (page, page + 1))
    return pages[0] if found and pages else None


@contextmanager
def _pillow_page(data: bytes, page: int) -> Iterator[Image.Image]:
    """The picture Pillow opens of a file's page ``page`` (a TIFF's; 0 for any other file)."""
    with icc.without_pillow_pixel_limit():  # Rekindle checked the size against its own limit
        image = Image.open(io.BytesIO(data))
    with image:
        image.seek(page)
        yield image


def _cmyk_in_srgb(data: bytes, page: int, name: str) -> Decoded | None:
    """A CMYK picture's colours (a JPEG's, or a TIFF's page ``page``) as the sRGB ones that
    look the same through the CMYK profile it carries (``icc.cmyk_in_srgb``), with sRGB's
    profile; Pillow decodes the inks, an Adobe JPEG's inverted back, and turns a TIFF upright.
    None for any other picture, and one without a CMYK profile LittleCMS can use: OpenCV's
    decoder turns its inks into RGB by their formula."""
    try:
        with _pillow_page(data, page) as image:
            profile = image.info.get("icc_profile")
            if image.mode != "CMYK" or not profile or icc.colour_space(profile) != "CMYK":
                return None
            pixels = icc.cmyk_in_srgb(image, profile)
            upright = image.format == "TIFF"
    except MemoryError:
        raise _too_large_to_open(name) from None
    except Exception:  # Pillow decoding untrusted bytes can fail in any way: OpenCV decides
        return None
    if pixels is None:
        return None
    return Decoded(pixels, None, upright=upright, icc_profile=icc.srgb_profile())


def heif_reader(name: str) -> ModuleType:
    """pillow-heif, its Pillow opener registered; an ``ImageReadError`` where it is missing
    (a training machine carries only what training needs)."""
    try:
        import pillow_heif
    except ImportError:
        raise ImageReadError(
            say("{name}: reading HEIC photos needs pillow-heif installed", name=name)
        ) from None
    pillow_heif.register_heif_opener()
    return pillow_heif


def decode_heif(heif: ModuleType, data: bytes, name: str) -> Decoded:
    """A HEIC's primary picture (``heif``: pillow-heif), turned as its boxes say (whatever its
    EXIF claims): 8-bit as it is, 10- and 12-bit spread over 16 bits (libheif hands them over
    shifted to the top of 16); without an ICC profile, with one made from its nclx box."""
    try:
        image = heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=False)
        samples = np.array(image)  # a copy: libheif's buffer is read-only
    except MemoryError:
        raise _too_large_to_open(name) from None
    except Exception:  # libheif on untrusted bytes: any failure means the file is unreadable
        raise damaged_file(name) from None
    if samples.dtype == np.uint16:
        depth = int(image.info.get("bit_depth", 16))
        samples = spread_over_16_bits(samples >> (16 - depth), depth)
    named = None if image.info.get("icc_profile") else _nclx_profile(image.info.get("nclx_profile"))
    if samples.ndim == 3 and samples.shape[2] == 4:
        colours, alpha = samples[..., :3], np.ascontiguousarray(samples[..., 3])
        return Decoded(np.ascontiguousarray(colours), alpha, upright=True, icc_profile=named)
    return Decoded(np.ascontiguousarray(samples), None, upright=True, icc_profile=named)


def spread_over_16_bits(samples: np.ndarray, depth: int) -> np.ndarray:
    """Unsigned samples of ``depth`` bits (up to 16) over the whole 16-bit range, each at its
    nearest level: 10-bit 1023 is 65535, a 16-bit picture's white; higher values (none in a
    sound file) are taken for the top."""
    if depth == 16:
        return samples.astype(np.uint16, copy=False)
    top = 2**depth - 1
    levels = np.round(np.arange(top + 1) * (65535 / top)).astype(np.uint16)
    return np.take(levels, samples, mode="clip")


def _decode_dpx(data: bytes, name: str) -> Decoded:
    """A DPX frame's grey or RGB samples, and its alpha where it has one, as stored: in the
    order its pixels are stored (its orientation code is carried to its result, not applied:
    ``engine.dpx.DpxHeader``), their levels as they are (printing density too), 8 and 16 bits
    as they are, 10 and 12 bits spread over 16 (``spread_over_16_bits``), floats as read."""
    frame = _dpx_frame(data, name)
    layout = frame.format
    colours = sum(not component.is_alpha for component in layout.components)
    if not (layout.is_rgb or colours == 1):  # colour difference (YCbCr) samples
        raise _unreadable_dpx(name)
    try:
        samples = frame.to_ndarray()
    except ValueError:  # a layout PyAV makes no array of (a bit stream)
        raise _unreadable_dpx(name) from None
    del frame
    depth = layout.components[0].bits
    if samples.dtype.kind == "u" and depth not in (8, 16):
        samples = spread_over_16_bits(samples, depth)
    alpha = None
    if colours < len(layout.components):  # alpha comes last
        samples, alpha = samples[..., :colours], np.ascontiguousarray(samples[..., colours])
    if colours == 1 and samples.ndim == 3:
        samples = samples[..., 0]
    return Decoded(np.ascontiguousarray(samples), alpha)


def _dpx_frame(data: bytes, name: str) -> av.VideoFrame:
    """The frame FFmpeg's DPX decoder makes of a file's bytes, or why it makes none."""
    try:
        import av  # here: a training machine may lack it
    except ImportError:
        raise ImageReadError(
            say("{name}: reading DPX frames needs PyAV (av) installed", name=name)
        ) from None
    codec = av.CodecContext.create("dpx", "r")
    try:
        frames = codec.decode(av.Packet(data))
    except MemoryError:
        raise _too_large_to_open(name) from None
    except av.PatchWelcomeError:  # a packing, coding or layout FFmpeg does not read
        raise _unreadable_dpx(name) from None
    except av.FFmpegError:  # cut off, or its header contradicts its size
        raise damaged_file(name) from None
    if not frames:
        raise damaged_file(name)
    return frames[0]


def _unreadable_dpx(name: str) -> ImageReadError:
    """The failure of a DPX frame whose samples Rekindle does not read."""
    return ImageReadError(
        say(
            "{name}: holds DPX samples Rekindle cannot read; it reads RGB and grey frames",
            name=name,
        )
    )


_BT709_CURVE = (1 / 0.45, 1 / 1.099, 0.099 / 1.099, 1 / 4.5, 0.081)
"""BT.709's camera curve undone, as ICC's parametric curve of type 3 (as ``icc.SRGB_CURVE``)."""
_NCLX_CURVES = {
    1: _BT709_CURVE,
    2: icc.SRGB_CURVE,  # unspecified: sRGB's, as for any picture without a profile
    4: (2.2,),
    5: (2.8,),
    6: _BT709_CURVE,  # BT.601's, the same
    8: (1.0,),
    13: icc.SRGB_CURVE,
    14: _BT709_CURVE,  # BT.2020's, the same
    15: _BT709_CURVE,
}
"""The tone curves of the transfer characteristics (ITU-T H.273) a HEIC's nclx box names that
an ICC curve holds; not PQ's and HLG's (HDR), nor log or older video curves."""


def _nclx_profile(nclx: dict | None) -> bytes | None:
    """A profile of the colours a HEIC's nclx box names (primaries, white and transfer: a
    phone's Display P3 photo, say), as pillow-heif hands the box over. None without a box, for
    unspecified primaries, or a transfer no ICC curve holds (``_NCLX_CURVES``): such a
    picture is taken for sRGB, as any picture without a profile."""
    curve = _NCLX_CURVES.get(nclx.get("transfer_characteristics")) if nclx else None
    if curve is None:
        return None
    primaries = tuple(_nclx_xy(nclx, colour) for colour in ("red", "green", "blue"))
    white = _nclx_xy(nclx, "white")
    if min(y for _, y in (*primaries, white)) <= 0:  # unspecified: libheif gives zeros
        return None
    codes = (nclx.get("color_primaries"), nclx.get("transfer_characteristics"))
    description = f"HEIF nclx: primaries {codes[0]}, transfer {codes[1]}"  # no message: data
    return icc.rgb_profile(primaries, white, icc.parametric_curve(*curve), description)


def _nclx_xy(nclx: dict, colour: str) -> tuple[float, float]:
    """A chromaticity of pillow-heif's nclx profile, rounded as the standards give them
    (libheif hands them over in single precision)."""
    return round(nclx[f"color_primary_{colour}_x"], 4), round(nclx[f"color_primary_{colour}_y"], 4)


_MINISBLACK, _RGB, _SEPARATED, _CIELAB, _ICCLAB = 1, 2, 5, 8, 9
"""TIFF's PhotometricInterpretation of grey, RGB, CMYK (inks) and Lab pictures: CIELab's a*
and b* signed, ICCLab's offset by half their range; both seen under D50."""
_COLOUR_CHANNELS = {_MINISBLACK: 1, _RGB: 3, _CIELAB: 3, _ICCLAB: 3}
_ASSOCIATED_ALPHA, _UNASSOCIATED_ALPHA = 1, 2
"""The ExtraSamples values of an alpha the colours are multiplied by (premultiplied) and of a
straight one; any other extra sample (0, unspecified: a film scanner's infrared channel, say)
is no alpha and is dropped."""
_ALPHAS = (_ASSOCIATED_ALPHA, _UNASSOCIATED_ALPHA)
_UNSIGNED, _FLOAT = 1, 3
"""The SampleFormat of unsigned integer and of floating-point samples."""


@dataclass(frozen=True)
class _TiffLayout:
    """How a TIFF's restored page stores its samples, as its tags say."""

    page: int  # its index (``icc.tiff_picture_page``): the first, past a preview before it
    photometric: int
    bits: int  # per sample
    sample_format: int  # 1: unsigned integer, 2: signed integer, 3: floating point
    extra: tuple[int, ...]  # ExtraSamples: 0 unspecified, 1 associated alpha, 2 unassociated
    axes: str  # tifffile's: "YX" grey, "YXS" samples side by side, "SYX" one plane each
    tiled: bool
    decodable: bool  # tifffile has its compression's and predictor's codecs here
    whole: bool  # every strip or tile ends within the file

    @property
    def alpha_kind(self) -> int | None:
        """The ExtraSamples value of the first extra sample that is alpha; None without one."""
        return next((kind for kind in self.extra if kind in _ALPHAS), None)

    @property
    def premultiplied(self) -> bool:
        return self.alpha_kind == _ASSOCIATED_ALPHA

    @property
    def half_float(self) -> bool:
        return self.sample_format == _FLOAT and self.bits == 16

    @property
    def grey_with_alpha(self) -> bool:
        return self.photometric == _MINISBLACK and self.alpha_kind is not None

    @property
    def wide_grey_with_extra(self) -> bool:
        """Grey beyond 8 bits with an extra sample, alpha or not, which OpenCV reads as 8-bit."""
        return self.photometric == _MINISBLACK and bool(self.extra) and self.bits > 8

    @property
    def wide_planes(self) -> bool:
        """Samples beyond 8 bits stored one channel at a time (planar configuration 2)."""
        return self.axes == "SYX" and self.bits > 8

    @property
    def for_tifffile(self) -> bool:
        """Whether tifffile decodes it rather than OpenCV, which reads 8-bit TIFFs with extra
        samples through libtiff's RGBA interface (premultiplying them), takes an unspecified
        extra sample for alpha, drops a grey picture's alpha,
        reads no 16-bit floats, takes the planes of wider samples for interleaved ones, and
        fails on some 8-bit tiled pictures (calling them damaged)."""
        plain = self.photometric in (_MINISBLACK, _RGB) and self.axes in ("YX", "YXS", "SYX")
        misread = self.half_float or self.wide_planes or (self.tiled and self.bits == 8)
        return plain and (bool(self.extra) or misread)


def _decode_tiff(data: bytes, name: str) -> Decoded:
    """A TIFF's samples: as stored where OpenCV would change them (``_TiffLayout.for_tifffile``)
    and tifffile (or, for grey with alpha, Pillow) has their compression, else from OpenCV,
    which turns them upright itself; Lab colours in sRGB (``_lab_tiff_in_srgb``)."""
    layout = _tiff_layout(data)
    if layout is None or not layout.whole:  # unparsable or cut off: OpenCV decides
        return Decoded(*decode_with_opencv(data, "tif", name), upright=True)
    _refuse_unsupported_tiff(layout, name)
    if layout.photometric in (_CIELAB, _ICCLAB):
        return _lab_tiff_in_srgb(data, layout, name)
    inks = _cmyk_in_srgb(data, layout.page, name) if layout.photometric == _SEPARATED else None
    if inks is not None:
        return inks
    stored = _tiff_samples(data, layout) if layout.for_tifffile else None
    if stored is not None:
        return Decoded(*stored, premultiplied=layout.premultiplied)
    grey_with_extra = layout.photometric == _MINISBLACK and bool(layout.extra)
    from_pillow = _grey_extra_from_pillow(data, layout) if grey_with_extra else None
    if from_pillow is not None:
        return from_pillow
    _refuse_what_opencv_misreads(layout, name)
    pixels, alpha = decode_with_opencv(data, "tif", name, layout.page)
    if layout.alpha_kind is None:
        # libtiff turns inks into RGB with an opaque alpha, and takes an unspecified extra
        # sample for alpha.
        alpha = None
    # libtiff's RGBA interface, which OpenCV reads 8-bit TIFFs through, premultiplies colours.
    premultiplied = alpha is not None and (layout.premultiplied or pixels.dtype == np.uint8)
    return Decoded(pixels, alpha, upright=True, premultiplied=premultiplied)


def _tiff_layout(data: bytes) -> _TiffLayout | None:
    """The restored page's layout (``icc.tiff_picture_page``); None where tifffile cannot
    parse the header."""
    import tifffile  # here, not above: training machines read PNGs and may lack it

    try:
        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            index = icc.tiff_picture_page(tif.pages)
            page = tif.pages[index]
            return _TiffLayout(
                index,
                int(page.photometric),
                int(page.bitspersample),
                int(page.sampleformat),
                tuple(int(extra) for extra in page.extrasamples),
                page.axes,
                page.is_tiled,
                int(page.compression) in tifffile.TIFF.DECOMPRESSORS
                and int(page.predictor) in tifffile.TIFF.UNPREDICTORS,
                pixels_within(page, len(data)),
            )
    except Exception:  # tifffile parsing untrusted bytes can fail in any way
        return None


def _refuse_unsupported_tiff(layout: _TiffLayout, name: str) -> None:
    """Say plainly what Rekindle does not read, rather than let OpenCV call it damaged."""
    if layout.photometric != _SEPARATED:
        return
    if layout.extra:
        raise ImageReadError(
            say(
                "{name}: CMYK with an alpha channel or spot colours is not supported: "
                "save it as RGB",
                name=name,
            )
        )
    if layout.bits != 8:
        raise ImageReadError(
            say(
                "{name}: CMYK with {bits}-bit samples is not supported: save it as RGB",
                name=name,
                bits=layout.bits,
            )
        )


_LAB_BAND_ROWS = 256
"""The rows of a Lab picture turned into sRGB at a time."""


def _lab_tiff_in_srgb(data: bytes, layout: _TiffLayout, name: str) -> Decoded:
    """A Lab TIFF's colours as the sRGB ones that look the same, in its depth, with sRGB's
    profile: libtiff, through which OpenCV reads it, makes them RGB for a D65 display, a
    yellow cast. Its samples come from tifffile, or in a compression tifffile lacks here
    from Pillow, which reads 8-bit CIELab alone (and turns it upright)."""
    stored = _tiff_samples(data, layout) if layout.bits in (8, 16) else None
    from_pillow = _cielab_from_pillow(data, layout) if stored is None else None
    if stored is None and from_pillow is None:
        raise ImageReadError(
            say(
                "{name}: holds {bits}-bit Lab colours in a compression or layout Rekindle "
                "cannot read; save it uncompressed or as RGB",
                name=name,
                bits=layout.bits,
            )
        )
    samples, alpha = stored or (from_pillow, None)
    # a band at a time: a whole scan's colours in floats would take gigabytes
    bands = range(0, len(samples), _LAB_BAND_ROWS)
    lab = (_lab_of(samples[top : top + _LAB_BAND_ROWS], layout.photometric) for top in bands)
    pixels = np.concatenate([_srgb_levels(*band) for band in lab])
    if samples.ndim == 2:  # L* alone: grey
        pixels = np.ascontiguousarray(pixels[..., 0])
    return Decoded(
        pixels,
        alpha,
        upright=from_pillow is not None,
        premultiplied=layout.premultiplied,
        icc_profile=icc.srgb_profile(),
    )


def _cielab_from_pillow(data: bytes, layout: _TiffLayout) -> np.ndarray | None:
    """An 8-bit CIELab TIFF's samples as stored, upright, from Pillow, whose libtiff has the
    compressions tifffile lacks without imagecodecs (LZW, say); None where Pillow cannot read
    it (ICCLab, 16 bits, extra samples)."""
    if layout.photometric != _CIELAB:
        return None
    try:
        with _pillow_page(data, layout.page) as image:
            return np.asarray(image) if image.mode == "LAB" else None
    except Exception:  # Pillow decoding untrusted bytes can fail in any way
        return None


def _lab_of(
    samples: np.ndarray, photometric: int
) -> tuple[np.ndarray, np.ndarray | float, np.ndarray | float, type]:
    """L*, a* and b* (float32; a* and b* 0 for L* alone) of a Lab TIFF's 8- or 16-bit
    samples, and their unsigned type: L* over their whole range, a* and b* in 1/256ths at 16
    bits."""
    unsigned = samples.view(np.uint8 if samples.itemsize == 1 else np.uint16)
    top = np.iinfo(unsigned.dtype).max
    unit = np.float32(1 if top == 255 else 256)
    lightness = (unsigned[..., 0] if unsigned.ndim == 3 else unsigned) * np.float32(100 / top)
    if unsigned.ndim == 2:
        return lightness, 0.0, 0.0, unsigned.dtype.type
    if photometric == _CIELAB:
        ab = unsigned[..., 1:3].view(np.int8 if top == 255 else np.int16) / unit
    else:
        ab = (unsigned[..., 1:3] - np.float32(top // 2 + 1)) / unit
    return lightness, ab[..., 0], ab[..., 1], unsigned.dtype.type


def _srgb_levels(
    lightness: np.ndarray, a: np.ndarray | float, b: np.ndarray | float, dtype: type
) -> np.ndarray:
    """The sRGB levels (RGB, of ``dtype``: uint8 or uint16) of D50 L*a*b* colours (CIE's
    formulas, then sRGB's profile undone), those beyond sRGB clipped."""
    fy = (lightness + 16) / 116
    f = np.stack(np.broadcast_arrays(fy + a / 500, fy, fy - b / 200), axis=-1)
    delta = np.float32(6 / 29)
    xyz = np.where(f > delta, f * f * f, (f - 4 / 29) * (3 * delta**2)) * np.float32(icc.D50)
    return icc.d50_xyz_in_srgb(xyz, dtype)


def _tiff_samples(data: bytes, layout: _TiffLayout) -> tuple[np.ndarray, np.ndarray | None] | None:
    """A grey or RGB TIFF's colours and alpha exactly as stored, without its extra samples
    that are no alpha; None where tifffile lacks its compression."""
    import tifffile  # here, not above: training machines read PNGs and may lack it

    try:
        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            samples = tif.pages[layout.page].asarray()
    except Exception:  # a compression tifffile lacks, say: OpenCV tries instead
        return None
    if layout.axes == "SYX":
        samples = np.moveaxis(samples, 0, -1)
    if samples.ndim == 2:
        return samples, None
    base = _COLOUR_CHANNELS[layout.photometric]
    pixels = samples[..., 0] if base == 1 else samples[..., :3]
    pixels = np.ascontiguousarray(pixels)
    kind = layout.alpha_kind
    if kind is None:
        return pixels, None
    return pixels, np.ascontiguousarray(samples[..., base + layout.extra.index(kind)])


def _grey_extra_from_pillow(data: bytes, layout: _TiffLayout) -> Decoded | None:
    """A grey TIFF's samples with its alpha from Pillow, whose libtiff has the compressions
    tifffile lacks without imagecodecs (LZW, say) and which, unlike OpenCV, keeps a grey
    picture's alpha and 16 bits: 8-bit grey with alpha as Pillow's own, 16-bit grey with
    extra samples, which it has no mode for, read as a grey picture of all of a row's samples
    (``_wide_grey_samples``), an extra sample that is no alpha dropped; None where Pillow
    cannot read it."""
    if layout.bits == 16:
        return _wide_grey_samples(data, layout) if layout.sample_format == _UNSIGNED else None
    try:
        with _pillow_page(data, layout.page) as image:
            samples = np.asarray(image) if image.mode in ("LA", "La") else None
    except Exception:  # Pillow decoding untrusted bytes can fail in any way
        return None
    if samples is None:
        return None
    grey, alpha = samples[..., 0].copy(), samples[..., 1].copy()
    # Pillow turns a TIFF upright as it loads it.
    return Decoded(grey, alpha, upright=True, premultiplied=layout.premultiplied)


_HORIZONTAL_DIFFERENCES = 2
"""TIFF's Predictor of samples stored as differences from the one before in their row."""


def _wide_grey_samples(data: bytes, layout: _TiffLayout) -> Decoded | None:
    """A 16-bit grey TIFF's grey and alpha, its samples side by side in strips, from Pillow,
    which has no mode for grey with extra samples beyond 8 bits: its strips, as stored, go
    into a TIFF of a 16-bit grey picture as wide as a row has samples (``_as_one_sample``),
    which Pillow's libtiff decodes, and differences stored (horizontal prediction, which
    would take the wrong sample for a pixel's neighbour there) are summed up here. None for
    tiles, planes, bits stored in reverse order (FillOrder 2) or what Pillow cannot read."""
    try:
        wide = _as_one_sample(data, layout.page)
        if wide is None:
            return None
        single, predictor, samples = wide
        with _pillow_page(single, 0) as image:
            if image.mode not in ("I;16", "I;16B"):
                return None
            rows = np.array(image, np.uint16)  # one copy, in this machine's byte order
    except Exception:  # Pillow and tifffile on untrusted bytes can fail in any way
        return None
    pixels = rows.reshape(rows.shape[0], -1, samples)
    if predictor == _HORIZONTAL_DIFFERENCES:
        np.cumsum(pixels, axis=1, dtype=np.uint16, out=pixels)  # wraps as the sums were made
    kind = layout.alpha_kind
    alpha = None if kind is None else pixels[..., 1 + layout.extra.index(kind)].copy()
    return Decoded(pixels[..., 0].copy(), alpha, premultiplied=layout.premultiplied)


def _as_one_sample(data: bytes, page: int) -> tuple[bytes, int, int] | None:
    """A TIFF of the page ``page``'s strips, as stored, said to hold one 16-bit sample a
    pixel, each row as wide as the page's rows have samples, in its compression, without
    its predictor; with that predictor and the samples a pixel. None for tiles, samples in
    planes, or bits stored in reverse order."""
    import tifffile  # here, not above: training machines read PNGs and may lack it

    with tifffile.TiffFile(io.BytesIO(data)) as tif:
        stored = tif.pages[page]
        if stored.is_tiled or int(stored.planarconfig) != 1 or int(stored.fillorder) != 1:
            return None
        order, samples = tif.byteorder, int(stored.samplesperpixel)
        ends = zip(stored.dataoffsets, stored.databytecounts, strict=True)
        strips = [data[start : start + count] for start, count in ends]
        shape = (int(stored.imagelength), int(stored.imagewidth) * samples)
        compression, predictor = int(stored.compression), int(stored.predictor)
        rows = min(int(stored.rowsperstrip), shape[0])
    single = io.BytesIO()
    # tifffile writes strips already compressed only in a compression it has (zlib, say):
    # the tag is then made the page's own
    tifffile.imwrite(
        single,
        iter(strips),
        shape=shape,
        dtype=np.dtype(f"{order}u2"),
        compression="zlib",
        rowsperstrip=rows,
        photometric="minisblack",
        byteorder=order,
    )
    single.seek(0)
    with tifffile.TiffFile(single) as tif:
        at = tif.pages.first.tags["Compression"].valueoffset
    single.getbuffer()[at : at + 2] = struct.pack(f"{order}H", compression)
    return single.getvalue(), predictor, samples


def _refuse_what_opencv_misreads(layout: _TiffLayout, name: str) -> None:
    """Say plainly that a layout OpenCV decodes wrongly is in a compression tifffile lacks here
    (LZW, say: it needs imagecodecs), rather than hand over samples with their alpha, depth or
    colours lost. A damaged file tifffile could decode is left to OpenCV to call damaged."""
    if layout.decodable:
        return
    if layout.half_float:
        message = say(
            "{name}: holds 16-bit floating-point samples in a compression Rekindle cannot read; "
            "save it uncompressed",
            name=name,
        )
    elif layout.grey_with_alpha:
        message = say(
            "{name}: holds {bits}-bit grey with alpha in a compression Rekindle cannot read; "
            "save it uncompressed",
            name=name,
            bits=layout.bits,
        )
    elif layout.wide_grey_with_extra:
        message = say(
            "{name}: holds {bits}-bit grey with an extra channel in a compression Rekindle "
            "cannot read; save it uncompressed",
            name=name,
            bits=layout.bits,
        )
    elif layout.wide_planes:
        message = say(
            "{name}: holds {bits}-bit samples stored one channel at a time in a compression "
            "Rekindle cannot read; save it uncompressed",
            name=name,
            bits=layout.bits,
        )
    else:
        return
    raise ImageReadError(message)


def pixels_within(page: tifffile.TiffPage, length: int) -> bool:
    """Whether a TIFF page has pixels and all its strips or tiles end within ``length`` bytes
    (a cut-off file's do not)."""
    ends = [o + n for o, n in zip(page.dataoffsets, page.databytecounts, strict=True)]
    return bool(ends) and max(ends) <= length


def other_pages_note(source: str | os.PathLike | bytes, name: str) -> str | None:
    """A note that only the first page of a TIFF of several (a print's front and back, say)
    is restored, past a preview stored before it (``icc.tiff_picture_page``); None for one of
    a single page, or any other file. ``source``: the file, or its bytes."""
    pages = tiff_pages(source)
    if pages < 2:
        return None
    return say("{name} has {pages} pages; only the first is restored", name=name, pages=pages)


def tiff_pages(source: str | os.PathLike | bytes) -> int:
    """How many pages a TIFF holds, reduced copies and masks apart (``icc.is_tiff_picture``:
    its tags are read, not its pixels); 1 for any other file, or a TIFF whose pages cannot be
    listed."""
    import tifffile  # here, not above: training machines read PNGs and may lack it

    try:
        with tifffile.TiffFile(io.BytesIO(source) if isinstance(source, bytes) else source) as tif:
            return max(1, sum(icc.is_tiff_picture(page) for page in tif.pages))
    except Exception:  # tifffile parsing untrusted bytes can fail in any way
        return 1
