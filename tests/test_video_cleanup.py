"""Dust and flicker in the film path: the frames the model gets are cleaned with the frames
around them, alike in a whole run, a resumed one, a stretch of the film and a preview."""

from itertools import pairwise

import numpy as np
import pytest
import torch

from engine.cli import main
from engine.imageio import read_picture
from engine.library.loading import load_model
from engine.progress import silent
from engine.provenance import DESCRIPTION_TAG, exif_tags
from engine.restorer import RestoreOptions
from engine.retouch.fill import fill_marks
from engine.video import FilmCleanup, FrameReader, VideoOptions, restore_video
from engine.video import frames as frames_module
from engine.video.frames import before_frame, decode_frames
from engine.video.restore import prepare_film, restore_frames
from engine.video.weave import footing, step
from tests.video_helpers import (
    EVERY_CLEANUP,
    FailingRestorer,
    KeptFrames,
    PanWithDirt,
    decoded_frames,
    make_clip,
    scene,
    tiny_restorer,
)

FRAMES = 12
CPU = torch.device("cpu")
DIRTY = 5  # the frame with a spot of dirt
SPOT = np.s_[20:26, 30:36]
EXPOSURES = [1.0, 1.15, 0.9, 1.1, 0.85, 1.2, 0.95, 1.1, 0.9, 1.05, 0.8, 1.0]
ALL = EVERY_CLEANUP
DUST = FilmCleanup(remove_dust=True)
WEAVING = [(0, 0), (2, -1), (-1, 2), (1, 0), (-2, -2), (0, 1), (2, 2), (-1, -1), (1, -2), (0, 2)]
WEAVING += [(-2, 0), (1, 1), (0, -2), (2, 0), (-1, 1), (1, -1)]
"""Where each frame of a weaving film shows its (still) scene, in pixels across and down."""


class _Weaving:
    """A ``look`` for make_clip: a still scene that lies elsewhere on each frame (``WEAVING``)."""

    def __init__(self) -> None:
        self.drawn = 0

    def __call__(self, picture: np.ndarray) -> np.ndarray:
        height, width = picture.shape[:2]
        across, down = WEAVING[self.drawn]
        self.drawn += 1
        still = scene(height + 8, width + 8)[4 - down : 4 - down + height, 4 - across :]
        return np.clip(np.rint(still[:, :width]), 0, 255).astype(np.uint8)


@pytest.fixture
def film(tmp_path):
    return make_clip(
        tmp_path / "dusty.mkv",
        frames=FRAMES,
        size=(160, 96),
        codec="ffv1",
        look=PanWithDirt(DIRTY, SPOT, EXPOSURES),
    )


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path)


def _fed(restorer, film, tmp_path, start=0, count=None, cleanup=ALL):
    """The frames the model is given from ``start`` on (``count`` of them, or to the end)."""
    options = VideoOptions(codec="ffv1", cleanup=cleanup)
    job = prepare_film(restorer, film, tmp_path / "out.mkv", options, silent())
    kept = KeptFrames()
    after = before_frame(job.info, start)
    restore_frames(restorer, job, lambda frames: frames, kept, start, after, count)
    return {frame.index: frame.pixels for frame in kept.frames}


def test_the_model_is_given_frames_with_their_dirt_filled_in(restorer, film, tmp_path):
    decoded = {frame.index: frame.pixels for frame in decode_frames(FrameReader(film).info)}
    cleaned = _fed(restorer, film, tmp_path, cleanup=DUST)
    plain = _fed(restorer, film, tmp_path, cleanup=FilmCleanup())
    assert sorted(cleaned) == list(range(FRAMES))
    assert decoded[DIRTY][SPOT].max() < 10  # the spot as the film has it
    exposed = [
        decoded[index][SPOT] * (EXPOSURES[DIRTY] / EXPOSURES[index])
        for index in (DIRTY - 1, DIRTY + 1)
    ]  # the picture under the spot, as the neighbours show it, at the frame's exposure
    assert np.abs(cleaned[DIRTY][SPOT] - (exposed[0] + exposed[1]) / 2).mean() < 12
    np.testing.assert_array_equal(plain[DIRTY], decoded[DIRTY])  # off: as decoded


