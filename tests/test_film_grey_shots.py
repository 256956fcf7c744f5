"""A faded colour film with a black-and-white shot in it: the film's one fading correction,
measured channel by channel, takes the cast out of its colour frames, while the grey frames
get the levels of their brightness only and stay grey, in the restore and its preview alike.
A film whose fading was to be fixed and that shows none is said to be left as it was."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.fading import LUMA, FadingFix
from engine.progress import silent
from engine.restorer import RestoreOptions, Restorer
from engine.video import VideoOptions, restore_frame_files, restore_video
from engine.video.film_fading import measure_film_fading
from engine.video.frame_preview import FramePreviewer
from engine.video.restore import brightness_fix
from engine.video.still import FrameReader
from tests.video_helpers import decoded_frames, make_clip, tiny_restorer

FRAMES = 18
GREY_SHOT = range(6, 12)
CAST = np.array([1.08, 0.9, 1.04])
FIXED = VideoOptions(codec="ffv1", frames=RestoreOptions(fix_fading=True))
UNFADED_NOTE = "shows no sign of fading; its colours are left as they were"


class FadedWithGreyShot:
    """A ``look`` for make_clip: greyed blacks, dull whites and a magenta cast, as old colour
    film fades, on every frame but those of ``GREY_SHOT``, a black-and-white shot (greyed
    too, with no cast)."""

    def __init__(self) -> None:
        self.index = 0

    def __call__(self, picture: np.ndarray) -> np.ndarray:
        index, self.index = self.index, self.index + 1
        if index in GREY_SHOT:
            grey = picture.astype(np.float32) @ LUMA
            faded = np.repeat((50 + grey * (150 / 255))[..., None], 3, axis=2)
        else:
            faded = 50 + picture.astype(np.float32) * (150 / 255) * CAST
        return np.clip(np.rint(faded), 0, 255).astype(np.uint8)


@pytest.fixture
def mixed_film(tmp_path: Path) -> Path:
    return make_clip(
        tmp_path / "reel.mkv", frames=FRAMES, codec="ffv1", audio=None, look=FadedWithGreyShot()
    )


@pytest.fixture
def restorer(tmp_path: Path) -> Restorer:
    return tiny_restorer(tmp_path)


def _colour_lean(pixels: np.ndarray) -> float:
    """How far the red and blue channels are from the green on average, in levels."""
    rgb = pixels.astype(np.int32)
    return max(np.abs(rgb[..., c] - rgb[..., 1]).mean() for c in (0, 2))


def test_a_black_and_white_shot_stays_grey_while_the_colour_frames_are_fixed(
    tmp_path, mixed_film, restorer
):
    fix = measure_film_fading(FrameReader(mixed_film))
    assert fix.faded and len(fix.gain) == 3 and np.ptp(fix.gain) > 0.05  # a cast to take out
    target = tmp_path / "fixed.mkv"
    restore_video(restorer, mixed_film, target, FIXED)
    sources, results = _pixels(mixed_film), _pixels(target)
    assert len(results) == FRAMES
    for index, (source, result) in enumerate(zip(sources, results, strict=True)):
        if index in GREY_SHOT:
            assert _colour_lean(source) == 0
            assert _colour_lean(result) <= 1
        else:
            expected = restorer.enlarge(fix.apply(source))
            # FFV1 in 4:4:4 YUV: the RGB round trip moves a level or two
            assert np.abs(result.astype(int) - expected).max() <= 3


def test_the_grey_shot_gets_the_films_correction_of_its_brightness(tmp_path, mixed_film, restorer):
    target = tmp_path / "fixed.mkv"
    restore_video(restorer, mixed_film, target, FIXED)
    plain = tmp_path / "plain.mkv"
    restore_video(restorer, mixed_film, plain, VideoOptions(codec="ffv1"))
    fixed_shot = np.stack([p for i, p in enumerate(_pixels(target)) if i in GREY_SHOT])
    plain_shot = np.stack([p for i, p in enumerate(_pixels(plain)) if i in GREY_SHOT])
    assert fixed_shot.std() > 1.1 * plain_shot.std()  # its greyed blacks and dull whites


def test_a_grey_frame_previewed_is_the_frame_restored(tmp_path, mixed_film, restorer):
    target = tmp_path / "fixed.mkv"
    restore_video(restorer, mixed_film, target, FIXED)
    index = GREY_SHOT[2]
    previewed = FramePreviewer(mixed_film).preview(
        restorer, index, RestoreOptions(fix_fading=True), silent()
    )
    assert _colour_lean(previewed) == 0
    assert np.abs(previewed.astype(int) - _pixels(target)[index]).max() <= 1


def test_the_brightness_fix_is_the_brightness_of_the_films_fix():
    fix = FadingFix(black=(0.2, 0.1, 0.15), gain=(1.3, 1.6, 1.4))
    ramp = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2)
    corrected = fix.apply(ramp)[0]
    brightness = corrected.astype(np.float32) @ LUMA
    single = brightness_fix(fix)
    assert len(single.black) == len(single.gain) == 1 and single.degree == fix.degree
    unclipped = np.all((corrected > 0) & (corrected < 255), axis=1)  # no channel clipped
    assert unclipped.sum() > 100
    assert np.abs(single.apply(ramp[..., 0])[0] - brightness)[unclipped].max() <= 1


def test_a_film_with_no_fading_is_said_to_be_left_as_it_was(tmp_path, restorer):
    film = make_clip(tmp_path / "clip.mkv", frames=6, codec="ffv1", audio=None)
    told: list[str] = []
    restore_video(restorer, film, tmp_path / "fixed.mkv", FIXED, on_notice=told.append)
    assert told == [f"clip.mkv {UNFADED_NOTE}"]


def test_a_film_with_no_fading_written_as_frames_is_said_to_be_left_as_it_was(tmp_path, restorer):
    film = make_clip(tmp_path / "clip.mkv", frames=6, codec="ffv1", audio=None)
    told: list[str] = []
    pattern = tmp_path / "frames" / "f_%04d.png"
    restore_frame_files(restorer, film, pattern, FIXED, on_notice=told.append)
    assert told == [f"clip.mkv {UNFADED_NOTE}"]


def test_a_faded_film_is_not_said_to_be_left_alone(tmp_path, mixed_film, restorer):
    told: list[str] = []
    restore_video(restorer, mixed_film, tmp_path / "fixed.mkv", FIXED, on_notice=told.append)
    assert not any(UNFADED_NOTE in note for note in told)


def test_the_command_line_says_a_film_shows_no_fading(tmp_path, restorer, capsys):
    film = make_clip(tmp_path / "clip.mkv", frames=6, codec="ffv1", audio=None)
    model = str(restorer.model.descriptor.path)
    out = str(tmp_path / "out.mkv")
    arguments = ["restore-video", str(film), "--model", model, "--codec", "ffv1", "-o", out]
    assert main([*arguments, "--fix-fading"]) == 0
    assert f"note: clip.mkv {UNFADED_NOTE}" in capsys.readouterr().err


def _pixels(path: Path) -> list[np.ndarray]:
    return [pixels for _, pixels in decoded_frames(path)]
