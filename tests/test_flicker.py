"""Flicker: each frame brought to the steady brightness of its shot around it, with a gain
that varies smoothly, never across a cut (engine/video/flicker.py)."""

import numpy as np

from engine.video.flicker import REACH, brightness_map, same_shot, shot_around, steady
from tests.video_helpers import scene

SIZE = (96, 128)  # height, width
EXPOSURES = [1.0, 1.25, 0.85, 1.1, 0.8, 1.2, 0.9, 1.15, 1.0, 0.85, 1.2, 0.95]


def _shot(exposures=EXPOSURES, seed=0, grey=False):
    """A camera panning across a scene, each frame exposed by its gain."""
    picture = scene(SIZE[0], SIZE[1] + 40, seed)
    if grey:
        picture[:] = picture.mean(axis=2, keepdims=True)
    frames = []
    for index, gain in enumerate(exposures):
        crop = picture[:, 2 * index : 2 * index + SIZE[1]] * 0.8 * gain
        frames.append(np.clip(np.rint(crop), 0, 255).astype(np.uint8))
    return frames


def _steadied(frames):
    maps = {index: brightness_map(frame) for index, frame in enumerate(frames)}
    return [
        steady(
            frame, index, {j: maps[j] for j in range(index - REACH, index + REACH + 1) if j in maps}
        )
        for index, frame in enumerate(frames)
    ]


def _means(frames):
    return np.array([frame.astype(float).mean() for frame in frames])


def test_a_flickering_shot_comes_out_steady():
    frames = _shot()
    evened = _steadied(frames)
    before, after = np.abs(np.diff(_means(frames))), np.abs(np.diff(_means(evened)))
    assert after.mean() < 0.3 * before.mean()
    assert abs(_means(evened).mean() - _means(frames).mean()) < 3  # the shot keeps its level


def test_a_steady_panning_shot_is_left_as_it_is():
    frames = _shot(exposures=[1.0] * 8)
    evened = _steadied(frames)
    for frame, steadied in zip(frames, evened, strict=True):
        assert np.abs(steadied.astype(int) - frame).max() <= 1
    assert sum(steadied is frame for frame, steadied in zip(frames, evened, strict=True)) >= 4


def test_uneven_flicker_is_evened_across_the_picture():
    frames = _shot(exposures=[1.0] * 7)
    ramp = np.linspace(0.8, 1.2, SIZE[1])[None, :, None]  # frame 3 lit more on the right
    frames[3] = np.clip(np.rint(frames[3] * ramp), 0, 255).astype(np.uint8)
    evened = _steadied(frames)[3]
    reference = (frames[2].astype(float) + frames[4]) / 2
    for side in (np.s_[:, :20], np.s_[:, -20:]):  # 20 levels off at either edge before
        assert abs(evened[side].mean() - reference[side].mean()) < 5


def test_nothing_is_evened_across_a_cut():
    bright, dark = _shot([1.2] * 6, seed=0), _shot([0.7] * 6, seed=5)
    frames = bright + dark
    maps = {index: brightness_map(frame) for index, frame in enumerate(frames)}
    assert not same_shot(maps[5], maps[6])
    assert shot_around(5, maps) == [0, 1, 2, 3, 4, 5]  # the last frame before the cut: its shot
    assert shot_around(4, maps) == [0, 1, 2, 3, 4, 5]
    assert shot_around(8, maps) == [6, 7, 8, 9, 10, 11]  # none of the shot before
    for frame, evened in zip(frames, _steadied(frames), strict=True):
        assert np.abs(evened.astype(int) - frame).max() <= 2  # each shot keeps its own light


def test_a_dark_thing_moving_across_makes_no_patch_follow_it():
    frames = _shot(exposures=[1.0] * 7)
    for index, frame in enumerate(frames):
        frame[30:60, 10 + 12 * index : 30 + 12 * index] = 15  # a coat walking across
    evened = _steadied(frames)[3]
    gain = evened.astype(float)[frames[3] > 40] / frames[3][frames[3] > 40]
    assert np.abs(gain - 1).max() < 0.03


def test_black_and_white_stays_grey_and_sixteen_bits_stay_sixteen():
    frames = [frame.astype(np.uint16) * 257 for frame in _shot(grey=True)]
    evened = _steadied(frames)
    assert all(frame.dtype == np.uint16 for frame in evened)
    for frame in evened:
        np.testing.assert_array_equal(frame[..., 0], frame[..., 1])
        np.testing.assert_array_equal(frame[..., 2], frame[..., 1])
    assert np.abs(np.diff(_means(evened))).mean() < 0.3 * np.abs(np.diff(_means(frames))).mean()


def test_a_fade_to_black_is_left_as_it_is():
    frames = _shot(exposures=list(np.linspace(1.0, 0.3, 10)))
    for frame, evened in zip(frames, _steadied(frames), strict=True):
        assert np.abs(evened.astype(int) - frame).max() <= 2


def test_a_light_frame_at_the_film_start_and_after_a_cut_is_steadied():
    first, second = _shot([1.0] * 9, seed=0), _shot([0.6] * 9, seed=5)
    light = [first[0].copy(), second[0].copy()]
    for frame in light:  # printed 25 % lighter: a camera's start, a splice
        frame[:] = np.clip(np.rint(frame * 1.25), 0, 255)
    frames = [light[0], *first[1:], light[1], *second[1:]]
    evened = _means(_steadied(frames))
    shot_levels = np.median(_means(first)), np.median(_means(second))
    assert abs(evened[0] - shot_levels[0]) < 3  # was 25 % above it
    assert abs(evened[9] - shot_levels[1]) < 3
    assert shot_levels[0] - evened[9] > 25  # the cut's real change of light is kept
    np.testing.assert_allclose(evened[1:9], _means(first[1:]), atol=1)
    np.testing.assert_allclose(evened[10:], _means(second[1:]), atol=1)


def test_a_held_light_frame_at_a_shots_start_counts_once():
    frames = _shot([1.25, 1.25, 1.0, 0.9, 1.1, 1.0, 0.95, 1.05])
    frames[1] = frames[0].copy()  # the light picture held for two frames
    evened = _means(_steadied(frames))
    level = np.median(_means(frames[2:]))
    assert np.all(np.abs(evened[:2] - level) < 0.05 * level)


def test_a_fade_from_the_film_start_is_followed_not_evened():
    frames = _shot(exposures=list(np.linspace(0.4, 1.2, 8)))
    frames[0] = np.clip(np.rint(frames[0] * 1.25), 0, 255).astype(np.uint8)  # and a flash
    fading = _means(_shot(exposures=list(np.linspace(0.4, 1.2, 8))))
    evened = _means(_steadied(frames))
    assert abs(evened[0] - fading[0]) < 3
    assert np.all(np.abs(evened[1:] - fading[1:]) < 2)
