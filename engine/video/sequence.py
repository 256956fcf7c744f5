"""Numbered frame sequences read as films: a film scanner's frame_000001.dpx, frame_000002.dpx
... (or TIFF, PNG, JPEG frames), given as the folder that holds them or as a printf-style
pattern (``scan/frame_%06d.dpx``).

A sequence is the files of one folder that share a name but for a running number, one
suffix and one way of writing the number (padded to a width, or not), taken in number order.
Its frames are opened as one film through FFmpeg's image2 demuxer (``open_sequence``), one
for each run of numbers without a gap where gaps are let through (``FrameRuns``), since image2
stops at the first number missing. Frame N is shown at its number's time counted from the
first at the rate given, else at the rate its first frame states (a DPX scan's header), else
at 24 (``SequenceOptions``, ``sequence_rate``), so the frame before a gap stays on screen
through it and the film keeps its length. The film keeps the timecode its first frame states.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av

from engine.errors import RekindleError
from engine.filestamp import FileStamp
from engine.media import is_supported_video
from engine.words import listed, say

SEQUENCE_SUFFIXES = frozenset({".png", ".tif", ".tiff", ".dpx", ".jpg", ".jpeg"})
"""The kinds of frames a sequence may be made of."""
NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<digits>\d+)(?P<suffix>\.[^.]*)$")
"""A frame's file name: its last run of digits, just before its suffix, is its number."""
PATTERN_PARTS = re.compile(r"%%|%(?P<width>0\d+)?d|%")
"""What a printf-style pattern's name holds: an escaped percent sign, the frame number
(``%d``, or padded: ``%06d``), or a percent sign that is neither."""
HASHED_NUMBER = re.compile(r"#+")
"""A frame number written as hashes, one a digit (``####``: padded to 4)."""
MOST_RATE = 1000
"""The most frames a second a sequence is read at."""
MOST_STATED_RATE = 240
"""The most frames a second a frame's header may state and be taken at its word: a higher rate
is no film's, but a header's garbage."""
UNSTATED_RATE = Fraction(24)
"""The frames a second of a sequence whose first frame states none (a PNG, a TIFF), where
none is given."""
NTSC_SLACK = Fraction(1, 1000)
"""How near a rate written in decimals (23.976) must be to a rate of 1000/1001 of a whole
one (24000/1001) to be taken for it."""


@dataclass(frozen=True)
class SequenceOptions:
    """How frame sequences are read as films: at ``rate`` frames a second, or where it is
    None, at the rate each one's first frame states, else ``UNSTATED_RATE``
    (``sequence_rate``); and whether a sequence with numbers missing is taken
    (``allow_gaps``) or refused. By default at ``UNSTATED_RATE`` (the app's setting offers it);
    the command line gives None where no ``--rate`` is given."""

    rate: Fraction | None = UNSTATED_RATE
    allow_gaps: bool = False


@dataclass(frozen=True)
class FrameSequence:
    """The numbered frames of one folder that make one film."""

    source: Path = field(compare=False)  # as it was given: the folder, or a pattern in it
    folder: Path
    prefix: str  # the frames' names before their number
    suffix: str  # and after it, as the files spell it
    width: int  # the width numbers are padded to with zeros; 0: not padded
    numbers: tuple[int, ...]  # in order
    stamp: FileStamp  # all the frames' bytes, and a digest of each frame's size and mtime

    @property
    def name(self) -> str:
        """The film's name (``sequence_name``)."""
        return sequence_name(self.source)

    @property
    def pattern(self) -> str:
        """The frames' path in printf style, as FFmpeg's image2 demuxer reads it."""
        number = f"%0{self.width}d" if self.width else "%d"
        name = _escaped(self.prefix) + number + _escaped(self.suffix)
        return os.path.join(_escaped(str(self.folder)), name)

    @property
    def spelled(self) -> str:
        """The frames' name with the number written as a pattern: "frame_%06d.dpx"."""
        return Path(self.pattern).name

    def frame_file(self, number: int) -> Path:
        """The file of frame ``number``."""
        return self.folder / f"{self.prefix}{_spelled(number, self.width)}{self.suffix}"

    def missing(self) -> list[int]:
        """The numbers between the first and the last with no frame, in order."""
        return [
            number
            for before, after in itertools.pairwise(self.numbers)
            for number in range(before + 1, after)
        ]

    def found(self) -> FrameSequence:
        """The sequence of the frames at its names in its folder now."""
        files = _numbered_files(self.folder).get((self.prefix, self.suffix), [])
        return _sequence(self.source, self.folder, self.prefix, self.suffix, self.width, files)

    def unchanged(self) -> bool:
        """Whether the folder holds the same frames as when the sequence was found, unwritten
        since (``stamp``)."""
        return self.found() == self


