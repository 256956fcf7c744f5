"""Background jobs for the wizard: one function on its own QThread, heard through signals.

The function gets a ``Progress`` (whose token ``cancel`` sets) and an ``emit`` callable for
events; the signals are queued to the UI thread because the Job lives there. Errors become a
message for the person (details go to the log), so a page can say what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from engine.errors import Cancelled, sentence_for
from engine.progress import CancelToken, Progress

translate = QCoreApplication.translate

Work = Callable[[Progress, Callable[[Any], None]], Any]


def _unexpected(error: BaseException) -> str:
    return translate("Job", "unexpected error ({error}); details are in the log file").format(
        error=error
    )


class _Thread(QThread):
    def __init__(self, job: Job, work: Work) -> None:
        super().__init__()
        self._job = job
        self._work = work

    def run(self) -> None:
        job = self._job
        progress = Progress(job.progress.emit, job.token)
        try:
            result = self._work(progress, job.event.emit)
        except Cancelled:
            pass
        except Exception as error:
            sentence = sentence_for(
                error,
                out_of_memory=translate("Job", "there is not enough memory"),
                unexpected=_unexpected,
                about=f"in the training wizard's job {self.objectName()}",
            )
            job.failed.emit(sentence)
        else:
            if not job.token.cancelled:
                job.succeeded.emit(result)


class Job(QObject):
    """Runs ``work`` once on a thread of its own; ``ended`` always comes last."""

    progress = Signal(object)  # ProgressEvent
    event = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    ended = Signal()

    def __init__(self, work: Work, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._thread = _Thread(self, work)
        self._thread.setObjectName(name)
        self._thread.finished.connect(self.ended)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.token.cancel()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self) -> None:
        """Block until the work has returned (after ``cancel``, within a step)."""
        self._thread.wait()
