"""Film grain calmed by averaging a frame with its neighbours moved onto it, where they look
alike (engine/video/grain.py)."""

import numpy as np
import pytest

from engine.video.align import Aligner
from engine.video.frames import Frame
from engine.video.grain import calm_grain
from engine.video.temporal import FilmCleanup, cleaned
from tests.video_helpers import scene

SIZE = (96, 128)  # height, width
CALM = FilmCleanup(calm_grain=True)


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


def _across_cuts(card: np.ndarray) -> list[np.ndarray]:
    """A grainy pan, a hard cut to four frames of ``card`` (with grain of their own), and a
    hard cut back to the pan."""
    pan, _ = _pan(count=12, grain=6.0)
    rng = np.random.default_rng(7)
    cards = [card + rng.normal(0, 2.0, card.shape) for _ in range(4)]
    cards = [np.clip(np.rint(c), 0, 255).astype(np.uint8) for c in cards]
    return pan[:4] + cards + pan[8:]


def _title_card() -> np.ndarray:
    card = np.full((*SIZE, 3), 20, np.float32)
    for row in range(20, 80, 16):
        for column in range(16, 112, 8):
            card[row : row + 6, column : column + 3] = 228  # lines of lettering
    return card


def _cleaned(frames):
    decoded = iter(Frame(i, i, i, pixels) for i, pixels in enumerate(frames))
    return [frame.pixels for frame in cleaned(decoded, 0, len(frames), len(frames), CALM)]


def _calmed_with(frames, index, near):
    """Frame ``index`` calmed with the frames ``near`` alone."""
    aligner = Aligner(frames[index])
    return calm_grain(frames[index], [aligner.align(frames[i]) for i in near])


@pytest.mark.parametrize("card", [_title_card(), np.zeros((*SIZE, 3), np.float32)])
def test_a_card_between_cuts_keeps_its_lettering_and_its_black(card):
    frames = _across_cuts(card)
    calmed = _cleaned(frames)
    lettering = card[..., 0] > 100
    for index in range(4, 8):  # the card's frames, two of them right at a cut
        change = calmed[index].astype(float) - frames[index]
        assert np.abs(change).max() <= 10, index  # no more than the card's own grain
        assert abs(change[~lettering].mean()) < 1, index
        if lettering.any():
            assert abs(change[lettering].mean()) < 1, index


def test_frames_beside_a_cut_are_calmed_with_their_own_shot_alone():
    frames = _across_cuts(_title_card())
    calmed = _cleaned(frames)
    for index, near in ((3, (1, 2)), (4, (5, 6)), (7, (5, 6)), (8, (9, 10))):
        np.testing.assert_array_equal(calmed[index], _calmed_with(frames, index, near))


def test_frames_inside_a_shot_are_calmed_as_before():
    frames = _across_cuts(_title_card())
    calmed = _cleaned(frames)
    for index, near in ((1, (0, 2, 3)), (10, (8, 9, 11))):  # every neighbour of their shot
        np.testing.assert_array_equal(calmed[index], _calmed_with(frames, index, near))
