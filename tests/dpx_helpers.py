"""DPX frames as a film scanner delivers them, made by FFmpeg's DPX encoder (PyAV)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

SIZE = (48, 32)  # width, height
TRANSFER, COLORIMETRIC, BITS = 801, 802, 803  # a DPX's first image element's codes
PRINTING_DENSITY = 1  # the transfer and colorimetric codes of a Cineon log scan
FORMATS = {8: "rgb24", 10: "gbrp10le", 12: "gbrp12le", 16: "rgb48le"}
"""FFmpeg's pixel format of a scan's RGB samples of each depth."""


def scan_levels(bits: int, seed: int = 0) -> np.ndarray:
    """Random RGB levels of ``bits`` bits, the darkest and lightest among them."""
    levels = np.random.default_rng(seed).integers(0, 2**bits, (SIZE[1], SIZE[0], 3))
    levels[0, 0], levels[0, 1] = 0, 2**bits - 1
    return levels.astype(np.uint8 if bits == 8 else np.uint16)


def write_scan(path: Path, bits: int, seed: int = 0) -> np.ndarray:
    """Write a DPX frame of ``bits``-bit levels marked as printing density, as a film
    scanner's; return its levels."""
    levels = scan_levels(bits, seed)
    codec = av.CodecContext.create("dpx", "w")
    codec.width, codec.height, codec.pix_fmt = *SIZE, FORMATS[bits]
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
