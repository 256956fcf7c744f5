"""Cleaning a film's frames with the frames around them (engine/video/temporal.py): a stretch
of the film comes out as the whole film's run makes it, whatever is asked."""

from dataclasses import replace

import numpy as np
import pytest

from engine.video.frames import Frame
from engine.video.temporal import FilmCleanup, cleaned, cleanup_workers, context
from tests.test_dust import _frame, _scene, _speck_mask, _with_specks
from tests.video_helpers import EVERY_CLEANUP

DUST = FilmCleanup(remove_dust=True)
FLICKER = FilmCleanup(steady_flicker=True)
GRAIN = FilmCleanup(calm_grain=True)
WEAVE = FilmCleanup(steady_picture=True)
SMOOTH = FilmCleanup(smooth_repeats=True)
BOTH = FilmCleanup(remove_dust=True, steady_flicker=True)
ALL = EVERY_CLEANUP
EXPOSURES = [1.0, 1.2, 0.85, 1.1, 0.9, 1.15, 1.0, 0.8, 1.1]
WEAVING = [0, 2, -1, 1, -2, 0, 2, -1, 1]  # pixels each frame lies off the pan


def _film(dirty: set[int], repeated: int | None = None) -> list[Frame]:
    """A flickering, weaving pan, with dirt on the frames ``dirty``; frame ``repeated``, when
    given, shows the frame before it again (a film copied at a faster rate than it was shot)."""
    scene = _scene()
    frames = []
    for index, gain in enumerate(EXPOSURES):
        pixels = _frame(scene, 4 + 2 * index + WEAVING[index], 3.0, seed=index)
        pixels = np.clip(np.rint(pixels * gain), 0, 255).astype(np.uint8)
        if index in dirty:
            pixels = _with_specks(pixels)
        if index == repeated:
            pixels = frames[-1].pixels.copy()
        frames.append(Frame(index, index, index, pixels))
    return frames


class _Closing:
    def __init__(self, frames):
        self.frames = iter(frames)
        self.closed = False

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.frames)

    def close(self):
        self.closed = True


def test_what_is_asked_decides_the_frames_needed_around_a_stretch():
    assert not FilmCleanup() and DUST and FLICKER and GRAIN and WEAVE and SMOOTH
    everything = (FilmCleanup(), DUST, FLICKER, GRAIN, WEAVE, SMOOTH, ALL)
    assert [cleanup.reach for cleanup in everything] == [0, 2, 6, 2, 6, 0, 6]
    # settling a repeat needs the cleaned frame before a stretch; smoothing one the cleaned
    # frames two before it and one after it
    assert context(4, 8, 20, FilmCleanup()) == (3, 8)
    assert context(4, 8, 20, DUST) == (1, 10)
    assert context(0, 3, 20, BOTH) == (0, 9)
    assert context(18, 20, 20, BOTH) == (11, 20)
    assert context(4, 8, 20, SMOOTH) == (2, 9)
    assert context(4, 8, 20, replace(DUST, smooth_repeats=True)) == (0, 11)
    assert ALL.settings() == {
        "remove_dust": True,
        "steady_flicker": True,
        "calm_grain": True,
        "steady_picture": True,
        "smooth_repeats": True,
    }
    assert FilmCleanup().settings() == {}  # films restored before keep their key
    assert ALL.describe() == [
        "dust removed",
        "flicker steadied",
        "grain calmed",
        "picture steadied",
        "repeated frames made in-between",
    ]


@pytest.mark.parametrize("repeated", [None, 5])
@pytest.mark.parametrize("cleanup", [FilmCleanup(), DUST, FLICKER, GRAIN, WEAVE, SMOOTH, ALL])
@pytest.mark.parametrize(("first", "end"), [(0, 9), (2, 5), (8, 9), (0, 1), (4, 5), (5, 7)])
def test_a_stretch_of_film_is_cleaned_as_the_whole_film_is(cleanup, first, end, repeated):
    film = _film(dirty={0, 4, 8}, repeated=repeated)
    whole = {frame.index: frame for frame in cleaned(_Closing(film), 0, 9, 9, cleanup)}
    low, high = context(first, end, 9, cleanup)
    decoded = _Closing(film[low:high])
    part = list(cleaned(decoded, first, end, 9, cleanup))
    assert [frame.index for frame in part] == list(range(first, end))
    for frame in part:
        np.testing.assert_array_equal(frame.pixels, whole[frame.index].pixels)
    assert decoded.closed


def test_a_cleaned_frame_keeps_its_source_and_both_are_done():
    film = _film(dirty={4})
    frames = {
        name: list(cleaned(_Closing(film), 0, 9, 9, cleanup))[4]
        for name, cleanup in (
            ("dust", DUST),
            ("flicker", FLICKER),
            ("both", BOTH),
            ("grain", replace(BOTH, calm_grain=True)),
            ("weave", WEAVE),
        )
    }
    for frame in frames.values():
        assert frame.source is film[4].pixels
        assert not np.array_equal(frame.pixels, film[4].pixels)
    dust_only = frames["dust"].pixels.astype(int)
    both = frames["both"].pixels.astype(int)
    assert np.abs(both - dust_only).mean() > 1  # flicker steadied on top of the dust removed
    grain = frames["grain"].pixels.astype(int) - both
    assert np.abs(grain).mean() > 0.5 and abs(grain.mean()) < 0.5  # grain calmed, light kept
    untouched = list(cleaned(_Closing(film), 0, 9, 9, FilmCleanup(remove_dust=True)))[3]
    assert untouched.source is None and untouched.pixels is film[3].pixels


