"""A film's frame previewed (``engine.video.frame_preview``), by the command line's
``preview`` and the app's Preview alike: what it measures of the whole film is kept for the
next frame, the black-and-white verdict for the marks it was judged with; marks that do not
fit the film are refused; a frame already read is taken as it is when nothing changes it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from engine.errors import RekindleError
from engine.progress import silent
from engine.restorer import RestoreOptions
from engine.video import FilmCleanup, frame_preview
from engine.video.frame_preview import FramePreviewer
from engine.video.still import FrameReader
from tests.video_helpers import NearestRestorer, make_clip, tiny_restorer


@pytest.fixture
def film(tmp_path: Path) -> Path:
    return make_clip(tmp_path / "clip.mp4", frames=6, audio=None)  # 64x48


@pytest.fixture
def nearest(tmp_path: Path) -> NearestRestorer:
    return NearestRestorer(tiny_restorer(tmp_path).model, torch.device("cpu"))


def _counting(monkeypatch, name: str) -> list[tuple]:
    """Calls of ``frame_preview``'s ``name``, each passed on to the real one."""
    calls: list[tuple] = []
    real = getattr(frame_preview, name)

    def counted(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(frame_preview, name, counted)
    return calls


def test_the_film_is_measured_once_and_judged_again_only_for_other_marks(
    film, nearest, monkeypatch
):
    measured = _counting(monkeypatch, "measure_film_fading")
    judged = _counting(monkeypatch, "film_is_black_and_white")
    previewer = FramePreviewer(film)
    options = RestoreOptions(fix_fading=True)
    some, other = np.zeros((48, 64), np.uint8), np.zeros((48, 64), np.uint8)
    some[10:12, 20:22], other[30:32, 40:42] = 255, 255
    for index, marks in [(1, None), (3, None), (2, some), (4, some.copy()), (4, other)]:
        previewer.preview(nearest, index, options, silent(), marks=marks)
    assert len(measured) == 1
    assert [args[1] is None for args in judged] == [True, False, False]
    assert np.array_equal(judged[1][1], some) and np.array_equal(judged[2][1], other)


def test_marks_of_another_size_are_refused_in_the_films_words(film, nearest):
    previewer = FramePreviewer(film)
    with pytest.raises(RekindleError) as refused:
        previewer.preview(nearest, 1, RestoreOptions(), silent(), marks=np.zeros((10, 10)))
    said = "the marks are 10x10, but the frames of clip.mp4 are 64x48"
    assert said in refused.value.sentence


def test_a_frame_read_already_is_taken_unless_a_cleanup_or_marks_change_it(film, nearest):
    previewer = FramePreviewer(film)
    read = FrameReader(film).read(2)
    shown = np.full_like(read, 128)  # told apart from the frame the film holds
    options = RestoreOptions(scale_out=2)
    taken = previewer.preview(nearest, 2, options, silent(), FilmCleanup(), shown=shown)
    assert np.array_equal(taken, nearest.enlarge(shown, 2))
    cleaned = FilmCleanup(remove_dust=True)
    again = previewer.preview(nearest, 2, options, silent(), cleaned, shown=shown)
    assert np.array_equal(again, nearest.enlarge(FrameReader(film).read(2, cleaned), 2))
    unmarked = np.zeros(read.shape[:2], np.uint8)
    marked = previewer.preview(nearest, 2, options, silent(), marks=unmarked, shown=shown)
    assert np.array_equal(marked, nearest.enlarge(read, 2))
