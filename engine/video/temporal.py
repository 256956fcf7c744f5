"""Cleaning a film's frames with the frames around them, as they are decoded: its weave
(weave.py), its dust (dust.py), its grain (grain.py) and its flicker (flicker.py), in that
order, each frame beside the frames as decoded (each moved onto it once, align.py), looking
past the frames that repeat it (repeats.py). Then each frame that repeats the one before is
settled: it shows the very pixels the frame before it shows (a picture held on screen: the
cleaned frame it was first shown on), which the model restores once for them all; or, with
Smooth repeated frames, a frame shown twice is replaced by one made halfway between the cleaned
frames around it (inbetween.py). A stretch of the film (a resumed run, a cluster's segment, a
preview's one frame) decodes the frames beside its ends too, so it comes out as the whole
film's run makes it, but for a picture held across its start: the stretch cannot see where it
was first shown, so shows it from the first frame it cleans before itself (the same picture,
as repeats are told), and the model restores it once more there.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TypeVar

import numpy as np

from engine.retouch.fill import fill_marks
from engine.video.align import Aligned, Aligner
from engine.video.dust import fill_dust, neighbours_of
from engine.video.fields import split, woven
from engine.video.flicker import REACH as FLICKER_REACH
from engine.video.flicker import brightness_map, shot_reach, steady
from engine.video.frames import Frame
from engine.video.grain import REACH as GRAIN_REACH
from engine.video.grain import calm_grain
from engine.video.inbetween import inbetween
from engine.video.probe import VideoReadError
from engine.video.repeats import glance, repeats, showing, shown_twice, shows_again
from engine.video.weave import REACH as WEAVE_REACH
from engine.video.weave import Footing, footing, steadied, step
from engine.words import say

T = TypeVar("T")
DUST_REACH = 2  # frames each side dust removal may compare with (two inward at the film's ends)
SETTLE_BEFORE = 1  # cleaned frames before a frame that settling it needs (the frame it repeats)
SMOOTH_BEFORE = 2  # with Smooth repeated frames: telling whether a repeat is a lone one needs two
SMOOTH_AFTER = 1  # and the frame after it
MOST_WORKERS = 8  # frames cleaned at once at most (a 4K frame and its result are 50 MB)


@dataclass(frozen=True)
class FilmCleanup:
    """What is taken out of a film's frames before they are enlarged."""

    remove_dust: bool = False  # dust and dirt one frame shows and its neighbours do not
    steady_flicker: bool = False  # each frame brought to its shot's steady brightness
    calm_grain: bool = False  # each frame averaged with its neighbours where they look alike
    steady_picture: bool = False  # each frame moved to where its shot's frames say it lies
    smooth_repeats: bool = False  # a frame shown twice replaced by one halfway to the next

    def __bool__(self) -> bool:
        return bool(self.settings())

    @property
    def reach(self) -> int:
        """Frames each side of a frame that cleaning it needs."""
        return max(
            DUST_REACH if self.remove_dust else 0,
            FLICKER_REACH if self.steady_flicker else 0,
            GRAIN_REACH if self.calm_grain else 0,
            WEAVE_REACH if self.steady_picture else 0,
        )

    def settings(self) -> dict[str, bool]:
        """The choices that are on, for a film's settings key (none when nothing is)."""
        names = ("remove_dust", "steady_flicker", "calm_grain", "steady_picture", "smooth_repeats")
        return {name: True for name in names if getattr(self, name)}

    def describe(self) -> list[str]:
        """What was done, in words for a film's record."""
        words = {
            "remove_dust": "dust removed",
            "steady_flicker": "flicker steadied",
            "calm_grain": "grain calmed",
            "steady_picture": "picture steadied",
            "smooth_repeats": "repeated frames made in-between",
        }
        return [words[name] for name in self.settings()]


def marked(decoded: Iterator[Frame], marks: np.ndarray | None) -> Iterator[Frame]:
    """``decoded`` with the places ``marks`` holds (what stays put on every frame: a hair in
    the gate, a scratch down one column) filled in on each frame, each frame's fill seeded by
    its number; what was decoded is kept as its ``source``. They are filled before the frames
    are cleaned, where the marks were drawn: on the frames as decoded, before any is moved.
    ``decoded`` is closed when this is."""
    try:
        for frame in decoded:
            if marks is None:
                yield frame
                continue
            filled = fill_marks(frame.pixels, marks, seed=frame.index).pixels
            yield replace(frame, pixels=filled, source=frame.pixels)
    finally:
        close = getattr(decoded, "close", None)
        if close is not None:
            close()


