"""Starting a Ray cluster on this machine, or joining a running one, and what it offers.

``--cluster local[:N]`` starts one with N workers (by default one per GPU, or one), for a
machine with several GPUs; any other address joins the cluster whose head runs there (``ray
start --head``). A worker is a GPU where the cluster has them, else a share of the CPUs: on
this machine its cores divided among the N workers, on a cluster one CPU, as Ray counts them
(``ray start --num-cpus`` sets how many segments a machine takes at once).

Ray waits minutes, printing its own log lines, at an address where no head answers as it
expects; a head is therefore checked first, each step within seconds: that something listens,
that it speaks HTTP/2 as a head's gRPC server does, and that it answers Ray's first call (in a
process of its own, stopped at the time limit, its log lines kept off the console). A head
that asks for Ray's token (``ray start --head`` does, by default) is given this computer's,
where it has one.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
import secrets
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import torch

from engine.errors import RekindleError, plain_reason
from engine.words import Sentence, say

LOCAL = "local"
AUTO = "auto"  # Ray's "the cluster last started here", refused: its address file may be stale
DEFAULT_PORT = 6379  # where ``ray start --head`` listens
MAX_PORT = 65535
CONNECT_SECONDS = 5.0
JOIN_SECONDS = 10.0
"""How long a head that speaks HTTP/2 may take to answer Ray's first call (starting Python
and Ray's library included)."""
AUTH_MODE = "RAY_AUTH_MODE"
TOKEN_VARIABLES = (AUTH_MODE, "RAY_AUTH_TOKEN")  # set for a cluster started here
TOKEN_PATH = "RAY_AUTH_TOKEN_PATH"  # where Ray reads its token, if not ~/.ray/auth_token
SHUTDOWN_FLUSH = ("RAY_task_events_shutdown_flush_timeout_ms", "500")
"""A driver leaving waits this long (Ray's default: 5 s) to send its tasks' records, kept for
Ray's dashboard, which Rekindle does not use: all of it, where the head has stopped."""
HTTP2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
"""What an HTTP/2 client says first: the connection preface, then its (empty) SETTINGS."""
HTTP2_FRAME_HEADER = 9  # bytes: length (3), type (1), flags (1), stream (4)
HTTP2_SETTINGS = 4  # the type of the frame a server sends first
TOKEN_REFUSED = 3  # the exit status of ``FIRST_CALL`` when the head asks for another token
FIRST_CALL = f"""
import sys
from ray._raylet import GcsClient
from ray.exceptions import AuthenticationError
try:
    GcsClient(address=sys.argv[1])
except AuthenticationError:
    sys.exit({TOKEN_REFUSED})
"""
"""Ray's first call to a head (its cluster's id), as a program for a process of its own."""
RAY_DRIVER_LOG = "ray._private.worker"  # where Ray logs as a driver joins


