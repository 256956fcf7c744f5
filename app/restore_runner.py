"""Running the queue: one photo or film at a time through the RestoreWorker's thread, with
progress, time left (for the item and for the whole run) and Cancel; and previews of a film's
frame or of the part of a photo in view, between runs, on the same thread and model. Statuses
live in the QueueModel."""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from app.cluster_link import photos_on
from app.eta import RateMeter
from app.i18n import Lasting, engine_words, in_language_shown
from app.item_status import UNRESTORABLE, ItemStatus
from app.photo_queue import FilmWork, QueueItem, QueueModel, film_stem
from app.settings import default_output_dir
from app.spot_marks import stored_fingerprint, stored_marks
from app.workers import (
    FilmFrame,
    FilmJob,
    FilmResult,
    PartJob,
    PreviewJob,
    RestoreJob,
    RestoreResult,
    RestoreWorker,
    WorkerThread,
)
from engine.batch import FolderNames
from engine.chain import ModelRequest
from engine.errors import sentence_for
from engine.part import Region
from engine.progress import CancelToken, ProgressEvent
from engine.recipe import DEFAULT_PATTERN, Recipe
from engine.restorer import RestoreOptions
from engine.same_file import same_place
from engine.time_left import EtaClock
from engine.video import DEFAULT_CODEC, FRAME, FilmCleanup, VideoInfo, is_supported_video
from engine.video.sequence import SequenceOptions
from engine.video.span import FilmSpan, span_stem


@dataclass(frozen=True)
class RestoreSettings:
    """How to restore, as chosen when the photos were queued."""

    model: ModelRequest
    device: str
    options: RestoreOptions
    output_folder: Path | None = None  # where films go as they are restored (None: the default)
    film_cleanup: FilmCleanup = field(default_factory=FilmCleanup)  # films' dust and flicker
    film_codec: str = DEFAULT_CODEC  # or pictures for the frames (app.frame_output)
    film_crf: int | None = None  # None: the codec's default quality
    # films restored on the Ray cluster at this address, and photos too on a remote one
    # (app.cluster_link); None: here
    cluster: str | None = None
    names: str = DEFAULT_PATTERN  # how results are named (engine.recipe)
    # the format photos' results are saved in (engine.imageio's key); None: each its original's
    output_format: str | None = None
    # how frame sequences are read as films: their rate, and whether gaps are let through
    sequence: SequenceOptions = field(default_factory=SequenceOptions)

    @property
    def film_options(self) -> RestoreOptions:
        """The options a film's frames are restored with: a film is enlarged by a scale, so a
        size in pixels or print (for photos) is left out and the model's scale taken, and so
        is finding spots (a film has its own dust removal)."""
        return replace(self.options, size=None, find_spots=False)

    def recipe(self, *, film: bool = False, made_at: float = 0.0, marked: str = "") -> Recipe:
        """The recipe of a photo's (or a film's) result made with these settings (and, for
        a photo, the fingerprint of its marks made by hand, ``marked``)."""
        if film:
            return Recipe.of(
                self.model,
                self.film_options,
                self.device,
                made_at,
                cleanup=self.film_cleanup,
                marked=marked,
            )
        return Recipe.of(self.model, self.options, self.device, made_at, marked=marked)

    @property
    def folder(self) -> Path:
        """Where the results go: the output folder chosen, or the default one."""
        return self.output_folder or Path(default_output_dir())

    def film_work(self, item: QueueItem, made_at: float = 0.0) -> FilmWork:
        """Where and how the film of ``item`` is restored with these settings (and its marks
        kept, ``app.spot_marks``), a frame sequence's at the rate it is read at too, and the
        part of it marked (``QueueItem.part``), its result named by the part's frames as the
        command line names it (``span_stem``): the same again continues a cancelled run's
        work."""
        source = item.source
        recipe = self.recipe(film=True, made_at=made_at, marked=stored_fingerprint(source))
        stem = recipe.file_stem(film_stem(source), self.names)
        part = FilmSpan()  # a part is marked on a film read
        if item.video is not None:
            part = item.part
            stem = span_stem(stem, item.video, part)
        rate = None if is_supported_video(source) else self._sequence_rate(item.video)
        return FilmWork(self.folder, stem, self.film_codec, self.film_crf, recipe, rate, part)

    def _sequence_rate(self, video: VideoInfo | None) -> Fraction | None:
        """The rate a frame sequence read as ``video`` is restored at: the one chosen, else
        its own (None where it has not been read)."""
        if self.sequence.rate is not None:
            return self.sequence.rate
        return video.own_rate if video is not None else None


