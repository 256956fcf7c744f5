"""engine.cluster.running without a cluster: Ray's calls stood in for, so what is sent and
cancelled can be counted."""

import pytest

from engine.cluster import running
from engine.errors import Cancelled
from engine.progress import CancelToken, Progress


class FakeRay:
    """``wait`` finishes the oldest task; ``cancel`` is recorded."""

    def __init__(self) -> None:
        self.cancelled: list[str] = []

    def wait(self, refs, num_returns, timeout):
        return refs[:num_returns], refs[num_returns:]

    def cancel(self, ref) -> None:
        self.cancelled.append(ref)


@pytest.fixture
def ray(monkeypatch):
    fake = FakeRay()
    monkeypatch.setattr(running, "ray_module", lambda: fake)
    return fake


def test_a_run_cancelled_before_it_starts_sends_nothing(ray):
    """A task sent and cancelled at once races Ray's reply to it (a driver crashed on that),
    so none is sent once the run is cancelled."""
    sent = []
    calls = [(n, lambda n=n: sent.append(n) or f"ref{n}") for n in range(3)]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        list(running.as_finished(calls, 2, Progress(token=token)))
    assert sent == [] and ray.cancelled == []


def test_tasks_come_back_as_they_finish_and_those_out_are_cancelled_on_stopping(ray):
    sent = []
    calls = [(n, lambda n=n: sent.append(n) or f"ref{n}") for n in range(5)]
    finished = running.as_finished(calls, 2, Progress())
    assert next(finished) == (0, "ref0")
    assert sent == [0, 1]  # a window of two
    assert next(finished) == (1, "ref1")
    finished.close()
    assert ray.cancelled == ["ref2"] and sent == [0, 1, 2]
