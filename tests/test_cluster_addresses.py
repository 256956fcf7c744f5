"""The address of a cluster's head, checked before Ray is let near it: a malformed one, Ray's
"auto", something else listening there, a head that asks for a token are each one sentence
within seconds, with nothing of Ray's own logging on the console; and a cluster started here
for one run keeps its token to itself."""

from __future__ import annotations

import errno
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from engine import cli as engine_cli
from engine.cluster import connect
from engine.cluster.connect import (
    check_address,
    check_first_call,
    check_reachable,
    open_cluster,
    survey,
)
from engine.errors import RekindleError
from engine.words import Sentence
from tests.test_cluster import ROOT, _album, ray_head

TOKEN = "5eed" * 16
TOKEN_SETTINGS = ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")
SETTINGS_FRAME = b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"  # an HTTP/2 server's first words
NOT_A_HEAD = (
    "nothing at {address} answers as a Ray cluster ({reason}); give the port `ray start --head` "
    "listens on (--port, 6379 by default), not the dashboard's"
)


class _QuietHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Nothing on the console: the test reads it."""


@contextmanager
def _web_server() -> Iterator[str]:
    """The address of a web server on loopback (as the dashboard's port is one)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@contextmanager
def _listener(greeting: bytes | None) -> Iterator[str]:
    """The address of a listener on loopback that says ``greeting`` to each connection, then
    nothing more, holding it open (None: hangs up at once)."""
    held: list[socket.socket] = []
    stop = threading.Event()
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.05)

        def serve() -> None:
            while not stop.is_set():
                try:
                    connection, _ = server.accept()
                except TimeoutError:
                    continue
                held.append(connection)
                if greeting is None:
                    connection.close()
                else:
                    connection.sendall(greeting)

        thread = threading.Thread(target=serve)
        thread.start()
        try:
            yield f"127.0.0.1:{server.getsockname()[1]}"
        finally:
            stop.set()
            thread.join()
            for connection in held:
                connection.close()


def _restore(address: str, tmp_path: Path) -> int:
    """The command line's ``restore`` of a small album on the cluster at ``address``."""
    album = _album(tmp_path / "album")
    return engine_cli.main(
        ["restore", str(album), "-o", str(tmp_path / "out"), "--cluster", address]
    )


@pytest.mark.timeout(60)
def test_a_web_server_is_no_head_and_the_command_says_so_at_once(tmp_path, capfd):
    """The dashboard's port, or any web server: Ray would wait minutes, logging."""
    with _web_server() as address:
        started = time.monotonic()
        assert _restore(address, tmp_path) == 2
        seconds = time.monotonic() - started
    reason = "it answers in another protocol"
    assert capfd.readouterr().err.splitlines() == [
        "error: " + NOT_A_HEAD.format(address=address, reason=reason)
    ]
    assert seconds < 10
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("greeting", "reason"),
    [(b"", "it says nothing within 0.5 s"), (None, "it hangs up")],
    ids=["silent", "hangs-up"],
)
def test_a_listener_that_is_no_head_is_refused_within_the_time_limit(greeting, reason):
    """A proxy with nothing behind it: refused for what it is, not for a token."""
    with _listener(greeting) as address:
        started = time.monotonic()
        with pytest.raises(RekindleError) as refused:
            check_reachable(address, timeout=0.5)
        seconds = time.monotonic() - started
    assert str(refused.value) == NOT_A_HEAD.format(address=address, reason=reason)
    assert seconds < 3


def test_a_head_is_only_connected_to_where_ray_speaks_tls(monkeypatch):
    """Over TLS a head's first words are TLS's, not HTTP/2's: the check leaves them to Ray."""
    monkeypatch.setenv("RAY_USE_TLS", "1")
    with _web_server() as address:
        check_reachable(address, timeout=0.5)


@pytest.mark.timeout(60)
def test_a_head_that_never_answers_rays_first_call_is_left_in_time(monkeypatch):
    """An HTTP/2 server that answers no call (a gRPC server of another kind, a head stuck):
    Ray would wait half a minute, again and again."""
    monkeypatch.setattr(connect, "JOIN_SECONDS", 2.0)
    with _listener(SETTINGS_FRAME) as address:
        started = time.monotonic()
        with pytest.raises(RekindleError) as refused, open_cluster(address):
            pass
        seconds = time.monotonic() - started
    reason = "no answer within 2 s"
    assert str(refused.value) == NOT_A_HEAD.format(address=address, reason=reason)
    assert seconds < 10


def test_a_first_call_that_fails_says_rays_last_words(monkeypatch):
    monkeypatch.setattr(connect, "FIRST_CALL", "import sys; sys.exit('GCS: the head went away')")
    with pytest.raises(RekindleError) as refused:
        check_first_call("127.0.0.1:6379", 10.0)
    reason = "GCS: the head went away"
    assert str(refused.value) == NOT_A_HEAD.format(address="127.0.0.1:6379", reason=reason)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("address", ["auto", ":6379", "head:", "head:65536", "head:port"])
def test_an_address_that_names_no_head_is_refused_alike_here_and_in_the_app(
    address, tmp_path, capfd
):
    """Ray's "auto" (the cluster its address file names, perhaps long gone) and an address
    without a host or a port: the app's check and the command line say the same sentence."""
    sentence = f"“{address}” is no cluster's address: give its head's HOST:PORT, or local[:N]"
    with pytest.raises(RekindleError) as refused:
        survey(address, 0.5)
    assert str(refused.value) == sentence
    with pytest.raises(RekindleError):
        check_address(address)
    assert _restore(address, tmp_path) == 2
    assert capfd.readouterr().err.splitlines() == [f"error: {sentence}"]


