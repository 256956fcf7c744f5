"""A film's fading is measured on its pictures: not on its first and last frames (a leader,
a title), and not on a black frame among those measured (a fade to black); a silent film
tinted scene by scene keeps its tints."""

import numpy as np

from engine.fading import LUMA, measure_fading
from engine.imageio import read_picture
from engine.pixels import to_rgb8
from engine.video.film_fading import MEASURED_FRAMES, measure_film_fading, measured_frames
from engine.video.still import FrameReader
from tests.conftest import VAL_DIR
from tests.test_fading import _tone
from tests.test_video_fading import _faded
from tests.video_helpers import make_clip

FRAMES = 40
LEADER = 3  # black frames at each end


def _with_a_leader():
    """``_faded``, but the first and last ``LEADER`` frames black (the look sees them in turn)."""
    seen = iter(range(FRAMES))

    def look(picture):
        index = next(seen)
        if index < LEADER or index >= FRAMES - LEADER:
            return np.full_like(picture, 16)
        return _faded(picture)

    return look


def test_a_leader_of_black_frames_does_not_hide_a_films_fading(tmp_path):
    """Its black frames at 0 hid the greyed blacks: the fix came out all but nothing."""
    plain = make_clip(tmp_path / "plain.mp4", frames=FRAMES, audio=None, look=_faded)
    leader = make_clip(tmp_path / "leader.mp4", frames=FRAMES, audio=None, look=_with_a_leader())
    fix, bare = (measure_film_fading(FrameReader(film)) for film in (leader, plain))
    assert fix.degree == bare.degree == 1
    assert min(fix.gain) > 1.15
    np.testing.assert_allclose(fix.black, bare.black, atol=0.02)


def test_the_first_and_last_frames_are_left_out_unless_they_are_all():
    frames = measured_frames(FRAMES)
    assert len(frames) == MEASURED_FRAMES and frames == sorted(set(frames))
    assert frames[0] > 0 and frames[-1] < FRAMES - 1
    assert measured_frames(4) == [1, 2]
    assert measured_frames(2) == [0, 1] and measured_frames(1) == [0]


def test_a_silent_film_tinted_scene_by_scene_keeps_its_tints():
    """A faded black-and-white film tinted amber in one scene and blue in the next: measured
    together its channels do not rise and fall together, and stretched one by one the amber
    went green and the blue cyan (red to green 1.19 -> 1.12, blue to green 0.72 -> 0.60)."""
    photo = to_rgb8(read_picture(VAL_DIR / "kodim01.png").pixels)
    grey = photo.astype(np.float32) @ LUMA / 255
    tints = {"amber": np.array([1.0, 0.78, 0.45]), "blue": np.array([0.55, 0.70, 1.0])}
    frames = [
        np.rint((0.1 + 0.75 * grey[top : top + 200, :, None] * tint) * 255).astype(np.uint8)
        for tint in tints.values()
        for top in (0, 100, 200)
    ]
    fix = measure_fading(frames)
    assert fix.faded and fix.toned
    for frame in frames:
        fixed = fix.apply(frame)
        assert fixed.std() > 1.2 * frame.std()
        np.testing.assert_allclose(_tone(fixed), _tone(frame), rtol=0.03)
