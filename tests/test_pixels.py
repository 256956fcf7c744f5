"""16-bit pixels brought to 8 bits: every value rounded as x / 257, whatever the shape."""

import numpy as np
import pytest

from engine.pixels import to_8bit, to_rgb8


@pytest.mark.parametrize("shape", [(256, 256), (128, 256, 2), (64, 64, 16), (4, 64, 64, 4)])
def test_every_16_bit_value_is_rounded_to_the_nearest_8_bit_one(shape):
    values = np.arange(65536, dtype=np.uint16)
    pixels = np.resize(values, shape)
    expected = np.floor(pixels / 257 + 0.5).astype(np.uint8)  # no value is halfway
    np.testing.assert_array_equal(to_8bit(pixels), expected)
    eight = expected.astype(np.uint8)
    assert to_8bit(eight) is eight


def test_grey_and_a_view_come_out_as_8_bit_rgb():
    grey = np.arange(0, 65536, 257, dtype=np.uint16).reshape(16, 16)
    rgb = to_rgb8(grey)
    assert rgb.shape == (16, 16, 3) and rgb.flags.c_contiguous
    np.testing.assert_array_equal(rgb[..., 1], np.arange(256).reshape(16, 16))
    turned = np.dstack([grey, grey, grey])[:, ::-1]  # not contiguous
    np.testing.assert_array_equal(to_rgb8(turned), rgb[:, ::-1])
