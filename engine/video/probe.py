"""What a film file holds: its video stream's size, timing, aspect, colour and timecode, what
its fields hold if it is interlaced, the streams to copy unchanged (its sound, subtitles and
attached files), and whether all of its frames are really there."""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

import av
from av.stream import Disposition
from PIL import Image

from engine import dpx
from engine.errors import RekindleError
from engine.filestamp import FileStamp
from engine.icc import without_pillow_pixel_limit
from engine.video.deinterlace import stream_is_interlaced
from engine.video.fields import Fields, fields_of
from engine.video.sequence import (
    FilmInput,
    FrameSequence,
    SequenceGapError,
    open_sequence,
    sequence_rate,
)
from engine.words import Sentence, say

COPIED_TYPES = ("audio", "subtitle", "attachment")
"""The streams a restored film copies: its sound and subtitles, packet by packet, and the files
attached to it (the fonts a Matroska film's ASS subtitles are shown in), whole."""
STILL_PICTURES = Disposition.attached_pic | Disposition.still_image  # cover art, not the film
DEFAULT_RATE = Fraction(24)
TURN_TRIES = 64
"""Video packets decoded at most to meet the first picture, whose display matrix says how it
is turned."""
LIMITED_RANGE, FULL_RANGE = 1, 2  # AVColorRange: a film's levels, a picture's (every level)
SHORT_BY_FRAMES = 2
"""A film whose frame count is not stored is cut short when its packets end more than this
many frame durations before its stated duration (the last packet may not say how long it
lasts)."""


class VideoReadError(RekindleError):
    """A film file could not be read: missing, not a film, truncated or damaged."""


class UnreadableFrameError(VideoReadError, SequenceGapError):
    """A frame of a sequence is an empty file, or one whose header cannot be read (a copy cut
    short): moved away, it leaves a gap, which its sentence says to let through as a gap's
    does (``SequenceGapError``)."""


@dataclass(frozen=True)
class CopiedStream:
    """An audio or subtitle stream that goes into the output packet by packet, or a file
    attached to the film, which goes in whole (``COPIED_TYPES``)."""

    index: int
    type: str
    codec: str
    size: int = field(default=0, compare=False)  # bytes of its packets (an attachment's
    # data) in the file
    file_name: str = ""  # an attachment's

    def describe(self) -> Sentence:
        """The stream in words: "the audio stream (aac)", "the attachment (font.ttf)"."""
        codec = self.codec or say("unknown codec")
        if self.type == "audio":
            return say("the audio stream ({codec})", codec=codec)
        if self.type == "attachment":
            return say("the attachment ({file})", file=self.file_name or say("unnamed"))
        return say("the subtitle stream ({codec})", codec=codec)


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
    # every frame's stored time in presentation order, frame N at the N-th (None: some frame
    # has none, so frames can only be found by counting)
    times: tuple[int, ...] | None = field(default=None, compare=False, repr=False)
    # quarter turns, counterclockwise (numpy's rot90), that stand the stored pictures upright
    # as players show them (a phone's portrait film is stored on its side); width, height
    # and sample_aspect_ratio are the upright picture's
    turns: int = 0
    # the last frame's own length in time_base units, as stored (None: not stored)
    last_length: int | None = None
    # the numbered frames it is made of, for a film read from a frame sequence
    # (``probe_sequence``); None: a film file
    sequence: FrameSequence | None = field(default=None, compare=False, repr=False)
    # the SMPTE timecode of the film's first frame, as FFmpeg writes one ("01:00:00:00"): a
    # film file's video stream's (a MOV file's timecode track gives it one), else its file's;
    # a frame sequence's first frame's (a DPX scan's), which its stream's tags hold when it
    # is opened (``open_film``)
    timecode: str | None = None
    # the rate a frame sequence is read at where none is given (``sequence_rate``: its first
    # frame's, else 24), to tell a reading at a rate given from one at its own; None: a film
    # file's
    own_rate: Fraction | None = field(default=None, compare=False)

    @property
    def interlaced(self) -> bool:
        """Its frames hold two fields each (the stream says so, or they show it)."""
        return self.fields is not None

    @property
    def duration(self) -> float:
        """Seconds the film runs: from its first frame's stored time to the end of its last
        where the film has them (a variable frame rate's frames come unevenly), else its
        frames counted at the rate."""
        if self.times is None:
            return float(self.frames / self.rate)
        return float((self.times[-1] - self.times[0] + self.last_frame_ticks()) * self.time_base)

    def shown_at(self, index: int) -> float:
        """Seconds from the first frame to frame ``index``: its stored time where the film
        has them (a variable frame rate's frames come unevenly), else counted at the rate."""
        if self.times is None or not 0 <= index < len(self.times):
            return float(index / self.rate)
        return float((self.times[index] - self.times[0]) * self.time_base)

    def matches(self, source: str | os.PathLike) -> bool:
        """Whether ``source`` is still the film described: the file as it was read (its
        ``stamp``), or for a frame sequence, ``source`` its own and its frames as they were
        found (``FrameSequence.unchanged``)."""
        if self.sequence is None:
            return self.stamp.matches(source)
        return Path(source) == self.path and self.sequence.unchanged()

    def frame_number(self, index: int) -> int:
        """Frame ``index`` as people number it: a frame sequence's by its file's number, a
        film's counting from 1."""
        return self.sequence.numbers[index] if self.sequence is not None else index + 1

    def frame_ticks(self) -> int:
        """One frame's duration in ``time_base`` units (at least 1)."""
        return max(1, round(1 / (self.rate * self.time_base)))

    def last_frame_ticks(self) -> int:
        """The last frame's duration in ``time_base`` units: its own where the film stores
        it, else one frame's at the average rate."""
        return self.last_length or self.frame_ticks()


