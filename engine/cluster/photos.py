"""The driver's side of photos on a cluster: each photo a task, restored by whichever worker is
free; the driver saves each result as it comes, as a batch on one machine does (the same
names, never replacing a file, a failed photo told and the rest going on). Or one photo at a
time, its picture handed back to a driver that saves it itself (the app). A save refused
for a reason every later one would meet too (a full disk: ``stop_line``) stops the batch as
on one machine: the photos not yet sent are not, those out are cancelled. Each result is
journalled as it is saved, as on one machine, so a run cut short is continued by the next."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import Any

from engine.batch import (
    BatchReport,
    BatchShares,
    IsResult,
    Job,
    Journal,
    save_result,
    split_restored,
    stop_line,
)
from engine.cluster.board import DeviceWarnings, PhotoBoard, workers_note
from engine.cluster.connect import Cluster, ray_module
from engine.cluster.running import RETRIES, ClusterLost, as_finished, result
from engine.cluster.shipping import WorkerSetup, share_setup
from engine.cluster.tasks import PhotoDone, restore_photo
from engine.errors import Cancelled, RekindleError
from engine.imageio import Picture, read_file_bytes
from engine.media import carries_mark
from engine.progress import Progress
from engine.restorer import RestoreOptions


def restore_photos(
    cluster: Cluster,
    setup: WorkerSetup,
    jobs: list[Job],
    options: RestoreOptions,
    progress: Progress,
    *,
    overwrite: bool = False,
    skip_existing: bool = False,
    on_failure: Callable[[Path, str], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    journal: Journal | None = None,
    is_result: IsResult = carries_mark,
) -> BatchReport:
    """``restore_batch`` on ``cluster``: the workers restore (with the model ``setup``
    describes), this process writes each result as it comes, and moves ``progress`` by the
    photo's share of the batch (``BatchShares``: its pixels; the photos skipped, the share
    done before). ``on_notice`` is told the photos' notices, and once for each worker that
    restores on another device than the one chosen, which. A head that stops answering ends
    the batch (``ClusterLost``), the photos saved so far journalled."""
    notice = on_notice or (lambda _: None)
    devices = DeviceWarnings(notice)
    save = partial(save_result, overwrite=overwrite, is_result=is_result, journal=journal)
    report = BatchReport()
    todo, restored = split_restored(jobs, is_result) if skip_existing else (jobs, [])
    report.skipped = [job.target for job in restored]
    shares = BatchShares(todo, restored)
    task = _photo_task(cluster)
    shared = share_setup(setup)
    calls = ((index, partial(task.remote, shared, job, options)) for index, job in enumerate(todo))
    counts: dict[str, int] = {}
    try:
        finished = as_finished(calls, cluster.address, 2 * cluster.workers, progress)
        with closing(finished):
            for number, (index, ref) in enumerate(finished, 1):
                job = todo[index]
                worker = _save(job, ref, cluster.address, report, save, on_failure, notice, devices)
                counts[worker] = counts.get(worker, 0) + 1
                shares.finished(index, f"{number}/{len(todo)}; {workers_note(counts)}", progress)
                if report.stopped:  # the photos on the workers are cancelled
                    report.end_early(len(todo) - number, progress)
                    break
    except Cancelled:
        report.cancelled = True
    return report


def _photo_task(cluster: Cluster) -> Any:
    """``restore_photo`` as a task of ``cluster``: on a worker's share, run again elsewhere
    when its worker is lost."""
    return ray_module().remote(restore_photo).options(**cluster.resources, max_retries=RETRIES)


def restore_one_photo(
    cluster: Cluster,
    setup: Any,
    job: Job,
    options: RestoreOptions,
    progress: Progress,
    on_notice: Callable[[str], None] | None = None,
    devices: DeviceWarnings | None = None,
) -> Picture:
    """Restore ``job``'s photo on one of the cluster's workers and return its picture, unsaved
    (``job.target`` only tells the format it will be saved in). The photo travels as its
    file's bytes, so the worker needs no access to this computer's files. ``setup`` is a
    ``WorkerSetup`` or, for photo after photo, ``share_setup``'s reference to one. Raises
    ``RekindleError`` with the photo's failure, ``Cancelled`` (the task cancelled) when
    ``progress`` is cancelled meanwhile, and ``ClusterLost`` once the head stops answering.
    ``progress`` moves as the worker gets on (its ``PhotoBoard``), as a film's frames do.
    ``on_notice`` is told the photo's notices. Its worker's device warning, where it has not
    the device chosen, goes to ``devices`` where given: a caller restoring photo after photo
    keeps one, so that each worker is told once; else to ``on_notice``, before the notices."""
    data = read_file_bytes(job.source)
    board = ray_module().remote(PhotoBoard).options(num_cpus=0).remote()
    call = partial(_photo_task(cluster).remote, setup, job, options, data, board)
    poll = partial(_show_board, board, progress)
    with closing(as_finished([(job, call)], cluster.address, 1, progress, poll)) as finished:
        ((_, ref),) = finished
    done: PhotoDone = result(ref, job.source.name, cluster.address)
    if devices is None:
        devices = DeviceWarnings(on_notice)
    devices.heard(done.worker, done.device_warning)
    for text in done.notices if on_notice is not None else ():
        on_notice(text)
    if done.picture is None:
        raise RekindleError(done.failure)
    return done.picture


def _show_board(board: Any, progress: Progress) -> None:
    """Move ``progress`` to where the worker told ``board`` (a ``PhotoBoard``) its photo is."""
    progress.update(ray_module().get(board.fraction.remote()), 1.0)


def _save(
    job: Job,
    ref: Any,
    address: str,
    report: BatchReport,
    save: Callable[[Picture, Job], Path],
    on_failure: Callable[[Path, str], None] | None,
    notice: Callable[[str], None],
    devices: DeviceWarnings,
) -> str:
    """Save the photo a finished task restored (``save``: ``save_result`` as the batch asks
    it), or record why there is none, telling its notices and its worker's device warning
    (``devices``); returns the worker that did it ("lost" when none finished it). A save no
    later one could make either stops the batch (``report.stopped``); a head that no longer
    answers (``ClusterLost``) ends it."""
    try:
        done: PhotoDone = result(ref, job.source.name, address)
    except ClusterLost:
        raise
    except RekindleError as error:  # its worker was lost, time and again
        report.failure(job, error.sentence, on_failure)
        return "lost"
    devices.heard(done.worker, done.device_warning)
    for text in done.notices:
        notice(text)
    if done.picture is None:
        report.failure(job, done.failure, on_failure)
        return done.worker
    try:
        report.saved(job, save(done.picture, job))
    except RekindleError as error:
        report.failure(job, error.sentence, on_failure)
        report.stopped = stop_line(error)
    return done.worker
