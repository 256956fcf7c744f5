"""Resumable output: finished segments in a hidden work folder beside the output, and a small
journal of them, written atomically after each segment.

A job's folder is named from a hash of the input (path, size, mtime) and the settings, so a
run with the same input and settings continues where a killed or cancelled one stopped, and
a run with other settings starts afresh. A segment closes after ``segment_frames`` frames or
``segment_seconds`` of work, whichever comes first, so a kill loses at most that much work on a
slow machine and a fast one still writes long segments (each starts with a keyframe). A
cancelled run closes its open segment early (kept) where its encoder holds few frames back
(``CLOSE_ON_CANCEL_PIXELS``: x264 looks a score of frames ahead, seconds each at 8K), else
gives it up so as to stop at once, as a killed one loses it (the resumed run redoes it), so
a resumed film holds the frames an uninterrupted run makes: with a lossless codec, pixel for
pixel; with H.264, within encoder noise, as two uninterrupted runs differ
(x264's AVX-512 code does not always repeat its bytes).

A job's key also names the input alone, so a finished film clears the work of its runs with
other settings beside it, whatever their results were to be named: once the film is written,
none is needed (a run that goes back to those settings makes a film of its own anew). Until
then that work stays, and a run that starts the film afresh beside it can say that it cannot
continue it (``other_unfinished_work``).

One machine makes the segments in order, so its journal lists them from frame 0 on (from the
first frame of a span of the film, ``FilmSpan``, which is part of the job's key). A cluster
(``engine.cluster``) makes them side by side and they finish in any order: the journal then
holds segments with gaps between them, and a re-run makes only the gaps.

A job's folder also keeps what probing its input found (``recorded_probe``), read through
once: a run that continues the film, the input as it was (``FileStamp``), reads it no more.
Its finished segments tell how many bytes a frame takes, and so roughly how much room the rest
of the film and its join still need (``Journal.room_to_finish``).

A run holds an OS lock (``engine.busy``) on its folder's lock file while it works there
(``WorkLock``), so a second run of the same command refuses at once instead of removing the
first one's unfinished segment; the system lets the lock go when a run ends however it ends,
so a killed run blocks no one.
"""

from __future__ import annotations

import bisect
import glob
import hashlib
import json
import os
import shutil
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from engine.atomic import write_bytes_atomically
from engine.busy import Busy, Lock
from engine.errors import Cancelled, WriteError, plain_reason
from engine.file_names import NAME_MAX, name_within
from engine.filestamp import FileStamp
from engine.video.encoder import EncodePlan, PacketTimes, SegmentEncoder
from engine.video.fields import Fields
from engine.video.frames import Frame
from engine.video.probe import CopiedStream, VideoInfo
from engine.words import say

JOURNAL = "journal.json"
JOURNAL_VERSION = 3
LOCK = "lock"  # the file a run holds an OS lock on while it works in the folder
WORK_PREFIX = "."
WORK_SUFFIX = ".rekindle"
KEY_CHARS = 16  # of the job's key, in its folder's name
SOURCE_MARK = "/"  # in a job's key, before the hash of its input's path
PROBE_VERSION = 2
"""Of a probe kept in a job's folder (``WorkFolder.keep_probe``): one of another version, or
holding other fields than ``VideoInfo``'s, is not used."""
CLOSE_ON_CANCEL_PIXELS = 80_000_000
"""The most pixels a cancelled run's encoder may hold back for the run to close its open
segment and keep it, not give it up: x264's look-ahead (``codecs.LOOKAHEAD`` frames, and a
few more) of 1080p or 2K frames, a second or two to flush; of 4K and larger, longer than
Cancel may take, for at most a minute's work in the segment."""
ROOM_SAMPLE_SHARE = 0.01
"""The share of a film's frames in finished segments before they are taken to tell how many
bytes the rest takes: the first seconds (a leader, a title) tell little of it."""


