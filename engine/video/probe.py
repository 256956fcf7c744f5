"""What a film file holds: its video stream's size, timing, aspect and colour, what its fields
hold if it is interlaced, the streams to copy unchanged, and whether all of its frames are
really there."""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
from av.stream import Disposition

from engine.errors import RekindleError
from engine.filestamp import FileStamp
from engine.video.deinterlace import stream_is_interlaced
from engine.video.fields import Fields, fields_of

COPIED_TYPES = ("audio", "subtitle")
STILL_PICTURES = Disposition.attached_pic | Disposition.still_image  # cover art, not the film
DEFAULT_RATE = Fraction(24)


class VideoReadError(RekindleError):
    """A film file could not be read: missing, not a film, truncated or damaged."""


@dataclass(frozen=True)
class CopiedStream:
    """An audio or subtitle stream that goes into the output packet by packet."""

    index: int
    type: str
    codec: str


@dataclass(frozen=True)
class VideoInfo:
    path: Path
    video_index: int  # the film's stream (not cover art)
    stamp: FileStamp  # the file as it was read
    width: int
    height: int
    frames: int  # video packets in the file: the frames to restore
    rate: Fraction  # average frame rate
    time_base: Fraction
    sample_aspect_ratio: Fraction | None  # None: square pixels / unknown
    color_range: int  # AVColorRange of the stream (0 unspecified, 1 limited, 2 full)
    colorspace: int  # AVColorSpace (the YUV matrix)
    color_primaries: int
    color_trc: int
    bit_depth: int
    pix_fmt: str
    codec: str
    copied: tuple[CopiedStream, ...]
    fields: Fields | None = None  # what its frames' two fields hold; None: progressive

    @property
    def interlaced(self) -> bool:
        """Its frames hold two fields each (the stream says so, or they show it)."""
        return self.fields is not None

    @property
    def duration(self) -> float:
        return float(self.frames / self.rate)

    def frame_ticks(self) -> int:
        """One frame's duration in ``time_base`` units (at least 1)."""
        return max(1, round(1 / (self.rate * self.time_base)))


def open_input(path: Path) -> av.container.InputContainer:
    """Open a film for reading; a clear ``VideoReadError`` if it is missing or not a film."""
    if not path.is_file():
        raise VideoReadError(f"{path.name}: no such file")
    try:
        return av.open(str(path), "r")
    except (av.error.FFmpegError, UnicodeDecodeError) as error:
        reason = ffmpeg_reason(error)
        raise VideoReadError(f"{path.name}: not a film that can be read ({reason})") from None


def ffmpeg_reason(error: BaseException) -> str:
    """FFmpeg's message without the errno noise."""
    return getattr(error, "strerror", None) or str(error)


def _packet_times(
    container: av.container.InputContainer, stream: av.VideoStream
) -> tuple[int, list[int] | None]:
    """How many video packets are really in the file, and their stored times in presentation
    order (None when some packet has none): one demux pass, no decoding."""
    count, times, timed = 0, [], True
    for packet in container.demux(stream):
        if packet.size:
            count += 1
            timed = timed and packet.pts is not None
            if timed:
                times.append(packet.pts)
    return count, sorted(times) if timed else None


def probe(source: str | os.PathLike) -> VideoInfo:
    """Read a film's description and check that its frames are all there.

    Raises ``VideoReadError`` for a missing, unreadable, truncated or video-less file.
    """
    return scan(source)[0]


def scan(source: str | os.PathLike) -> tuple[VideoInfo, list[int] | None]:
    """``probe``, and every frame's stored time in presentation order from the same pass
    (None when some frame has no time, so frames can only be found by counting)."""
    path = Path(source)
    with open_input(path) as container:
        films = [s for s in container.streams.video if not s.disposition & STILL_PICTURES]
        if not films:
            raise VideoReadError(f"{path.name}: the file has no video stream")
        if container.format.name.startswith("image2") or container.format.name.endswith("_pipe"):
            raise VideoReadError(f"{path.name}: a picture, not a film; restore it as a photo")
        stream = films[0]
        context = stream.codec_context
        if context is None or not context.width or not context.height:
            raise VideoReadError(f"{path.name}: the video stream has no readable picture size")
        copied = tuple(
            CopiedStream(s.index, s.type, s.codec_context.name if s.codec_context else "")
            for s in container.streams
            if s.type in COPIED_TYPES
        )
        claimed = stream.frames
        try:
            counted, times = _packet_times(container, stream)
        except av.error.FFmpegError as error:
            reason = ffmpeg_reason(error)
            raise VideoReadError(f"{path.name}: the film is damaged ({reason})") from None
        if counted == 0:
            raise VideoReadError(f"{path.name}: the video stream holds no frames")
        if claimed and counted < claimed:
            raise VideoReadError(
                f"{path.name}: the film is truncated: {counted} of its {claimed} frames are in "
                f"the file"
            )
        rate = stream.average_rate or stream.guessed_rate or DEFAULT_RATE
        time_base = stream.time_base or 1 / rate
        component = context.format.components[0] if context.format else None
        sar = stream.sample_aspect_ratio or context.sample_aspect_ratio  # container, codec
        info = VideoInfo(
            path=path,
            video_index=stream.index,
            stamp=FileStamp.of(path),
            width=context.width,
            height=context.height,
            frames=counted,
            rate=Fraction(rate),
            time_base=Fraction(time_base),
            sample_aspect_ratio=Fraction(sar) if sar and sar > 0 and sar != 1 else None,
            color_range=context.color_range,
            colorspace=context.colorspace,
            color_primaries=context.color_primaries,
            color_trc=context.color_trc,
            bit_depth=component.bits if component else 8,
            pix_fmt=context.pix_fmt or "",
            codec=context.name,
            copied=copied,
            fields=fields_of(container, stream, times, stream_is_interlaced(stream)),
        )
    return info, times
