"""A film restored into numbered picture files, one a frame (``out/film_%06d.tif``): the frames
a grading suite conforms from, as DPX, TIFF or PNG, each written whole or not at all, and the
film's sound beside them as WAV files.

Frame k of the film takes the number its source gives it: a frame sequence's frame keeps its
file's number (frame k is the first's number + k where none is missing), so that a conform
lines up; a film file's frames count from 1, as FFmpeg's image2 numbers them. Each frame is
restored as the film path restores it (``FrameRestorer``, ``restore_frames``) and written by
``engine.imageio.write_picture`` in the depth it was read in: 8 bits from an 8-bit film, 16
from a deeper one (PNG, TIFF and DPX each hold 16).

A hidden folder beside the frames holds the job's record (``FramesRecord``): its key (its
input and every setting its pixels depend on, as a film's segments are keyed, with the
frames' format and depth in place of the film's encoding), how many frames from frame 0 are
written, and the files it claims. It is saved atomically every ``segment_frames`` frames or
``segment_seconds`` of work, claiming the frames up to its next save before they are written,
so that frames a killed run wrote after its last save are still known for its own. A run of
the same input and settings goes on after the last frame recorded (seeking as a film's run
does); a run with other settings starts over, saying so; files at the frames' names that no
unfinished record claims (a person's own, or a finished restoration's) are refused unless
overwriting. A run holds an OS lock in that folder while it works (``engine.busy``), so a
second run into the same frames refuses at once.

A run of the same input and settings into a finished set restores only what the set lacks
now (``Lacking``): frames whose files are gone (rejected, or a copy that failed) or not whole
(``picture_is_whole``), and sound files gone or not as written. The film is still decoded
and cleaned from its first frame up to the last frame lacking, as its whole run did, since
its cleanups compare each frame with its neighbours; the model runs only for the frames to
write (``FrameRestorer``'s ``wanted``), so that they come out as the whole run made them.
Every other file is left as it is, and the record stays finished; a set that lacks nothing
is said to be complete, and nothing is written.

A DPX frame says what a grading suite conforms and shows it by: a DPX scan's frame says again
what its own header says of its origin; any other frame says the film's timecode counted on
to it (``engine.dpx.timecode_after``), its frame rate and its pixels' aspect
(``engine.dpx.film_header``). TIFF and PNG frames hold none of these, and a note says the
pixels' aspect of a film whose pixels are not square.

The film's sound goes beside the frames as WAV, one file for each audio stream, in PCM of the
source's depth (16 bits, or 32 for deeper or floating-point sound), starting at the film's
first frame and ending with its last, its Broadcast Wave chunk placing it at the first
frame's timecode (``engine.video.broadcast_wave``); its subtitles and attached files are left
out, as a note says.

A span of the film (``FilmSpan``) writes its frames alone, each at the number and with the
timecode the whole film's run gives it, its sound cut to the sample to the span's stretch
and named by its frames (``span_stem``: "film [frames 241-480].wav"), so that parts restored
into the same folder each keep their own beside the whole film's "film.wav"; its record
starts at the span's first frame, and the span is part of its key, so that a run of another
span does not take its frames for its own.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from engine import dpx
from engine.atomic import numbered_names, staged_file, write_bytes_atomically
from engine.busy import holding
from engine.errors import RekindleError, WriteError, os_cause, plain_reason
from engine.file_names import NAME_MAX, name_with_tail, name_within
from engine.filestamp import FileStamp
from engine.imageio import (
    FORMAT_NAMES,
    Picture,
    format_of,
    is_supported_image,
    picture_is_whole,
    write_picture,
)
from engine.progress import Progress, silent
from engine.provenance import marked_exif
from engine.restorer import Restorer
from engine.same_file import place_of, same_place
from engine.video.broadcast_wave import bext_metadata
from engine.video.frames import (
    AVCOL_SPC_BT709,
    BT601_MATRICES,
    Frame,
    before_frame,
    output_colorspace,
)
from engine.video.join import PCM_ENCODERS, SoundClock
from engine.video.pipeline import PipelineStats
from engine.video.probe import CopiedStream, VideoInfo, ffmpeg_reason, open_input
from engine.video.restore import (
    FRAMES_SHARE,
    FilmFrames,
    FrameListener,
    FrameRestorer,
    VideoOptions,
    VideoReport,
    checked_film,
    dropped_alpha_note,
    film_frames,
    frame_numbers,
    restore_frames,
    starting_over,
    unfaded_note,
)
from engine.video.segments import job_key
from engine.video.sequence import FrameSequence, is_frame_pattern, named_frames, rate_words
from engine.video.span import FilmSpan, at_frame, span_stem
from engine.words import all_of, plural, say

FRAME_SUFFIXES = (".dpx", ".png", ".tif", ".tiff")
"""The picture files a film's frames are written as: the lossless ones a grading suite reads,
each of which holds 16 bits."""
FORMAT_WORDS = {**FORMAT_NAMES, "dpx": "DPX"}
"""Each format a film's frames may be written in, as people call it."""
WORK_SUFFIX = ".frames.rekindle"  # of the hidden folder beside the frames
RECORD = "record.json"
RECORD_VERSION = 1
LOCK = "lock"
SOUND_SUFFIX = ".wav"
SOUND_LOCK_SUFFIX = ".rekindle-lock"  # of the hidden lock file of the sound's names
SILENCE_SECONDS = 1.0  # of silence put in at once, at most


class FramesThereError(RekindleError):
    """Files at the names a film's frames or sound go to are not the job's own: its sentence
    names no way to overwrite them, which each front end names in its own words."""


def is_frame_target(path: Path) -> bool:
    """Whether ``path`` names the picture files to restore a film into: a printf-style pattern
    (``is_frame_pattern``) of pictures (``out/film_%06d.tif``)."""
    return is_frame_pattern(path) and is_supported_image(path)