def job_key(info: VideoInfo, settings: dict[str, object]) -> str:
    """A hash of the input file's identity and every setting that shapes the output, then
    (after ``SOURCE_MARK``) a short one of the input's path alone (``source_of``). A frame
    sequence's identity holds the rate it is read at, which its frames do not say."""
    source = str(info.path.resolve())
    identity = {
        "version": JOURNAL_VERSION,
        "input": source,
        "size": info.stamp.size,
        "mtime_ns": info.stamp.mtime_ns,
        **({"rate": str(info.rate)} if info.sequence is not None else {}),
        "settings": settings,
    }
    text = json.dumps(identity, sort_keys=True, default=str)  # ASCII: a name's bytes escaped
    return f"{_digest(text.encode())}{SOURCE_MARK}{_place_digest(info.path)}"


def _place_digest(source: Path) -> str:
    """A short hash of the path ``source`` resolves to, as a job's key names its input: of
    its bytes, which a name that is not UTF-8 has too."""
    return _digest(os.fsencode(source.resolve()))[:KEY_CHARS]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_of(key: str) -> str:
    """The part of a job's key that names its input ("" in a key written before keys did)."""
    return key.partition(SOURCE_MARK)[2]


def _same_job(written: str, key: str) -> bool:
    """Whether a journal's key is ``key``, or, written before keys named their input, the
    part of ``key`` before its input's."""
    return written in (key, key.partition(SOURCE_MARK)[0])


def _work_name(target: Path) -> str:
    """``target``'s name as its work folders carry it: cut short where the folder's name
    would not fit in a file name (``name_within``)."""
    room = NAME_MAX - len(WORK_PREFIX) - len(f".{'0' * KEY_CHARS}{WORK_SUFFIX}")
    return name_within(target.name, room)


def work_folder(target: Path, key: str) -> Path:
    """The hidden folder beside ``target`` that holds one job's segments."""
    return target.parent / f"{WORK_PREFIX}{_work_name(target)}.{key[:KEY_CHARS]}{WORK_SUFFIX}"


def remove_work_folders(target: Path) -> None:
    """Remove every job's folder for ``target`` (once it is written, none is needed), and
    those beside it of the same input for other results (other settings name them
    otherwise), but those another run is working in."""
    own = _work_folders(target.parent, glob.escape(_work_name(target)))
    sources = {_source_in(folder) for folder in own} - {""}
    others = [folder for folder in _work_folders(target.parent, "*") if folder not in own]
    for folder in own + [folder for folder in others if _source_in(folder) in sources]:
        _remove_unless_busy(folder)


def other_unfinished_work(target: Path, key: str) -> list[Path]:
    """The jobs' folders for ``target`` other than the one of the job ``key``, that hold
    finished segments of the same input (or of an input their key names none of): work with
    other settings, or of another version of Rekindle, which this job cannot continue and
    which goes once its film is written (``remove_work_folders``)."""
    own = work_folder(target, key)
    folders = _work_folders(target.parent, glob.escape(_work_name(target)))
    return [f for f in folders if f != own and _holds_segments_of(f, source_of(key))]


def has_unfinished_work(target: Path, source: Path) -> bool:
    """Whether a job's folder for ``target`` holds finished segments of the film ``source``
    (or of an input its key names none of), whatever its settings: read alone, so that a
    dry run finds the jobs' keys only where there is work to continue."""
    folders = _work_folders(target.parent, glob.escape(_work_name(target)))
    return any(_holds_segments_of(folder, _place_digest(source)) for folder in folders)


def _holds_segments_of(folder: Path, source: str) -> bool:
    """Whether the journal in ``folder``, of any journal version, lists finished segments of
    the input ``source`` names (``source_of``), or names no input."""
    try:
        data = json.loads((folder / JOURNAL).read_text())
        written, segments = str(data["key"]), data["segments"]
    except (OSError, ValueError, TypeError, KeyError):
        return False
    return bool(segments) and source_of(written) in (source, "")


