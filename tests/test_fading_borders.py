"""Fading is measured on the picture itself: a scan's dark edge of a few pixels, a scanner's
black border or a print's white paper border around it hid a faded print's greyed blacks or
its cast (the black at 0, the white at 1), and a black frame hid a faded film's."""

import numpy as np
import pytest

from engine.fading import measure_fading
from engine.imageio import read_picture
from engine.pixels import to_rgb8
from tests.conftest import VAL_DIR
from training.metrics import psnr_rgb

MAGENTA_BLACK = np.array([0.18, 0.08, 0.14], np.float32)
MAGENTA_WHITE = np.array([0.98, 0.72, 0.90], np.float32)


@pytest.fixture(scope="module")
def photo():
    """kodim23 (parrots), which never faded."""
    return to_rgb8(read_picture(VAL_DIR / "kodim23.png").pixels)


@pytest.fixture(scope="module")
def faded(photo):
    """The photo as a print whose cyan dye faded: greyed blacks, dull whites, magenta."""
    levels = MAGENTA_BLACK + photo.astype(np.float32) / 255 * (MAGENTA_WHITE - MAGENTA_BLACK)
    return np.rint(levels * 255).astype(np.uint8)


def _framed(picture, width, level):
    framed = np.full((picture.shape[0] + 2 * width, picture.shape[1] + 2 * width, 3), level)
    framed[width:-width, width:-width] = picture
    return framed.astype(np.uint8)


@pytest.mark.parametrize("width", [1, 4])
def test_a_dark_edge_of_a_few_pixels_does_not_hide_the_fading(faded, width):
    edged = faded.copy()
    for edge in (edged[:width], edged[-width:], edged[:, :width], edged[:, -width:]):
        edge[...] = 12
    bare, fix = measure_fading([faded]), measure_fading([edged])
    assert fix.degree == bare.degree == 1
    np.testing.assert_allclose(fix.black, bare.black, atol=0.01)
    np.testing.assert_allclose(fix.gain, bare.gain, rtol=0.02)


@pytest.mark.parametrize("level", [8, 250], ids=["black scanner border", "white paper border"])
def test_a_border_around_a_faded_print_is_no_part_of_it(photo, faded, level):
    """The print fixed as well in its border as bare (seen: 24.3 dB, from 20.3 faded; with
    the border measured: 20.3 in the black, 21.1 in the white)."""
    width = 30
    fix = measure_fading([_framed(faded, width, level)])
    fixed = fix.apply(_framed(faded, width, level))[width:-width, width:-width]
    bare = measure_fading([faded]).apply(faded)
    assert psnr_rgb(fixed, photo) > psnr_rgb(faded, photo) + 3
    assert psnr_rgb(fixed, photo) > psnr_rgb(bare, photo) - 0.5


@pytest.mark.parametrize("level", [8, 250])
def test_a_photo_that_never_faded_is_left_alone_in_its_border(photo, level):
    framed = _framed(photo, 6, level)  # small: the photo keeps its size for its statistics
    assert not measure_fading([photo]).faded
    np.testing.assert_array_equal(measure_fading([framed]).apply(framed), framed)


def test_black_frames_among_a_films_do_not_count(faded):
    """A film's leader and its fades to black: the correction is the one of its pictures."""
    frames = [np.roll(faded, shift, axis=1) for shift in range(0, 400, 50)]
    black = np.full_like(faded, 16)
    fix, with_black = measure_fading(frames), measure_fading([black, *frames, black])
    assert fix.faded and with_black == fix
