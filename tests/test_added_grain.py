"""Fine grain added to a restored picture (engine/added_grain.py): as strong as asked in the
midtones, fainter towards black and white, clumped, in brightness only, the same on a part
of a picture as on the whole, its own on each film frame."""

import numpy as np
import pytest

from engine.added_grain import MOST_LEVELS, add_grain


def _grey(level: int, size: tuple[int, int] = (300, 400), dtype=np.uint8) -> np.ndarray:
    return np.full((*size, 3), level, dtype)


def test_no_grain_leaves_the_picture_as_it_is():
    picture = _grey(128)
    assert add_grain(picture, 0.0) is picture


@pytest.mark.parametrize("strength", [0.3, 1.0])
def test_the_midtones_get_the_grain_asked_for_in_brightness_only(strength):
    picture = _grey(128)
    grained = add_grain(picture, strength, seed=1).astype(np.float64)
    assert grained.std() == pytest.approx(strength * MOST_LEVELS, rel=0.1)
    assert abs(grained.mean() - 128) < 0.2  # nothing brighter or darker
    assert np.array_equal(grained[..., 0], grained[..., 1])  # a grey picture stays grey
    assert np.array_equal(grained[..., 1], grained[..., 2])
    neighbours = np.corrcoef(grained[:, :-1, 0].ravel(), grained[:, 1:, 0].ravel())[0, 1]
    assert neighbours > 0.3  # clumped, not a pixel's own noise


def test_black_and_white_get_less_grain_than_the_midtones():
    middle = add_grain(_grey(128), 1.0).astype(float).std()
    for level in (8, 247):
        assert add_grain(_grey(level), 1.0).astype(float).std() < 0.5 * middle


def test_a_part_gets_the_grain_the_whole_picture_has_there():
    picture = np.random.default_rng(0).integers(60, 200, (300, 400, 3)).astype(np.uint8)
    whole = add_grain(picture, 0.7, seed=4)
    part = add_grain(picture[120:250, 90:300], 0.7, seed=4, origin=(90, 120), whole_width=400)
    np.testing.assert_array_equal(part, whole[120:250, 90:300])


def test_each_seed_draws_its_own_grain_and_the_same_seed_the_same():
    picture = _grey(128)
    one, again, other = (add_grain(picture, 1.0, seed=s) for s in (5, 5, 6))
    np.testing.assert_array_equal(one, again)
    assert np.abs(one.astype(int) - other).mean() > 3


def test_deep_pictures_get_the_same_grain_in_their_own_levels():
    deep = add_grain(_grey(128 * 257, dtype=np.uint16), 1.0, seed=2)
    assert deep.dtype == np.uint16
    assert deep.astype(float).std() / 257 == pytest.approx(MOST_LEVELS, rel=0.1)