def open_input(path: Path) -> av.container.InputContainer:
    """Open a film for reading; a clear ``VideoReadError`` if it is missing or not a film."""
    if not path.is_file():
        raise VideoReadError(say("{name}: no such file", name=path.name))
    try:
        return av.open(str(path), "r")
    except (av.error.FFmpegError, UnicodeDecodeError) as error:
        raise VideoReadError(
            say(
                "{name}: not a film that can be read ({reason})",
                name=path.name,
                reason=ffmpeg_reason(error),
            )
        ) from None


def open_film(info: VideoInfo) -> FilmInput:
    """Open the film ``info`` describes for reading: its file, or the frames of its frame
    sequence (``open_sequence``); a clear ``VideoReadError`` where they cannot be opened."""
    if info.sequence is None:
        return open_input(info.path)
    return _opened_sequence(info.sequence, info.rate, info.timecode)


def _opened_sequence(
    sequence: FrameSequence, rate: Fraction, timecode: str | None = None
) -> FilmInput:
    """``open_sequence``, with a clear ``VideoReadError`` where FFmpeg cannot read the frames
    (the first of them damaged, or not a picture)."""
    try:
        return open_sequence(sequence, rate, timecode)
    except (av.error.FFmpegError, UnicodeDecodeError) as error:
        raise VideoReadError(
            say(
                "{name}: its frames cannot be read ({reason})",
                name=sequence.source.name,
                reason=ffmpeg_reason(error),
            )
        ) from None


def ffmpeg_reason(error: BaseException) -> str:
    """FFmpeg's message without the errno noise."""
    return getattr(error, "strerror", None) or str(error)


class _Demuxed(NamedTuple):
    """What one demux pass over a film finds (``_read_packets``)."""

    count: int  # video packets with data: the film's frames
    times: tuple[int, ...] | None  # their stored times in presentation order (None: not all)
    last_length: int | None  # the last frame's stored length (None: not stored)
    first: float  # seconds: the first packet of any stream
    last: float  # seconds: the end of the last packet of any stream
    turns: int  # quarter turns of the pictures (``_turns``)
    sizes: Counter[int]  # bytes of the packets of each stream, by index


