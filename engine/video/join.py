"""The final film: the segments' video packets remuxed one after another with their exact
times, interleaved by time with the source's audio and subtitle packets, copied unchanged, or
(sound the output's container cannot take as it is) converted to PCM. It keeps the source's
chapters, titles and times: its frames keep the source's count and times (a restore neither
cuts the film nor changes its rate), so each chapter starts on the same frame. Chapters that
start after its last frame are left out, and one that runs on past it is cut there; a chapter
table that cannot be read, or that the output's container refuses, is left out whole, as
``chapter_notes`` says. The files attached to the source (the fonts of its subtitles) go in
whole where the container holds them (Matroska), else are left out, as ``attachment_notes``
says. Its comment says that Rekindle made it, and from which film
(``source_record``), so that a run again tells it from the result of another film of the
same name.

A span of the film (``FilmSpan``) becomes a film of its own that starts at time 0 (``_Cut``):
its frames, and the stretch of the source's clock they are shown through, moved back as
one, so its sound keeps in sync. Its sound never starts after its first frame nor ends
before its last ends (``_SoundCut``): PCM sound is cut to the sample at both edges, as WAV
beside numbered frames is (``frame_files``); compressed sound, which cannot be cut inside a
packet, keeps every packet that overlaps the stretch and the one before it, which primes the
decoder and which the container's edit list (MP4, MOV) or codec delay (Matroska) leaves
unplayed. A subtitle or a chapter that runs across an edge is cut there; the timecode tags
are counted on to the span's first frame (``engine.dpx.timecode_after``)."""

from __future__ import annotations

import heapq
import io
import itertools
import math
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from engine.dpx import timecode_after
from engine.errors import RekindleError, plain_reason
from engine.progress import Progress
from engine.provenance import (
    SOFTWARE_NAME,
    SourceRecord,
    recorded_in,
    software,
    source_record,
)
from engine.video.codecs import CONTAINERS, VideoCodec
from engine.video.deinterlace import stream_is_interlaced
from engine.video.probe import CopiedStream, VideoInfo, ffmpeg_reason, open_film, open_input
from engine.video.segments import Journal, WorkFolder
from engine.video.span import FilmSpan, span_seconds
from engine.words import Sentence, all_of, plural, say

COPIED_METADATA: dict[str, tuple[str, ...]] = {
    "language": ("language",),
    "title": ("title", "name"),
    "handler_name": ("handler_name",),
    "timecode": ("timecode",),
}
"""The streams' tags the restored film keeps, each with the source's tags it is read from,
the first there first, in any case (Matroska's come in capitals: TIMECODE). MP4 and MOV
name a track "name", which every muxer writes from "title"; a video stream's "timecode" is
its source's own (a MOV file's timecode track gives its film one), which MP4 and MOV write
as a timecode track of their own, Matroska as a tag."""
MOV_LANGUAGES = {
    "sqi": "alb",
    "hye": "arm",
    "eus": "baq",
    "mya": "bur",
    "zho": "chi",
    "cze": "ces",
    "nld": "dut",
    "fre": "fra",
    "kat": "geo",
    "deu": "ger",
    "ell": "gre",
    "isl": "ice",
    "mkd": "mac",
    "msa": "may",
    "fas": "per",
    "rum": "ron",
    "slo": "slk",
    "bod": "tib",
    "cym": "wel",
}
"""The languages whose ISO 639-2 code has two forms (bibliographic and terminology), by the
form FFmpeg's MOV muxer leaves out, with the one it keeps: it writes a language only as the
Macintosh language code that one of the forms has (of Maori, neither). MP4 and Matroska keep
either form."""
FILE_TAGS_LEFT_OUT = frozenset({"encoder", "major_brand", "minor_version", "compatible_brands"})
"""The source file's tags that describe its own muxing, not the film: the rest (title, date,
artist, copyright...) go into the restored film."""
MOV_TEXT_END = b"\x00\x00"  # a mov_text sample with no text
MUXER_OPTIONS = {"mp4": {"movflags": "+faststart"}, "mov": {"movflags": "+faststart"}}
SPAN_MUXER_OPTIONS = {"matroska": {"avoid_negative_ts": "disabled"}}
"""Options a span's film is written with besides: its compressed sound starts before its
first frame (``_SoundCut``), by more than the codec delay that Matroska's muxer lets sound
start before 0 by, and the muxer would move every stream on to make up the difference, its
frames too; Matroska stores the earlier start as it is."""
SAMPLE_SECONDS = 10.0
"""Seconds of a film read at most, from its first packet, to find the first packet of each
stream to copy: sound comes within the first few packets of a film whose streams are
interleaved, and within seconds of the start of one whose sound starts late or comes sparsely."""
SAMPLE_PACKETS = 4096
"""Packets read at most for the same, in case the file's packets carry no times."""
SAMPLE_PICTURE = ("mpeg4", 16, 16)
"""The codec and size of the picture stream a chapter table is tried with (``_takes_chapters``):
one that every output container takes, whose encoder comes with every FFmpeg."""
PCM_ENCODERS = {
    "u8": "pcm_u8",
    "s16": "pcm_s16le",
    "s32": "pcm_s32le",
    "s64": "pcm_s64le",
    "flt": "pcm_f32le",
    "dbl": "pcm_f64le",
}
"""The PCM encoder that keeps every decoded sample of each (packed) sample format as it is."""
PCM_SAMPLES = re.compile(r"pcm_[suf](8|16|24|32|64)(le|be)?")
"""The PCM codecs whose packets are their samples packed one after another, each channel's in
turn, of as many bits as the name says: those a span's film cuts to the sample."""
SOUND_DRIFT_SECONDS = 0.02
"""How far a piece of sound may stand from where the pieces before it end, in seconds, and
still follow them without a break: times stored in milliseconds (Matroska's) stray by less;
a longer gap (a damaged packet left out) is kept as such, and a piece that overlaps by more
is cut."""
CONVERTS_SOUND = frozenset({"mov", "matroska"})
"""Containers that take sound they cannot hold as it is converted to PCM (``PCM_ENCODERS``),
which keeps every sample the source's decoder gives. MP4 converts none: a .mkv or .mov file
holds such sound unchanged, which its refusal says; were MP4 to take it converted (to ALAC or
FLAC, its lossless codecs), the output type chosen for a film not named with one
(``output_suffix``), which goes by the same check, would pick MP4 with the sound converted
over Matroska with the sound as it is."""