def test_the_model_is_given_frames_with_their_flicker_steadied(restorer, film, tmp_path):
    steadied = _fed(restorer, film, tmp_path, cleanup=FilmCleanup(steady_flicker=True))
    plain = _fed(restorer, film, tmp_path, cleanup=FilmCleanup())

    def flicker(frames):
        means = [frames[index].astype(float).mean() for index in sorted(frames)]
        return np.abs(np.diff(means)).mean()

    assert flicker(steadied) < 0.4 * flicker(plain)


class _PanShowingTwice:
    """A ``look`` for make_clip: a camera panning 4 pixels a frame that shows the picture of
    frame ``twice - 1`` again on frame ``twice``."""

    def __init__(self, twice: int) -> None:
        self.twice, self.drawn = twice, 0

    def __call__(self, picture: np.ndarray) -> np.ndarray:
        place = self.drawn - (self.drawn >= self.twice)
        self.drawn += 1
        return _panned(picture.shape[:2], 4 * place)


def _panned(size: tuple[int, int], shift: int) -> np.ndarray:
    height, width = size
    pan = scene(height, width + 64)[:height, shift : shift + width]
    return np.clip(np.rint(pan), 0, 255).astype(np.uint8)


def test_the_model_is_given_a_frame_halfway_where_the_film_shows_one_twice(restorer, tmp_path):
    film = make_clip(
        tmp_path / "twice.mkv",
        frames=FRAMES,
        size=(160, 96),
        codec="ffv1",
        look=_PanShowingTwice(6),
    )
    smooth = FilmCleanup(smooth_repeats=True)
    smoothed = _fed(restorer, film, tmp_path, cleanup=smooth)
    plain = _fed(restorer, film, tmp_path, cleanup=FilmCleanup())
    assert np.abs(plain[6].astype(int) - plain[5]).mean() < 1  # shown twice as decoded
    truth = _panned((96, 160), 22)[:, 8:-8].astype(int)  # 5.5 frames along
    assert (
        np.abs(smoothed[6][:, 8:-8] - truth).mean() < 0.4 * np.abs(plain[6][:, 8:-8] - truth).mean()
    )
    for index in set(range(FRAMES)) - {6}:
        np.testing.assert_array_equal(smoothed[index], plain[index])
    for start in (5, 6, 7):  # a run resumed there gives the model the same frames
        resumed = _fed(restorer, film, tmp_path, start=start, cleanup=smooth)
        for index in resumed:
            np.testing.assert_array_equal(resumed[index], smoothed[index])


def test_a_frame_shown_twice_is_restored_once_and_a_run_resumed_there_makes_it_the_same(
    tmp_path, restorer
):
    look = _PanShowingTwice(6)
    film = make_clip(tmp_path / "twice.mkv", frames=FRAMES, size=(160, 96), codec="ffv1", look=look)
    options = VideoOptions(codec="ffv1", segment_frames=6)
    counting = FailingRestorer(restorer.model, CPU, 10**9)
    whole = restore_video(counting, film, tmp_path / "whole.mkv", options)
    assert counting.frames == FRAMES - 1
    restored = [pixels for _, pixels in decoded_frames(whole.target)]
    np.testing.assert_array_equal(restored[6], restored[5])
    assert np.abs(restored[7].astype(int) - restored[6]).mean() > 2
    target = tmp_path / "out" / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(FailingRestorer(restorer.model, CPU, 7), film, target, options)
    resumed = restore_video(FailingRestorer(restorer.model, CPU, 10**9), film, target, options)
    assert resumed.resumed_from == 6  # frame 6 restored from frame 5's pixels, as a whole run
    for one, other in zip(restored, decoded_frames(resumed.target), strict=True):
        np.testing.assert_array_equal(one, other[1])