def _read_packets(container: av.container.InputContainer, stream: av.VideoStream) -> _Demuxed:
    """How many video packets are really in the file, their stored times in presentation
    order, the last frame's length, when the packets of every stream start and end, and
    how far its pictures are turned, and the bytes of each stream's packets: one demux pass,
    decoding only until the first picture."""
    count, times, timed, turns = 0, [], True, None
    first, last = math.inf, -math.inf
    latest = (-math.inf, 0)  # the stored time and length of the frame shown last
    sizes: Counter[int] = Counter()
    for packet in container.demux():
        sizes[packet.stream.index] += packet.size
        if packet.pts is not None and packet.time_base:
            unit = float(packet.time_base)
            first = min(first, packet.pts * unit)
            last = max(last, (packet.pts + (packet.duration or 0)) * unit)
        if packet.size and packet.stream.index == stream.index:
            count += 1
            timed = timed and packet.pts is not None
            if timed:
                times.append(packet.pts)
                latest = max(latest, (packet.pts, packet.duration or 0))
            if turns is None:
                turns = _turns(packet) if count <= TURN_TRIES else 0
    return _Demuxed(
        count,
        tuple(sorted(times)) if timed else None,
        (latest[1] or None) if timed else None,
        first,
        last,
        turns or 0,
        sizes,
    )


def _turns(packet: av.Packet) -> int | None:
    """How many quarter turns counterclockwise players give the picture ``packet`` decodes
    to, as the film's display matrix says; None while the decoder holds it back, 0 when the
    packet cannot be decoded (the restore tells that damage)."""
    try:
        pictures = packet.decode()
    except av.error.FFmpegError:
        return 0
    return round(pictures[0].rotation / 90) % 4 if pictures else None


def _check_duration(
    path: Path, container: av.container.InputContainer, demuxed: _Demuxed, rate: Fraction
) -> None:
    """For a film whose frame count is not stored: raise ``VideoReadError`` when what its
    packets hold (of every stream, as the sound may run on past the pictures) ends well
    before the duration its container states.

    Some containers state the duration from the first packet (MPEG-TS, MP4), Matroska from
    time 0 (a broadcast's times start well after it), and with the sound's priming, which
    its demuxer takes off the sound's times: the packets fall short only when they fall
    short either way, counted from their first or from time 0, with that priming."""
    stated = (container.duration or 0) / av.time_base
    held = max(0.0, demuxed.last - demuxed.first, demuxed.last) + _priming(container)
    if held < stated - SHORT_BY_FRAMES / rate:
        raise VideoReadError(
            say(
                "{name}: the film is truncated: the file holds {frames} frames, "
                "{held:.2f} s of its {stated:.2f} s",
                name=path.name,
                frames=demuxed.count,
                held=held,
                stated=stated,
            )
        )


def _priming(container: av.container.InputContainer) -> float:
    """Seconds of the longest priming (the samples a decoder drops at the start) of the
    film's sound."""
    contexts = [stream.codec_context for stream in container.streams.audio]
    return max(
        (c.delay / c.sample_rate for c in contexts if c is not None and c.sample_rate),
        default=0.0,
    )