def _work_folders(parent: Path, name: str) -> list[Path]:
    """The jobs' folders in ``parent`` for targets named ``name`` (a glob pattern)."""
    key = "[0-9a-f]" * KEY_CHARS
    return sorted(parent.glob(f"{WORK_PREFIX}{name}.{key}{WORK_SUFFIX}"))


def _source_in(folder: Path) -> str:
    """What the key of the job whose journal is in ``folder`` names its input by (``""``
    when there is no journal, or its key names none)."""
    return source_of(WorkFolder(folder, "").read_key() or "")


_held: dict[Path, WorkLock] = {}
"""The work folders this process holds, by their resolved paths."""


class WorkLock:
    """This process's hold on a work folder: the lock (``engine.busy``) on the folder's lock
    file.

    A run of this process that finds the folder held here shares the hold: runs in one
    process follow one another (the command line and the app restore one film at a time),
    and an earlier run's journal may outlive it a while (in a traceback). The hold is let go
    once the folder is removed, or once no journal of it is in use."""

    def __init__(self, folder: Path, lock: Lock) -> None:
        self.folder = folder
        self._lock = lock
        self._users = 0

    @classmethod
    def take(cls, folder: Path) -> WorkLock:
        """Hold ``folder`` (which exists); raise ``Busy`` naming the process that holds it
        when that is another."""
        path = folder.resolve()
        held = _held.get(path)
        if held is not None:
            return held
        lock = Lock.take(path / LOCK, _refusal)
        _held[path] = work = cls(path, lock)
        return work

    def serve(self, journal: Journal) -> None:
        """Keep the hold while ``journal`` is in use."""
        self._users += 1
        weakref.finalize(journal, self._leave)

    def _leave(self) -> None:
        self._users -= 1
        if self._users == 0:
            self.release()

    def release(self) -> None:
        """Let the folder go (again: nothing)."""
        if _held.get(self.folder) is self:
            del _held[self.folder]
        self._lock.release()


def _refusal(holder: str) -> str:
    """Why a run cannot restore into a work folder that ``holder`` holds."""
    return say(
        "being restored into the same file by {holder}; wait for it or stop it", holder=holder
    )


def _remove_unless_busy(folder: Path) -> None:
    """Remove ``folder`` unless another run holds it; it is held while it goes, so no run
    starts in it meanwhile (Windows cannot remove the open lock file: there it is let go
    first)."""
    if not folder.is_dir():
        return
    try:
        lock = WorkLock.take(folder)
    except Busy:
        return
    if sys.platform == "win32":
        lock.release()
    shutil.rmtree(folder, ignore_errors=True)
    lock.release()


@dataclass
class Segment:
    index: int
    first: int  # index of its first frame in the film
    frames: int
    last_pts: int  # output time of its last frame
    last_raw_pts: int | None  # that frame's time as stored in the source
    size: int  # bytes of the segment file
    damaged: list[int] = field(default_factory=list)  # its frames the decoder patched up

    @property
    def end(self) -> int:
        return self.first + self.frames