def frames_format(pattern: Path) -> str:
    """The kind of pictures ``pattern`` names, as people call it ("TIFF"); ``RekindleError``
    with a sentence for a kind a film's frames are not written as (JPEG, say)."""
    fmt = format_of(pattern)
    if pattern.suffix.lower() not in FRAME_SUFFIXES or fmt is None:
        raise RekindleError(
            say(
                "{name}: a film's frames are written as DPX, TIFF or PNG files ({suffixes}), "
                "which keep every level",
                name=pattern.name,
                suffixes=", ".join(FRAME_SUFFIXES),
            )
        )
    return FORMAT_WORDS[fmt]


def frames_kind(pattern: Path) -> str:
    """What ``pattern``'s files are, in words: "TIFF frames"."""
    return say("{format} frames", format=frames_format(pattern))


def frames_named(pattern: Path) -> FrameSequence:
    """The frames ``pattern`` names (``named_frames``); ``RekindleError`` with a sentence
    where its name holds no one frame number, or a folder above it holds one."""
    named = named_frames(pattern)
    if named is None:
        raise RekindleError(
            say(
                "{name}: a pattern of frames holds one frame number, such as %06d",
                name=pattern.name,
            )
        )
    if any(named_frames(Path(part)) for part in pattern.parent.parts):
        raise RekindleError(
            say(
                "{path}: the frame number goes in the frames' names, not in a folder's",
                path=str(pattern),
            )
        )
    return named


@dataclass(frozen=True)
class FrameFiles:
    """The files a film's frames (``info``; those of its ``span``, ``FilmSpan.within`` it) and
    sound go into, as ``named``, a pattern's frames (``named_frames``), names them; its record
    in a hidden folder beside them."""

    named: FrameSequence
    info: VideoInfo
    span: FilmSpan = field(default_factory=FilmSpan)

    @classmethod
    def of(cls, pattern: Path, info: VideoInfo, span: FilmSpan | None = None) -> FrameFiles:
        return cls(frames_named(pattern), info, span or FilmSpan())

    @property
    def first(self) -> int:
        """The film's first frame written."""
        return self.span.first

    @property
    def end(self) -> int:
        """The film's frame after the last written."""
        return self.span.end_in(self.info.frames)

    @property
    def indices(self) -> range:
        """The film's frames written, by index."""
        return range(self.first, self.end)

    @property
    def pattern(self) -> Path:
        return self.named.source

    @property
    def folder(self) -> Path:
        return self.named.folder

    @property
    def work(self) -> Path:
        """The hidden folder that holds the frames' record, beside them."""
        room = NAME_MAX - len(".") - len(WORK_SUFFIX)
        return self.folder / f".{name_within(self.pattern.name, room)}{WORK_SUFFIX}"

    def number(self, index: int) -> int:
        """The number of the film's frame ``index`` (from 0)."""
        return self.info.frame_number(index)

    def frame(self, index: int) -> Path:
        """The file of the film's frame ``index`` (from 0)."""
        return self.named.frame_file(self.number(index))

    @property
    def sound_lock(self) -> Path:
        """The hidden lock file of the sound's names, which frames of another kind under the
        same name ("film_%06d.png" beside "film_%06d.dpx") would write too."""
        room = NAME_MAX - len(".") - len(SOUND_LOCK_SUFFIX)
        name = name_within(self._sound_name, room)
        return self.folder / f".{name}{SOUND_LOCK_SUFFIX}"

    @property
    def _sound_name(self) -> str:
        """The name of the first WAV file: the frames' name without their number, and for a
        part of the film its frames by number (``span_stem``), so that parts restored into
        the same frames' names each keep their own sound, apart from the whole film's."""
        return name_with_tail(span_stem(self.named.name, self.info, self.span), SOUND_SUFFIX)

    def beyond(self) -> int:
        """How many frames at the pattern's names are numbered after the film's last."""
        last = self.number(self.info.frames - 1)
        return sum(number > last for number in self.named.found().numbers)

    def sound(self) -> list[Path]:
        """A WAV file for each of the film's audio streams: the frames' name without their
        number ("film.wav"; a part's "film [frames 241-480].wav"), then "film (2).wav"..."""
        first = self.folder / self._sound_name
        return list(itertools.islice(numbered_names(first), len(_audio(self.info))))

    def sound_streams(self) -> list[tuple[CopiedStream, Path]]:
        """Each of the film's audio streams beside its WAV file (``sound``)."""
        return list(zip(_audio(self.info), self.sound(), strict=True))

    def present(self) -> set[str]:
        """The names in the frames' folder now (none where it is not there yet), casefolded:
        a folder on macOS or Windows holds one file for names that differ in case alone."""
        try:
            return {entry.name.casefold() for entry in os.scandir(self.folder)}
        except FileNotFoundError:
            return set()

    def written_words(self) -> str:
        """Where the frames are, in words: "out/film_000001.tif to film_000240.tif"."""
        first, last = self.frame(self.first), self.frame(self.end - 1)
        return say("{first} to {last}", first=str(first), last=last.name)


def _audio(info: VideoInfo) -> list[CopiedStream]:
    return [stream for stream in info.copied if stream.type == "audio"]