def is_frame_pattern(path: Path) -> bool:
    """Whether ``path`` is a printf-style pattern of frames (``scan/frame_%06d.dpx``), not a
    file of that name."""
    return _pattern_parts(path.name) is not None and not path.is_file()


def named_frames(pattern: Path) -> FrameSequence | None:
    """The frames a printf-style pattern names (``out/frame_%06d.tif``), none looked for: a
    sequence without numbers, whose ``frame_file`` gives frame N's file (a frame to write);
    None where the name holds no one frame number."""
    parts = _pattern_parts(pattern.name)
    if parts is None:
        return None
    prefix, width, suffix = parts
    return _sequence(pattern, pattern.parent, prefix, suffix, width, [])


def sequence_name(source: Path) -> str:
    """The name of the film a sequence is restored as, from what gives it, its frames not
    looked for: given as a folder, the folder's; given as a pattern, the frames' name
    without the number (the folder's where they have none)."""
    parts = _pattern_parts(source.name) if is_frame_pattern(source) else None
    stem = parts[0].rstrip("_-. ") if parts else ""
    folder = source.parent if parts else source
    return stem or folder.resolve().name or "frames"


def names_sequence(path: Path) -> bool:
    """Whether ``path`` gives a frame sequence: a pattern (``is_frame_pattern``), or a folder
    whose own files hold numbered frames (``sequences_in``) and no film."""
    if is_frame_pattern(path):
        return True
    if not path.is_dir() or _holds_film(path):
        return False
    return bool(sequences_in(path))


def _holds_film(folder: Path) -> bool:
    """Whether the folder's own files hold a film (by name), or it cannot be read: a folder
    that is no frame sequence."""
    try:
        return any(is_supported_video(entry.name) for entry in os.scandir(folder))
    except OSError:
        return True


def sequences_in(folder: Path) -> list[FrameSequence]:
    """The sequences of two frames or more among the folder's own files, by name."""
    candidates = (
        _sequence(folder, folder, prefix, suffix, width, files)
        for (prefix, suffix), files in sorted(_numbered_files(folder).items())
        for width in sorted(_widths(files))
    )
    return [sequence for sequence in candidates if len(sequence.numbers) > 1]


def sequence_films(folder: Path) -> list[tuple[Path, FrameSequence]]:
    """The films the sequences among the folder's own files make, each with the path that
    gives it: the folder itself where it gives one (``names_sequence``), else each sequence's
    pattern in it."""
    sequences = sequences_in(folder)
    if len(sequences) == 1 and not _holds_film(folder):
        return [(folder, sequences[0])]
    return [(folder / sequence.spelled, sequence) for sequence in sequences]


def films_among(found: Iterable[Path]) -> Iterator[Path]:
    """The films among the photos and films found in a folder (``engine.media.media_in``), in
    order: each film file, and each frame sequence of a folder whose pictures were found
    (``sequence_films``), in the place of the first of them; photos that are no frames of a
    sequence left out."""
    searched: set[Path] = set()
    for path in found:
        if is_supported_video(path):
            yield path
        elif path.suffix.lower() in SEQUENCE_SUFFIXES and path.parent not in searched:
            searched.add(path.parent)
            yield from (film for film, _ in sequence_films(path.parent))


class SequenceGapError(RekindleError):
    """A frame sequence has numbers missing, and gaps are not let through, or a frame to be
    moved away, which leaves a gap: its sentence names no way to let gaps through, which each
    front end names in its own words."""


def frame_sequence(source: Path, allow_gaps: bool = False) -> FrameSequence:
    """The sequence ``source`` gives (a folder holding one, or a pattern), checked: raise
    ``RekindleError`` with a sentence for a pattern that matches no frame, a folder holding
    none or several, and, unless ``allow_gaps``, ``SequenceGapError`` for numbers missing
    between its first and last (a restorer must know which: a frame lost in the scan)."""
    sequence = _pattern_sequence(source) if is_frame_pattern(source) else _folder_sequence(source)
    missing = sequence.missing()
    if missing and not allow_gaps:
        raise SequenceGapError(
            say(
                "{name}: frame {number} is missing ({file}), and {count} in all between "
                "{first} and {last}; scan it again, or allow gaps to restore the sequence as "
                "it is (the frame before a gap stays on screen through it)",
                name=source.name,
                number=missing[0],
                file=sequence.frame_file(missing[0]).name,
                count=len(missing),
                first=sequence.numbers[0],
                last=sequence.numbers[-1],
            )
        )
    return sequence


