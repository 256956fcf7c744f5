"""Deinterlacing: an interlaced frame holds two fields taken a field apart in time, which an
enlarging model would turn into wide combs on anything that moves. FFmpeg's bwdif rebuilds
each frame as one whole picture from its fields and its neighbours; it gives one picture per
frame, so the film keeps its frame count and times (and resuming keeps working).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

import av

INTERLACED_FIELD_ORDERS = frozenset({2, 3, 4, 5})
"""AVFieldOrder values of interlaced streams: TT, BB, TB, BT (0 unknown, 1 progressive)."""
BWDIF = "mode=send_frame:parity=auto:deint=interlaced"
"""One picture per frame; field order from each frame; frames not flagged interlaced pass."""


def stream_is_interlaced(stream: av.VideoStream) -> bool:
    context = stream.codec_context
    return context is not None and context.field_order in INTERLACED_FIELD_ORDERS


def deinterlaced(
    frames: Iterable[av.VideoFrame], stream: av.VideoStream
) -> Iterator[tuple[av.VideoFrame, av.VideoFrame]]:
    """Each decoded frame with its deinterlaced picture, in order. The picture of a frame
    comes once the next frame is decoded (bwdif looks one frame ahead); it carries the
    frame's colour tags, which the filter does not pass on."""
    graph = av.filter.Graph()
    source = graph.add_buffer(template=stream)
    bwdif = graph.add("bwdif", BWDIF)
    sink = graph.add("buffersink")
    source.link_to(bwdif)
    bwdif.link_to(sink)
    graph.configure()
    waiting: deque[av.VideoFrame] = deque()

    def ready() -> Iterator[tuple[av.VideoFrame, av.VideoFrame]]:
        while waiting:
            try:
                picture = graph.pull()
            except (av.error.BlockingIOError, av.error.EOFError):
                return
            frame = waiting.popleft()
            picture.colorspace, picture.color_range = frame.colorspace, frame.color_range
            yield frame, picture

    for frame in frames:
        waiting.append(frame)
        graph.push(frame)
        yield from ready()
    graph.push(None)
    yield from ready()
