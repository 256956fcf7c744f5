"""Film grain calmed by averaging a frame with its neighbours moved onto it, where they look
alike (engine/video/grain.py)."""

import numpy as np
import pytest

from engine.video.align import Aligner
from engine.video.grain import calm_grain
from tests.video_helpers import scene

SIZE = (96, 128)  # height, width


def _pan(count=5, grain=6.0, grey=False, seed=0):
    """Frames of a camera panning across a scene, each with its own grain; and the scene's
    frames without grain."""
    picture = scene(SIZE[0], SIZE[1] + 40, seed)
    if grey:
        picture[:] = picture.mean(axis=2, keepdims=True)
    rng = np.random.default_rng(seed)
    clean, grainy = [], []
    for index in range(count):
        crop = picture[: SIZE[0], 2 * index : 2 * index + SIZE[1]]
        clean.append(crop)
        noisy = crop + rng.normal(0, grain, SIZE)[..., None]
        grainy.append(np.clip(np.rint(noisy), 0, 255).astype(np.uint8))
    return grainy, clean


def _calmed(frames, index=2):
    aligner = Aligner(frames[index])
    neighbours = [aligner.align(frame) for i, frame in enumerate(frames) if i != index]
    return calm_grain(frames[index], neighbours)


def _inner(pixels):
    return pixels[8:-8, 8:-8].astype(float)  # away from the edges a pan brings in


def test_grain_falls_to_about_half_and_the_picture_stays():
    frames, clean = _pan()
    calmed = _calmed(frames)
    before = np.std(_inner(frames[2]) - _inner(clean[2]))
    after = np.std(_inner(calmed) - _inner(clean[2]))
    assert after < 0.65 * before
    assert abs(calmed.astype(float).mean() - frames[2].astype(float).mean()) < 0.5


@pytest.mark.parametrize("flicker", [0, 25])
def test_something_the_flow_cannot_follow_is_not_smeared(flicker):
    frames, _ = _pan(grain=3.0)
    for index, frame in enumerate(frames):
        frame[40:56, 10 + 25 * index : 26 + 25 * index] = 230  # a white card flying across
    frames[2] = np.clip(frames[2].astype(int) + flicker, 0, 255).astype(np.uint8)
    calmed = _calmed(frames)
    card = np.s_[40:56, 60:76]
    np.testing.assert_array_less(np.abs(calmed[card].astype(int) - (230 + flicker)), 20)


def test_a_frame_brighter_than_its_neighbours_keeps_its_light():
    frames, _ = _pan()
    frames[2] = np.clip(frames[2].astype(int) + 20, 0, 255).astype(np.uint8)
    calmed = _calmed(frames)
    assert abs(calmed.astype(float).mean() - frames[2].astype(float).mean()) < 1.0
    assert np.std(_inner(calmed) - _inner(frames[2])) > 1  # and its grain is still calmed


def test_black_and_white_stays_grey_and_sixteen_bits_stay_sixteen():
    frames, _ = _pan(grey=True)
    frames = [frame.astype(np.uint16) * 257 for frame in frames]
    calmed = _calmed(frames)
    assert calmed.dtype == np.uint16
    np.testing.assert_array_equal(calmed[..., 0], calmed[..., 1])
    np.testing.assert_array_equal(calmed[..., 2], calmed[..., 1])


def test_without_neighbours_or_grain_nothing_changes():
    frames, _ = _pan()
    assert calm_grain(frames[2], []) is frames[2]
    still = [frames[0]] * 5
    assert calm_grain(still[2], [Aligner(still[2]).align(f) for f in still[:2]]) is still[2]
