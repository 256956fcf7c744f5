"""DPX frames, a film scanner's output (SMPTE 268M): their header read for the size, for the
frame rate and timecode of the film scanned (a frame sequence's, ``engine.video.sequence``),
and for what a result says again of them, and results written through FFmpeg's encoder (in PyAV,
imported where it is used: a training machine may lack it). The samples are read by
``engine.decoding``; their levels, printing density (Cineon log) or any other, are kept as
they are, never converted.

A result's header is built from the original's where its fields describe the picture's origin
(``_ORIGIN_FIELDS``: the film and television headers with their keycode, frame position,
frame rate and timecode, the pixel aspect, the scanner, the reference codes at the result's
depth), and from the encoder's where they describe the new pixels (size, depth, packing,
offsets, descriptor). Its creator is Rekindle, as a restoration's EXIF ``Software`` is: the
file is Rekindle's derivative, not the scan, whose scanner the input device's name and serial
still say. Its user-defined data keep its EXIF (``USER_ID``), which carries what PNG and TIFF
results carry there: Rekindle's mark and the record of the frame it was made from
(``engine.provenance``).

A frame of a film that no scan's header describes (a film file's) is given a header that says
the film's part of its origin alone (``film_header``): the frame's timecode (``timecode_after``
the film's first frame's), the film's frame rate and its pixel aspect, which a grading suite
conforms and shows it by.
"""

from __future__ import annotations

import math
import os
import re
import struct
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.provenance import software

BIG_ENDIAN, LITTLE_ENDIAN = b"SDPX", b"XPDS"
"""A DPX file's first four bytes, by the byte order of its header's numbers and samples."""
_PIXELS_AT, _FILE_SIZE = 4, 16  # where the image data begins; the file's length
_SECTION_SIZES = 24  # the generic, industry and user-defined headers' lengths (32 bits each)
_USER_SIZE = _SECTION_SIZES + 8  # the user-defined data's length among them
_CREATOR, _CREATOR_BYTES = 160, 100
_ORIENTATION, _SIZE = 768, 772  # the orientation (16 bits); pixels per line, lines (32 each)
_REFERENCE_CODES = (784, 792)  # the first image element's low and high codes (32 bits each)
_PIXEL_ASPECT = 1628  # horizontal, vertical (32 bits each)
_FILM, _TELEVISION = 1664, 1920  # where the film and television headers begin
_STANDARD = 801  # the first image element's transfer characteristic and colorimetric
# specification (a byte each)
_BITS = 803  # the first image element's bits per sample (a byte)
_ELEMENT_PIXELS_AT = 808  # where the first image element's data begins
_TV_CODE_VALUES = (1952, 1960, 1964)  # the television header's black, breakpoint and white
# levels: code values, as floats
_FRAME_RATES = (1724, 1940)  # the film header's frame rate, and the television header's
# (floats)
_TIMECODE = _TELEVISION  # the television header's SMPTE timecode (32 bits: ``_SMPTE_PARTS``)
_SMPTE_PARTS = ((0x3F, 24), (0x7F, 60), (0x7F, 60), (0x3F, 40))
"""Each byte of a DPX timecode, the first the highest: hours, minutes, seconds and frames, each
with the bits that hold its two BCD digits (SMPTE 12M's flags in the rest) and the number it
stays below."""
_DROP_FRAME = 0x40  # the frames' byte's flag of frames counted drop-frame (29.97 fps)
_SMPTE_TEXT = re.compile(r"(\d\d):(\d\d):(\d\d)([:;])(\d\d)")
"""A timecode as FFmpeg writes one (``DpxHeader.timecode``)."""
_GENERIC_BYTES, _INDUSTRY_BYTES = 1664, 384
"""The generic header (file, image and orientation headers), which FFmpeg's encoder writes
alone, the pixels following; and the industry header (film and television headers) after it."""
_HEADER_BYTES = _GENERIC_BYTES + _INDUSTRY_BYTES
"""Where the user-defined data begin."""
_UNDEFINED = 0xFFFFFFFF
"""A 32-bit number, or float, a DPX header leaves undefined: all its bits set."""
_UNDEFINED_INDUSTRY = (
    bytes(48) + b"\xff" * 20 + bytes(188) + b"\xff" * 11 + bytes(1) + b"\xff" * 40 + bytes(76)
)
"""An industry header that says nothing, for a result of an original without one: the film
header's text empty and its five numbers undefined, the television header's numbers undefined
(its padding byte 0). Zeros would say a timecode of 00:00:00:00 and a frame rate of 0."""
_ORIGIN_FIELDS = (
    (260, "200s200s"),  # the project, the copyright
    (_ORIENTATION, "H"),
    (_REFERENCE_CODES[0], "4I"),  # the reference low code and quantity, high code and quantity
    (_STANDARD, "2B"),  # the transfer characteristic and colorimetric specification
    (820, "32s"),  # the image element's description
    (1432, "100s24s32s32s"),  # the source's file name and time, the input device and serial
    (_PIXEL_ASPECT, "4I"),  # the pixel aspect (two numbers), the scanned size in mm (two floats)
    (_FILM, "48s5I188s"),  # film: its codes, its frame position, sequence length, held count,
    # frame rate and shutter angle, its frame id and slate
    (_TELEVISION, "2I4B10I76s"),  # television: timecode, user bits, interlace, field number,
    # video signal, padding, sample rates, frame rate, time offset, gamma, levels, integration
)
"""Where the fields of a DPX header that describe the picture's origin lie, in ``struct``'s
formats, byte order aside; a float is carried as the 32-bit number of its bits, whose bytes
turn with the byte order as its own do, an undefined one (all bits set) staying so. The
pixel-measured fields of the orientation header (offsets, centre, original size, borders)
describe the original's raster, not the result's, and are not among them."""
_SCAN_FIELDS = frozenset(offset for offset, _ in _ORIGIN_FIELDS)
"""The fields of ``_ORIGIN_FIELDS`` (by offset) a scan's header says: all of them."""
_FILM_FIELDS = frozenset({_STANDARD, _PIXEL_ASPECT, _FILM, _TELEVISION})
"""Those a film's header says (``film_header``): the transfer and colorimetric codes, the
pixel aspect, the film and television headers."""
USER_DEFINED, ITU_709, ITU_601_625, ITU_601_525 = 0, 6, 7, 8
"""DPX's codes of a picture's transfer characteristic and colorimetric specification: a
standard of its own (an sRGB photo's, which DPX has no code for), HD video's (BT.709), SD
video's (BT.601, of 625 and of 525 lines). FFmpeg's encoder says "linear", which a grading
suite would take the picture's levels for."""
USER_ID = b"Rekindle EXIF"
"""The user id that begins a result's user-defined data, its EXIF following
(``exif_of``)."""
_USER_ID_BYTES = 32
_EXIF_AT = _HEADER_BYTES + _USER_ID_BYTES
"""Where a result's EXIF begins, after the user id."""

