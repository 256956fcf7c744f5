"""Where a cluster's workers report the frames they restore, or how far a photo has got, so
that the driver's progress bar moves with them (run as Ray actors; plain classes, so they are
tested without Ray); and the device each worker restores on where it has not the one chosen,
told once per worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

SHOWN_WORKERS = 4  # workers named on the bar; more are counted


@dataclass(frozen=True)
class BoardState:
    frames: dict[tuple[int, int], int]  # (film, segment) -> frames of it restored so far
    workers: dict[str, int]  # worker -> frames it restored (a lost segment's too)
    restarted: int  # segments begun again after their worker was lost
    devices: dict[str, str] = field(default_factory=dict)  # worker -> its device warning


class Board:
    """The latest attempt at each segment and its frames: when a worker is lost and Ray runs
    its segment again elsewhere, the segment's count starts again from 0."""

    def __init__(self) -> None:
        self._running: dict[tuple[int, int], str] = {}
        self._frames: dict[tuple[int, int], int] = {}
        self._workers: dict[str, int] = {}
        self._restarted = 0
        self._devices: dict[str, str] = {}

    def start(self, film: int, segment: int, worker: str) -> None:
        key = (film, segment)
        self._restarted += key in self._running
        self._running[key] = worker
        self._frames[key] = 0
        self._workers.setdefault(worker, 0)

    def advance(self, film: int, segment: int, worker: str, frames: int) -> None:
        key = (film, segment)
        if self._running.get(key) == worker:
            self._frames[key] += frames
        self._workers[worker] = self._workers.get(worker, 0) + frames

    def use_device(self, worker: str, warning: str) -> None:
        """``worker`` restores on another device than the one chosen, as ``warning`` says."""
        self._devices.setdefault(worker, warning)

    def state(self) -> BoardState:
        return BoardState(
            dict(self._frames), dict(self._workers), self._restarted, dict(self._devices)
        )


class PhotoBoard:
    """How far the worker restoring a photo has got, as a share of the photo (0 to 1): the
    latest told, so a photo run again elsewhere, its worker lost, starts again from 0."""

    def __init__(self) -> None:
        self._fraction = 0.0

    def tell(self, fraction: float) -> None:
        self._fraction = fraction

    def fraction(self) -> float:
        return self._fraction


def workers_note(counts: dict[str, int]) -> str:
    """Each worker's count, the busiest first: "host:412 30, host:415 28, 2 more"."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = [f"{worker} {count}" for worker, count in ranked[:SHOWN_WORKERS]]
    if len(ranked) > SHOWN_WORKERS:
        shown.append(f"{len(ranked) - SHOWN_WORKERS} more")
    return ", ".join(shown)


class DeviceWarnings:
    """The warnings of workers that restore on another device than the one chosen (a GPU
    chosen on the driver, a worker without one), each worker's told once: every task of a
    worker sends its warning back."""

    def __init__(self, tell: Callable[[str], None] | None) -> None:
        self._tell = tell or (lambda _: None)
        self._told: set[str] = set()

    def heard(self, worker: str, warning: str) -> None:
        """Tell ``worker``'s ``warning`` ("" where it has the device chosen) unless it was."""
        if warning and worker not in self._told:
            self._told.add(worker)
            self._tell(warning)
