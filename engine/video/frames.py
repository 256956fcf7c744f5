"""Frames in and out of FFmpeg: decoding to RGB arrays (from any frame on, for resuming) and
turning restored RGB arrays back into YUV frames in the source's colour matrix and range."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

import av
import numpy as np

from engine.video.deinterlace import made_whole
from engine.video.fields import Fields, joining
from engine.video.probe import (
    VideoInfo,
    VideoReadError,
    ffmpeg_reason,
    open_input,
)
from engine.words import say

AVCOL_SPC_SMPTE170M = 6  # BT.601: what FFmpeg assumes for a stream that does not say
SWS_COLORSPACES = {1: 1, 4: 4, 5: 5, 6: 5, 7: 7, 9: 9, 10: 9}
"""AVColorSpace (the tag on a frame) -> SWS_CS_* (the matrix swscale converts with)."""
SWS_DEFAULT = 5


@dataclass
class Frame:
    """One decoded frame: where it is in the film and its RGB pixels (uint8, or uint16 for
    sources of more than 8 bits)."""

    index: int
    pts: int  # in the source's time base, made strictly increasing
    raw_pts: int | None  # its stored time (VideoInfo.times), or the decoder's where not known
    pixels: np.ndarray
    damaged: bool = False  # its data was damaged; the decoder filled in what it could
    source: np.ndarray | None = None  # the pixels as decoded, where ``pixels`` were cleaned


def rgb_format(info: VideoInfo) -> str:
    return "rgb48le" if info.bit_depth > 8 else "rgb24"


def output_colorspace(info: VideoInfo) -> int:
    """The matrix the output is converted with and tagged as: the source's, or BT.601 (what
    the source was read as) when the source does not say or is RGB."""
    if info.colorspace in SWS_COLORSPACES:
        return info.colorspace
    return AVCOL_SPC_SMPTE170M


class _Timestamps:
    """Makes presentation times strictly increasing: a frame without one, or with one not
    after the previous frame's, is placed one frame duration after the previous frame."""

    def __init__(self, ticks: int, last: int | None = None) -> None:
        self.ticks = ticks
        self.last = last

    def next(self, raw: int | None) -> int:
        if raw is None or (self.last is not None and raw <= self.last):
            pts = 0 if self.last is None else self.last + self.ticks
        else:
            pts = raw
        self.last = pts
        return pts


def output_times(info: VideoInfo, stored: Sequence[int]) -> list[int]:
    """The times ``decode_frames`` gives the frames whose stored times are ``stored`` (in
    presentation order): where a frame must be sought without decoding the film."""
    timestamps = _Timestamps(info.frame_ticks())
    return [timestamps.next(raw) for raw in stored]


def before_frame(info: VideoInfo, index: int) -> tuple[int, int] | None:
    """The output and stored time of the frame before frame ``index``, for ``decode_frames``
    to seek to frame ``index``; None for the first frame or a film whose frames' stored
    times are not all known."""
    stored = info.times
    if index == 0 or stored is None:
        return None
    return output_times(info, stored[:index])[-1], stored[index - 1]


def decode_frames(
    info: VideoInfo,
    start: int = 0,
    after_pts: int | None = None,
    after_raw_pts: int | None = None,
    deinterlace: bool = True,
    keyframe_pts: int | None = None,
) -> Iterator[Frame]:
    """The film's frames from index ``start`` on, as RGB arrays; an interlaced film's made
    whole (see ``deinterlace.py``) unless ``deinterlace`` is False.

    Frame N is the N-th picture the decoder gives (it gives them in presentation order), at
    the N-th of the film's stored times (``VideoInfo.times``): the times the decoder gives
    are those of the packets the pictures came from, out of order where a file stores none
    for pictures shown out of decoding order (an AVI file with B-frames).

    To resume, ``after_pts`` and ``after_raw_pts`` are the times of frame ``start - 1``; the
    reader seeks to the keyframe before it instead of decoding from the beginning, and falls
    back to counting frames from the beginning when the seek does not land where it must
    (or cannot: some frame's stored time is not known).
    When frame ``start`` is itself a keyframe whose picture needs no frame before it (no
    deinterlacing), ``keyframe_pts``, its stored time, lets the reader start right there.
    Raises ``VideoReadError`` for damaged data or a film that ends early.
    """
    joined = joining(info.fields, deinterlace)
    if start and after_pts is not None and after_raw_pts is not None and info.times is not None:
        target = keyframe_pts if keyframe_pts is not None and joined is None else after_raw_pts
        resumed = _decode_after(info, start, after_pts, target, joined)
        first = next(resumed, None)
        if first is not None:
            yield first
            yield from resumed
            return
    yield from _decode_from_beginning(info, start, joined)


