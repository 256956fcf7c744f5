"""The Broadcast Wave (BWF) chunk of the WAV written beside a film's frames: its time
reference, the samples from midnight to its first sample, puts the sound at the timecode of
the first frame it goes with, so that an editing or grading suite conforming the frames by
their DPX timecode (``engine.dpx``) lines the sound up with them by itself; its originator
and description say who made it and of what.

The first frame's timecode is the film's counted on to it (``dpx.timecode_after``, as the DPX
frames are numbered), or, where the film has none, its time from the film's start, as a
timeline that starts at 00:00:00:00 places it. Frames are counted to seconds at the film's
rate (a drop-frame timecode's frames are real ones: 29.97 a second)."""

from __future__ import annotations

from fractions import Fraction

from engine import dpx
from engine.provenance import software
from engine.video.probe import VideoInfo
from engine.video.span import FilmSpan, at_frame

DAY = 24 * 60 * 60
"""Seconds in a day, after which a time of day's timecode starts again from 00:00:00:00."""
DESCRIPTION_BYTES = 256
"""The most the chunk's description holds (EBU Tech 3285)."""


def bext_metadata(info: VideoInfo, span: FilmSpan, sample_rate: int) -> dict[str, str]:
    """What FFmpeg's WAV muxer writes into the ``bext`` chunk (with ``write_bext``) of the
    sound of ``info``'s film from ``span``'s first frame, at ``sample_rate``."""
    part = span.within(info).describe(info)
    description = f"Sound of {info.path.name}" + (f", {part}" if part else "")
    return {
        "time_reference": str(round(first_second(info, span) * sample_rate)),
        "originator": software(),
        "description": description.encode()[:DESCRIPTION_BYTES].decode(errors="ignore"),
    }


def first_second(info: VideoInfo, span: FilmSpan) -> Fraction:
    """The seconds from midnight to ``span``'s first frame: the film's first frame's timecode
    (none: midnight) and the time from it to the span's, from 0 again after 24 hours, as the
    timecode counts (``dpx.timecode_after``)."""
    start = info.timecode and dpx.timecode_frames(info.timecode, info.rate)
    return (Fraction(start or 0) / info.rate + at_frame(info, span.first)) % DAY
