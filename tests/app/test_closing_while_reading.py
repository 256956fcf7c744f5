"""Closing the window while the reader reads a photo for the viewer (a large TIFF takes
seconds, and nothing cuts the read short): the window goes at once, the read ends after it,
and the process, exiting, waits for the read instead of aborting on a thread still running."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from gui_helpers import WAIT_MS, wait_until_read, write_photo

import app.workers
from engine.imageio import Picture

REPO = Path(__file__).resolve().parents[2]
READ_LONGEST_S = 10
"""The slow read's longest wait for the test to let it end: long past any close that waits."""


class SlowRead:
    """``read_picture`` that, for one file, waits until let to end (at most ``READ_LONGEST_S``),
    noting when the read has begun and when it has ended."""

    def __init__(self, slow: Path, read) -> None:
        self.slow, self._read = slow, read
        self.begun, self.ended, self.release = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )

    def __call__(self, path: Path, *args, **kwargs) -> Picture:
        if Path(path) == self.slow:
            self.begun.set()
            self.release.wait(READ_LONGEST_S)
            self.ended.set()
        return self._read(path, *args, **kwargs)


def test_closing_while_the_viewer_reads_does_not_wait_for_the_read(
    make_window, qtbot, monkeypatch, tmp_path: Path
):
    window = make_window()
    shown, large = (write_photo(tmp_path / name) for name in ("shown.png", "large.png"))
    _first, second = window.add_paths([shown, large])
    wait_until_read(qtbot, window)
    slow = SlowRead(large, app.workers.read_picture)
    monkeypatch.setattr(app.workers, "read_picture", slow)
    window.queue_view.select_id(second.id)  # its original is read for the viewer
    qtbot.waitUntil(slow.begun.is_set, timeout=WAIT_MS)

    window.close()
    closed_before_the_read_ended = not slow.ended.is_set()
    slow.release.set()
    assert closed_before_the_read_ended
    assert not window.isVisible()
    reader = window._loader_thread.thread
    qtbot.waitUntil(reader.isFinished, timeout=WAIT_MS)


EXITING_WHILE_READING = """
import sys, threading, time
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from app.workers import WorkerThread

class Reader(QObject):
    def read(self):
        time.sleep(1)
        print("read ended", flush=True)

class Asker(QObject):
    ask = Signal()

def run():
    app = QApplication([])
    reader, asker = Reader(), Asker()
    thread = WorkerThread(reader, "reader")
    asker.ask.connect(reader.read)
    asker.ask.emit()
    time.sleep(0.2)
    thread.let_go()
    print("let go", flush=True)

run()
"""


def test_a_thread_let_go_is_waited_for_as_the_process_exits():
    """Its QThread and worker outlive their owner and the application; destroyed while it
    ran, Qt would abort the process."""
    done = subprocess.run(
        [sys.executable, "-c", EXITING_WHILE_READING],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["let", "go", "read", "ended"]
