"""Restoring a whole film: probe, restore frame by frame in resumable segments, join."""

from __future__ import annotations

import itertools
import math
import os
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from engine.added_grain import add_grain
from engine.atomic import staged_file
from engine.chain import model_identity
from engine.errors import RekindleError, WriteError
from engine.fading import LUMA, FadingFix
from engine.leftovers import sweep_once
from engine.pixels import LOSSY_FILM_GREY, GreyRule, as_rgb
from engine.preflight import MEGABYTE, free_bytes
from engine.progress import Progress, silent
from engine.restorer import RestoreOptions, Restorer
from engine.retouch.marks import count_places, marks_digest
from engine.tiling import round_up
from engine.video.codecs import (
    CONTAINERS,
    DEFAULT_CODEC,
    VideoCodec,
    choose_codec,
    codec_named,
    container_format,
)
from engine.video.encoder import EncodePlan, kept_fields
from engine.video.fields import TELECINE, VIDEO, Fields, joining, keeping, split, woven
from engine.video.film_fading import between_the_ends, measure_film_fading
from engine.video.frames import Frame, before_frame, decode_frames
from engine.video.join import holds_copied, join_segments, sound_conversions
from engine.video.pipeline import PipelineStats, Sink, run_pipeline
from engine.video.probe import VideoInfo, VideoReadError, open_input, probe, probe_sequence
from engine.video.segments import (
    Journal,
    SegmentWriter,
    WorkFolder,
    job_key,
    other_unfinished_work,
    recorded_probe,
    remove_work_folders,
    work_folder,
)
from engine.video.sequence import (
    FrameSequence,
    SequenceOptions,
    frame_sequence,
    names_sequence,
    rate_words,
)
from engine.video.span import FilmSpan
from engine.video.still import FrameReader
from engine.video.temporal import FilmCleanup, cleaned, cleanup_workers, context, marked
from engine.words import all_of, any_of, listed, say

SEGMENT_FRAMES = 120
"""Frames per segment at most: each segment starts with a keyframe (5 s at 24 fps, a usual
keyframe interval)."""
SEGMENT_SECONDS = 60.0
"""Seconds of work per segment at most: a killed run redoes no more than this (on a slow
machine a segment closes before ``SEGMENT_FRAMES``, at a small cost in file size)."""
MAX_BATCH = 8
QUEUE_FRAMES = 4
JUDGED_FRAMES = 16
"""Frames across a film its colour is judged on (``judged_frames``); none is read after the
first in colour."""
FRAMES_SHARE = 0.99  # of the progress bar; joining the segments takes the rest
FRAME = "frame"  # the unit of a film's progress events while its frames are restored
SHOW_SECONDS = 0.25
"""A restored frame goes to a film's ``on_frame`` listener at most this often: a viewer that
follows the work wants a few a second, not every frame."""
SHOW_SHARE = 0.05
"""The listener takes at most this share of the restoring thread's time: one slow to take a
large frame (into an image to show) is given frames less often."""
SUBSAMPLED = ("yuv420", "yuv422")
DEFAULT_SUFFIX = ".mp4"
ROOMY_SUFFIX = ".mkv"  # Matroska holds nearly any audio and subtitle stream
JOINED_WORDS = {VIDEO: say("deinterlaced"), TELECINE: say("fields matched into film frames")}
"""How an interlaced film's frames were made whole, in words for its record and reports."""
JOINED_KEYS = {VIDEO: VIDEO, TELECINE: TELECINE}
"""...and for its settings key."""


@dataclass(frozen=True)
class VideoOptions:
    """How to restore a film: its frames as photos are (``frames``: scale, tile, ensemble,
    and fading, corrected once for the whole film by film_fading.py; a ``size`` is for photos
    only), and how to write and divide the film."""

    frames: RestoreOptions = field(default_factory=RestoreOptions)
    codec: str = DEFAULT_CODEC
    crf: int | None = None  # None: the codec's default (h264 18, h265 20)
    deinterlace: bool = True  # an interlaced film's frames are made whole before enlarging
    # dust and flicker taken out first (temporal.py)
    cleanup: FilmCleanup = field(default_factory=FilmCleanup)
    # places filled on every frame (a hair in the gate, a scratch or a logo that stays put),
    # a mask of the frame's size: engine/retouch
    marks: np.ndarray | None = field(default=None, compare=False, repr=False)
    segment_frames: int = SEGMENT_FRAMES
    segment_seconds: float = SEGMENT_SECONDS
    batch: int = 0  # frames per model call; 0: automatic (batches on CUDA only)
    overwrite: bool = False
    # how a frame sequence given as the film is read: its rate, and whether gaps are taken
    sequence: SequenceOptions = field(default_factory=SequenceOptions)
    # the part of the film restored (span.py): its in and out points; by default the whole
    span: FilmSpan = field(default_factory=FilmSpan)


