"""DPX frames, a film scanner's output (SMPTE 268M): their header read for the size and the
codes a result says again, and results written through FFmpeg's encoder (in PyAV, imported
where it is used: a training machine may lack it). The samples are read by
``engine.decoding``; their levels, printing density (Cineon log) or any other, are kept as
they are, never converted.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

BIG_ENDIAN, LITTLE_ENDIAN = b"SDPX", b"XPDS"
"""A DPX file's first four bytes, by the byte order of its header's numbers and samples."""
_FILE_SIZE = 16
_ORIENTATION, _SIZE = 768, 772  # the orientation (16 bits); pixels per line, lines (32 each)
_TRANSFER, _COLORIMETRIC = 801, 802  # of the first image element, a byte each
_HEADER_BYTES = 1664
"""The file and image headers (768 and 896 bytes), which FFmpeg's encoder writes alone, the
pixels following."""

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
class DpxCodes:
    """What a DPX frame's header says of its pixels beyond their layout, said again by a DPX
    of it: its orientation (the order its pixels are stored in, which are read and written as
    stored, never turned), and its first image element's transfer characteristic and
    colorimetric specification (1 and 1: printing density, a Cineon log scan)."""

    orientation: int
    transfer: int
    colorimetric: int


def is_dpx(data: bytes) -> bool:
    """Whether the bytes begin as a DPX file does, in either byte order."""
    return data[:4] in (BIG_ENDIAN, LITTLE_ENDIAN)


def _order(head: bytes) -> str:
    """``struct``'s byte order of a DPX header's numbers."""
    return ">" if head[:4] == BIG_ENDIAN else "<"


def frame_size(data: bytes) -> tuple[int, int] | None:
    """A DPX frame's width and height as its header records them; None where it is too short."""
    if len(data) < _SIZE + 8:
        return None
    width, height = struct.unpack_from(_order(data) + "II", data, _SIZE)
    return width, height


def codes_of(data: bytes) -> DpxCodes | None:
    """The codes a DPX frame's header records (``DpxCodes``); None where it is too short."""
    if len(data) < _COLORIMETRIC + 1:
        return None
    (orientation,) = struct.unpack_from(_order(data) + "H", data, _ORIENTATION)
    return DpxCodes(orientation, data[_TRANSFER], data[_COLORIMETRIC])


def encode_dpx(
    pixels: np.ndarray, alpha: np.ndarray | None, codes: DpxCodes | None, stream: BinaryIO
) -> None:
    """Write a DPX of ``pixels`` (grey or RGB, 8- or 16-bit) and ``alpha`` to ``stream``, in
    their own depth: a frame read in 10 or 12 bits, spread over 16, is written in 16 (FFmpeg's
    encoder takes 10 and 12 bits too, but the levels the restoration made between theirs
    would be rounded away). ``codes``, a DPX original's, replace those FFmpeg writes
    (orientation 0, transfer and colorimetric 4: unspecified video); None leaves them."""
    import av  # here: a training machine may lack it, and writes no DPX

    samples = pixels if alpha is None else np.dstack([pixels, alpha])
    channels = 1 if samples.ndim == 2 else samples.shape[2]
    pixel_format = _PIXEL_FORMATS[channels, samples.dtype.type]
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(samples), format=pixel_format)
    del samples
    codec = av.CodecContext.create("dpx", "w")
    codec.width, codec.height, codec.pix_fmt = frame.width, frame.height, pixel_format
    (packet,) = codec.encode(frame) + codec.encode(None)
    encoded = memoryview(packet)
    head = bytearray(encoded[:_HEADER_BYTES])
    if codes is not None:
        struct.pack_into("<H", head, _ORIENTATION, codes.orientation)
        head[_TRANSFER], head[_COLORIMETRIC] = codes.transfer, codes.colorimetric
    stream.write(head)
    stream.write(encoded[_HEADER_BYTES:])


def dpx_is_whole(path: str | os.PathLike, size: tuple[int, int] | None) -> bool:
    """Whether the DPX file at ``path`` is as long as its header says (and shows ``size``,
    width by height, when given)."""
    length = Path(path).stat().st_size
    with open(path, "rb") as file:
        head = file.read(_SIZE + 8)
    shown = frame_size(head)
    if not is_dpx(head) or shown is None:
        return False
    (recorded,) = struct.unpack_from(_order(head) + "I", head, _FILE_SIZE)
    return recorded == length and (size is None or shown == size)
