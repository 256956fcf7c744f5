"""Running the queue: one photo or film at a time through the RestoreWorker's thread, with
progress, time left (for the item and for the whole run) and Cancel; and previews of a film's
frame, between runs, on the same thread and model. Statuses live in the QueueModel."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from app.eta import EtaClock
from app.item_status import BUSY_STATUSES, ItemStatus
from app.photo_queue import QueueModel
from app.settings import default_output_dir
from app.workers import (
    FilmJob,
    FilmResult,
    PreviewJob,
    RestoreJob,
    RestoreResult,
    RestoreWorker,
    WorkerThread,
)
from engine.chain import ModelRequest
from engine.progress import CancelToken, ProgressEvent
from engine.restorer import RestoreOptions
from engine.video import DEFAULT_CODEC, FRAME


@dataclass(frozen=True)
class RestoreSettings:
    """How to restore, as chosen when the photos were queued."""

    model: ModelRequest
    device: str
    options: RestoreOptions
    output_folder: Path | None = None  # where films go as they are restored (None: the default)
    film_codec: str = DEFAULT_CODEC
    film_crf: int | None = None  # None: the codec's default quality


@dataclass(frozen=True)
class RunSummary:
    """How a run ended: counts of photos, and the model's error if it could not be loaded."""

    restored: int = 0
    failed: int = 0
    cancelled: int = 0
    model_error: str = ""


@dataclass(frozen=True)
class RunProgress:
    """Where a run stands: the current photo and the whole run."""

    item_name: str
    item_fraction: float
    item_time_left: float | None
    fraction: float
    time_left: float | None
    done: int  # photos finished in this run (restored, failed or cancelled)
    total: int


