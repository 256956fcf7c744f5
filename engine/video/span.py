"""A part of a film to restore: its in and out points.

``FilmSpan`` is the part by frame index: frames ``first`` up to ``end``, the frame at ``end``
not included (``FilmSpan()``: the whole film). It travels in ``VideoOptions``; a restoration
of it decodes from the keyframe before its first frame, restores its frames alone and writes
them as the whole film's run would: a film file starts at time 0 with them, its sound and
subtitles cut to the same stretch (``engine.video.join``); numbered frames keep the numbers
the whole film's would have (``engine.video.frame_files``). The frames around the span that
the film's cleanups look at are decoded too (``temporal.context``), and its fading and colour
are judged on the whole film, so each frame of the span comes out as the whole film's run
makes it.

``FilmPoint`` is a point as a person gives one, read by ``FilmPoint.parse`` in one of these
forms, each counted from the film's first frame:

- seconds: ``90``, ``90.5``;
- minutes and seconds: ``1:30``, ``1:30.5``; hours too: ``0:01:30``, ``00:01:30.500``;
- frames: ``2160f`` (after 2160 frames: the in point ``2160f`` starts at the 2161st frame);
- SMPTE timecode ``HH:MM:SS:FF`` (``;`` before the frames for drop-frame, at 29.97 and
  59.94 frames a second only; a number drop-frame leaves out, such as 00:01:00;00, is the
  first frame shown after it) on the film's own clock: its timecode (a DPX scan's header, a
  film's timecode tag) where it has one, else from 00:00:00:00; a frame sequence's frames are
  found by their numbers, gaps and all.

A time falls between two frames, the nearer boundary taken. An in point starts at the frame
there; an out point ends before it, as an edit decision list's out point does, so
``--from 10 --to 20`` restores exactly ten seconds, and ``--from 01:00:00:00 --to
01:00:10:00`` 240 frames at 24 frames a second. ``film_span`` turns the points into a span of
one film, refusing in a sentence naming the film a point outside it or a span of no frames.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from fractions import Fraction

from engine.dpx import timecode_frames
from engine.errors import RekindleError
from engine.video.probe import VideoInfo
from engine.video.sequence import rate_words
from engine.words import say

_SECONDS = r"(\d+(?:\.\d+)?)"
_TIME = re.compile(rf"(?:(?:(\d+):)?(\d+):)?{_SECONDS}")
"""Seconds, after minutes and hours where given: "90.5", "1:30.5", "0:01:30.5"."""
_FRAMES = re.compile(r"(\d+)f", re.IGNORECASE)
_TIMECODE = re.compile(r"\d{1,2}:\d\d:\d\d[:;]\d\d")
NO_TIMECODE = "00:00:00:00"
DROP_FRAME_RATES = (Fraction(30000, 1001), Fraction(60000, 1001))
"""The rates whose timecode counts drop-frame (";"): NTSC's 29.97 and 59.94."""
"""The timecode of a film's first frame where it has none of its own."""


