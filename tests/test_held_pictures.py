"""A picture held on screen (a title card, an intertitle, a freeze frame): every frame of the
hold is given the very pixels of the frame it began on (temporal.py), so the model restores
the picture once and every frame of the hold comes out the same (restore.py's FrameRestorer),
though each frame decodes a level off here and there, as a codec's copies do."""

from itertools import pairwise

import numpy as np
import pytest
import torch

from engine.restorer import RestoreOptions
from engine.video import FilmCleanup, VideoOptions, restore_video
from engine.video.frames import Frame
from engine.video.repeats import repeats
from engine.video.temporal import cleaned, context
from tests.video_helpers import (
    EVERY_CLEANUP,
    FailingRestorer,
    decoded_frames,
    make_clip,
    scene,
    tiny_restorer,
)

HOLD = 8  # frames each picture is held for
PICTURES = 3
FRAMES = HOLD * PICTURES
SIZE = (96, 64)  # width, height
CPU = torch.device("cpu")
NEVER = 10**9  # a FailingRestorer that never fails


def _held(picture: int, frame: int) -> np.ndarray:
    """Picture ``picture`` as frame ``frame`` of its hold decodes: a level off here and there."""
    width, height = SIZE
    rng = np.random.default_rng(1000 * picture + frame)
    still = np.rint(scene(height, width, seed=picture))
    off = rng.integers(-1, 2, still.shape) * (rng.random(still.shape) < 0.3)
    return np.clip(still + off, 0, 255).astype(np.uint8)