@dataclass
class FramesRecord:
    """What a job has written of a film's frames, saved beside them: its ``key``, the input it
    restores (``source``, its resolved path), the film's frame count, the frames written from
    its first frame (``first``: the film's first, or its span's) up to frame ``done``, the
    frame numbers and sound files that are its own to replace (``claimed``, from the first
    number to the last, and ``sound``), the stamp of each sound file as it wrote it
    (``sound_written``: size and modification time), the frames the decoder patched up
    (``damaged``), and whether every file is written (``complete``)."""

    key: str
    source: str
    frames: int
    done: int = 0
    claimed: list[int] = field(default_factory=list)  # [first, last] number, or none
    sound: list[str] = field(default_factory=list)
    sound_written: dict[str, list[int]] = field(default_factory=dict)
    damaged: list[int] = field(default_factory=list)
    complete: bool = False
    first: int = 0

    def claims(self, number: int) -> bool:
        """Whether frame file ``number`` is this job's own to replace, unfinished as it is."""
        if self.complete or not self.claimed:
            return False
        first, last = self.claimed
        return first <= number <= last

    def wrote_sound(self, path: Path) -> bool:
        """Whether the sound file at ``path`` is the one this unfinished job wrote there, as
        it wrote it: a file put at its name since (another job's) is not its own."""
        stamp = self.sound_written.get(path.name)
        return not self.complete and stamp is not None and FileStamp(*stamp).matches(path)

    def claim(self, first: int, last: int) -> None:
        """Claim the frame numbers ``first`` to ``last`` too."""
        if self.claimed:
            first, last = min(first, self.claimed[0]), max(last, self.claimed[1])
        self.claimed = [first, last]


def read_record(files: FrameFiles) -> FramesRecord | None:
    """The record of the job that last wrote these frames; None where there is none (or one of
    another version)."""
    try:
        data = json.loads((files.work / RECORD).read_text())
        if data.pop("version", None) != RECORD_VERSION:
            return None
        return FramesRecord(**data)
    except (OSError, ValueError, TypeError):
        return None


def save_record(files: FrameFiles, record: FramesRecord) -> None:
    data = {"version": RECORD_VERSION, **asdict(record)}
    write_bytes_atomically(files.work / RECORD, json.dumps(data, indent=1).encode())


def _finished_record(record: FramesRecord | None, info: VideoInfo) -> FramesRecord | None:
    """``record`` where it is a finished restoration of the film ``info`` describes, whatever
    its settings; None otherwise."""
    if record is None or not record.complete:
        return None
    if (record.source, record.frames) != (str(info.path.resolve()), info.frames):
        return None
    return record


@dataclass(frozen=True)
class Lacking:
    """What a finished set of frames lacks now: the frames (by index) whose files are gone
    (``missing``) or not whole (``cut_off``, ``picture_is_whole``), and the audio streams
    whose WAV file is gone or not as long as the record says it was written (``sound``)."""

    missing: list[int]
    cut_off: list[int]
    sound: list[tuple[CopiedStream, Path]]

    @classmethod
    def of(cls, files: FrameFiles, record: FramesRecord) -> Lacking:
        present = files.present()
        missing, cut_off = [], []
        for index in files.indices:
            path = files.frame(index)
            if path.name.casefold() not in present:
                missing.append(index)
            elif not picture_is_whole(path):
                cut_off.append(index)
        sound = [pair for pair in files.sound_streams() if not _sound_whole(record, pair[1])]
        return cls(missing, cut_off, sound)

    @property
    def frames(self) -> set[int]:
        """The frames to restore again."""
        return {*self.missing, *self.cut_off}

    def __bool__(self) -> bool:
        return bool(self.missing or self.cut_off or self.sound)


def _sound_whole(record: FramesRecord, path: Path) -> bool:
    """Whether the sound file at ``path`` is there as long as ``record`` says it was written
    (its stamp's size: a copy cut short is shorter; a copy's time may differ)."""
    written, now = record.sound_written.get(path.name), FileStamp.find(path)
    return written is not None and now is not None and now.size == written[0]


def finished_frames(pattern: Path, info: VideoInfo, span: FilmSpan | None = None) -> bool:
    """Whether the frames of the film ``info`` describes (of its ``span``, ``FilmSpan.within``
    it) are all at ``pattern``'s names, whole, with its sound, written by a restoration of it
    that finished (whatever its settings, as a film's result is there whatever they were): a
    set that lacks any (``Lacking``) is not."""
    files = FrameFiles.of(pattern, info, span)
    record = _finished_record(read_record(files), info)
    return record is not None and not Lacking.of(files, record)


def check_apart(sequence: FrameSequence | None, pattern: Path) -> None:
    """Refuse frames to be written at ``pattern``'s names over the frames of ``sequence``
    they are restored from (its frames keep their numbers, so a pattern of the same name
    names them); a film file's (``sequence`` None) are apart from it. Names are compared
    in any case, as a folder on macOS or Windows takes them."""
    named = named_frames(pattern)
    if sequence is None or named is None or not same_place(sequence.folder, named.folder):
        return
    theirs = {sequence.frame_file(number).name.casefold() for number in sequence.numbers}
    if any(named.frame_file(number).name.casefold() in theirs for number in sequence.numbers):
        raise RekindleError(
            say(
                "{name}: the restored frames would replace the frames they are restored from; "
                "choose another name or folder",
                name=pattern.name,
            )
        )


def _own_earlier(earlier: FramesRecord | None, info: VideoInfo) -> FramesRecord | None:
    """``earlier`` where it is an unfinished job of the same input, whose claims are this
    run's own; None for another input's (its files are there already, as a person's are)."""
    if earlier is None or earlier.complete or earlier.source != str(info.path.resolve()):
        return None
    return earlier


def continued_record(files: FrameFiles) -> FramesRecord | None:
    """The record of an unfinished restoration of the same film into ``files``, which a run
    into them goes on with (``_own_earlier``); None where there is none."""
    return _own_earlier(read_record(files), files.info)


def planned_start(
    restorer: Restorer, source: Path, files: FrameFiles, options: VideoOptions
) -> tuple[int, bool]:
    """Where a run of ``options`` into ``files`` starts, found without writing or holding
    anything (a dry run's): the film's frame it goes on from after an unfinished restoration
    of the same film and settings (``FrameFilesJob.starting``), else its first; and whether
    it starts over beside unfinished frames of other settings (``_other_unfinished``). The
    film is made ready (``prepare_frame_files``) only where such frames are recorded."""
    earlier = read_record(files)
    own = _own_earlier(earlier, files.info)
    if own is None or own.done <= own.first:
        return files.first, False
    job = prepare_frame_files(restorer, source, files, options, silent())
    record = job.starting(own, files.present())
    return record.done, _other_unfinished(earlier, record)


