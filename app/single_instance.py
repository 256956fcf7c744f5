"""One Rekindle window per person: a second start (the app opened again, or photos opened with
it from the file manager) hands its photos to the running window, which brings itself forward,
and exits. Two windows would share one workspace and undo each other's queue.

The running app listens on a local socket named after the user's data folder; a start that
reaches it sends the photos' absolute paths as one JSON line and waits for ``ok``. The running
app may be busy for a while before it reads them, so the wait is long, and a start takes a
socket over only where nobody accepts on it (one left by a crash).

Which of two starts at the same moment listens (Explorer's Open on several photos starts one
per photo) is settled by a lock file in the user data folder, taken before listening and held
while the app runs: a start that cannot take it hands its photos to the holder. Listening
cannot settle it: on Windows a second listen on a pipe's name in use succeeds. A lock left by
a process that is gone is taken over.

The photos' paths are private, so the socket lives where no other account can make one in
its place: in a folder of the user's own that no one else may enter (``XDG_RUNTIME_DIR``, else
``rekindle-<uid>`` in the temporary folder). Where no such folder can be had, every start
opens its own window. On Windows the name is a pipe's, open to its user only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from engine.paths import user_data_dir

log = logging.getLogger(__name__)

REACH_MS = 2000
"""How long a start tries to connect to the socket and to send its photos there: the system
does both at once where a process listens, however busy."""
ANSWER_MS = 30_000
"""How long a second start waits for the running app to take its photos: the app answers
from its event loop, which a long start-up or a slow disk may hold up for seconds."""
ANSWER = b"ok\n"
NOBODY_THERE = (
    QLocalSocket.LocalSocketError.ConnectionRefusedError,
    QLocalSocket.LocalSocketError.ServerNotFoundError,
)
"""Why a connection fails where no process accepts on the name."""
RUNTIME_DIR_ENV = "XDG_RUNTIME_DIR"
LOCK_FILE = "running.lock"
"""In the user data folder: held by the Rekindle that listens for later starts."""
LISTEN_MS = 10_000
"""How long a start that finds the lock held waits for its holder to listen: the holder
listens just after taking it, unless the machine is very busy."""
RETRY_MS = 50
"""How often a start that waits for the lock's holder to listen tries to reach it."""


def server_name() -> str | None:
    """The socket's name: one per user data folder (so one per person, and one per test), in
    the user's private folder; None where there is none."""
    folder = os.fsencode(user_data_dir().resolve())
    name = "rekindle-" + hashlib.sha256(folder).hexdigest()[:16]
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


class Handover(Enum):
    """How a start's photos went to a running Rekindle."""

    TAKEN = "taken"
    NONE_RUNNING = "none running"  # nobody accepts on the socket, or there is no socket
    NOT_TAKEN = "not taken"  # a Rekindle accepts but did not take them in time: it is busy


def hand_over(paths: Sequence[str], wait_ms: int = 0) -> Handover:
    """Send ``paths`` (relative ones resolved here) to a running Rekindle; where none listens,
    try again for up to ``wait_ms`` (the holder of the lock may be about to listen)."""
    name = server_name()
    if name is None:
        return Handover.NONE_RUNNING
    socket = _connect(name, wait_ms)
    if _nobody_there(socket):
        return Handover.NONE_RUNNING
    taken = socket.state() is QLocalSocket.LocalSocketState.ConnectedState and _taken(socket, paths)
    socket.abort()
    return Handover.TAKEN if taken else Handover.NOT_TAKEN


def _connect(name: str, wait_ms: int = 0) -> QLocalSocket:
    """A socket to ``name``: connected where a process accepts there in time, or starts to
    within ``wait_ms``."""
    deadline = QDeadlineTimer(wait_ms)
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        socket.waitForConnected(REACH_MS)
        if not _nobody_there(socket) or deadline.hasExpired():
            return socket
        QThread.msleep(RETRY_MS)


def _nobody_there(socket: QLocalSocket) -> bool:
    """Whether ``socket`` failed to connect because nobody accepts on its name (a refusal, or
    no socket at all), not because a live Rekindle is slow: its waiting queue may be full."""
    return (
        socket.state() is QLocalSocket.LocalSocketState.UnconnectedState
        and socket.error() in NOBODY_THERE
    )


def _taken(socket: QLocalSocket, paths: Sequence[str]) -> bool:
    """Send ``paths`` through the connected ``socket``; whether ``ok`` came back in time."""
    message = json.dumps([str(Path(path).absolute()) for path in paths]) + "\n"
    socket.write(message.encode())
    socket.waitForBytesWritten(REACH_MS)
    deadline = QDeadlineTimer(ANSWER_MS)
    while not socket.canReadLine() and socket.waitForReadyRead(deadline.remainingTime()):
        pass
    return bytes(socket.readLine().data()) == ANSWER


def _instance_lock() -> QLockFile:
    """The user data folder's lock, taken where no live process holds it (one of a process
    that is gone is taken over); its ``error()`` says why not."""
    folder = user_data_dir()
    with contextlib.suppress(OSError):  # then the lock cannot be made: said below
        folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / LOCK_FILE))
    lock.setStaleLockTime(0)  # held for hours: stale only once its process is gone
    if not lock.tryLock(0) and not _held_elsewhere(lock):
        log.warning("cannot lock %s (%s): listening without it", folder / LOCK_FILE, lock.error())
    return lock


def _held_elsewhere(lock: QLockFile) -> bool:
    """Whether ``lock`` could not be taken because a live process holds it."""
    return lock.error() is QLockFile.LockError.LockFailedError


class InstanceServer(QObject):
    """Listens for later starts; ``paths_received`` carries each one's photos (maybe none).
    Where a live Rekindle holds the lock or listens already (a start of a moment ago) it does
    not, and ``runs_elsewhere`` says so."""

    paths_received = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        if sys.platform == "win32":
            # a pipe open to its user only; on Unix the private folder keeps others out, and
            # Qt makes this option's socket elsewhere and renames it over the name, live or not
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self.runs_elsewhere = False
        self._lock: QLockFile | None = None
        name = server_name()
        if name is None:
            return
        self._lock = _instance_lock()
        self.runs_elsewhere = _held_elsewhere(self._lock) or self._found_listening(name)

    def _found_listening(self, name: str) -> bool:
        """Listen on ``name``, taking over a socket nobody accepts on (left by a Rekindle that
        crashed); whether a live one listens there instead."""
        if self._server.listen(name):
            return False
        probe = _connect(name)
        live = not _nobody_there(probe)
        probe.abort()
        if not live:
            QLocalServer.removeServer(name)
            self._server.listen(name)
        return live

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        """Stop listening and give the lock up: a later start opens its own window."""
        self._server.close()
        if self._lock is not None:
            self._lock.unlock()

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
