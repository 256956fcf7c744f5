"""A cluster of mixed machines, without a cluster: Ray stood in for by one that runs each
task here as it is sent, on its workers in turn (each its own name and its own restorers), on
a computer without CUDA. A worker that has not the device chosen on the driver restores on
the best one it has, and the driver is told so once for each such worker, in one sentence;
"cpu" stays the CPU on every worker, one with a GPU too."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from itertools import cycle
from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np
import pytest
import torch

from engine.batch import Job, SourceNames
from engine.chain import ModelRequest
from engine.cli.films import _Film, _FilmRun
from engine.cluster import films, running, shipping, tasks
from engine.cluster import photos as cluster_photos
from engine.cluster.board import Board, DeviceWarnings
from engine.cluster.connect import Cluster
from engine.cluster.shipping import WorkerSetup, pack_setup
from engine.cluster.tasks import restore_photo
from engine.progress import silent
from engine.restorer import RestoreOptions, Restorer
from engine.video import VideoOptions
from engine.video.probe import probe
from tests.fake_ray import FakeRay
from tests.test_cluster_films import _not_listed
from tests.test_cluster_photo_progress import _Actor, _Ref
from tests.test_cluster_stops import film  # noqa: F401 (a fixture: a short film, its setup)
from tests.test_gone_device import NO_CUDA, _machine

WORKERS = ("a:1", "b:2")
PHOTOS = 5
SEGMENT_FRAMES = 5  # the film's 20 frames in 4 segments


class MixedRay(FakeRay):
    """Ray running each task here as it is sent, on ``WORKERS`` in turn: each is its own
    process, with its name (``worker_name``) and the restorers it built (``restorers``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__()
        self.monkeypatch = monkeypatch
        self.turns = cycle(WORKERS)
        self.restorers: dict[str, dict[str, tuple[Restorer, str]]] = {w: {} for w in WORKERS}

    def put(self, value: object) -> object:
        return value

    def remote(self, made: object) -> SimpleNamespace:
        if isinstance(made, type):  # an actor: its methods run here as they are called
            send = lambda *args: _Actor(made(*args))  # noqa: E731
        else:
            send = lambda *args: _Ref(self._on_next_worker(made, *args))  # noqa: E731
        return SimpleNamespace(options=lambda **_: SimpleNamespace(remote=send))

    def _on_next_worker(self, task, *args: object) -> object:
        worker = next(self.turns)
        self.monkeypatch.setattr(tasks, "worker_name", lambda: worker)
        self.monkeypatch.setattr(tasks, "_restorers", self.restorers[worker])
        return task(*args)

    def value_of(self, ref: _Ref) -> object:
        return ref.value

    def devices(self) -> dict[str, torch.device]:
        """The device each worker's restorer is on."""
        return {w: next(iter(built.values()))[0].device for w, built in self.restorers.items()}


@pytest.fixture
def ray(monkeypatch: pytest.MonkeyPatch) -> MixedRay:
    fake = MixedRay(monkeypatch)
    for module in (cluster_photos, films, running, shipping):
        monkeypatch.setattr(module, "ray_module", lambda: fake)
    return fake


@contextmanager
def machine(gpus: int) -> Iterator[None]:
    """Every worker's machine as torch sees it: ``gpus`` CUDA GPUs, no MPS."""
    with ExitStack() as stack:
        for patch in _machine(gpus):
            stack.enter_context(patch)
        yield


def warning(worker: str) -> str:
    return f"warning: worker {worker} restores on cpu ({NO_CUDA})"


CLUSTER = Cluster("head:6379", machines=2, workers=len(WORKERS), resources={"num_cpus": 1})


@pytest.fixture
def album(tmp_path: Path) -> list[Job]:
    folder = tmp_path / "album"
    folder.mkdir()
    jobs = []
    for index in range(PHOTOS):
        pixels = np.random.default_rng(index).integers(0, 255, (16, 24, 3), dtype=np.uint8)
        assert cv2.imwrite(str(folder / f"p{index}.png"), pixels)
        jobs.append(Job(folder / f"p{index}.png", tmp_path / "out" / f"p{index}.png"))
    return jobs


def _setup(model: Path, device: str) -> WorkerSetup:
    return pack_setup(ModelRequest(str(model)), device=device, tile=0, threads=1)


def test_a_photos_worker_without_the_gpu_chosen_restores_on_its_cpu_and_says_so(
    tmp_path, tiny_model_file
):
    photo = tmp_path / "p.png"
    assert cv2.imwrite(str(photo), np.zeros((16, 24, 3), np.uint8))
    with machine(gpus=0):
        done = restore_photo(
            _setup(tiny_model_file, "cuda"), Job(photo, tmp_path / "o.png"), RestoreOptions()
        )
    assert done.failure == ""
    assert done.picture is not None and done.picture.pixels.shape == (64, 96, 3)
    assert done.device_warning == warning(done.worker)


def test_a_batch_on_workers_without_the_gpu_chosen_is_restored_and_each_told_once(
    ray, album, tiny_model_file
):
    told: list[str] = []
    with machine(gpus=0):
        report = cluster_photos.restore_photos(
            CLUSTER,
            _setup(tiny_model_file, "cuda"),
            album,
            RestoreOptions(),
            silent(),
            on_notice=told.append,
        )
    assert len(report.results) == PHOTOS and report.failed == []
    assert told == [warning(worker) for worker in WORKERS]
    assert ray.devices() == dict.fromkeys(WORKERS, torch.device("cpu"))


def test_one_photo_on_a_worker_without_the_gpu_chosen_tells_its_device(ray, album, tiny_model_file):
    told: list[str] = []
    with machine(gpus=0):
        picture = cluster_photos.restore_one_photo(
            CLUSTER,
            _setup(tiny_model_file, "cuda"),
            album[0],
            RestoreOptions(),
            silent(),
            on_notice=told.append,
        )
    assert picture.pixels.shape == (64, 96, 3)
    assert told == [warning(WORKERS[0])]


def test_photo_after_photo_tells_each_workers_device_once_to_warnings_kept_by_the_caller(
    ray, album, tiny_model_file
):
    told: list[str] = []
    notices: list[str] = []
    devices = DeviceWarnings(told.append)  # kept across the photos, as the app's is
    setup = _setup(tiny_model_file, "cuda")
    with machine(gpus=0):
        for job in album[:3]:  # on a:1, b:2, then a:1 again
            cluster_photos.restore_one_photo(
                CLUSTER, setup, job, RestoreOptions(), silent(), notices.append, devices
            )
    assert told == [warning(worker) for worker in WORKERS]
    assert notices == []  # the device warnings went to ``devices`` only


def test_cpu_chosen_stays_on_the_cpu_of_workers_with_a_gpu_without_a_word(
    ray, album, tiny_model_file
):
    told: list[str] = []
    with machine(gpus=1):
        report = cluster_photos.restore_photos(
            CLUSTER,
            _setup(tiny_model_file, "cpu"),
            album,
            RestoreOptions(),
            silent(),
            on_notice=told.append,
        )
    assert len(report.results) == PHOTOS
    assert told == []
    assert ray.devices() == dict.fromkeys(WORKERS, torch.device("cpu"))


def _film_on_the_cluster(film, device: str, told: list[str]) -> films.ClusterReport:  # noqa: F811
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT_FRAMES)
    setup = replace(film.setup, device=device)
    given = [(film.clip, film.target)]
    return films.restore_films(
        CLUSTER, setup, film.restorer, given, options, silent(), on_notice=told.append
    )