def context(first: int, end: int, frames: int, cleanup: FilmCleanup) -> tuple[int, int]:
    """The frames (first, end) to decode so that frames ``first`` to ``end`` (exclusive) of a
    film of ``frames`` can be cleaned as ``cleanup`` says."""
    before, after = _settling_margins(cleanup)
    reach = cleanup.reach
    return max(0, first - reach - before), min(frames, end + reach + after)


def _settling_margins(cleanup: FilmCleanup) -> tuple[int, int]:
    """Frames before and after a stretch that are cleaned too, for settling its repeats."""
    return (SMOOTH_BEFORE, SMOOTH_AFTER) if cleanup.smooth_repeats else (SETTLE_BEFORE, 0)


def cleaned(
    decoded: Iterator[Frame],
    first: int,
    end: int,
    frames: int,
    cleanup: FilmCleanup,
    workers: int = 1,
    fields_kept: bool = False,
) -> Iterator[Frame]:
    """Frames ``first`` to ``end`` (exclusive) of a film of ``frames``, cleaned as ``cleanup``
    says (nothing but settling repeats when it says nothing), from ``decoded``: consecutive
    frames from ``context(...)[0]`` on. A frame that changed keeps what was decoded as its
    ``source``. ``decoded`` is closed when this is. With ``fields_kept`` (an interlaced film
    whose fields are kept, ``fields.keeping``), each field of a frame is moved and compared
    with its neighbours on its own, so that none takes the other's moment.

    With ``workers`` above 1, that many frames are cleaned at once on threads (for a model on
    a GPU, which leaves the CPU's cores free); the frames come out the same, in order."""
    before, after = _settling_margins(cleanup)
    lo, hi = max(0, first - before), min(frames, end + after)
    stream = _cleaned(decoded, lo, hi, frames, cleanup, workers, fields_kept)
    return _settled(stream, first, end, cleanup.smooth_repeats)


def _cleaned(
    decoded: Iterator[Frame],
    first: int,
    end: int,
    frames: int,
    cleanup: FilmCleanup,
    workers: int,
    fields_kept: bool,
) -> Iterator[Frame]:
    """``cleaned``, less the smoothing of repeats."""
    reach = cleanup.reach
    window: dict[int, Frame] = {}
    measures = _Measures()
    pool: Executor = ThreadPoolExecutor(workers, "rekindle-cleanup") if workers > 1 else _Now()
    pending: deque[Future[Frame]] = deque()
    try:
        for index in range(first, end):
            last = min(frames - 1, index + reach)
            while last not in window:
                frame = next(decoded, None)
                if frame is None:
                    raise VideoReadError(say("frame {index} could not be decoded", index=last))
                window[frame.index] = frame
                measures.add(frame, window.get(frame.index - 1), cleanup, pool)
            near = range(index - reach, index + reach + 1)
            around = measures.around(near)
            pending.append(
                pool.submit(_clean, index, window.copy(), around, frames, cleanup, fields_kept)
            )
            while len(pending) >= workers:
                yield pending.popleft().result()
            for old in [old for old in window if old <= index - reach]:
                del window[old]
                measures.forget(old)
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        close = getattr(decoded, "close", None)
        if close is not None:
            close()


@dataclass
class _Measures:
    """What is measured once on each frame as it is decoded, for the frames cleaned beside it:
    the brightness maps (the flicker's, and where a shot ends for the grain's), the weave's
    footings and its steps from frame to frame (``steps[k]``: from frame k - 1 to frame k),
    and which frames repeat the one before."""

    maps: dict[int, Future[np.ndarray]] = field(default_factory=dict)
    footings: dict[int, Future[Footing]] = field(default_factory=dict)
    steps: dict[int, Future[tuple[float, float] | None]] = field(default_factory=dict)
    repeated: dict[int, Future[bool]] = field(default_factory=dict)

    def add(self, frame: Frame, before: Frame | None, cleanup: FilmCleanup, pool: Executor) -> None:
        """Measure ``frame`` as it is decoded (``before``: the frame before it, if decoded)."""
        index = frame.index
        if (cleanup.remove_dust or cleanup.calm_grain) and before is not None:
            self.repeated[index] = pool.submit(repeats, before.pixels, frame.pixels)
        if cleanup.steady_flicker or cleanup.calm_grain:
            self.maps[index] = pool.submit(brightness_map, frame.pixels)
        if cleanup.steady_picture:
            own = self.footings[index] = pool.submit(footing, frame.pixels)
            earlier = self.footings.get(index - 1)
            if earlier is not None:
                self.steps[index] = pool.submit(lambda: step(earlier.result(), own.result()))

    def around(self, near: range) -> _Measures:
        """Those of the frames ``near``."""
        return _Measures(*({i: part[i] for i in near if i in part} for part in self._parts()))

    def forget(self, index: int) -> None:
        for part in self._parts():
            part.pop(index, None)

    def _parts(self) -> tuple[dict[int, Future], ...]:
        return self.maps, self.footings, self.steps, self.repeated


