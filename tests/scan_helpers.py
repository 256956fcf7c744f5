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
