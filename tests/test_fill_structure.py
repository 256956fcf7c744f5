"""Wide marks across regular structure (stripes, an edge) are filled with the structure going
on through them, not a blurred band, and within the picture's own range (engine/retouch)."""

import cv2
import numpy as np
import pytest

from engine.retouch.fill import Box, fill_marks


def _stroke(shape: tuple[int, ...], start, end, width: int) -> np.ndarray:
    marks = np.zeros(shape[:2], np.uint8)
    cv2.line(marks, start, end, 255, width)
    return marks


def _error_inside(filled: np.ndarray, clean: np.ndarray, inside: np.ndarray) -> float:
    """The mean absolute difference of ``filled`` from ``clean`` at the ``inside`` pixels."""
    return float(np.abs(filled.astype(np.float64) - clean)[inside].mean())


@pytest.mark.parametrize("width", [12, 20])
def test_a_scratch_across_stripes_is_filled_with_the_stripes_going_on_through_it(width):
    """Hard vertical stripes about 25 pixels apart; a blurred grey band across them is off by
    40 levels or more, a patchy fill by about 15."""
    columns = np.arange(600)
    stripes = np.where(np.sin(columns / 4.0) > 0, 200, 50).astype(np.uint8)
    clean = np.dstack([np.tile(stripes, (300, 1))] * 3)
    marks = _stroke(clean.shape, (50, 40 + width * 5), (550, 60 + width * 5), width)
    damaged = clean.copy()
    damaged[marks > 0] = 255
    filled = fill_marks(damaged, marks).pixels
    assert np.array_equal(filled[marks == 0], clean[marks == 0])
    assert _error_inside(filled, clean, marks > 0) < 6
    region = Box(200, 0, 260, 300)
    part = fill_marks(damaged, marks, region).pixels
    assert np.array_equal(part[region.slices], filled[region.slices])


def test_a_sixteen_bit_scratch_across_soft_stripes_keeps_them_and_their_range():
    """Slanting grey stripes with soft edges, 16 bits: the fill goes on with them, and no
    value is darker or lighter than the stripes' own."""
    rows, columns = np.mgrid[0:300, 0:600]
    wave = np.clip(1.5 * np.sin((columns + 0.3 * rows) / 4.0), -1, 1)
    clean = (20000 + 20000 * wave).astype(np.uint16)
    marks = _stroke(clean.shape, (40, 150), (560, 170), 16)
    damaged = clean.copy()
    damaged[marks > 0] = 65535
    filled = fill_marks(damaged, marks).pixels
    assert filled.dtype == np.uint16
    assert _error_inside(filled, clean, marks > 0) < 6 * 257
    assert clean.min() <= filled.min() and filled.max() <= clean.max()


def test_an_edge_crossing_a_broad_stroke_goes_on_straight_through_it():
    """A sharp edge between dark and light, with grain, crossed by a 24 pixel stroke: near
    the edge, the fill is dark on its dark side and light on its light side."""
    rows, columns = np.mgrid[0:240, 0:320].astype(np.float32)
    angle = np.radians(20)
    side = (columns - 160) * np.cos(angle) + (rows - 120) * np.sin(angle)
    grain = np.random.default_rng(0).normal(0, 2, rows.shape)
    clean = np.clip(np.where(side > 0, 190, 60) + grain, 0, 255).astype(np.uint8)
    marks = _stroke(clean.shape, (20, 110), (300, 130), 24)
    damaged = clean.copy()
    damaged[marks > 0] = 255
    filled = fill_marks(damaged, marks).pixels
    near_the_edge = (np.abs(side) < 8) & (marks > 0)
    assert _error_inside(filled, clean, near_the_edge) < 15


@pytest.mark.parametrize("left", [5, 10])
def test_a_mark_leaving_a_thin_strip_of_picture_is_filled_from_it(left: int):
    """Seen before: marking all but a few columns of a picture filled it nearly black: at the
    reduced scale no block was mostly picture, and the unknown was taken for 0."""
    rng = np.random.default_rng(4)
    clean = np.clip(rng.normal(110, 6, (500, 500, 3)), 0, 255).astype(np.uint8)
    marks = np.zeros(clean.shape[:2], np.uint8)
    marks[:, : 500 - left] = 1
    filled = fill_marks(clean, marks).pixels
    assert abs(float(filled[marks > 0].mean()) - 110) < 10


def _rough_with_a_band_below(band: int) -> np.ndarray:
    """Mottled darker ground (blobs of about 6 pixels, with grain) over a light band
    ``band`` pixels high along the bottom edge, 300 by 400 pixels."""
    rng = np.random.default_rng(3)
    blobs = cv2.GaussianBlur(rng.normal(0, 1, (300, 400)).astype(np.float32), (0, 0), 3)
    rough = 80 + 25 * blobs / blobs.std()
    rows = np.arange(300)[:, None]
    grey = np.where(rows >= 300 - band, 190.0, rough) + rng.normal(0, 2, (300, 400))
    return np.dstack([np.clip(np.rint(grey), 0, 255).astype(np.uint8)] * 3)


def test_a_band_along_the_pictures_edge_goes_on_into_a_mark_in_its_corner():
    """Seen before: a wide mark in a picture's corner was filled in rings from its longest
    side, so the ground above came down over a pavement running along the bottom edge
    (off by about 45 levels there); the band goes on along the edge to the corner."""
    clean = _rough_with_a_band_below(16)
    marks = np.zeros(clean.shape[:2], np.uint8)
    marks[260:, 300:] = 1
    damaged = clean.copy()
    damaged[marks > 0] = 255
    filled = fill_marks(damaged, marks).pixels
    on_the_band = (marks > 0) & (np.arange(300)[:, None] >= 300 - 16)
    assert _error_inside(filled, clean, on_the_band) < 15
    assert _error_inside(filled, clean, marks > 0) < 25
