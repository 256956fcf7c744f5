"""DPX frames as a film scanner delivers them, made by FFmpeg's DPX encoder (PyAV), or by
hand with the whole header a scanner writes (``write_scanner_frame``), which FFmpeg's encoder
leaves out: film and television headers, reference codes, pixel aspect, creator."""

from __future__ import annotations

import struct
from pathlib import Path

import av
import numpy as np

SIZE = (48, 32)  # width, height
TRANSFER, COLORIMETRIC, BITS = 801, 802, 803  # a DPX's first image element's codes
PRINTING_DENSITY = 1  # the transfer and colorimetric codes of a Cineon log scan
FORMATS = {8: "rgb24", 10: "gbrp10le", 12: "gbrp12le", 16: "rgb48le"}
"""FFmpeg's pixel format of a scan's RGB samples of each depth."""


def scan_levels(bits: int, seed: int = 0, size: tuple[int, int] = SIZE) -> np.ndarray:
    """Random RGB levels of ``bits`` bits, ``size`` (width, height), the darkest and
    lightest among them."""
    levels = np.random.default_rng(seed).integers(0, 2**bits, (size[1], size[0], 3))
    levels[0, 0], levels[0, 1] = 0, 2**bits - 1
    return levels.astype(np.uint8 if bits == 8 else np.uint16)


def write_scan(path: Path, bits: int, seed: int = 0, size: tuple[int, int] = SIZE) -> np.ndarray:
    """Write a DPX frame of ``bits``-bit levels marked as printing density, as a film
    scanner's, ``size`` (width, height); return its levels."""
    levels = scan_levels(bits, seed, size)
    codec = av.CodecContext.create("dpx", "w")
    codec.width, codec.height, codec.pix_fmt = *size, FORMATS[bits]
    frame = av.VideoFrame.from_ndarray(levels, format=FORMATS[bits])
    (packet,) = codec.encode(frame) + codec.encode(None)
    data = bytearray(bytes(packet))
    data[TRANSFER] = data[COLORIMETRIC] = PRINTING_DENSITY
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(data))
    return levels


def header_codes(path: Path) -> tuple[int, int, int]:
    """A DPX file's transfer and colorimetric codes and bits per sample."""
    head = path.read_bytes()[: BITS + 1]
    return head[TRANSFER], head[COLORIMETRIC], head[BITS]


UNDEFINED = 0xFFFFFFFF  # a DPX header's number that says nothing
REFERENCE_CODES = (95, 685)  # a Cineon scan's reference black and white, in 10 bits
TV_LEVELS = (64.0, 940.0)  # the television header's black and white levels, in 10 bits
PIXEL_ASPECT = (2, 1)  # an anamorphic scan's
RIGHT_TO_LEFT = 1  # the orientation of rows stored right to left
FRAME_POSITION, FRAME_RATE = 123, 24.0  # the film header's
TIMECODE = 0x01023004  # the television header's SMPTE timecode, 01:02:30:04
SCANNER = b"ScanStation"  # the creator and input device a scanner writes
_HEADER_BYTES = 2048  # the generic and industry headers


def write_scanner_frame(path: Path, order: str, seed: int = 0) -> np.ndarray:
    """Write a 10-bit RGB DPX frame (filled 32-bit words, method A) as a film scanner makes
    it, in byte order ``order`` (">": SDPX, "<": XPDS), its whole header written by hand;
    return its levels, the reference codes among them: the first pixel at the low, the
    second at the high."""
    levels = scan_levels(10, seed).astype(np.uint32)
    levels[0, 0], levels[0, 1] = REFERENCE_CODES
    words = (levels[..., 0] << 22) | (levels[..., 1] << 12) | (levels[..., 2] << 2)
    data = words.astype(order + "u4").tobytes()
    head = bytearray(_HEADER_BYTES)
    head[0:4] = b"SDPX" if order == ">" else b"XPDS"
    struct.pack_into(order + "I8xI", head, 4, _HEADER_BYTES, _HEADER_BYTES + len(data))
    head[8:12] = b"V2.0"
    struct.pack_into(order + "III", head, 24, 1664, 384, 0)  # generic, industry, user sizes
    head[160 : 160 + len(SCANNER)] = SCANNER
    struct.pack_into(order + "I", head, 660, UNDEFINED)  # not encrypted
    struct.pack_into(order + "HHII", head, 768, RIGHT_TO_LEFT, 1, *SIZE)
    low, high = REFERENCE_CODES
    struct.pack_into(order + "IIfIf", head, 780, 0, low, 0.0, high, 2.048)
    head[800:804] = bytes([50, PRINTING_DENSITY, PRINTING_DENSITY, 10])  # RGB, 10 bits
    struct.pack_into(order + "HHI", head, 804, 1, 0, _HEADER_BYTES)  # method A, data offset
    head[1556 : 1556 + len(SCANNER)] = SCANNER
    struct.pack_into(order + "II", head, 1628, *PIXEL_ASPECT)
    struct.pack_into(order + "IIIf", head, 1712, FRAME_POSITION, 2000, 0, FRAME_RATE)
    struct.pack_into(order + "II", head, 1920, TIMECODE, 0)
    struct.pack_into(order + "f", head, 1952, TV_LEVELS[0])
    struct.pack_into(order + "f", head, 1964, TV_LEVELS[1])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(head) + data)
    return levels.astype(np.uint16)


def header_fields(path: Path) -> dict[str, object]:
    """What a DPX file's header says of the picture's origin and where its pixels lie, read
    in its own byte order."""
    data = path.read_bytes()
    order = ">" if data[:4] == b"SDPX" else "<"

    def number(offset: int, kind: str = "I") -> object:
        return struct.unpack_from(order + kind, data, offset)[0]

    return {
        "pixels at": number(4),
        "file size": number(16),
        "user data": number(32),
        "creator": data[160:260].rstrip(b"\0"),
        "orientation": number(768, "H"),
        "reference codes": (number(784), number(792)),
        "bits": data[BITS],
        "input device": data[1556:1588].rstrip(b"\0"),
        "pixel aspect": (number(1628), number(1632)),
        "frame position": number(1712),
        "frame rate": number(1724, "f"),
        "timecode": number(1920),
        "tv levels": (number(1952, "f"), number(1964, "f")),
    }
