"""Decoding, restoring and encoding at the same time, in bounded memory.

A decoder thread fills a small queue with frames; the calling thread (which owns the model)
takes them in batches and restores them; an encoder thread empties a second small queue into
the sink. The queues are bounded, so however long the film, only a few frames are in memory,
and the slowest stage (the model) sets the pace. An error in any thread stops the others and
comes out of ``run_pipeline`` in the calling thread. A stop reads no further frame; a cancel
tells the sink at once, after the item it holds now, dropping the results still queued for it,
as encoding them can take seconds a frame (x264 at 8K).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from engine.errors import Cancelled

In = TypeVar("In")
Out = TypeVar("Out")
Out_contra = TypeVar("Out_contra", contravariant=True)

POLL_SECONDS = 0.1


class Sink(Protocol[Out_contra]):
    """Where results go, called from the encoder thread only."""

    def add(self, item: Out_contra) -> None: ...

    def finish(self) -> None:
        """Every item was added."""

    def stop(self, error: BaseException) -> None:
        """The job stops early because of ``error``."""


@dataclass
class PipelineStats:
    """Where the time went outside the model, for a film's report."""

    produce_seconds: float = 0.0  # the decoder thread making items (not waiting to hand them on)
    sink_seconds: float = 0.0  # the encoder thread in the sink (not waiting for results)


class _End:
    pass


@dataclass
class _Failed:
    error: BaseException


_EXHAUSTED = object()
"""What ``next`` gives once the items have run out."""


class _Stopped(Exception):
    """Internal: the other side has stopped."""


class Pipeline(Generic[In, Out]):
    def __init__(
        self,
        produce: Callable[[], Iterator[In]],
        transform: Callable[[list[In]], list[Out]],
        sink: Sink[Out],
        batch: int,
        queue_size: int,
    ) -> None:
        self.produce = produce
        self.transform = transform
        self.sink = sink
        self.batch = max(1, batch)
        self.inbox: queue.Queue = queue.Queue(maxsize=max(queue_size, self.batch))
        self.outbox: queue.Queue = queue.Queue(maxsize=max(queue_size, 1))
        self.stopping = threading.Event()
        self.sink_error: BaseException | None = None
        self.stats = PipelineStats()
        self.decoder = threading.Thread(target=self._decode, name="rekindle-decoder", daemon=True)
        self.encoder = threading.Thread(target=self._encode, name="rekindle-encoder", daemon=True)

    # The decoder thread.
    def _decode(self) -> None:
        items: Iterator[In] | None = None
        try:
            items = self.produce()
            while True:
                began = time.perf_counter()
                item = next(items, _EXHAUSTED)
                self.stats.produce_seconds += time.perf_counter() - began
                if item is _EXHAUSTED:
                    break
                self._offer(item)
            self._offer(_End())
        except _Stopped:
            pass
        except BaseException as error:
            with contextlib.suppress(_Stopped):
                self._offer(_Failed(error))
        finally:
            close = getattr(items, "close", None)  # None for no iterator
            if close is not None:
                close()  # closes the input file here, on the thread that opened it

    def _offer(self, item: object) -> None:
        while True:
            if self.stopping.is_set():
                raise _Stopped()
            try:
                self.inbox.put(item, timeout=POLL_SECONDS)
                return
            except queue.Full:
                continue

    # The encoder thread.
    def _encode(self) -> None:
        try:
            while True:
                item = self.outbox.get()
                began = time.perf_counter()
                if isinstance(item, _End):
                    self.sink.finish()
                    self.stats.sink_seconds += time.perf_counter() - began
                    return
                if isinstance(item, _Failed):
                    self.sink.stop(item.error)
                    return
                self.sink.add(item)
                self.stats.sink_seconds += time.perf_counter() - began
        except BaseException as error:
            self.sink_error = error
            with contextlib.suppress(BaseException):  # the first error is the one to report
                self.sink.stop(error)

    def _deliver(self, item: object) -> None:
        while True:
            if not self.encoder.is_alive():
                raise self.sink_error or RuntimeError("the encoder stopped unexpectedly")
            try:
                self.outbox.put(item, timeout=POLL_SECONDS)
                return
            except queue.Full:
                continue

    # The calling thread.
    def _take_batch(self) -> tuple[list[In], bool]:
        """Up to ``batch`` frames, and whether the film has ended."""
        items: list[In] = []
        while len(items) < self.batch:
            if items and self.inbox.empty() and self.batch > 1:
                # Do not starve the model waiting for a full batch when the decoder lags.
                try:
                    item = self.inbox.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    break
            else:
                item = self.inbox.get()
            if isinstance(item, _End):
                return items, True
            if isinstance(item, _Failed):
                raise item.error
            items.append(item)
        return items, False

    def run(self) -> PipelineStats:
        self.decoder.start()
        self.encoder.start()
        try:
            ended = False
            while not ended:
                items, ended = self._take_batch()
                if items:
                    for result in self.transform(items):
                        self._deliver(result)
            self._deliver(_End())
            self.encoder.join()
            if self.sink_error is not None:
                raise self.sink_error
        except BaseException as error:
            self._stop(error)
            raise
        finally:
            self.stopping.set()
            _drain(self.inbox)
            self.decoder.join()
        return self.stats

    def _stop(self, error: BaseException) -> None:
        """Stop the decoder, tell the encoder to stop (it closes or drops its open segment)
        and wait for it; a cancel drops the results not yet sunk."""
        self.stopping.set()
        if isinstance(error, Cancelled):
            _drain(self.outbox)
        if self.encoder.is_alive():
            with contextlib.suppress(BaseException):  # the encoder died: nothing to tell
                self._deliver(_Failed(error))
            self.encoder.join()


def _drain(items: queue.Queue) -> None:
    """Empty ``items`` without waiting."""
    while True:
        try:
            items.get_nowait()
        except queue.Empty:
            return


def run_pipeline(
    produce: Callable[[], Iterator[In]],
    transform: Callable[[list[In]], list[Out]],
    sink: Sink[Out],
    *,
    batch: int = 1,
    queue_size: int = 4,
) -> PipelineStats:
    """Run ``produce`` on a decoder thread, ``transform`` on this thread in batches of up to
    ``batch`` items, and ``sink`` on an encoder thread; returns where the time went."""
    return Pipeline(produce, transform, sink, batch, queue_size).run()
