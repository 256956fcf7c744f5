"""Encoding restored frames into one segment file, remembering each packet's exact times."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from engine.video.codecs import VideoCodec, pixel_format
from engine.video.deinterlace import BOTTOM_FIRST
from engine.video.fields import keeping
from engine.video.frames import output_colours, output_times, to_video_frame
from engine.video.probe import VideoInfo, open_input

FIELD_ORDERS = {"tff": 2, "bff": 3}
"""A kept field order -> the AVFieldOrder its stream is flagged with (TT, BB)."""
INTERLACED_OPTIONS: dict[str, dict[str, str]] = {
    "libx264": {"x264-params": "interlaced=1:{order}=1"},
    "prores_ks": {"flags": "+ildct"},
}
"""Encoder options that code each frame's two fields as fields, in the field order ``{order}``
(tff, bff), which each frame is flagged with too (``_FieldFlags``). FFV1 records the frames'
flags as they are; x265 codes whole pictures only, so an H.265 film's interlacing is its
stream's flag alone."""


@dataclass(frozen=True)
class EncodePlan:
    """Everything an encoder needs, the same for every segment of one job."""

    codec: VideoCodec
    container: str  # muxer name: mp4, mov, matroska
    pix_fmt: str
    width: int
    height: int
    rate: Fraction
    time_base: Fraction
    sample_aspect_ratio: Fraction | None
    color_range: int
    colorspace: int
    color_primaries: int
    color_trc: int
    crf: int | None
    # the film's last frame: its output time and its own length, which its packet gets
    # (a variable frame rate's last frame is not one frame at the average rate long)
    last_frame: tuple[int, int] | None = None
    # the field shown first ("tff", "bff") where the frames are interlaced, their fields kept
    # (``kept_fields``), and the film is flagged so; "": progressive
    fields: str = ""

    @classmethod
    def for_film(
        cls,
        info: VideoInfo,
        codec: VideoCodec,
        container: str,
        scale: int,
        crf: int | None,
        fields: str = "",
    ) -> EncodePlan:
        """How ``info``'s film is written: in ``codec``'s deep pixel format where it has
        more than 8 bits a sample and this installation's encoder takes it (``pixel_format``;
        ``fewer_bits_note`` says where it does not), interlaced with ``fields`` first where
        its fields are kept (``kept_fields``)."""
        width, height = info.width * scale, info.height * scale
        colorspace, primaries, trc = output_colours(info, width, height)
        return cls(
            codec=codec,
            container=container,
            pix_fmt=pixel_format(codec, info.bit_depth),
            width=width,
            height=height,
            rate=info.rate,
            time_base=info.time_base,
            sample_aspect_ratio=info.sample_aspect_ratio,
            color_range=info.color_range if codec.full_range else min(info.color_range, 1),
            colorspace=colorspace,
            color_primaries=primaries,
            color_trc=trc,
            crf=crf if crf is not None else codec.default_crf,
            last_frame=_last_frame(info),
            fields=fields,
        )

    def describe(self) -> dict[str, object]:
        """The settings that shape the encoded bytes (part of the job's identity)."""
        return {
            "codec": self.codec.name,
            "encoder": self.codec.encoder,
            "container": self.container,
            "pix_fmt": self.pix_fmt,
            "size": [self.width, self.height],
            "crf": self.crf,
            "options": self.codec.options,
            "colours": [self.colorspace, self.color_primaries, self.color_trc],
            **({"fields": self.fields} if self.fields else {}),
        }


def _last_frame(info: VideoInfo) -> tuple[int, int] | None:
    """The output time of the film's last frame and its own length; None where the frames'
    stored times are not known."""
    if not info.times:
        return None
    return output_times(info, info.times)[-1], info.last_frame_ticks()


def kept_fields(info: VideoInfo, deinterlace: bool) -> str:
    """The field ``info``'s film shows first where its fields are kept as they are
    (``fields.keeping``): "tff" or "bff", as idet saw them in frames not flagged interlaced,
    else as its stream is flagged; "" where its frames are enlarged whole."""
    kept = keeping(info.fields, deinterlace)
    if kept is None:
        return ""
    if kept.order:
        return kept.order
    with open_input(info.path) as container:
        flagged = container.streams[info.video_index].codec_context.field_order
    return "bff" if flagged in BOTTOM_FIRST else "tff"


PacketTimes = tuple[int, int, int, int, bool]
"""One packet as encoded: pts, dts, duration (in the plan's time base), size, keyframe."""