def test_dust_on_a_frame_shown_twice_is_found_on_both():
    film = _film(dirty={4}, repeated=5)  # frame 5 shows frame 4, its dust too
    spots = _speck_mask()
    clean = _film(dirty=set())
    for index in (4, 5):
        frame = list(cleaned(_Closing(film), 0, 9, 9, DUST))[index]
        before = np.abs(film[index].pixels.astype(int) - clean[4].pixels)[spots].mean()
        after = np.abs(frame.pixels.astype(int) - clean[4].pixels)[spots].mean()
        assert after < 0.25 * before  # compared with frames 3 and 6, not with its repeat


@pytest.mark.parametrize("cleanup", [DUST, FLICKER, GRAIN, WEAVE, ALL])
@pytest.mark.parametrize(("first", "end"), [(0, 9), (3, 7)])
def test_frames_cleaned_side_by_side_on_threads_come_out_the_same_in_order(cleanup, first, end):
    film = _film(dirty={0, 4, 8})
    low, high = context(first, end, 9, cleanup)
    alone = list(cleaned(_Closing(film[low:high]), first, end, 9, cleanup))
    side_by_side = list(cleaned(_Closing(film[low:high]), first, end, 9, cleanup, workers=3))
    assert [frame.index for frame in side_by_side] == list(range(first, end))
    for one, other in zip(alone, side_by_side, strict=True):
        np.testing.assert_array_equal(one.pixels, other.pixels)


def _pan(shown: list[int], cut: int | None = None) -> list[Frame]:
    """A steady pan, 4 pixels a frame, that shows the frames ``shown`` in turn (a number twice
    running: a frame shown twice); from frame ``cut`` on, across another scene."""
    scenes = _scene(), _scene(seed=7)
    film = []
    for index, place in enumerate(shown):
        picture = scenes[cut is not None and index >= cut]
        film.append(Frame(index, index, index, _frame(picture, 4 * place, 1.0, seed=place)))
    return film


def test_a_repeat_shows_the_very_pixels_of_the_frame_before_it_so_they_are_restored_once():
    film = _film(dirty={4}, repeated=5)
    for cleanup in (FilmCleanup(), DUST):
        frames = list(cleaned(_Closing(film), 0, 9, 9, cleanup))
        assert frames[5].pixels is frames[4].pixels and frames[5].source is film[5].pixels
        assert all(frames[i].pixels is not frames[i - 1].pixels for i in (1, 2, 3, 4, 6, 7, 8))


def test_a_frame_shown_twice_is_replaced_by_one_halfway_to_the_next():
    film = _pan([0, 1, 2, 3, 4, 4, 5, 6, 7])  # frame 5 repeats frame 4
    smoothed = list(cleaned(_Closing(film), 0, 9, 9, SMOOTH))
    halfway = smoothed[5]
    assert halfway.source is film[5].pixels
    truth = _frame(_scene(), 18, 0.0, seed=0)[:, 12:-12].astype(float)  # 4.5 frames along
    error = np.abs(halfway.pixels[:, 12:-12] - truth).mean()
    assert error < 0.4 * np.abs(film[5].pixels[:, 12:-12] - truth).mean()
    for index in (0, 1, 2, 3, 4, 6, 7, 8):  # the others untouched
        assert smoothed[index].pixels is film[index].pixels


@pytest.mark.parametrize(
    ("shown", "cut"),
    [
        ([0, 1, 2, 3, 4, 4, 4, 5, 6], None),  # a picture held for three frames
        ([0, 1, 2, 3, 4, 5, 6, 7, 7], None),  # the last frame repeats: nothing to go towards
        ([0, 1, 2, 3, 4, 4, 5, 6, 7], 6),  # a cut after the repeat
    ],
)
def test_a_held_picture_a_last_frame_and_a_repeat_before_a_cut_are_only_settled(shown, cut):
    film = _pan(shown, cut)
    for frame in cleaned(_Closing(film), 0, 9, 9, SMOOTH):
        index = frame.index
        if index and shown[index] == shown[index - 1]:  # shows its picture's first frame
            first = shown.index(shown[index])
            assert frame.pixels is film[first].pixels and frame.source is film[index].pixels
        else:
            assert frame.pixels is film[index].pixels


def test_a_cleanup_stopped_early_lets_its_threads_and_its_film_go():
    decoded = _Closing(_film(dirty={4}))
    frames = cleaned(decoded, 0, 9, 9, BOTH, workers=3)
    assert next(frames).index == 0
    frames.close()
    assert decoded.closed


def test_frames_are_cleaned_side_by_side_only_while_the_model_is_on_a_gpu(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 16)
    assert cleanup_workers("cpu") == 1  # the model needs the cores
    assert cleanup_workers("cuda") == cleanup_workers("mps") == 8
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert cleanup_workers("cuda") == 3