def holds_copied(info: VideoInfo, container: str) -> bool:
    """Whether a ``container`` file keeps every audio and subtitle stream of the film, each
    copied or, sound it cannot take as it is, converted (``sound_conversions``)."""
    return _carrying(info, container) is not None


def sound_conversions(info: VideoInfo, container: str) -> dict[int, str]:
    """The film's audio streams that go into a ``container`` file converted, by index, with
    the PCM encoder of each; none when every stream goes in as it is, or when they cannot
    all go in (``holds_copied``)."""
    return _carrying(info, container) or {}


def sound_conversion_notes(info: VideoInfo, target: Path) -> list[Sentence]:
    """What to tell of the film's sound going into ``target`` converted, a sentence for each
    audio stream converted; none when all go in as they are, or when the film cannot go
    into ``target`` at all (its refusal says why)."""
    container = CONTAINERS.get(target.suffix.lower())
    conversions = sound_conversions(info, container) if container else {}
    return [
        say(
            "{stream} of {name} cannot be copied into a {suffix} file; it goes in converted "
            "to {encoder}, which keeps every sample",
            stream=item.describe(),
            name=info.path.name,
            suffix=target.suffix.lower(),
            encoder=conversions[item.index],
        )
        for item in info.copied
        if item.index in conversions
    ]


def chapter_notes(info: VideoInfo, target: Path) -> list[Sentence]:
    """What to tell of the film's chapters going into ``target``: a sentence where its
    chapter table cannot go in (``_carried_chapters``), so the film goes in without it; none
    where it goes in, or the film cannot go into ``target`` at all (its refusal says why)."""
    container = CONTAINERS.get(target.suffix.lower())
    if container is None:
        return []
    with open_film(info) as source:
        if _carried_chapters(source, info, container) is not None:
            return []
    return [
        say(
            "{name}: its chapters are damaged and cannot go into a {suffix} file; the "
            "restored film is written without chapters",
            name=info.path.name,
            suffix=target.suffix.lower(),
        )
    ]


def attachment_notes(info: VideoInfo, target: Path) -> list[Sentence]:
    """What to tell of the files attached to the film going into ``target``: a sentence
    where a file of its type cannot hold them (``_carried_attachments``), so the film goes in
    without them; none where they go in, or the film cannot go into ``target`` at all (its
    refusal says why)."""
    container = CONTAINERS.get(target.suffix.lower())
    attachments = _attachments(info)
    if container is None or not attachments or not holds_copied(info, container):
        return []
    with open_input(info.path) as source:
        if _carried_attachments(source, attachments, container):
            return []
    said = {
        "streams": all_of([item.describe() for item in attachments]),
        "name": info.path.name,
        "suffix": target.suffix.lower(),
    }
    return [
        plural(
            len(attachments),
            say(
                "{streams} of {name} cannot go into a {suffix} file, and is left out (a .mkv "
                "film keeps it)",
                **said,
            ),
            say(
                "{streams} of {name} cannot go into a {suffix} file, and are left out (a .mkv "
                "film keeps them)",
                **said,
            ),
        )
    ]


def join_notes(info: VideoInfo, target: Path) -> list[Sentence]:
    """What to tell of the film going into ``target`` other than as it is: its sound
    converted (``sound_conversion_notes``), its chapters and attached files left out
    (``chapter_notes``, ``attachment_notes``)."""
    return (
        sound_conversion_notes(info, target)
        + chapter_notes(info, target)
        + attachment_notes(info, target)
    )


Chapter = dict[str, Any]
"""A chapter as PyAV gives and takes it: id, start, end, time_base and metadata."""


def _carried_chapters(
    source: av.container.InputContainer,
    info: VideoInfo,
    container: str,
    cut: _Cut | None = None,
) -> list[Chapter] | None:
    """The source's chapters as the restored film in a ``container`` file holds them: those
    that start before its last frame ends, each cut to end there at the latest (of a span's
    film, those within its ``cut``); None where the source's chapter table cannot be read,
    or a ``container`` file refuses it."""
    try:
        chapters = source.chapters()
    except ValueError:  # a title not in the file's text encoding (UnicodeDecodeError)
        return None
    kept = _within(chapters, _film_end(info)) if cut is None else cut.chapters(chapters)
    return kept if _takes_chapters(container, kept) else None