@dataclass(frozen=True)
class FilmSpan:
    """The frames of a film to restore: from ``first`` up to ``end``, the frame at ``end`` not
    included (indices from 0); ``end`` None: to the film's end. ``FilmSpan()`` is the whole
    film."""

    first: int = 0
    end: int | None = None

    def end_in(self, frames: int) -> int:
        """Where the span ends in a film of ``frames`` frames."""
        return frames if self.end is None else self.end

    def count(self, frames: int) -> int:
        """Its frames, in a film of ``frames`` frames."""
        return self.end_in(frames) - self.first

    def is_whole(self, frames: int) -> bool:
        """Whether it is every frame of a film of ``frames`` frames."""
        return self.first == 0 and self.end_in(frames) == frames

    def within(self, info: VideoInfo) -> FilmSpan:
        """The span as a restoration of the film ``info`` keeps it: its end written out, or
        ``FilmSpan()`` where it is the whole film; ``RekindleError`` naming the film where
        it holds no frames or lies outside the film's."""
        frames = info.frames
        end = self.end_in(frames)
        said = {"name": info.path.name, "frames": frames}
        if self.first < 0 or end > frames:
            raise RekindleError(
                say(
                    "{name} has frames 1 to {frames}: the part to restore, frames {first} to "
                    "{last}, goes past them",
                    first=self.first + 1,
                    last=end,
                    **said,
                )
            )
        if self.end is None and self.first >= frames:
            raise RekindleError(
                say(
                    "the in point of {name} is at its end, after its last frame ({frames}): "
                    "there is nothing after it to restore",
                    **said,
                )
            )
        if end <= self.first:
            raise RekindleError(
                say(
                    "the part of {name} to restore holds no frames: its out point must come "
                    "after its in point",
                    **said,
                )
            )
        return FilmSpan() if end - self.first == frames else FilmSpan(self.first, end)

    def settings(self) -> dict[str, object]:
        """What a job's key holds of it (``within`` first): nothing for the whole film, so
        that a whole film's work keeps its key."""
        return {} if self.end is None else {"span": [self.first, self.end]}

    def describe(self, info: VideoInfo) -> str:
        """The span in words for a restoration's record, where it is not the whole film (else
        ""): its frames by number and its times from the film's start."""
        if self.end is None:
            return ""
        first, last = info.frame_number(self.first), info.frame_number(self.end - 1)
        start, stop = clock(at_frame(info, self.first)), clock(at_frame(info, self.end))
        return f"frames {first} to {last} only ({start} to {stop})"


@dataclass(frozen=True)
class FilmPoint:
    """An in or out point as a person gives it (``text``): ``seconds`` from the film's start,
    ``frames`` from it, or an SMPTE ``timecode`` on the film's own clock; one of the three."""

    text: str
    seconds: Fraction | None = None
    frames: int | None = None
    timecode: str | None = None

    def __str__(self) -> str:
        """The point as it was given (a batch's marker holds it so)."""
        return self.text

    @classmethod
    def parse(cls, text: str) -> FilmPoint:
        """The point ``text`` gives, in a form the module's note lists; ``ValueError`` with a
        sentence for any other."""
        given = text.strip()
        if _TIMECODE.fullmatch(given):
            return cls(given, timecode=given.zfill(len(NO_TIMECODE)))
        if frames := _FRAMES.fullmatch(given):
            return cls(given, frames=int(frames.group(1)))
        time = _TIME.fullmatch(given)
        if time is None:
            raise ValueError(
                say(
                    "{text} is no point of a film: give seconds (90.5), minutes and seconds "
                    "(1:30), hours too (01:01:30.5), frames (2160f) or a timecode (01:00:00:00)",
                    text=text,
                )
            )
        hours, minutes, seconds = time.groups()
        if (minutes is not None and Fraction(seconds) >= 60) or (
            hours is not None and int(minutes) >= 60
        ):
            raise ValueError(say("{text}: minutes and seconds go up to 59 each", text=text))
        whole = (int(hours or 0) * 60 + int(minutes or 0)) * 60
        return cls(given, seconds=whole + Fraction(seconds))

    def boundary(self, info: VideoInfo, role: str) -> int:
        """The boundary between frames the point falls on in the film ``info``, as the number
        of frames before it (0: the film's start; ``info.frames``: its end); ``RekindleError``
        naming the film and the point (its ``role``: "in point" or "out point") where it falls
        outside the film, or is a timecode of another rate."""
        if self.timecode is not None:
            _check_drop_frame(info, self.text, self.timecode)
            found = _timecode_boundary(info, self.timecode)
        elif self.frames is not None:
            found = self.frames
        else:
            found = _time_boundary(info, self.seconds or Fraction(0))
        if found is None:
            raise RekindleError(
                say(
                    "{name} runs at {rate} frames a second, whose timecode has no {text}",
                    name=info.path.name,
                    rate=round(info.rate),
                    text=self.text,
                )
            )
        if found < 0:
            raise RekindleError(
                say(
                    "the {role} {text} comes before {name} starts, at {timecode}",
                    role=role,
                    text=self.text,
                    name=info.path.name,
                    timecode=info.timecode or NO_TIMECODE,
                )
            )
        if found > info.frames:
            raise RekindleError(
                say(
                    "the {role} {text} is past the end of {name}, which runs {length} "
                    "({frames} frames)",
                    role=role,
                    text=self.text,
                    name=info.path.name,
                    length=clock(Fraction(info.duration)),
                    frames=info.frames,
                )
            )
        return found


