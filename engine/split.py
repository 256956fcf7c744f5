"""Splitting a flatbed scan of several prints into one picture per print, each turned
straight: a box of old photos is scanned three or four at a time.

The scanner's lid makes the background: its colour is read off the scan's edges (as a
smooth surface, since the lamp lights the glass unevenly), and every region that differs
from it and is large enough is a print. Each print is cut out along
the smallest rectangle around it (so a print laid a little askew comes out straight), a few
pixels inside its edge so that no strip of the lid is left. A print must stand out from the
lid at its edges: one whose sky is as pale as a white lid loses that strip, so such prints
are best scanned with a dark sheet over them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from engine.errors import RekindleError
from engine.imageio import Picture, read_picture, same_format_suffix, write_picture
from engine.pixels import peak

EDGE_SHARE = 0.02
"""The band around the scan, as a share of its shorter side, read for the lid's colour."""
DIFFERENCE = 0.09
"""How far from the lid's colour (as a share of full scale, in any channel) a pixel is print."""
MIN_AREA_SHARE = 0.01
"""The smallest print, as a share of the scan's area: smaller regions are dust and marks."""
WORK_SIDE = 1000
"""The scan is searched at most this many pixels across; prints are cut at full size."""
OUTLINE_SLACK = 1.5
"""Pixels of the searched scan by which a print's outline reaches past its edge (the
shrinking blurs the edge onto the lid): taken off each side."""
INSET = 0.004
"""How far inside its edge a print is cut, as a share of its shorter side (at least 1 px)."""
RIGHT_ANGLE_SNAP = 0.5
"""Degrees: a print this close to square with the scan is cut without turning it."""


@dataclass(frozen=True)
class FoundPrint:
    """Where one print lies on the scan: its centre, size and turn (degrees), in pixels."""

    centre: tuple[float, float]
    size: tuple[float, float]  # width, height, before turning
    angle: float


def find_prints(pixels: np.ndarray) -> list[FoundPrint]:
    """The prints on a scan, in reading order (top to bottom, then left to right)."""
    rgb = pixels if pixels.ndim == 3 else pixels[..., None]
    scale = min(1.0, WORK_SIDE / max(rgb.shape[:2]))
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = small.reshape(*small.shape[:2], -1).astype(np.float32) / peak(pixels.dtype)
    mask = _print_mask(small)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    area = mask.shape[0] * mask.shape[1]
    found = []
    for contour in contours:
        if cv2.contourArea(contour) < MIN_AREA_SHARE * area:
            continue
        (x, y), (width, height), angle = cv2.minAreaRect(contour)
        width, height = (max(1.0, (side - 2 * OUTLINE_SLACK) / scale) for side in (width, height))
        centre = ((x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5)  # pixel centres
        found.append(FoundPrint(centre, (width, height), angle))
    if not found:
        return []
    row_height = min(min(p.size) for p in found) / 2
    # Rows first: centres within half the smallest print's height make one row.
    return sorted(found, key=lambda p: (round(p.centre[1] / row_height), p.centre[0]))


def split_scan(picture: Picture) -> list[Picture]:
    """One picture per print on the scan ``picture``, straightened, in reading order; the
    scan's colour profile goes with each. Raises ``RekindleError`` when no print is found."""
    prints = find_prints(picture.pixels)
    if not prints:
        raise RekindleError(
            "no prints were found on the scan: they must lie apart, on a plain background"
        )
    return [
        replace(
            picture,
            pixels=_cut(picture.pixels, found),
            alpha=None if picture.alpha is None else _cut(picture.alpha, found),
            exif=None,  # the scan's camera and date do not describe the print
        )
        for found in prints
    ]


def split_scan_file(scan: str | os.PathLike, out_dir: str | os.PathLike) -> list[Path]:
    """Write each print on the scan file ``scan`` into ``out_dir`` as ``<name>-1.<ext>``,
    ``<name>-2.<ext>``... in the scan's format (a name that exists gets a number), each
    atomically; the scan is only read. Returns the files, in reading order."""
    scan, out_dir = Path(scan), Path(out_dir)
    prints = split_scan(read_picture(scan))
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = same_format_suffix(scan)
    return [
        write_picture(part, out_dir / f"{scan.stem}-{n}{suffix}", forbid=[scan], replace=False)
        for n, part in enumerate(prints, start=1)
    ]


def _print_mask(small: np.ndarray) -> np.ndarray:
    """Where the scan is not the lid: far enough from the lid's colour there, gaps closed
    and holes filled (a white patch inside a print is not the lid)."""
    mask = (np.abs(small - _lid(small)).max(axis=2) > DIFFERENCE).astype(np.uint8) * 255
    side = max(3, round(0.01 * min(small.shape[:2])) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)  # specks and scratches on the lid
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
    return filled


def _lid(small: np.ndarray) -> np.ndarray:
    """The lid's colour at every pixel, from the band around the scan: a smooth surface (a
    constant, slopes and curvature along x and y) per channel, as a scanner's lamp lights
    it unevenly. Fitted twice, the second time without the band's pixels the first fit calls
    print (a print laid against the glass's edge)."""
    height, width, channels = small.shape
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    x, y = 2 * x / max(width - 1, 1) - 1, 2 * y / max(height - 1, 1) - 1
    terms = np.stack([np.ones_like(x), x, y, x * x, y * y], axis=-1)
    band = max(1, round(EDGE_SHARE * min(height, width)))
    edge = np.zeros((height, width), bool)
    edge[:band], edge[-band:], edge[:, :band], edge[:, -band:] = True, True, True, True
    known = edge
    for _ in range(2):
        fit, *_ = np.linalg.lstsq(terms[known], small[known], rcond=None)
        lid = terms @ fit
        known = edge & (np.abs(small - lid).max(axis=2) <= DIFFERENCE)
        if not known.any():
            break
    return lid.reshape(height, width, channels)


def _cut(pixels: np.ndarray, found: FoundPrint) -> np.ndarray:
    """The print, turned upright by the small angle it lies at and cut inside its edge."""
    width, height = found.size
    angle = found.angle
    while angle > 45:  # a rectangle turned 89 degrees is one turned -1, its sides swapped
        angle, width, height = angle - 90, height, width
    while angle <= -45:
        angle, width, height = angle + 90, height, width
    inset = max(1.0, INSET * min(width, height))
    out_w, out_h = max(1, round(width - 2 * inset)), max(1, round(height - 2 * inset))
    cx, cy = found.centre
    if abs(angle) <= RIGHT_ANGLE_SNAP:
        left, top = round(cx - out_w / 2), round(cy - out_h / 2)
        left, top = max(0, left), max(0, top)
        return np.ascontiguousarray(pixels[top : top + out_h, left : left + out_w])
    turn = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    turn[:, 2] += (out_w / 2 - cx, out_h / 2 - cy)
    return cv2.warpAffine(
        pixels, turn, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
