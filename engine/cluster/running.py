"""Handing tasks to the cluster a few at a time and gathering them as they finish.

Only ``window`` tasks are out at once (twice the workers: each has the next one waiting), so
the results waiting in the object store stay few, and Ctrl+C has little to cancel. A worker
that dies loses its task, which Ray runs again elsewhere (up to ``RETRIES`` times); a task that
fails on its own (a damaged film) fails the same everywhere and is not run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from engine.cluster.connect import ray_module
from engine.errors import RekindleError
from engine.progress import Progress
from engine.words import say

T = TypeVar("T")
RETRIES = 3  # times Ray runs a task again when its worker is lost
POLL_SECONDS = 0.25  # how often the driver looks at progress and Ctrl+C meanwhile


def as_finished(
    calls: Iterable[tuple[T, Callable[[], Any]]],
    window: int,
    progress: Progress,
    poll: Callable[[], None] = lambda: None,
) -> Iterator[tuple[T, Any]]:
    """Start each ``(tag, submit)``'s task (``submit`` returns its Ray reference), at most
    ``window`` at once, and yield each tag with its reference as the task finishes. Between
    finishes ``poll`` runs; then, and before each task is sent, ``progress`` is checked, which
    raises ``Cancelled`` after Ctrl+C: the tasks still out are then cancelled, as when the
    caller stops early (use it under ``contextlib.closing``)."""
    ray = ray_module()
    waiting = iter(calls)
    out: dict[Any, T] = {}
    try:
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
            for ref in finished:
                yield out.pop(ref), ref
    finally:
        for ref in out:
            ray.cancel(ref)


def result(ref: Any, what: str) -> Any:
    """The value of a finished task; its own ``RekindleError`` as it was raised there, any
    other failure as a ``RekindleError`` naming ``what`` the task was."""
    ray = ray_module()
    try:
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
                "leaving the cluster?); run the same command again to go on",
                what=what,
                times=RETRIES + 1,
                error=type(error).__name__,
            )
        ) from None
