"""One Rekindle per person: a second start hands its photos to the running window and exits;
with none running it opens its own; two starts at the same moment open one window, also where
a second listen on the name succeeds (Windows' pipes); a socket or a lock left by a crash is
taken over; a stranger's message is ignored; the socket lives in a folder no other account
can enter, so none can listen in its place."""

from __future__ import annotations

import hashlib
import os
import socket as sockets
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, write_photo
from PySide6.QtCore import QDir, QLockFile
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.main_window import MainWindow
from app.single_instance import (
    LOCK_FILE,
    Handover,
    InstanceServer,
    hand_over,
    server_name,
)
from engine.paths import user_data_dir

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="Windows names pipes, not files"),
    pytest.mark.usefixtures("runtime_dir"),
]


@pytest.fixture
def shared_temp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No XDG_RUNTIME_DIR, and a temporary folder everyone may write to, as /tmp."""
    folder = tmp_path_factory.mktemp("tmp")
    folder.chmod(0o1777)
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _second_start(qtbot, folder: Path, *arguments: str) -> str:
    """Run ``python *arguments`` in ``folder`` as a second start of the app; what it said,
    once it ended with status 0."""
    second = subprocess.Popen(
        [sys.executable, *arguments],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        second.kill()  # had it opened a window of its own, it would never end
    said = second.stdout.read()
    assert second.wait() == 0, said
    return said


def _listening_window(make_window, folder: Path) -> MainWindow:
    """A window that takes the photos a second start hands over, and a photo in ``folder``."""
    window = make_window()
    server = InstanceServer(window)
    server.paths_received.connect(window.receive_paths)
    write_photo(folder / "photo.png")
    return window


def test_a_second_start_hands_its_photos_to_the_running_window(make_window, qtbot, tmp_path):
    window = _listening_window(make_window, tmp_path)
    window.showMinimized()
    _second_start(qtbot, tmp_path, "-m", "app", "photo.png")  # relative to where it started
    qtbot.waitUntil(lambda: len(window.queue.items()) == 1, timeout=WAIT_MS)
    assert window.queue.items()[0].source == tmp_path / "photo.png"
    assert not window.isMinimized()


def test_a_second_start_hands_over_without_loading_torch(make_window, qtbot, tmp_path):
    """Opening photos with the app already open (a file manager's Open With, one photo at a
    time) is answered in a moment, not after the seconds torch takes to load."""
    window = _listening_window(make_window, tmp_path)
    probe = (
        "import sys\n"
        "from app.main import main\n"
        "status = main(['photo.png'])\n"
        "print('torch loaded' if 'torch' in sys.modules else 'torch not loaded')\n"
        "sys.exit(status)"
    )
    assert "torch not loaded" in _second_start(qtbot, tmp_path, "-c", probe)
    qtbot.waitUntil(lambda: len(window.queue.items()) == 1, timeout=WAIT_MS)


def test_with_none_running_a_start_opens_its_own():
    assert hand_over(["photo.png"]) is Handover.NONE_RUNNING


def test_a_socket_left_by_a_crash_is_taken_over(qtbot):
    left = Path(server_name())
    left.write_text("")  # where a crashed Rekindle's socket was
    try:
        server = InstanceServer()
        assert server.listening
        with qtbot.waitSignal(server.paths_received, timeout=WAIT_MS) as received:
            assert _send_from_elsewhere(qtbot, server, b'["/a.png"]\n')
        assert received.args == [["/a.png"]]
    finally:
        left.unlink(missing_ok=True)


def _listen_as_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A listen on a name in use succeeds, as on Windows: Qt makes another instance of the
    pipe there (CreateNamedPipe without FILE_FLAG_FIRST_PIPE_INSTANCE)."""
    listen = QLocalServer.listen

    def listen_over(server: QLocalServer, name: str) -> bool:
        QLocalServer.removeServer(name)
        return listen(server, name)

    monkeypatch.setattr(QLocalServer, "listen", listen_over)


@pytest.mark.parametrize("listen_over_a_name_in_use", [False, True], ids=["unix", "windows"])
def test_two_starts_at_the_same_moment_open_one_window(
    listen_over_a_name_in_use: bool, monkeypatch: pytest.MonkeyPatch
):
    """Explorer's Open on two photos: both starts ask before either listens."""
    if listen_over_a_name_in_use:
        _listen_as_on_windows(monkeypatch)
    handed = [hand_over(["/a.png"]), hand_over(["/b.png"])]
    servers = [InstanceServer(), InstanceServer()]
    own_windows = [
        server
        for answer, server in zip(handed, servers, strict=True)
        if answer is Handover.NONE_RUNNING and not server.runs_elsewhere
    ]
    assert len(own_windows) == 1
    assert [server.listening for server in servers] == [True, False]


