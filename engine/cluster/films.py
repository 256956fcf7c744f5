"""The driver's side of films on a cluster: check every film, plan the segments still to make,
hand them to the workers, record each finished one in the film's journal as it comes, and join
a film with its sound and subtitles once its last segment is in.

The journal and the joining stay with the driver, in the work folder beside the output, as on
one machine: a driver that dies leaves the segments finished so far, and the same command
run again restores only the rest. Only a segment recorded counts: a finished one, or the part
of one that a cancelled run's worker got through (as one machine keeps its open segment). A
head that stops answering ends the run with one sentence of what is kept.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from engine.atomic import write_bytes_atomically
from engine.cluster.board import Board, BoardState, DeviceWarnings, workers_note
from engine.cluster.connect import Cluster, ray_module
from engine.cluster.plan import PlannedSegment, plan_segments
from engine.cluster.running import RETRIES, ClusterLost, answering, as_finished, result
from engine.cluster.shipping import WorkerSetup, share_setup
from engine.cluster.tasks import SegmentDone, restore_segment
from engine.errors import Cancelled, RekindleError
from engine.progress import Progress
from engine.restorer import Restorer
from engine.video.probe import VideoReadError
from engine.video.restore import (
    FRAME,
    FRAMES_SHARE,
    FilmJob,
    VideoOptions,
    VideoReport,
    finish_film,
    prepare_film,
    unfaded_note,
)
from engine.video.segments import Journal
from engine.video.span import FilmSpan
from engine.words import plural, say


@dataclass
class WorkerTally:
    segments: int = 0
    frames: int = 0


@dataclass
class ClusterReport:
    films: list[VideoReport | None]  # in the order given; None: it failed (``FilmFailed``)
    workers: dict[str, WorkerTally] = field(default_factory=dict)  # segments each finished
    restarted: int = 0  # segments run again after their worker was lost


FILM_FAILURES = (RekindleError, OSError)
"""What costs a film alone: its input, its segments, its result."""
WIND_DOWN_SECONDS = 10.0
"""How long a cancelled run waits for the segments under way to come back with their frames
so far (each stops after its batch of frames under way)."""
FilmFailed = Callable[[Path, RekindleError | OSError], None]
"""Told a film that failed (its source, and why) while the others go on."""


def _stop(_source: Path, error: RekindleError | OSError) -> None:
    raise error


@dataclass
class _Film:
    given: int  # its place among the films given
    job: FilmJob
    journal: Journal
    resumed_from: int  # frames done by earlier runs
    began: float | None = None  # first seen with a segment under way (the driver's clock)
    model_seconds: float = 0.0
    report: VideoReport | None = None
    failed: bool = False


class _Driver:
    """The films of one run: what is recorded, what the bar shows, who did what."""

    def __init__(
        self,
        films: list[_Film],
        segments: int,
        progress: Progress,
        on_failure: FilmFailed,
        clock: Callable[[], float] = time.perf_counter,
        devices: DeviceWarnings | None = None,
    ) -> None:
        self.films = films
        self.on_failure = on_failure
        self.devices = devices or DeviceWarnings(None)
        self.broken: list[_Film] = []  # failed films whose input no run would get further in
        self.segments = segments  # planned in this run
        self.progress = progress
        self.frames = progress.span(0.0, FRAMES_SHARE)  # joining the films takes the rest
        self.clock = clock
        self.total = sum(film.job.info.frames for film in films)
        self.resumed = sum(film.resumed_from for film in films)  # frames done by earlier runs
        self.done = 0  # frames of this run in recorded segments
        self.recorded: set[tuple[int, int]] = set()
        self.report = ClusterReport([])

    def show(self, state: BoardState) -> None:
        """Move the bar: recorded frames, and those of the segments under way; the films'
        frames are counted as on one machine (those of earlier runs too), so a film's
        progress reads the same wherever it is restored; and tell the workers' device
        warnings not told yet."""
        self._note_begun(state)
        self.hear_devices(state)
        running = sum(n for key, n in state.frames.items() if key not in self.recorded)
        made = self.kept + running
        note = self._note(made)
        if state.workers:
            note += f"; {workers_note(state.workers)}"
        self._update(made, note)

    def hear_devices(self, state: BoardState) -> None:
        """Tell the device warnings of workers not told yet."""
        for worker, warning in state.devices.items():
            self.devices.heard(worker, warning)

    @property
    def kept(self) -> int:
        """The films' frames in recorded segments, those of earlier runs too."""
        return self.resumed + self.done

    def show_kept(self) -> None:
        """Move the bar to the frames kept, once no segment is under way any more (a run
        cancelled or cut off): where the next run goes on."""
        self._update(self.kept, self._note(self.kept))

    def _note(self, made: int) -> str:
        return f"{len(self.recorded)}/{self.segments} segments, {made}/{self.total} frames"

    def _note_begun(self, state: BoardState) -> None:
        """Start the clock of each film one of whose segments is under way for the first time
        (seen here, on the driver's clock, within a poll of its start)."""
        for number, _segment in state.frames:
            film = self.films[number]
            if film.began is None:
                film.began = self.clock()

    def _update(self, made: int, note: str) -> None:
        self.frames.update(made, self.total, note, unit=FRAME, resumed_from=self.resumed)

    def record(self, done: SegmentDone) -> None:
        """Keep a finished segment in its film's journal (or the part a worker stopped in
        got through); join the film once it is whole."""
        film = self.films[done.film]
        folder, index = film.job.folder, done.segment.index
        encoded = done.encoded
        if done.data is not None:  # the worker had no way into the work folder
            path = folder.partial_path(index, os.getpid())
            write_bytes_atomically(path, done.data)
            encoded = replace(encoded, path=path)
        folder.keep(film.journal, index, encoded)
        film.model_seconds += done.model_seconds
        self.recorded.add((done.film, index))
        self.done += encoded.frames
        tally = self.report.workers.setdefault(done.worker, WorkerTally())
        tally.segments += 1
        tally.frames += encoded.frames
        if encoded.frames < done.segment.frames and not self.progress.token.cancelled:
            raise _interrupted(film, done)
        if film.journal.complete:
            self.finish(film)

    @contextmanager
    def alone(self, film: _Film) -> Iterator[None]:
        """A block of ``film``'s work whose failure costs the film alone: it is told failed
        and left, and the run goes on."""
        try:
            yield
        except (Cancelled, ClusterLost):
            raise  # the run's end, not the film's
        except FILM_FAILURES as error:
            film.failed = True
            if isinstance(error, VideoReadError):
                self.broken.append(film)
            self.on_failure(film.job.source, error)

    def finish(self, film: _Film) -> None:
        """Join ``film`` and report it. Its time runs from when its first segment was seen
        under way (or, all its segments made by earlier runs, from now) to the end of its
        joining: where films overlap, each one's time holds what the workers did meanwhile
        for the others, as a film's rate on a shared cluster does."""
        began = film.began if film.began is not None else self.clock()
        self._update(self.kept, f"joining {film.job.source.name}")
        joining = Progress(None, self.progress.token)  # cancellable, not on the bar
        published = finish_film(film.job, film.journal, joining)
        film.report = VideoReport(
            target=published,
            frames=film.job.info.frames,
            resumed_from=film.resumed_from,
            seconds=self.clock() - began,
            model_seconds=film.model_seconds,
            damaged_frames=film.journal.damaged_frames,
            joined=film.job.joined.kind if film.job.joined is not None else "",
            fading_found=film.job.fading_found,
        )


