"""One Rekindle per person: a second start hands its photos to the running window and exits;
with none running it opens its own; a socket left by a crash is taken over; a stranger's
message is ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gui_helpers import write_photo
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from app.single_instance import InstanceServer, hand_over, server_name

REPO = Path(__file__).resolve().parents[2]


def test_a_second_start_hands_its_photos_to_the_running_window(make_window, qtbot, tmp_path):
    window = make_window()
    server = InstanceServer(window)
    server.paths_received.connect(window.receive_paths)
    write_photo(tmp_path / "photo.png")
    window.showMinimized()
    second = subprocess.Popen(
        [sys.executable, "-m", "app", "photo.png"],  # relative to where it was started
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        second.kill()  # had it opened a window of its own, it would never end
    assert second.wait() == 0, second.stdout.read()
    qtbot.waitUntil(lambda: len(window.queue.items()) == 1, timeout=10_000)
    assert window.queue.items()[0].source == tmp_path / "photo.png"
    assert not window.isMinimized()


def test_with_none_running_a_start_opens_its_own():
    assert not hand_over(["photo.png"])


def test_a_socket_left_by_a_crash_is_taken_over(qtbot):
    left = Path(QDir.tempPath()) / server_name()
    left.write_text("")  # where a crashed Rekindle's socket was
    try:
        server = InstanceServer()
        assert server.listening
        with qtbot.waitSignal(server.paths_received) as received:
            assert _send_from_elsewhere(qtbot, server, b'["/a.png"]\n')
        assert received.args == [["/a.png"]]
    finally:
        left.unlink(missing_ok=True)


def test_a_strangers_message_is_ignored(qtbot):
    server = InstanceServer()
    got: list = []
    server.paths_received.connect(got.append)
    assert not _send_from_elsewhere(qtbot, server, b"GET / HTTP/1.0\n")
    assert got == []


def _send_from_elsewhere(qtbot, server: InstanceServer, message: bytes) -> bool:
    """Send ``message`` as a start would, the server answering on this thread's event loop;
    whether it answered ``ok``."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    assert socket.waitForConnected(2000)
    socket.write(message)
    socket.flush()
    answered = []
    socket.readyRead.connect(lambda: answered.append(bytes(socket.readAll().data())))
    qtbot.waitUntil(
        lambda: bool(answered) or socket.state() == QLocalSocket.LocalSocketState.UnconnectedState,
        timeout=5000,
    )
    return answered == [b"ok\n"]