def _weaving_film(path, look):
    """A film of ``len(WEAVING)`` frames drawn by ``look`` (a ``_Weaving``)."""
    return make_clip(path, frames=len(WEAVING), size=(160, 96), codec="ffv1", look=look)


def test_the_model_is_given_frames_with_their_picture_held_still(restorer, tmp_path):
    film = _weaving_film(tmp_path / "weaving.mkv", _Weaving())
    held = _fed(restorer, film, tmp_path, cleanup=FilmCleanup(steady_picture=True))
    plain = _fed(restorer, film, tmp_path, cleanup=FilmCleanup())

    def jumps(frames):  # from frame to frame, where three frames each side say where to be
        footings = [footing(frames[index]) for index in range(3, len(WEAVING) - 3)]
        return np.abs(np.array([step(*pair) for pair in pairwise(footings)])).mean()

    assert jumps(plain) > 1.0
    assert jumps(held) < 0.25 * jumps(plain)


@pytest.mark.parametrize(("start", "count"), [(3, 4), (5, 1), (6, None), (11, None)])
def test_a_stretch_of_the_film_gets_the_frames_a_whole_run_gets(
    restorer, film, tmp_path, start, count
):
    whole = _fed(restorer, film, tmp_path)
    part = _fed(restorer, film, tmp_path, start, count)
    assert sorted(part) == list(range(start, FRAMES if count is None else start + count))
    for index, pixels in part.items():
        np.testing.assert_array_equal(pixels, whole[index])


def test_a_run_cleans_frames_side_by_side_as_its_device_allows(
    restorer, film, tmp_path, monkeypatch
):
    alone = _fed(restorer, film, tmp_path)
    asked = []

    def three(device_type):
        asked.append(device_type)
        return 3  # as for a model on a GPU

    monkeypatch.setattr("engine.video.restore.cleanup_workers", three)
    side_by_side = _fed(restorer, film, tmp_path)
    assert asked == ["cpu"]
    for index, pixels in alone.items():
        np.testing.assert_array_equal(side_by_side[index], pixels)


def test_a_preview_shows_the_frame_a_run_restores(restorer, film, tmp_path):
    whole = _fed(restorer, film, tmp_path)
    reader = FrameReader(film)
    for index in (0, DIRTY, FRAMES - 1):
        np.testing.assert_array_equal(reader.read(index, ALL), whole[index])
    assert reader.read(DIRTY)[SPOT].max() < 10  # without: the spot is there


def test_a_resumed_run_with_a_cleanup_matches_a_whole_run(tmp_path, film, monkeypatch):
    model = tiny_restorer(tmp_path).model.descriptor.path
    options = VideoOptions(codec="ffv1", segment_frames=9, cleanup=ALL)
    whole = restore_video(
        FailingRestorer(load_model(model), CPU, 10**9), film, tmp_path / "w.mkv", options
    )
    record = "dust removed; flicker steadied; grain calmed; picture steadied; repeated frames"
    assert record in whole.target.read_bytes().decode("latin-1")
    target = tmp_path / "out" / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(FailingRestorer(load_model(model), CPU, 10), film, target, options)
    monkeypatch.setattr(frames_module, "_decode_from_beginning", _must_not_be_called)
    report = restore_video(FailingRestorer(load_model(model), CPU, 10**9), film, target, options)
    assert report.resumed_from == 9  # and frames 1 to 8 decoded again, to clean 9 to 11
    for (time_a, a), (time_b, b) in zip(
        decoded_frames(whole.target), decoded_frames(target), strict=True
    ):
        assert time_a == time_b
        np.testing.assert_array_equal(a, b)


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("resuming decoded the film from its first frame")