def _film() -> list[Frame]:
    return [Frame(i, i, i, _held(i // HOLD, i % HOLD)) for i in range(FRAMES)]


class _Closing:
    def __init__(self, frames: list[Frame]) -> None:
        self.frames = iter(frames)

    def __iter__(self):
        return self

    def __next__(self) -> Frame:
        return next(self.frames)

    def close(self) -> None:
        pass


def _stretch(film: list[Frame], first: int, end: int, cleanup: FilmCleanup) -> list[Frame]:
    """Frames ``first`` to ``end`` of ``film`` settled as a stretch of it decoded alone."""
    low, high = context(first, end, len(film), cleanup)
    return list(cleaned(_Closing(film[low:high]), first, end, len(film), cleanup))


def test_the_frames_of_a_hold_decode_apart_yet_each_repeats_the_one_before():
    film = _film()
    for index in range(1, FRAMES):
        before, frame = film[index - 1].pixels, film[index].pixels
        assert not np.array_equal(before, frame)
        assert repeats(before, frame) == bool(index % HOLD)


@pytest.mark.parametrize(
    "cleanup",
    [FilmCleanup(), FilmCleanup(remove_dust=True), FilmCleanup(smooth_repeats=True), EVERY_CLEANUP],
)
def test_every_frame_of_a_hold_is_given_the_very_pixels_of_its_first(cleanup):
    film = _film()
    given = _stretch(film, 0, FRAMES, cleanup)
    for frame in given:
        first = given[frame.index - frame.index % HOLD]
        assert frame.pixels is first.pixels
        if frame is not first:
            assert frame.source is film[frame.index].pixels
    assert len({id(frame.pixels) for frame in given}) == PICTURES


def test_a_slow_fade_moves_on_though_each_frame_repeats_the_one_before():
    width, height = SIZE
    still = scene(height, width)
    fade = [np.rint(still + 0.4 * i).astype(np.uint8) for i in range(16)]  # 6 levels in all
    film = [Frame(i, i, i, pixels) for i, pixels in enumerate(fade)]
    assert all(repeats(before, after) for before, after in pairwise(fade))
    for frame in _stretch(film, 0, len(film), FilmCleanup()):
        assert repeats(frame.pixels, fade[frame.index])  # never shows a frame it does not repeat
    assert not repeats(fade[0], fade[-1])


@pytest.mark.parametrize("first", [HOLD, HOLD + 1])
def test_a_stretch_that_sees_where_its_hold_began_is_settled_as_the_whole_film(first):
    film = _film()
    whole = _stretch(film, 0, FRAMES, FilmCleanup())
    for frame in _stretch(film, first, FRAMES, FilmCleanup()):
        np.testing.assert_array_equal(frame.pixels, whole[frame.index].pixels)


def test_a_stretch_that_starts_inside_a_hold_shows_it_from_the_frame_before_it():
    film = _film()
    first = HOLD + 3  # its margin, frame HOLD + 2, is the first frame it sees of the picture
    part = _stretch(film, first, FRAMES, FilmCleanup())
    assert all(frame.pixels is film[first - 1].pixels for frame in part[: HOLD - 3])
    assert all(frame.pixels is part[HOLD - 3].pixels for frame in part[HOLD - 3 :])
    assert part[HOLD - 3].pixels is film[2 * HOLD].pixels


def _held_film(path):
    """A film of ``PICTURES`` pictures, each held for ``HOLD`` frames, losslessly encoded."""
    drawn = iter(range(FRAMES))

    def look(_picture: np.ndarray) -> np.ndarray:
        index = next(drawn)
        return _held(index // HOLD, index % HOLD)

    return make_clip(path, frames=FRAMES, size=SIZE, codec="ffv1", look=look)


def _holds_of(restored: list[np.ndarray], first: int = 0) -> None:
    """Check that the frames of a held film from ``first`` on, as ``restored``, are the same
    within each hold and differ from one hold to the next."""
    for index in range(first + 1, len(restored)):
        same = np.array_equal(restored[index], restored[index - 1])
        assert same == bool(index % HOLD), index


@pytest.mark.parametrize("batch", [1, 4])
def test_a_held_picture_is_restored_once_and_each_frame_of_it_comes_out_the_same(tmp_path, batch):
    film = _held_film(tmp_path / "held.mkv")
    options = VideoOptions(codec="ffv1", segment_frames=3, batch=batch)  # holds span segments
    counting = FailingRestorer(tiny_restorer(tmp_path).model, CPU, NEVER)
    report = restore_video(counting, film, tmp_path / "out.mkv", options)
    assert counting.frames == PICTURES
    restored = [pixels for _, pixels in decoded_frames(report.target)]
    assert len(restored) == FRAMES
    _holds_of(restored)


def test_a_run_resumed_inside_a_hold_restores_the_rest_of_it_once(tmp_path):
    film = _held_film(tmp_path / "held.mkv")
    model = tiny_restorer(tmp_path).model
    options = VideoOptions(codec="ffv1", segment_frames=3)
    target = tmp_path / "out" / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(FailingRestorer(model, CPU, 1), film, target, options)
    counting = FailingRestorer(model, CPU, NEVER)
    report = restore_video(counting, film, target, options)
    assert report.resumed_from == 6  # frames 6 and 7, the first picture's last, are left
    assert counting.frames == PICTURES  # the rest of the first picture, then the others
    restored = [pixels for _, pixels in decoded_frames(report.target)]
    _holds_of(restored, report.resumed_from)
    assert np.abs(restored[6].astype(int) - restored[5]).mean() < 1  # the same picture


def test_grain_added_to_a_held_picture_moves_after_its_second_frame(tmp_path):
    """The hold is restored once; its second frame may be the first shown twice (that film
    frame again, grain and all), and each frame after gets grain of its own, as a film's own
    grain moves on a title card."""
    film = _held_film(tmp_path / "held.mkv")
    options = VideoOptions(codec="ffv1", frames=RestoreOptions(grain=0.5))
    counting = FailingRestorer(tiny_restorer(tmp_path).model, CPU, NEVER)
    report = restore_video(counting, film, tmp_path / "out.mkv", options)
    assert counting.frames == PICTURES
    restored = [pixels for _, pixels in decoded_frames(report.target)]
    for index in range(1, FRAMES):
        change = np.abs(restored[index].astype(int) - restored[index - 1]).mean()
        if index % HOLD == 1:
            assert change == 0, index
        elif index % HOLD:
            assert 0 < change < 8, index  # grain alone
        else:
            assert change >= 8, index  # the next picture