def _film_end(info: VideoInfo) -> Fraction:
    """When the film's last frame ends, in seconds on the film's own clock (chapters' times
    are on it too): the restored film's frames keep the source's times. The last frame is
    taken to last a frame at the average rate where its own length is shorter: a length
    stored in whole ticks (Matroska's milliseconds) falls short by a part of a tick, which
    would cut the chapter that ends with the film."""
    if info.times is None:
        return info.frames / info.rate
    length = max(info.last_frame_ticks(), info.frame_ticks())
    return (info.times[-1] + length) * info.time_base


def _within(chapters: list[Chapter], end: Fraction) -> list[Chapter]:
    """The ``chapters`` that start before ``end`` (seconds), each ending there at the latest."""
    return [
        {**chapter, "end": min(chapter["end"], math.ceil(end / chapter["time_base"]))}
        for chapter in chapters
        if chapter["start"] * chapter["time_base"] < end
    ]


@dataclass(frozen=True)
class _Cut:
    """The stretch of the source's clock a span's film is made of, in seconds: from ``start``
    (its first frame's time) to ``end``; what goes in moves back by ``start``. ``counted``:
    the frames before the span's first, by their numbers, that its timecode is counted on
    by, at ``rate`` frames a second."""

    start: Fraction
    end: Fraction
    counted: int
    rate: Fraction

    def packet(self, packet: av.Packet, subtitle: bool) -> av.Packet | None:
        """``packet`` moved back, where it goes in: a subtitle shown within the stretch, cut
        to it; another packet (sound goes by ``_SoundCut``) that starts within it; None
        otherwise."""
        when = packet.pts if packet.pts is not None else packet.dts
        if when is None:
            return None
        base = Fraction(packet.time_base)
        begin = when * base
        length = (packet.duration or 0) * base
        lasting = subtitle and length > 0
        if lasting:
            shown = begin < self.end and begin + length > self.start
        else:
            shown = self.start <= begin < self.end
        if not shown:
            return None
        if not lasting:
            return self.moved(packet)
        shown_from, shown_to = max(begin, self.start), min(begin + length, self.end)
        packet.duration = round((shown_to - shown_from) / base)
        return _moved(packet, when - round((shown_from - self.start) / base))

    def moved(self, packet: av.Packet) -> av.Packet:
        """``packet`` moved back by the stretch's start."""
        return _moved(packet, round(self.start / Fraction(packet.time_base)))

    def overlaps(self, packet: av.Packet) -> bool | None:
        """Whether ``packet`` is heard within the stretch (one that gives no length: whether
        it starts within it); None where it lies before it, as it does when it has no time."""
        when = packet.pts if packet.pts is not None else packet.dts
        if when is None:
            return None
        base = Fraction(packet.time_base)
        begin, length = when * base, (packet.duration or 0) * base
        if begin >= self.end:
            return False
        after_start = begin + length > self.start if length else begin >= self.start
        return True if after_start else None

    def chapters(self, chapters: list[Chapter]) -> list[Chapter]:
        """The ``chapters`` shown within the stretch, each cut to it and moved back."""
        kept = []
        for chapter in chapters:
            base = chapter["time_base"]
            begin, finish = chapter["start"] * base, chapter["end"] * base
            if begin < self.end and finish > self.start:
                start = round((max(begin, self.start) - self.start) / base)
                end = math.ceil((min(finish, self.end) - self.start) / base)
                kept.append({**chapter, "start": start, "end": end})
        return kept

    def count_on(self, tags: dict[str, str]) -> None:
        """Count the "timecode" among ``tags`` (a stream's or a file's, as the film keeps
        them) on to the span's first frame."""
        timecode = tags.get("timecode")
        counted = None if timecode is None else timecode_after(timecode, self.counted, self.rate)
        if counted is not None:
            tags["timecode"] = counted


def _moved(packet: av.Packet, back: int) -> av.Packet:
    """``packet`` moved back by ``back`` ticks of its time base."""
    packet.pts = None if packet.pts is None else packet.pts - back
    packet.dts = None if packet.dts is None else packet.dts - back
    return packet


class SoundClock:
    """Where pieces of sound go, in samples from ``start`` (seconds on the file's clock) at
    ``rate`` samples a second: the first exactly at its time; a later one where the last
    ended, unless its time stands further from there than ``SOUND_DRIFT_SECONDS``, so that
    times stored in whole ticks, which fall between samples, leave no gaps."""

    def __init__(self, start: Fraction, rate: int) -> None:
        self.start, self.rate = start, rate
        self.ended: int | None = None  # where the last piece ended, from ``start``

    def place(self, seconds: Fraction | float | None, count: int) -> int:
        """Where a piece of ``count`` samples that starts at ``seconds`` goes (None: where
        the last ended, or at ``start``)."""
        at = self._at(seconds)
        self.ended = at + count
        return at

    def _at(self, seconds: Fraction | float | None) -> int:
        if seconds is None:
            return self.ended or 0
        at = round((Fraction(seconds) - self.start) * self.rate)
        if self.ended is None:
            return at
        drift = SOUND_DRIFT_SECONDS * self.rate
        return self.ended if abs(at - self.ended) <= drift else at


