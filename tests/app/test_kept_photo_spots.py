"""The spots a photo's part preview fills (``app.workers._KeptPhoto.marks``): the rule of
``engine.restorer.spot_marks`` (marks made by hand, even none, take the place of the search),
with the search on the whole photo made once for all the parts previewed."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app import workers
from app.workers import _KeptPhoto
from engine.filestamp import FileStamp
from engine.restorer import RestoreOptions, spot_marks
from engine.retouch.marks import write_marks

FINDING = RestoreOptions(find_spots=True)


def _never(pixels: np.ndarray) -> np.ndarray:
    raise AssertionError("searched for spots")


def _kept(tmp_path: Path) -> _KeptPhoto:
    pixels = np.full((20, 30, 3), 90, np.uint8)
    pixels[5:7, 10:12] = 250
    source = tmp_path / "photo.png"
    source.write_bytes(b"")  # its stamp; the pixels are kept as read
    return _KeptPhoto(source, FileStamp.of(source), pixels)


def test_the_spots_are_searched_for_once_and_only_when_asked(tmp_path, monkeypatch):
    searched = []
    real = workers.find_spots
    monkeypatch.setattr(workers, "find_spots", lambda p: (searched.append(1), real(p))[1])
    photo = _kept(tmp_path)
    assert photo.marks(None, RestoreOptions()) is None
    first = photo.marks(None, FINDING)
    assert first[5:7, 10:12].all() and photo.marks(None, FINDING) is first
    assert searched == [1]


def test_marks_made_by_hand_even_none_take_the_place_of_the_search(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "find_spots", _never)
    photo = _kept(tmp_path)
    hand = np.zeros((20, 30), np.uint8)
    path = write_marks(tmp_path / "marks.png", hand)
    assert not photo.marks(path, FINDING).any()
    hand[1:3, 1:3] = 255
    write_marks(path, hand)  # marked again between previews: read again
    assert photo.marks(path, FINDING)[1:3, 1:3].all()


def test_spot_marks_answers_with_the_search_it_is_given():
    pixels = np.zeros((4, 6, 3), np.uint8)
    found = np.ones((4, 6), np.uint8)
    assert spot_marks(pixels, FINDING, None, lambda _: found) is found
    hand = np.zeros((4, 6), np.uint8)
    assert spot_marks(pixels, FINDING, hand, _never) is hand
    assert spot_marks(pixels, RestoreOptions(), None, _never) is None