def _check_free(files: FrameFiles, earlier: FramesRecord | None, overwrite: bool) -> None:
    """Refuse, unless ``overwrite``, files at the names the frames and sound go to that are
    not the unfinished job ``earlier``'s (if any; ``_own_earlier``): a person's own, another
    film's, or the frames of a restoration that finished."""
    if overwrite:
        return
    present = files.present()
    theirs = [
        path
        for index in files.indices
        if (path := files.frame(index)).name.casefold() in present
        and not (earlier and earlier.claims(files.number(index)))
    ]
    if len(theirs) > 1:
        raise FramesThereError(
            say(
                "{name} and {count} more frames are there already (choose to overwrite them)",
                name=str(theirs[0]),
                count=len(theirs) - 1,
            )
        )
    sound = [
        path
        for path in files.sound()
        if path.name.casefold() in present and not (earlier and earlier.wrote_sound(path))
    ]
    taken = theirs + sound
    if taken:
        raise FramesThereError(
            say("{name} already exists (choose to overwrite it)", name=str(taken[0]))
        )


def _check_sound(info: VideoInfo) -> None:
    """Refuse, before any work, sound that cannot be decoded to be written as WAV."""
    if not _audio(info):
        return
    with open_input(info.path) as source:
        for stream in _audio(info):
            if source.streams[stream.index].codec_context.format is None:
                raise RekindleError(
                    say(
                        "{stream} of {name} cannot be decoded, to be written beside the frames "
                        "as WAV; restore the film into a .mkv file to keep it as it is",
                        stream=stream.describe(),
                        name=info.path.name,
                    )
                )


def frame_files_notes(files: FrameFiles) -> list[str]:
    """What to tell of the film beyond its frames: the aspect of pixels that are not square,
    where the frames cannot say it (``_aspect_notes``), each sound stream's WAV file beside
    the frames, and its subtitles and attached files left out."""
    info = files.info
    heard = [
        say(
            "{stream} of {name} is written beside the frames as {file}",
            stream=stream.describe(),
            name=info.path.name,
            file=path.name,
        )
        for stream, path in files.sound_streams()
    ]
    notes = [*_aspect_notes(files), *_uneven_notes(info), *heard]
    unheard = [stream.describe() for stream in info.copied if stream.type != "audio"]
    if not unheard:
        return notes
    said = {"streams": all_of(unheard), "name": info.path.name}
    left_out = plural(
        len(unheard),
        say(
            "{streams} of {name} is left out: numbered frames hold pictures only (a .mkv film "
            "keeps it)",
            **said,
        ),
        say(
            "{streams} of {name} are left out: numbered frames hold pictures only (a .mkv film "
            "keeps them)",
            **said,
        ),
    )
    return [*notes, left_out]


def _uneven_notes(info: VideoInfo) -> list[str]:
    """A sentence where the film's frames come unevenly (a variable frame rate: some frame
    stands more than half a frame from where its rate puts it after the one before): its
    frames are numbered one after another, at its average rate, each once. A frame
    sequence's come at its rate, its gaps kept in their numbers."""
    if info.times is None or info.sequence is not None:
        return []
    ticks = info.frame_ticks()
    if all(
        abs(after - before - ticks) <= ticks / 2 for before, after in itertools.pairwise(info.times)
    ):
        return []
    return [
        say(
            "{name} has a variable frame rate: its frames are numbered one after another at "
            "its average rate ({rate} frames a second), and a frame held longer is written "
            "once, not repeated",
            name=info.path.name,
            rate=rate_words(info.rate),
        )
    ]


def _aspect_notes(files: FrameFiles) -> list[str]:
    """A sentence where the film's pixels are not square and its frames are TIFF or PNG
    files, which cannot say so as DPX does (its header's pixel aspect): the frames are its
    pixels as stored, to be shown that much wider or narrower."""
    aspect = files.info.sample_aspect_ratio
    if aspect is None or format_of(files.pattern) == "dpx":
        return []
    return [
        say(
            "{name} has non-square pixels ({across}:{down}), which {format} frames cannot "
            "record: the frames hold its pixels as stored, to be shown {across}:{down} (DPX "
            "frames record it)",
            name=files.info.path.name,
            across=aspect.numerator,
            down=aspect.denominator,
            format=frames_format(files.pattern),
        )
    ]