@dataclass
class Journal:
    key: str
    frames: int  # frames the job restores: the film's, or its span's (``FilmSpan``)
    segment_frames: int
    segments: list[Segment] = field(default_factory=list)
    complete: bool = False  # every frame is in a segment
    first: int = 0  # the film's frame the job starts at (its span's in point)

    @property
    def end(self) -> int:
        """The film's frame after the job's last."""
        return self.first + self.frames

    @property
    def done(self) -> int:
        """The frame up to which the job is done from its first on without a gap (where one
        machine goes on)."""
        end = self.first
        for segment in self.segments:
            if segment.first != end:
                break
            end = segment.end
        return end

    @property
    def frames_done(self) -> int:
        """The frames in finished segments, gaps or not."""
        return sum(segment.frames for segment in self.segments)

    @property
    def next_index(self) -> int:
        """A segment number no finished segment has."""
        return max((segment.index for segment in self.segments), default=-1) + 1

    def gaps(self) -> list[tuple[int, int]]:
        """The frame ranges (first, end) no finished segment holds, in order."""
        ranges, end = [], self.first
        for segment in self.segments:
            if segment.first > end:
                ranges.append((end, segment.first))
            end = segment.end
        return ranges + ([(end, self.end)] if end < self.end else [])

    def add(self, segment: Segment) -> None:
        """Record a finished segment in its place; the film is complete once no gap is left."""
        bisect.insort(self.segments, segment, key=lambda kept: kept.first)
        self.complete = not self.gaps()

    def room_to_finish(self, sound: int) -> int:
        """Bytes the film still takes on its drive, roughly: the frames not yet in a segment,
        at the bytes a frame of the finished segments takes, then the joined film, which
        holds every frame again (written while the segments are still there) and ``sound``
        (its other streams). Until a share of the film (``ROOM_SAMPLE_SHARE``) is in
        segments, ``sound`` alone: a frame's bytes are not known yet."""
        measured = self.frames_done
        if measured == 0 or measured < ROOM_SAMPLE_SHARE * self.frames:
            return sound
        per_frame = sum(segment.size for segment in self.segments) / measured
        return round(per_frame * (self.frames - measured + self.frames)) + sound

    @property
    def damaged_frames(self) -> tuple[int, ...]:
        """The film's frames whose data was damaged, from every run that made a segment."""
        return tuple(index for segment in self.segments for index in segment.damaged)

    def to_json(self) -> str:
        return json.dumps({"version": JOURNAL_VERSION, **asdict(self)}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Journal:
        data = json.loads(text)
        if data.pop("version", None) != JOURNAL_VERSION:
            raise ValueError("another journal version")
        data["segments"] = [Segment(**s) for s in data["segments"]]
        return cls(**data)


class WorkFolder:
    """A job's segments and journal on disk."""

    def __init__(self, path: Path, suffix: str) -> None:
        self.path = path
        self.suffix = suffix

    def segment_path(self, index: int) -> Path:
        return self.path / f"segment-{index:05d}{self.suffix}"

    def times_path(self, index: int) -> Path:
        return self.path / f"segment-{index:05d}.packets.json"

    def partial_path(self, index: int, writer: int | None = None) -> Path:
        """Where segment ``index`` is encoded; ``writer`` (a process id) tells apart the
        attempts of cluster workers, which may write into one folder."""
        owner = "" if writer is None else f".{writer}"
        return self.path / f"segment-{index:05d}{owner}.partial{self.suffix}"

    def save(self, journal: Journal) -> None:
        write_bytes_atomically(self.path / JOURNAL, journal.to_json().encode())

    def read_key(self) -> str | None:
        """The key of the job whose journal is here (None when there is none): a cluster
        worker that finds its job's key can write its segment straight into this folder."""
        try:
            return Journal.from_json((self.path / JOURNAL).read_text()).key
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def open_journal(
        self, key: str, frames: int, segment_frames: int, *, in_order: bool = True, first: int = 0
    ) -> Journal:
        """The journal of earlier runs, cut to its segments still intact on disk; files that
        belong to no such segment (unfinished ones) are removed. A fresh journal otherwise.
        ``frames`` from frame ``first`` on are the job's (a span of the film's: ``FilmSpan``).

        ``in_order`` keeps only the segments from frame 0 on without a gap, after which one
        machine goes on; otherwise every intact segment is kept (a cluster fills the gaps).
        The folder is held (``WorkLock``) while the journal is in use; ``Busy`` when
        another run holds it."""
        self.path.mkdir(parents=True, exist_ok=True)
        lock = WorkLock.take(self.path)
        journal = Journal(key, frames, segment_frames, first=first)
        lock.serve(journal)
        self._take_up(journal, in_order)
        keep = {JOURNAL, LOCK, _probe_name(source_of(key))}
        for segment in journal.segments:
            keep |= {self.segment_path(segment.index).name, self.times_path(segment.index).name}
        for path in self.path.iterdir():
            if path.name not in keep:
                _remove(path)
        self.save(journal)
        return journal

    def read_journal(self, key: str, frames: int, segment_frames: int, first: int = 0) -> Journal:
        """The journal one machine's run of the job ``key`` goes on with (``open_journal``),
        read without writing, removing or holding anything: what a dry run tells."""
        journal = Journal(key, frames, segment_frames, first=first)
        self._take_up(journal, in_order=True)
        return journal

    def _take_up(self, journal: Journal, in_order: bool) -> None:
        """Give the fresh ``journal`` the segments of earlier runs of its job that its
        journal here lists, still intact on disk (``open_journal``)."""
        try:
            loaded = Journal.from_json((self.path / JOURNAL).read_text())
        except (OSError, ValueError, TypeError, KeyError):
            return
        shape = (loaded.frames, loaded.segment_frames, loaded.first)
        asked = (journal.frames, journal.segment_frames, journal.first)
        if not _same_job(loaded.key, journal.key) or shape != asked:
            return
        end = journal.first
        for segment in sorted(loaded.segments, key=lambda kept: kept.first):
            if segment.first < end or not self._intact(segment):
                continue  # overlaps a segment kept, or lost its file
            if in_order and segment.first != end:
                break
            journal.segments.append(segment)
            end = segment.end
        journal.complete = not journal.gaps()

    def keep_probe(self, info: VideoInfo) -> None:
        """Keep what probing the job's input found, for the runs that continue the job
        (``recorded_probe``); where it cannot be written (a full disk), such a run probes
        the film again. A frame sequence's is not kept: it is found again by listing its
        folder, its frames not read through (``probe_sequence``)."""
        if info.sequence is not None:
            return
        found = {item.name: getattr(info, item.name) for item in fields(info)}
        record = {"version": PROBE_VERSION, **found, "path": str(info.path.resolve())}
        path = self.path / _probe_name(_place_digest(info.path))
        with suppress(WriteError):
            write_bytes_atomically(path, json.dumps(record, default=_plain).encode())

    def _intact(self, segment: Segment) -> bool:
        path = self.segment_path(segment.index)
        return (
            path.is_file()
            and path.stat().st_size == segment.size
            and self.times_path(segment.index).is_file()
        )

    def keep(self, journal: Journal, index: int, encoded: EncodedSegment) -> None:
        """Make the encoded file segment ``index`` of ``journal``: its packet times written,
        the file renamed into place and the journal saved with it."""
        times = {"time_base": str(encoded.time_base), "packets": encoded.packets}
        write_bytes_atomically(self.times_path(index), json.dumps(times).encode())
        final = self.segment_path(index)
        encoded.path.replace(final)
        segment = Segment(
            index=index,
            first=encoded.first,
            frames=encoded.frames,
            last_pts=encoded.last_pts,
            last_raw_pts=encoded.last_raw_pts,
            size=final.stat().st_size,
            damaged=list(encoded.damaged),
        )
        journal.add(segment)
        self.save(journal)

    def read_times(self, index: int) -> tuple[Fraction, list[PacketTimes]]:
        data = json.loads(self.times_path(index).read_text())
        packets = [(p[0], p[1], p[2], p[3], bool(p[4])) for p in data["packets"]]
        return Fraction(data["time_base"]), packets

    def remove(self) -> None:
        _remove_unless_busy(self.path)


def recorded_probe(parent: Path, source: Path) -> VideoInfo | None:
    """What probing the film ``source`` found, kept by a run before in one of the jobs'
    folders in ``parent`` (``WorkFolder.keep_probe``), while the file is still as it was
    then (its ``FileStamp``); None where no such record is kept."""
    stamp = FileStamp.find(source)
    if stamp is None:
        return None
    name = _probe_name(_place_digest(source))
    for folder in _work_folders(parent, "*"):
        info = _read_probe(folder / name, source)
        if info is not None and info.stamp == stamp:
            return info
    return None


def _probe_name(place: str) -> str:
    """The file a job's folder keeps its input's probe in, by the hash of the input's path
    (``_place_digest``), so that one film's is found without reading the others'."""
    return f"probe-{place}.json"


_PROBE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "stamp": lambda stamp: FileStamp(**stamp),
    "rate": Fraction,
    "time_base": Fraction,
    "sample_aspect_ratio": lambda ratio: None if ratio is None else Fraction(ratio),
    "copied": lambda streams: tuple(CopiedStream(**stream) for stream in streams),
    "fields": lambda kind: None if kind is None else Fields(**kind),
    "times": lambda times: None if times is None else tuple(times),
}
"""How a probe's record gives back each field of ``VideoInfo`` that JSON does not hold as it
is; the others come back as they were written."""


