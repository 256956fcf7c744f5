"""engine.cluster.running without a cluster: Ray's calls stood in for, so what is sent and
cancelled can be counted; a head that stops answering is one sentence, and a cancelled run
gathers what its tasks come back with."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pytest

from engine.cluster import running
from engine.errors import Cancelled, RekindleError
from engine.progress import CancelToken, Progress
from tests.fake_ray import FakeRay


class HeadedRay(FakeRay):
    """``FakeRay`` whose head's address is ``gcs_address``."""

    def __init__(self) -> None:
        super().__init__()
        self.gcs_address = ""

    def get_runtime_context(self) -> SimpleNamespace:
        return SimpleNamespace(gcs_address=self.gcs_address)


@pytest.fixture
def ray(monkeypatch):
    fake = HeadedRay()
    monkeypatch.setattr(running, "ray_module", lambda: fake)
    return fake


@contextmanager
def head(ray: HeadedRay, answers: bool) -> Iterator[None]:
    """The cluster's head on loopback, taking connections or not (a port nothing listens
    on: as a head's machine says once its head has stopped)."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        ray.gcs_address = f"127.0.0.1:{server.getsockname()[1]}"
        if not answers:
            server.close()
        yield


def _calls(sent: list[int], count: int) -> list[tuple]:
    return [(n, lambda n=n: sent.append(n) or f"ref{n}") for n in range(count)]


def test_a_run_cancelled_before_it_starts_sends_nothing(ray):
    """A task sent and cancelled at once races Ray's reply to it (a driver crashed on that),
    so none is sent once the run is cancelled."""
    sent = []
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        list(running.as_finished(_calls(sent, 3), "head:6379", 2, Progress(token=token)))
    assert sent == [] and ray.cancelled == []


def test_tasks_come_back_as_they_finish_and_those_out_are_cancelled_on_stopping(ray):
    sent = []
    finished = running.as_finished(_calls(sent, 5), "head:6379", 2, Progress())
    assert next(finished) == (0, "ref0")
    assert sent == [0, 1]  # a window of two
    assert next(finished) == (1, "ref1")
    finished.close()
    assert ray.cancelled == ["ref2"] and sent == [0, 1, 2]


def test_a_cancelled_run_gathers_what_its_tasks_come_back_with(ray):
    """Those out are cancelled, and those that come back with a value (their work so far)
    are handed on before ``Cancelled``; one cancelled before it began has none."""
    token = CancelToken()
    ray.failing["ref1"] = ray.exceptions.RayError("TaskCancelledError")
    finished = running.as_finished(
        _calls([], 3), "head:6379", 3, Progress(token=token), wind_down=5.0
    )
    assert next(finished) == (0, "ref0")
    token.cancel()
    assert next(finished) == (2, "ref2")
    with pytest.raises(Cancelled):
        next(finished)
    assert ray.cancelled == ["ref1", "ref2"]


def test_a_head_that_stops_answering_while_tasks_are_out_is_one_sentence(ray, monkeypatch):
    """Ray waits for a head that has gone, saying nothing (a photo would never come back)."""
    monkeypatch.setattr(running, "HEAD_SECONDS", 0.05)
    ray.stuck = True
    with head(ray, answers=False), pytest.raises(running.ClusterLost) as lost:
        list(running.as_finished(_calls([], 2), "head:6379", 2, Progress()))
    assert str(lost.value) == "the Ray cluster at head:6379 stopped answering"
    assert ray.cancelled == ["ref0", "ref1"]


def test_rays_own_words_for_a_head_gone_are_one_sentence(ray):
    """The progress board's answer fails first, in Ray's words (an actor "unavailable",
    an RPC error and its code)."""

    def poll() -> None:
        raise ray.exceptions.RayError("The actor 2e8e… is unavailable: RpcError … rpc_code: 14")

    with head(ray, answers=False), pytest.raises(running.ClusterLost) as lost:
        list(running.as_finished(_calls([], 2), "head:6379", 2, Progress(), poll))
    assert str(lost.value) == "the Ray cluster at head:6379 stopped answering"


def test_rays_failures_while_the_head_answers_go_on_as_they_are(ray):
    def poll() -> None:
        raise ray.exceptions.RayError("something else")

    with head(ray, answers=True), pytest.raises(ray.exceptions.RayError, match="else"):
        list(running.as_finished(_calls([], 2), "head:6379", 2, Progress(), poll))


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        (False, "the Ray cluster at head:6379 stopped answering"),
        (
            True,
            "photo.png: its worker was lost 4 times (RayError: out of memory, or machines "
            "leaving the cluster?); restoring again goes on where this run stopped",
        ),
    ],
    ids=["head-gone", "worker-lost"],
)
def test_a_task_lost_says_whether_its_worker_or_the_head_went(ray, answers, said):
    ray.failing["ref0"] = ray.exceptions.RayError("lost")
    with head(ray, answers), pytest.raises(RekindleError) as failed:
        running.result("ref0", "photo.png", "head:6379")
    assert str(failed.value) == said
    assert isinstance(failed.value, running.ClusterLost) is not answers
