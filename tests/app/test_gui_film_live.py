"""A film being restored, as a person watches it: each frame shown as it is made (the frame bar
following it until the person moves it), one progress figure in the row and both bars, and
Cancel that shows at once."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_helpers import (
    FRAME_WAIT_MS,
    Stopwatch,
    open_film,
    rgb_pixels,
    wait_for_status,
    wait_until_read,
    write_photo,
)

from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, status_text
from app.restore_runner import RunProgress
from app.run_bars import BAR_STEPS
from engine.library.loading import load_model
from engine.restorer import Restorer
from tests.video_helpers import decoded_frames, make_clip

FRAMES = 12
SLOW_TILE = 16  # many tiles a frame: a film slow enough to watch
CANCEL_WITHIN_SECONDS = 3.0
LIVE_NOTE = "Restoring: showing the latest frame restored"


def _slow_film(tmp_path: Path, window: MainWindow) -> Path:
    """A 12-frame film of 160x120, restored in tiles of 16 px: a fraction of a second a frame
    (a few live frames shown, a cancel mid-film)."""
    window.settings_panel.tile_spin.setValue(SLOW_TILE)
    return make_clip(tmp_path / "film.mp4", frames=FRAMES, size=(160, 120), audio=None)


def _figures(window: MainWindow, item: QueueItem, progress: RunProgress) -> dict[str, object]:
    """What a person reads of the film's progress: its row, its bar and both status bars."""
    return {
        "frames": item.frames_done / item.video.frames,
        "row": status_text(item).split(" · ")[0],
        "row bar": item.progress,
        "item": progress.item_fraction,
        "item bar": window.run_bars.item_bar.value() / BAR_STEPS,
        "queue": progress.fraction,
        "queue bar": window.run_bars.queue_bar.value() / BAR_STEPS,
    }


def _record(window: MainWindow, item: QueueItem) -> list[dict[str, object]]:
    """The figures at each report of the run while ``item`` is mid-way."""
    seen: list[dict[str, object]] = []

    def note(progress: RunProgress) -> None:
        if item.status is ItemStatus.RESTORING and 0 < item.frames_done < item.video.frames:
            seen.append(_figures(window, item, progress))

    window.runner.progress_changed.connect(note)
    return seen


def _agree(figures: dict[str, object]) -> bool:
    """Frames done, the row's bar, the item's figure and bar all say the same."""
    fraction = figures["frames"]
    bar = round(fraction * BAR_STEPS) / BAR_STEPS
    return (
        figures["row bar"] == figures["item"] == fraction
        and figures["item bar"] == bar
        and figures["row"] == f"Frame {round(fraction * FRAMES)} / {FRAMES}"
    )


def _paced(monkeypatch: pytest.MonkeyPatch) -> threading.Semaphore:
    """Each frame the worker enlarges waits for a release of the semaphore returned (a
    minute at most): the test sets the pace, however busy the machine."""
    gate = threading.Semaphore(0)
    enlarge = Restorer.enlarge

    def paced(self: Restorer, *args, **kwargs) -> np.ndarray:
        gate.acquire(timeout=60)
        return enlarge(self, *args, **kwargs)

    monkeypatch.setattr(Restorer, "enlarge", paced)
    return gate