def film_span(info: VideoInfo, start: FilmPoint | None, stop: FilmPoint | None) -> FilmSpan:
    """The part of the film ``info`` from the in point ``start`` up to the out point ``stop``
    (None: its first frame, its end), ``within`` it; ``RekindleError`` naming the film where a
    point lies outside it or the part holds no frames."""
    first = 0 if start is None else start.boundary(info, say("in point"))
    end = None if stop is None else stop.boundary(info, say("out point"))
    return FilmSpan(first, end).within(info)


def span_stem(stem: str, info: VideoInfo, span: FilmSpan) -> str:
    """The stem of a film's result in a folder: ``stem``, and for a part of the film (``span``,
    ``within`` it) its frames by number ("film [frames 241-480]"), so that it is not taken
    for the whole film's result, nor another part's; a ``stem`` that ends with them already
    (the app's frames of a part go into a folder so named) is kept as it is."""
    if span.end is None:
        return stem
    first, last = info.frame_number(span.first), info.frame_number(span.end - 1)
    label = f" [frames {first}-{last}]"
    return stem if stem.endswith(label) else stem + label


def at_frame(info: VideoInfo, index: int) -> Fraction:
    """Seconds from the film's first frame to the boundary before frame ``index`` (to its end
    for ``info.frames``): the frame's stored time where the film has them, else counted at
    its rate."""
    times = info.times
    if times is None:
        return index / info.rate
    tick = times[index] if index < len(times) else times[-1] + info.last_frame_ticks()
    return (tick - times[0]) * info.time_base


def span_seconds(info: VideoInfo, span: FilmSpan) -> tuple[Fraction, Fraction]:
    """When ``span`` starts and ends, in seconds from the film's first frame."""
    return at_frame(info, span.first), at_frame(info, span.end_in(info.frames))


def clock(seconds: Fraction) -> str:
    """Seconds as a clock shows them, to the millisecond: "00:01:30.500"."""
    millis = round(seconds * 1000)
    minutes, millis = divmod(millis, 60_000)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def _time_boundary(info: VideoInfo, seconds: Fraction) -> int:
    """The boundary between frames nearest ``seconds`` from the film's first frame: the frames
    shown before it less half a frame; past ``info.frames`` where it lies beyond the film's
    end by more than half a frame."""
    half = Fraction(1, 2) / info.rate
    if seconds - half > at_frame(info, info.frames):
        return info.frames + 1
    times = info.times
    if times is None:
        return math.ceil(seconds * info.rate - Fraction(1, 2))
    ticks = times[0] + (seconds - half) / info.time_base
    return bisect.bisect_left(times, ticks)


def _check_drop_frame(info: VideoInfo, text: str, timecode: str) -> None:
    """``RekindleError`` naming the film where ``timecode`` (given as ``text``) counts its
    frames drop-frame (";") and the film does not run at a rate whose timecode does: 29.97 or
    59.94 frames a second."""
    if ";" in timecode and info.rate not in DROP_FRAME_RATES:
        raise RekindleError(
            say(
                "{text} is a drop-frame timecode, which only films of 29.97 or 59.94 frames a "
                "second have: {name} runs at {rate} (write the frames after a colon)",
                text=text,
                name=info.path.name,
                rate=rate_words(info.rate),
            )
        )


def _timecode_boundary(info: VideoInfo, timecode: str) -> int | None:
    """The boundary before the frame whose timecode is ``timecode`` on the film's clock
    (``NO_TIMECODE`` at its first frame where it has none of its own): for a frame sequence,
    before its frame of that number, or the first after it where the number is missing;
    None where ``timecode`` or the film's is no timecode at its rate. Negative before the
    film's start."""
    given = timecode_frames(timecode, info.rate)
    start = timecode_frames(info.timecode or NO_TIMECODE, info.rate)
    if given is None or start is None:
        return None
    after = given - start
    if info.sequence is None or after < 0:
        return after
    numbers = info.sequence.numbers
    number = numbers[0] + after
    if number > numbers[-1] + 1:
        return info.frames + 1  # past its end
    return bisect.bisect_left(numbers, number)