class _Now(Executor):
    """Runs each call at once, on the calling thread: ``cleaned`` with one worker."""

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        done: Future[T] = Future()
        done.set_result(fn(*args, **kwargs))
        return done


def _clean(
    index: int,
    window: dict[int, Frame],
    measures: _Measures,
    frames: int,
    cleanup: FilmCleanup,
    fields_kept: bool,
) -> Frame:
    frame = window[index]
    pixels = frame.pixels
    near = {i: other.pixels for i, other in window.items()}
    if cleanup.steady_picture:
        steps = {i: future.result() for i, future in measures.steps.items()}
        pixels = steadied(index, near, steps, fields_kept)
    if cleanup.remove_dust or cleanup.calm_grain:
        compared = partial(_compared, index, measures, frames, cleanup)
        pixels = _by_field(compared, pixels, near) if fields_kept else compared(pixels, near)
    if cleanup.steady_flicker:
        maps = {i: future.result() for i, future in measures.maps.items()}
        pixels = steady(pixels, index, maps)
    if pixels is frame.pixels:
        return frame
    return replace(
        frame, pixels=pixels, source=frame.pixels if frame.source is None else frame.source
    )


def _compared(
    index: int,
    measures: _Measures,
    frames: int,
    cleanup: FilmCleanup,
    pixels: np.ndarray,
    near: Mapping[int, np.ndarray],
) -> np.ndarray:
    """``pixels`` (frame ``index``'s as cleaned so far, of a film of ``frames``) with the
    cleanups that compare it with its neighbours moved onto it done (dust, grain) as
    ``cleanup`` says; ``near``: the frames decoded around it, by index (or one field of each,
    ``pixels`` being that field of the frame)."""
    aligner = Aligner(pixels)
    aligned: dict[int, Aligned] = {}

    def moved(other: int) -> Aligned:
        if other not in aligned:
            aligned[other] = aligner.align(near[other])
        return aligned[other]

    # repeats told by frames both in every stretch's window around this frame
    reach = cleanup.reach
    repeated = {
        i: future.result()
        for i, future in measures.repeated.items()
        if index - reach < i <= index + reach
    }
    pair = neighbours_of(index, frames, repeated)
    if pair is not None and not all(other in near for other in pair):
        pair = neighbours_of(index, frames)
    if cleanup.remove_dust and pair is not None:
        pixels = fill_dust(aligner, (moved(pair[0]), moved(pair[1]))).pixels
    if cleanup.calm_grain:
        same = showing(index, repeated)
        maps = {i: future.result() for i, future in measures.maps.items() if i in near}
        shot = _shot_of(index, GRAIN_REACH, maps)
        pixels = calm_grain(pixels, [moved(i) for i in shot if i not in same])
    return pixels


def _by_field(
    clean: Callable[[np.ndarray, Mapping[int, np.ndarray]], np.ndarray],
    pixels: np.ndarray,
    near: Mapping[int, np.ndarray],
) -> np.ndarray:
    """``clean`` done on each field of the interlaced frame ``pixels`` with the same field of
    the frames ``near`` it (``fields.split``), the two woven again: the fields of a frame
    whose fields are kept show two moments, which a neighbour moved onto the whole frame
    would mix. The same array where neither field changes."""
    parts = split(pixels)
    done = [
        clean(part, {i: split(other)[parity] for i, other in near.items()})
        for parity, part in enumerate(parts)
    ]
    if all(one is part for one, part in zip(done, parts, strict=True)):
        return pixels
    return woven(*done, len(pixels))


