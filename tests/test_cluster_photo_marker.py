"""A batch of photos on a cluster cut short by a full disk, then run again once there is room:
the photos it saved are skipped, not restored again under new names, as on one machine. Each
result is listed in the batch's marker as soon as it is saved, and a line the full disk
refuses leaves the marker as it was, its time too, so a result saved since its last line is
still found by that time."""

import errno
import math
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

import engine.batch
import engine.cli.photos
import engine.unfinished
from engine.cli import main
from engine.cluster.connect import Cluster
from engine.unfinished import BatchMarker
from tests.test_batch_save_failures import _refusing_after, photos  # noqa: F401 (a fixture)
from tests.test_cluster_photo_save_failures import PhotoRay, ray  # noqa: F401 (ray: a fixture)

REFUSED_LATER_NS = 1_000_000_000
"""How far a refused line moves its marker's time on: past any clock's grain."""


class FullDisk:
    """A disk that fills once ``room`` results are saved: every later result is refused
    (``_refusing_after``), and so is every line appended to a marker, whose time moves on
    as Linux moves a file's for a write it refuses. ``make_room`` frees it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, room: int) -> None:
        self.monkeypatch = monkeypatch
        self.room: float = room
        self.saved = 0
        self.roomy_write = engine.batch.write_picture
        _refusing_after(monkeypatch, saved=room, code=errno.ENOSPC)
        refusing_write = engine.batch.write_picture

        def counted_write(picture, target, **options):
            written = refusing_write(picture, target, **options)
            self.saved += 1
            return written

        monkeypatch.setattr(engine.batch, "write_picture", counted_write)
        monkeypatch.setattr(engine.unfinished, "open", self._open, raising=False)

    @property
    def full(self) -> bool:
        return self.saved >= self.room

    def _open(self, path, mode="r", **options):
        if self.full and "a" in mode:
            later = os.stat(path).st_mtime_ns + REFUSED_LATER_NS
            os.utime(path, ns=(later, later))
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return open(path, mode, **options)

    def make_room(self) -> None:
        self.room = math.inf
        self.monkeypatch.setattr(engine.batch, "write_picture", self.roomy_write)


@pytest.fixture
def one_worker(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> PhotoRay:
    """``--cluster`` opens a cluster of one worker, whose tasks run here (``ray``)."""

    @contextmanager
    def workers(args):
        yield Cluster("fake", machines=1, workers=1), None

    monkeypatch.setattr(engine.cli.photos, "cluster_workers", workers)
    return request.getfixturevalue("ray")


def _restore_on_a_cluster(model: Path, folder: Path, out: Path) -> int:
    return main(
        ["restore", str(folder), "-o", str(out), "--model", str(model), "--cluster", "local:1"]
    )


def test_a_cluster_batch_stopped_by_a_full_disk_skips_its_saved_photo_on_the_re_run(
    one_worker, tiny_model_file, tmp_path, monkeypatch, capsys, request
):
    album = request.getfixturevalue("photos")
    out = tmp_path / "out"
    disk = FullDisk(monkeypatch, room=1)  # full as soon as the first result is saved
    assert _restore_on_a_cluster(tiny_model_file, album, out) == 1
    assert "stopped: the disk is full" in capsys.readouterr().out

    disk.make_room()
    one_worker.sent.clear()
    assert _restore_on_a_cluster(tiny_model_file, album, out) == 0

    summary = capsys.readouterr().out
    assert "3 restored, 0 failed, 1 skipped (already restored)" in summary
    assert "renamed" not in summary
    assert [source.name for source in one_worker.sent] == ["p1.png", "p2.png", "p3.png"]
    assert sorted(path.name for path in (out / "src").iterdir()) == [
        "p0.png",
        "p1.png",
        "p2.png",
        "p3.png",
    ]


def test_a_refused_line_leaves_the_marker_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "out"
    source, result = tmp_path / "p0.png", out / "p0.png"
    marker = BatchMarker(out, {"batch": 1})
    marker.start()
    marker.record(source, None)
    before = marker.path.stat()
    result.write_bytes(b"the result, saved with the last room on the disk")
    disk = FullDisk(monkeypatch, room=0)

    marker.record(source, result)

    after = marker.path.stat()
    assert disk.full
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert BatchMarker(out, {"batch": 1}).result_of(source, result) == result
