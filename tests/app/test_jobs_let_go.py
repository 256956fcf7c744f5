"""A background job deleted once it has ended is gone, with its thread: jobs are made all
day (each read, write and search of a photo's marks, the wizard's steps)."""

from __future__ import annotations

import gc
import weakref

from gui_helpers import WAIT_MS
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from app.jobs import Job


def test_a_job_deleted_once_ended_leaves_nothing_behind(qtbot):
    owner = QObject()
    job = Job(lambda _progress, emit: emit("halfway") or "done", "test-job", owner)
    told = []
    job.partial.connect(told.append)
    with qtbot.waitSignal(job.ended, timeout=WAIT_MS):
        job.start()
    job.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gone = weakref.ref(job)
    del job
    gc.collect()
    assert told == ["halfway"]
    assert gone() is None
    assert not owner.findChildren(Job)
