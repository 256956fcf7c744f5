"""One Rekindle window per person: a second start (the app opened again, or photos opened with
it from the file manager) hands its photos to the running window, which brings itself forward,
and exits. Two windows would share one workspace and undo each other's queue.

The running app listens on a local socket named after the user's data folder; a start that
reaches it sends the photos' absolute paths as one JSON line and waits for ``ok``.

The photos' paths are private, so the socket lives where no other account can make one in
its place: in a folder of the user's own that no one else may enter (``XDG_RUNTIME_DIR``, else
``rekindle-<uid>`` in the temporary folder). Where no such folder can be had, every start
opens its own window. On Windows the name is a pipe's, open to its user only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from engine.paths import user_data_dir

log = logging.getLogger(__name__)

WAIT_MS = 2000
"""How long a second start waits for the running one to answer before opening its own."""
ANSWER = b"ok\n"
RUNTIME_DIR_ENV = "XDG_RUNTIME_DIR"


def server_name() -> str | None:
    """The socket's name: one per user data folder (so one per person, and one per test), in
    the user's private folder; None where there is none."""
    folder = str(user_data_dir().resolve())
    name = "rekindle-" + hashlib.sha256(folder.encode()).hexdigest()[:16]
    if sys.platform == "win32":
        return name
    private = _private_folder()
    return str(private / name) if private is not None else None


def _private_folder() -> Path | None:
    """The session's runtime folder if it is private, else ``rekindle-<uid>`` in the
    temporary folder, made private; None where that name is taken by someone else."""
    runtime = os.environ.get(RUNTIME_DIR_ENV)
    if runtime and _is_private(Path(runtime)):
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"rekindle-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        log.warning("no private folder for the single-instance socket: %s", error)
        return None
    if not _is_private(folder):
        log.warning("%s is not a private folder of this user's: not listening there", folder)
        return None
    return folder


def _is_private(folder: Path) -> bool:
    """Whether ``folder`` is a folder (not a link) of this user's that no one else may enter,
    so no one else can put a socket in it."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def hand_over(paths: Sequence[str]) -> bool:
    """Send ``paths`` (relative ones resolved here) to a running Rekindle; whether it took
    them. False when none runs, or it does not answer in time."""
    name = server_name()
    if name is None:
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
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
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        name = server_name()
        if name is not None and not self._server.listen(name):
            # left behind by a Rekindle that crashed (its start here found no one answering)
            QLocalServer.removeServer(name)
            self._server.listen(name)

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