def _interrupted(film: _Film, done: SegmentDone) -> RekindleError:
    """A segment its worker stopped in, unasked by this run (an interruption there): its
    film cannot be whole this run."""
    return RekindleError(
        say(
            "segment {index} of {name} was stopped on worker {worker} after {frames} of its "
            "{planned} frames, which are kept for the next run",
            index=done.segment.index,
            name=film.job.source.name,
            worker=done.worker,
            frames=done.encoded.frames,
            planned=done.segment.frames,
        )
    )


def films_done(count: int) -> str:
    """The bar's words once ``count`` films are done."""
    return plural(
        count, say("{count} film done", count=count), say("{count} films done", count=count)
    )


def restore_films(
    cluster: Cluster,
    setup: WorkerSetup,
    restorer: Restorer,
    films: list[tuple[Path, Path]],
    options: VideoOptions,
    progress: Progress,
    on_failure: FilmFailed = _stop,
    on_notice: Callable[[str], None] | None = None,
    devices: DeviceWarnings | None = None,
) -> ClusterReport:
    """Restore each (source, target) film on ``cluster`` as ``restore_video`` would on one
    machine: the same frames, sound and subtitles, published atomically. The films' segments
    go out in one stream, in the films' order, so each film is done as soon as it can be and
    no worker waits while a film has segments left. ``restorer`` (on any device: it
    restores nothing here) describes the model, which the workers build from ``setup``. A
    film that fails (unreadable, damaged, its result not written) is told to ``on_failure``,
    and its segments not sent yet are left out; by default its error ends the run.
    ``on_notice`` is told, once for each worker that restores on another device than the one
    chosen, which (``DeviceWarnings``); ``devices``, where given, is told instead: a caller
    that keeps one across runs has each worker told once. Raises ``Cancelled`` after Ctrl+C,
    the segments under way kept as far as they got, and ``ClusterLost`` once the cluster's
    head no longer answers. A cluster restores whole films: a part of one
    (``options.span``) is refused, with ``RekindleError``, before any work."""
    if options.span != FilmSpan():
        raise RekindleError(
            say("a part of a film is restored on one machine only, not on a cluster")
        )
    ray = ray_module()
    kept = []
    for given, (source, target) in enumerate(films):
        try:
            job = prepare_film(restorer, source, target, options, progress)
            if on_notice is not None and (note := unfaded_note(job)):
                on_notice(note)
            journal = job.folder.open_journal(
                job.key, job.info.frames, options.segment_frames, in_order=False
            )
        except Cancelled:
            raise
        except FILM_FAILURES as error:
            on_failure(source, error)
            continue
        kept.append(_Film(given, job, journal, journal.frames_done))
    plans = [plan_segments(film.job, film.journal) for film in kept]
    segments = sum(len(plan) for plan in plans)
    told = devices or DeviceWarnings(on_notice)
    driver = _Driver(kept, segments, progress, on_failure, devices=told)
    for film in driver.films:
        if film.journal.complete:  # every segment was made by an earlier run
            with driver.alone(film):
                driver.finish(film)

    try:
        board = _stream(cluster, setup, driver, plans)
    except ClusterLost:
        driver.show_kept()
        raise _lost(cluster, driver) from None
    except Cancelled:
        driver.show_kept()
        raise
    finally:
        for film in driver.broken:
            film.job.folder.remove()  # the input is broken: no run would get further
    progress.update(len(films), len(films), films_done(len(films)), unit="film")
    with answering(cluster.address):
        state = ray.get(board.state.remote())
    driver.hear_devices(state)  # of workers that finished before the bar looked
    driver.report.restarted = state.restarted
    reports: list[VideoReport | None] = [None] * len(films)
    for film in driver.films:
        reports[film.given] = film.report
    driver.report.films = reports
    return driver.report


