"""Resumable output: finished segments in a hidden work folder beside the output, and a small
journal of them, written atomically after each segment.

A job's folder is named from a hash of the input (path, size, mtime) and the settings, so a
run with the same input and settings continues where a killed or cancelled one stopped, and
a run with other settings starts afresh. A segment closes after ``segment_frames`` frames or
``segment_seconds`` of work, whichever comes first, so a kill loses at most that much work on a
slow machine and a fast one still writes long segments (each starts with a keyframe). A
cancelled run closes its open segment early (kept), a killed one loses it (the resumed run
redoes it), so a resumed film holds the frames an uninterrupted run makes: with a lossless
codec, pixel for pixel; with H.264, within encoder noise, as two uninterrupted runs differ
(x264's AVX-512 code does not always repeat its bytes).
"""

from __future__ import annotations

import glob
import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path

from engine.atomic import write_bytes_atomically
from engine.errors import Cancelled
from engine.video.encoder import EncodePlan, PacketTimes, SegmentEncoder
from engine.video.frames import Frame
from engine.video.probe import VideoInfo

JOURNAL = "journal.json"
JOURNAL_VERSION = 1
WORK_PREFIX = "."
WORK_SUFFIX = ".rekindle"


def job_key(info: VideoInfo, settings: dict[str, object]) -> str:
    """A hash of the input file's identity and every setting that shapes the output."""
    identity = {
        "version": JOURNAL_VERSION,
        "input": str(info.path.resolve()),
        "size": info.stamp.size,
        "mtime_ns": info.stamp.mtime_ns,
        "settings": settings,
    }
    text = json.dumps(identity, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def work_folder(target: Path, key: str) -> Path:
    """The hidden folder beside ``target`` that holds one job's segments."""
    return target.parent / f"{WORK_PREFIX}{target.name}.{key[:16]}{WORK_SUFFIX}"


def remove_work_folders(target: Path) -> None:
    """Remove every job's folder for ``target`` (once it is written, none is needed)."""
    for folder in target.parent.glob(f"{WORK_PREFIX}{glob.escape(target.name)}.*{WORK_SUFFIX}"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


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
    frames: int  # frames in the film
    segment_frames: int
    segments: list[Segment] = field(default_factory=list)
    complete: bool = False  # every frame is in a segment

    @property
    def done(self) -> int:
        return self.segments[-1].end if self.segments else 0

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

    def partial_path(self, index: int) -> Path:
        return self.path / f"segment-{index:05d}.partial{self.suffix}"

    def save(self, journal: Journal) -> None:
        write_bytes_atomically(self.path / JOURNAL, journal.to_json().encode())

    def open_journal(self, key: str, frames: int, segment_frames: int) -> Journal:
        """The journal of earlier runs, cut to its segments still intact on disk; files that
        belong to no such segment (unfinished ones) are removed. A fresh journal otherwise."""
        self.path.mkdir(parents=True, exist_ok=True)
        journal = Journal(key, frames, segment_frames)
        try:
            loaded = Journal.from_json((self.path / JOURNAL).read_text())
        except (OSError, ValueError, TypeError, KeyError):
            loaded = None
        if loaded and (loaded.key, loaded.frames, loaded.segment_frames) == (
            key,
            frames,
            segment_frames,
        ):
            expected_first = 0
            for segment in loaded.segments:
                if segment.first != expected_first or not self._intact(segment):
                    break
                journal.segments.append(segment)
                expected_first = segment.end
            journal.complete = loaded.complete and journal.segments == loaded.segments
        keep = {JOURNAL}
        for segment in journal.segments:
            keep |= {self.segment_path(segment.index).name, self.times_path(segment.index).name}
        for path in self.path.iterdir():
            if path.name not in keep:
                _remove(path)
        self.save(journal)
        return journal

    def _intact(self, segment: Segment) -> bool:
        path = self.segment_path(segment.index)
        return (
            path.is_file()
            and path.stat().st_size == segment.size
            and self.times_path(segment.index).is_file()
        )

    def read_times(self, index: int) -> tuple[Fraction, list[PacketTimes]]:
        data = json.loads(self.times_path(index).read_text())
        packets = [(p[0], p[1], p[2], p[3], bool(p[4])) for p in data["packets"]]
        return Fraction(data["time_base"]), packets

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


class SegmentWriter:
    """The encoder side of the pipeline: frames in, finished segments and journal out.

    A segment closes when it holds ``journal.segment_frames`` frames or ``seconds`` have passed
    since the previous one closed (``clock`` tells the time); the last frame of the film closes
    the last one and marks the journal complete.
    """

    def __init__(
        self,
        folder: WorkFolder,
        journal: Journal,
        plan: EncodePlan,
        seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = folder
        self.journal = journal
        self.plan = plan
        self.seconds = seconds
        self.clock = clock
        self._opened = clock()
        self._encoder: SegmentEncoder | None = None
        self._first = 0
        self._last: Frame | None = None
        self._damaged: list[int] = []

    def add(self, frame: Frame) -> None:
        if self._encoder is None:
            index = len(self.journal.segments)
            path = self.folder.partial_path(index)
            path.unlink(missing_ok=True)
            self._encoder = SegmentEncoder(path, self.plan)
            self._first = frame.index
        self._encoder.add(frame.pixels, frame.pts)
        self._last = frame
        if frame.damaged:
            self._damaged.append(frame.index)
        full = self._encoder.frames >= self.journal.segment_frames
        if full or self.clock() - self._opened >= self.seconds:
            self._close_segment()

    def finish(self) -> None:
        """The film is done: close the open segment and mark the journal complete."""
        self._close_segment()
        self.journal.complete = True
        self.folder.save(self.journal)

    def stop(self, error: BaseException) -> None:
        """The job stops early: a cancelled job keeps its open segment, closed early; any other
        stop loses it (as a kill would)."""
        if isinstance(error, Cancelled):
            self._close_segment()
        elif self._encoder is not None:
            self._encoder.abort()
            self._encoder = None

    def _close_segment(self) -> None:
        encoder, last = self._encoder, self._last
        if encoder is None or last is None:
            return
        self._encoder = None
        damaged, self._damaged = self._damaged, []
        try:
            packets = encoder.finish()
        except BaseException:
            encoder.abort()
            raise
        index = len(self.journal.segments)
        times = {"time_base": str(self.plan.time_base), "packets": packets}
        write_bytes_atomically(self.folder.times_path(index), json.dumps(times).encode())
        final = self.folder.segment_path(index)
        encoder.path.replace(final)
        self.journal.segments.append(
            Segment(
                index=index,
                first=self._first,
                frames=encoder.frames,
                last_pts=last.pts,
                last_raw_pts=last.raw_pts,
                size=final.stat().st_size,
                damaged=damaged,
            )
        )
        self.folder.save(self.journal)
        self._opened = self.clock()
