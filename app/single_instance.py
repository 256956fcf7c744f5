"""One Rekindle window per person: a second start (the app opened again, or photos opened with
it from the file manager) hands its photos to the running window, which brings itself forward,
and exits. Two windows would share one workspace and undo each other's queue.

The running app listens on a local socket named after the user's data folder; a start that
reaches it sends the photos' absolute paths as one JSON line and waits for ``ok``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from engine.paths import user_data_dir

WAIT_MS = 2000
"""How long a second start waits for the running one to answer before opening its own."""
ANSWER = b"ok\n"


def server_name() -> str:
    """The socket's name: one per user data folder (so one per person, and one per test)."""
    folder = str(user_data_dir().resolve())
    return "rekindle-" + hashlib.sha256(folder.encode()).hexdigest()[:16]


def hand_over(paths: Sequence[str]) -> bool:
    """Send ``paths`` (relative ones resolved here) to a running Rekindle; whether it took
    them. False when none runs, or it does not answer in time."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(WAIT_MS):
        return False
    message = json.dumps([str(Path(path).absolute()) for path in paths]) + "\n"
    socket.write(message.encode())
    socket.waitForBytesWritten(WAIT_MS)
    answered = socket.waitForReadyRead(WAIT_MS) and bytes(socket.readAll().data()) == ANSWER
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for later starts; ``paths_received`` carries each one's photos (maybe none)."""

    paths_received = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        if not self._server.listen(server_name()):
            # left behind by a Rekindle that crashed (its start here found no one answering)
            QLocalServer.removeServer(server_name())
            self._server.listen(server_name())

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _on_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            paths = json.loads(bytes(socket.readLine().data()))
        except ValueError:
            paths = None
        if not (isinstance(paths, list) and all(isinstance(p, str) for p in paths)):
            socket.disconnectFromServer()  # not a Rekindle start: ignored
            return
        socket.write(ANSWER)
        socket.flush()
        self.paths_received.emit(paths)
