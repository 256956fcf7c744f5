"""What an interlaced film's fields hold, so that its frames are made whole the right way.

A stream flagged interlaced carries each frame as two fields (its even and its odd lines),
and they may hold one of three things:

- ``VIDEO``: two moments a field apart (a video camera, a live broadcast). FFmpeg's bwdif
  makes each frame one picture from its fields and its neighbours (deinterlace.py).
- ``TELECINE``: a film's frames (24 a second) spread over 60 fields by 3:2 pulldown, as film
  was put on NTSC video and DVD: two frames in five are woven from two film frames. FFmpeg's
  fieldmatch pairs each field with the field of the same film frame again, so every frame
  comes out whole and as sharp as the film, one in five showing its film frame a second time
  (Smooth repeated frames makes it halfway to the next).
- ``WHOLE``: a film's frames each carried whole in two fields (2:2, film shown at 25 frames a
  second on PAL): the frames are already whole, and deinterlacing would only soften what
  moves, so they are kept as decoded.

FFmpeg's idet tells them apart frame by frame: a field repeated from the frame before (two in
five under 3:2 pulldown), or the frame's two fields seen as one moment (progressive) or as
two. A few stretches of the film are read; a film whose fields cannot be told apart (still
pictures, too few frames) is taken for video, the safe choice: bwdif leaves still pictures
as they are.
"""

from __future__ import annotations

from pathlib import Path

import av

VIDEO, TELECINE, WHOLE = "video", "telecine", "whole"
WINDOWS = 4  # stretches of the film read, evenly spread...
WINDOW_FRAMES = 40  # ...of this many frames each
REPEATED_SHARE = 0.2
"""A film with a field repeated on this share of its frames or more is telecined (3:2 pulldown
repeats one on two frames in five; video and 2:2 on none)."""
WHOLE_SHARE = 0.9
"""A film whose frames are seen as one moment this often, of those idet could tell...
"""
LEAST_TOLD = 20
"""...and of at least this many frames, carries whole frames (2:2)."""


def joining(fields: str, deinterlace: bool = True) -> str:
    """How a film whose fields hold ``fields`` ("" for a progressive stream) has its frames
    made whole: ``VIDEO`` (bwdif), ``TELECINE`` (fieldmatch) or "" (kept as decoded: not
    interlaced, whole frames, or ``deinterlace`` off)."""
    return fields if deinterlace and fields in (VIDEO, TELECINE) else ""


def fields_of(path: Path, stream_index: int, times: list[int] | None) -> str:
    """What the fields of the interlaced stream ``stream_index`` of the film at ``path`` hold:
    ``VIDEO``, ``TELECINE`` or ``WHOLE``. ``times``: its frames' stored times in order (from
    ``probe.scan``), to read stretches spread over it; None reads from its start."""
    counts = {"repeated": 0, "progressive": 0, "told": 0, "frames": 0}
    with av.open(str(path)) as container:
        stream = container.streams[stream_index]
        for start in _starts(times):
            if start is not None:
                container.seek(start, stream=stream, backward=True, any_frame=False)
            _count(container, stream, counts)
    if counts["repeated"] >= REPEATED_SHARE * counts["frames"] > 0:
        return TELECINE
    told = counts["told"]
    if told >= LEAST_TOLD and counts["progressive"] >= WHOLE_SHARE * told:
        return WHOLE
    return VIDEO


def _starts(times: list[int] | None) -> list[int | None]:
    """Where the stretches read start (stored times to seek to; None: the film's start)."""
    if times is None or len(times) <= WINDOWS * WINDOW_FRAMES:
        return [None]
    return [times[len(times) * part // WINDOWS] for part in range(WINDOWS)]


def _count(container: av.container.InputContainer, stream: av.VideoStream, counts: dict) -> None:
    """Add idet's verdicts on the next ``WINDOW_FRAMES`` frames to ``counts``."""
    graph = av.filter.Graph()
    source = graph.add_buffer(template=stream)
    idet = graph.add("idet")
    sink = graph.add("buffersink")
    source.link_to(idet)
    idet.link_to(sink)
    graph.configure()
    for pushed, frame in enumerate(container.decode(stream), start=1):
        graph.push(frame)
        while True:
            try:
                said = graph.pull().metadata
            except (av.error.BlockingIOError, av.error.EOFError):
                break
            counts["frames"] += 1
            counts["repeated"] += said.get("lavfi.idet.repeated.current_frame") in ("top", "bottom")
            moment = said.get("lavfi.idet.multiple.current_frame")
            counts["told"] += moment in ("tff", "bff", "progressive")
            counts["progressive"] += moment == "progressive"
        if pushed >= WINDOW_FRAMES:
            return