HANDING_OVER = """
from PySide6.QtCore import QCoreApplication
from app.single_instance import LISTEN_MS, hand_over
app = QCoreApplication([])
print("asking", flush=True)
print(hand_over(["/a.png"], LISTEN_MS).value, flush=True)
"""
"""A start that found the lock held (its server did not listen): it hands its photos over."""


def test_a_start_that_finds_the_lock_held_hands_over_once_its_holder_listens(qtbot):
    """The holder of the lock listens a moment after taking it: the start that found it
    held waits for it, and hands its photos over."""
    holding = QLockFile(str(user_data_dir() / LOCK_FILE))
    assert holding.tryLock(0)  # the holder, not listening yet
    second = InstanceServer()
    assert second.runs_elsewhere and not second.listening
    start = subprocess.Popen(
        [sys.executable, "-c", HANDING_OVER],
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert start.stdout.readline() == "asking\n"
        qtbot.wait(300)  # it finds nobody listening, and tries again
        holding.unlock()
        holder = InstanceServer()
        with qtbot.waitSignal(holder.paths_received, timeout=WAIT_MS) as received:
            pass
        qtbot.waitUntil(lambda: start.poll() is not None, timeout=WAIT_MS)
    finally:
        start.kill()
    assert received.args == [["/a.png"]]
    assert start.stdout.read() == f"{Handover.TAKEN.value}\n"


def test_a_lock_left_by_a_crash_is_taken_over():
    lock = user_data_dir() / LOCK_FILE
    crash = (
        "import os; from PySide6.QtCore import QLockFile; "
        f"held = QLockFile({str(lock)!r}); held.tryLock(0); os._exit(9)"
    )
    crashed = subprocess.run([sys.executable, "-c", crash], check=False)
    assert crashed.returncode == 9 and lock.exists()
    server = InstanceServer()
    assert server.listening and not server.runs_elsewhere


def test_a_lock_held_for_hours_stays_held():
    first = InstanceServer()
    hours_ago = time.time() - 5 * 3600
    os.utime(user_data_dir() / LOCK_FILE, (hours_ago, hours_ago))
    assert InstanceServer().runs_elsewhere
    assert first.listening


def test_a_closed_server_lets_the_next_start_listen():
    first = InstanceServer()
    first.close()
    assert not first.listening
    second = InstanceServer()
    assert second.listening and not second.runs_elsewhere


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


def _private(folder: Path) -> bool:
    """A real folder (not a link) of this account's, that no other account may enter."""
    info = folder.lstat()
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def test_the_socket_is_in_the_runtime_folder(runtime_dir: Path):
    assert Path(server_name()).parent == runtime_dir


def test_without_a_runtime_folder_the_socket_is_in_a_private_one(shared_temp: Path):
    folder = Path(server_name()).parent
    assert folder.parent == shared_temp
    assert _private(folder)
    assert InstanceServer().listening


def test_a_runtime_folder_others_can_enter_is_not_used(
    runtime_dir: Path, shared_temp: Path, monkeypatch: pytest.MonkeyPatch
):
    runtime_dir.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime_dir))  # shared_temp took it away
    folder = Path(server_name()).parent
    assert folder != runtime_dir
    assert _private(folder)


def test_a_folder_made_by_someone_else_in_its_place_is_not_used(shared_temp: Path, tmp_path):
    """Another account made the private folder's name first (here: a link to its own)."""
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    (shared_temp / f"rekindle-{os.getuid()}").symlink_to(theirs)
    assert server_name() is None
    assert not InstanceServer().listening
    assert hand_over(["/a.png"]) is Handover.NONE_RUNNING
    assert list(theirs.iterdir()) == []


def test_a_socket_made_by_someone_else_is_handed_nothing():
    """Another account listens first where a Rekindle of old would have (a name anyone can
    work out, in the shared temporary folder): a start hands it no photos."""
    folder = str(user_data_dir().resolve())
    squatted = Path(QDir.tempPath()) / (
        "rekindle-" + hashlib.sha256(folder.encode()).hexdigest()[:16]
    )
    received: list[bytes] = []
    listener = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
    listener.bind(str(squatted))
    listener.listen(1)
    listener.settimeout(5)

    def answer() -> None:
        try:
            connection, _address = listener.accept()
        except OSError:
            return
        with connection:
            received.append(connection.makefile("rb").readline())
            connection.sendall(b"ok\n")

    thread = threading.Thread(target=answer)
    thread.start()
    try:
        assert hand_over(["/photos/private.png"]) is Handover.NONE_RUNNING
    finally:
        listener.close()
        thread.join()
        squatted.unlink(missing_ok=True)
    assert received == []