class RestoreRunner(QObject):
    """Feeds queued photos and films to the worker in turn; Cancel stops the current one
    between two layers of the network."""

    progress_changed = Signal(object)  # RunProgress
    running_changed = Signal(bool)
    item_restored = Signal(int)  # item id; its result is in the queue model
    run_finished = Signal(object)  # RunSummary
    preview_ready = Signal(object)  # PreviewResult
    preview_failed = Signal(int, int, str)  # item id, frame, why
    _submit = Signal(object)  # RestoreJob, to the worker's thread
    _submit_preview = Signal(object)  # PreviewJob, to the worker's thread

    def __init__(self, queue: QueueModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._worker = RestoreWorker()
        self._thread = WorkerThread(self._worker, "rekindle-restore")
        self._submit.connect(self._worker.restore)
        self._submit_preview.connect(self._worker.preview)
        self._worker.loading_model.connect(self._on_loading_model)
        self._worker.started.connect(self._on_started)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.film_finished.connect(self._on_film_finished)
        self._worker.preview_ready.connect(self.preview_ready)
        self._worker.preview_failed.connect(self.preview_failed)
        self._worker.failed.connect(self._on_failed)
        self._worker.model_failed.connect(self._on_model_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._pending: deque[int] = deque()
        self._settings: dict[int, RestoreSettings] = {}
        self._current: int | None = None
        self._current_fraction = 0.0
        self._current_resumed = 0.0  # the current item's share done by earlier runs (a film's)
        self._token = CancelToken()
        self._preview_token = CancelToken()
        self._finished_weight = 0.0
        self._resumed_weight = 0.0  # work done by earlier runs of this run's films
        self._finished_count = 0
        self._outcomes: Counter[ItemStatus] = Counter()
        self._model_error = ""
        self._run_clock = EtaClock()
        self._item_clock = EtaClock()

    # -- state ----------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        return self._current is not None or bool(self._pending)

    @property
    def current_item(self) -> int | None:
        return self._current

    @property
    def worker_busy(self) -> bool:
        """Whether the worker thread is inside a restore call right now."""
        return self._worker.busy

    # -- commands -------------------------------------------------------------------------

    def start(self, item_ids: Iterable[int], settings: RestoreSettings) -> None:
        """Queue photos for restoring with ``settings`` (photos already queued are skipped)."""
        fresh = []
        for item_id in item_ids:
            item = self._queue.item(item_id)
            if item is not None and item.status not in BUSY_STATUSES:
                fresh.append(item_id)
        if not fresh:
            return
        was_running = self.is_running
        if self._token.cancelled:  # a new run while the cancelled photo winds down
            self._token = CancelToken()
            self._new_run()
        elif not was_running:
            self._new_run()
        for item_id in fresh:
            self._queue.update(
                item_id,
                status=ItemStatus.QUEUED,
                progress=0.0,
                frames_done=0,
                time_left=None,
                message="",
            )
            self._pending.append(item_id)
            self._settings[item_id] = settings
        if not was_running:
            self.running_changed.emit(True)
        if self._current is None:
            self._next()
        self._emit_progress()

    def cancel(self) -> None:
        """Stop the current photo at its next tile and drop the waiting ones."""
        if not self.is_running:
            return
        self._token.cancel()
        for item_id in self._pending:
            self._queue.update(item_id, status=ItemStatus.CANCELLED)
            self._outcomes[ItemStatus.CANCELLED] += 1
        self._pending.clear()
        self._settings.clear()
        if self._current is None:
            self._end_run()

    def forget(self, item_ids: Iterable[int]) -> None:
        """Drop waiting photos that left the queue."""
        gone = set(item_ids)
        self._pending = deque(i for i in self._pending if i not in gone)

    def preview(
        self, item_id: int, index: int, pixels: np.ndarray, settings: RestoreSettings
    ) -> None:
        """Restore one frame of a film (shown by ``preview_ready``), replacing the preview
        asked for before; not during a run, which keeps the worker busy."""
        self.stop_preview()
        if self.is_running:
            return
        item = self._queue.item(item_id)
        if item is None:
            return
        self._preview_token = CancelToken()
        self._submit_preview.emit(
            PreviewJob(
                item_id,
                item.source,
                settings.model,
                settings.device,
                settings.options,
                self._preview_token,
                index,
                pixels,
            )
        )

    def stop_preview(self) -> None:
        """Drop the preview under way, if any (at its next tile)."""
        self._preview_token.cancel()

    def shutdown(self) -> None:
        """Cancel, let the current tile finish, and stop the worker's thread."""
        self._token.cancel()
        self.stop_preview()
        self._pending.clear()
        self._thread.stop()

    # -- the run --------------------------------------------------------------------------

    def _next(self) -> None:
        while self._pending:
            item_id = self._pending.popleft()
            item = self._queue.item(item_id)
            settings = self._settings.pop(item_id, None)
            if item is None or settings is None:
                continue
            self._current = item_id
            self._current_fraction = self._current_resumed = 0.0
            self._item_clock.restart()
            choice = (item_id, item.source, settings.model, settings.device, settings.options)
            if item.is_video:
                folder = settings.output_folder or Path(default_output_dir())
                self._submit.emit(
                    FilmJob(*choice, self._token, folder, settings.film_codec, settings.film_crf)
                )
            else:
                self._submit.emit(RestoreJob(*choice, self._token))
            return
        self._end_run()

    def _new_run(self) -> None:
        self._finished_weight, self._finished_count = 0.0, 0
        self._resumed_weight = 0.0
        self._outcomes.clear()
        self._model_error = ""
        self._run_clock.restart()

    def _end_run(self) -> None:
        self._current = None
        self.running_changed.emit(False)
        self.run_finished.emit(
            RunSummary(
                restored=self._outcomes[ItemStatus.RESTORED],
                failed=self._outcomes[ItemStatus.FAILED],
                cancelled=self._outcomes[ItemStatus.CANCELLED],
                model_error=self._model_error,
            )
        )

    def _done(self, item_id: int, outcome: ItemStatus) -> None:
        if item_id != self._current:
            return
        self._outcomes[outcome] += 1
        self._finished_weight += self._weight(item_id)
        self._finished_count += 1
        self._current = None
        self._next()
        self._emit_progress()

    def _weight(self, item_id: int) -> float:
        """An item's share of the run's work: the pixels it has to restore (the average if
        unknown yet)."""
        item = self._queue.item(item_id)
        if item is not None and item.work:
            return float(item.work)
        known = [i.work for i in self._queue.items() if i.work]
        return sum(known) / len(known) if known else 1.0

    def _emit_progress(self) -> None:
        """The run's progress, counting only this run's work (not what an earlier run of a
        film did), so its time left is measured on like work."""
        current = self._queue.item(self._current) if self._current is not None else None
        current_weight = self._weight(self._current) if current is not None else 0.0
        pending_weight = sum(self._weight(i) for i in self._pending)
        total_weight = self._finished_weight + current_weight + pending_weight
        done_weight = self._finished_weight + current_weight * self._current_fraction
        total_weight -= self._resumed_weight
        done_weight -= self._resumed_weight
        fraction = done_weight / total_weight if total_weight else 1.0
        total = self._finished_count + len(self._pending) + (current is not None)
        self.progress_changed.emit(
            RunProgress(
                item_name=current.name if current is not None else "",
                item_fraction=self._current_fraction,
                item_time_left=current.time_left if current is not None else None,
                fraction=fraction,
                time_left=self._run_clock.remaining(fraction) if self.is_running else None,
                done=self._finished_count,
                total=total,
            )
        )

    # -- the worker's reports ---------------------------------------------------------------

    def _on_loading_model(self, item_id: int) -> None:
        if item_id == self._current:  # not a preview's
            self._queue.update(item_id, status=ItemStatus.RESTORING, loading_model=True)

    def _on_started(self, item_id: int) -> None:
        self._item_clock.restart()
        self._queue.update(
            item_id, status=ItemStatus.RESTORING, loading_model=False, progress=0.0, frames_done=0
        )
        self._emit_progress()

    def _on_progress(self, item_id: int, event: ProgressEvent) -> None:
        if item_id != self._current:
            return
        if event.resumed_fraction > self._current_resumed:  # a film continued from a segment
            self._item_clock.restart(event.resumed_fraction)
            self._resumed_weight += self._weight(item_id) * (
                event.resumed_fraction - self._current_resumed
            )
            self._current_resumed = event.resumed_fraction
        fraction = self._current_fraction = event.fraction
        changes = {"progress": fraction, "time_left": self._item_clock.remaining(fraction)}
        if event.unit == FRAME:
            changes["frames_done"] = int(event.done)
        self._queue.update(item_id, **changes)
        self._emit_progress()

    def _on_finished(self, result: RestoreResult) -> None:
        item = self._queue.update(
            result.item_id,
            status=ItemStatus.RESTORED,
            progress=1.0,
            result=result.picture,
            restored_with=result.model_name,
            result_image=result.image,
            original_image=result.original,
            saved_to=None,
        )
        if item is not None:
            self.item_restored.emit(result.item_id)
        self._done(result.item_id, ItemStatus.RESTORED)

    def _on_film_finished(self, result: FilmResult) -> None:
        """A film is written as it is restored: it is done and saved at once."""
        item = self._queue.update(
            result.item_id,
            status=ItemStatus.RESTORED,
            progress=1.0,
            saved_to=result.target,
            damaged_frames=result.damaged_frames,
        )
        if item is not None:
            self.item_restored.emit(result.item_id)
        self._done(result.item_id, ItemStatus.RESTORED)

    def _on_failed(self, item_id: int, message: str) -> None:
        self._queue.update(item_id, status=ItemStatus.FAILED, message=message, loading_model=False)
        self._done(item_id, ItemStatus.FAILED)

    def _on_model_failed(self, item_id: int, message: str) -> None:
        self._queue.update(item_id, status=ItemStatus.FAILED, message=message, loading_model=False)
        for waiting in self._pending:
            self._queue.update(waiting, status=ItemStatus.READY)
        self._pending.clear()
        self._settings.clear()
        self._model_error = message
        self._done(item_id, ItemStatus.FAILED)

    def _on_cancelled(self, item_id: int) -> None:
        self._queue.update(item_id, status=ItemStatus.CANCELLED, loading_model=False)
        self._done(item_id, ItemStatus.CANCELLED)
