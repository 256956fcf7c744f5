"""A film's frames handed to a viewer as they are restored: the right pair, now and then."""

from __future__ import annotations

import time

import numpy as np
import torch

from engine.library.loading import load_model
from engine.pixels import PHOTO_GREY
from engine.restorer import Restorer
from engine.video import RestoredFrame, restore_video
from engine.video import restore as restore_module
from tests.video_helpers import decoded_frames, make_clip, tiny_restorer

FRAMES = 12
SLOW_FRAME_SECONDS = 0.04


class SlowRestorer(Restorer):
    """Takes a while over each frame, as a real model on a real film does."""

    def enlarge(
        self, pixels, scale_out=None, progress=None, tile=0, ensemble=False, grey=PHOTO_GREY
    ):
        time.sleep(SLOW_FRAME_SECONDS)
        return super().enlarge(pixels, scale_out, progress, tile, ensemble, grey)


def test_each_frame_shown_is_its_source_frame_and_that_frame_restored(tmp_path, monkeypatch):
    monkeypatch.setattr(restore_module, "SHOW_SECONDS", 0.0)  # every frame
    monkeypatch.setattr(restore_module, "SHOW_SHARE", 1.0)
    source = make_clip(tmp_path / "film.mp4", frames=FRAMES, size=(48, 32), audio=None)
    restorer = tiny_restorer(tmp_path)
    shown: list[RestoredFrame] = []
    restore_video(restorer, source, tmp_path / "out.mp4", on_frame=shown.append)

    assert [frame.index for frame in shown] == list(range(FRAMES))
    decoded = [pixels for _, pixels in decoded_frames(source)]
    for frame in shown:
        np.testing.assert_array_equal(frame.source, decoded[frame.index])
        np.testing.assert_array_equal(frame.restored, restorer.enlarge(decoded[frame.index]))


def _show_times(tmp_path, frames: int, listener_seconds: float) -> list[float]:
    """When the frames of a slowly restored film were shown, to a listener that takes
    ``listener_seconds`` over each."""
    source = make_clip(tmp_path / "film.mp4", frames=frames, size=(48, 32), audio=None)
    model = load_model(tiny_restorer(tmp_path).model.descriptor.path)
    shown: list[float] = []

    def show(frame: RestoredFrame) -> None:
        shown.append(time.perf_counter())
        time.sleep(listener_seconds)

    restorer = SlowRestorer(model, torch.device("cpu"))
    restore_video(restorer, source, tmp_path / "out.mp4", on_frame=show)
    return shown


def test_frames_are_shown_a_few_times_a_second_not_every_frame(tmp_path):
    shown = _show_times(tmp_path, FRAMES, listener_seconds=0.0)
    assert 2 <= len(shown) < FRAMES
    assert np.diff(shown).min() >= restore_module.SHOW_SECONDS


def test_a_slow_listener_is_given_frames_less_often(tmp_path):
    listener_seconds = 0.02  # a large frame made into an image
    shown = _show_times(tmp_path, 2 * FRAMES, listener_seconds)
    assert len(shown) >= 2
    assert np.diff(shown).min() >= listener_seconds / restore_module.SHOW_SHARE  # 0.4 s