def _read_probe(path: Path, source: Path) -> VideoInfo | None:
    """The probe of ``source`` recorded at ``path``; None where there is none, or it is of
    another file, or of another version, or holds other fields than ``VideoInfo``'s."""
    try:
        data = json.loads(path.read_text())
        if data.pop("version", None) != PROBE_VERSION or data["path"] != str(source.resolve()):
            return None
        if set(data) != {item.name for item in fields(VideoInfo)}:
            return None
        read = {name: _PROBE_FIELDS.get(name, _as_written)(value) for name, value in data.items()}
        return VideoInfo(**{**read, "path": source})
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _as_written(value: object) -> object:
    return value


def _plain(value: object) -> object:
    """A field of a probe as JSON holds it: a record's fields (a ``FileStamp``, a
    ``CopiedStream``, ``Fields``) by name, a ``Fraction`` as text ("30000/1001")."""
    return asdict(value) if is_dataclass(value) else str(value)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class EncodedSegment:
    """A segment file encoded and closed, not yet in a journal."""

    path: Path
    first: int  # index of its first frame in the film
    frames: int
    last_pts: int
    last_raw_pts: int | None
    damaged: tuple[int, ...]
    time_base: Fraction
    packets: list[PacketTimes]


class OpenSegment:
    """One segment file being encoded from restored frames, with what its journal entry
    needs: where it starts, its last frame's times and its damaged frames."""

    def __init__(self, path: Path, plan: EncodePlan) -> None:
        path.unlink(missing_ok=True)
        self.plan = plan
        self.encoder = SegmentEncoder(path, plan)
        self._first: int | None = None
        self._last: Frame | None = None
        self._damaged: list[int] = []

    @property
    def frames(self) -> int:
        return self.encoder.frames

    def add(self, frame: Frame) -> None:
        if self._first is None:
            self._first = frame.index
        self.encoder.add(frame.pixels, frame.pts)
        self._last = frame
        if frame.damaged:
            self._damaged.append(frame.index)

    def close(self) -> EncodedSegment | None:
        """Flush and close the file; None (and no file) when no frame was added."""
        if self._first is None or self._last is None:
            self.abort()
            return None
        try:
            packets = self.encoder.finish()
        except BaseException:
            self.encoder.abort()
            raise
        return EncodedSegment(
            path=self.encoder.path,
            first=self._first,
            frames=self.encoder.frames,
            last_pts=self._last.pts,
            last_raw_pts=self._last.raw_pts,
            damaged=tuple(self._damaged),
            time_base=self.plan.time_base,
            packets=packets,
        )

    def abort(self) -> None:
        """Close and delete the unfinished file."""
        self.encoder.abort()


