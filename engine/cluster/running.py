"""Handing tasks to the cluster a few at a time and gathering them as they finish.

Only ``window`` tasks are out at once (twice the workers: each has the next one waiting), so
the results waiting in the object store stay few, and Ctrl+C has little to cancel. A worker
that dies loses its task, which Ray runs again elsewhere (up to ``RETRIES`` times); a task that
fails on its own (a damaged film) fails the same everywhere and is not run again. A head that
stops answering ends the work with one sentence (``ClusterLost``): Ray itself would wait for
it, or say so in its own words.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from engine.cluster.connect import ray_module
from engine.errors import Cancelled, RekindleError
from engine.progress import Progress
from engine.words import say

T = TypeVar("T")
RETRIES = 3  # times Ray runs a task again when its worker is lost
POLL_SECONDS = 0.25  # how often the driver looks at progress and Ctrl+C meanwhile
HEAD_SECONDS = 2.0  # how often the driver makes sure the head answers while none finishes


class ClusterLost(RekindleError):
    """The cluster's head stopped answering: no more work can be handed out or gathered."""


def head_answers() -> bool:
    """Whether the head of the cluster this process is joined to still takes connections
    (Ray waits for a head gone, and says nothing, until its own long time limits)."""
    host, _, port = ray_module().get_runtime_context().gcs_address.rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=HEAD_SECONDS).close()
    except OSError:
        return False
    return True


def cluster_lost(address: str) -> ClusterLost:
    return ClusterLost(say("the Ray cluster at {address} stopped answering", address=address))


@contextmanager
def answering(address: str) -> Iterator[None]:
    """Ray's failures in the block, where the head at ``address`` no longer answers, as
    ``ClusterLost``; any other goes on as it is."""
    ray = ray_module()
    try:
        yield
    except ray.exceptions.RayError as error:
        if isinstance(error, ray.exceptions.RayTaskError) or head_answers():
            raise  # a task's own failure, or Ray's while the head answers
        raise cluster_lost(address) from None


def as_finished(
    calls: Iterable[tuple[T, Callable[[], Any]]],
    address: str,
    window: int,
    progress: Progress,
    poll: Callable[[], None] = lambda: None,
    wind_down: float = 0.0,
) -> Iterator[tuple[T, Any]]:
    """Start each ``(tag, submit)``'s task (``submit`` returns its Ray reference) on the
    cluster at ``address``, at most ``window`` at once, and yield each tag with its reference
    as the task finishes. Between finishes ``poll`` runs; then, and before each task is sent,
    ``progress`` is checked, which raises ``Cancelled`` after Ctrl+C: the tasks still out are
    then cancelled, as when the caller stops early (use it under ``contextlib.closing``).
    Cancelled, the tasks that come back within ``wind_down`` seconds with a result (finished
    meanwhile, or stopped early with their work so far) are yielded before ``Cancelled`` is
    raised again. Raises ``ClusterLost`` once the head no longer answers."""
    ray = ray_module()
    waiting = iter(calls)
    out: dict[Any, T] = {}
    heard = time.monotonic()  # when the head was last known to answer (a task came back)
    try:
        with answering(address):
            while True:
                while len(out) < max(window, 1) and (call := next(waiting, None)) is not None:
                    progress.check()  # a task cancelled as soon as it is sent races Ray's reply
                    tag, submit = call
                    out[submit()] = tag
                if not out:
                    return
                finished, _ = ray.wait(list(out), num_returns=1, timeout=POLL_SECONDS)
                progress.check()
                poll()
                if finished or time.monotonic() - heard >= HEAD_SECONDS:
                    if not (finished or head_answers()):
                        raise cluster_lost(address)
                    heard = time.monotonic()
                for ref in finished:
                    yield out.pop(ref), ref
    except Cancelled:
        stopped, out = out, {}
        yield from _wound_down(stopped, wind_down)
        raise
    finally:
        for ref in out:
            ray.cancel(ref)


def _wound_down(out: dict[Any, T], seconds: float) -> Iterator[tuple[T, Any]]:
    """Cancel the tasks ``out`` and yield, in ``out``'s order, those that come back with a
    result within ``seconds``: one cancelled before it began, or that failed, has none."""
    ray = ray_module()
    for ref in out:
        ray.cancel(ref)
    if not out or seconds <= 0:
        return
    back, _ = ray.wait(list(out), num_returns=len(out), timeout=seconds)
    for ref in (ref for ref in out if ref in back):
        try:
            ray.get(ref)
        except ray.exceptions.RayError:
            continue
        yield out[ref], ref


def result(ref: Any, what: str, address: str) -> Any:
    """The value of a finished task of the cluster at ``address``; its own ``RekindleError``
    as it was raised there, ``ClusterLost`` where the head no longer answers, any other
    failure as a ``RekindleError`` naming ``what`` the task was."""
    ray = ray_module()
    try:
        with answering(address):
            return ray.get(ref)
    except ray.exceptions.RayTaskError as error:
        cause = error.cause
        if isinstance(cause, RekindleError):
            raise cause from None
        raise RekindleError(
            say("{what} failed on a worker ({cause})", what=what, cause=repr(cause))
        ) from None
    except ray.exceptions.RayError as error:
        raise RekindleError(
            say(
                "{what}: its worker was lost {times} times ({error}: out of memory, or machines "
                "leaving the cluster?); restoring again goes on where this run stopped",
                what=what,
                times=RETRIES + 1,
                error=type(error).__name__,
            )
        ) from None