def _folder_sequence(folder: Path) -> FrameSequence:
    """The one sequence in ``folder``; ``RekindleError`` where it holds none or several."""
    found = sequences_in(folder)
    if not found:
        kinds = ", ".join(sorted(SEQUENCE_SUFFIXES))
        raise RekindleError(
            say(
                "{name}: no numbered frames in this folder ({kinds})", name=folder.name, kinds=kinds
            )
        )
    if len(found) > 1:
        raise RekindleError(
            say(
                "{name}: {count} frame sequences in this folder: {sequences}; give the one to "
                "restore as a pattern, such as {example}",
                name=folder.name,
                count=len(found),
                sequences=listed(
                    [
                        say("{name} ({count} frames)", name=item.spelled, count=len(item.numbers))
                        for item in found
                    ]
                ),
                example=found[0].pattern,
            )
        )
    return found[0]


def _pattern_sequence(pattern: Path) -> FrameSequence:
    """The frames ``pattern`` names; ``RekindleError`` where they are not of a kind a
    sequence is made of, or there are none."""
    prefix, width, suffix = _pattern_parts(pattern.name) or ("", 0, "")
    if suffix.lower() not in SEQUENCE_SUFFIXES:
        kinds = ", ".join(sorted(SEQUENCE_SUFFIXES))
        raise RekindleError(
            say(
                "{name}: a frame sequence is made of {kinds} frames", name=pattern.name, kinds=kinds
            )
        )
    files = _numbered_files(pattern.parent).get((prefix, suffix), [])
    sequence = _sequence(pattern, pattern.parent, prefix, suffix, width, files)
    if not sequence.numbers:
        raise RekindleError(
            say(
                "{name}: no frames in {folder} match this pattern",
                name=pattern.name,
                folder=str(pattern.parent),
            )
        )
    return sequence


_File = tuple[str, int, os.stat_result]
"""A numbered frame's number as its name writes it, the number, and its file's details."""