@dataclass(frozen=True)
class FrameFilesJob(FilmFrames):
    """A film checked and ready to restore into numbered picture files (``files``), with its
    job's ``key``."""

    files: FrameFiles
    key: str

    def picture(self, frame: Frame) -> Picture:
        """Restored ``frame`` as a picture to write, marked as Rekindle's with what was done;
        a DPX of it says of its origin what its DPX scan's header says, else what the film
        says of it (``_film_header``)."""
        number = self.files.number(frame.index)
        done = f"{self.description}; frame {number} of {self.source.name}"
        fmt = format_of(self.files.pattern) or ""
        exif = marked_exif(None, done)
        origin = None
        if fmt == "dpx":
            origin = self._scan_header(number) or self._film_header(frame.index)
        return Picture(frame.pixels, None, None, exif, fmt, dpx_header=origin)

    def _film_header(self, index: int) -> dpx.DpxHeader:
        """What the film says of frame ``index``, as a DPX header says it
        (``dpx.film_header``): the film's timecode counted on to it by its number (a frame
        sequence's gap counted too), the film's rate, its pixels' aspect (square where it
        states none), and the video standard its levels are in (``_video_standard``)."""
        info = self.info
        after = self.files.number(index) - self.files.number(0)
        start = info.timecode
        timecode = None if start is None else dpx.timecode_after(start, after, info.rate)
        aspect = info.sample_aspect_ratio or Fraction(1)
        return dpx.film_header(timecode, info.rate, aspect, _video_standard(info))

    def _scan_header(self, number: int) -> dpx.DpxHeader | None:
        """The header of frame ``number``'s file, where the film is a sequence of DPX frames
        (its timecode, keycode, transfer...); None otherwise, or where it cannot be read."""
        sequence = self.info.sequence
        if sequence is None:
            return None
        with suppress(OSError):
            return dpx.header_in(sequence.frame_file(number))
        return None

    def starting(self, earlier: FramesRecord | None, present: set[str]) -> FramesRecord:
        """Its record as the run starts: going on after the frames ``earlier`` (this run's
        own: ``_own_earlier``) wrote of the same job (those still ``present``), else from
        its first; claiming what ``earlier`` claimed, and every file where overwriting."""
        files, first = self.files, self.files.first
        source = str(self.info.path.resolve())
        record = FramesRecord(self.key, source, self.info.frames, done=first, first=first)
        if earlier is not None:
            if earlier.claimed:
                record.claim(*earlier.claimed)
            record.sound = earlier.sound
            record.sound_written = earlier.sound_written
            if earlier.key == self.key and earlier.frames == self.info.frames:
                record.done = self._first_missing(earlier.done, present)
                record.damaged = [i for i in earlier.damaged if i < record.done]
        if self.options.overwrite:
            record.claim(files.number(first), files.number(files.end - 1))
        record.sound = sorted({*record.sound, *(path.name for path in files.sound())})
        return record

    def _first_missing(self, done: int, present: set[str]) -> int:
        """The first of the frames written before ``done`` whose file is not ``present``, or
        ``done``."""
        written = range(self.files.first, done)
        missing = (i for i in written if self.files.frame(i).name.casefold() not in present)
        return next(missing, done)


def prepare_frame_files(
    restorer: Restorer,
    source: Path,
    files: FrameFiles,
    options: VideoOptions,
    progress: Progress,
) -> FrameFilesJob:
    """The film ``source`` ready to restore into ``files`` as ``options`` say (``film_frames``),
    keyed by what its pixels depend on and the frames' format and depth."""
    info = files.info
    scale_out = options.frames.scale_out or restorer.scale
    film = film_frames(restorer, source, info, scale_out, options, progress)
    bits = 16 if info.bit_depth > 8 else 8
    written = {"encode": f"{format_of(files.pattern)} {bits}-bit"}
    key = job_key(info, {**film.settings(restorer), **written})
    return FrameFilesJob(**film.given(), files=files, key=key)


def _refusal(holder: str) -> str:
    """Why a run cannot restore into frames that ``holder`` is writing."""
    return say(
        "being restored into the same frames by {holder}; wait for it or stop it", holder=holder
    )


