"""What a cluster's workers run: one segment of a film, or one photo. Plain functions of plain
data, which the driver hands to Ray as tasks; a worker keeps the restorer it built for the
segments and photos that follow."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from engine.batch import Job, restore_picture, too_large
from engine.cluster.plan import PlannedSegment
from engine.cluster.shipping import WorkerSetup, open_setup
from engine.devices import pick_device_present
from engine.errors import Cancelled, RekindleError, sentence_for
from engine.filestamp import FileStamp
from engine.imageio import Picture
from engine.progress import CancelToken, Progress, ProgressEvent
from engine.restorer import RestoreOptions, Restorer
from engine.video.frames import Frame
from engine.video.restore import FilmJob, FrameRestorer, restore_frames
from engine.video.segments import EncodedSegment, SegmentSink
from engine.words import say

_restorers: dict[str, tuple[Restorer, str]] = {}


def worker_name() -> str:
    """This worker as people tell it apart: its machine and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_restorer(setup: WorkerSetup) -> tuple[Restorer, str]:
    """The restorer for ``setup``, built once per worker process (one job's tasks share it),
    with the warning that this worker restores on another device than the one chosen ("" where
    it has that one): each task sends it back, and the driver tells it once per worker."""
    key = setup.key
    if key not in _restorers:
        _restorers.clear()
        device, missing = pick_device_present(setup.device)
        _restorers[key] = open_setup(setup, device), _device_warning(device, missing)
    return _restorers[key]


def _device_warning(device: torch.device, missing: str) -> str:
    """Where this worker has not the device chosen on the driver (``missing``: why), that it
    restores on ``device``, the best it has, instead: a cluster of mixed machines works on
    what each has. "cpu" chosen is on every worker."""
    if not missing:
        return ""
    return say(
        "warning: worker {worker} restores on {device} ({reason})",
        worker=worker_name(),
        device=str(device),
        reason=missing,
    )


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


class _KeptWhenCancelled(SegmentSink):
    """A worker's segment that, cancelled, is closed with the frames restored so far
    (``encoded``), as one machine keeps its open segment; any other stop loses it."""

    def stop(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.finish()
        else:
            super().stop(error)


@contextmanager
def _cancelled_by_ray() -> Iterator[CancelToken]:
    """A token cancelled when Ray cancels this task. Ray interrupts the worker's main thread
    as Ctrl+C does; caught here, the interruption stops the segment between two batches of
    frames instead of wherever it lands, so its frames so far can be kept."""
    token = CancelToken()
    if threading.current_thread() is not threading.main_thread():
        yield token  # no interruption reaches another thread
        return
    before = signal.signal(signal.SIGINT, lambda *_: token.cancel())
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, before if before is not None else signal.SIG_DFL)


def restore_segment(
    setup: WorkerSetup, job: FilmJob, film: int, segment: PlannedSegment, board: Any
) -> SegmentDone:
    """Restore and encode ``segment`` of ``job``'s film, reporting its frames to ``board``
    (a ``Board`` actor). The segment is written into the film's work folder when this worker
    sees it (a shared folder: the journal there is the job's), else its bytes come back.
    Cancelled (``ray.cancel``), it comes back with the frames restored so far, or fails with
    ``Cancelled`` before the first."""
    with _cancelled_by_ray() as token:
        restorer, device_warning = worker_restorer(setup)
        _check_film(job)
        worker = worker_name()
        if device_warning:
            board.use_device.remote(worker, device_warning)
        # Not waited for: a task waiting on Ray gives its CPU back, and Ray starts another
        # segment there meanwhile (the calls of one worker reach the board in order)
        board.start.remote(film, segment.index, worker)
        stage = FrameRestorer(restorer, job, segment.frames, 0, Progress(None, token))

        def restore(frames: list[Frame]) -> list[Frame]:
            restored = stage(frames)
            board.advance.remote(film, segment.index, worker, len(frames))
            return restored

        encoded, data = _restore_frames(job, segment, restorer, restore)
    return SegmentDone(film, segment, encoded, data, worker, stage.model_seconds)


def _restore_frames(
    job: FilmJob,
    segment: PlannedSegment,
    restorer: Restorer,
    restore: Callable[[list[Frame]], list[Frame]],
) -> tuple[EncodedSegment, bytes | None]:
    """``segment``'s frames restored with ``restore`` and encoded into the film's work
    folder, or a folder of this worker's whose file's bytes go back with it (see
    ``restore_segment``)."""
    shared = job.folder.read_key() == job.key
    scratch = None if shared else Path(tempfile.mkdtemp(prefix="rekindle-segment-"))
    if scratch is None:
        path = job.folder.partial_path(segment.index, os.getpid())
    else:
        path = scratch / job.folder.segment_path(segment.index).name
    sink = _KeptWhenCancelled(path, job.plan)
    try:
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
            encoded = _whole(job, segment, sink.encoded)
        except Cancelled:
            if sink.encoded is None:
                raise  # not one frame restored
            encoded = sink.encoded
        data = None if scratch is None else encoded.path.read_bytes()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return encoded, data


def _whole(job: FilmJob, segment: PlannedSegment, encoded: EncodedSegment | None) -> EncodedSegment:
    """``segment`` as encoded, refused where some of its frames could not be decoded."""
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
    return encoded


@dataclass(frozen=True)
class PhotoDone:
    picture: Picture | None  # None: it failed
    failure: str  # why it failed, in a sentence
    notices: tuple[str, ...]  # warnings and notes for the person (see ``restore_picture``)
    worker: str
    device_warning: str = ""  # its worker's, where it has not the device chosen (told once)


def restore_photo(
    setup: WorkerSetup,
    job: Job,
    options: RestoreOptions,
    data: bytes | None = None,
    board: Any = None,
) -> PhotoDone:
    """Read and restore one photo (the driver saves it): a photo that cannot be restored is
    a failure to report, and the batch goes on. ``data``: the photo's bytes, sent by a driver
    whose files the worker cannot reach (else the worker reads ``job.source``). ``board``:
    a ``PhotoBoard`` actor told how far the photo has got (``_told_to``), where the driver
    shows it."""
    restorer, device_warning = worker_restorer(setup)
    notices: list[str] = []
    worker = worker_name()
    progress = None if board is None else _told_to(board)
    try:
        picture = restore_picture(
            restorer, job, options, progress, on_notice=notices.append, data=data
        )
    except (RekindleError, MemoryError) as error:
        failure = sentence_for(error, out_of_memory=too_large(job))
        return PhotoDone(None, failure, tuple(notices), worker, device_warning)
    return PhotoDone(picture, "", tuple(notices), worker, device_warning)


def _told_to(board: Any) -> Progress:
    """A progress whose share done ``board`` (a ``PhotoBoard`` actor) is told a whole percent
    at a time, not more often; not waited for (see ``restore_segment``)."""
    told = 0

    def listener(event: ProgressEvent) -> None:
        nonlocal told
        percent = int(event.fraction * 100)
        if percent > told:
            told = percent
            board.tell.remote(event.fraction)

    return Progress(listener)
