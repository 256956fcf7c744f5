"""Work on a cluster that stops before its end, without a cluster: Ray stood in for by one
that runs each segment here as it is sent. A head that stops answering is one sentence that
says what is kept (a film's frames, a batch's photos saved); a cancelled run keeps the frames
its segments restored so far, as one machine keeps its open segment, and a segment its
worker stopped unasked costs its film; a worker waits on nothing of Ray's, which would give
its CPU to another segment meanwhile."""

from __future__ import annotations

import signal
import threading
from types import SimpleNamespace

import numpy as np
import pytest

from engine.chain import ModelRequest
from engine.cluster import films, running, shipping, tasks
from engine.cluster import photos as cluster_photos
from engine.cluster.board import BoardState
from engine.cluster.connect import Cluster
from engine.cluster.plan import PlannedSegment
from engine.cluster.running import ClusterLost
from engine.cluster.shipping import pack_setup
from engine.cluster.tasks import restore_segment, worker_name
from engine.errors import Cancelled
from engine.progress import CancelToken, Progress, ProgressEvent, silent
from engine.video import VideoOptions
from engine.video.restore import FRAME, prepare_film
from tests.test_cluster_photo_save_failures import PhotoRay, album, photos  # noqa: F401 (fixtures)
from tests.test_cluster_photo_save_failures import _on_a_cluster as on_a_cluster
from tests.test_cluster_running import HeadedRay, head
from tests.video_helpers import decoded_frames, make_clip, tiny_restorer

FRAMES = 20
SEGMENT_FRAMES = 5


class _Board:
    """The progress board as an actor's handle (``FilmRay.get`` answers for it)."""

    def __init__(self) -> None:
        self.state = SimpleNamespace(remote=lambda: "board")
        self.start = self.advance = SimpleNamespace(remote=lambda *args: None)


class FilmRay(HeadedRay):
    """Ray running the first ``finishing`` segments here as they are sent; those sent later
    stay under way (3 frames each restored, as the board says). Its head stops once no
    segment comes back, where it ``stops``."""

    def __init__(
        self,
        finishing: int,
        stops: bool,
        interrupted: int | None = None,
        encoding: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self.finishing = finishing
        self.stops = stops
        self.interrupted = interrupted  # the segment whose worker is interrupted at frame 2
        self.encoding = encoding  # set as a segment's encoder gets a frame (``_encoding``)
        self.values: dict[str, object] = {}
        self.under_way: list[tuple[int, int]] = []
        self.gone = False

    def put(self, value: object) -> object:
        return value

    def remote(self, thing: object) -> SimpleNamespace:
        if thing is restore_segment:
            return SimpleNamespace(options=lambda **_: SimpleNamespace(remote=self._send))
        return SimpleNamespace(options=lambda **_: SimpleNamespace(remote=_Board))

    def _send(self, setup, job, film, segment, board) -> str:
        ref = f"ref{segment.index}"
        if len(self.values) < self.finishing:
            if segment.index == self.interrupted:
                if self.encoding is not None:
                    self.encoding.clear()  # the segments before it encoded theirs
                board = _Reports(2, encoding=self.encoding)
            self.values[ref] = restore_segment(setup, job, film, segment, board)
        else:
            self.under_way.append((film, segment.index))
        return ref

    def wait(self, refs, num_returns, timeout):
        done = [ref for ref in refs if ref in self.values][:num_returns]
        self.gone = self.gone or (self.stops and not done)
        return done, [ref for ref in refs if ref not in done]

    def get(self, ref):
        if ref == "board":
            if self.gone:
                raise self.exceptions.RayError("The actor … is unavailable: rpc_code: 14")
            return BoardState(dict.fromkeys(self.under_way, 3), {}, 0)
        if ref not in self.values:
            raise self.exceptions.RayError("TaskCancelledError")
        return self.values[ref]


@pytest.fixture
def film(tmp_path) -> SimpleNamespace:
    """A short film, the tiny model's setup for workers, and the film's target."""
    clip = make_clip(tmp_path / "film.mkv", frames=FRAMES, size=(48, 32), audio=None)
    restorer = tiny_restorer(tmp_path)
    model = str(restorer.model.descriptor.path)
    setup = pack_setup(ModelRequest(model), device="cpu", tile=0, threads=1)
    return SimpleNamespace(clip=clip, restorer=restorer, setup=setup, target=tmp_path / "o.mkv")


def _on_a_cluster(
    film, ray: FilmRay, monkeypatch, progress: Progress, on_failure=films._stop
) -> films.ClusterReport:
    for module in (films, running, shipping):
        monkeypatch.setattr(module, "ray_module", lambda: ray)
    cluster = Cluster("head:6379", machines=1, workers=1, resources={"num_cpus": 1})
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT_FRAMES)
    given = [(film.clip, film.target)]
    return films.restore_films(
        cluster, film.setup, film.restorer, given, options, progress, on_failure
    )