def results_below(item: QueueItem, output: Path, added: Iterable[Path]) -> Path:
    """Where below the output folder ``output`` the results of ``item`` go (``ResultPlaces``,
    asked once)."""
    return ResultPlaces(output, added)(item)


class ResultPlaces:
    """Where below the output folder ``output`` the results of queue items go. A photo or
    film found in a folder added keeps its path below that folder, under the folder's name,
    as the command line lays them out (``result_folder``; the folders ``added`` to the queue
    that share a name are told apart by their parents, ``FolderNames``); where ``output`` is
    that folder itself (results saved beside the originals), beside its original. A file
    added alone goes straight into ``output``, and so does one whose folder's results would
    go into the folder itself (``output`` its parent), where adding it again would take them
    for originals.

    What the disk is asked about a folder added (its name, whether ``output`` is that folder
    or holds its results in it) is asked once, however many of its items are asked about:
    the actions are judged often, over every row of a long queue."""

    def __init__(self, output: Path, added: Iterable[Path]) -> None:
        self._output = output
        self._added = tuple(added)
        self._shared_names: FolderNames | None = None  # of the folders ``added``
        self._tops: dict[Path, Path | None] = {}  # ``_top`` of each folder asked about
        self._places: dict[tuple[Path | None, Path], Path] = {}  # by folder added and own

    def __call__(self, item: QueueItem) -> Path:
        key = (item.added_with, item.source.parent)
        if key not in self._places:
            self._places[key] = self._place(*key)
        return self._places[key]

    def _place(self, added: Path | None, folder: Path) -> Path:
        """Where below the output folder the results of the photos in ``folder`` go, found
        in the folder ``added``."""
        if added is None or not folder.is_relative_to(added):
            return Path()
        if added not in self._tops:
            self._tops[added] = self._top(added)
        top = self._tops[added]
        return Path() if top is None else top / folder.relative_to(added)

    def _top(self, folder: Path) -> Path | None:
        """The folder below ``output`` that keeps the paths of the results of ``folder``'s
        items: none (``Path()``) beside the originals, else ``folder``'s name; None where
        they all go straight into ``output``."""
        if same_place(self._output, folder):
            return Path()
        name = self._names(folder)(folder)
        return None if same_place(self._output / name, folder) else name

    def _names(self, folder: Path) -> FolderNames:
        """The names of the folders added and ``folder``, which is most often one of them."""
        if folder not in self._added:
            return FolderNames([*self._added, folder])
        if self._shared_names is None:
            self._shared_names = FolderNames(self._added)
        return self._shared_names


@dataclass(frozen=True)
class Tally:
    """A count of a run's items, photos and films apart, so that each is told in its own
    words."""

    photos: int = 0
    films: int = 0


@dataclass(frozen=True)
class RunSummary:
    """How a run ended: counts of photos and films, and the model's error if it could not be
    loaded."""

    restored: Tally = Tally()
    failed: Tally = Tally()
    cancelled: Tally = Tally()
    model_error: str = ""


@dataclass(frozen=True)
class RunProgress:
    """Where a run stands: the current photo and the whole run."""

    item_fraction: float
    item_time_left: float | None
    fraction: float
    time_left: float | None
    done: int  # photos finished in this run (restored, failed or cancelled)
    total: int
    cancelling: bool = False  # Cancel was asked for: the current item is stopping
    frames_per_second: float | None = None  # of the film being restored, once measured