def _numbered_files(folder: Path) -> dict[tuple[str, str], list[_File]]:
    """The folder's own numbered frames of the kinds a sequence is made of, by the name
    before their number and their suffix; hidden files left out. Nothing where the folder
    cannot be read: it is then no sequence, and is told as a folder of films is."""
    found: dict[tuple[str, str], list[_File]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        named = NUMBERED.match(entry.name)
        if entry.name.startswith(".") or named is None:
            continue
        if named["suffix"].lower() not in SEQUENCE_SUFFIXES or not entry.is_file():
            continue
        digits = named["digits"]
        key = (named["prefix"], named["suffix"])
        found.setdefault(key, []).append((digits, int(digits), entry.stat()))
    return found


def _widths(files: list[_File]) -> set[int]:
    """The ways ``files`` write their numbers: each width a number is padded to with zeros
    ("000012": 6), and 0 for numbers not padded, where some are."""
    padded = {len(digits) for digits, _, _ in files if len(digits) > 1 and digits[0] == "0"}
    written = {
        next((width for width in padded if _spelled(number, width) == digits), 0)
        for digits, number, _ in files
    }
    return padded | written


def _sequence(
    source: Path, folder: Path, prefix: str, suffix: str, width: int, files: list[_File]
) -> FrameSequence:
    """The sequence of those of ``files`` whose numbers are written ``width`` wide."""
    kept = sorted(
        (
            (number, details)
            for digits, number, details in files
            if _spelled(number, width) == digits
        ),
        key=lambda item: item[0],
    )
    stamp = FileStamp(sum(details.st_size for _, details in kept), _frames_digest(kept))
    numbers = tuple(number for number, _ in kept)
    return FrameSequence(source, folder, prefix, suffix, width, numbers, stamp)


def _frames_digest(frames: list[tuple[int, os.stat_result]]) -> int:
    """A number that changes where any of ``frames`` (number, file details) is rewritten:
    a digest of each one's size and modification time, so that a frame written again at the
    same size is told even where its time is older than another frame's."""
    digest = hashlib.blake2b(digest_size=8)
    for number, details in frames:
        digest.update(f"{number} {details.st_size} {details.st_mtime_ns}\n".encode())
    return int.from_bytes(digest.digest(), "big") >> 1  # a positive 63-bit number


def _spelled(number: int, width: int) -> str:
    """``number`` as a frame's name writes it, padded to ``width`` with zeros."""
    return f"{number:0{width}d}"


def _pattern_parts(name: str) -> tuple[str, int, str] | None:
    """A pattern's name as the frames' name before their number, the width the number is
    padded to (0: not padded) and the name after it; None for a name that holds no number,
    several, or a percent sign that is neither a number nor escaped. The number is written
    printf's way (``%06d``) or, in a name without a percent sign, as one run of hashes, one
    a digit (``frame_######.dpx``, as compositing and grading suites write it)."""
    numbers = [part for part in PATTERN_PARTS.finditer(name) if part[0] != "%%"]
    if not numbers and "%" not in name:
        return _hashed_parts(name)
    if len(numbers) != 1 or numbers[0][0] == "%":
        return None
    (number,) = numbers
    width = int(number["width"]) if number["width"] else 0
    return _unescaped(name[: number.start()]), width, _unescaped(name[number.end() :])


def _hashed_parts(name: str) -> tuple[str, int, str] | None:
    """``_pattern_parts`` of a name whose number is one run of hashes; None for none, or
    several."""
    runs = list(HASHED_NUMBER.finditer(name))
    if len(runs) != 1:
        return None
    (run,) = runs
    return name[: run.start()], len(run[0]), name[run.end() :]


def _escaped(text: str) -> str:
    return text.replace("%", "%%")


def _unescaped(text: str) -> str:
    return text.replace("%%", "%")


def open_sequence(
    sequence: FrameSequence, rate: Fraction, timecode: str | None = None
) -> FilmInput:
    """The frames opened as one film at ``rate`` frames a second, frame N at its number's
    time from the first: by FFmpeg's image2 demuxer, or where numbers are missing, by one
    for each run of numbers without a gap (``FrameRuns``). Its stream's tags hold
    ``timecode``, its first frame's, as a film file's stream holds its own (which the
    restored film keeps). Raises what FFmpeg raises."""
    runs = _runs(sequence.numbers)
    film = (
        _image2(sequence, runs[0][0], rate) if len(runs) == 1 else FrameRuns(sequence, runs, rate)
    )
    if timecode is not None:
        film.streams.video[0].metadata["timecode"] = timecode
    return film


def _image2(sequence: FrameSequence, first: int, rate: Fraction) -> av.container.InputContainer:
    """FFmpeg's image2 demuxer on the frames from number ``first`` on, at ``rate``."""
    options = {"framerate": str(rate), "start_number": str(first), "pattern_type": "sequence"}
    return av.open(sequence.pattern, "r", format="image2", options=options)


def _runs(numbers: tuple[int, ...]) -> list[tuple[int, int]]:
    """The runs of ``numbers`` (in order) without a gap, each as its first and last."""
    runs = [[numbers[0], numbers[0]]]
    for number in numbers[1:]:
        if number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return [(first, last) for first, last in runs]


class FrameRuns:
    """A frame sequence with numbers missing, read as one film: image2 stops at the first
    number missing, so each run of numbers without a gap is opened on its own when it is
    reached, and its packets are given their numbers' times from the sequence's first.

    It offers what the film path asks of an input container (``frames.py``, ``join.py``):
    its streams (the first run's, open while it is), its tags and chapters (none), its video
    packets in order, each run's last followed by an empty packet that has its decoder give
    the pictures it holds back (frame threads), and seeking by time."""

    def __init__(
        self, sequence: FrameSequence, runs: list[tuple[int, int]], rate: Fraction
    ) -> None:
        self.sequence, self.runs, self.rate = sequence, runs, rate
        self.first = _image2(sequence, runs[0][0], rate)
        self.streams = self.first.streams
        self.metadata: dict[str, str] = {}
        time_base = Fraction(self.streams.video[0].time_base)
        self.starts = [round((run[0] - runs[0][0]) / (rate * time_base)) for run in runs]
        self._run, self._open, self._skip = 0, self.first, 0

    def chapters(self) -> list[dict]:
        return []

    def seek(
        self,
        offset: int,
        *,
        backward: bool = True,
        any_frame: bool = False,
        stream: av.VideoStream | None = None,
    ) -> None:
        """Go to the frame shown at ``offset`` (in the film's time base: ``stream`` is its
        one stream): the run it lies in, or, in a gap, the last frame of the run before it."""
        run = max(0, bisect.bisect_right(self.starts, offset) - 1)
        first, last = self.runs[run]
        within = min(max(0, offset - self.starts[run]), last - first)
        self._go_to(run)
        video = self._open.streams.video[0]
        self._open.seek(within, stream=video, backward=backward, any_frame=any_frame)
        self._skip = within

    def demux(self, *streams: object) -> Iterator[av.Packet]:
        """The film's packets (``streams``: its one stream), from where the last seek went
        (else the first frame) on."""
        while True:
            yield from self._run_packets()
            if self._run + 1 == len(self.runs):
                return
            self._go_to(self._run + 1)
            self._skip = 0

    def _run_packets(self) -> Iterator[av.Packet]:
        """The packets of the open run from its frame ``_skip`` on, at their times in the
        sequence, then an empty one for its decoder: the run's own end, which image2 may
        not see (it looks for its last file by leaps, and may leap over a gap)."""
        video = self._open.streams.video[0]
        first, last = self.runs[self._run]
        left, moved = last - first + 1 - self._skip, self.starts[self._run]
        packets = (packet for packet in self._open.demux(video) if packet.size)
        for packet in itertools.islice(packets, left):
            packet.pts += moved
            packet.dts += moved
            yield packet
        end = av.Packet()
        end.stream = video
        yield end

    def _go_to(self, run: int) -> None:
        """Open run number ``run`` (the first stays open: its streams are the film's)."""
        if run == self._run:
            return
        if self._open is not self.first:
            self._open.close()
        self._open = (
            self.first if run == 0 else _image2(self.sequence, self.runs[run][0], self.rate)
        )
        self._run = run

    def close(self) -> None:
        if self._open is not self.first:
            self._open.close()
        self.first.close()

    def __enter__(self) -> FrameRuns:
        return self

    def __exit__(self, *details: object) -> None:
        self.close()


FilmInput = av.container.InputContainer | FrameRuns
"""What a film is read from: a film file's container, or a frame sequence's runs."""


def parse_rate(text: str) -> Fraction:
    """A frame rate as people write it: 24, 25, 23.976 (taken for 24000/1001, as 29.97 for
    30000/1001) or 24000/1001; ``RekindleError`` with a sentence for anything else."""
    try:
        rate = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise RekindleError(
            say(
                "{text} is not a frame rate; write frames a second like 24, 25, 23.976 or "
                "24000/1001",
                text=repr(text),
            )
        ) from None
    if not 1 <= rate <= MOST_RATE:
        raise RekindleError(
            say(
                "{text} frames a second is out of range: a film runs at 1 to {most}",
                text=text,
                most=MOST_RATE,
            )
        )
    return _exact(rate)


def sequence_rate(given: Fraction | None, stated: Iterable[float]) -> Fraction:
    """The frames a second a sequence is read at: ``given`` where it is not None, else the
    first of the rates its first frame ``stated`` (a DPX scan's film and television headers)
    that is a film's (1 to ``MOST_STATED_RATE``), taken as ``parse_rate`` takes a rate
    written in decimals (23.976: 24000/1001), else ``UNSTATED_RATE``."""
    if given is not None:
        return given
    rates = (Fraction(rate) for rate in stated if math.isfinite(rate))
    return next((_exact(rate) for rate in rates if 1 <= rate <= MOST_STATED_RATE), UNSTATED_RATE)


def _exact(rate: Fraction) -> Fraction:
    """``rate`` as it is meant where it was written in decimals: 1000/1001 of a whole rate for
    such a rate rounded (``_ntsc``), else the nearest with a denominator of 1001 at most."""
    return _ntsc(rate).limit_denominator(1001)


def _ntsc(rate: Fraction) -> Fraction:
    """``rate`` as 1000/1001 of a whole rate where it was written as such a rate rounded
    (23.976, 29.97), else as it is."""
    whole = round(rate * Fraction(1001, 1000))
    ntsc = Fraction(whole * 1000, 1001)
    return ntsc if rate.denominator != 1 and abs(rate - ntsc) < NTSC_SLACK else rate


def rate_words(rate: Fraction) -> str:
    """A frame rate as people write it: "24", "23.976"."""
    return f"{float(rate):.3f}".rstrip("0").rstrip(".")