def _stream(
    cluster: Cluster, setup: WorkerSetup, driver: _Driver, plans: list[list[PlannedSegment]]
) -> Any:
    """Send the ``plans``' segments out in one stream, recording each as it comes; returns
    the ``Board`` actor the workers reported to."""
    ray = ray_module()
    with answering(cluster.address):
        board = ray.remote(Board).options(num_cpus=0).remote()
        ray.get(board.state.remote())  # up before a worker reports to it (never waiting)
        task = ray.remote(restore_segment).options(**cluster.resources, max_retries=RETRIES)
        shared = share_setup(setup)
        jobs = [ray.put(film.job) for film in driver.films]
    calls = (
        ((number, segment), partial(task.remote, shared, jobs[number], number, segment, board))
        for number, plan in enumerate(plans)
        for segment in plan
        if not driver.films[number].failed
    )

    def poll() -> None:
        driver.show(ray.get(board.state.remote()))

    window = 2 * cluster.workers
    finished = as_finished(
        calls, cluster.address, window, driver.progress, poll, wind_down=WIND_DOWN_SECONDS
    )
    with closing(finished):
        for (number, segment), ref in finished:
            film = driver.films[number]
            if not film.failed:  # else a segment sent before its film failed
                what = say(
                    "segment {index} of {name}", index=segment.index, name=film.job.source.name
                )
                with driver.alone(film):
                    driver.record(result(ref, what, cluster.address))
    return board


def _lost(cluster: Cluster, driver: _Driver) -> ClusterLost:
    """The cluster's head stopped answering: what is kept for the next run."""
    return ClusterLost(
        say(
            "the Ray cluster at {address} stopped answering; the {kept} of {total} frames "
            "restored so far are kept for the next run",
            address=cluster.address,
            kept=driver.kept,
            total=driver.total,
        )
    )