class _SoundCut:
    """One sound stream of a span's film (``_Cut``). What goes in as PCM (``PCM_SAMPLES``:
    copied or converted) is cut to the samples within the stretch and moved back
    (``trimmed``), placed by a ``SoundClock`` run from the stream's first packet, as the WAV
    beside numbered frames is, so that it starts with the first frame, lasts as long as the
    frames and keeps in sync to the sample. Compressed sound keeps the source's packets heard
    within the stretch, moved back, and the one before the first, which primes the decoder
    and which the container leaves unplayed (the module's docstring)."""

    def __init__(self, cut: _Cut, stream: av.stream.Stream) -> None:
        self.cut = cut
        self.block = _pcm_block(stream)
        rate = stream.codec_context.sample_rate
        self.clock = SoundClock(cut.start, rate)
        self.length = round((cut.end - cut.start) * rate)
        self.before: av.Packet | None = None

    def take(self, packet: av.Packet) -> list[av.Packet]:
        """The source's ``packet`` as it goes on to the film: of PCM, each up to the stretch's
        end, as it is; of compressed sound, moved back where it is heard within the stretch,
        after the packet that primes it where it is the first; none otherwise."""
        overlaps = self.cut.overlaps(packet)
        if self.block is not None:
            return [] if overlaps is False else [packet]
        if overlaps is None:
            self.before = packet
        if not overlaps:
            return []
        taken = [packet] if self.before is None else [self.before, packet]
        self.before = None
        return [self.cut.moved(item) for item in taken]

    def trimmed(self, packets: list[av.Packet]) -> list[av.Packet]:
        """``packets`` as the film takes them: PCM cut to the samples within the stretch and
        moved back, the rest as they are."""
        block = self.block
        if block is None:
            return packets
        kept = (self._trim(packet, block) for packet in packets)
        return [packet for packet in kept if packet is not None]

    def _trim(self, packet: av.Packet, block: int) -> av.Packet | None:
        """``packet`` of PCM (``block`` bytes a sample) cut to its samples within the
        stretch, moved back; None where it has none there."""
        count = packet.size // block
        when = packet.pts if packet.pts is not None else packet.dts
        seconds = None if when is None else when * Fraction(packet.time_base)
        at = self.clock.place(seconds, count)
        first, last = max(0, -at), min(count, self.length - at)
        if first >= last:
            return None
        kept = av.Packet(bytes(packet)[first * block : last * block])
        kept.stream = packet.stream
        kept.time_base = Fraction(1, self.clock.rate)
        kept.pts = kept.dts = at + first
        kept.duration = last - first
        return kept


def _pcm_block(stream: av.stream.Stream) -> int | None:
    """The bytes of one sample in every channel of a PCM ``stream`` whose packets are its
    samples (``PCM_SAMPLES``); None for other sound."""
    match = PCM_SAMPLES.fullmatch(stream.codec_context.name)
    if match is None:
        return None
    return int(match[1]) // 8 * stream.codec_context.layout.nb_channels


def _takes_chapters(container: str, chapters: list[Chapter]) -> bool:
    """Whether a ``container`` file takes ``chapters`` (``_sample_takes``): Matroska checks
    chapters' times in its header, MP4 and MOV in their trailer, where they write their
    chapter track."""
    return not chapters or _sample_takes(container, lambda sample: sample.set_chapters(chapters))


def _sample_takes(container: str, add: Callable[[av.container.OutputContainer], object]) -> bool:
    """Whether a ``container`` file takes what ``add`` adds to it, found by writing it into
    memory with a small picture stream (``SAMPLE_PICTURE``): its header and trailer."""
    codec, width, height = SAMPLE_PICTURE
    try:
        with av.open(io.BytesIO(), "w", format=container) as sample:
            picture = sample.add_stream(codec, rate=24)
            picture.width, picture.height = width, height
            add(sample)
            sample.start_encoding()
    except av.error.FFmpegError:
        return False
    return True


def _attachments(info: VideoInfo) -> list[CopiedStream]:
    """The files attached to the film."""
    return [item for item in info.copied if item.type == "attachment"]


def _packet_streams(info: VideoInfo) -> list[CopiedStream]:
    """The film's streams that go into the restored film packet by packet: its sound and
    subtitles."""
    return [item for item in info.copied if item.type != "attachment"]


def _carried_attachments(
    source: av.container.InputContainer, attachments: Sequence[CopiedStream], container: str
) -> list[av.stream.AttachmentStream]:
    """The source's ``attachments`` as a ``container`` file holds them: all of them, or none
    where it cannot hold them all (MP4 and MOV hold none)."""
    streams = [source.streams[item.index] for item in attachments]
    if _sample_takes(container, lambda sample: _attach(streams, sample)):
        return streams
    return []


def _attach(
    attachments: Sequence[av.stream.AttachmentStream], output: av.container.OutputContainer
) -> None:
    """Attach to ``output`` each of the source's ``attachments``, with its name, type, data
    and description (``_copy_description``)."""
    for attachment in attachments:
        name, mimetype = attachment.name or "", attachment.mimetype or ""
        added = output.add_attachment(name, mimetype, bytes(attachment.data))
        _copy_description(attachment, added)


def _carrying(info: VideoInfo, container: str) -> dict[int, str] | None:
    """How the film's audio and subtitle streams go into a ``container`` file: the audio
    streams converted, by index, with the PCM encoder of each (none: all copied); None when
    they cannot all go in. Its attached files go in where they can (``attachment_notes``)."""
    streams = _packet_streams(info)
    if not streams or _muxes(info.path, streams, container, {}):
        return {}
    conversions = _conversions(info, container)
    if conversions and _muxes(info.path, streams, container, conversions):
        return conversions
    return None


