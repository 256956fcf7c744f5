"""Starting a Ray cluster on this machine, or joining a running one, and what it offers.

``--cluster local[:N]`` starts one with N workers (by default one per GPU, or one), for a
machine with several GPUs; any other address joins the cluster whose head runs there (``ray
start --head``). A worker is a GPU where the cluster has them, else a share of the CPUs: on
this machine its cores divided among the N workers, on a cluster one CPU, as Ray counts them
(``ray start --num-cpus`` sets how many segments a machine takes at once).
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType

import torch

from engine.errors import RekindleError, plain_reason
from engine.words import Sentence, say

LOCAL = "local"
DEFAULT_PORT = 6379  # where ``ray start --head`` listens
MAX_PORT = 65535
CONNECT_SECONDS = 5.0
AUTH_MODE = "RAY_AUTH_MODE=token"
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
                "--cluster {address}: say local, or local:N for N workers (N >= 1)",
                address=address,
            )
        )
    return int(count)


def check_address(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Refuse an address ``open_cluster`` cannot use: a malformed local[:N], or a head's
    HOST:PORT where nothing answers within ``timeout`` seconds (raises ``RekindleError``)."""
    if local_workers(address) is None:
        check_reachable(address, timeout)


def check_reachable(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Refuse at once an address where no cluster answers (Ray itself would wait minutes)."""
    host, _, port = address.rpartition(":")
    if not host:
        host, port = address, str(DEFAULT_PORT)
    if not port.isdigit() or int(port) > MAX_PORT:
        raise RekindleError(
            say("--cluster {address}: give the head's HOST:PORT, or local[:N]", address=address)
        )
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as error:
        raise RekindleError(
            say(
                "cannot reach a Ray cluster at {host}:{port} ({reason}); start one there with "
                "`ray start --head`, or use --cluster local",
                host=host,
                port=port,
                reason=_unreachable_reason(error),
            )
        ) from None


def _unreachable_reason(error: OSError) -> str:
    """Why a connection failed, in lower case words to go in parentheses."""
    if not error.errno:
        return say("no answer")
    reason = plain_reason(error)
    return reason if isinstance(reason, Sentence) else reason.lower()


@contextmanager
def open_cluster(address: str, device: str = "auto") -> Iterator[Cluster]:
    """Join the cluster at ``address`` (or start one here for ``local[:N]``) for the block;
    a local one stops with it. ``device`` "cpu" keeps the work off the GPUs."""
    ray = ray_module()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # Rekindle works offline
    count = local_workers(address)
    with _DRIVER:
        cluster = _join(ray, address, device) if count is None else _start(ray, count, device)
    try:
        yield cluster
    finally:
        ray.shutdown()


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
    answers within ``timeout``."""
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
    """The running cluster at ``address``: a worker per GPU where it has them, else per CPU."""
    if address != "auto":  # "auto": the cluster started on this machine, wherever it listens
        check_reachable(address)
    try:
        ray.init(address=address, logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError) as error:  # Ray's own failures to join
        raise RekindleError(
            say(
                "cannot join the Ray cluster at {address} ({error}); one that asks for a token "
                "(`ray start` uses ~/.ray/auth_token when there is one) needs {setting} here too",
                address=address,
                error=error,
                setting=AUTH_MODE,
            )
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
