"""Gate weave and shake (engine/video/weave.py): each frame is moved to where its shot's
frames around it say it lies, a camera's steady move is kept, a cut is not steadied across,
and the edges a move uncovers are filled from the frames beside it."""

import cv2
import numpy as np
import pytest

from engine.video import weave
from tests.video_helpers import scene

HEIGHT, WIDTH = 144, 192
MARGIN = 40
SCENE = scene(HEIGHT + 2 * MARGIN, WIDTH + 2 * MARGIN, seed=3)
OTHER_SCENE = scene(HEIGHT + 2 * MARGIN, WIDTH + 2 * MARGIN, seed=9)


def _frame(x: float, y: float, picture: np.ndarray = SCENE, grain: float = 2.0, seed: int = 0):
    """The scene's picture lying at (x, y) in the frame: moved that far, with fresh grain."""
    matrix = np.float32([[1, 0, x - MARGIN], [0, 1, y - MARGIN]])
    moved = cv2.warpAffine(
        picture.astype(np.float32), matrix, (WIDTH, HEIGHT), flags=cv2.INTER_CUBIC
    )
    noise = np.random.default_rng(seed).normal(0, grain, (HEIGHT, WIDTH, 1))
    return np.clip(np.rint(moved + noise), 0, 255).astype(np.uint8)


def _film(places: list[tuple[float, float]], pictures: list[np.ndarray] | None = None):
    pictures = pictures or [SCENE] * len(places)
    return {i: _frame(*place, pictures[i], seed=i) for i, place in enumerate(places)}


def _steps(frames: dict[int, np.ndarray]) -> dict[int, tuple[float, float] | None]:
    footings = {i: weave.footing(pixels) for i, pixels in frames.items()}
    return {i: weave.step(footings[i - 1], footings[i]) for i in frames if i - 1 in frames}


def _steadied(frames: dict[int, np.ndarray]) -> dict[int, np.ndarray]:
    steps = _steps(frames)
    return {i: weave.steadied(i, frames, steps) for i in frames}


def _where(frame: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Where ``frame``'s picture lies from ``reference``'s (both of the same scene)."""
    return np.asarray(weave.step(weave.footing(reference), weave.footing(frame)))


@pytest.mark.parametrize(("x", "y"), [(0.0, 0.0), (2.5, -1.25), (-7.0, 4.6)])
def test_a_shift_between_two_frames_is_measured_to_a_tenth_of_a_pixel(x, y):
    assert np.abs(_where(_frame(x, y, seed=1), _frame(0, 0)) - (x, y)).max() < 0.1


def test_a_weaving_picture_is_held_still_and_a_pan_across_it_is_kept():
    rng = np.random.default_rng(5)
    weave_x, weave_y = rng.uniform(-3, 3, (2, 19))
    pan = 1.5 * np.arange(19)
    frames = _film(list(zip(pan + weave_x, weave_y, strict=True)))
    steadied = _steadied(frames)
    reference = steadied[9]
    middle = range(3, 16)  # the ends are steadied with the frames of one side only
    places = np.array([_where(steadied[i], reference) for i in middle])
    expected = np.stack([pan[list(middle)] - pan[9], np.zeros(len(middle))], axis=1)
    before = np.array([_where(frames[i], frames[9]) for i in middle])
    error_before = np.abs(before - expected).mean()
    error_after = np.abs(places - expected).mean()
    assert error_before > 1.0
    assert error_after < error_before / 4  # the weave is gone, the pan stays


def test_a_lone_jump_is_taken_out_whole():
    places = [(0.0, 0.0)] * 13
    places[6] = (0.0, 10.0)  # a splice: one frame lies 10 pixels low
    frames = _film(places)
    steadied = _steadied(frames)
    assert np.abs(_where(steadied[6], frames[5])).max() < 0.3
    for index in (3, 9):  # frames that lie where they should stay as they are
        assert steadied[index] is frames[index]


def test_the_edge_a_move_uncovers_is_filled_from_the_frames_beside_it():
    places = [(0.0, 0.0)] * 13
    places[6] = (-6.0, 8.0)
    frames = _film(places)
    steadied = _steadied(frames)[6]
    truth = _frame(0, 0, grain=0.0)
    error = np.abs(steadied.astype(int) - truth)
    # the frame lay 8 px high and 6 px left: its bottom and right edges were out of the frame
    assert error[-8:].mean() < 4 and error[:, -6:].mean() < 4
    mirrored = cv2.copyMakeBorder(frames[6][8:, :-6], 0, 8, 0, 6, cv2.BORDER_REFLECT_101)
    assert np.abs(mirrored.astype(int) - truth)[-8:].mean() > 3 * error[-8:].mean()


def test_a_cut_ends_the_frames_a_frame_is_steadied_with():
    places = [(0.0, 0.0)] * 6 + [(20.0, -20.0)] * 6  # another shot, framed elsewhere
    pictures = [SCENE] * 6 + [OTHER_SCENE] * 6
    frames = _film(places, pictures)
    steps = _steps(frames)
    assert steps[6] is None and all(steps[i] is not None for i in steps if i != 6)
    assert set(weave.places(5, steps)) == set(range(0, 6))
    assert set(weave.places(6, steps)) == set(range(6, 12))
    steadied = _steadied(frames)
    assert all(steadied[i] is frames[i] for i in frames)  # each shot lay still


def test_a_plain_frame_is_not_measured_and_a_frame_alone_is_left_as_it_is():
    black = np.zeros((HEIGHT, WIDTH, 3), np.uint8)
    assert weave.step(weave.footing(black), weave.footing(_frame(0, 0))) is None
    frames = {0: _frame(0, 0), 1: _frame(3, 3, seed=1)}
    assert weave.steadied(1, frames, _steps(frames)) is frames[1]  # one frame cannot say


def test_a_move_too_far_to_be_weave_is_not_made():
    places = [(0.0, 0.0)] * 13
    places[6] = (0.0, 0.2 * HEIGHT)  # beyond FARTHEST_SHARE: the measure is doubted
    frames = _film(places)
    assert weave.steadied(6, frames, _steps(frames)) is frames[6]


def test_sixteen_bit_frames_are_steadied_in_sixteen_bits():
    places = [(0.0, 0.0)] * 9
    places[4] = (2.0, -3.0)
    frames = {i: pixels.astype(np.uint16) * 257 for i, pixels in _film(places).items()}
    steadied = weave.steadied(4, frames, _steps(frames))
    assert steadied.dtype == np.uint16
    assert np.abs(_where(steadied, frames[3])).max() < 0.3