_PIXEL_FORMATS = {
    (1, np.uint8): "gray",
    (3, np.uint8): "rgb24",
    (4, np.uint8): "rgba",
    (1, np.uint16): "gray16le",
    (3, np.uint16): "rgb48le",
    (4, np.uint16): "rgba64le",
}
"""FFmpeg's pixel format for samples of each count of channels and type, little-endian (the
byte order its encoder then writes the header in)."""


@dataclass(frozen=True)
class DpxHeader:
    """A DPX frame's header, as far as it lies before its pixels (its generic and industry
    headers at most), in its own byte order: a DPX of the frame says its fields that describe
    the picture's origin again (``_ORIGIN_FIELDS``), its orientation among them (the pixels
    are read and written as stored, never turned)."""

    data: bytes
    origin: frozenset[int] = _SCAN_FIELDS
    """The fields of ``_ORIGIN_FIELDS`` (by offset) that a DPX of the frame says again: all of
    a scan's; a film's header (``film_header``) says only the film's, the rest of the
    result's header being the encoder's."""

    @property
    def bits(self) -> int | None:
        """The first image element's bits per sample; None where the header is too short."""
        return self.data[_BITS] if len(self.data) > _BITS else None

    @property
    def size(self) -> tuple[int, int] | None:
        """The picture's width and height (``frame_size``)."""
        return frame_size(self.data)

    @property
    def frame_rates(self) -> tuple[float, ...]:
        """The frame rates the header states of the film the frame was scanned from, the film
        header's first, then the television header's: each it holds, finite and positive."""
        stated = (self._defined(offset) for offset in _FRAME_RATES)
        rates = (_float_of(bits) for bits in stated if bits is not None)
        return tuple(rate for rate in rates if math.isfinite(rate) and rate > 0)

    @property
    def timecode(self) -> str | None:
        """The SMPTE timecode the television header states, as FFmpeg writes one:
        "01:02:30:04", a ";" before the frames where they are counted drop-frame; None where it
        states none, or no time."""
        code = self._defined(_TIMECODE)
        return None if code is None else _smpte(code)

    def _defined(self, offset: int) -> int | None:
        """The 32-bit number at ``offset``; None where the header does not hold it, or leaves
        it undefined (``_UNDEFINED``)."""
        if len(self.data) < offset + 4:
            return None
        number = _number(self.data, offset)
        return None if number == _UNDEFINED else number