class _OffMainThread(logging.Filter):
    """Ray's note, as a driver joins on a thread other than the main one, that it leaves
    SIGTERM alone: the app joins on threads of its own, and stops them itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("SIGTERM handler is not set")


OFF_MAIN_THREAD = _OffMainThread()
_DRIVER = threading.RLock()
"""Ray makes a process the driver of one cluster at a time: a survey (the app's check of an
address, on a thread of its own) and a restoration must not join at once."""
INSTALL = say(
    "restoring on a cluster needs Ray, an optional part of Rekindle: install it with "
    "pip install 'rekindle[cluster]' (or pip install ray)"
)


@dataclass(frozen=True)
class Cluster:
    """A cluster this process is connected to, and how its work is shared out."""

    address: str
    machines: int
    workers: int  # segments or photos restored at once
    resources: dict[str, float] = field(default_factory=dict)  # what each task asks Ray for
    threads: int = 1  # torch threads of a worker on CPUs
    gpus: int = 0  # the cluster's GPUs the work may use

    @property
    def on_gpus(self) -> bool:
        return self.resources.get("num_gpus", 0) > 0

    def describe(self) -> str:
        machines = f"{self.machines} machine" + ("s" if self.machines != 1 else "")
        if self.on_gpus:
            unit = f"{self.resources['num_gpus']:.2g} GPU"
        else:
            unit = f"{self.threads} CPU thread" + ("s" if self.threads != 1 else "")
        return f"{self.workers} workers on {machines} ({self.address}), each with {unit}"


def ray_installed() -> bool:
    """Whether Ray can be imported, without importing it (which takes seconds)."""
    return importlib.util.find_spec("ray") is not None


def ray_module() -> ModuleType:
    """Ray, or a ``RekindleError`` saying how to install it."""
    try:
        import ray
    except ImportError:
        raise RekindleError(INSTALL) from None
    return ray


def local_workers(address: str) -> int | None:
    """N for ``local:N`` (0 for plain ``local``: the default), None for a cluster's address."""
    name, _, count = address.partition(":")
    if name != LOCAL:
        return None
    if not count:
        return 0
    if not count.isdigit() or int(count) < 1:
        raise RekindleError(
            say(
                "“{address}” is no cluster's address: say local, or local:N for N workers (N >= 1)",
                address=address,
            )
        )
    return int(count)


def check_address(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Refuse an address ``open_cluster`` cannot use: a malformed local[:N], or a head's
    HOST:PORT where nothing answers as a Ray head within ``timeout`` seconds (raises
    ``RekindleError``)."""
    if local_workers(address) is None:
        check_reachable(address, timeout)


def _head_address(address: str) -> tuple[str, int]:
    """The host and port of a head's ``address``, HOST:PORT (HOST alone: Ray's default port).
    Refuses one without a host or a port, and Ray's "auto"."""
    host, colon, port = address.rpartition(":")
    if not colon:
        host, port = address, str(DEFAULT_PORT)
    if not host or host == AUTO or not port.isdigit() or int(port) > MAX_PORT:
        raise RekindleError(
            say(
                "“{address}” is no cluster's address: give its head's HOST:PORT, or local[:N]",
                address=address,
            )
        )
    return host, int(port)


