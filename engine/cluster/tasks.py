"""What a cluster's workers run: one segment of a film, or one photo. Plain functions of plain
data, which the driver hands to Ray as tasks; a worker keeps the restorer it built for the
segments and photos that follow."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.batch import Job, restore_picture, too_large
from engine.cluster.connect import ray_module
from engine.cluster.plan import PlannedSegment
from engine.cluster.shipping import WorkerSetup, open_setup
from engine.errors import RekindleError, sentence_for
from engine.filestamp import FileStamp
from engine.imageio import Picture
from engine.progress import silent
from engine.restorer import RestoreOptions, Restorer
from engine.video.frames import Frame
from engine.video.restore import FilmJob, FrameRestorer, restore_frames
from engine.video.segments import EncodedSegment, SegmentSink
from engine.words import say

_restorers: dict[str, Restorer] = {}


def worker_name() -> str:
    """This worker as people tell it apart: its machine and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_restorer(setup: WorkerSetup) -> Restorer:
    """The restorer for ``setup``, built once per worker process (one job's tasks share it)."""
    key = setup.key
    if key not in _restorers:
        _restorers.clear()
        _restorers[key] = open_setup(setup)
    return _restorers[key]


@dataclass(frozen=True)
class SegmentDone:
    film: int  # its film's number in the run
    segment: PlannedSegment
    encoded: EncodedSegment
    data: bytes | None  # the file itself, when the worker could not write into the work folder
    worker: str
    model_seconds: float


def _check_film(job: FilmJob) -> None:
    """Refuse to work on another file than the driver's. The size is compared, not the time,
    which a shared folder may round."""
    stamp = FileStamp.find(job.info.path)
    if stamp is None or stamp.size != job.info.stamp.size:
        raise RekindleError(
            say(
                "{path} is not on worker {worker} as the driver sees it: put the films in a "
                "folder every machine of the cluster has at the same path",
                path=job.info.path,
                worker=socket.gethostname(),
            )
        )


def restore_segment(
    setup: WorkerSetup, job: FilmJob, film: int, segment: PlannedSegment, board: Any
) -> SegmentDone:
    """Restore and encode ``segment`` of ``job``'s film, reporting its frames to ``board``
    (a ``Board`` actor). The segment is written into the film's work folder when this worker
    sees it (a shared folder: the journal there is the job's), else its bytes come back."""
    restorer = worker_restorer(setup)
    _check_film(job)
    worker = worker_name()
    shared = job.folder.read_key() == job.key
    scratch = None if shared else Path(tempfile.mkdtemp(prefix="rekindle-segment-"))
    if scratch is None:
        path = job.folder.partial_path(segment.index, os.getpid())
    else:
        path = scratch / job.folder.segment_path(segment.index).name
    # Waited for: were this worker lost, its segment must already count as begun, so the
    # next attempt counts as a restart (a call still in flight dies with the process).
    ray_module().get(board.start.remote(film, segment.index, worker))
    stage = FrameRestorer(restorer, job, segment.frames, 0, silent())

    def restore(frames: list[Frame]) -> list[Frame]:
        restored = stage(frames)
        board.advance.remote(film, segment.index, worker, len(frames))
        return restored

    sink = SegmentSink(path, job.plan)
    try:
        restore_frames(
            restorer,
            job,
            restore,
            sink,
            start=segment.first,
            after=segment.after,
            count=segment.frames,
            keyframe_pts=segment.keyframe_pts,
        )
        encoded = sink.encoded
        if encoded is None or (encoded.first, encoded.frames) != (segment.first, segment.frames):
            raise RekindleError(
                say(
                    "{name}: frames {first} to {last} could not all be decoded (the file is "
                    "truncated or damaged)",
                    name=job.info.path.name,
                    first=segment.first + 1,
                    last=segment.end,
                )
            )
        data = None if scratch is None else encoded.path.read_bytes()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return SegmentDone(film, segment, encoded, data, worker, stage.model_seconds)


@dataclass(frozen=True)
class PhotoDone:
    picture: Picture | None  # None: it failed
    failure: str  # why it failed, in a sentence
    notices: tuple[str, ...]  # warnings and notes for the person (see ``restore_picture``)
    worker: str


def restore_photo(
    setup: WorkerSetup, job: Job, options: RestoreOptions, data: bytes | None = None
) -> PhotoDone:
    """Read and restore one photo (the driver saves it): a photo that cannot be restored is
    a failure to report, and the batch goes on. ``data``: the photo's bytes, sent by a driver
    whose files the worker cannot reach (else the worker reads ``job.source``)."""
    restorer = worker_restorer(setup)
    notices: list[str] = []
    worker = worker_name()
    try:
        picture = restore_picture(restorer, job, options, on_notice=notices.append, data=data)
    except (RekindleError, MemoryError) as error:
        failure = sentence_for(error, out_of_memory=too_large(job))
        return PhotoDone(None, failure, tuple(notices), worker)
    return PhotoDone(picture, "", tuple(notices), worker)
