"""A print scanned on a black scanner bed is measured without the bed, whatever shape the bed's
black takes in the scan: the print set askew (black wedges), in a corner of the bed (the black
most of a side), or with a line or the lid's light strip along one edge (no side uniform). With
the bed measured, a faded print showed no sign of fading (its black point at 0)."""

import cv2
import numpy as np
import pytest

from engine.fading import measure_fading
from engine.imageio import read_picture
from engine.pixels import to_rgb8
from tests.conftest import SHARED_DATA, VAL_DIR

BED = 0.15  # the bed's black around a print set in its middle, per side


@pytest.fixture(scope="module")
def faded_print():
    """A scanned print whose dyes faded (measured bare: about 0.83)."""
    return to_rgb8(read_picture(SHARED_DATA / "real" / "prints" / "family-print.png").pixels)


@pytest.fixture(scope="module")
def unfaded():
    """kodim23 (parrots), which never faded."""
    return to_rgb8(read_picture(VAL_DIR / "kodim23.png").pixels)


def _on_the_bed(picture, across=1 + 2 * BED, at=BED):
    """``picture`` on a black bed ``across`` times its size, its corner ``at`` its size in."""
    height, width = picture.shape[:2]
    top, left = int(at * height), int(at * width)
    bed = np.zeros((int(across * height), int(across * width), 3), np.uint8)
    bed[top : top + height, left : left + width] = picture
    return bed


def _tilted(picture, degrees):
    scan = _on_the_bed(picture)
    height, width = scan.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(scan, turn, (width, height), borderValue=(0, 0, 0))


def _lined(picture, level):
    """A 3-pixel line along the top edge of the scan."""
    scan = _on_the_bed(picture)
    scan[:3] = level
    return scan


def _noisy(picture):
    """A scanner's black, noisy by up to 7 %."""
    scan = _on_the_bed(picture).astype(np.int16)
    scan += np.random.default_rng(0).integers(0, 18, scan.shape, np.int16)
    return np.clip(scan, 0, 255).astype(np.uint8)


def _lid(picture):
    """The lid's light strip along 2 % of the scan's right edge."""
    scan = _on_the_bed(picture)
    scan[:, -int(0.02 * scan.shape[1]) :] = 200
    return scan


SCANS = {
    "tilted 2 degrees": lambda picture: _tilted(picture, 2),
    "tilted 4 degrees": lambda picture: _tilted(picture, -4),
    "white line along an edge": lambda picture: _lined(picture, 255),
    "grey line along an edge": lambda picture: _lined(picture, 128),
    "lid's strip along an edge": _lid,
    "noisy black": _noisy,
    "in a corner of the bed": lambda picture: _on_the_bed(picture, across=2.0, at=0.01),
    "against the bed's corner": lambda picture: _on_the_bed(picture, across=1.6, at=0.0),
}


@pytest.mark.parametrize("scan", SCANS.values(), ids=SCANS.keys())
def test_a_faded_print_on_the_scanner_bed_is_found_faded(faded_print, scan):
    bare = measure_fading([faded_print]).degree
    assert 0.5 < bare < 1
    assert measure_fading([scan(faded_print)]).degree == pytest.approx(bare, abs=0.1)


@pytest.mark.parametrize("scan", SCANS.values(), ids=SCANS.keys())
def test_a_photo_that_never_faded_is_left_alone_on_the_bed(unfaded, scan):
    scanned = scan(unfaded)
    np.testing.assert_array_equal(measure_fading([scanned]).apply(scanned), scanned)
