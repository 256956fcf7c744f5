"""A film is read through (probed: every packet demuxed, minutes for a master of tens of
gigabytes) once a run, however many parts of the run ask what it holds, and not at all by a
run that continues it: what the first probe found is kept in the film's work folder, and used
while the file is as it was (its size and time)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from engine.chain import ModelRequest
from engine.cli import main
from engine.errors import Cancelled
from engine.progress import CancelToken, Progress
from engine.restorer import RestoreOptions, Restorer
from engine.video import probe
from engine.video.segments import recorded_probe
from tests.video_helpers import make_clip, tiny_restorer

probe_module = importlib.import_module("engine.video.probe")  # the package names the function

FRAMES = 12
SEGMENT = 4


@pytest.fixture
def film(tmp_path):
    (tmp_path / "in").mkdir()
    return make_clip(tmp_path / "in" / "film.mp4", frames=FRAMES, size=(48, 32))


@pytest.fixture
def passes(monkeypatch) -> list[Path]:
    """The films read through from now on, one entry a pass."""
    read: list[Path] = []
    demux = probe_module._read_packets

    def counted(container, stream):
        read.append(Path(container.name))
        return demux(container, stream)

    monkeypatch.setattr(probe_module, "_read_packets", counted)
    return read


def _command(film: Path, out: Path, model: Path) -> list[str]:
    return [
        "restore-video",
        str(film),
        "-o",
        str(out),
        "--model",
        str(model),
        "--segment-frames",
        str(SEGMENT),
    ]


def _stopped_after_a_segment(monkeypatch, command: list[str]) -> None:
    """Run ``command``, stopped (as Ctrl+C stops it) once the first segment is restored."""
    enlarge = Restorer.enlarge
    frames = []

    def stopping(self, pixels, *args, **kwargs):
        frames.append(1)
        if len(frames) > SEGMENT:
            raise Cancelled()
        return enlarge(self, pixels, *args, **kwargs)

    with monkeypatch.context() as stopped:
        stopped.setattr(Restorer, "enlarge", stopping)
        assert main(command) != 0


def test_a_film_is_read_through_once_a_run(tmp_path, film, tiny_model_file, passes):
    assert main(_command(film, tmp_path / "out" / "film.mp4", tiny_model_file)) == 0
    assert passes == [film]


def test_a_run_that_continues_a_film_reads_it_through_not_at_all(
    tmp_path, film, tiny_model_file, monkeypatch, passes
):
    command = _command(film, tmp_path / "out" / "film.mp4", tiny_model_file)
    _stopped_after_a_segment(monkeypatch, command)
    assert passes == [film]
    assert main(command) == 0
    assert passes == [film]  # none more
    assert probe(tmp_path / "out" / "film.mp4").frames == FRAMES


def test_a_film_changed_since_is_read_through_again(
    tmp_path, film, tiny_model_file, monkeypatch, passes
):
    command = _command(film, tmp_path / "out" / "film.mp4", tiny_model_file)
    _stopped_after_a_segment(monkeypatch, command)
    later = film.stat().st_mtime_ns + 10**9
    os.utime(film, ns=(later, later))
    assert main(command) == 0
    assert passes == [film, film]


def test_the_probe_kept_is_what_probing_finds(tmp_path, film, tiny_model_file, monkeypatch):
    out = tmp_path / "out"
    _stopped_after_a_segment(monkeypatch, _command(film, out / "film.mp4", tiny_model_file))
    kept, found = recorded_probe(out, film), probe(film)
    assert kept == found
    assert kept.times == found.times  # which equality leaves out, as it does the sizes
    assert [stream.size for stream in kept.copied] == [stream.size for stream in found.copied]
    spelt_otherwise = tmp_path / "in" / ".." / "in" / "film.mp4"
    assert recorded_probe(out, spelt_otherwise).path == spelt_otherwise
    assert recorded_probe(tmp_path, film) is None  # no work there


def test_the_apps_film_run_reads_the_film_through_once(tmp_path, film, passes, qapp):
    from app.workers import FilmJob, RestoreWorker

    job = FilmJob(
        1,
        film,
        ModelRequest("tiny"),
        "cpu",
        RestoreOptions(),
        CancelToken(),
        folder=tmp_path / "out",
        stem="film",
        codec="h264",
    )
    restorer = tiny_restorer(tmp_path)
    result = RestoreWorker()._restore_film(job, restorer, Progress(token=job.token))
    assert passes == [film]
    assert probe(result.target).frames == FRAMES