def probe(source: str | os.PathLike) -> VideoInfo:
    """Read a film's description and check that its frames are all there.

    Raises ``VideoReadError`` for a missing, unreadable, truncated or video-less file.
    """
    path = Path(source)
    with open_input(path) as container:
        films = [s for s in container.streams.video if not s.disposition & STILL_PICTURES]
        if not films:
            raise VideoReadError(say("{name}: the file has no video stream", name=path.name))
        if container.format.name.startswith("image2") or container.format.name.endswith("_pipe"):
            raise VideoReadError(
                say("{name}: a picture, not a film; restore it as a photo", name=path.name)
            )
        stream = films[0]
        context = stream.codec_context
        if context is None or not context.width or not context.height:
            raise VideoReadError(
                say("{name}: the video stream has no readable picture size", name=path.name)
            )
        claimed = stream.frames
        try:
            demuxed = _read_packets(container, stream)
        except av.error.FFmpegError as error:
            raise VideoReadError(
                say(
                    "{name}: the film is damaged ({reason})",
                    name=path.name,
                    reason=ffmpeg_reason(error),
                )
            ) from None
        counted, times = demuxed.count, demuxed.times
        copied = tuple(
            _copied(s, demuxed.sizes[s.index]) for s in container.streams if s.type in COPIED_TYPES
        )
        if counted == 0:
            raise VideoReadError(say("{name}: the video stream holds no frames", name=path.name))
        if claimed and counted < claimed:
            raise VideoReadError(
                say(
                    "{name}: the film is truncated: {counted} of its {claimed} frames are in "
                    "the file",
                    name=path.name,
                    counted=counted,
                    claimed=claimed,
                )
            )
        rate = Fraction(stream.average_rate or stream.guessed_rate or DEFAULT_RATE)
        if not claimed:
            _check_duration(path, container, demuxed, rate)
        time_base = stream.time_base or 1 / rate
        component = context.format.components[0] if context.format else None
        sar = stream.sample_aspect_ratio or context.sample_aspect_ratio  # container, codec
        sar = Fraction(sar) if sar and sar > 0 and sar != 1 else None
        width, height = context.width, context.height
        turns = demuxed.turns
        if turns % 2:
            width, height = height, width
            sar = 1 / sar if sar else None
        info = VideoInfo(
            path=path,
            video_index=stream.index,
            stamp=FileStamp.of(path),
            width=width,
            height=height,
            frames=counted,
            rate=rate,
            time_base=Fraction(time_base),
            sample_aspect_ratio=sar,
            color_range=context.color_range,
            colorspace=context.colorspace,
            color_primaries=context.color_primaries,
            color_trc=context.color_trc,
            bit_depth=component.bits if component else 8,
            pix_fmt=context.pix_fmt or "",
            codec=context.name,
            copied=copied,
            fields=fields_of(container, stream, times, stream_is_interlaced(stream)),
            times=times,
            turns=turns,
            last_length=demuxed.last_length,
            timecode=_timecode(container, stream),
        )
    return info


def _copied(stream: av.stream.Stream, size: int) -> CopiedStream:
    """The stream to copy, ``size`` bytes of its packets in the file; an attachment, of its
    data."""
    if isinstance(stream, av.stream.AttachmentStream):
        return CopiedStream(stream.index, stream.type, "", len(stream.data), stream.name or "")
    codec = stream.codec_context.name if stream.codec_context else ""
    return CopiedStream(stream.index, stream.type, codec, size)


def _timecode(container: av.container.InputContainer, stream: av.VideoStream) -> str | None:
    """The timecode of the film's first frame: its video stream's tag (Matroska's TIMECODE,
    a MOV file's timecode track's), else its file's; None where neither has one."""
    for tags in (stream.metadata, container.metadata):
        found = {key.lower(): value for key, value in tags.items()}.get("timecode")
        if found:
            return found
    return None


def probe_sequence(sequence: FrameSequence, rate: Fraction | None) -> VideoInfo:
    """What a frame sequence holds as a film at ``rate`` frames a second, or where it is None,
    at the rate its first frame states (a DPX scan's header), else 24 (``sequence_rate``): its
    first frame's size, samples and timecode, each frame at its number's time counted from the
    first (the frame before a gap held through it), no sound.

    Its frames are not read through (a 2K scan's run to terabytes), only each one's header,
    before any is decoded: a frame whose header cannot be read (an empty file, a copy cut
    short) raises ``UnreadableFrameError``, one of another size ``VideoReadError``. One whose
    pixels cannot be decoded is told, and filled in, as a film's damaged frame is, while it is
    restored. Raises ``VideoReadError`` where the first frame cannot be read.

    Its result is written in full range where its frames have 8 bits a sample (a picture's
    every level kept), in limited range where they have more: swscale, which takes those
    into 16-bit YUV, clips full range's top levels (white is 65283 to it), and limited range
    at 16 bits still has more levels than a 10- or 12-bit scan."""
    headers = [_frame_header(sequence.frame_file(number)) for number in sequence.numbers]
    _check_headers_read(sequence, headers)
    first = headers[0]
    own_rate = sequence_rate(None, first.rates if first else ())
    reading = own_rate if rate is None else rate
    timecode = first.timecode if first else None
    with _opened_sequence(sequence, reading, timecode) as container:
        stream = container.streams.video[0]
        context = stream.codec_context
        if context is None or not context.width or not context.height:
            raise VideoReadError(
                say("{name}: the frames have no readable picture size", name=sequence.source.name)
            )
        component = context.format.components[0] if context.format else None
        bit_depth = component.bits if component else 8
        time_base = Fraction(stream.time_base or 1 / reading)
        ticks = 1 / (reading * time_base)  # a frame's, in the stream's time base
        first_number = sequence.numbers[0]
        info = VideoInfo(
            path=sequence.source,
            video_index=stream.index,
            stamp=sequence.stamp,
            width=context.width,
            height=context.height,
            frames=len(sequence.numbers),
            rate=reading,
            time_base=time_base,
            sample_aspect_ratio=None,
            color_range=FULL_RANGE if bit_depth <= 8 else LIMITED_RANGE,
            colorspace=context.colorspace,
            color_primaries=context.color_primaries,
            color_trc=context.color_trc,
            bit_depth=bit_depth,
            pix_fmt=context.pix_fmt or "",
            codec=context.name,
            copied=(),
            times=tuple(round((number - first_number) * ticks) for number in sequence.numbers),
            last_length=max(1, round(ticks)),
            sequence=sequence,
            timecode=timecode,
            own_rate=own_rate,
        )
    _check_frame_sizes(info, headers)
    return info