def _conversions(info: VideoInfo, container: str) -> dict[int, str]:
    """The film's audio streams a ``container`` file takes only converted, where it converts
    sound (``CONVERTS_SOUND``), by index, with the PCM encoder of each: those it refuses as
    they are whose samples have one."""
    sound = [item for item in info.copied if item.type == "audio"]
    if not sound or container not in CONVERTS_SOUND:
        return {}
    with open_input(info.path) as source:
        encoders = {item.index: _pcm_encoder(source.streams[item.index]) for item in sound}
    return {
        item.index: encoder
        for item in sound
        if (encoder := encoders[item.index]) and not _muxes(info.path, [item], container, {})
    }


def _pcm_encoder(stream: av.stream.Stream) -> str | None:
    """The PCM encoder for an audio stream's decoded samples; None when it has none."""
    sample_format = stream.codec_context.format
    return PCM_ENCODERS.get(sample_format.packed.name) if sample_format else None


def _muxes(
    path: Path, streams: Sequence[CopiedStream], container: str, conversions: Mapping[int, str]
) -> bool:
    """Whether a ``container`` file takes the film's ``streams``, those in ``conversions``
    converted, found by writing them into memory: the header, the first packet of each
    (``_first_packets``) and the trailer, as a muxer refuses some streams only there (MOV
    refuses FLAC on its first packet; MP4 takes PCM sound only with a known channel layout,
    which it checks in its trailer)."""
    try:
        with (
            open_input(path) as source,
            av.open(io.BytesIO(), "w", format=container) as sample,
        ):
            carried = _carried(source, sample, streams, conversions)
            for packet in _first_packets(source, carried):
                packet.pts = packet.dts = 0
                for made in carried[packet.stream.index].packets(packet):
                    sample.mux(made)
            for stream in carried.values():
                sample.mux(stream.rest())
    except (ValueError, av.error.FFmpegError):  # UnknownCodecError is a ValueError
        return False
    return True


def _first_packets(source: av.container.InputContainer, wanted: Collection[int]) -> list[av.Packet]:
    """The first packet with data of each stream ``wanted`` (by index) in the first
    ``SAMPLE_SECONDS`` of the file (at most ``SAMPLE_PACKETS`` packets).

    A stream with none that early (sound that starts later still) is checked without one,
    by its header and trailer alone: should its muxer refuse its first packet, it does so
    while the restored film is written, which then ends with a sentence saying so, the
    restored segments kept for a run into another output type; a film is never written
    without its sound."""
    first: dict[int, av.Packet] = {}
    start = None
    for packet in itertools.islice(source.demux(), SAMPLE_PACKETS):
        if packet.dts is not None or packet.pts is not None:
            start = _seconds(packet) if start is None else start
            if _seconds(packet) - start > SAMPLE_SECONDS:
                break
        index = packet.stream.index
        if packet.size and index in wanted and index not in first:
            first[index] = packet
            if len(first) == len(wanted):
                break
    return list(first.values())


class _Carried:
    """One audio or subtitle stream on its way into the film: copied packet by packet, or
    decoded and encoded again with a PCM ``encoder``."""

    def __init__(
        self, source: av.stream.Stream, output: av.container.OutputContainer, encoder: str | None
    ) -> None:
        self.source = source
        self.converted = encoder is not None
        if encoder is None:
            self.stream = output.add_stream_from_template(source)
        else:
            context = source.codec_context
            self.stream = output.add_stream(
                encoder, rate=context.sample_rate, layout=context.layout
            )

    def packets(self, packet: av.Packet) -> list[av.Packet]:
        """What the source's ``packet`` becomes in the film."""
        if not self.converted:
            packet.stream = self.stream
            return [packet]
        return [made for frame in self.source.decode(packet) for made in self.stream.encode(frame)]

    def rest(self) -> list[av.Packet]:
        """What a converted stream's decoder and encoder still hold at its end."""
        if not self.converted:
            return []
        held = [made for frame in self.source.decode(None) for made in self.stream.encode(frame)]
        return held + self.stream.encode(None)


def _carried(
    source: av.container.InputContainer,
    output: av.container.OutputContainer,
    streams: Sequence[CopiedStream],
    conversions: Mapping[int, str],
) -> dict[int, _Carried]:
    """Each of the source's ``streams`` added to ``output``, by index: copied, or converted
    with the encoder ``conversions`` gives it."""
    return {
        item.index: _Carried(source.streams[item.index], output, conversions.get(item.index))
        for item in streams
    }


def _copy_description(source: av.stream.Stream, target: av.stream.Stream) -> None:
    """The source stream's tags the film keeps (``COPIED_METADATA``), its language in the
    form the film's container keeps (``MOV_LANGUAGES``), and its disposition."""
    tags = {key.lower(): value for key, value in source.metadata.items()}
    for key, read_from in COPIED_METADATA.items():
        value = next((tags[name] for name in read_from if name in tags), None)
        if value is not None:
            target.metadata[key] = value
    language = target.metadata.get("language")
    if language is not None and target.container.format.name == "mov":
        target.metadata["language"] = MOV_LANGUAGES.get(language.lower(), language)
    target.disposition = source.disposition


