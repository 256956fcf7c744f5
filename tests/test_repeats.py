"""Frames a film shows twice (engine/video/repeats.py): a repeat is told from the next frame of
a film by how little it differs, and the dust's comparison looks past it."""

import numpy as np

from engine.video.dust import neighbours_of
from engine.video.repeats import repeats, showing
from tests.test_dust import _frame, _scene


def test_a_repeat_is_told_from_the_next_frame_even_where_little_moves():
    scene = _scene()
    frame = _frame(scene, 4, 3.0, seed=0)
    copied = np.clip(
        frame.astype(int) + np.random.default_rng(1).integers(-1, 2, frame.shape), 0, 255
    )
    assert repeats(frame, frame.copy())
    assert repeats(frame, copied.astype(np.uint8))  # a codec's copy: a level here and there
    assert not repeats(frame, _frame(scene, 4, 3.0, seed=1))  # the camera still, fresh grain
    assert not repeats(frame, _frame(scene, 6, 3.0, seed=0))  # the camera moved two pixels
    deep = frame.astype(np.uint16) * 257
    moved = _frame(scene, 6, 3.0, seed=0).astype(np.uint16) * 257
    assert repeats(deep, deep.copy()) and not repeats(deep, moved)


def test_the_frames_showing_a_frame_are_it_and_its_repeats():
    repeated = {3: True, 4: True, 7: True}  # frame 3 repeats 2, 4 repeats 3, 7 repeats 6
    assert showing(3, repeated) == range(2, 5) == showing(2, repeated) == showing(4, repeated)
    assert showing(5, repeated) == range(5, 6)
    assert showing(7, repeated) == range(6, 8)


def test_dust_is_looked_for_against_the_nearest_frames_that_differ():
    repeated = {5: True, 9: True}
    assert neighbours_of(5, 12, repeated) == neighbours_of(4, 12, repeated) == (3, 6)
    assert neighbours_of(0, 12, {1: True}) == (2, 3)  # the first frame, shown twice
    assert neighbours_of(10, 11, {10: True}) == (8, 7)  # the last two frames show one
    assert neighbours_of(1, 3, {1: True}) is None  # two frames of picture: too few to tell
    assert neighbours_of(5, 12) == (4, 6)  # no repeats known: the frames beside it