def restore_frame_files(
    restorer: Restorer,
    source: str | os.PathLike,
    pattern: str | os.PathLike,
    options: VideoOptions | None = None,
    progress: Progress | None = None,
    on_frame: FrameListener | None = None,
    info: VideoInfo | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> VideoReport:
    """Restore every frame of the film ``source`` into the numbered picture files ``pattern``
    names (``out/film_%06d.tif``; .dpx, .tif, .tiff or .png), one a frame, numbered as a
    frame sequence numbers its own, else from 1, and write its sound beside them as WAV; or
    those of its span (``options.span``), each at the number the whole film's run gives it.

    Frames are restored as ``restore_video`` restores a film's, with progress, ``on_frame``
    and cancelling as it has them; a cancelled, killed or failed run goes on after the last
    frame recorded when run again with the same input and settings (the module's note); run
    so on a finished set, it restores what the set lacks (``_fill_in``), or nothing. Files
    at the frames' names that are not this job's are refused before any work, unless
    ``options.overwrite``; frames over the frames they are made from, always. ``on_notice`` is
    told, in sentences, where the sound goes, that subtitles and the frames' transparency are
    left out (``dropped_alpha_note``: the frames are restored as colour alone), where the frames
    start over beside unfinished frames of other settings, and what a run into a finished set
    restored. The report's ``target`` is ``pattern``."""
    progress = progress or silent()
    options = options or VideoOptions()
    started = time.perf_counter()
    source, pattern = Path(source), Path(pattern)
    frames_format(pattern)
    info = checked_film(source, pattern.parent, options, info)
    check_apart(info.sequence, pattern)
    files = FrameFiles.of(pattern, info, options.span.within(info))
    _check_sound(info)
    with holding(files.work / LOCK, _refusal), _holding_sound(files):
        earlier = read_record(files)
        finished = None if options.overwrite else _finished_record(earlier, info)
        job = None
        if finished is not None:
            job = prepare_frame_files(restorer, source, files, options, progress)
            if job.key == finished.key:
                return _fill_in(restorer, job, finished, progress, on_frame, on_notice, started)
        own = _own_earlier(earlier, info)
        _check_free(files, own, options.overwrite)
        if job is None:
            job = prepare_frame_files(restorer, source, files, options, progress)
        record = job.starting(own, files.present())
        notes = [note for note in (unfaded_note(job), dropped_alpha_note(job)) if note]
        notes.extend(frame_files_notes(files))
        if _other_unfinished(earlier, record):
            notes.append(starting_over(source))
        if options.overwrite:
            notes.extend(_beyond_notes(files))
        _tell(notes, on_notice)
        return _restore(restorer, job, record, progress, on_frame, started)


def _tell(notes: list[str], on_notice: Callable[[str], None] | None) -> None:
    if on_notice is not None:
        for note in notes:
            on_notice(note)


@contextmanager
def _holding_sound(files: FrameFiles) -> Iterator[None]:
    """Hold the lock of the sound's names (``FrameFiles.sound_lock``) where the film has
    sound, so that no run into frames of another kind writes them meanwhile."""
    if not _audio(files.info):
        yield
        return
    with holding(files.sound_lock, _sound_refusal):
        yield


def _sound_refusal(holder: str) -> str:
    """Why a run cannot write sound that ``holder`` is writing at the same names."""
    return say(
        "its sound would go where {holder} is writing the sound of other frames of the same "
        "name; wait for it or choose another name",
        holder=holder,
    )


def _beyond_notes(files: FrameFiles) -> list[str]:
    """A sentence where frames at the pattern's names are numbered after the film's last:
    overwriting leaves them, and a conform of the pattern would take them in."""
    count = files.beyond()
    if not count:
        return []
    last = files.frame(files.info.frames - 1).name
    said = {"count": count, "pattern": files.pattern.name, "last": last}
    return [
        plural(
            count,
            say(
                "{count} frame of {pattern} is numbered after {last}, the film's last, and is "
                "left as it is",
                **said,
            ),
            say(
                "{count} frames of {pattern} are numbered after {last}, the film's last, and "
                "are left as they are",
                **said,
            ),
        )
    ]


def _other_unfinished(earlier: FramesRecord | None, record: FramesRecord) -> bool:
    """Whether ``earlier`` recorded frames of ``record``'s input written by an unfinished job
    of other settings (or of another version of Rekindle), which cannot be continued."""
    if earlier is None or earlier.complete or earlier.done <= earlier.first:
        return False
    return earlier.source == record.source and earlier.key != record.key


def _restore(
    restorer: Restorer,
    job: FrameFilesJob,
    record: FramesRecord,
    progress: Progress,
    on_frame: FrameListener | None,
    started: float,
) -> VideoReport:
    """Restore the frames ``record`` says are left, then write the sound, and report."""
    files, info = job.files, job.info
    first, end = job.bounds
    start = record.done
    writer = FrameFileWriter(job, record)
    writer.save()  # its claim, before any frame is written
    stats, model_seconds = PipelineStats(), 0.0
    if start < end:
        stage = FrameRestorer(restorer, job, end - first, start - first, progress, on_frame)
        try:
            stats = restore_frames(
                restorer,
                job,
                stage,
                writer,
                start=start,
                after=before_frame(info, start),
                count=None if end == info.frames else end - start,
            )
        finally:
            model_seconds = stage.model_seconds
    sound_started = time.perf_counter()
    sounding = progress.span(FRAMES_SHARE, 1.0)
    write_sound(info, files.sound_streams(), sounding, writer.wrote_sound, files.span)
    record.complete = True
    writer.save()
    times = _Times(started, sound_started, stats, model_seconds)
    return _report(job, start - first, record.damaged, times)


@dataclass(frozen=True)
class _Times:
    """Where a run's time went: when it started, when it began to write the sound, the
    pipeline's threads' busy time, and the model's."""

    started: float
    sound_started: float
    stats: PipelineStats
    model_seconds: float


def _report(
    job: FrameFilesJob, resumed_from: int, damaged: list[int], times: _Times
) -> VideoReport:
    """The report of a run of ``job`` that went on after ``resumed_from`` of its frames, in
    which the decoder patched up the frames ``damaged``, its time spent as ``times`` say."""
    first, end = job.bounds
    return VideoReport(
        target=job.files.pattern,
        frames=end - first,
        resumed_from=resumed_from,
        seconds=time.perf_counter() - times.started,
        model_seconds=times.model_seconds,
        decode_seconds=times.stats.produce_seconds,
        encode_seconds=times.stats.sink_seconds,
        join_seconds=time.perf_counter() - times.sound_started,
        damaged_frames=tuple(damaged),
        joined=job.joined.kind if job.joined is not None else "",
        first=first,
        fading_found=job.fading_found,
    )


def _fill_in(
    restorer: Restorer,
    job: FrameFilesJob,
    record: FramesRecord,
    progress: Progress,
    on_frame: FrameListener | None,
    on_notice: Callable[[str], None] | None,
    started: float,
) -> VideoReport:
    """Restore what the finished set ``record`` describes lacks (``Lacking``), made by this
    job's input and settings: the film decoded and cleaned from its first frame (its span's)
    to the last frame lacking, as its whole run did, the model restoring only the frames
    lacking; then the sound files lacking. Nothing else is written, and the record stays
    finished (a run stopped part way leaves the rest to the next). The report goes on from
    its first frame, where frames were restored (the run went through the film from there),
    else from the last."""
    files, lacking = job.files, Lacking.of(job.files, record)
    redone = lacking.frames
    writer = MissingFramesWriter(job, record)
    stats, model_seconds = PipelineStats(), 0.0
    first, end = job.bounds
    if redone:
        last = max(redone) + 1
        wanted = redone.__contains__
        stage = FrameRestorer(restorer, job, last - first, 0, progress, on_frame, wanted)
        after = before_frame(job.info, first)
        stats = restore_frames(
            restorer, job, stage, writer, start=first, after=after, count=last - first
        )
        model_seconds = stage.model_seconds
    sound_started = time.perf_counter()
    sounding = progress.span(FRAMES_SHARE, 1.0)
    write_sound(job.info, lacking.sound, sounding, writer.wrote_sound, files.span)
    _tell(_filled_in_notes(files, lacking), on_notice)
    damaged = [index for index in record.damaged if index in redone]
    times = _Times(started, sound_started, stats, model_seconds)
    return _report(job, 0 if redone else end - first, damaged, times)


def _filled_in_notes(files: FrameFiles, lacking: Lacking) -> list[str]:
    """What a run into a finished set restored (``lacking``), in sentences; that the set is
    complete where it restored nothing."""
    pattern = files.pattern.name
    if not lacking:
        return [
            say(
                "{pattern} is complete (all {count} frames of {name}, whole); nothing was written",
                pattern=pattern,
                count=files.info.frames,
                name=files.info.path.name,
            )
        ]
    notes = []
    if lacking.missing:
        said = _frames_said(files, lacking.missing)
        notes.append(
            plural(
                len(lacking.missing),
                say("restored the missing frame of {pattern}: {numbers}", **said),
                say("restored the {count} missing frames of {pattern}: {numbers}", **said),
            )
        )
    if lacking.cut_off:
        said = _frames_said(files, lacking.cut_off)
        notes.append(
            plural(
                len(lacking.cut_off),
                say("restored the frame of {pattern} whose file was not whole: {numbers}", **said),
                say(
                    "restored the {count} frames of {pattern} whose files were not whole: "
                    "{numbers}",
                    **said,
                ),
            )
        )
    notes.extend(
        say("wrote {name} again, which was missing or not whole", name=path.name)
        for _, path in lacking.sound
    )
    return notes


def _frames_said(files: FrameFiles, indices: list[int]) -> dict[str, object]:
    """What a sentence of the frames ``indices`` of ``files`` says: how many, the pattern's
    name, and their numbers, runs joined ("12, 57–58")."""
    numbers = frame_numbers([files.number(index) - 1 for index in indices])  # it counts from 1
    return {"count": len(indices), "pattern": files.pattern.name, "numbers": numbers}


class FrameFileWriter:
    """The pipeline's sink: each restored frame written whole as its file, the record saved
    after ``segment_frames`` frames or ``segment_seconds`` of work (``clock`` tells the time),
    claiming the frames up to its next save; every frame written is kept, however the work
    stops."""

    def __init__(
        self,
        job: FrameFilesJob,
        record: FramesRecord,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job = job
        self.record = record
        self.clock = clock
        self._since = 0  # frames written since the record was saved
        self._saved = clock()
        self._folder = place_of(job.files.folder)

    def add(self, frame: Frame) -> None:
        with self._writing():
            self._write(frame)
            self.record.done = frame.index + 1
            if frame.damaged:
                self.record.damaged.append(frame.index)
            self._since += 1
            options = self.job.options
            due = self.clock() - self._saved >= options.segment_seconds
            if self._since >= options.segment_frames or due:
                self.save()

    def finish(self) -> None:
        with self._writing():
            self.save()

    def stop(self, error: BaseException) -> None:
        """The work stops early: the frames written so far are recorded, where the record can
        be saved (else the last one saved stands, and its claim covers them); none where
        their folder is gone."""
        if self._gone():
            return
        with suppress(WriteError):
            self.save()

    def wrote_sound(self, path: Path) -> None:
        """Record the sound file just written at ``path`` as this job's own, as it is now."""
        stamp = FileStamp.of(path)
        self.record.sound_written[path.name] = [stamp.size, stamp.mtime_ns]
        self.save()

    def save(self) -> None:
        """Save the record, claiming the frames up to the next save."""
        files, record = self.job.files, self.record
        last = min(record.done + self.job.options.segment_frames, files.end) - 1
        record.claim(files.number(files.first), files.number(max(last, files.first)))
        save_record(files, record)
        self._since, self._saved = 0, self.clock()

    def _write(self, frame: Frame) -> None:
        """Write ``frame`` whole as its file, in the folder the run began with."""
        self._check_folder()
        write_picture(self.job.picture(frame), self.job.files.frame(frame.index))
        self._check_folder()

    def _stopped_at(self) -> int:
        """The frame (its index) from which the frames could not be written."""
        return min(self.record.done, self.job.files.end - 1)

    def _gone(self) -> bool:
        """Whether the frames' folder is gone, or another made in its place (writing a frame
        makes its folder anew, without the frames before)."""
        return place_of(self.job.files.folder) != self._folder

    def _check_folder(self) -> None:
        if self._gone():
            folder = str(self.job.files.folder)
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), folder)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A frame or the record that could not be written, said in plain words."""
        try:
            yield
        except (OSError, WriteError) as error:
            fault = os_cause(error)
            if fault is None:  # not the system's: the error says it already
                raise
            raise self._unwritten(fault) from error

    def _unwritten(self, fault: OSError) -> WriteError:
        """Why the frames cannot be written: their folder gone (their record with it), or the
        system's reason (a full disk); the frames written before are kept for the next run."""
        folder = self.job.files.folder
        if self._gone():
            return WriteError(
                say(
                    "the output folder {folder} no longer exists; restoring the film into it "
                    "again starts its frames over",
                    folder=str(folder),
                )
            )
        return WriteError(
            say(
                "the restored frames could not be written from frame {number} on ({reason}); "
                "those written before it are kept for the next run",
                number=self.job.files.number(self._stopped_at()),
                reason=plain_reason(fault),
            )
        )