def test_the_viewer_shows_each_frame_as_it_is_restored_until_the_person_moves(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    window = make_window()
    film = _slow_film(tmp_path, window)
    item = open_film(window, qtbot, film)
    sources = [pixels for _, pixels in decoded_frames(film)]
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    expected = [restorer.enlarge(pixels, tile=SLOW_TILE) for pixels in sources]
    poster = window.scrubber.index()
    gate = _paced(monkeypatch)
    window.restore_selected()

    followed: list[int] = []
    for _ in range(2):  # two frames made, one after the other
        gate.release()
        qtbot.waitUntil(
            lambda: window.viewer.has_after() and window.scrubber.index() not in followed,
            timeout=60_000,
        )
        followed.append(window.scrubber.index())
        assert item.status is ItemStatus.RESTORING
        index = window.scrubber.index()
        assert window.scrubber.note.text() == LIVE_NOTE
        assert np.array_equal(rgb_pixels(window.viewer.before_image()), sources[index])
        after = rgb_pixels(window.viewer.after_image()).astype(int)
        assert np.abs(after - expected[index]).max() <= 1
    assert followed[0] != poster and followed == sorted(followed)  # the bar went with the work

    # The person moves the bar: it stays where put, with that frame's original alone.
    window.scrubber.slider.setValue(FRAMES - 1)
    qtbot.waitUntil(
        lambda: np.array_equal(rgb_pixels(window.viewer.before_image()), sources[FRAMES - 1]),
        timeout=FRAME_WAIT_MS,
    )
    assert not window.viewer.has_after()
    done = item.frames_done
    gate.release(2)
    qtbot.waitUntil(lambda: item.frames_done >= done + 2, timeout=60_000)
    assert window.scrubber.index() == FRAMES - 1 and not window.viewer.has_after()
    gate.release(FRAMES)  # the rest may go on, until Cancel
    window.cancel_action.trigger()
    wait_for_status(qtbot, item, ItemStatus.CANCELLED, timeout=10_000)


def test_the_row_and_both_bars_read_one_figure(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    """The film's frames done of its frames, everywhere; the queue weighs it by its pixels
    against the photo after it."""
    window = make_window()
    film = _slow_film(tmp_path, window)
    item = open_film(window, qtbot, film)
    (photo,) = window.add_paths([write_photo(tmp_path / "photo.png", 80, 60)])
    wait_until_read(qtbot, window)
    seen = _record(window, item)
    gate = _paced(monkeypatch)
    window.restore_all()
    gate.release(3)
    qtbot.waitUntil(lambda: item.frames_done >= 3, timeout=60_000)
    window.cancel_action.trigger()
    gate.release(FRAMES)  # on to the frame under way, which stops
    wait_for_status(qtbot, item, ItemStatus.CANCELLED, timeout=10_000)

    assert len(seen) >= 2
    film_share = item.work / (item.work + photo.work)
    for figures in seen:
        assert _agree(figures), figures
        assert figures["queue"] == pytest.approx(figures["frames"] * film_share)
        assert figures["queue bar"] == round(figures["queue"] * BAR_STEPS) / BAR_STEPS


def test_cancel_shows_at_once_and_the_film_continues_from_where_it_stopped(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    window = make_window()
    film = _slow_film(tmp_path, window)
    item = open_film(window, qtbot, film)
    gate = _paced(monkeypatch)
    window.restore_selected()
    gate.release(2)
    qtbot.waitUntil(lambda: item.frames_done >= 2, timeout=60_000)

    clock = Stopwatch()
    window.cancel_action.trigger()
    gate.release()  # on to the frame under way, which stops
    # Before the worker has said anything: the row, the status bar and the buttons.
    assert item.status is ItemStatus.CANCELLING
    assert status_text(item) == "Cancelling…"
    assert window.statusBar().currentMessage() == "Cancelling…"
    assert window.run_bars.item_bar.format() == "Cancelling…"
    assert not window.cancel_action.isEnabled()
    assert window.restore_action.isEnabled()  # asked again, it goes on once it has stopped

    wait_for_status(qtbot, item, ItemStatus.CANCELLED, timeout=10_000)
    assert clock.seconds() < CANCEL_WITHIN_SECONDS  # within the frame under way
    stopped_at = item.frames_done
    assert 2 <= stopped_at < FRAMES
    assert status_text(item) == (
        f"Cancelled at frame {stopped_at} / {FRAMES}; Restore continues from there"
    )
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=5_000)
    assert window.restore_action.isEnabled() and not window.cancel_action.isEnabled()

    # Restored again: from there, the frames done before counted in every figure.
    seen = _record(window, item)
    window.restore_selected()
    gate.release()
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    gate.release(FRAMES)
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED, timeout=120_000)
    assert item.status is ItemStatus.RESTORED, item.message
    assert seen and seen[0]["frames"] == stopped_at / FRAMES
    for figures in seen:
        assert _agree(figures), figures
        assert figures["queue"] == pytest.approx(figures["item"])
        assert figures["queue bar"] == figures["item bar"]