@pytest.fixture(scope="module")
def token_head() -> Iterator[str]:
    """A head that answers only with ``TOKEN``."""
    with ray_head(cpus=1, RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=TOKEN) as address:
        yield address


def _without_tokens(home: Path) -> dict[str, str]:
    """This process's environment without Ray's token settings, at home in ``home`` (no
    ~/.ray of the person's)."""
    kept = {name: value for name, value in os.environ.items() if name not in TOKEN_SETTINGS}
    return {**kept, "HOME": str(home)}


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "settings",
    [{}, {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": "0" * 64}],
    ids=["no-token", "another-token"],
)
def test_a_head_that_asks_for_another_token_is_one_sentence_at_once(
    settings, token_head, tmp_path, monkeypatch, capfd
):
    """Ray would try twenty times, logging each, and then blame whatever went wrong."""
    for name in TOKEN_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    for name, value in {"HOME": str(tmp_path), **settings}.items():
        monkeypatch.setenv(name, value)
    started = time.monotonic()
    assert _restore(token_head, tmp_path) == 2
    seconds = time.monotonic() - started
    assert capfd.readouterr().err.splitlines() == [
        f"error: the Ray cluster at {token_head} answers only with its token, and this "
        "computer has another or none: copy the head's ~/.ray/auth_token (where `ray start` "
        f"keeps it) to {tmp_path}/.ray/auth_token here"
    ]
    assert seconds < 15


JOINING = """
import os
import sys

from engine.cluster.connect import open_cluster

with open_cluster(sys.argv[1]) as cluster:
    print(cluster.machines)
print(os.environ.get("RAY_AUTH_MODE"))
"""


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_head_started_as_ray_starts_one_is_joined_with_this_computers_token(token_head, tmp_path):
    """``ray start --head`` turns Ray's token authentication on, with the token it keeps in
    ~/.ray/auth_token: a driver on that computer joins with it, nothing set for it, and
    leaves its settings as they were."""
    (tmp_path / ".ray").mkdir()
    (tmp_path / ".ray" / "auth_token").write_text(TOKEN)
    done = subprocess.run(
        [sys.executable, "-c", JOINING, token_head],
        cwd=ROOT,
        env=_without_tokens(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["1", "None"]


LOCAL_DRIVER = """
import os
import sys

import ray

from engine.cluster.connect import open_cluster

with open_cluster("local:1"):
    print(ray.get(ray.remote(lambda: os.environ["RAY_AUTH_MODE"]).remote()))
print(os.environ.get("RAY_AUTH_MODE"), os.environ.get("RAY_AUTH_TOKEN"))
for address in sys.argv[1:]:
    with open_cluster(address) as cluster:
        print(cluster.machines)
"""


def _drive(env: dict[str, str], *addresses: str) -> subprocess.CompletedProcess[str]:
    """``LOCAL_DRIVER`` run in ``env``: a cluster started here, then those at ``addresses``
    joined, in one process (as the app's worker does)."""
    done = subprocess.run(
        [sys.executable, "-c", LOCAL_DRIVER, *addresses],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.mark.slow
def test_a_cluster_started_here_keeps_its_token_to_itself(tmp_path):
    """Its workers answer only with a token of the run's, which no file keeps, and Ray's
    warning about tokens is not printed; the environment is as it was afterwards."""
    done = _drive(_without_tokens(tmp_path))
    assert done.stdout.splitlines() == ["token", "None None"]
    assert "Token authentication" not in done.stderr
    assert not (tmp_path / ".ray").exists()


@pytest.mark.slow
def test_a_head_asking_for_a_token_is_joined_after_a_cluster_started_here(token_head, tmp_path):
    """The person's own token is Ray's again once the cluster started here has stopped."""
    env = {**_without_tokens(tmp_path), "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": TOKEN}
    done = _drive(env, token_head)
    assert done.stdout.splitlines() == ["token", f"token {TOKEN}", "1"]


def test_a_driver_joining_off_the_main_thread_leaves_out_rays_note_on_sigterm(monkeypatch, caplog):
    """The app joins on threads of its own: Ray's note about it, printed at every check of an
    address, is dropped; Ray's other words are not."""
    monkeypatch.setattr(connect, "ray_module", lambda: SimpleNamespace(shutdown=lambda: None))
    monkeypatch.setattr(connect, "_check_head", lambda ray, address: {})
    monkeypatch.setattr(connect, "_join", lambda ray, address, device: None)
    ray_log = logging.getLogger(connect.RAY_DRIVER_LOG)

    def join() -> None:
        with open_cluster("head.example:6379"):
            ray_log.warning("SIGTERM handler is not set because current thread is not the main")
            ray_log.warning("another note")

    thread = threading.Thread(target=join)
    thread.start()
    thread.join()
    assert [record.getMessage() for record in caplog.records] == ["another note"]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "connection refused"),
        (
            socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            "no computer has that name",
        ),
        (OSError(errno.EHOSTUNREACH, "No route to host"), "no way to that computer"),
        (TimeoutError("timed out"), "no answer"),
    ],
    ids=["refused", "no-such-name", "no-route", "silent"],
)
def test_why_a_head_cannot_be_reached_is_said_in_words_the_app_translates(
    error, reason, monkeypatch
):
    """The system's own words would stay English in a sentence in another language."""

    def connect_fails(address: tuple[str, int], timeout: float) -> socket.socket:
        raise error

    monkeypatch.setattr(socket, "create_connection", connect_fails)
    with pytest.raises(RekindleError) as refused:
        check_reachable("head.example:6379")
    said = refused.value.sentence.fields["reason"]
    assert isinstance(said, Sentence) and said == reason
