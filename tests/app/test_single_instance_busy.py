"""A Rekindle that runs but is busy (its event loop held up: a long start-up, a slow disk, a
stopped process) still accepts connections: a second start never takes its socket over, waits
for it to take the photos, and where it does not in time says so and opens no window of its
own on the same workspace."""

from __future__ import annotations

import os
import select
import socket as sockets
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.single_instance import InstanceServer, server_name

REPO = Path(__file__).resolve().parents[2]
BUSY_SECONDS = 4.0
"""Longer than a second start used to wait before taking the socket over."""
POLL_SECONDS = 0.2

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="Windows names pipes, not files"),
    pytest.mark.usefixtures("runtime_dir"),
]


class BusyRekindle:
    """Listens on the Rekindle socket; where ``busy_seconds`` is given, answers each start's
    line with ``ok`` once that long has passed since the first start connected (the system
    keeps the connections waiting meanwhile, as for a stopped or busy app); with None it never
    accepts."""

    def __init__(self, busy_seconds: float | None) -> None:
        self.path = Path(server_name())
        self.received: list[bytes] = []
        self._listener = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
        self._listener.bind(str(self.path))
        self._listener.listen(8)
        self._listener.settimeout(POLL_SECONDS)
        self._busy_seconds = busy_seconds
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._serve)
        self._thread.start()

    def _serve(self) -> None:
        if self._busy_seconds is None:
            return
        while not self._closed.is_set():
            if select.select([self._listener], [], [], POLL_SECONDS)[0]:
                break  # a start is waiting
        if self._closed.wait(self._busy_seconds):
            return
        while not self._closed.is_set():
            try:
                connection, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                line = connection.makefile("rb").readline()
                if line:  # a start checking whether anyone listens sends nothing
                    self.received.append(line)
                    connection.sendall(b"ok\n")

    def accepts(self) -> bool:
        """Whether a connection to the socket's path still reaches this listener."""
        probe = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
        with probe:
            return probe.connect_ex(str(self.path)) == 0

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
        self._thread.join()
        self.path.unlink(missing_ok=True)


@pytest.fixture
def busy_rekindle() -> Iterator[Callable[[float | None], BusyRekindle]]:
    made: list[BusyRekindle] = []

    def make(busy_seconds: float | None) -> BusyRekindle:
        made.append(BusyRekindle(busy_seconds))
        return made[-1]

    yield make
    for rekindle in made:
        rekindle.close()


def _start(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    """A second Rekindle started in ``tmp_path`` by ``code``, given up on after a minute (had
    it opened a window of its own, it would never end)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_busy_rekindles_socket_is_not_taken_over(busy_rekindle):
    running = busy_rekindle(None)
    before = running.path.stat().st_ino
    server = InstanceServer()
    assert server.runs_elsewhere
    assert not server.listening
    assert running.path.stat().st_ino == before
    assert running.accepts()


def test_a_rekindle_busy_for_seconds_is_handed_the_photos(busy_rekindle, tmp_path):
    running = busy_rekindle(BUSY_SECONDS)
    second = _start(tmp_path, "import sys; from app.main import main; sys.exit(main(['a.png']))")
    assert second.returncode == 0, second.stderr
    assert running.received == [f'["{tmp_path / "a.png"}"]\n'.encode()]


def test_a_rekindle_that_never_answers_gets_no_second_window(busy_rekindle, tmp_path):
    running = busy_rekindle(None)
    second = _start(
        tmp_path,
        "import sys; import app.single_instance as s; s.ANSWER_MS = 500;"
        "from app.main import main; sys.exit(main(['a.png']))",
    )
    assert second.returncode != 0
    assert "Rekindle is already open but does not answer" in second.stderr
    assert running.accepts()