def _mark(description: str, info: VideoInfo, conversions: Mapping[int, str]) -> str:
    """What the film's comment says Rekindle did: ``description``, and the sound it
    converted; last, the film it was made from (``_made_from``)."""
    done = _done(description, info, conversions)
    mark = f"{software()}: {done}" if done else software()
    return mark + _made_from(info.path)


def _done(description: str, info: VideoInfo, conversions: Mapping[int, str]) -> str:
    """What a mark says was done to ``info``'s film (``_mark``): ``description``, then the
    sound converted, as ``conversions`` convert it."""
    done = [description] if description else []
    done += [
        f"{item.codec} sound converted to {conversions[item.index]}"
        for item in info.copied
        if item.index in conversions
    ]
    return "; ".join(done)


def _made_from(source: Path) -> str:
    """The comment's record of the film ``source`` (``source_record``), after the mark;
    empty where the film cannot be read again."""
    record = source_record(source)
    return "" if record is None else f"; {record}"


def film_made_by_rekindle(path: Path) -> bool:
    """Whether the film at ``path`` is one Rekindle made: a part of its comment (after the
    source's own, if it had one) is the mark ``_mark`` writes. A file that cannot be read as
    a film is not."""
    return _last_mark(_comment(path)) is not None


def film_source(path: Path) -> SourceRecord | None:
    """The film that the film at ``path`` was made from, as the end of its comment records it
    (``_mark``); None where it records none (a film of an earlier version, a person's own) or
    cannot be read."""
    return recorded_in(_comment(path))


def _comment(path: Path) -> str:
    """The film's comment tag (Matroska's COMMENT, MP4's and MOV's comment); empty where it
    has none, or the file cannot be read as a film."""
    try:
        with open_input(path) as container:
            return _comment_in(container)
    except (RekindleError, OSError):
        return ""


def _comment_in(container: av.container.InputContainer) -> str:
    """The comment tag of the film ``container`` reads; empty where it has none."""
    tags = {key.lower(): value for key, value in container.metadata.items()}
    return tags.get("comment", "")


def _last_mark(comment: str) -> str | None:
    """What the last of Rekindle's marks in a film's ``comment`` says (``_mark``), after
    "Rekindle 1.2: ": what was done, then the film it was made from; a film restored from a
    restored film keeps its source's mark before its own. None where it holds no mark."""
    parts = comment.split("; ")
    marks = [index for index, part in enumerate(parts) if _names_rekindle(part.partition(": ")[0])]
    if not marks:
        return None
    return "; ".join(parts[marks[-1] :]).partition(": ")[2]


ENCODER_CRF = re.compile(rb"\bcrf=(\d+(?:\.\d+)?)")
"""The CRF among the settings x264 (in a stream's first frame) and x265 (in its header) write
into the stream they encode."""


@dataclass(frozen=True)
class FilmRecord:
    """What a film Rekindle made records of how it was made: what its comment's last mark
    says (``_last_mark``), the codec its video is in (FFmpeg's id), the CRF its encoder wrote
    into the stream (None where it wrote none: ``ENCODER_CRF``), whether the stream is flagged
    interlaced (its fields kept: ``kept_fields``), the ``container`` it is in, and its frames a
    second as the stream states them (None where it states none)."""

    mark: str
    codec: int
    crf: float | None
    interlaced: bool
    container: str
    rate: Fraction | None = None

    def in_codec(self, codec: VideoCodec) -> bool:
        """Whether its video is in ``codec``, whichever encoder wrote it."""
        return av.Codec(codec.encoder, "w").id == self.codec

    def says_done(self, description: str, info: VideoInfo) -> bool:
        """Whether its mark says ``description`` was done to ``info``'s film: as ``_mark``
        writes it, the sound a join of that film into its container converts after it, then,
        where it has one, the film's record (``source_record``; the film may have moved or
        been edited since)."""
        done = _done(description, info, sound_conversions(info, self.container))
        if not self.mark.startswith(done):
            return False
        rest = self.mark[len(done) :]
        return not rest or (rest.startswith("; made from ") and recorded_in(rest) is not None)


def film_record(path: Path) -> FilmRecord | None:
    """What the film at ``path`` records of how Rekindle made it (``FilmRecord``); None where
    its comment holds no mark of Rekindle's, or it cannot be read as a film of a kind Rekindle
    writes."""
    container_name = CONTAINERS.get(path.suffix.lower())
    try:
        with open_input(path) as container:
            mark = _last_mark(_comment_in(container))
            streams = container.streams.video
            if mark is None or container_name is None or not streams:
                return None
            stream = streams[0]
            crf = _encoder_crf(container, stream)
            codec = stream.codec_context.codec.id
            interlaced = stream_is_interlaced(stream)
            rate = stream.average_rate
    except (RekindleError, OSError, av.error.FFmpegError):
        return None
    rate = Fraction(rate) if rate else None
    return FilmRecord(mark, codec, crf, interlaced, container_name, rate)


def _encoder_crf(container: av.container.InputContainer, stream: av.VideoStream) -> float | None:
    """The CRF the encoder of ``stream`` wrote into it with its settings (``ENCODER_CRF``);
    None where it wrote none."""
    found = ENCODER_CRF.search(stream.codec_context.extradata or b"")
    if found is None:
        first = next(container.demux(stream), None)
        found = None if first is None else ENCODER_CRF.search(bytes(first))
    return None if found is None else float(found[1])