def _float_of(bits: int) -> float:
    """The float whose 32 bits are ``bits``."""
    (value,) = struct.unpack("<f", struct.pack("<I", bits))
    return value


def _smpte(code: int) -> str | None:
    """A DPX timecode (``_TIMECODE``) as FFmpeg writes one; None where a part of it is no
    number of two decimal digits, or none of its kind (a 25th hour)."""
    parts = [
        _decimal(byte & bits, below)
        for byte, (bits, below) in zip(code.to_bytes(4, "big"), _SMPTE_PARTS, strict=True)
    ]
    if None in parts:
        return None
    return _timecode_text(*parts, drop=bool(code & _DROP_FRAME))


def _timecode_text(hours: int, minutes: int, seconds: int, frames: int, drop: bool) -> str:
    """A timecode as FFmpeg writes one: "01:02:30:04", a ";" before the frames where they are
    counted drop-frame."""
    mark = ";" if drop else ":"
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{mark}{frames:02d}"


def _timecode_parts(text: str, frames_below: int) -> tuple[int, int, int, int, bool] | None:
    """The hours, minutes, seconds and frames of a timecode as FFmpeg writes one, and whether
    its frames are counted drop-frame; None where it is no time of a day whose seconds hold
    ``frames_below`` frames."""
    match = _SMPTE_TEXT.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes, seconds, mark, frames = match.groups()
    numbers = (int(hours), int(minutes), int(seconds), int(frames))
    belows = (*(below for _, below in _SMPTE_PARTS[:-1]), frames_below)
    if any(number >= below for number, below in zip(numbers, belows, strict=True)):
        return None
    return (*numbers, mark == ";")


