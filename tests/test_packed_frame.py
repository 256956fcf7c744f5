"""Frames filled through a view of their plane (``engine.packed_frame``) hold the very samples
PyAV's ``from_ndarray`` puts in: every packed format Rekindle writes, odd widths (rows padded
in the plane), samples not contiguous in memory."""

import av
import numpy as np
import pytest

from engine.packed_frame import packed_frame

FORMATS = [
    ("gray", np.uint8, 1),
    ("rgb24", np.uint8, 3),
    ("rgba", np.uint8, 4),
    ("gray16le", np.uint16, 1),
    ("rgb48le", np.uint16, 3),
    ("rgba64le", np.uint16, 4),
]


@pytest.mark.parametrize(("pixel_format", "dtype", "channels"), FORMATS)
@pytest.mark.parametrize("width", [1, 37, 64])
def test_a_packed_frame_holds_what_from_ndarray_puts_in(pixel_format, dtype, channels, width):
    rng = np.random.default_rng(width)
    shape = (23, width) if channels == 1 else (23, width, channels)
    samples = rng.integers(0, np.iinfo(dtype).max, shape, dtype=dtype, endpoint=True)
    made = packed_frame(samples, pixel_format)
    expected = av.VideoFrame.from_ndarray(samples, format=pixel_format)
    assert (made.width, made.height, made.format.name) == (width, 23, pixel_format)
    assert np.array_equal(made.to_ndarray(), expected.to_ndarray())


def test_samples_not_contiguous_are_taken_as_they_are_seen():
    rng = np.random.default_rng(1)
    wide = rng.integers(0, 65535, (30, 80, 3), dtype=np.uint16)
    samples = wide[::2, 5:41]  # every other row, a middle part of each
    assert not samples.flags.c_contiguous
    made = packed_frame(samples, "rgb48le")
    assert np.array_equal(made.to_ndarray(), samples)