def _names_rekindle(text: str) -> bool:
    """Whether ``text`` is how ``software`` names Rekindle, of whichever version."""
    name, _, version = text.partition(" ")
    return name == SOFTWARE_NAME and (not version or (version[0].isdigit() and " " not in version))


def _copy_file_tags(
    source: av.container.InputContainer, output: av.container.OutputContainer, mark: str
) -> None:
    """The source's own tags (title, date...), and ``mark`` in the comment, after the
    source's comment if it had one."""
    for key, value in source.metadata.items():
        if key.lower() not in FILE_TAGS_LEFT_OUT:
            output.metadata[key.lower()] = value
    comment = output.metadata.get("comment")
    output.metadata["comment"] = f"{comment}; {mark}" if comment else mark


def reorder_depth(pts: list[int]) -> int:
    """How many frames a decoder holds back for one encoder's packets in decoding order: the
    least ``d`` with ``pts[j] >= sorted(pts)[j - d]`` for every ``j >= d``."""
    ordered = sorted(pts)
    depth = 0
    while any(pts[j] < ordered[j - depth] for j in range(depth, len(pts))):
        depth += 1
    return depth


def decoding_times(segments: list[list[int]], ticks: int) -> list[list[int]]:
    """Decoding times for the joined stream, from the presentation times of each segment's
    packets (in decoding order) alone.

    Every segment comes from its own encoder, and a short one may hold back fewer frames
    (fewer B-frames) than the rest; its own decoding times would leave a hole in the joined
    stream (MP4 would stretch a frame over it and misstate the frame rate). So, as an encoder
    does, each packet gets the presentation time of the frame ``depth`` places earlier, with
    ``depth`` the deepest reordering of any segment: strictly increasing, never after the
    packet's own presentation time, and one frame apart at a constant rate.
    """
    depth = max((reorder_depth(pts) for pts in segments), default=0)
    ordered = sorted(p for pts in segments for p in pts)
    result, index = [], 0
    for pts in segments:
        times = []
        for own in pts:
            dts = ordered[index - depth] if index >= depth else ordered[0] - (depth - index) * ticks
            if dts > own:
                raise RekindleError(say("the restored segments cannot be joined in time order"))
            times.append(dts)
            index += 1
        result.append(times)
    return result


def _seconds(packet: av.Packet) -> float:
    when = packet.dts if packet.dts is not None else packet.pts
    return float((when or 0) * packet.time_base)


