"""The progress of photos restored on a cluster, without a cluster: a batch's bar moves by
each photo's pixels as its results come back, from where the photos skipped put it, as a
batch on one machine moves; and a photo restored on its own (the app's way) moves its bar
while its worker restores it, told through a board as a film's frames are."""

from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from engine.batch import Job, ListedOrMarked, restore_batch, save_result
from engine.chain import ModelRequest
from engine.cluster import photos as cluster_photos
from engine.cluster import running, shipping, tasks
from engine.cluster.connect import Cluster
from engine.cluster.shipping import pack_setup
from engine.cluster.tasks import PhotoDone
from engine.imageio import Picture, read_picture
from engine.progress import Progress, ProgressEvent
from engine.restorer import RestoreOptions
from tests.fake_ray import FakeRay
from tests.test_cluster_photo_save_failures import ray  # noqa: F401 (a fixture: ``PhotoRay``)

SIZES = [(16, 24), (300, 400), (16, 24), (40, 60)]  # (height, width): a large scan among small
SKIPPED = 0  # the photo whose result is there already
SKIPPING = {"skip_existing": True, "is_result": ListedOrMarked(lambda _: True)}
"""Skipping what is there: ``Unchanged`` marks no result, as if a batch's journal listed each."""


@pytest.fixture
def album(tmp_path: Path) -> Path:
    folder = tmp_path / "album"
    folder.mkdir()
    for index, size in enumerate(SIZES):
        pixels = np.random.default_rng(index).integers(0, 255, (*size, 3), dtype=np.uint8)
        assert cv2.imwrite(str(folder / f"p{index}.png"), pixels)
    return folder


class Unchanged:
    """A restorer that hands each photo back as it is, reporting nothing on the way."""

    def output_size(self, width: int, height: int, options: RestoreOptions) -> tuple[int, int]:
        return width, height

    def restore(self, picture: Picture, *_: object) -> Picture:
        return picture


def _jobs_with_one_restored(album: Path, out: Path) -> list[Job]:
    """A job for each photo of ``album`` into ``out``, the ``SKIPPED`` one's result there."""
    jobs = [Job(source, out / source.name) for source in sorted(album.iterdir())]
    save_result(read_picture(jobs[SKIPPED].source), jobs[SKIPPED])
    return jobs


def _recorded() -> tuple[list[ProgressEvent], Progress]:
    events: list[ProgressEvent] = []
    return events, Progress(events.append)


@pytest.mark.usefixtures("ray")
def test_a_cluster_batch_moves_its_bar_by_pixels_as_a_batch_here_does(album, tmp_path):
    here, progress_here = _recorded()
    jobs_here = _jobs_with_one_restored(album, tmp_path / "here")
    restore_batch(Unchanged(), jobs_here, progress=progress_here, **SKIPPING)
    there, progress_there = _recorded()
    jobs_there = _jobs_with_one_restored(album, tmp_path / "there")
    report = cluster_photos.restore_photos(
        Cluster("fake", machines=1, workers=1),
        None,
        jobs_there,
        RestoreOptions(),
        progress_there,
        **SKIPPING,
    )

    assert [path.name for path in report.skipped] == [f"p{SKIPPED}.png"]
    assert len(report.results) == len(SIZES) - 1
    # here each photo's start is told (and its saving's), there each one's end: the photos
    # come back in order, so the bar stands where it stood here as the next photo began,
    # and at the end
    here = [event for event in here if event.what in {path.name for path in album.iterdir()}]
    starts = [event.fraction for event in here]
    assert [event.fraction for event in there] == pytest.approx([*starts[1:], 1.0])
    assert starts[1] - starts[0] > 0.9  # the large scan (p1, the first to do) is most of it
    resumed = [event.resumed_fraction for event in there]
    assert resumed == pytest.approx([here[0].resumed_fraction] * len(there))
    assert here[0].resumed_fraction > 0  # the photo skipped, done before this run
    assert {event.unit for event in there} == {event.unit for event in here}