class MissingFramesWriter(FrameFileWriter):
    """The sink of a run that restores what a finished set lacks (``_fill_in``): each frame
    it is given written whole as its file (in place of one not whole); the set's record stays
    as it is, finished, but for the stamps of the sound written again."""

    at = 0  # the frame being written

    def add(self, frame: Frame) -> None:
        self.at = frame.index
        with self._writing():
            self._write(frame)

    def save(self) -> None:
        save_record(self.job.files, self.record)

    def _stopped_at(self) -> int:
        return self.at


def write_sound(
    info: VideoInfo,
    sound: list[tuple[CopiedStream, Path]],
    progress: Progress,
    on_written: Callable[[Path], None] | None = None,
    span: FilmSpan | None = None,
) -> None:
    """Write each audio stream of the film ``info`` describes that ``sound`` names into its
    WAV file there, atomically (replacing one there: the caller has checked it is its own),
    telling ``on_written`` of each file written; ``progress`` may cancel between them."""
    writing = say("writing the sound")
    for number, (stream, target) in enumerate(sound):
        progress.check()
        progress.update(number, len(sound), writing)
        try:
            with staged_file(target) as staged:
                _write_wav(info, stream.index, staged.temp, span or FilmSpan())
            if on_written is not None:
                on_written(target)
        except av.error.FFmpegError as error:
            raise RekindleError(
                say(
                    "{stream} of {name} cannot be read ({reason})",
                    stream=stream.describe(),
                    name=info.path.name,
                    reason=ffmpeg_reason(error),
                )
            ) from None
    progress.update(len(sound), len(sound), writing)