class RestoreRunner(QObject):
    """Feeds queued photos and films to the worker in turn; Cancel stops the current one
    between two layers of the network."""

    progress_changed = Signal(object)  # RunProgress
    running_changed = Signal(bool)
    item_restored = Signal(int)  # item id; its result is in the queue model
    # item id and the RestoreSettings its run was asked with (None: not known): a photo's
    # result is in the queue model, not saved yet (a film is written as it is restored)
    photo_restored = Signal(int, object)
    run_finished = Signal(object)  # RunSummary
    preview_ready = Signal(object)  # PreviewResult
    preview_failed = Signal(int, int, str)  # item id, frame, why
    part_ready = Signal(object)  # PartResult
    part_failed = Signal(int, str)  # item id, why
    previewing_changed = Signal(bool)  # a preview is under way (it can be cancelled), or not
    item_started = Signal(int)  # item id: its model is ready and its work begins
    item_ended = Signal(int, object)  # item id, ItemStatus: restored, failed or cancelled
    earlier_kept = Signal(int, str)  # item id, why restoring it again failed: its result stays
    frame_restored = Signal(object)  # FilmFrame of the film being restored, now and then
    # the saved device is not on this computer now (said once), or not on a cluster's worker
    # (once for each worker), and which is used instead
    device_replaced = Signal(str)
    _submit = Signal(object)  # RestoreJob, to the worker's thread
    _submit_preview = Signal(object)  # PreviewJob or PartJob, to the worker's thread
    _release_cluster = Signal()  # the run ended, to the worker's thread
    _let_go = Signal(object)  # frozenset of the files of items leaving, to the worker's thread

    def __init__(self, queue: QueueModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._worker = RestoreWorker()
        self._thread = WorkerThread(self._worker, "rekindle-restore")
        self._submit.connect(self._worker.restore)
        self._submit_preview.connect(self._worker.preview)
        self._release_cluster.connect(self._worker.release_cluster)
        self._let_go.connect(self._worker.let_go)
        queue.rowsAboutToBeRemoved.connect(self._on_rows_leaving)
        self._worker.loading_model.connect(self._on_loading_model)
        self._worker.started.connect(self._on_started)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.film_finished.connect(self._on_film_finished)
        self._worker.frame_restored.connect(self._on_frame_restored)
        self._worker.preview_ready.connect(self.preview_ready)
        self._worker.preview_failed.connect(self.preview_failed)
        self._worker.part_ready.connect(self.part_ready)
        self._worker.part_failed.connect(self.part_failed)
        self._worker.preview_ended.connect(self._on_preview_ended)
        self._worker.failed.connect(self._on_failed)
        self._worker.model_failed.connect(self._on_model_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._worker.device_replaced.connect(self.device_replaced)
        self._pending = _Waiting()
        self._settings: dict[int, RestoreSettings] = {}
        self._recipes: dict[int, Recipe] = {}  # of the item under way, made as it started
        self._under_way: dict[int, RestoreSettings] = {}  # the settings of the item under way
        self._current: int | None = None
        self._current_weight = 0.0  # the current item's share of the run's work
        self._current_fraction = 0.0
        self._current_resumed = 0.0  # the current item's share done by earlier runs (a film's)
        self._stopping = False  # Cancel was asked for while the current item was under way
        # the item of a cancelled run still stopping as a new run began: none of the new run's
        self._winding_down: int | None = None
        self._token = CancelToken()
        self._preview_token = CancelToken()
        self._previews = 0  # previews sent to the worker that it has not finished with
        self._finished_weight = 0.0
        self._resumed_weight = 0.0  # work done by earlier runs of this run's films
        self._finished_count = 0
        self._outcomes: Counter[tuple[ItemStatus, bool]] = Counter()  # by outcome, and film
        self._model_error = ""
        self._run_clock = EtaClock()
        self._item_clock = EtaClock()
        self._frame_rate = RateMeter()

    # -- state ----------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        return self._current is not None or bool(self._pending)

    @property
    def current_item(self) -> int | None:
        return self._current

    @property
    def cancelling(self) -> bool:
        """Whether the run only waits for the current item to stop after Cancel."""
        return self._stopping and not self._pending

    @property
    def _current_counts(self) -> bool:
        """Whether the item under way is this run's work, not a cancelled run's still stopping
        (its progress none of this run's, as its outcome is not)."""
        return self._current is not None and self._current != self._winding_down

    @property
    def worker_busy(self) -> bool:
        """Whether the worker thread is inside a restore call right now."""
        return self._worker.busy

    # -- commands -------------------------------------------------------------------------

    def start(self, item_ids: Iterable[int], settings: RestoreSettings) -> None:
        """Queue photos for restoring with ``settings`` (photos already queued are skipped)."""
        stopping = self._current if self._token.cancelled else None
        fresh = []
        for item_id in item_ids:
            item = self._queue.item(item_id)
            if item is not None and item.status not in UNRESTORABLE:
                fresh.append(item_id)
        if not fresh:
            return
        unknown = self._average_work()
        was_running = self.is_running
        if self._token.cancelled:  # a new run while the cancelled photo winds down
            self._token = CancelToken()
            self._new_run()
            self._winding_down = stopping
        elif not was_running:
            self._new_run()
        self._queue.update_each(
            fresh, status=ItemStatus.QUEUED, progress=0.0, frames_done=0, time_left=None, message=""
        )
        for item_id in fresh:
            self._pending.add(item_id, self._weight(item_id, unknown))
            self._settings[item_id] = settings
        if not was_running:
            self.running_changed.emit(True)
        if self._current is None:
            self._next()
        self._emit_progress()

    def cancel(self) -> None:
        """Stop the current photo at its next tile (a film within its frame) and drop the
        waiting ones; the current one shows as cancelling at once."""
        if not self.is_running:
            return
        self._token.cancel()
        for item_id in self._pending:
            self._settle(item_id, ItemStatus.CANCELLED)
            self._count(item_id, ItemStatus.CANCELLED)
        self._pending.clear()
        self._settings.clear()
        if self._current is None:
            self._end_run()
            return
        self._stopping = True
        self._queue.update(self._current, status=ItemStatus.CANCELLING, loading_model=False)
        self._emit_progress()

    def forget(self, item_ids: Iterable[int]) -> None:
        """Drop waiting photos that left the queue, with the settings they waited with."""
        for item_id in item_ids:
            self._pending.discard(item_id)
            self._settings.pop(item_id, None)

    def _on_rows_leaving(self, _parent: object, first: int, last: int) -> None:
        """The worker lets go of what it keeps of the photo or film it last previewed when
        that leaves the queue (however it leaves: removed, replaced, or by Undo)."""
        rows = (self._queue.item_at(row) for row in range(first, last + 1))
        self._let_go.emit(frozenset(item.source for item in rows if item is not None))

    def preview(
        self, item_id: int, index: int, pixels: np.ndarray, settings: RestoreSettings
    ) -> None:
        """Restore one frame of a film (shown by ``preview_ready``), replacing the preview
        asked for before; not during a run, which keeps the worker busy."""
        job = self._preview_job(item_id, settings)
        if job is not None:
            marks = stored_marks(job[1])
            self._send_preview(
                PreviewJob(
                    *job,
                    index,
                    pixels,
                    settings.film_cleanup,
                    marks=marks,
                    sequence=settings.sequence,
                )
            )

    def preview_part(self, item_id: int, region: Region, settings: RestoreSettings) -> None:
        """Restore the part ``region`` of a photo (shown by ``part_ready``), replacing the
        preview asked for before; not during a run."""
        job = self._preview_job(item_id, settings)
        if job is not None:
            self._send_preview(PartJob(*job, region=region))  # its marks: the worker's to find

    def _preview_job(self, item_id: int, settings: RestoreSettings) -> tuple | None:
        """What any preview of ``item_id`` is asked with (the earlier preview dropped), or
        None when none can be: a run is under way, or the item left the queue."""
        self.stop_preview()
        item = self._queue.item(item_id)
        if self.is_running or item is None:
            return None
        self._preview_token = CancelToken()
        return (
            item_id,
            item.source,
            settings.model,
            settings.device,
            settings.options,
            self._preview_token,
        )

    def stop_preview(self) -> None:
        """Drop the preview under way, if any (at its next tile)."""
        self._preview_token.cancel()

    @property
    def previewing(self) -> bool:
        """Whether a preview is under way (or waits for the worker)."""
        return self._previews > 0

    def _send_preview(self, job: PreviewJob | PartJob) -> None:
        self._previews += 1
        self._submit_preview.emit(job)
        if self._previews == 1:
            self.previewing_changed.emit(True)

    def _on_preview_ended(self) -> None:
        self._previews -= 1
        if not self._previews:
            self.previewing_changed.emit(False)

    def shutdown(self) -> None:
        """Cancel, let the current tile finish, and stop the worker's thread."""
        self._token.cancel()
        self.stop_preview()
        self._pending.clear()
        self._thread.stop()
        self._worker.release_cluster()  # its thread has ended: nothing else uses the worker

    # -- the run --------------------------------------------------------------------------

    def _next(self) -> None:
        while self._pending:
            item_id, weight = self._pending.pop_first()
            item = self._queue.item(item_id)
            settings = self._settings.pop(item_id, None)
            if item is None or settings is None:
                continue
            self._current = item_id
            self._current_weight = weight
            self._current_fraction = self._current_resumed = 0.0
            self._item_clock.restart()
            self._under_way = {item_id: settings}
            try:
                self._send(item, settings)
            except Exception as error:  # no check foresaw it: the item fails, the run goes on
                self._not_started(item, error)
                continue
            return
        self._end_run()

    def _send(self, item: QueueItem, settings: RestoreSettings) -> None:
        """Give the worker the job of restoring ``item`` with ``settings``."""
        options = settings.film_options if item.is_video else settings.options
        choice = (item.id, item.source, settings.model, settings.device, options)
        if item.is_video:
            work = settings.film_work(item, made_at=time.time())
            self._recipes = {item.id: work.recipe}
            self._queue.update(item.id, film_work=work, work_continues=True)
            self._submit.emit(
                FilmJob(
                    *choice,
                    self._token,
                    work.folder,
                    work.stem,
                    work.codec,
                    work.crf,
                    settings.film_cleanup,
                    cluster=settings.cluster,
                    marks=stored_marks(item.source),
                    below=results_below(item, work.folder, self._queue.added_folders()),
                    sequence=settings.sequence,
                    span=work.span,
                )
            )
        else:  # its marks are the worker's to find, and its recipe takes theirs (_on_finished)
            self._recipes = {item.id: settings.recipe(made_at=time.time())}
            cluster = photos_on(settings.cluster)
            self._submit.emit(RestoreJob(*choice, self._token, cluster=cluster))

    def _not_started(self, item: QueueItem, error: Exception) -> None:
        """``item`` failed before its job reached the worker: it ends failed, ``error`` said
        in plain words (the details go to the log), as a failure the worker reports would."""
        said = sentence_for(error, about=item.source)
        self._settle(item.id, ItemStatus.FAILED, Lasting(functools.partial(engine_words, said)))
        self._end_item(item.id, ItemStatus.FAILED)

    def _new_run(self) -> None:
        self._finished_weight, self._finished_count = 0.0, 0
        self._resumed_weight = 0.0
        self._outcomes.clear()
        self._model_error = ""
        self._run_clock.restart()

    def _end_run(self) -> None:
        self._current = None
        self._release_cluster.emit()
        self.running_changed.emit(False)
        self.run_finished.emit(
            RunSummary(
                restored=self._tally(ItemStatus.RESTORED),
                failed=self._tally(ItemStatus.FAILED),
                cancelled=self._tally(ItemStatus.CANCELLED),
                model_error=self._model_error,
            )
        )

    def _count(self, item_id: int, outcome: ItemStatus) -> None:
        """Count ``item_id``'s ``outcome`` with this run's, a film's apart from a photo's."""
        item = self._queue.item(item_id)
        self._outcomes[outcome, item is not None and item.is_video] += 1

    def _tally(self, outcome: ItemStatus) -> Tally:
        """This run's photos and films that ended with ``outcome``."""
        return Tally(photos=self._outcomes[outcome, False], films=self._outcomes[outcome, True])

    def _done(self, item_id: int, outcome: ItemStatus) -> None:
        if item_id != self._current:
            return
        self._end_item(item_id, outcome)
        self._next()
        self._emit_progress()

    def _end_item(self, item_id: int, outcome: ItemStatus) -> None:
        """The current item ended with ``outcome``: counted with this run's (not with it
        where a cancelled run's), and told; no item is under way now."""
        if item_id == self._winding_down:  # the cancelled run's: not this run's outcome
            self._winding_down = None
            if outcome is ItemStatus.RESTORED and item_id in self._pending:
                self._pending.discard(item_id)  # it was done before it could stop
                self._settings.pop(item_id, None)
        else:
            self._count(item_id, outcome)
            self._finished_weight += self._current_weight
            self._finished_count += 1
        self._current = None
        self._stopping = False
        self.item_ended.emit(item_id, outcome)

    def _weight(self, item_id: int, unknown: float) -> float:
        """An item's share of the run's work, weighed as it is queued: the pixels it has to
        restore (``unknown`` if not known yet)."""
        item = self._queue.item(item_id)
        return float(item.work) if item is not None and item.work else unknown

    def _average_work(self) -> float:
        """The work of the queue's items known so far, on average (1 when none is)."""
        known = [item.work for item in self._queue.items() if item.work]
        return sum(known) / len(known) if known else 1.0

    def _emit_progress(self) -> None:
        """The run's progress: its items weighted by their pixels, each where its own figure
        puts it (a film's frames done, from earlier runs too, so the bars agree with its row);
        its time left is measured on this run's work only, like work."""
        current = self._queue.item(self._current) if self._current is not None else None
        counts = current is not None and self._current_counts
        current_weight = self._current_weight if counts else 0.0
        total_weight = self._finished_weight + current_weight + self._pending.weight
        done_weight = self._finished_weight + current_weight * self._current_fraction
        fraction = done_weight / total_weight if total_weight else 1.0
        this_run = total_weight - self._resumed_weight
        run_fraction = (done_weight - self._resumed_weight) / this_run if this_run else 1.0
        total = self._finished_count + len(self._pending) + counts
        self.progress_changed.emit(
            RunProgress(
                item_fraction=self._current_fraction,
                item_time_left=current.time_left if current is not None else None,
                fraction=fraction,
                time_left=self._run_time_left(run_fraction, this_run, current if counts else None),
                done=self._finished_count,
                total=total,
                cancelling=self.cancelling,
                frames_per_second=self._frame_rate.rate() if current is not None else None,
            )
        )

    def _run_time_left(
        self, run_fraction: float, this_run: float, current: QueueItem | None
    ) -> float | None:
        """The run's time left, its share ``run_fraction`` of this run's work ``this_run``
        done: the ``current`` item's own time left (measured on it alone: a film's pace can
        be far from the photos' before it) and the waiting items' at the run's pace so far;
        the run's pace alone while the item's is not known. None when no run is under way."""
        if not self.is_running:
            return None
        left = self._run_clock.remaining(run_fraction)
        if left is None or current is None or current.time_left is None:
            return left
        remaining = this_run * (1 - run_fraction)
        waiting = self._pending.weight / remaining if remaining > 0 else 0.0
        return current.time_left + left * min(waiting, 1.0)

    # -- the worker's reports ---------------------------------------------------------------

    def _on_loading_model(self, item_id: int) -> None:
        if item_id == self._current and not self._stopping:  # not a preview's, nor cancelled
            self._queue.update(item_id, status=ItemStatus.RESTORING, loading_model=True)

    def _on_started(self, item_id: int) -> None:
        self._item_clock.restart()
        self._frame_rate.restart()
        status = ItemStatus.CANCELLING if self._stopping else ItemStatus.RESTORING
        self._queue.update(item_id, status=status, loading_model=False, progress=0.0, frames_done=0)
        self.item_started.emit(item_id)
        self._emit_progress()

    def _on_progress(self, item_id: int, event: ProgressEvent) -> None:
        if item_id != self._current:
            return
        fraction, resumed = _shares(event)
        if resumed > self._current_resumed:  # a film continued from a segment
            self._item_clock.restart(resumed)
            if self._current_counts:
                self._resumed_weight += self._current_weight * (resumed - self._current_resumed)
            self._current_resumed = resumed
        self._current_fraction = fraction
        changes = {"progress": fraction, "time_left": self._item_clock.remaining(fraction)}
        if event.unit == FRAME:
            changes["frames_done"] = int(event.done)
            self._frame_rate.add(event.done)
        self._queue.update(item_id, **changes)
        self._emit_progress()

    def _on_frame_restored(self, frame: FilmFrame) -> None:
        if frame.item_id == self._current and not self._stopping:
            self.frame_restored.emit(frame)

    def _on_finished(self, result: RestoreResult) -> None:
        recipe = self._recipes.get(result.item_id)
        if recipe is not None and result.marked:  # the marks it filled, as Recipe.of takes them
            recipe = replace(recipe, spots=result.marked)
        if recipe is not None:  # what its photo showed of fading, to tell the person
            recipe = recipe.measured(not result.colours_kept)
        item = self._queue.update(
            result.item_id,
            status=ItemStatus.RESTORED,
            progress=1.0,
            result=result.picture,
            restored_with=result.model_name,
            result_image=result.image,
            original_image=result.original,
            saved_to=None,
            recipe=recipe,
            colours_kept=result.colours_kept,
            pages=result.pages,
            marks_outgrown=result.marks_outgrown,
            made_from=result.made_from,
        )
        if item is not None:
            self.item_restored.emit(result.item_id)
            self.photo_restored.emit(result.item_id, self._under_way.get(result.item_id))
        self._done(result.item_id, ItemStatus.RESTORED)

    def _on_film_finished(self, result: FilmResult) -> None:
        """A film is written as it is restored: it is done and saved at once, of the part
        its run restored."""
        recipe = self._recipes.get(result.item_id)
        if recipe is not None:  # what the film showed of fading, to tell the person
            recipe = recipe.measured(result.fading_found)
        item = self._queue.update(
            result.item_id,
            status=ItemStatus.RESTORED,
            progress=1.0,
            damaged_frames=result.damaged_frames,
            sound_notes=result.sound_notes,
            recipe=recipe,
            made_part=result.span,
        )
        if item is not None:
            self._queue.add_result(item, result.target)
            self.item_restored.emit(result.item_id)
        self._done(result.item_id, ItemStatus.RESTORED)

    def _settle(self, item_id: int, outcome: ItemStatus, message: str = "") -> None:
        """Show how restoring the item ended, ``outcome`` (not restored): a photo restored
        before keeps that result, on show and saveable, and a failure is told beside it."""
        item = self._queue.item(item_id)
        if item is None or item.is_video or (item.result is None and item.saved_to is None):
            self._queue.update(item_id, status=outcome, message=message, loading_model=False)
            return
        self._queue.update(item_id, status=ItemStatus.RESTORED, loading_model=False)
        if outcome is ItemStatus.FAILED:
            self.earlier_kept.emit(item_id, message)

    def _requeued(self, item_id: int) -> bool:
        """Whether the item ending now was queued again by a run started while it stopped."""
        return item_id == self._winding_down and item_id in self._pending

    def _on_failed(self, item_id: int, message: str) -> None:
        if not self._requeued(item_id):
            self._settle(item_id, ItemStatus.FAILED, message)
        self._done(item_id, ItemStatus.FAILED)

    def _on_model_failed(self, item_id: int, message: str) -> None:
        """The model could not be loaded: the run's photos waiting fail with it, and the run
        ends. A cancelled run's photo still stopping fails alone: the run begun since may
        restore with another model."""
        if item_id == self._winding_down:
            self._on_failed(item_id, message)
            return
        self._settle(item_id, ItemStatus.FAILED, message)
        not_started = Lasting(
            lambda: self.tr("not started: {reason}").format(reason=in_language_shown(message))
        )
        for waiting in self._pending:
            self._settle(waiting, ItemStatus.FAILED, not_started)
        self._pending.clear()
        self._settings.clear()
        self._model_error = message
        self._done(item_id, ItemStatus.FAILED)

    def _on_cancelled(self, item_id: int) -> None:
        if not self._requeued(item_id):
            self._settle(item_id, ItemStatus.CANCELLED)
        self._done(item_id, ItemStatus.CANCELLED)


class _Waiting:
    """The items waiting for their turn, in order, each with its share of the run's work
    (fixed as it was queued), and the sum of those shares, kept as items come and go: the
    run's progress is reported many times a second, and adding the shares up anew each time
    would take as long as the queue is."""

    def __init__(self) -> None:
        self._weights: dict[int, float] = {}  # item id: its weight, in the order queued
        self.weight = 0.0

    def __len__(self) -> int:
        return len(self._weights)

    def __iter__(self) -> Iterator[int]:
        return iter(self._weights)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._weights

    def add(self, item_id: int, weight: float) -> None:
        """Queue the item last (again last, if it was waiting already)."""
        self.discard(item_id)
        self._weights[item_id] = weight
        self.weight += weight

    def pop_first(self) -> tuple[int, float]:
        """The first item, taken out, with its weight."""
        item_id = next(iter(self._weights))
        weight = self._weights[item_id]
        self.discard(item_id)
        return item_id, weight

    def discard(self, item_id: int) -> None:
        weight = self._weights.pop(item_id, None)
        if weight is not None:  # none left: none of the sum's rounding either
            self.weight = self.weight - weight if self._weights else 0.0

    def clear(self) -> None:
        self._weights.clear()
        self.weight = 0.0


def _shares(event: ProgressEvent) -> tuple[float, float]:
    """Where an item stands, and the share of it earlier runs did: a film by its frames done
    of its frames (the figure its row shows), a photo by its place in the whole job."""
    if event.unit == FRAME and event.total > 0:
        return event.done / event.total, event.resumed_from / event.total
    return event.fraction, event.resumed_fraction