def _smpte_code(timecode: str) -> int | None:
    """A timecode as FFmpeg writes one, as a DPX header holds it (``_TIMECODE``: what
    ``_smpte`` reads); None where it is no timecode."""
    parts = _timecode_parts(timecode, _SMPTE_PARTS[-1][1])
    if parts is None:
        return None
    *numbers, drop = parts
    digits = bytes(number // 10 * 16 + number % 10 for number in numbers)
    return int.from_bytes(digits, "big") | (_DROP_FRAME if drop else 0)


def timecode_after(start: str, frames: int, rate: Fraction) -> str | None:
    """The SMPTE timecode of the frame ``frames`` frames after the one whose timecode is
    ``start`` ("01:00:00:00", as ``DpxHeader.timecode`` gives one) in a film of ``rate``
    frames a second, counted as ``start`` counts them: its seconds of the rate rounded (24
    at 23.976), drop-frame where it says so (";": 29.97 and 59.94 frames a second skip the
    first 2 or 4 numbers of each minute but every tenth), from 0 again after 24 hours; None
    where ``start`` is no timecode."""
    base = max(1, round(rate))
    parts = _timecode_parts(start, base)
    if parts is None:
        return None
    drop = parts[-1]
    skipped = _skipped(base, drop)
    return _numbered(_counted(parts, base, skipped) + frames, base, skipped, drop)


def timecode_frames(timecode: str, rate: Fraction) -> int | None:
    """The frames from 00:00:00:00 to ``timecode`` in a film of ``rate`` frames a second,
    counted as ``timecode_after`` counts them (drop-frame where it says so; a number
    drop-frame leaves out is the first frame shown after it, ``_shown``); None where it is no
    timecode of such a film (its frames not below the rate's seconds rounded, say)."""
    base = max(1, round(rate))
    parts = _timecode_parts(timecode, base)
    if parts is None:
        return None
    skipped = _skipped(base, parts[-1])
    return _counted(_shown(parts, skipped), base, skipped)


def _shown(parts: tuple[int, int, int, int, bool], skipped: int) -> tuple[int, int, int, int, bool]:
    """A timecode's ``parts`` (``_timecode_parts``), or where drop-frame leaves them out
    (the first ``skipped`` numbers of a minute but every tenth: 00:01:00;00 at 29.97 frames a
    second), those of the first frame shown after them (00:01:00;02), as editors take them."""
    hours, minutes, seconds, count, drop = parts
    if seconds == 0 and count < skipped and minutes % 10:
        return hours, minutes, seconds, skipped, drop
    return parts


def _skipped(base: int, drop: bool) -> int:
    """The numbers drop-frame leaves out at each minute but every tenth, at ``base`` frames a
    second: 2 at 30 (29.97 frames a second), 4 at 60; none where ``drop`` is False."""
    return base // 15 if drop and base % 30 == 0 else 0


def _counted(parts: tuple[int, int, int, int, bool], base: int, skipped: int) -> int:
    """The frame a timecode's ``parts`` (``_timecode_parts``) number, counted from
    00:00:00:00 at ``base`` frames a second, ``skipped`` numbers left out at each minute but
    every tenth."""
    hours, minutes, seconds, count, _ = parts
    whole_minutes = hours * 60 + minutes
    number = (whole_minutes * 60 + seconds) * base + count
    return number - skipped * (whole_minutes - whole_minutes // 10)


def _numbered(number: int, base: int, skipped: int, drop: bool) -> str:
    """The timecode of frame ``number`` counted from 00:00:00:00, at ``base`` frames a second,
    ``skipped`` numbers left out at each minute but every tenth (drop-frame)."""
    ten_minutes = base * 600 - skipped * 9
    number %= ten_minutes * 6 * 24
    tens, within = divmod(number, ten_minutes)
    number += skipped * 9 * tens
    if within > skipped:
        number += skipped * ((within - skipped) // (base * 60 - skipped))
    seconds, frames = divmod(number, base)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return _timecode_text(hours, minutes, seconds, frames, drop)


def _decimal(byte: int, below: int) -> int | None:
    """A byte of two BCD digits as its number; None where its units are no digit, or the
    number is not below ``below``."""
    tens, units = divmod(byte, 16)
    number = tens * 10 + units
    return number if units < 10 and number < below else None


def film_header(
    timecode: str | None, rate: Fraction, pixel_aspect: Fraction, standard: int = USER_DEFINED
) -> DpxHeader:
    """A header that says of a frame's origin what a film file says of its frame: its SMPTE
    timecode (as ``DpxHeader.timecode`` gives one; None, or no timecode: none), the film's
    frame rate (in its film and television headers both), its pixels' aspect, width to
    height (1: square), and its video ``standard`` (``ITU_709``...) as its transfer and
    colorimetric codes; the rest of the film and television headers undefined. A film of more
    frames a second than a DPX timecode numbers (50 or 60, which SMPTE counts in pairs) gets
    none, rather than one on some frames alone. A DPX written with it (``encode_dpx``) takes
    the rest of its header from the encoder, as one of no original does
    (``DpxHeader.origin``)."""
    head = bytearray(BIG_ENDIAN.ljust(_GENERIC_BYTES, b"\0")) + _UNDEFINED_INDUSTRY
    head[_STANDARD : _STANDARD + 2] = bytes([standard, standard])
    aspect = (pixel_aspect.numerator, pixel_aspect.denominator)
    struct.pack_into(">2I", head, _PIXEL_ASPECT, *aspect)
    for offset in _FRAME_RATES:
        struct.pack_into(">f", head, offset, rate)
    numbered = round(rate) <= _SMPTE_PARTS[-1][1]
    code = _smpte_code(timecode) if timecode is not None and numbered else None
    if code is not None:
        struct.pack_into(">I", head, _TIMECODE, code)
    return DpxHeader(bytes(head), _FILM_FIELDS)


def is_dpx(data: bytes) -> bool:
    """Whether the bytes begin as a DPX file does, in either byte order."""
    return data[:4] in (BIG_ENDIAN, LITTLE_ENDIAN)


def _order(head: bytes) -> str:
    """``struct``'s byte order of a DPX header's numbers."""
    return ">" if head[:4] == BIG_ENDIAN else "<"


def _number(head: bytes, offset: int) -> int:
    """The 32-bit number at ``offset`` of a DPX header, in its byte order."""
    (number,) = struct.unpack_from(_order(head) + "I", head, offset)
    return number


def frame_size(data: bytes) -> tuple[int, int] | None:
    """A DPX frame's width and height as its header records them; None where it is too short."""
    if len(data) < _SIZE + 8:
        return None
    width, height = struct.unpack_from(_order(data) + "II", data, _SIZE)
    return width, height


def header_in(path: str | os.PathLike) -> DpxHeader | None:
    """The header (``header_of``) of the file at ``path``, its generic and industry headers
    alone read; None where it is no DPX file, or too short."""
    with open(path, "rb") as file:
        data = file.read(_HEADER_BYTES)
    return header_of(data) if is_dpx(data) else None


def header_of(data: bytes) -> DpxHeader | None:
    """A DPX frame's header (``DpxHeader``); None where it is too short to say where its
    pixels begin."""
    if len(data) < _PIXELS_AT + 4:
        return None
    return DpxHeader(bytes(data[: min(_number(data, _PIXELS_AT), _HEADER_BYTES)]))


def exif_of(data: bytes) -> bytes | None:
    """The EXIF a DPX file's user-defined data keep (``USER_ID``), a result's; None where
    they keep none."""
    size = _kept_exif_size(data)
    if size is None or len(data) < _EXIF_AT + size:
        return None
    return bytes(data[_EXIF_AT : _EXIF_AT + size])


def exif_in(path: str | os.PathLike) -> bytes | None:
    """``exif_of`` the DPX file at ``path``, its header alone read."""
    with open(path, "rb") as file:
        size = _kept_exif_size(file.read(_EXIF_AT))
        if size is None:
            return None
        exif = file.read(size)
    return exif if len(exif) == size else None


def _kept_exif_size(head: bytes) -> int | None:
    """The length of the EXIF a DPX header's user-defined data begin to keep (``USER_ID``,
    before the pixels); None where they keep none."""
    if not is_dpx(head) or len(head) < _EXIF_AT:
        return None
    if head[_HEADER_BYTES:_EXIF_AT].rstrip(b"\0") != USER_ID:
        return None
    size = _number(head, _USER_SIZE) - _USER_ID_BYTES
    within = _EXIF_AT + size <= _number(head, _PIXELS_AT)
    return size if size > 0 and within else None


def encode_dpx(
    pixels: np.ndarray,
    alpha: np.ndarray | None,
    original: DpxHeader | None,
    exif: bytes | None,
    stream: BinaryIO,
) -> None:
    """Write a DPX of ``pixels`` (grey or RGB, 8- or 16-bit) and ``alpha`` to ``stream``, in
    their own depth: a frame read in 10 or 12 bits, spread over 16, is written in 16 (FFmpeg's
    encoder takes 10 and 12 bits too, but the levels the restoration made between theirs
    would be rounded away). Its header says again what ``original``, a DPX original's header,
    says of the picture's origin (``_result_header``); its user-defined data keep ``exif``."""
    import av  # here: a training machine may lack it, and writes no DPX

    from engine.packed_frame import packed_frame

    samples = pixels if alpha is None else np.dstack([pixels, alpha])
    channels = 1 if samples.ndim == 2 else samples.shape[2]
    pixel_format = _PIXEL_FORMATS[channels, samples.dtype.type]
    frame = packed_frame(samples, pixel_format)
    del samples
    codec = av.CodecContext.create("dpx", "w")
    codec.width, codec.height, codec.pix_fmt = frame.width, frame.height, pixel_format
    (packet,) = codec.encode(frame) + codec.encode(None)
    encoded = memoryview(packet)
    user = _user_data(exif)
    head = _result_header(encoded, original, len(user))
    stream.write(head)
    stream.write(user)
    stream.write(bytes(_number(head, _PIXELS_AT) - len(head) - len(user)))
    stream.write(encoded[_number(encoded, _PIXELS_AT) :])


def _user_data(exif: bytes | None) -> bytes:
    """The user-defined data keeping ``exif``: ``USER_ID``, then the EXIF; none without it."""
    return USER_ID.ljust(_USER_ID_BYTES, b"\0") + exif if exif else b""


def _result_header(encoded: bytes, original: DpxHeader | None, user_bytes: int) -> bytearray:
    """The header of a result whose encoded DPX (FFmpeg's) is ``encoded``: its generic header
    with the fields of ``original`` that describe the picture's origin (those of
    ``_ORIGIN_FIELDS`` it says: ``DpxHeader.origin``; the reference codes, where it says them,
    at the result's depth: ``_rescale_codes``; its transfer and colorimetric codes
    ``USER_DEFINED`` where it says none), Rekindle its creator, and
    the original's industry header, or one that says nothing; ``user_bytes`` of user-defined
    data follow it, then the pixels, at the next whole 32-bit word."""
    head = bytearray(encoded[:_GENERIC_BYTES]) + _UNDEFINED_INDUSTRY
    head[_STANDARD : _STANDARD + 2] = bytes([USER_DEFINED, USER_DEFINED])
    if original is not None:
        _carry_origin(original, head)
        if original.bits is not None and _REFERENCE_CODES[0] in original.origin:
            _rescale_codes(head, original.bits, head[_BITS])
    creator = software().encode("ascii", "replace")[: _CREATOR_BYTES - 1]
    head[_CREATOR : _CREATOR + _CREATOR_BYTES] = creator.ljust(_CREATOR_BYTES, b"\0")
    pixel_bytes = len(encoded) - _number(encoded, _PIXELS_AT)
    _place_sections(head, user_bytes, pixel_bytes)
    return head


def _place_sections(head: bytearray, user_bytes: int, pixel_bytes: int) -> None:
    """Record in ``head`` its generic and industry headers, ``user_bytes`` of user-defined
    data after them, and ``pixel_bytes`` of pixels at the next whole 32-bit word."""
    order = _order(head)
    pixels_at = -(-(_HEADER_BYTES + user_bytes) // 4) * 4
    struct.pack_into(order + "I", head, _PIXELS_AT, pixels_at)
    struct.pack_into(order + "I", head, _FILE_SIZE, pixels_at + pixel_bytes)
    sizes = (_GENERIC_BYTES, _INDUSTRY_BYTES, user_bytes)
    struct.pack_into(order + "3I", head, _SECTION_SIZES, *sizes)
    struct.pack_into(order + "I", head, _ELEMENT_PIXELS_AT, pixels_at)


def _carry_origin(original: DpxHeader, head: bytearray) -> None:
    """Set the fields of ``head`` that describe the picture's origin (``_ORIGIN_FIELDS``) to
    ``original``'s, each that it says (``DpxHeader.origin``) and its header holds whole, in
    ``head``'s byte order."""
    source = original.data
    for offset, layout in _ORIGIN_FIELDS:
        if offset not in original.origin:
            continue
        if offset + struct.calcsize("<" + layout) <= len(source):
            values = struct.unpack_from(_order(source) + layout, source, offset)
            struct.pack_into(_order(head) + layout, head, offset, *values)


def _rescale_codes(head: bytearray, bits: int, result_bits: int) -> None:
    """The code values of ``head``, an original's of ``bits`` bits per sample, at a result's
    ``result_bits`` (``_rescaled``): the reference codes, and the television header's black,
    breakpoint and white levels (floats); an undefined one stays so."""
    order = _order(head)
    fields = [(offset, "I") for offset in _REFERENCE_CODES]
    fields += [(offset, "f") for offset in _TV_CODE_VALUES]
    for offset, kind in fields:
        if _number(head, offset) == _UNDEFINED:
            continue
        (value,) = struct.unpack_from(order + kind, head, offset)
        scaled = _rescaled(value, bits, result_bits)
        if scaled is None:
            struct.pack_into(order + "I", head, offset, _UNDEFINED)
        else:
            struct.pack_into(order + kind, head, offset, round(scaled) if kind == "I" else scaled)


def _rescaled(code: float, bits: int, result_bits: int) -> float | None:
    """A code value of ``bits`` bits at ``result_bits``: as it is at the same depth, and at 16
    where samples of fewer bits are spread over 16, by the factor ``spread_over_16_bits``
    spreads them (``engine.decoding``), so that a code and the samples at it agree; None
    (undefined) where it is no value of its depth or the result's depth is another."""
    top = 2**bits - 1
    if top < 1 or not 0 <= code <= top:
        return None
    if bits == result_bits:
        return code
    return code * (65535 / top) if bits < result_bits == 16 else None


def dpx_is_whole(path: str | os.PathLike, size: tuple[int, int] | None) -> bool:
    """Whether the DPX file at ``path`` is as long as its header says (and shows ``size``,
    width by height, when given)."""
    length = Path(path).stat().st_size
    with open(path, "rb") as file:
        head = file.read(_SIZE + 8)
    shown = frame_size(head)
    if not is_dpx(head) or shown is None:
        return False
    return _number(head, _FILE_SIZE) == length and (size is None or shown == size)
