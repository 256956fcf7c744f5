"""Synthetic flatbed scans: photos laid on a plain lid, some of them askew."""

from __future__ import annotations

import cv2
import numpy as np

from engine.imageio import read_picture
from tests.conftest import VAL_DIR

LID = 246
PRINT_SIZE = (360, 240)
SPOTS = (((250, 200), 4.0), ((750, 220), -3.0), ((400, 620), 0.0))  # centre, degrees


def kodak_print(number: int) -> np.ndarray:
    """A kodak24 photo at the size of a small print on the scan."""
    pixels = read_picture(VAL_DIR / f"kodim{number:02d}.png").pixels
    return cv2.resize(pixels, PRINT_SIZE, interpolation=cv2.INTER_AREA)


def lay(scan: np.ndarray, photo: np.ndarray, centre: tuple[float, float], angle: float) -> None:
    """Lay ``photo`` on the scanner at ``centre``, turned ``angle`` degrees."""
    height, width = photo.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turn[:, 2] += (centre[0] - width / 2, centre[1] - height / 2)
    size = scan.shape[1::-1]
    covered = cv2.warpAffine(np.full((height, width), 255, np.uint8), turn, size)
    laid = cv2.warpAffine(photo, turn, size, flags=cv2.INTER_CUBIC)
    scan[covered > 0] = laid[covered > 0]


def scan_of(prints: list[np.ndarray]) -> np.ndarray:
    """A 1300x900 scan with ``prints`` (three) laid at ``SPOTS``."""
    scan = np.full((900, 1300, 3), LID, np.uint8)
    for photo, (centre, angle) in zip(prints, SPOTS, strict=True):
        lay(scan, photo, centre, angle)
    return scan


PHONE_PHOTO = (1200, 900)  # width, height
PHONE_FOCAL = 1000.0  # pixels: a little longer than the usual lens engine.split assumes


def seen_corners(size: tuple[int, int], tilt: float, turn: float) -> np.ndarray:
    """Where the corners (top left first, clockwise) of a print ``size`` (width, height)
    lie in a phone photo taken with the print tilted ``tilt`` degrees about the horizontal
    and turned ``turn`` about the vertical, 2.5 print widths away, through a pinhole lens
    whose axis meets the photo's middle."""
    width, height = size
    flat = np.array([[-width, -height], [width, -height], [width, height], [-width, height]]) / 2
    points = np.column_stack([flat, np.zeros(4)])
    a, b = np.radians(tilt), np.radians(turn)
    tilted = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
    turned = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])
    placed = points @ (turned @ tilted).T + (0, 0, 2.5 * width)
    middle = (np.array(PHONE_PHOTO) - 1) / 2
    return PHONE_FOCAL * placed[:, :2] / placed[:, 2:] + middle


def photographed(photo: np.ndarray, tilt: float, turn: float, grain: float = 0.0) -> np.ndarray:
    """A phone photo (``PHONE_PHOTO``) of ``photo`` lying on a dark, unevenly lit wooden
    table, seen at an angle (``seen_corners``); with ``grain``, the wood's grain varies by
    that many levels either way."""
    height, width = photo.shape[:2]
    y, x = np.mgrid[0 : PHONE_PHOTO[1], 0 : PHONE_PHOTO[0]].astype(np.float32)
    rng = np.random.default_rng(0)
    table = 25 + 20 * (x / PHONE_PHOTO[0]) + 10 * (y / PHONE_PHOTO[1])
    table += grain * np.sin(x / 9 + 3 * np.sin(y / 60))  # the wood's rings
    table += rng.normal(0, 3 + grain / 2, table.shape).astype(np.float32)
    picture = np.stack([table * 1.3, table * 0.9, table * 0.6], axis=2)  # a warm wood
    flat = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    view = cv2.getPerspectiveTransform(flat, np.float32(seen_corners((width, height), tilt, turn)))
    seen = cv2.warpPerspective(photo, view, PHONE_PHOTO, flags=cv2.INTER_CUBIC)
    covered = cv2.warpPerspective(np.full((height, width), 255, np.uint8), view, PHONE_PHOTO)
    picture[covered > 127] = seen[covered > 127]
    return np.clip(np.rint(picture), 0, 255).astype(np.uint8)
