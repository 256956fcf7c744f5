"""What a run of films on a cluster says, without a cluster: each film's own time and speed,
and the tallies and counts in words that fit their numbers."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import engine.cluster.films as films
from engine.batch import SourceNames
from engine.cli.films import _FilmRun
from engine.cluster.board import BoardState
from engine.cluster.films import ClusterReport, WorkerTally, _Driver, _Film, films_done
from engine.progress import silent
from engine.video.restore import VideoOptions


def _not_listed(source: Path, result: Path | None) -> None:
    """A run's journal that keeps nothing: these films are no batch's."""


class Clock:
    """A driver's clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _film(given: int, name: str, frames: int) -> _Film:
    """A film of the run as the driver keeps it, with no file behind it."""
    job = SimpleNamespace(
        source=Path(name),
        target=Path("out") / name,
        info=SimpleNamespace(frames=frames),
        joined=None,
        fading_found=None,
    )
    return _Film(given, job, SimpleNamespace(damaged_frames=()), resumed_from=0)


def _driver(monkeypatch, clock: Clock, *kept: _Film, joining: float = 0.0) -> _Driver:
    """A driver of ``kept`` whose films take ``joining`` seconds to join."""

    def finish_film(job, journal, progress):
        clock.now += joining
        return job.target

    monkeypatch.setattr(films, "finish_film", finish_film)
    return _Driver(list(kept), 6, silent(), films._stop, clock=clock)


def _under_way(*segments: tuple[int, int]) -> BoardState:
    return BoardState(dict.fromkeys(segments, 0), {}, 0)


def test_each_film_is_timed_from_its_first_segment_to_its_joining(monkeypatch):
    """Two films one after the other in one run: the second's speed is its own, not its
    frames over the whole run's time."""
    clock = Clock()
    one, two = _film(0, "one.mkv", 48), _film(1, "two.mkv", 24)
    driver = _driver(monkeypatch, clock, one, two, joining=1.0)
    driver.show(_under_way((0, 0)))  # one's first segment under way, at 100 s
    clock.now = 110.0
    driver.show(_under_way((0, 0), (0, 1), (1, 0)))  # two's first one, at 110 s
    clock.now = 111.0
    driver.finish(one)  # joined at 112 s
    clock.now = 113.0
    driver.finish(two)  # joined at 114 s
    assert (one.report.seconds, two.report.seconds) == (12.0, 4.0)
    assert two.report.frames_per_second == 6.0


def test_a_film_whose_segments_an_earlier_run_made_is_timed_by_its_joining(monkeypatch):
    clock = Clock()
    done = _film(0, "done.mkv", 24)
    done.resumed_from = 24
    driver = _driver(monkeypatch, clock, done, joining=2.0)
    clock.now = 130.0
    driver.finish(done)
    assert done.report.seconds == 2.0


def test_the_workers_tallies_and_counts_say_one_thing_as_one(capsys):
    run = _FilmRun(None, VideoOptions(), True, SourceNames([]), _not_listed)
    workers = {"vm:15379": WorkerTally(1, 12), "vm:15380": WorkerTally(3, 1)}
    run.cluster_run = ClusterReport([], workers, restarted=1)
    assert run.tell() == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        "worker vm:15379: 1 segment, 12 frames",
        "worker vm:15380: 3 segments, 1 frame",
        "1 segment ran again after its worker was lost",
    ]
    run.cluster_run = ClusterReport([], {}, restarted=2)
    run.tell()
    assert "2 segments ran again after their worker was lost" in capsys.readouterr().out
    assert (films_done(1), films_done(2)) == ("1 film done", "2 films done")
