"""Making an interlaced film's frames whole: a frame woven from two fields of different
moments would come out of an enlarging model with wide combs on anything that moves. Fields a
field apart in time (video) are joined by FFmpeg's bwdif, which rebuilds each frame as one
picture from its fields and its neighbours; a telecined film's fields are paired again with
those of the same film frame by FFmpeg's fieldmatch (fields.py says which). Both give one
picture per frame, made from the frame and its two neighbours, so the film keeps its frame
count and times (and resuming keeps working).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

import av

from engine.video.fields import TELECINE, Fields

INTERLACED_FIELD_ORDERS = frozenset({2, 3, 4, 5})
"""AVFieldOrder values of interlaced streams: TT, BB, TB, BT (0 unknown, 1 progressive)."""
BOTTOM_FIRST = frozenset({3, 4})
"""AVFieldOrder values whose bottom field is shown first: BB, TB."""
FLAGGED_BWDIF = "mode=send_frame:parity={order}:deint=interlaced"
"""One picture per frame, frames flagged progressive passed (a stream flagged interlaced may
hold some)."""
SEEN_BWDIF = "mode=send_frame:parity={order}:deint=all"
"""For fields seen woven into frames flagged progressive: every frame."""
FIELDMATCH = "order={order}:combmatch=none"
"""One picture per frame. fieldmatch pairs fields by how well they fit and is not asked to
find combs: its comb test takes fine horizontal lines (brickwork, a striped shirt) for
combing. Both filters are told the field order, the stream's or the one seen: they misread
the decoded frames' own flags, taking top-first fields for bottom-first."""


def stream_is_interlaced(stream: av.VideoStream) -> bool:
    context = stream.codec_context
    return context is not None and context.field_order in INTERLACED_FIELD_ORDERS


def made_whole(
    frames: Iterable[av.VideoFrame], stream: av.VideoStream, fields: Fields
) -> Iterator[tuple[av.VideoFrame, av.VideoFrame]]:
    """Each decoded frame with its picture made whole as ``fields`` (``VIDEO`` or
    ``TELECINE``) says, in order. The picture of a frame comes once the next frame is decoded
    (both filters look one frame ahead); it carries the frame's colour tags, which the filters
    do not pass on."""
    graph = av.filter.Graph()
    source = graph.add_buffer(template=stream)
    order = fields.order or ("bff" if stream.codec_context.field_order in BOTTOM_FIRST else "tff")
    if fields.kind == TELECINE:
        joiner = graph.add("fieldmatch", FIELDMATCH.format(order=order))
    else:
        joiner = graph.add(
            "bwdif", (SEEN_BWDIF if fields.order else FLAGGED_BWDIF).format(order=order)
        )
    sink = graph.add("buffersink")
    source.link_to(joiner)
    joiner.link_to(sink)
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