def _frames_shown(events: list[ProgressEvent]) -> list[int]:
    return [int(event.done) for event in events if event.unit == FRAME]


def _journal(film) -> list[tuple[int, int]]:
    (folder,) = film.target.parent.glob(".o.mkv.*.rekindle")
    journal = (folder / "journal.json").read_text()
    return [(s.first, s.frames) for s in films.Journal.from_json(journal).segments]


def test_a_head_that_stops_answering_mid_film_is_one_sentence_of_what_is_kept(film, monkeypatch):
    """Ray's own words came first (the progress board "unavailable", an RPC error)."""
    ray = FilmRay(finishing=2, stops=True)
    events: list[ProgressEvent] = []
    with head(ray, answers=False), pytest.raises(ClusterLost) as lost:
        _on_a_cluster(film, ray, monkeypatch, Progress(events.append))
    assert str(lost.value) == (
        "the Ray cluster at head:6379 stopped answering; the 10 of 20 frames restored so far "
        "are kept for the next run"
    )
    assert _journal(film) == [(0, 5), (5, 5)]
    assert _frames_shown(events)[-1] == 10


def test_a_cancelled_film_shows_the_frames_it_keeps(film, monkeypatch):
    """The bar counted the segments under way too; once they are cancelled, it shows what
    the next run goes on from."""
    ray = FilmRay(finishing=2, stops=False)
    token = CancelToken()
    events: list[ProgressEvent] = []

    def listen(event: ProgressEvent) -> None:
        events.append(event)
        if event.unit == FRAME and event.done > 10:  # the segments under way shown
            token.cancel()

    with head(ray, answers=True), pytest.raises(Cancelled):
        _on_a_cluster(film, ray, monkeypatch, Progress(listen, token))
    assert max(_frames_shown(events)) == 16  # two segments, and 3 frames of two under way
    assert _frames_shown(events)[-1] == 10
    assert _journal(film) == [(0, 5), (5, 5)]
    assert set(ray.cancelled) == {"ref2", "ref3"}


def test_a_segment_interrupted_on_its_worker_costs_its_film_and_keeps_its_frames(film, monkeypatch):
    """Its worker stopped it, not this run (Ctrl+C where the worker runs): the film cannot
    be whole, so it fails, saying so, and the next run goes on from the frames kept."""
    ray = FilmRay(finishing=4, stops=False, interrupted=1, encoding=_encoding(monkeypatch))
    failures: list[str] = []
    with head(ray, answers=True):
        run = _on_a_cluster(
            film, ray, monkeypatch, silent(), lambda source, error: failures.append(str(error))
        )
    assert run.films == [None]
    # of the 2 frames restored when it was stopped, those encoded (one still queued for the
    # encoder is dropped, to stop at once)
    ((_, first), (_, kept)) = _journal(film)
    assert first == 5 and 1 <= kept <= 2
    assert failures == [
        f"segment 1 of film.mkv was stopped on worker {worker_name()} after {kept} of its 5 "
        "frames, which are kept for the next run"
    ]