def check_frame_size(info: VideoInfo, index: int, width: int, height: int) -> None:
    """Raise ``VideoReadError`` where frame ``index`` is ``width`` x ``height`` and the film's
    frames are another size (a frame of a sequence scanned again at another resolution): a
    film's frames are all one size."""
    if (width, height) == (info.width, info.height):
        return
    raise VideoReadError(
        say(
            "{name}: frame {number} is {width}x{height}, and the film's frames are "
            "{film_width}x{film_height}: all its frames must be one size",
            name=info.path.name,
            number=info.frame_number(index),
            width=width,
            height=height,
            film_width=info.width,
            film_height=info.height,
        )
    )


class _FrameHeader(NamedTuple):
    """What a frame's file header says: its picture's width and height, and a DPX scan's, the
    frame rates and timecode of the film scanned."""

    size: tuple[int, int]
    rates: tuple[float, ...] = ()
    timecode: str | None = None


def _frame_header(path: Path) -> _FrameHeader | None:
    """What the header of the frame at ``path`` says (DPX's, or one Pillow reads, which leaves
    the pixels unread); None where it cannot be read."""
    try:
        if path.suffix.lower() == ".dpx":
            header = dpx.header_in(path)
            size = header.size if header is not None else None
            return None if size is None else _FrameHeader(size, header.frame_rates, header.timecode)
        with without_pillow_pixel_limit(), Image.open(path) as picture:
            return _FrameHeader(picture.size)
    except Exception:  # Pillow parsing untrusted bytes can fail in any way
        return None


def _check_headers_read(sequence: FrameSequence, headers: list[_FrameHeader | None]) -> None:
    """Raise ``UnreadableFrameError`` for the first frame whose header (``headers``, in the
    frames' order) cannot be read, where any can: a kind of frame whose headers cannot be
    read here, though FFmpeg may decode it, is left to decoding to tell."""
    unread = [index for index, header in enumerate(headers) if header is None]
    if not unread or len(unread) == len(headers):
        return
    number = sequence.numbers[unread[0]]
    raise UnreadableFrameError(
        say(
            "{name}: frame {number} ({file}) is empty or cannot be read (copied only in "
            "part?); copy it again, or move it away and allow gaps",
            name=sequence.source.name,
            number=number,
            file=sequence.frame_file(number).name,
        )
    )


def _check_frame_sizes(info: VideoInfo, headers: list[_FrameHeader | None]) -> None:
    """``check_frame_size`` for each frame of the sequence by its header (``headers``, in the
    frames' order), before any is restored; a frame whose header cannot be read is told when
    it is decoded."""
    for index, header in enumerate(headers):
        if header is not None:
            check_frame_size(info, index, *header.size)