class _Joiner:
    def __init__(
        self,
        folder: WorkFolder,
        journal: Journal,
        info: VideoInfo,
        codec: VideoCodec,
        container: str,
        span: FilmSpan,
    ) -> None:
        self.folder = folder
        self.journal = journal
        self.info = info
        self.codec = codec
        self.container = container
        self.cut = self._cut(span)

    def _cut(self, span: FilmSpan) -> _Cut | None:
        """The stretch of the source a span's film is made of (None: the whole film), from
        its first frame's time as its first segment holds it."""
        if span.end is None:
            return None
        time_base, packets = self.folder.read_times(self.journal.segments[0].index)
        start = min(packet[0] for packet in packets) * time_base
        begin, end = span_seconds(self.info, span)
        counted = self.info.frame_number(span.first) - self.info.frame_number(0)
        return _Cut(start, start + end - begin, counted, self.info.rate)

    def write(self, target: Path, progress: Progress, description: str) -> None:
        """Write the film to ``target``; what FFmpeg refuses or fails to do on the way is a
        ``RekindleError`` saying so (the segments stay for another run)."""
        try:
            self._write(target, progress, description)
        except av.error.FFmpegError as error:
            reason = plain_reason(error) if isinstance(error, OSError) else ffmpeg_reason(error)
            raise RekindleError(
                say(
                    "{name}: the restored film could not be written ({reason}); its restored "
                    "frames are kept for the next run",
                    name=self.info.path.name,
                    reason=reason,
                )
            ) from error

    def _write(self, target: Path, progress: Progress, description: str) -> None:
        options = MUXER_OPTIONS.get(self.container, {})
        if self.cut is not None:
            options = {**options, **SPAN_MUXER_OPTIONS.get(self.container, {})}
        conversions = sound_conversions(self.info, self.container)
        with (
            av.open(str(target), "w", format=self.container, options=options) as output,
            open_film(self.info) as source,
        ):
            _copy_file_tags(source, output, _mark(description, self.info, conversions))
            chapters = _carried_chapters(source, self.info, self.container, self.cut) or []
            output.set_chapters(chapters)  # before the first packet: muxers take them then
            video = self._video_stream(output, source)
            carried = _carried(source, output, _packet_streams(self.info), conversions)
            for index, stream in carried.items():
                _copy_description(source.streams[index], stream.stream)
            if self.cut is not None:
                for tags in (output.metadata, video.metadata):
                    self.cut.count_on(tags)
            attachments = _attachments(self.info)
            _attach(_carried_attachments(source, attachments, self.container), output)
            packets = heapq.merge(
                self._video_packets(video, progress),
                self._copied_packets(source, carried),
                key=_seconds,
            )
            for packet in packets:
                output.mux(packet)

    def _video_stream(
        self, output: av.container.OutputContainer, source: av.container.InputContainer
    ) -> av.VideoStream:
        with av.open(str(self.folder.segment_path(self.journal.segments[0].index))) as first:
            template = first.streams.video[0]
            video = output.add_stream_from_template(template)
            video.time_base = self.info.time_base
        video.codec_context.framerate = self.info.rate  # becomes the stream's average rate
        if self.info.sample_aspect_ratio:  # read back from the stream, not from the codec
            video.codec_context.sample_aspect_ratio = self.info.sample_aspect_ratio
        tag = self.codec.tags.get(self.container)
        if tag:
            video.codec_context.codec_tag = tag
        _copy_description(source.streams[self.info.video_index], video)
        return video

    def _video_packets(self, video: av.VideoStream, progress: Progress) -> Iterator[av.Packet]:
        segments = self.journal.segments
        times = [self.folder.read_times(segment.index) for segment in segments]
        decoding = decoding_times([[p[0] for p in packets] for _, packets in times], self._ticks())
        back = 0 if self.cut is None else min(p[0] for p in times[0][1])  # a span's: to 0
        joining = say("joining the segments")
        for number, segment in enumerate(segments):
            progress.check()
            time_base, packets = times[number]
            with av.open(str(self.folder.segment_path(segment.index))) as part:
                count = 0
                for packet in part.demux(part.streams.video[0]):
                    if not packet.size:
                        continue
                    if count == len(packets):  # (sizes may differ: muxers rewrap NAL units)
                        raise self._damaged(segment.index)
                    pts, _dts, duration, _size, keyframe = packets[count]
                    packet.pts, packet.dts = pts - back, decoding[number][count] - back
                    packet.duration = duration
                    packet.time_base = time_base
                    packet.is_keyframe = keyframe
                    packet.stream = video
                    count += 1
                    yield packet
                if count != len(packets):
                    raise self._damaged(segment.index)
            progress.update(number + 1, len(segments), joining, unit="segment")

    def _ticks(self) -> int:
        """One frame's duration in the segments' time base (the source's)."""
        return self.info.frame_ticks()

    def _muxer_makes(self, packet: av.Packet) -> bool:
        """A mov_text "subtitle ends" sample going into MP4/MOV: that muxer writes its own
        wherever a subtitle ends, and would add its own beside a copied one."""
        return (
            self.container in ("mp4", "mov")
            and packet.size == len(MOV_TEXT_END)
            and packet.stream.codec_context.name == "mov_text"
            and bytes(packet) == MOV_TEXT_END
        )

    def _within_cut(self, packet: av.Packet, sound: _SoundCut | None) -> list[av.Packet]:
        """``packet`` as a span's film takes it (``_SoundCut.take``, ``_Cut.packet``): all of
        them for the whole film's."""
        if sound is not None:
            return sound.take(packet)
        if self.cut is None:
            return [packet]
        kept = self.cut.packet(packet, packet.stream.type == "subtitle")
        return [] if kept is None else [kept]

    def _sound_cuts(self, carried: dict[int, _Carried]) -> dict[int, _SoundCut]:
        """Each sound stream's cut, by index, for a span's film; none for the whole film's."""
        if self.cut is None:
            return {}
        return {
            index: _SoundCut(self.cut, item.stream)
            for index, item in carried.items()
            if item.stream.type == "audio"
        }

    def _damaged(self, index: int) -> RekindleError:
        return RekindleError(
            say(
                "segment {index} in the work folder is damaged; delete {folder} and restore again",
                index=index,
                folder=self.folder.path,
            )
        )

    def _copied_packets(
        self, source: av.container.InputContainer, carried: dict[int, _Carried]
    ) -> Iterator[av.Packet]:
        if not carried:
            return
        streams = [source.streams[index] for index in carried]
        sound = self._sound_cuts(carried)
        try:
            for packet in source.demux(streams):
                if packet.size == 0 or self._muxer_makes(packet):
                    continue  # the demuxer's end-of-stream marker, or one the muxer writes
                index = packet.stream.index
                for kept in self._within_cut(packet, sound.get(index)):
                    yield from _trimmed(sound.get(index), carried[index].packets(kept))
            for index, stream in carried.items():
                yield from _trimmed(sound.get(index), stream.rest())
        except av.error.FFmpegError as error:
            raise RekindleError(
                say(
                    "{name}: its audio or subtitles cannot be read ({error})",
                    name=self.info.path.name,
                    error=error,
                )
            ) from None


def _trimmed(sound: _SoundCut | None, packets: list[av.Packet]) -> list[av.Packet]:
    """``packets`` as a span's film takes them (``_SoundCut.trimmed``); as they are where
    ``sound`` is None."""
    return packets if sound is None else sound.trimmed(packets)


def join_segments(
    folder: WorkFolder,
    journal: Journal,
    info: VideoInfo,
    codec: VideoCodec,
    container: str,
    target: Path,
    progress: Progress,
    description: str = "",
    span: FilmSpan | None = None,
) -> None:
    """Write the whole film to ``target`` (a temporary path the caller renames), with the
    source's own tags and chapters; its ``comment`` tag says Rekindle made it, as
    ``description`` says, and from which film (``engine.provenance``). A ``span`` of the film
    (``FilmSpan.within`` it) becomes a film that starts with its first frame (``_Cut``)."""
    if not journal.complete or not journal.segments:
        raise RekindleError(say("the film is not finished; nothing to join"))
    joiner = _Joiner(folder, journal, info, codec, container, span or FilmSpan())
    joiner.write(target, progress, description)
