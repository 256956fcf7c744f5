"""Background jobs for the wizard: one function on its own QThread, heard through signals.

The function gets a ``Progress`` (whose token ``cancel`` sets) and an ``emit`` callable for
events; the signals are queued to the UI thread because the Job lives there. Errors become a
message for the person (details go to the log), so a page can say what went wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from engine.errors import Cancelled, RekindleError
from engine.progress import CancelToken, Progress

log = logging.getLogger(__name__)

Work = Callable[[Progress, Callable[[Any], None]], Any]


class _Thread(QThread):
    def __init__(self, job: Job, work: Work) -> None:
        super().__init__()
        self._job = job
        self._work = work

    def run(self) -> None:
        job = self._job
        progress = Progress(lambda fraction, note: job.progress.emit(fraction, note), job.token)
        try:
            result = self._work(progress, job.event.emit)
        except Cancelled:
            pass
        except RekindleError as error:
            job.failed.emit(str(error))
        except MemoryError:
            job.failed.emit(QCoreApplication.translate("Job", "there is not enough memory"))
        except Exception as error:
            log.exception("a training wizard job failed")
            message = QCoreApplication.translate(
                "Job", "unexpected error ({error}); details are in the log file"
            )
            job.failed.emit(message.format(error=error))
        else:
            if not job.token.cancelled:
                job.succeeded.emit(result)


class Job(QObject):
    """Runs ``work`` once on a thread of its own; ``ended`` always comes last."""

    progress = Signal(float, str)
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
