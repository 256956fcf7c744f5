"""Dust on film: spots one frame shows and its neighbours do not are filled from them, and
nothing else is touched (engine/video/dust.py)."""

import cv2
import numpy as np
import pytest

from engine.video.dust import neighbours_of, remove_dust
from tests.video_helpers import scene

SIZE = (120, 160)  # height, width
SPECKS = [(30, 40, 3), (80, 110, 2), (60, 70, 4), (95, 30, 2)]
"""(row, column, radius) of spots of dirt, dark on light picture and light on dark."""


def _scene(seed: int = 0) -> np.ndarray:
    return scene(*SIZE, seed)


def _frame(scene: np.ndarray, shift: int, grain: float, seed: int, grey: bool = False):
    height, width = SIZE
    picture = scene[10 : 10 + height, shift : shift + width].copy()
    if grey:
        picture[:] = picture.mean(axis=2, keepdims=True)
    rng = np.random.default_rng(seed)
    picture += rng.normal(0, grain, picture.shape[:2])[..., None]  # grain lives in luminance
    return np.clip(np.rint(picture), 0, 255).astype(np.uint8)


def _speck_mask() -> np.ndarray:
    rows, columns = np.mgrid[0 : SIZE[0], 0 : SIZE[1]]
    mask = np.zeros(SIZE, bool)
    for row, column, radius in SPECKS:
        mask |= (rows - row) ** 2 + (columns - column) ** 2 <= radius**2
    return mask


def _with_specks(picture: np.ndarray) -> np.ndarray:
    dirty = picture.copy()
    light = picture.mean(axis=2) >= 128
    mask = _speck_mask()
    dirty[mask & light] = 20
    dirty[mask & ~light] = 235
    return dirty


def _pan(grain: float = 3.0, step: int = 2, grey: bool = False):
    """Three frames of a camera panning across the scene: before, the frame, after."""
    scene = _scene()
    return [_frame(scene, 4 + n * step, grain, seed=n, grey=grey) for n in range(3)]


@pytest.mark.parametrize("step", [0, 2, 5])
def test_dirt_on_one_frame_is_filled_from_its_neighbours(step):
    before, clean, after = _pan(step=step)
    dirty = _with_specks(clean)
    cleaned = remove_dust(dirty, (before, after))
    spots = _speck_mask()
    error_before = np.abs(dirty.astype(int) - clean)[spots].mean()
    error_after = np.abs(cleaned.pixels.astype(int) - clean)[spots].mean()
    assert cleaned.spots == len(SPECKS)
    assert error_after < 0.1 * error_before  # the spots are gone, the picture under them back
    far = cv2.dilate(spots.astype(np.uint8), np.ones((15, 15), np.uint8)) == 0
    np.testing.assert_array_equal(cleaned.pixels[far], dirty[far])  # and nothing else moved


@pytest.mark.parametrize("step", [0, 3])
def test_a_clean_grainy_film_is_left_as_it_is(step):
    before, frame, after = _pan(grain=6.0, step=step)
    cleaned = remove_dust(frame, (before, after))
    assert cleaned.spots == 0
    assert cleaned.pixels is frame


def test_flicker_is_not_dirt():
    before, frame, after = _pan()
    brighter = frame + np.uint8(15)  # the scene's levels leave room for it
    assert remove_dust(brighter, (before, after)).spots == 0


def test_dirt_on_an_unevenly_exposed_frame_is_found_and_the_exposure_left_alone():
    before, clean, after = _pan()
    ramp = np.linspace(-20, 30, clean.shape[1])[None, :, None]  # flicker, darker to lighter
    exposed = np.clip(np.rint(clean + ramp), 0, 255).astype(np.uint8)
    dirty = _with_specks(exposed)
    cleaned = remove_dust(dirty, (before, after))
    assert cleaned.spots == len(SPECKS)
    spots = _speck_mask()
    assert np.abs(cleaned.pixels.astype(int) - exposed)[spots].mean() < 6  # at its exposure
    far = cv2.dilate(spots.astype(np.uint8), np.ones((15, 15), np.uint8)) == 0
    np.testing.assert_array_equal(cleaned.pixels[far], dirty[far])


def test_a_cut_to_another_shot_is_not_dirt():
    before, frame, _ = _pan()
    other = _frame(_scene(seed=7), 4, 3.0, seed=9)
    assert remove_dust(frame, (before, other)).spots == 0  # the next frame is another shot
    assert remove_dust(frame, (other, before)).spots == 0


def test_a_black_and_white_film_stays_grey():
    before, clean, after = _pan(grey=True)
    cleaned = remove_dust(_with_specks(clean), (before, after))
    assert cleaned.spots == len(SPECKS)
    pixels = cleaned.pixels
    np.testing.assert_array_equal(pixels[..., 0], pixels[..., 1])
    np.testing.assert_array_equal(pixels[..., 2], pixels[..., 1])


def test_sixteen_bit_frames_are_cleaned_in_their_own_depth():
    before, clean, after = (frame.astype(np.uint16) * 257 for frame in _pan())
    dirty = _with_specks(clean // 257).astype(np.uint16) * 257
    cleaned = remove_dust(dirty, (before, after))
    assert cleaned.pixels.dtype == np.uint16 and cleaned.spots == len(SPECKS)
    spots = _speck_mask()
    assert (
        np.abs(cleaned.pixels.astype(int) - clean)[spots].mean()
        < 0.1 * np.abs(dirty.astype(int) - clean)[spots].mean()
    )


def test_each_frame_is_compared_with_the_frames_beside_it():
    assert neighbours_of(5, 10) == (4, 6)
    assert neighbours_of(0, 10) == (1, 2)  # the first frame: the next two
    assert neighbours_of(9, 10) == (8, 7)  # the last: the two before it
    assert neighbours_of(1, 2) is None  # too short a film to tell dirt from picture