@pytest.mark.usefixtures("ray")
def test_a_cluster_batch_and_a_batch_here_leave_the_same_files(album, tmp_path):
    here = tmp_path / "here"
    restore_batch(Unchanged(), _jobs_with_one_restored(album, here), **SKIPPING)
    there = tmp_path / "there"
    cluster_photos.restore_photos(
        Cluster("fake", machines=1, workers=1),
        None,
        _jobs_with_one_restored(album, there),
        RestoreOptions(),
        Progress(),
        **SKIPPING,
    )

    assert sorted(path.name for path in there.iterdir()) == sorted(
        path.name for path in here.iterdir()
    )


class Told:
    """A board stood in for: what a worker tells it, in turn."""

    class _Tell:
        def __init__(self, told: list[float]) -> None:
            self.told = told

        def remote(self, fraction: float) -> None:
            self.told.append(fraction)

    def __init__(self) -> None:
        self.told: list[float] = []
        self.tell = self._Tell(self.told)


def test_a_worker_tells_the_board_how_far_its_photo_has_got(tmp_path, tiny_model_file):
    photo = tmp_path / "p.png"
    pixels = np.random.default_rng(0).integers(0, 255, (64, 96, 3), dtype=np.uint8)
    assert cv2.imwrite(str(photo), pixels)
    threads = torch.get_num_threads()
    setup = pack_setup(ModelRequest(str(tiny_model_file)), device="cpu", tile=32, threads=threads)
    board = Told()

    done = tasks.restore_photo(
        setup, Job(photo, tmp_path / "out.png"), RestoreOptions(tile=32), board=board
    )

    assert done.failure == ""
    assert len(board.told) > 2  # tile after tile, not only at the end
    assert board.told == sorted(board.told) and 0 < board.told[0] < board.told[-1] <= 1


class _Ref:
    def __init__(self, value: object) -> None:
        self.value = value


class _Method:
    def __init__(self, method) -> None:
        self.method = method

    def remote(self, *args: object) -> _Ref:
        return _Ref(self.method(*args))


class _Actor:
    """A Ray actor stood in for: its methods run here as they are called."""

    def __init__(self, instance: object) -> None:
        self.instance = instance

    def __getattr__(self, name: str) -> _Method:
        return _Method(getattr(self.instance, name))


class _Remote:
    """What ``ray.remote`` makes of a class (an actor) or of the photo's task."""

    def __init__(self, fake: "SlowRay", made: object) -> None:
        self.fake = fake
        self.made = made

    def options(self, **_: object) -> "_Remote":
        return self

    def remote(self, *args: object) -> object:
        if isinstance(self.made, type):
            return _Actor(self.made(*args))
        self.fake.board = next((arg for arg in args if isinstance(arg, _Actor)), None)
        return _Ref(PhotoDone(read_picture(self.fake.photo), "", (), "fake:1"))


class SlowRay(FakeRay):
    """A photo's task that takes four waits: at each wait before the last its worker tells
    the board a quarter more of the photo is restored."""

    def __init__(self, photo: Path) -> None:
        super().__init__()
        self.photo = photo
        self.board: _Actor | None = None
        self.waits = 0

    def remote(self, made: object) -> _Remote:
        return _Remote(self, made)

    def wait(self, refs: list, num_returns: int, timeout: float) -> tuple[list, list]:
        self.waits += 1
        if self.waits < 4:
            assert self.board is not None  # the worker was given a board to tell
            self.board.tell.remote(self.waits / 4)
            return [], refs
        return refs, []

    def value_of(self, ref: _Ref) -> object:
        return ref.value


def test_a_photo_restored_on_a_cluster_moves_its_bar_while_its_worker_restores_it(
    tmp_path, monkeypatch
):
    photo = tmp_path / "p.png"
    assert cv2.imwrite(str(photo), np.zeros((16, 24, 3), np.uint8))
    slow = SlowRay(photo)
    for module in (cluster_photos, running, shipping):
        monkeypatch.setattr(module, "ray_module", lambda: slow)
    events, progress = _recorded()

    restored = cluster_photos.restore_one_photo(
        Cluster("fake", machines=1, workers=1), None, Job(photo, photo), RestoreOptions(), progress
    )

    assert restored.pixels.shape == (16, 24, 3)
    moved = [event.fraction for event in events]
    assert moved[:3] == pytest.approx([0.25, 0.5, 0.75])  # before the photo came back