def _shot_of(index: int, reach: int, maps: Mapping[int, np.ndarray]) -> range:
    """The frames within ``reach`` of frame ``index`` that belong to its shot, as far as
    ``maps`` (brightness maps, by frame) hold: outward each way until a cut
    (``flicker.shot_reach``), so that no frame is blended with another shot's."""
    near = {i: maps[i] for i in range(index - reach, index + reach + 1) if i in maps}
    before, after = (shot_reach(index, near, step) for step in (-1, 1))
    return range(index - before, index + after + 1)


@dataclass(frozen=True)
class _Seen:
    """A cleaned frame beside the ``glance`` of it as decoded, which repeats are told from."""

    frame: Frame
    glance: np.ndarray


def _settled(stream: Iterator[Frame], first: int, end: int, smooth: bool) -> Iterator[Frame]:
    """Frames ``first`` to ``end`` of ``stream`` (cleaned frames, from the margins
    ``_settling_margins`` asks for on), each frame that repeats the one before settled: with
    ``smooth``, a frame shown twice (``repeats.shown_twice``) replaced by the frame halfway
    between its neighbours where one can be made; any other repeat given the very pixels the
    frame before it shows (``_shows``), so that a picture held on screen is one array, which
    the model restores once. Repeats are told from the frames as decoded.
    ``stream`` is closed when this is."""
    held: deque[_Seen] = deque(maxlen=3)  # the newest frames, the one to give among them
    repeated: dict[int, bool] = {}
    lag = 1 if smooth else 0  # a frame is given once the frame after it is known
    shown: _Seen | None = None  # what the frame settled last shows
    try:
        for frame in stream:
            seen = _Seen(frame, glance(_decoded(frame)))
            if held:
                repeated[frame.index] = shows_again(held[-1].glance, seen.glance)
                repeated.pop(frame.index - 3, None)  # what no frame still to give needs
            held.append(seen)
            place = len(held) - 1 - lag  # of the frame to give, in ``held``
            if place < 0:
                continue
            shown = _shows(held[place - 1] if place else None, held[place], shown, repeated)
            if first <= held[place].frame.index < end:
                after = held[place + 1].frame if lag else None
                yield _settle(held[place], shown, after, repeated)
        if lag and held and first <= held[-1].frame.index < end:  # the film's last frame
            before = held[-2] if len(held) > 1 else None
            yield _settle(held[-1], _shows(before, held[-1], shown, repeated), None, repeated)
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _shows(
    before: _Seen | None, seen: _Seen, shown: _Seen | None, repeated: dict[int, bool]
) -> _Seen:
    """The frame whose cleaned pixels ``seen`` shows: itself, unless it repeats the frame
    ``before`` it; then what that frame shows (``shown``: the first frame of a picture held)
    while it is still that picture, else that frame itself. A picture held long is thus one
    frame's pixels throughout, yet a slow change that repeats each frame before it (a fade)
    moves on: no frame shows one it does not repeat. A stretch of the film has no frame before
    its margins, so a picture held across its start is shown from its first margin on."""
    if before is None or not repeated.get(seen.frame.index, False):
        return seen
    if shown is not None and shows_again(shown.glance, seen.glance):
        return shown
    return before


def _settle(seen: _Seen, shows: _Seen, after: Frame | None, repeated: dict[int, bool]) -> Frame:
    """The frame to give for ``seen``, which ``shows`` the cleaned pixels of ``shows``: a frame
    shown twice, with the frame ``after`` it known, is made halfway between them where it can
    be (``shows`` is then the frame before it, shown once)."""
    frame = seen.frame
    if shows is seen:
        return frame
    if after is not None and shown_twice(frame.index, repeated):
        halfway = inbetween(shows.frame.pixels, after.pixels)
        if halfway is not None:
            return replace(frame, pixels=halfway, source=_decoded(frame))
    return replace(frame, pixels=shows.frame.pixels, source=_decoded(frame))


def _decoded(frame: Frame) -> np.ndarray:
    return frame.pixels if frame.source is None else frame.source


def cleanup_workers(device_type: str) -> int:
    """Frames to clean at once for a model on ``device_type``: the CPU's cores less one (up to
    ``MOST_WORKERS``) when the model runs elsewhere (a GPU), one when the model needs them."""
    return min(MOST_WORKERS, max(1, (os.cpu_count() or 1) - 1)) if device_type != "cpu" else 1