def check_reachable(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Refuse at once an address where no Ray head answers, each step within ``timeout``
    seconds: nothing listens there, or something else does (a web server such as the
    dashboard's, a proxy that says nothing). A head whose cluster speaks TLS (``RAY_USE_TLS``)
    is only connected to: its first words are TLS's."""
    host, port = _head_address(address)
    try:
        connection = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        raise RekindleError(
            say(
                "cannot reach a Ray cluster at {host}:{port} ({reason}); start one there with "
                "`ray start --head`, or give the address local to start one on this computer",
                host=host,
                port=port,
                reason=_unreachable_reason(error),
            )
        ) from None
    with connection:
        if not _tls_on():
            _check_speaks_http2(connection, address)


def _tls_on() -> bool:
    """Whether Ray speaks TLS to its clusters here, as ``RAY_USE_TLS`` says."""
    return os.environ.get("RAY_USE_TLS", "0").lower() in ("1", "true")


def _check_speaks_http2(connection: socket.socket, address: str) -> None:
    """Refuse a head whose first frame, once greeted as an HTTP/2 client greets, is not the
    SETTINGS a Ray head's gRPC server sends (within the connection's timeout)."""
    try:
        connection.sendall(HTTP2_PREFACE)
        with connection.makefile("rb") as answer:
            frame = answer.read(HTTP2_FRAME_HEADER)
    except TimeoutError:
        reason = say("it says nothing within {seconds:g} s", seconds=connection.gettimeout())
    except OSError:  # the connection reset, or closed while the greeting went out
        reason = say("it hangs up")
    else:
        if frame[3:4] == bytes([HTTP2_SETTINGS]) and frame[5:] == bytes(4):
            return
        reason = say("it answers in another protocol") if frame else say("it hangs up")
    raise RekindleError(_not_a_head(address, reason))


def _not_a_head(address: str, reason: str) -> Sentence:
    return say(
        "nothing at {address} answers as a Ray cluster ({reason}); give the port `ray start "
        "--head` listens on (--port, 6379 by default), not the dashboard's",
        address=address,
        reason=reason,
    )


def _unreachable_reason(error: OSError) -> str:
    """Why a connection failed, in lower case words to go in parentheses."""
    if not error.errno:
        return say("no answer")
    reason = plain_reason(error)
    return reason if isinstance(reason, Sentence) else reason.lower()


def check_first_call(address: str, timeout: float) -> None:
    """Refuse a head that does not answer Ray's first call within ``timeout`` seconds, or asks
    for a token this computer does not give. The call runs in a process of its own: Ray's
    client waits half a minute for an answer, again and again, logging each wait."""
    command = [sys.executable, "-c", FIRST_CALL, address]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        reason = say("no answer within {seconds:g} s", seconds=timeout)
    else:
        if done.returncode == 0:
            return
        if done.returncode == TOKEN_REFUSED:
            raise TokenRefused(_token_refused(address))
        reason = (done.stderr.strip().splitlines() or [str(done.returncode)])[-1]
    raise RekindleError(_not_a_head(address, reason))


class TokenRefused(RekindleError):
    """The head answers only with a token this computer does not give."""


def _token_refused(address: str) -> Sentence:
    return say(
        "the Ray cluster at {address} answers only with its token, and this computer has "
        "another or none: copy the head's ~/.ray/auth_token (where `ray start` keeps it) to "
        "{path} here",
        address=address,
        path=_token_path(),
    )


def _token_path() -> str:
    """Where Ray looks for its token on this computer (``RAY_AUTH_TOKEN`` aside)."""
    return os.environ.get(TOKEN_PATH) or str(Path.home() / ".ray" / "auth_token")


def _check_head(ray: ModuleType, address: str) -> dict[str, str | None]:
    """Refuse a head that does not answer as a Ray head at ``address`` (see
    ``check_reachable``, ``check_first_call``). One that asks for a token, where this
    computer has one and leaves Ray's token mode unset, is asked again with it (as ``ray
    start --head`` itself uses ~/.ray/auth_token); returns the settings it replaced."""
    check_reachable(address)
    try:
        check_first_call(address, JOIN_SECONDS)
    except TokenRefused:
        if os.environ.get(AUTH_MODE) is not None or not _has_token(ray):
            raise
    else:
        return {}
    replaced = {AUTH_MODE: os.environ.get(AUTH_MODE)}
    os.environ[AUTH_MODE] = "token"
    _reload_authentication(ray)
    try:
        check_first_call(address, JOIN_SECONDS)
    except BaseException:
        _leave(ray, replaced)
        raise
    return replaced


def _has_token(ray: ModuleType) -> bool:
    """Whether Ray finds a token on this computer, its token mode on or not."""
    return ray._raylet.AuthenticationTokenLoader.instance().has_token(ignore_auth_mode=True)


@contextmanager
def open_cluster(address: str, device: str = "auto") -> Iterator[Cluster]:
    """Join the cluster at ``address`` (or start one here for ``local[:N]``) for the block;
    a local one stops with it. ``device`` "cpu" keeps the work off the GPUs."""
    ray = ray_module()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # Rekindle works offline
    os.environ.setdefault(*SHUTDOWN_FLUSH)
    logging.getLogger(RAY_DRIVER_LOG).addFilter(OFF_MAIN_THREAD)  # once: a filter is kept once
    count = local_workers(address)
    with _DRIVER:  # a survey joins with the token settings as they are outside a local run
        replaced = _check_head(ray, address) if count is None else _own_token(ray)
        try:
            cluster = _join(ray, address, device) if count is None else _start(ray, count, device)
        except BaseException:
            _leave(ray, replaced)
            raise
    try:
        yield cluster
    finally:
        with _DRIVER:
            _leave(ray, replaced)


def _own_token(ray: ModuleType) -> dict[str, str | None]:
    """Turn on Ray's token authentication for a cluster started here, with a token made for
    it, held in the environment where its processes find it; the settings it replaces.
    Without a token anyone on the network could run code on its workers (its head listens on
    every address); Ray's own default writes one to ~/.ray/auth_token, which a later ``ray
    start`` here then asks for, and warns on every start."""
    replaced = {name: os.environ.get(name) for name in TOKEN_VARIABLES}
    os.environ.update(RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=secrets.token_hex(32))
    _reload_authentication(ray)
    return replaced


def _leave(ray: ModuleType, replaced: dict[str, str | None]) -> None:
    """Leave the cluster (stopping it, if started here), then put back the token settings
    ``_own_token`` ``replaced`` (none for a cluster joined)."""
    ray.shutdown()
    if not replaced:
        return
    for name, value in replaced.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _reload_authentication(ray)


def _reload_authentication(ray: ModuleType) -> None:
    """Make Ray read its authentication settings and token from the environment again: it
    keeps what it read first for the whole process (its settings first, as Ray's own reset
    does, so that no thread of its reads a token the settings no longer ask for)."""
    ray._raylet.Config.initialize("")
    ray._raylet.AuthenticationTokenLoader.instance().reset_cache()


def _start(ray: ModuleType, count: int, device: str) -> Cluster:
    """A cluster of ``count`` workers on this machine (see ``local_plan``), started."""
    cluster = local_plan(count, device)
    ray.init(
        address=LOCAL,
        num_cpus=cluster.workers * cluster.threads,
        num_gpus=min(cluster.gpus, cluster.workers),
        include_dashboard=False,
        logging_level=logging.WARNING,
    )
    return cluster


def local_plan(count: int, device: str = "auto") -> Cluster:
    """The cluster ``local:count`` starts on this machine (0: one worker per GPU, or one): its
    cores shared among the workers, and its GPUs (workers share one when there are more)."""
    gpus = torch.cuda.device_count() if device != "cpu" else 0
    workers = count or max(gpus, 1)
    threads = max(1, (os.cpu_count() or 1) // workers)
    resources: dict[str, float] = {"num_cpus": threads}
    if gpus:
        resources["num_gpus"] = 1 / math.ceil(workers / gpus)
    return Cluster(f"{LOCAL}:{workers}", 1, workers, resources, threads, gpus)


def survey(address: str, timeout: float = CONNECT_SECONDS) -> Cluster | None:
    """What the cluster at ``address`` offers: for ``local[:N]`` the one that would start here
    (nothing is started), else the running cluster's, joined and left again; None when it
    answers but this process is joined to a cluster already (a restoration under way, which
    leaving would cut off). Raises ``RekindleError`` where the address is malformed or nothing
    answers as a Ray head within ``timeout`` (``JOIN_SECONDS`` for Ray's first call)."""
    check_address(address, timeout)
    count = local_workers(address)
    if count is not None:
        return local_plan(count)
    with _DRIVER:
        if ray_module().is_initialized():
            return None
        with open_cluster(address) as cluster:
            return cluster


def _join(ray: ModuleType, address: str, device: str) -> Cluster:
    """The running cluster at ``address`` (its head checked: ``_check_head``): a worker per
    GPU where it has them, else per CPU."""
    try:
        ray.init(address=address, logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError) as error:  # Ray's own failures to join
        raise RekindleError(
            say("cannot join the Ray cluster at {address} ({error})", address=address, error=error)
        ) from None
    total = ray.cluster_resources()
    machines = sum(1 for node in ray.nodes() if node.get("Alive"))
    gpus = int(total.get("GPU", 0)) if device != "cpu" else 0
    if gpus:
        return Cluster(address, machines, gpus, {"num_cpus": 1, "num_gpus": 1}, gpus=gpus)
    cpus = int(total.get("CPU", 0))
    if not cpus:
        ray.shutdown()
        raise RekindleError(
            say("the cluster at {address} has no CPU or GPU to work on", address=address)
        )
    return Cluster(address, machines, cpus, {"num_cpus": 1})