def test_a_film_on_workers_without_the_gpu_chosen_is_restored_and_each_told_once(ray, film):  # noqa: F811
    told: list[str] = []
    with machine(gpus=0):
        run = _film_on_the_cluster(film, "cuda", told)
    (report,) = run.films
    assert report is not None and report.target.is_file()
    assert sorted(run.workers) == sorted(WORKERS)  # two segments each
    assert sorted(told) == [warning(worker) for worker in WORKERS]
    assert ray.devices() == dict.fromkeys(WORKERS, torch.device("cpu"))


def test_cpu_chosen_keeps_a_film_on_the_cpu_of_workers_with_a_gpu(ray, film):  # noqa: F811
    told: list[str] = []
    with machine(gpus=1):
        run = _film_on_the_cluster(film, "cpu", told)
    assert run.films[0] is not None and told == []
    assert ray.devices() == dict.fromkeys(WORKERS, torch.device("cpu"))


def test_the_board_keeps_each_workers_first_device_warning():
    board = Board()
    board.use_device("a:1", "a:1 on cpu")
    board.use_device("a:1", "a:1 on cpu, later")
    board.use_device("b:2", "b:2 on mps")
    assert board.state().devices == {"a:1": "a:1 on cpu", "b:2": "b:2 on mps"}


def test_the_command_line_tells_each_workers_device_on_stderr(ray, film, capsys):  # noqa: F811
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT_FRAMES)
    run = _FilmRun(film.restorer, options, True, SourceNames([film.clip]), _not_listed)
    given = _Film(film.clip, probe(film.clip), film.target, film.target)
    with machine(gpus=0):
        run._restore_on_cluster([given], silent(), (CLUSTER, replace(film.setup, device="cuda")))
    assert [film for film, _ in run.done] == [given]
    err = capsys.readouterr().err.splitlines()
    assert sorted(line for line in err if "restores on" in line) == [
        warning(worker) for worker in WORKERS
    ]
