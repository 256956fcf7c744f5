"""The frame halfway between two frames (engine/video/inbetween.py): where things move, it
shows them halfway, not twice; across a cut it is not made."""

import cv2
import numpy as np
import pytest

from engine.imageio import read_picture
from engine.video.inbetween import inbetween
from tests.conftest import VAL_DIR
from tests.video_helpers import scene

HEIGHT, WIDTH = 150, 200


def _at(picture: np.ndarray, x: float, y: float = 0.0) -> np.ndarray:
    """The part of ``picture`` seen by a camera moved ``x``, ``y`` pixels."""
    moved = cv2.warpAffine(
        picture.astype(np.float32),
        np.float32([[1, 0, x - 20], [0, 1, y - 20]]),
        (WIDTH, HEIGHT),
        flags=cv2.INTER_CUBIC,
    )
    return np.clip(np.rint(moved), 0, 255).astype(np.uint8)


def _error(one: np.ndarray, other: np.ndarray) -> float:
    return float(np.abs(one.astype(np.float64) - other.astype(np.float64))[8:-8, 8:-8].mean())


def _moving_square(x: int) -> np.ndarray:
    """A still photo (640x480) with a part of another pasted at ``x``."""
    frame = read_picture(VAL_DIR / "kodim01.png").pixels[:480, :640].copy()
    frame[150:300, x : x + 150] = read_picture(VAL_DIR / "kodim23.png").pixels[150:300, 300:450]
    return frame


def test_a_pan_is_shown_halfway():
    picture = scene(HEIGHT + 40, WIDTH + 40)
    before, truth, after = (_at(picture, x, y) for x, y in ((-4, 1.5), (0, 0), (4, -1.5)))
    halfway = inbetween(before, after)
    assert halfway is not None and halfway.dtype == np.uint8 and halfway.shape == truth.shape
    crossfade = (before.astype(np.float32) + after) / 2
    assert _error(halfway, truth) < 1.5
    assert _error(halfway, truth) < 0.25 * min(_error(crossfade, truth), _error(before, truth))


def test_a_thing_moving_over_a_still_ground_is_shown_once_halfway_along():
    before, truth, after = (_moving_square(x) for x in (100, 112, 124))
    halfway = inbetween(before, after)
    assert halfway is not None
    crossfade = (before.astype(np.float32) + after) / 2
    assert _error(halfway, truth) < 0.25 * _error(crossfade, truth)


def test_deep_frames_stay_deep():
    picture = scene(HEIGHT + 40, WIDTH + 40)
    before, truth, after = (_at(picture, x).astype(np.uint16) * 257 for x in (-3, 0, 3))
    halfway = inbetween(before, after)
    assert halfway is not None and halfway.dtype == np.uint16
    assert _error(halfway, truth) < 1.5 * 257


def test_a_large_frame_is_flowed_shrunk_and_moved_at_full_size():
    picture = cv2.resize(scene(HEIGHT + 40, WIDTH + 40), None, fx=6, fy=6)
    big = lambda x: np.clip(  # noqa: E731
        np.rint(cv2.warpAffine(picture, np.float32([[1, 0, x + 60], [0, 1, 60]]), (1200, 800))),
        0,
        255,
    ).astype(np.uint8)
    before, truth, after = big(-12), big(0), big(12)
    halfway = inbetween(before, after)
    assert halfway is not None and halfway.shape == (800, 1200, 3)
    assert _error(halfway, truth) < 0.25 * _error(before, truth)


@pytest.mark.parametrize("seeds", [(0, 5), (3, 9)])
def test_no_frame_is_made_across_a_cut(seeds):
    one, other = (_at(scene(HEIGHT + 40, WIDTH + 40, seed=seed) * 1.4 - 50, 0) for seed in seeds)
    assert inbetween(one, other) is None


def test_a_flickering_pair_still_gets_its_halfway_frame_at_halfway_brightness():
    picture = scene(HEIGHT + 40, WIDTH + 40)
    before, truth, after = (_at(picture * gain, x) for x, gain in ((-3, 0.9), (0, 1.0), (3, 1.1)))
    halfway = inbetween(before, after)
    assert halfway is not None
    assert _error(halfway, truth) < 0.25 * _error(before, truth)