def test_the_cleanup_is_a_setting_a_resumed_film_must_share(tmp_path, film):
    model = tiny_restorer(tmp_path).model.descriptor.path
    plain = VideoOptions(codec="ffv1", segment_frames=4)
    target = tmp_path / "out" / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(FailingRestorer(load_model(model), CPU, 6), film, target, plain)
    dusted = VideoOptions(codec="ffv1", segment_frames=4, cleanup=DUST)
    report = restore_video(FailingRestorer(load_model(model), CPU, 10**9), film, target, dusted)
    assert report.resumed_from == 0


def test_the_command_line_cleans_films_when_asked(tmp_path, film, capsys):
    model = str(tiny_restorer(tmp_path).model.descriptor.path)
    out = tmp_path / "clean.mkv"
    args = ["restore-video", str(film), "-o", str(out), "--model", model, "--codec", "ffv1"]
    flags = [
        "--remove-dust",
        "--steady-flicker",
        "--calm-grain",
        "--steady-picture",
        "--smooth-repeats",
    ]
    assert main([*args, *flags]) == 0
    said = "steadying the picture, removing dust, calming grain, steadying flicker, smoothing"
    assert said in capsys.readouterr().err
    record = "dust removed; flicker steadied; grain calmed; picture steadied; repeated frames"
    assert record in out.read_bytes().decode("latin-1")  # the film says what was done


def test_the_command_line_previews_a_cleaned_frame_as_a_run_restores_it(
    tmp_path, film, restorer, capsys
):
    model = str(restorer.model.descriptor.path)
    out = tmp_path / "frame.png"
    flags = ["--remove-dust", "--calm-grain", "--steady-flicker", "--steady-picture"]
    flags.append("--smooth-repeats")
    args = ["preview", str(film), "--frame", str(DIRTY + 1), "-o", str(out), "--model", model]
    assert main([*args, *flags]) == 0
    said = capsys.readouterr().out
    assert f"frame {DIRTY + 1} restored with" in said and "steadying flicker" in said
    expected = restorer.enlarge(FrameReader(film).read(DIRTY, ALL))
    np.testing.assert_array_equal(read_picture(out).pixels, expected)
    described = exif_tags(read_picture(out).exif)[DESCRIPTION_TAG]
    assert described.startswith("Restored with") and described.endswith(
        f"; frame {DIRTY + 1} of {film.name}, a preview"
    )


def test_a_frame_previews_record_says_every_option_it_was_made_with(tmp_path, film, restorer):
    model = str(restorer.model.descriptor.path)
    out = tmp_path / "frame.png"
    args = ["preview", str(film), "--frame", "1", "-o", str(out), "--model", model]
    assert main([*args, "--ensemble", "--fix-fading", "--grain", "0.3"]) == 0
    described = exif_tags(read_picture(out).exif)[DESCRIPTION_TAG]
    assert "eight orientations averaged" in described and "fine grain added (30%)" in described
    assert "fading fixed first" in described or "no sign of fading" in described


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        ([], "needs --frame N"),
        (["--frame", "2", "--part", "0,0,8,8"], "takes no --part"),
        (["--frame", "13"], "has frames 1 to 12"),
        (["--frame", "2", "--long-side", "400"], "a size is for photos"),
    ],
)
def test_a_film_preview_asked_wrongly_says_how(tmp_path, film, restorer, arguments, said, capsys):
    model = str(restorer.model.descriptor.path)
    args = ["preview", str(film), "-o", str(tmp_path / "f.png"), "--model", model, *arguments]
    assert main(args) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "f.png").exists()


