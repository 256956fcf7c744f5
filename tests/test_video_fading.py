"""A faded film gets one fading correction, measured on frames across it and applied to every
frame alike (frame by frame it would flicker)."""

import numpy as np
import pytest
import torch

import engine.video.restore as restore_module
import engine.video.still as still_module
from engine.cli import main
from engine.errors import Cancelled
from engine.library.loading import load_model
from engine.progress import CancelToken, Progress
from engine.restorer import RestoreOptions
from engine.video import VideoOptions, restore_video
from engine.video.film_fading import MEASURED_FRAMES, measure_film_fading
from engine.video.still import FrameReader
from tests.video_helpers import (
    FailingRestorer,
    NearestRestorer,
    decoded_frames,
    make_clip,
    tiny_restorer,
)

FRAMES = 22


def _faded(picture):
    """Greyed blacks, dull whites and a magenta cast, as old colour film fades."""
    faded = 50 + picture.astype(np.float32) * (150 / 255) * np.array([1.08, 0.9, 1.04])
    return np.clip(faded, 0, 255).astype(np.uint8)


@pytest.fixture
def faded_film(tmp_path):
    return make_clip(tmp_path / "reel.mp4", frames=FRAMES, size=(64, 48), audio=None, look=_faded)


def test_every_frame_gets_the_one_correction_measured_for_the_film(tmp_path, faded_film):
    restorer = NearestRestorer(tiny_restorer(tmp_path).model, torch.device("cpu"))
    fix = measure_film_fading(FrameReader(faded_film))
    target = tmp_path / "fixed.mkv"
    restore_video(
        restorer,
        faded_film,
        target,
        VideoOptions(codec="ffv1", frames=RestoreOptions(fix_fading=True)),
    )
    sources = [pixels for _, pixels in decoded_frames(faded_film)]
    results = [pixels for _, pixels in decoded_frames(target)]
    assert len(results) == FRAMES
    for source, result in zip(sources, results, strict=True):
        expected = restorer.enlarge(fix.apply(source))
        # FFV1 in 4:4:4 YUV: the RGB round trip moves a level or two
        assert np.abs(result.astype(int) - expected).max() <= 3
    assert min(fix.gain) > 1.15  # every channel's contrast comes back
    assert np.std(results) > 1.1 * np.std([restorer.enlarge(s) for s in sources])


def test_the_report_says_whether_the_film_showed_fading_to_fix(tmp_path, faded_film):
    """So that the result is named by what was done (``Recipe.fading_found``)."""
    restorer = NearestRestorer(tiny_restorer(tmp_path).model, torch.device("cpu"))
    plain = make_clip(tmp_path / "plain.mp4", frames=6, size=(64, 48), audio=None)

    def found(film, fix_fading):
        target = tmp_path / f"{film.stem} {fix_fading}.mkv"
        options = VideoOptions(codec="ffv1", frames=RestoreOptions(fix_fading=fix_fading))
        return restore_video(restorer, film, target, options).fading_found

    assert [found(faded_film, True), found(plain, True), found(plain, False)] == [
        True,
        False,
        None,
    ]


def test_the_frames_measured_are_spread_over_the_film(faded_film, monkeypatch):
    read = []
    original = FrameReader.read
    monkeypatch.setattr(
        FrameReader, "read", lambda self, index: read.append(index) or original(self, index)
    )
    measure_film_fading(FrameReader(faded_film))
    assert len(read) == MEASURED_FRAMES and read[0] > 0 and read[-1] < FRAMES - 1  # no leader
    assert read == sorted(read)


def test_a_film_fixed_and_one_not_are_not_mixed(tmp_path, faded_film):
    model = load_model(tiny_restorer(tmp_path).model.descriptor.path)
    target = tmp_path / "out" / "reel.mkv"
    plain = VideoOptions(codec="ffv1", segment_frames=4)
    with pytest.raises(RuntimeError):
        restore_video(FailingRestorer(model, torch.device("cpu"), 9), faded_film, target, plain)
    fixed = VideoOptions(codec="ffv1", segment_frames=4, frames=RestoreOptions(fix_fading=True))
    report = restore_video(
        FailingRestorer(model, torch.device("cpu"), 10**9), faded_film, target, fixed
    )
    assert report.resumed_from == 0


def test_the_command_line_fixes_a_films_fading(tmp_path, faded_film):
    model = str(tiny_restorer(tmp_path).model.descriptor.path)
    base = ["restore-video", str(faded_film), "--model", model, "--codec", "ffv1"]
    assert main([*base, "-o", str(tmp_path / "plain.mkv")]) == 0
    assert main([*base, "-o", str(tmp_path / "fixed.mkv"), "--fix-fading"]) == 0
    plain = np.stack([p for _, p in decoded_frames(tmp_path / "plain.mkv")])
    fixed = np.stack([p for _, p in decoded_frames(tmp_path / "fixed.mkv")])
    assert fixed.std() > 1.1 * plain.std()


def test_measuring_says_how_far_it_is_and_can_be_cancelled(tmp_path, faded_film):
    token = CancelToken()
    notes = []

    def listen(event):
        notes.append(event.what)
        if len(notes) == 3:
            token.cancel()

    restorer = NearestRestorer(tiny_restorer(tmp_path).model, torch.device("cpu"))
    with pytest.raises(Cancelled):
        restore_video(
            restorer,
            faded_film,
            tmp_path / "fixed.mkv",
            VideoOptions(codec="ffv1", frames=RestoreOptions(fix_fading=True)),
            Progress(listen, token),
        )
    assert notes[:3] == [f"measuring the fading: {n}/{MEASURED_FRAMES} frames" for n in range(3)]
    assert not (tmp_path / "fixed.mkv").exists()


def test_the_film_is_scanned_once_for_its_restoration_and_its_measuring(
    tmp_path, faded_film, monkeypatch
):
    """Probing reads the whole file: the measuring reuses the restoration's probe."""
    scans = []
    real_probe = restore_module.probe

    def counted(source):
        scans.append(source)
        return real_probe(source)

    monkeypatch.setattr(restore_module, "probe", counted)
    monkeypatch.setattr(still_module, "probe", counted)
    restorer = NearestRestorer(tiny_restorer(tmp_path).model, torch.device("cpu"))
    restore_video(
        restorer,
        faded_film,
        tmp_path / "f.mkv",
        VideoOptions(codec="ffv1", frames=RestoreOptions(fix_fading=True)),
    )
    assert len(scans) == 1