def _write_wav(info: VideoInfo, index: int, path: Path, span: FilmSpan) -> None:
    """Write audio stream ``index`` of the film as a Broadcast Wave file at ``path``
    (``bext_metadata``): PCM of 16 bits, or 32 where its samples are deeper, from the film's
    first frame to its last's end (its ``span``'s, to the sample)."""
    with open_input(info.path) as source:
        stream = source.streams[index]
        context = stream.codec_context
        fmt = "s16" if context.format.bytes <= 2 else "s32"
        rate, layout = context.sample_rate, context.layout
        resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate)
        begin, end = at_frame(info, span.first), at_frame(info, span.end_in(info.frames))
        start = _first_frame_seconds(source, info) + begin
        placed = _SoundSpan(start, float(end - begin), rate, context.channels)
        # a WAV file of more than 4 GB is written as RF64; a Broadcast Wave's chunk says
        # where on the film's timecode its sound starts
        options = {"rf64": "auto", "write_bext": "1"}
        with av.open(str(path), "w", format="wav", options=options) as wav:
            wav.metadata.update(bext_metadata(info, span, rate))
            out = wav.add_stream(PCM_ENCODERS[fmt], rate=rate, layout=layout)
            pieces = itertools.chain(_decoded(source, stream), [None])
            for piece in pieces:
                for made in resampler.resample(piece):
                    seconds = None if piece is None else piece.time
                    for part in placed.place(seconds, made.to_ndarray()):
                        wav.mux(out.encode(_audio_frame(part, fmt, layout, rate)))
            for part in placed.finish(np.dtype(np.int16 if fmt == "s16" else np.int32)):
                wav.mux(out.encode(_audio_frame(part, fmt, layout, rate)))
            wav.mux(out.encode(None))


def _decoded(source: av.container.InputContainer, stream: av.AudioStream) -> Iterator:
    """The stream's pieces of sound, decoded; a damaged packet's left out (its time is then
    kept as silence)."""
    for packet in source.demux(stream):
        with suppress(av.error.InvalidDataError):
            yield from packet.decode()


def _first_frame_seconds(source: av.container.InputContainer, info: VideoInfo) -> Fraction:
    """When the film's first frame is shown, in seconds on its file's clock: its stored time
    where the film has them, else its stream's start."""
    if info.times is not None:
        return info.times[0] * info.time_base
    video = source.streams[info.video_index]
    start = video.start_time
    return Fraction(0) if start is None else start * Fraction(video.time_base)


def _audio_frame(samples: np.ndarray, fmt: str, layout: object, rate: int) -> av.AudioFrame:
    """Packed ``samples`` (one row: each sample's channels one after another) as a frame."""
    frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples), format=fmt, layout=layout)
    frame.sample_rate = rate
    return frame


class _SoundSpan:
    """Places pieces of decoded sound on the film's span, from ``start`` (seconds on the
    file's clock) for ``seconds``, at ``rate`` samples a second in ``channels`` channels:
    sound before the span or after its end is cut off, and a gap before a piece (before the
    first, or left by a damaged packet) or after the last is silence (``SoundClock``)."""

    def __init__(self, start: Fraction, seconds: float, rate: int, channels: int) -> None:
        self.clock = SoundClock(start, rate)
        self.rate, self.channels = rate, channels
        self.length = round(seconds * rate)
        self.written = 0  # samples placed from the span's start

    def place(self, seconds: float | None, packed: np.ndarray) -> Iterator[np.ndarray]:
        """The parts to write of the piece ``packed`` (one row: each sample's channels one
        after another) that starts at ``seconds`` (None: where the last ended), silence
        first where it starts after the last ended."""
        samples = packed.reshape(-1, self.channels)
        at = self.clock.place(seconds, len(samples))
        if at > self.written:
            yield from self._silence(at - self.written, samples.dtype)
        cut = max(0, self.written - at)  # what lies before the span, or was placed already
        kept = samples[cut : cut + max(0, self.length - self.written)]
        self.written += len(kept)
        if len(kept):
            yield kept.reshape(1, -1)

    def finish(self, dtype: np.dtype) -> Iterator[np.ndarray]:
        """Silence from where the sound ends to the span's end."""
        yield from self._silence(self.length - self.written, dtype)

    def _silence(self, count: int, dtype: np.dtype) -> Iterator[np.ndarray]:
        """``count`` samples of silence (as far as the span goes), a second at most a part."""
        left = min(count, self.length - self.written)
        step = max(1, round(SILENCE_SECONDS * self.rate))
        while left > 0:
            part = min(step, left)
            self.written += part
            left -= part
            yield np.zeros((1, part * self.channels), dtype)


PAL_RATES = (25, 50)
"""Frame and field rates of 625-line video: an SD film at them is PAL's, whatever its tag."""


def _video_standard(info: VideoInfo) -> int:
    """The DPX code of the standard a film's frames are in: a video film's by the matrix it
    is read with (``output_colorspace``), BT.601 told apart by its rate (625 lines at 25
    frames a second, 525 else); those DPX has no code for (BT.2020) and a sequence of
    pictures' (sRGB, say) ``dpx.USER_DEFINED``."""
    if info.sequence is not None:
        return dpx.USER_DEFINED
    matrix = output_colorspace(info)
    if matrix == AVCOL_SPC_BT709:
        return dpx.ITU_709
    if matrix in BT601_MATRICES:
        return dpx.ITU_601_625 if round(info.rate) in PAL_RATES else dpx.ITU_601_525
    return dpx.USER_DEFINED