def test_marks_change_a_films_key_and_description_and_move_its_grain_each_frame(
    restorer, film, tmp_path
):
    """A run with other marks starts afresh; the film says what was filled; the grain put
    into a mark changes from frame to frame, as the film's own does."""
    marks = np.zeros((96, 160), np.uint8)
    marks[40:50, 60:90] = 255
    plain = prepare_film(restorer, film, tmp_path / "a.mkv", VideoOptions(codec="ffv1"), silent())
    marked = prepare_film(
        restorer, film, tmp_path / "b.mkv", VideoOptions(codec="ffv1", marks=marks), silent()
    )
    assert plain.key != marked.key
    assert "1 marked place filled on every frame" in marked.description
    scratch = np.zeros_like(marks)
    scratch[40:44, 60:90] = 255  # thin: filled smooth, with grain drawn for its frame
    grainy = np.random.default_rng(0).normal(120, 6, (96, 160, 3)).clip(0, 255).astype(np.uint8)
    first, second = (fill_marks(grainy, scratch, seed=n).pixels for n in (0, 1))
    assert not np.array_equal(first[40:44, 60:90], second[40:44, 60:90])
    assert np.array_equal(first[scratch == 0], second[scratch == 0])


class _WeavingWithHair(_Weaving):
    """A weaving scene with a hair caught in the gate: it stays put while the picture weaves."""

    def __call__(self, picture: np.ndarray) -> np.ndarray:
        pixels = super().__call__(picture)
        pixels[HAIR] = 250
        return pixels


HAIR = np.s_[20:70, 80:82]


def test_marks_are_filled_where_they_were_drawn_before_the_picture_is_steadied(restorer, tmp_path):
    film = _weaving_film(tmp_path / "gate.mkv", _WeavingWithHair())
    marks = np.zeros((96, 160), np.uint8)
    marks[18:72, 79:83] = 255  # drawn over the hair on a frame as decoded
    options = VideoOptions(codec="ffv1", cleanup=FilmCleanup(steady_picture=True), marks=marks)
    job = prepare_film(restorer, film, tmp_path / "out.mkv", options, silent())
    kept = KeptFrames()
    restore_frames(restorer, job, lambda frames: frames, kept, 0, None, None)
    near = np.s_[15:75, 70:92]  # the hair's place, and a frame's move either way
    for frame in kept.frames:
        assert frame.pixels[near].max(axis=-1).max() < 240, frame.index  # no hair anywhere
        assert frame.source[HAIR].min() >= 240  # shown beside it: the frame as decoded
    reader = FrameReader(film)
    for index in (3, 8):  # a preview fills and steadies the frame the same way
        np.testing.assert_array_equal(
            reader.read(index, options.cleanup, marks), kept.frames[index].pixels
        )


def test_grain_is_added_to_each_restored_frame_and_a_repeat_keeps_its_frames(tmp_path, restorer):
    look = _PanShowingTwice(6)
    film = make_clip(tmp_path / "twice.mkv", frames=FRAMES, size=(160, 96), codec="ffv1", look=look)
    plain = restore_video(restorer, film, tmp_path / "plain.mkv", VideoOptions(codec="ffv1"))
    grained = VideoOptions(codec="ffv1", frames=RestoreOptions(grain=0.6))
    report = restore_video(restorer, film, tmp_path / "grain.mkv", grained)
    assert "fine grain added (60%)" in report.target.read_bytes().decode("latin-1")
    without = [pixels.astype(int) for _, pixels in decoded_frames(plain.target)]
    grain = [pixels - without[i] for i, (_, pixels) in enumerate(decoded_frames(report.target))]
    assert all(2 < np.abs(g).mean() < 8 for g in grain)
    np.testing.assert_array_equal(grain[6], grain[5])  # the frame shown twice, grain and all
    assert np.abs(grain[8] - grain[7]).mean() > 2  # each frame its own


def test_the_command_line_takes_grain_as_a_share(tmp_path, film, capsys):
    model = str(tiny_restorer(tmp_path).model.descriptor.path)
    args = ["restore-video", str(film), "-o", str(tmp_path / "g.mkv"), "--model", model]
    with pytest.raises(SystemExit):
        main([*args, "--grain", "1.5"])
    assert "1.5 is not a share from 0 to 1" in capsys.readouterr().err