@dataclass(frozen=True)
class VideoReport:
    target: Path
    frames: int  # frames restored: the film's, or its span's
    resumed_from: int  # of them, those already done by an earlier run
    seconds: float  # wall time of this run
    model_seconds: float  # of which the model ran (on the calling thread)
    decode_seconds: float = 0.0  # the decoder thread's busy time (it overlaps the model's)
    encode_seconds: float = 0.0  # the encoder thread's (segments written), overlapping too
    join_seconds: float = 0.0  # joining the segments with the sound, after the frames
    damaged_frames: tuple[int, ...] = ()  # source frames the decoder had to patch up
    joined: str = ""  # how an interlaced film's frames were made whole: VIDEO, TELECINE or ""
    first: int = 0  # the film's frame its frames start at (its span's in point)
    fading_found: bool | None = None  # whether the film showed fading, where a fix was asked

    @property
    def frames_per_second(self) -> float:
        restored = self.frames - self.resumed_from
        return restored / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, eq=False)
class RestoredFrame:
    """A frame just restored, beside its source frame as decoded (before any fading fix)."""

    index: int  # in the film, from 0
    source: np.ndarray
    restored: np.ndarray


FrameListener = Callable[[RestoredFrame], None]


def auto_batch(restorer: Restorer, width: int, height: int) -> int:
    """Frames of ``width`` x ``height`` per model call: on CUDA, as many whole frames as fit
    the area of one tile (a small frame leaves the GPU idle); elsewhere one, since the CPU
    gains nothing from it."""
    if restorer.device.type != "cuda":
        return 1
    multiple = restorer.model.descriptor.size_multiple
    area = round_up(width, multiple) * round_up(height, multiple)
    return max(1, min(MAX_BATCH, restorer.tile**2 // area))


def _settings(
    restorer: Restorer,
    plan: EncodePlan,
    scale_out: int,
    options: VideoOptions,
    joined: Fields | None = None,
    fading: FadingFix | None = None,
    black_and_white: bool = False,
) -> dict:
    """What a film's segments depend on: its frames (``frame_settings``), how many a segment
    holds and how they are encoded; a run that differs in any of these starts afresh."""
    return {
        **frame_settings(restorer, scale_out, options, joined, fading, black_and_white),
        "segment_frames": options.segment_frames,
        "encode": plan.describe(),
    }


def frame_settings(
    restorer: Restorer,
    scale_out: int,
    options: VideoOptions,
    joined: Fields | None = None,
    fading: FadingFix | None = None,
    black_and_white: bool = False,
) -> dict:
    """What a film's restored frames depend on, whatever they are written into. Settings
    added later appear only when used, so older unfinished films keep their key."""
    return {
        "model": model_identity(restorer.model),
        **restorer.chain.stage_identity(),  # 1x models chained before and after
        "scale_out": scale_out,
        **({"ensemble": True} if options.frames.ensemble else {}),
        **({"grain": options.frames.grain} if options.frames.grain else {}),
        **({"deinterlace": JOINED_KEYS[joined.kind]} if joined is not None else {}),
        **options.cleanup.settings(),
        **({"marks": marks_digest(options.marks)} if options.marks is not None else {}),
        **({"fix_fading": fading.describe()} if fading is not None else {}),
        **({"black_and_white": True} if black_and_white else {}),
        **options.span.settings(),
    }


class FrameRestorer:
    """The pipeline's middle stage: restores batches of frames, reports progress with ETA,
    hands the latest restored frame to ``on_frame`` now and then (``SHOW_SECONDS``,
    ``SHOW_SHARE``), and stops between frames (and between tiles) when cancelled. A frame
    given the very pixels of the frame before it (a repeat, ``temporal.cleaned``) gets that
    frame's result without the model. An interlaced film whose fields are kept
    (``fields.keeping``) has each field enlarged on its own, both fields of a batch's frames
    in one call, and woven again. Frames whose index ``wanted`` does not take (those of a
    finished set still there) are passed by, neither restored nor handed on: the film's
    frames around them are still cleaned as its whole run cleans them, and the model runs
    only for the pictures the wanted frames show."""

    def __init__(
        self,
        restorer: Restorer,
        job: FilmFrames,
        total: int,
        done: int,
        progress: Progress,
        on_frame: FrameListener | None = None,
        wanted: Callable[[int], bool] | None = None,
    ) -> None:
        self.restorer = restorer
        self.wanted = wanted or _every_frame
        self.fading = job.fading
        self.grey = film_grey(job.black_and_white, job.options.marks)
        self.options = job.options
        self.scale_out = job.scale_out
        self.fields_kept = keeping(job.info.fields, job.options.deinterlace) is not None
        self.total = total
        self.first = done
        self.done = done
        self.progress = progress
        self.frames_progress = progress.span(0.0, FRAMES_SHARE)
        self.started = time.perf_counter()
        self.model_seconds = 0.0
        self.on_frame = on_frame
        self._show_after = 0.0  # the first frame restored is shown at once
        self._last: _Picture | None = None  # the picture the last frame showed
        self._report()

    def __call__(self, frames: list[Frame]) -> list[Frame]:
        self.progress.check()
        total = max(self.total, 1)
        part = self.frames_progress.span(
            self.done / total, min(self.done + len(frames), total) / total
        )
        began = time.perf_counter()
        shown = self._pictures(frames)
        restoring = [
            (frame, picture)
            for frame, picture in zip(frames, shown, strict=True)
            if self.wanted(frame.index)
        ]
        self._make([picture for _, picture in restoring], part)
        pixels = [self._result(frame.index, picture) for frame, picture in restoring]
        self.model_seconds += time.perf_counter() - began
        self.done += len(frames)
        self._report()
        if restoring:
            self._show(restoring[-1][0], pixels[-1])
        return [
            replace(frame, pixels=restored)
            for (frame, _), restored in zip(restoring, pixels, strict=True)
        ]

    def _pictures(self, frames: list[Frame]) -> list[_Picture]:
        """The picture each of ``frames`` shows: a new one where its pixels are not the very
        pixels of the frame before it, else that frame's."""
        shown, last = [], self._last
        for frame in frames:
            if last is None or frame.pixels is not last.given:
                last = _Picture(frame.pixels, frame.index)
            shown.append(last)
        self._last = last
        return shown

    def _make(self, pictures: list[_Picture], part: Progress) -> None:
        """Enlarge those of ``pictures`` not enlarged yet, each once, in one call."""
        waiting = list(dict.fromkeys(p for p in pictures if p.enlarged is None))
        if not waiting:
            return
        made = self._enlarge([picture.given for picture in waiting], part)
        for picture, enlarged in zip(waiting, made, strict=True):
            picture.enlarged = enlarged

    def _result(self, index: int, picture: _Picture) -> np.ndarray:
        """Frame ``index``'s result, which shows ``picture``: its own grain on the picture
        enlarged, as a film's grain moves through a picture held; but a frame shown twice
        (the frame after the picture's first) is that film frame again, grain and all."""
        grain = self.options.frames.grain
        if index - picture.first > 1:
            return with_grain(picture.enlarged, index, grain)
        if picture.written is None:
            picture.written = with_grain(picture.enlarged, picture.first, grain)
        return picture.written

    def _enlarge(self, inputs: list[np.ndarray], part: Progress) -> list[np.ndarray]:
        fading, grey = self.fading, self.grey
        sources = inputs if fading is None else [unfaded_frame(p, fading, grey) for p in inputs]
        if not self.fields_kept:
            return self._enlarged(sources, part)
        fields = self._enlarged([field for frame in sources for field in split(frame)], part)
        height = sources[0].shape[0] * self.scale_out
        return [
            woven(top, bottom, height)
            for top, bottom in zip(fields[::2], fields[1::2], strict=True)
        ]

    def _enlarged(self, pictures: list[np.ndarray], part: Progress) -> list[np.ndarray]:
        """``pictures`` of one size enlarged, in one call to the model."""
        tile, ensemble = self.options.frames.tile, self.options.frames.ensemble
        pixels = pictures[0] if len(pictures) == 1 else np.stack(pictures)
        enlarged = self.restorer.enlarge(pixels, self.scale_out, part, tile, ensemble, self.grey)
        return [enlarged] if len(pictures) == 1 else list(enlarged)

    def _show(self, frame: Frame, restored: np.ndarray) -> None:
        now = time.perf_counter()
        if self.on_frame is None or now < self._show_after:
            return
        source = frame.pixels if frame.source is None else frame.source
        self.on_frame(RestoredFrame(frame.index, source, restored))
        cost = time.perf_counter() - now
        self._show_after = now + max(SHOW_SECONDS, cost / SHOW_SHARE)

    def _report(self) -> None:
        said = [say("{done}/{total} frames", done=self.done, total=self.total)]
        elapsed = time.perf_counter() - self.started
        restored = self.done - self.first
        if restored and elapsed > 0:
            said.append(say("{rate:.2f} fps", rate=restored / elapsed))
        self.frames_progress.update(
            self.done, self.total, listed(said), unit=FRAME, resumed_from=self.first
        )


@dataclass(eq=False)
class _Picture:
    """A picture that one frame or more show (a picture held is one array): the pixels given,
    the first frame showing it, its result before grain is added (once a frame to restore
    shows it) and that first frame's result."""

    given: np.ndarray
    first: int
    enlarged: np.ndarray | None = None
    written: np.ndarray | None = None


def _every_frame(index: int) -> bool:
    """What a ``FrameRestorer`` not told which frames it wants restores: each."""
    return True


def with_grain(pixels: np.ndarray, index: int, strength: float) -> np.ndarray:
    """Film frame ``index`` restored (``pixels``) with fine grain of ``strength`` added, its
    own for each frame (``engine.added_grain``)."""
    return add_grain(pixels, strength, seed=index)


def frame_numbers(indices: Sequence[int], limit: int = 6) -> str:
    """Frame indices as people count frames (from 1), runs joined: "3–7, 35, 40", with "…"
    after ``limit`` runs; the words around it are the caller's, in its own language."""
    runs: list[list[int]] = []
    for index in sorted(set(indices)):
        if runs and index == runs[-1][1] + 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    parts = [f"{a + 1}" if a == b else f"{a + 1}–{b + 1}" for a, b in runs[:limit]]
    return ", ".join(parts) + (", …" if len(runs) > limit else "")


def output_suffix(info: VideoInfo, codec: str = DEFAULT_CODEC) -> str:
    """The suffix to write a restored film with: the source's own when ``codec`` fits in it
    (.mp4, .mkv, .mov), else the codec's own container (ProRes .mov, FFV1 .mkv), else .mp4, or
    .mkv when .mp4 cannot hold the source's audio or subtitle streams."""
    fits = codec_named(codec).suffixes
    own = info.path.suffix.lower()
    if own in fits:
        return own
    if DEFAULT_SUFFIX not in fits:
        return fits[0]
    return DEFAULT_SUFFIX if _holds(info, DEFAULT_SUFFIX) else ROOMY_SUFFIX


def _holds(info: VideoInfo, suffix: str) -> bool:
    """Whether a ``suffix`` file can hold every audio and subtitle stream of the film."""
    return holds_copied(info, CONTAINERS[suffix])


def _check_streams_fit(info: VideoInfo, codec: VideoCodec, suffix: str) -> None:
    """Refuse, before any work, sound or subtitles that a ``suffix`` file cannot hold, saying
    which output types hold them with ``codec`` (or that another codec is needed)."""
    if _holds(info, suffix):
        return
    lost = [s for s in info.copied if not _holds(replace(info, copied=(s,)), suffix)]
    streams = all_of([s.describe() for s in lost or info.copied])
    said = {"streams": streams, "name": info.path.name, "suffix": suffix}
    holders = [other for other in CONTAINERS if _holds(info, other)]
    fits = [other for other in holders if other in codec.suffixes]
    if fits:
        raise RekindleError(
            say(
                "{streams} of {name} cannot be copied into a {suffix} file; write a {fits} file "
                "instead",
                fits=any_of(fits),
                **said,
            )
        )
    if holders and len(lost) > 1:
        raise RekindleError(
            say(
                "{streams} of {name} cannot be copied into a {suffix} file; a {holders} file "
                "holds them, which {codec} cannot go into: choose another codec",
                holders=any_of(holders),
                codec=codec.name,
                **said,
            )
        )
    if holders:
        raise RekindleError(
            say(
                "{streams} of {name} cannot be copied into a {suffix} file; a {holders} file "
                "holds it, which {codec} cannot go into: choose another codec",
                holders=any_of(holders),
                codec=codec.name,
                **said,
            )
        )
    raise RekindleError(
        say(
            "{streams} of {name} cannot be copied into a {suffix} file; no {containers} file "
            "holds all of its streams",
            containers=", ".join(CONTAINERS),
            **said,
        )
    )


def _check_paths(source: Path, target: Path, overwrite: bool) -> None:
    if target.exists():
        if source.exists() and os.path.samefile(source, target):
            raise RekindleError(say("{name}: the output would replace the input", name=target.name))
        if not overwrite:
            raise RekindleError(
                say("{name} already exists (choose to overwrite it)", name=target.name)
            )


@dataclass(frozen=True)
class FilmFrames:
    """A film checked and ready to restore frame by frame: what restoring each of its frames
    takes, whatever they are written into (a film: ``FilmJob``; numbered picture files:
    ``engine.video.frame_files``)."""

    source: Path
    info: VideoInfo
    scale_out: int
    options: VideoOptions
    fading: FadingFix | None
    black_and_white: bool  # every frame made grey (``black_and_white_film``)
    joined: Fields | None  # how an interlaced film's frames are made whole (fields.joining)
    description: str  # what was done, recorded in the result

    @property
    def fading_found(self) -> bool | None:
        """Whether the film showed fading to fix, where a fix was asked (None: not asked)."""
        return None if self.fading is None else self.fading.faded

    def settings(self, restorer: Restorer) -> dict:
        """What its restored frames depend on (``frame_settings``)."""
        return frame_settings(
            restorer,
            self.scale_out,
            self.options,
            self.joined,
            self.fading,
            self.black_and_white,
        )

    @property
    def bounds(self) -> tuple[int, int]:
        """The film's frames it restores, (first, end): all, or its span's."""
        span = self.options.span
        return span.first, span.end_in(self.info.frames)

    def given(self) -> dict[str, object]:
        """Its fields by name, for a job made of it."""
        return {item.name: getattr(self, item.name) for item in fields(FilmFrames)}


@dataclass(frozen=True)
class FilmJob(FilmFrames):
    """A film checked and ready to restore into a film file: what all its segments share,
    whichever machine makes them (plain data, so it can travel to a cluster's workers)."""

    target: Path
    codec: VideoCodec
    container: str
    plan: EncodePlan
    key: str
    folder: WorkFolder


def black_and_white_film(frames: Iterable[np.ndarray], marks: np.ndarray | None = None) -> bool:
    """Whether ``frames``, spread across a film, are of a black-and-white film: each grey
    within what a lossy codec leaves of grey (``LOSSY_FILM_GREY``), the places ``marks``
    holds (filled on every frame: a coloured logo, say) left out. A film is judged once, as a
    whole: judged frame by frame, a DivX film's P-frames a code off grey came out tinted
    between grey ones."""
    rule = film_frame_grey(marks)
    return all(rule.holds(frame) for frame in frames)


def film_frame_grey(marks: np.ndarray | None = None) -> GreyRule:
    """How a frame of a film is judged grey: within what a lossy codec leaves of grey
    (``LOSSY_FILM_GREY``), the places ``marks`` holds left out."""
    return GreyRule(LOSSY_FILM_GREY, marks)


def film_grey(black_and_white: bool, marks: np.ndarray | None = None) -> bool | GreyRule:
    """Which of a film's frames a restore (and a preview of one) makes grey, as
    ``Restorer.enlarge``'s ``grey``: every one of a black-and-white film
    (``film_is_black_and_white``); of a colour film, each frame judged on its own by
    ``film_frame_grey``, so every frame of a black-and-white shot in it comes out grey, not
    those alone that a codec left exactly grey."""
    return True if black_and_white else film_frame_grey(marks)


def unfaded_frame(pixels: np.ndarray, fading: FadingFix, grey: bool | GreyRule) -> np.ndarray:
    """A film's frame ``pixels`` with the film's ``fading`` taken away, before it is enlarged
    (by a restore and a preview of one alike). A frame that ``grey`` (``film_grey``) makes
    grey, judged as decoded (a black-and-white shot in a colour film), gets the levels of its
    brightness only (``brightness_fix``) and stays grey: the film's channel by channel
    correction, measured on its colour frames, would tint it, and the tint would keep it
    from being judged grey after."""
    if not fading.faded:
        return pixels
    if grey is True or (isinstance(grey, GreyRule) and grey.holds(pixels)):
        brightness = cv2.transform(np.ascontiguousarray(pixels), LUMA[None])
        return as_rgb(brightness_fix(fading).apply(brightness))
    return fading.apply(pixels)


def brightness_fix(fading: FadingFix) -> FadingFix:
    """``fading`` as it changes a grey's brightness (the ``LUMA`` of its channels
    corrected), one black point and gain for every channel: a grey picture it corrects
    stays grey."""
    if len(fading.gain) == 1:
        return fading
    black, gain = np.array(fading.black), np.array(fading.gain)
    brightness_gain = float(LUMA @ gain)
    brightness_black = float(LUMA @ (gain * black)) / brightness_gain
    return FadingFix((brightness_black,), (brightness_gain,), degree=fading.degree)


def judged_frames(frames: int) -> list[int]:
    """The frames a film of ``frames`` frames is judged black-and-white or colour on
    (``between_the_ends``)."""
    return between_the_ends(frames, JUDGED_FRAMES)


def film_is_black_and_white(
    reader: FrameReader, marks: np.ndarray | None = None, progress: Progress | None = None
) -> bool:
    """Whether the film ``reader`` reads is black-and-white (``black_and_white_film``), from
    its ``judged_frames``, each a seek and a decode from the keyframe before it; ``progress``
    may cancel between them. A restore makes every frame of such a film grey."""
    progress = progress or silent()

    def judged() -> Iterator[np.ndarray]:
        for index in judged_frames(reader.info.frames):
            progress.check()
            yield reader.read(index)

    return black_and_white_film(judged(), marks)


def check_film_marks(marks: np.ndarray, info: VideoInfo) -> None:
    """Refuse marks (places to fill on every frame) not drawn at the film's frame size."""
    if marks.shape != (info.height, info.width):
        high, wide = marks.shape
        raise RekindleError(
            say(
                "the marks are {wide}x{high}, but the frames of {name} are {width}x{height}: "
                "marks are drawn on a frame of the film's own size",
                wide=wide,
                high=high,
                name=info.path.name,
                width=info.width,
                height=info.height,
            )
        )


def film_info(source: Path, folder: Path, sequences: SequenceOptions | None = None) -> VideoInfo:
    """What the film ``source`` holds, its result to go into ``folder``: as a run before
    found it, kept in its work there (``recorded_probe``), while the file is as it was; else
    probed, a pass over the whole file (minutes for a master of tens of gigabytes). A frame
    sequence (a folder of numbered frames, or their pattern) is found and read as
    ``sequences`` says (``frame_sequence``, ``probe_sequence``)."""
    if names_sequence(source):
        reading = sequences or SequenceOptions()
        return probe_sequence(frame_sequence(source, reading.allow_gaps), reading.rate)
    return recorded_probe(folder, source) or probe(source)


def prepare_film(
    restorer: Restorer,
    source: str | os.PathLike,
    target: str | os.PathLike,
    options: VideoOptions,
    progress: Progress,
    info: VideoInfo | None = None,
) -> FilmJob:
    """Check the film, its destination and the settings before any frame is restored, and
    measure the film's fading when asked; raise ``RekindleError`` with a sentence. ``info``
    is what probing the film found already this run, taken while the file is as it was then
    (``film_info`` otherwise)."""
    source, target = Path(source), Path(target)
    _check_paths(source, target, options.overwrite)
    sweep_once(target.parent)  # what killed runs left half-written there
    return planned_film(restorer, source, target, options, progress, info)


def planned_film(
    restorer: Restorer,
    source: Path,
    target: Path,
    options: VideoOptions,
    progress: Progress,
    info: VideoInfo | None = None,
) -> FilmJob:
    """The film's job as ``prepare_film`` makes it (its key among the rest), writing nothing:
    a dry run finds an unfinished run's work by it."""
    codec = choose_codec(options.codec, target, options.crf)
    container = container_format(target)
    info = checked_film(source, target.parent, options, info)
    scale_out = options.frames.scale_out or restorer.scale
    fields = kept_fields(info, options.deinterlace)
    plan = EncodePlan.for_film(info, codec, container, scale_out, options.crf, fields)
    if plan.pix_fmt.startswith(SUBSAMPLED) and (plan.width % 2 or plan.height % 2):
        size = {"codec": codec.name, "width": plan.width, "height": plan.height}
        if restorer.scale > 1:
            raise RekindleError(
                say(
                    "{codec} needs an even picture size, and {width}x{height} is not; choose an "
                    "output scale of 2 or 4, or FFV1 (lossless), which takes any size",
                    **size,
                )
            )
        raise RekindleError(
            say(
                "{codec} needs an even picture size, and {width}x{height} is not; choose FFV1 "
                "(lossless), which takes any size",
                **size,
            )
        )
    if info.sample_aspect_ratio and not codec.keeps_aspect(container):
        sar = info.sample_aspect_ratio
        raise RekindleError(
            say(
                "{name} has non-square pixels ({across}:{down}), which {codec} in a {suffix} "
                "file cannot record; choose h264 or h265, or prores in a .mov file",
                name=source.name,
                across=sar.numerator,
                down=sar.denominator,
                codec=codec.name,
                suffix=target.suffix.lower(),
            )
        )
    _check_streams_fit(info, codec, target.suffix.lower())

    film = film_frames(restorer, source, info, scale_out, options, progress)
    settings = _settings(
        restorer, plan, scale_out, options, film.joined, film.fading, film.black_and_white
    )
    key = job_key(info, settings)
    return FilmJob(
        **film.given(),
        target=target,
        codec=codec,
        container=container,
        plan=plan,
        key=key,
        folder=WorkFolder(work_folder(target, key), target.suffix.lower()),
    )


def checked_film(
    source: Path, folder: Path, options: VideoOptions, info: VideoInfo | None = None
) -> VideoInfo:
    """What the film ``source`` holds, its result to go into ``folder``: ``info`` where it
    still describes the film (taken while the file was as it is now), else ``film_info``;
    ``RekindleError`` with a sentence for options no film takes, for marks not drawn at its
    frame size, and for a span outside its frames or of none (``FilmSpan.within``)."""
    if options.frames.size is not None:
        raise RekindleError(
            say("a film is enlarged by a scale; a size to restore to is for photos")
        )
    if options.segment_frames < 1:
        raise RekindleError(say("segments must hold at least one frame"))
    if options.segment_seconds < 0:
        raise RekindleError(say("a segment's seconds of work cannot be negative"))
    if info is None or not info.matches(source):
        info = film_info(source, folder, options.sequence)
    if options.marks is not None:
        check_film_marks(options.marks, info)
    options.span.within(info)
    return info


def film_frames(
    restorer: Restorer,
    source: Path,
    info: VideoInfo,
    scale_out: int,
    options: VideoOptions,
    progress: Progress,
) -> FilmFrames:
    """The film ``source`` (``info``) ready to restore frame by frame as ``options`` say:
    how an interlaced film's frames are made whole, its fading measured where a fix is
    asked for, whether it is black-and-white, and what is done in words; ``progress`` may
    cancel the measuring. A span of the film (``options.span``) is kept with its end written
    out (``FilmSpan.within``); its fading and colour are judged on the whole film, as the
    whole film's run judges them, so that its frames come out as that run makes them."""
    options = replace(options, span=options.span.within(info))
    joined = joining(info.fields, options.deinterlace)
    measuring = progress.span(0.0, 0.0)  # before any frame
    reader = FrameReader(source, info)
    fading = measure_film_fading(reader, measuring) if options.frames.fix_fading else None
    black_and_white = film_is_black_and_white(reader, options.marks, measuring)
    description = film_description(restorer, info, scale_out, options, fading)
    return FilmFrames(
        source=source,
        info=info,
        scale_out=scale_out,
        options=options,
        fading=fading,
        black_and_white=black_and_white,
        joined=joined,
        description=description,
    )


def film_description(
    restorer: Restorer,
    info: VideoInfo,
    scale_out: int,
    options: VideoOptions,
    fading: FadingFix | None,
) -> str:
    """What a restoration of the film ``info`` with ``options`` records it did (its comment's
    words): the restorer's description with the film's ``fading`` fixed (or none found), how
    its fields were made whole, its cleanups, the places marked on it with their fingerprint
    (other marks of as many places tell apart), a frame sequence's frames and rate, and its
    span where it is not the whole film (``options.span`` as ``FilmSpan.within`` keeps it)."""
    joined = joining(info.fields, options.deinterlace)
    words = [restorer.describe(scale_out, options.frames, fading=fading)]
    if joined is not None:
        words.append(JOINED_WORDS[joined.kind])
    words += options.cleanup.describe()
    if options.marks is not None:
        places = count_places(options.marks)
        filled = f"{places} marked place{'s' * (places != 1)} filled on every frame"
        words.append(f"{filled} (marks {marks_digest(options.marks)})")
    if info.sequence is not None:
        words.append(_sequence_record(info.sequence, info.rate))
    if span_words := options.span.describe(info):
        words.append(span_words)
    return "; ".join(words)


def _sequence_record(sequence: FrameSequence, rate: Fraction) -> str:
    """What a film read from a frame sequence records of it (in its comment, as it records
    the film it was made from): its first and last frames' files and the rate it was read at."""
    first, last = (sequence.frame_file(n).name for n in (sequence.numbers[0], sequence.numbers[-1]))
    return f"made from the frames {first} to {last} at {rate_words(rate)} fps"


def restore_frames(
    restorer: Restorer,
    job: FilmFrames,
    stage: Callable[[list[Frame]], list[Frame]],
    sink: Sink[Frame],
    start: int = 0,
    after: tuple[int, int | None] | None = None,
    count: int | None = None,
    keyframe_pts: int | None = None,
) -> PipelineStats:
    """Decode the film from frame ``start`` (``count`` frames, or to its end), restore the
    frames with ``stage`` (a ``FrameRestorer``) and hand them to ``sink``, the three at once
    (``run_pipeline``). ``after`` is the output and stored time of frame ``start - 1``, to
    seek instead of decoding from the first frame; ``keyframe_pts`` is frame ``start``'s
    stored time when it is a keyframe (see ``decode_frames``). Returns where the time went."""
    end = job.info.frames if count is None else start + count

    cleanup = job.options.cleanup

    marks = job.options.marks
    fields_kept = keeping(job.info.fields, job.options.deinterlace) is not None

    def frames() -> Iterator[Frame]:
        first, last = context(start, end, job.info.frames, cleanup)  # and the frames beside
        wanted = None if count is None else last - first
        if first == start:
            decoded = _decoded(job, first, wanted, after, keyframe_pts)
        else:
            seek = before_frame(job.info, first)
            decoded = _decoded(job, first, wanted, seek, None)
        workers = cleanup_workers(restorer.device.type)
        return cleaned(
            marked(decoded, marks), start, end, job.info.frames, cleanup, workers, fields_kept
        )

    return run_pipeline(
        frames,
        stage,
        sink,
        batch=job.options.batch or auto_batch(restorer, job.info.width, job.info.height),
        queue_size=QUEUE_FRAMES,
    )


def _decoded(
    job: FilmFrames,
    start: int,
    count: int | None,
    after: tuple[int, int | None] | None,
    keyframe_pts: int | None,
) -> Iterator[Frame]:
    """``count`` frames (or all to the film's end) from frame ``start`` as decoded, seeking
    with ``after`` and ``keyframe_pts`` as ``restore_frames`` says."""
    after_pts, after_raw_pts = after or (None, None)
    decoded = decode_frames(
        job.info,
        start,
        after_pts,
        after_raw_pts,
        deinterlace=job.options.deinterlace,
        keyframe_pts=keyframe_pts,
    )
    return decoded if count is None else _first(decoded, count)


def _first(frames: Generator[Frame], count: int) -> Iterator[Frame]:
    """The first ``count`` of ``frames``; the decoder is closed (its file with it) either way."""
    try:
        yield from itertools.islice(frames, count)
    finally:
        frames.close()


def finish_film(job: FilmJob, journal: Journal, progress: Progress) -> Path:
    """Join the finished segments with the source's sound and subtitles (cut to the job's
    span) into the film's target, published atomically, then remove the work; return the
    name it got."""
    with staged_file(job.target, replace=job.options.overwrite) as staged:
        join_segments(
            job.folder,
            journal,
            job.info,
            job.codec,
            job.container,
            staged.temp,
            progress,
            job.description,
            job.options.span,
        )
    remove_work_folders(job.target)
    return staged.path


def unfaded_note(job: FilmFrames) -> str:
    """Where the film's fading was to be fixed and it shows no sign of it, so that its
    colours are left as they were, a sentence saying so, as a photo's note says it; else ""."""
    if job.fading is None or job.fading.faded:
        return ""
    return say(
        "{name} shows no sign of fading; its colours are left as they were",
        name=job.source.name,
    )


def dropped_alpha_note(job: FilmFrames) -> str:
    """Where the film's frames have transparency (an alpha channel: RGBA frames, a film
    codec with alpha), a sentence saying that its restored frames have none, as a film's
    frames are restored as colour alone; else ""."""
    if not _holds_alpha(job.info.pix_fmt):
        return ""
    return say(
        "{name} has transparency (an alpha channel); films are restored without it, so its "
        "restored frames are opaque",
        name=job.source.name,
    )


def _holds_alpha(pix_fmt: str) -> bool:
    """Whether pictures in FFmpeg's pixel format ``pix_fmt`` have an alpha channel; False
    where the format is not known."""
    try:
        layout = av.VideoFormat(pix_fmt)
    except ValueError:
        return False
    return any(component.is_alpha for component in layout.components)


def started_over_note(job: FilmJob, journal: Journal) -> str:
    """Where ``job`` starts from its first frame while its result has unfinished work of the
    same film made with other settings or by another version of Rekindle
    (``other_unfinished_work``), that that work cannot be continued; else "". The work is
    kept until the film is written."""
    if journal.segments or not other_unfinished_work(job.target, job.key):
        return ""
    return starting_over(job.source)


def starting_over(source: Path) -> str:
    """That an unfinished restoration of the film ``source`` cannot be continued, its
    settings or Rekindle's version another, and the film starts over."""
    return say(
        "an unfinished restoration of {name} made with other settings or another version of "
        "Rekindle cannot be continued; it starts over",
        name=source.name,
    )


class FilmRoom:
    """Whether what is left of a film fits on the drive of its work folder, beside its
    result: its segments still to make and the joined film, which needs room for all of its
    frames again while the segments are still there (``Journal.room_to_finish``). Asked as a
    run starts, after each segment and before the join, so that a film short of room stops
    as soon as its segments tell, its segments kept, not at its join hours later."""

    def __init__(self, job: FilmJob, journal: Journal) -> None:
        self.job = job
        self.journal = journal
        self.sound = sound_bytes(job.info, job.container)

    def check(self) -> None:
        """Raise ``WriteError`` saying how much room is needed and how much is free, where
        the rest of the film needs more than is free."""
        needed = self.journal.room_to_finish(self.sound)
        free = free_bytes(self.job.folder.path)
        if free < needed:
            raise WriteError(
                say(
                    "{name}: about {needed} MB more are needed in {folder} to finish it (the "
                    "segments still to restore, and joining them into the film), and {free} MB "
                    "are free there; make room and restore it again: the frames restored so far "
                    "are kept",
                    name=self.job.source.name,
                    needed=math.ceil(needed / MEGABYTE),
                    folder=str(self.job.target.parent),
                    free=free // MEGABYTE,
                )
            )


def sound_bytes(info: VideoInfo, container: str) -> int:
    """Bytes the film's audio and subtitle streams take in its result in a ``container``
    file: each as its packets take in the film (``CopiedStream.size``), or, sound that goes
    in converted (``sound_conversions``), the PCM of its decoded samples over the film's
    length."""
    converted = sound_conversions(info, container)
    kept = sum(item.size for item in info.copied if item.index not in converted)
    if not converted:
        return kept
    with open_input(info.path) as source:
        rates = [_pcm_bit_rate(source.streams[index]) for index in converted]
    return kept + round(sum(rates) * info.duration / 8)


def _pcm_bit_rate(stream: av.AudioStream) -> int:
    """Bits a second of an audio stream's decoded samples, as PCM keeps them."""
    context = stream.codec_context
    return context.sample_rate * context.channels * context.format.bytes * 8


def restore_video(
    restorer: Restorer,
    source: str | os.PathLike,
    target: str | os.PathLike,
    options: VideoOptions | None = None,
    progress: Progress | None = None,
    on_frame: FrameListener | None = None,
    info: VideoInfo | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> VideoReport:
    """Restore every frame of the film ``source`` into ``target`` (.mp4, .mkv or .mov), or
    those of its span (``options.span``: the film written starts with them, at time 0).

    The frame rate, times, frame count, aspect and colour range are kept; audio and subtitle
    streams are copied unchanged, except sound ``target`` cannot hold as it is, which goes in
    converted to PCM (``sound_conversion_notes`` says which); an interlaced film comes out
    progressive (one whole picture per frame) unless ``options.deinterlace`` is False. Work is
    kept in segments beside ``target``: a cancelled or killed run continues from its last
    finished segment when run again with the same input and settings. ``target`` appears only
    when the whole film is done, and never replaces a file unless ``options.overwrite``: if
    another run took the name meanwhile, the film gets "name (2).ext" (the report's
    ``target``). Raises ``Cancelled`` when the progress's token is cancelled, ``RekindleError``
    with a sentence otherwise. ``on_frame`` is given a frame just restored now and then
    (``SHOW_SECONDS``, ``SHOW_SHARE``), on this thread, to show the work as it goes. ``info``
    is what probing the film found already (``prepare_film``). A film whose rest would not
    fit on the drive stops (``WriteError``) as soon as its segments tell (``FilmRoom``).
    ``on_notice`` is told, in sentences, where the film's fading was to be fixed and it shows
    none (``unfaded_note``), where its frames' transparency is left out
    (``dropped_alpha_note``), and where the film starts over beside unfinished work of it that
    this run cannot continue (``started_over_note``).
    """
    progress = progress or silent()
    started = time.perf_counter()
    job = prepare_film(restorer, source, target, options or VideoOptions(), progress, info)
    folder, info = job.folder, job.info
    first, end = job.bounds
    journal = folder.open_journal(job.key, end - first, job.options.segment_frames, first=first)
    if on_notice is not None:
        for note in (unfaded_note(job), dropped_alpha_note(job), started_over_note(job, journal)):
            if note:
                on_notice(note)
    room = FilmRoom(job, journal)
    room.check()
    folder.keep_probe(info)
    start = journal.done
    resumed_from = start - first
    model_seconds = 0.0
    stats = PipelineStats()
    if not journal.complete:
        stage = FrameRestorer(restorer, job, end - first, resumed_from, progress, on_frame)
        last = journal.segments[-1] if journal.segments else None
        try:
            stats = restore_frames(
                restorer,
                job,
                stage,
                SegmentWriter(
                    folder,
                    journal,
                    job.plan,
                    job.options.segment_seconds,
                    after_segment=room.check,
                ),
                start=start,
                after=(last.last_pts, last.last_raw_pts) if last else before_frame(info, start),
                count=None if end == info.frames else end - start,
            )
        except VideoReadError:
            folder.remove()  # the input is broken: no run would get further
            raise
        finally:
            model_seconds = stage.model_seconds
        room.check()  # for the join, its segments all made

    joining = progress.span(FRAMES_SHARE, 1.0)
    join_started = time.perf_counter()
    published = finish_film(job, journal, joining)
    return VideoReport(
        target=published,
        frames=end - first,
        resumed_from=resumed_from,
        seconds=time.perf_counter() - started,
        model_seconds=model_seconds,
        decode_seconds=stats.produce_seconds,
        encode_seconds=stats.sink_seconds,
        join_seconds=time.perf_counter() - join_started,
        damaged_frames=journal.damaged_frames,
        joined=job.joined.kind if job.joined is not None else "",
        first=first,
        fading_found=job.fading_found,
    )