class SegmentEncoder:
    """One segment file being written; each segment starts with a fresh encoder, so with a
    keyframe that needs nothing from the segment before."""

    def __init__(self, path: Path, plan: EncodePlan) -> None:
        self.path = path
        self.plan = plan
        self.packets: list[PacketTimes] = []
        self.frames = 0
        self._ticks = max(1, round(1 / (plan.rate * plan.time_base)))
        self.container = av.open(str(path), "w", format=plan.container)
        try:
            self.stream = self._add_stream()
        except BaseException:
            self.container.close()
            raise
        self._flags = _FieldFlags(plan) if plan.fields else None

    def _add_stream(self) -> av.VideoStream:
        plan = self.plan
        options = dict(plan.codec.options)
        if plan.crf is not None:
            options["crf"] = str(plan.crf)
        if plan.fields:
            interlaced = INTERLACED_OPTIONS.get(plan.codec.encoder, {})
            options.update(
                {name: value.format(order=plan.fields) for name, value in interlaced.items()}
            )
        stream = self.container.add_stream(plan.codec.encoder, rate=plan.rate, options=options)
        context = stream.codec_context
        context.width, context.height, context.pix_fmt = plan.width, plan.height, plan.pix_fmt
        context.time_base = plan.time_base
        if plan.sample_aspect_ratio:
            context.sample_aspect_ratio = plan.sample_aspect_ratio
        context.color_range = plan.color_range
        context.colorspace = plan.colorspace
        context.color_primaries = plan.color_primaries
        context.color_trc = plan.color_trc
        if plan.fields:
            context.field_order = FIELD_ORDERS[plan.fields]
        return stream

    def add(self, pixels: np.ndarray, pts: int) -> None:
        plan = self.plan
        frame = to_video_frame(
            pixels, plan.pix_fmt, plan.colorspace, plan.color_range, pts, fields=bool(plan.fields)
        )
        if self._flags is not None:
            frame = self._flags(frame)
        frame.time_base = plan.time_base
        self._write(self.stream.encode(frame))
        self.frames += 1

    def _write(self, packets: list[av.Packet]) -> None:
        for packet in packets:
            self.packets.append(
                (
                    packet.pts,
                    packet.dts if packet.dts is not None else packet.pts,
                    packet.duration or self._length(packet.pts),
                    packet.size,
                    packet.is_keyframe,
                )
            )
            self.container.mux(packet)

    def _length(self, pts: int | None) -> int:
        """The length of the frame shown at ``pts``: the film's last frame's own, any
        other's one frame at the average rate."""
        last = self.plan.last_frame
        return last[1] if last is not None and pts == last[0] else self._ticks

    @property
    def held_back_pixels(self) -> int:
        """The pixels of the frames given that the encoder holds back, not yet written (x264
        and x265 look ahead a score of frames; FFV1 and ProRes hold none): what ``finish``
        has still to encode."""
        return (self.frames - len(self.packets)) * self.plan.width * self.plan.height

    def finish(self) -> list[PacketTimes]:
        """Flush the encoder, close the file and make sure it is on disk."""
        self._write(self.stream.encode(None))
        self.container.close()
        with open(self.path, "rb+") as stream:
            os.fsync(stream.fileno())
        return self.packets

    def abort(self) -> None:
        """Close and delete the unfinished file."""
        with contextlib.suppress(av.error.FFmpegError, OSError, ValueError):
            self.container.close()
        self.path.unlink(missing_ok=True)


class _FieldFlags:
    """Flags frames interlaced, with the plan's field shown first, through FFmpeg's setfield:
    PyAV cannot set a frame's flags, and x264, ProRes and FFV1 code and record each frame's
    fields by them (x264 turns to the field order of each frame it is given)."""

    def __init__(self, plan: EncodePlan) -> None:
        self.graph = av.filter.Graph()
        source = self.graph.add_buffer(
            width=plan.width, height=plan.height, format=plan.pix_fmt, time_base=plan.time_base
        )
        setfield = self.graph.add("setfield", plan.fields)
        sink = self.graph.add("buffersink")
        source.link_to(setfield)
        setfield.link_to(sink)
        self.graph.configure()

    def __call__(self, frame: av.VideoFrame) -> av.VideoFrame:
        """``frame`` flagged, its time and colour tags as they were (the filter drops the
        tags)."""
        self.graph.push(frame)
        flagged = self.graph.pull()
        flagged.pts = frame.pts
        flagged.colorspace, flagged.color_range = frame.colorspace, frame.color_range
        return flagged