class SegmentWriter:
    """The encoder side of the pipeline: frames in, finished segments and journal out.

    A segment closes when it holds ``journal.segment_frames`` frames or ``seconds`` have passed
    since the previous one closed (``clock`` tells the time); the last frame of the film closes
    the last one and marks the journal complete. ``after_segment`` is called after each segment
    a frame closed is kept; what it raises stops the work, the segments kept.
    """

    def __init__(
        self,
        folder: WorkFolder,
        journal: Journal,
        plan: EncodePlan,
        seconds: float,
        clock: Callable[[], float] = time.monotonic,
        after_segment: Callable[[], None] | None = None,
    ) -> None:
        self.folder = folder
        self.journal = journal
        self.plan = plan
        self.seconds = seconds
        self.clock = clock
        self.after_segment = after_segment
        self._opened = clock()
        self._segment: OpenSegment | None = None

    def add(self, frame: Frame) -> None:
        with self._writing():
            if self._segment is None:
                path = self.folder.partial_path(self.journal.next_index)
                self._segment = OpenSegment(path, self.plan)
            self._segment.add(frame)
            full = self._segment.frames >= self.journal.segment_frames
            closing = full or self.clock() - self._opened >= self.seconds
            if closing:
                self._close_segment()
        if closing and self.after_segment is not None:
            self.after_segment()

    def finish(self) -> None:
        """The film is done: close the open segment and mark the journal complete."""
        with self._writing():
            self._close_segment()
            self.journal.complete = True
            self.folder.save(self.journal)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A file of the work folder that could not be written, said in plain words that
        name none of its files (``_unwritten``)."""
        try:
            yield
        except (OSError, WriteError) as error:
            fault = error if isinstance(error, OSError) else error.__cause__
            if not isinstance(fault, OSError):  # not the system's: the error says it already
                raise
            raise self._unwritten(fault) from error

    def _unwritten(self, fault: OSError) -> WriteError:
        """Why the segments cannot be written: the output folder gone (the work in it with
        it), or the system's reason (a full disk); then every segment finished is kept whole
        in the journal, and a run again goes on after the last."""
        output = self.folder.path.parent
        if not output.is_dir():
            return WriteError(
                say(
                    "the output folder {folder} no longer exists; restoring the film again "
                    "starts it over",
                    folder=str(output),
                )
            )
        return WriteError(
            say(
                "the restored frames could not be written ({reason}); those restored so far "
                "are kept for the next run",
                reason=plain_reason(fault),
            )
        )

    def stop(self, error: BaseException) -> None:
        """The job stops early: a cancelled job keeps its open segment, closed early, where
        closing it is quick (its encoder holds back at most ``CLOSE_ON_CANCEL_PIXELS``); any
        other stop loses it, as a kill would, and so does a cancel that would wait on the
        encoder (x264 at 8K takes seconds a frame held back)."""
        segment = self._segment
        if isinstance(error, Cancelled) and (
            segment is None or segment.encoder.held_back_pixels <= CLOSE_ON_CANCEL_PIXELS
        ):
            self._close_segment()
        elif segment is not None:
            segment.abort()
            self._segment = None

    def _close_segment(self) -> None:
        segment, self._segment = self._segment, None
        if segment is None:
            return
        encoded = segment.close()
        if encoded is not None:
            self.folder.keep(self.journal, self.journal.next_index, encoded)
        self._opened = self.clock()


class SegmentSink:
    """A pipeline sink that encodes every frame it gets into one segment file at ``path``
    (a cluster worker's share of a film); ``encoded`` is the file once the frames are done."""

    def __init__(self, path: Path, plan: EncodePlan) -> None:
        self._segment = OpenSegment(path, plan)
        self.encoded: EncodedSegment | None = None

    def add(self, frame: Frame) -> None:
        self._segment.add(frame)

    def finish(self) -> None:
        self.encoded = self._segment.close()

    def stop(self, error: BaseException) -> None:
        self._segment.abort()
