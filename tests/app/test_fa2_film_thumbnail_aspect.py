"""A film of non-square pixels has a queue thumbnail of the shape players show it at (its
stored frame stretched across by its sample aspect ratio, as the viewer shows it), not of its
stored pixels; a film of square pixels, and a photo, keep theirs."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from gui_helpers import wait_until_read, write_photo

from tests.video_helpers import make_clip

SIDE = 48


def _thumbnail_shape(make_window, qtbot, path: Path) -> float:
    """The width over the height of the queue's thumbnail of ``path``."""
    window = make_window()
    (item,) = window.add_paths([path])
    wait_until_read(qtbot, window)
    return item.thumbnail.width() / item.thumbnail.height()


@pytest.mark.parametrize("aspect", [Fraction(2, 1), Fraction(64, 45), Fraction(1, 2)])
def test_a_film_of_non_square_pixels_has_a_thumbnail_of_its_shown_shape(
    make_window, qtbot, tmp_path: Path, aspect: Fraction
):
    film = make_clip(tmp_path / "film.mp4", frames=2, size=(SIDE, SIDE), sample_aspect_ratio=aspect)
    shape = _thumbnail_shape(make_window, qtbot, film)
    assert shape == pytest.approx(float(aspect), rel=0.05)


def test_a_film_of_square_pixels_keeps_its_thumbnail_shape(make_window, qtbot, tmp_path: Path):
    film = make_clip(tmp_path / "film.mp4", frames=2, size=(64, 48))
    assert _thumbnail_shape(make_window, qtbot, film) == pytest.approx(64 / 48, rel=0.05)


def test_a_photo_keeps_its_thumbnail_shape(make_window, qtbot, tmp_path: Path):
    photo = write_photo(tmp_path / "photo.png", 60, 30)
    assert _thumbnail_shape(make_window, qtbot, photo) == pytest.approx(2.0, rel=0.05)
