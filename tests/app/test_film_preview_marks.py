"""Marks that do not fit a film: the app's preview of a frame refuses them as the command
line's ``preview`` does, with the same sentence (both preview through
``engine.video.frame_preview``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.workers import PreviewJob, RestoreWorker
from engine.chain import ModelRequest
from engine.cli import main
from engine.progress import CancelToken
from engine.restorer import RestoreOptions
from engine.retouch.marks import write_marks
from engine.video.still import FrameReader
from tests.video_helpers import make_clip

FRAME = 2


def _apps_preview(film: Path, marks: Path, model: Path) -> tuple[list[str], list[object]]:
    """What the app's worker says of a preview of ``FRAME`` with ``marks``: its failures and
    the previews it made."""
    worker = RestoreWorker()
    failed: list[str] = []
    made: list[object] = []
    worker.preview_failed.connect(lambda _item, _index, why: failed.append(why))
    worker.preview_ready.connect(made.append)
    pixels = FrameReader(film).read(FRAME)
    options = RestoreOptions()
    request = ModelRequest(str(model))
    job = PreviewJob(1, film, request, "cpu", options, CancelToken(), FRAME, pixels, marks=marks)
    worker.preview(job)
    return failed, made


def test_marks_of_another_size_are_refused_by_the_apps_preview_as_by_the_commands(
    tmp_path: Path, tiny_model_file: Path, capsys
):
    film = make_clip(tmp_path / "clip.mp4", frames=4, audio=None)  # 64x48
    marks = write_marks(tmp_path / "marks.png", np.zeros((10, 10), np.uint8))
    said = "the marks are 10x10, but the frames of clip.mp4 are 64x48"
    command = ["preview", str(film), "--frame", str(FRAME + 1), "--marks", str(marks)]
    out = ["--model", str(tiny_model_file), "-o", str(tmp_path / "frame.png")]
    assert main([*command, *out]) == 2
    assert said in capsys.readouterr().err

    failed, made = _apps_preview(film, marks, tiny_model_file)
    assert made == [] and len(failed) == 1
    assert said in failed[0]


def test_marks_that_fit_the_film_are_filled_in_the_apps_preview(
    tmp_path: Path, tiny_model_file: Path
):
    film = make_clip(tmp_path / "clip.mp4", frames=4, audio=None)
    marks = write_marks(tmp_path / "marks.png", np.zeros((48, 64), np.uint8))
    failed, made = _apps_preview(film, marks, tiny_model_file)
    assert failed == [] and len(made) == 1