def _open_frames(
    info: VideoInfo,
    stream: av.VideoStream,
    packets: Iterable[av.Packet],
    joined: Fields | None,
) -> Iterator[tuple[av.VideoFrame, av.VideoFrame]]:
    """Each frame decoded from ``packets`` (of ``stream``) with its picture: the frame
    itself, or made whole as ``joined`` (``fields.joining``) says."""
    stream.thread_type = "AUTO"
    try:
        decoded = (frame for packet in packets for frame in packet.decode())
        if joined is not None:
            yield from made_whole(decoded, stream, joined)
        else:
            yield from ((frame, frame) for frame in decoded)
    except av.error.FFmpegError as error:
        raise VideoReadError(
            say(
                "{name}: the film is damaged ({reason})",
                name=info.path.name,
                reason=ffmpeg_reason(error),
            )
        ) from None


def _stored_time(info: VideoInfo, index: int, frame: av.VideoFrame) -> int | None:
    """Frame ``index``'s stored time: the film's, or the decoder's where those are not known."""
    times = info.times
    return times[index] if times is not None and index < len(times) else frame.pts


def _decode_from_beginning(info: VideoInfo, start: int, joined: Fields | None) -> Iterator[Frame]:
    timestamps = _Timestamps(info.frame_ticks())
    index = 0
    with open_input(info.path) as container:
        stream = container.streams[info.video_index]
        for frame, picture in _open_frames(info, stream, container.demux(stream), joined):
            raw = _stored_time(info, index, frame)
            pts = timestamps.next(raw)
            if index >= start:
                yield Frame(index, pts, raw, _to_rgb(picture, info), frame.is_corrupt)
            index += 1
    _check_complete(info, index)


def _frame_at(times: Sequence[int], pts: int | None) -> int | None:
    """The index of the one frame whose stored time (among ``times``) is ``pts``; None when
    no frame has it, or several."""
    if pts is None:
        return None
    index = bisect.bisect_left(times, pts)
    return index if bisect.bisect_right(times, pts) == index + 1 else None


def _decode_after(
    info: VideoInfo,
    start: int,
    after_pts: int,
    target: int,
    joined: Fields | None,
) -> Iterator[Frame]:
    """Frames from ``start`` on, decoded from the keyframe the seek to stored time ``target``
    finds: that keyframe is frame N, N being its stored time's place among the film's, and
    the pictures after its own are frames N + 1, N + 2... It must not come after frame
    ``start``, nor be frame ``start`` when its picture is made whole from the one before it
    (``joined``); otherwise, or when its picture is not met before any shown after it (an
    open group's leading pictures, shown before it, are decoded and left out), this yields
    nothing and the caller decodes from the beginning."""
    times = info.times
    timestamps = _Timestamps(info.frame_ticks(), after_pts)
    with open_input(info.path) as container:
        stream = container.streams[info.video_index]
        try:
            container.seek(target, stream=stream, backward=True, any_frame=False)
            packets = container.demux(stream)
            keyframe = next((packet for packet in packets if packet.size), None)
        except av.error.FFmpegError:
            return
        index = _frame_at(times, keyframe.pts) if keyframe is not None else None
        if index is None or index > start or (index == start and joined is not None):
            return
        found = False
        for frame, picture in _open_frames(info, stream, chain([keyframe], packets), joined):
            if not found:
                if frame.pts is None or frame.pts > keyframe.pts:
                    return
                found = frame.pts == keyframe.pts
                if not found:
                    continue
            if index >= start:
                raw = _stored_time(info, index, frame)
                yield Frame(
                    index, timestamps.next(raw), raw, _to_rgb(picture, info), frame.is_corrupt
                )
            index += 1
    if found:
        _check_complete(info, index)


def _check_complete(info: VideoInfo, decoded: int) -> None:
    if decoded < info.frames:
        raise VideoReadError(
            say(
                "{name}: the film ends early: {decoded} of its {frames} frames could be decoded "
                "(the file is truncated or damaged)",
                name=info.path.name,
                decoded=decoded,
                frames=info.frames,
            )
        )


def _to_rgb(frame: av.VideoFrame, info: VideoInfo) -> np.ndarray:
    """RGB pixels read with the frame's own matrix and range, upright as players show them."""
    pixels = frame.to_ndarray(format=rgb_format(info))
    return np.ascontiguousarray(np.rot90(pixels, info.turns)) if info.turns else pixels


def to_video_frame(
    pixels: np.ndarray, pix_fmt: str, colorspace: int, color_range: int, pts: int
) -> av.VideoFrame:
    """A frame in ``pix_fmt`` from RGB pixels, converted with and tagged by ``colorspace``
    (an AVColorSpace) and ``color_range`` (an AVColorRange; unspecified converts as limited)."""
    rgb = av.VideoFrame.from_ndarray(
        np.ascontiguousarray(pixels), format="rgb48le" if pixels.dtype == np.uint16 else "rgb24"
    )
    frame = rgb.reformat(
        format=pix_fmt,
        dst_colorspace=SWS_COLORSPACES.get(colorspace, SWS_DEFAULT),
        dst_color_range=color_range or None,
    )
    frame.colorspace = colorspace
    frame.color_range = color_range
    frame.pts = pts
    return frame
