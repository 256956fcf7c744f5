"""Background jobs: one function run once on a ``WorkerThread`` (the app's one
background-worker pattern), heard through signals (the training wizard's steps, and reading,
keeping and searching a photo's marks).

The function gets a ``Progress`` (whose token ``cancel`` sets) and an ``emit`` callable for
events; the signals are queued to the UI thread because the Job lives there. Errors become a
message for the person (details go to the log), so a page can say what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from app.i18n import engine_words
from app.workers import WorkerThread
from engine.errors import Cancelled, sentence_for
from engine.progress import CancelToken, Progress

translate = QCoreApplication.translate

Emit = Callable[[Any], None]
"""How work hands a partial answer to the window (``Job.partial``)."""
Work = Callable[[Progress, Emit], Any]


def _unexpected(error: BaseException) -> str:
    return translate("Job", "unexpected error ({error}); details are in the log file").format(
        error=error
    )


class _Runner(QObject):
    """Runs the job's function once, on the thread it is moved to; ``done`` comes last."""

    done = Signal()

    def __init__(self, job: Job, work: Work, name: str) -> None:
        super().__init__()
        self._job = job
        self._work = work
        self._name = name

    @Slot()
    def run(self) -> None:
        job = self._job
        progress = Progress(job.progress.emit, job.token)
        try:
            result = self._work(progress, job.partial.emit)
        except Cancelled:
            pass
        except Exception as error:
            sentence = sentence_for(
                error,
                out_of_memory=translate("Job", "there is not enough memory"),
                unexpected=_unexpected,
                about=f"in the background job {self._name}",
            )
            job.failed.emit(engine_words(sentence))
        else:
            if not job.token.cancelled:
                job.succeeded.emit(result)
        finally:
            self.done.emit()


class Job(QObject):
    """Runs ``work`` once on a thread of its own; ``ended`` always comes last."""

    progress = Signal(object)  # ProgressEvent
    partial = Signal(object)  # what the work hands on as it goes (its ``emit``)
    succeeded = Signal(object)
    failed = Signal(str)
    ended = Signal()
    _go = Signal()

    def __init__(self, work: Work, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._name = name
        self._runner = _Runner(self, work, name)
        self._runner.done.connect(self._on_done)
        self._thread: WorkerThread | None = None
        self._running = False

    def start(self) -> None:
        self._running = True
        self._thread = WorkerThread(self._runner, self._name)
        self._go.connect(self._runner.run)  # queued: the runner now lives on the thread
        self._go.emit()

    def cancel(self) -> None:
        self.token.cancel()

    def is_running(self) -> bool:
        return self._running

    def wait(self) -> None:
        """Block until the work has returned (after ``cancel``, within a step)."""
        if self._thread is not None:
            self._thread.stop(finish_queued=True)
        self._running = False

    def _on_done(self) -> None:
        if self._thread is not None:
            self._thread.stop()
        self._running = False
        self.ended.emit()
