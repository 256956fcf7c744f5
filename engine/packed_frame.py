"""FFmpeg frames of a packed pixel format (one plane: gray, rgb24, rgb48le, rgba64le...) filled
from numpy samples through a view of their plane. numpy's copy lets other threads run, where
PyAV's ``VideoFrame.from_ndarray`` copies twice holding Python's lock: 0.7 s for an 8K frame
of 16-bit samples, in which the app's window, drawing on another thread, cannot."""

from __future__ import annotations

import av
import numpy as np


def packed_frame(samples: np.ndarray, pixel_format: str) -> av.VideoFrame:
    """A frame of ``pixel_format`` (packed, little-endian where deeper than 8 bits) holding
    ``samples``, height x width, or height x width x channels in the format's order."""
    height, width = samples.shape[:2]
    frame = av.VideoFrame(width, height, pixel_format)
    plane = np.frombuffer(frame.planes[0], samples.dtype.newbyteorder("<"))
    rows = plane.reshape(height, -1)
    rows[:, : samples[0].size] = samples.reshape(height, -1)
    return frame
