"""Photos on a cluster whose results cannot be saved, without a cluster: Ray stood in for by
one that runs each task here as it is sent. A disk gone full stops the batch as it stops one
on one machine: the photos not yet sent are never sent, those out are cancelled, what was
saved stays, and the same stop line says why and what to do; a failure of one photo alone
lets the batch go on."""

import errno
from pathlib import Path

import pytest

from engine.batch import BatchReport, Job, stop_line
from engine.cluster import photos as cluster_photos
from engine.cluster import running, shipping
from engine.cluster.connect import Cluster
from engine.cluster.tasks import PhotoDone
from engine.errors import WriteError
from engine.imageio import read_picture
from engine.progress import silent
from engine.restorer import RestoreOptions
from tests.fake_ray import FakeRay
from tests.test_batch_save_failures import PHOTOS, _refusing_after, photos  # noqa: F401 (a fixture)


class Ref:
    """A finished task's reference: its photo, and its value kept with it."""

    def __init__(self, source: Path, value: PhotoDone) -> None:
        self.source = source
        self.value = value


class PhotoRay(FakeRay):
    """``FakeRay`` that runs each task here as it is sent (``sent`` records its photo,
    "restored" as it is read), a task's value kept with its reference."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[Path] = []

    def put(self, value: object) -> object:
        return value

    def remote(self, function: object) -> "FakeTask":
        return FakeTask(self)

    def value_of(self, ref: Ref) -> PhotoDone:
        return ref.value


class FakeTask:
    """``restore_photo`` as a task of ``PhotoRay``."""

    def __init__(self, ray: PhotoRay) -> None:
        self.ray = ray

    def options(self, **resources: object) -> "FakeTask":
        return self

    def remote(self, setup: object, job: Job, options: RestoreOptions) -> Ref:
        self.ray.sent.append(job.source)
        return Ref(job.source, PhotoDone(read_picture(job.source), "", (), "fake:1"))


@pytest.fixture
def ray(monkeypatch: pytest.MonkeyPatch) -> PhotoRay:
    fake = PhotoRay()
    for module in (cluster_photos, running, shipping):
        monkeypatch.setattr(module, "ray_module", lambda: fake)
    return fake


@pytest.fixture
def album(request: pytest.FixtureRequest) -> Path:
    """The folder of ``PHOTOS`` photos the batch on one machine restores (its ``photos``)."""
    return request.getfixturevalue("photos")


def _on_a_cluster(album: Path, out: Path) -> BatchReport:
    """The album's photos restored on a cluster of one worker (two tasks out at once)."""
    jobs = [Job(source, out / source.name) for source in sorted(album.iterdir())]
    cluster = Cluster("fake", machines=1, workers=1)
    return cluster_photos.restore_photos(cluster, None, jobs, RestoreOptions(), silent())


def test_a_disk_gone_full_stops_a_batch_on_a_cluster(album, tmp_path, ray, monkeypatch):
    _refusing_after(monkeypatch, saved=1, code=errno.ENOSPC)

    report = _on_a_cluster(album, tmp_path / "out")

    assert [source.name for source, _ in report.results] == ["p0.png"]
    assert [source.name for source, _ in report.failed] == ["p1.png"]
    assert [source.name for source in ray.sent] == ["p0.png", "p1.png", "p2.png"]  # p3 never
    assert [ref.source.name for ref in ray.cancelled] == ["p2.png"]  # out when it stopped
    refused = WriteError("p1.png: cannot be saved")
    refused.__cause__ = OSError(errno.ENOSPC, "refused")
    assert report.stopped == stop_line(refused) != ""  # the line a batch on one machine ends
    assert report.summary().endswith(report.stopped)
    assert "1 restored, 1 failed, 2 not tried" in report.summary()  # p2 cancelled, p3 never sent
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["p0.png"]


def test_a_failure_of_one_photo_alone_lets_a_batch_on_a_cluster_go_on(
    album, tmp_path, ray, monkeypatch
):
    _refusing_after(monkeypatch, saved=0, code=errno.ENAMETOOLONG)

    report = _on_a_cluster(album, tmp_path / "out")

    assert len(report.failed) == len(ray.sent) == PHOTOS
    assert report.stopped == "" and ray.cancelled == []
