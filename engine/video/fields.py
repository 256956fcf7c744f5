"""What a film's fields hold, so that its frames are made whole the right way.

An interlaced frame is two fields (its even and its odd lines), and they may hold one of
three things:

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

A stream says whether it is interlaced, but a capture of a tape or a DVD is often saved as
progressive with its fields still woven into each frame, so every film is looked at. FFmpeg's
idet tells, frame by frame, whether a field repeats the frame before's (two frames in five
under 3:2 pulldown) and whether the two fields show one moment (progressive) or two (and
which comes first). Four stretches of the film are read. A stream flagged interlaced whose
fields cannot be told apart (still pictures, too few frames) is taken for video, the safe
choice: bwdif leaves still pictures as they are; one not flagged is taken for progressive
unless its frames clearly show two moments.

With deinterlacing off, an interlaced film keeps its fields: each is enlarged as a picture of
its own and the two are woven into one frame again (``keeping``), so that no field of the
result holds the other's moment.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from engine.filestamp import FileStamp

VIDEO, TELECINE, WHOLE = "video", "telecine", "whole"
WINDOWS = 4  # stretches of the film read, evenly spread...
WINDOW_FRAMES = 40  # ...of this many frames each
REPEATED_SHARE = 0.2
"""A film with a field repeated on this share of its frames or more is telecined (3:2 pulldown
repeats one on two frames in five; video and 2:2 on none)."""
LEAST_TOLD = 20
"""Frames idet must tell one moment or two on before the share of each is trusted..."""
WHOLE_SHARE = 0.9
"""...and a film flagged interlaced whose frames show one moment this often carries whole
frames (2:2);"""
WOVEN_SHARE = 0.8
"""a film not flagged interlaced whose frames show two moments this often is video."""
WOVEN_MOST_LINES = 1088
"""A film not flagged interlaced and taller than this is not looked at: no video standard
interlaces more than 1080 lines, and reading a 4K film's frames would cost seconds."""


@dataclass(frozen=True)
class Fields:
    """What a film's fields hold (``VIDEO``, ``TELECINE`` or ``WHOLE``), and which is shown
    first: "tff" or "bff" as idet saw them, or "" where the stream says (one flagged
    interlaced)."""

    kind: str
    order: str = ""


def joining(fields: Fields | None, deinterlace: bool = True) -> Fields | None:
    """How a film whose fields hold ``fields`` (None: a progressive film) has its frames made
    whole: ``fields`` where they are ``VIDEO`` or ``TELECINE``, None where the frames are kept
    as decoded (progressive, whole frames, or ``deinterlace`` off)."""
    if deinterlace and fields is not None and fields.kind in (VIDEO, TELECINE):
        return fields
    return None


def keeping(fields: Fields | None, deinterlace: bool = True) -> Fields | None:
    """The fields of a film whose fields hold ``fields`` (None: a progressive film) where
    they are kept as they are, ``deinterlace`` off: each enlarged on its own (``split``,
    ``woven``), the film staying interlaced; None where its frames are enlarged whole."""
    return fields if not deinterlace else None


def split(frame: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A frame's top field (its even rows) and its bottom field (its odd rows), each a picture
    of its own; the bottom field of a frame of an odd number of rows gets its last row again,
    so that both are as tall (the model takes them in one batch)."""
    top, bottom = frame[0::2], frame[1::2]
    missing = len(top) - len(bottom)
    if missing:
        bottom = np.pad(bottom, [(0, missing)] + [(0, 0)] * (bottom.ndim - 1), mode="edge")
    return top, bottom


def woven(top: np.ndarray, bottom: np.ndarray, height: int) -> np.ndarray:
    """The frame of ``height`` rows whose even rows are the field ``top`` and whose odd rows
    are the field ``bottom`` (the fields ``split`` gives, each enlarged on its own)."""
    frame = np.empty((len(top) + len(bottom), *top.shape[1:]), top.dtype)
    frame[0::2], frame[1::2] = top, bottom
    return frame[:height]


def fields_of(
    container: av.container.InputContainer,
    stream: av.VideoStream,
    times: Sequence[int] | None,
    flagged: bool,
) -> Fields | None:
    """What the fields of ``stream`` of the open film ``container`` hold (None: it is
    progressive); ``flagged``: the stream says it is interlaced. ``times``: its frames' stored
    times in order (``probe.scan``'s), to read stretches spread over it; None reads from its
    start. Measured once for each file as it is (``FileStamp``); the container is left
    wherever reading stopped."""
    if not flagged and stream.codec_context.height > WOVEN_MOST_LINES:
        return None
    if times is None:
        starts: tuple[int | None, ...] = (None,)
    elif len(times) <= WINDOWS * WINDOW_FRAMES:
        starts = (times[0],)
    else:
        starts = tuple(times[len(times) * part // WINDOWS] for part in range(WINDOWS))
    path = Path(container.name)
    key = (path, FileStamp.of(path), stream.index, starts, flagged)
    with _SEEN_LOCK:
        if key not in _SEEN:
            if len(_SEEN) >= REMEMBERED:
                _SEEN.pop(next(iter(_SEEN)))
            _SEEN[key] = _seen(container, stream, starts, flagged)
        return _SEEN[key]


REMEMBERED = 64  # films whose fields are remembered (a film is read by several parts of the app)
_SEEN: dict[tuple, Fields | None] = {}
_SEEN_LOCK = threading.Lock()


def _seen(
    container: av.container.InputContainer,
    stream: av.VideoStream,
    starts: tuple[int | None, ...],
    flagged: bool,
) -> Fields | None:
    if stream.format is None:  # no picture of it could be read: decoding says why
        return None
    counts = dict.fromkeys(("frames", "repeated", "tff", "bff", "progressive"), 0)
    for start in starts:
        try:
            if start is None:
                container.seek(0)
            else:
                container.seek(start, stream=stream, backward=True, any_frame=False)
            _count(container, stream, counts)
        except av.error.FFmpegError:
            continue  # damaged there: the frames told elsewhere decide (decoding says why)
    woven = counts["tff"] + counts["bff"]
    told = woven + counts["progressive"]
    order = "" if flagged else ("bff" if counts["bff"] > counts["tff"] else "tff")
    if counts["repeated"] >= REPEATED_SHARE * counts["frames"] > 0:
        return Fields(TELECINE, order)
    if flagged:
        whole = told >= LEAST_TOLD and counts["progressive"] >= WHOLE_SHARE * told
        return Fields(WHOLE if whole else VIDEO)
    if told >= LEAST_TOLD and woven >= WOVEN_SHARE * told:
        return Fields(VIDEO, order)
    return None


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
            if moment in ("tff", "bff", "progressive"):
                counts[moment] += 1
        if pushed >= WINDOW_FRAMES:
            return
