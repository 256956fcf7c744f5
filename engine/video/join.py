"""The final film: the segments' video packets remuxed one after another with their exact
times, interleaved by time with the source's audio and subtitle packets, copied unchanged."""

from __future__ import annotations

import heapq
import io
import itertools
from collections.abc import Collection, Iterator
from pathlib import Path

import av

from engine.errors import RekindleError, plain_reason
from engine.progress import Progress
from engine.provenance import software
from engine.video.codecs import VideoCodec
from engine.video.probe import VideoInfo, ffmpeg_reason, open_input
from engine.video.segments import Journal, WorkFolder
from engine.words import say

COPIED_METADATA = ("language", "title", "handler_name")
FILE_TAGS_LEFT_OUT = frozenset({"encoder", "major_brand", "minor_version", "compatible_brands"})
"""The source file's tags that describe its own muxing, not the film: the rest (title, date,
artist, copyright...) go into the restored film."""
MOV_TEXT_END = b"\x00\x00"  # a mov_text sample with no text
MUXER_OPTIONS = {"mp4": {"movflags": "+faststart"}, "mov": {"movflags": "+faststart"}}
SAMPLE_PACKETS = 64
"""Packets read at most from a film's start to find the first of each stream to copy: sound
comes within the first few in a film whose streams are interleaved."""


def holds_copied(info: VideoInfo, container: str) -> bool:
    """Whether a ``container`` file takes every audio and subtitle stream of the film, found
    by writing them into memory: the header, the first packet of each (``_first_packets``)
    and the trailer, as a muxer refuses some streams only there (MP4 takes PCM sound only
    with a known channel layout, which it checks in its trailer; MOV refuses FLAC in its
    header)."""
    if not info.copied:
        return True
    try:
        with (
            open_input(info.path) as source,
            av.open(io.BytesIO(), "w", format=container) as sample,
        ):
            streams = [source.streams[copied.index] for copied in info.copied]
            made = {stream.index: sample.add_stream_from_template(stream) for stream in streams}
            for packet in _first_packets(source, made):
                packet.stream = made[packet.stream.index]
                packet.pts = packet.dts = 0
                sample.mux(packet)
    except (ValueError, av.error.FFmpegError):  # UnknownCodecError is a ValueError
        return False
    return True


def _first_packets(source: av.container.InputContainer, wanted: Collection[int]) -> list[av.Packet]:
    """The first packet with data of each stream ``wanted`` (by index) among the first
    ``SAMPLE_PACKETS`` of the file: a stream with none that early is checked without one."""
    first: dict[int, av.Packet] = {}
    for packet in itertools.islice(source.demux(), SAMPLE_PACKETS):
        index = packet.stream.index
        if packet.size and index in wanted and index not in first:
            first[index] = packet
            if len(first) == len(wanted):
                break
    return list(first.values())


def _copy_description(source: av.stream.Stream, target: av.stream.Stream) -> None:
    for key in COPIED_METADATA:
        if key in source.metadata:
            target.metadata[key] = source.metadata[key]
    target.disposition = source.disposition


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
    ) -> None:
        self.folder = folder
        self.journal = journal
        self.info = info
        self.codec = codec
        self.container = container

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
        with (
            av.open(str(target), "w", format=self.container, options=options) as output,
            open_input(self.info.path) as source,
        ):
            mark = f"{software()}: {description}" if description else software()
            _copy_file_tags(source, output, mark)
            video = self._video_stream(output, source)
            copied = {}
            for item in self.info.copied:
                stream = source.streams[item.index]
                copied[item.index] = output.add_stream_from_template(stream)
                _copy_description(stream, copied[item.index])
            packets = heapq.merge(
                self._video_packets(video, progress),
                self._copied_packets(source, copied),
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
                    packet.pts, packet.dts = pts, decoding[number][count]
                    packet.duration = duration
                    packet.time_base = time_base
                    packet.is_keyframe = keyframe
                    packet.stream = video
                    count += 1
                    yield packet
                if count != len(packets):
                    raise self._damaged(segment.index)
            progress.update(number + 1, len(segments), "joining the segments", unit="segment")

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

    def _damaged(self, index: int) -> RekindleError:
        return RekindleError(
            say(
                "segment {index} in the work folder is damaged; delete {folder} and restore again",
                index=index,
                folder=self.folder.path,
            )
        )

    def _copied_packets(
        self, source: av.container.InputContainer, copied: dict[int, av.stream.Stream]
    ) -> Iterator[av.Packet]:
        if not copied:
            return
        streams = [source.streams[index] for index in copied]
        try:
            for packet in source.demux(streams):
                if packet.size == 0 or self._muxer_makes(packet):
                    continue  # the demuxer's end-of-stream marker, or one the muxer writes
                packet.stream = copied[packet.stream.index]
                yield packet
        except av.error.FFmpegError as error:
            raise RekindleError(
                say(
                    "{name}: its audio or subtitles cannot be read ({error})",
                    name=self.info.path.name,
                    error=error,
                )
            ) from None


def join_segments(
    folder: WorkFolder,
    journal: Journal,
    info: VideoInfo,
    codec: VideoCodec,
    container: str,
    target: Path,
    progress: Progress,
    description: str = "",
) -> None:
    """Write the whole film to ``target`` (a temporary path the caller renames), with the
    source's own tags; its ``comment`` tag says Rekindle made it, as ``description`` says
    (``engine.provenance``)."""
    if not journal.complete or not journal.segments:
        raise RekindleError(say("the film is not finished; nothing to join"))
    _Joiner(folder, journal, info, codec, container).write(target, progress, description)