class _Reports:
    """A stand-in for the ``Board`` actor: records what a worker reports, and cancels the
    task (as ``ray.cancel`` interrupts a worker) once ``cancel_after`` frames are in."""

    def __init__(
        self, cancel_after: int | None = None, encoding: threading.Event | None = None
    ) -> None:
        self.calls: list[tuple[str, tuple]] = []
        self.frames = 0
        self.cancel_after = cancel_after
        self.encoding = encoding  # set once the segment's encoder has a frame: then it cancels
        self.start = SimpleNamespace(remote=lambda *args: self.calls.append(("start", args)))
        self.advance = SimpleNamespace(remote=self._advance)

    def _advance(self, *args) -> None:
        self.calls.append(("advance", args))
        self.frames += args[3]
        if self.frames == self.cancel_after:
            if self.encoding is not None:
                self.encoding.wait(30)  # on a busy machine the encoder's thread lags behind
            signal.raise_signal(signal.SIGINT)


def _encoding(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """An event set each time a worker's segment gets a frame to encode."""
    got = threading.Event()
    real = tasks._KeptWhenCancelled.add

    def add(sink: tasks._KeptWhenCancelled, frame: object) -> None:
        real(sink, frame)
        got.set()

    monkeypatch.setattr(tasks._KeptWhenCancelled, "add", add)
    return got


def _segment(job, first: int, frames: int) -> PlannedSegment:
    times = job.info.times
    return PlannedSegment(7, first, frames, (times[first - 1], times[first - 1]), None)


@pytest.fixture
def job(film):
    options = VideoOptions(codec="ffv1")
    return prepare_film(film.restorer, film.clip, film.target, options, silent())


def test_a_cancelled_segment_comes_back_with_its_frames_so_far(film, job, tmp_path):
    interruption = signal.getsignal(signal.SIGINT)
    whole = restore_segment(film.setup, job, 0, _segment(job, 5, 8), _Reports())
    copy = tmp_path / "whole.mkv"
    copy.write_bytes(whole.data)
    cancelled = restore_segment(film.setup, job, 0, _segment(job, 5, 8), _Reports(3))
    kept = cancelled.encoded.frames  # of the 3 restored, those encoded (not those queued)
    assert cancelled.encoded.first == 5 and 1 <= kept <= 3
    part = tmp_path / "part.mkv"
    part.write_bytes(cancelled.data)
    for ours, theirs in zip(decoded_frames(part), decoded_frames(copy)[:kept], strict=True):
        np.testing.assert_array_equal(ours[1], theirs[1])
    assert signal.getsignal(signal.SIGINT) is interruption  # as it was


def test_a_segment_cancelled_before_its_first_frame_has_nothing_to_keep(film, job):
    reports = _Reports()
    reports.start = SimpleNamespace(remote=lambda *args: signal.raise_signal(signal.SIGINT))
    with pytest.raises(Cancelled):
        restore_segment(film.setup, job, 0, _segment(job, 5, 8), reports)


def test_a_worker_waits_on_nothing_of_rays(film, job, monkeypatch):
    """A task waiting in ``ray.get`` gives its CPU back to Ray, which starts another segment
    on it meanwhile: two segments at once on a CPU that takes one."""
    import ray

    waited: list[object] = []
    monkeypatch.setattr(ray, "get", lambda *args, **kwargs: waited.append(args))
    monkeypatch.setattr(ray, "wait", lambda *args, **kwargs: waited.append(args))
    reports = _Reports()
    done = restore_segment(film.setup, job, 0, _segment(job, 5, 4), reports)
    assert done.encoded.frames == 4
    assert reports.calls[0] == ("start", (0, 7, done.worker))
    assert waited == []


class _PhotosLost(PhotoRay):
    """Ray whose head stops once the first photo is back: the others never come back."""

    gcs_address = ""

    def get(self, ref):
        if ref.source.name != "p0.png":
            raise self.exceptions.RayError("The object's owner … rpc_code: 14")
        return super().get(ref)

    def get_runtime_context(self) -> SimpleNamespace:
        return SimpleNamespace(gcs_address=self.gcs_address)


def test_a_batch_of_photos_ends_once_the_head_stops_answering(
    album,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    """Not each photo after the first told lost, one after another: the batch ends with
    one sentence, the photo saved kept."""
    ray = _PhotosLost()
    for module in (cluster_photos, running, shipping):
        monkeypatch.setattr(module, "ray_module", lambda: ray)
    with head(ray, answers=False), pytest.raises(ClusterLost, match="fake stopped answering"):
        on_a_cluster(album, tmp_path / "out")
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["p0.png"]
