"""A film frame's preview changed for while it is being made: the settings moved, or marks
kept, before it is shown. The frame shown in the end is made as they are now, as a photo's
part is (tests/app/test_gui_part_preview.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_helpers import FRAME_WAIT_MS, open_film, rgb_pixels
from marking_helpers import drag, start_marking
from PySide6.QtCore import QPointF

from app import workers
from app.main_window import MainWindow
from app.part_preview import SETTLE_MS
from app.spot_marks import stored_marks
from engine.library.loading import load_model
from engine.restorer import Restorer
from engine.video import FilmCleanup
from engine.video.still import FrameReader
from tests.video_helpers import PanWithDirt, decoded_frames, make_clip


@dataclass
class HeldPreview:
    """Frame previews held in the worker until ``release`` is set; ``asked`` is set once
    the first is being made, ``made`` counts those made."""

    asked: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    made: int = 0


@pytest.fixture
def held_preview(monkeypatch) -> Iterator[HeldPreview]:
    held = HeldPreview()
    real = workers.Restorer.enlarge

    def waiting(restorer, *args, **kwargs):
        held.made += 1
        held.asked.set()
        held.release.wait(FRAME_WAIT_MS / 1000)
        return real(restorer, *args, **kwargs)

    monkeypatch.setattr(workers.Restorer, "enlarge", waiting)
    yield held
    held.release.set()  # a test that failed does not keep the worker waiting


def _previewing(window: MainWindow, qtbot, held: HeldPreview) -> None:
    """Press Preview and wait until the frame is being made (held there)."""
    window.preview_action.trigger()
    qtbot.waitUntil(held.asked.is_set, timeout=FRAME_WAIT_MS)


def _shown_in_the_end(window: MainWindow, qtbot, held: HeldPreview) -> np.ndarray:
    """Let the previews go, and the after side once no more is under way."""
    held.release.set()
    qtbot.waitUntil(lambda: not window.runner.previewing, timeout=FRAME_WAIT_MS)
    assert window.viewer.has_after()
    return rgb_pixels(window.viewer.after_image()).astype(int)


def test_settings_changed_while_a_frame_preview_is_under_way_are_previewed_once_it_ends(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, held_preview
):
    """Preview with Remove dust off, Remove dust ticked before the frame is shown: the frame
    shown in the end has its dust removed."""
    dirt = PanWithDirt(3, np.s_[20:26, 30:36])
    film = make_clip(tmp_path / "old.mkv", frames=8, size=(160, 96), codec="ffv1", look=dirt)
    frame = [pixels for _, pixels in decoded_frames(film)][3]
    window = make_window()
    open_film(window, qtbot, film)
    window.scrubber.slider.setValue(3)
    qtbot.waitUntil(lambda: _shows(window, frame), timeout=FRAME_WAIT_MS)
    _previewing(window, qtbot, held_preview)
    window.settings_panel.dust_check.setChecked(True)
    qtbot.wait(2 * SETTLE_MS)  # the settings rest while the preview is still under way

    shown = _shown_in_the_end(window, qtbot, held_preview)
    assert held_preview.made == 2  # made again once, not on and on
    assert window.scrubber.note.text() == "Preview of frame 4 with Tiny"
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    cleaned = restorer.enlarge(FrameReader(film).read(3, FilmCleanup(remove_dust=True)))
    assert np.abs(shown - cleaned).max() <= 1


def test_marks_kept_while_a_frame_preview_is_under_way_are_previewed_once_it_ends(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, held_preview
):
    """Preview pressed, then a hair in the gate marked and kept before the frame is shown:
    the frame shown in the end has the hair filled."""
    film = make_clip(
        tmp_path / "gate.mkv", frames=4, size=(64, 48), codec="ffv1", audio=None, look=_with_hair
    )
    window = make_window()
    item = open_film(window, qtbot, film)
    _previewing(window, qtbot, held_preview)
    marking = start_marking(window, qtbot)
    marking.bar.brush.setValue(12)
    window.viewer.set_zoom(4.0, window.viewer.marks_transform().map(QPointF(31, 25)))
    drag(window.viewer, [QPointF(31, 12), QPointF(31, 38)])
    with qtbot.waitSignal(marking.marks_changed, timeout=FRAME_WAIT_MS):  # kept, and told
        marking.bar.done_button.click()
    assert stored_marks(item.source) is not None

    shown = _shown_in_the_end(window, qtbot, held_preview)
    assert shown[60:140, 124:128].mean() < 160  # the hair, 4x
    assert held_preview.made == 2


def _shows(window: MainWindow, frame: np.ndarray) -> bool:
    before = window.viewer.before_image()
    return before is not None and np.array_equal(rgb_pixels(before), frame)


def _with_hair(picture: np.ndarray) -> np.ndarray:
    picture = picture.copy()
    picture[10:40, 30:32] = 255
    return picture
