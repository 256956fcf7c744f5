"""Wide marks (a broad brush stroke, a blot) filled without blocks or seams, with the grain and
texture around them, quickly, reporting progress and stopping when asked (engine/retouch)."""

import threading
import time

import cv2
import numpy as np
import pytest
import torch

from engine.errors import Cancelled
from engine.imageio import Picture
from engine.library.loading import load_model
from engine.part import Region, restore_part
from engine.progress import CancelToken, Progress
from engine.restorer import FILLING, RestoreOptions, Restorer
from engine.retouch import fill
from engine.retouch.fill import Box, fill_marks
from tests.conftest import photo_path


def _smooth_grainy(height: int, width: int, grain: float = 3.0) -> np.ndarray:
    """A soft background (light to dark across, a broad bright patch) with fine grain."""
    rows, columns = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 70 + 110 * columns / width + 40 * np.exp(-((rows - height / 3) ** 2) / (height**2 / 8))
    noise = np.random.default_rng(0).normal(0, grain, (height, width))
    grey = np.clip(np.rint(light + noise), 0, 255).astype(np.uint8)
    return np.dstack([grey, grey, (grey * 0.8).astype(np.uint8)])


def _stroke(shape: tuple[int, ...], start, end, width: int) -> np.ndarray:
    marks = np.zeros(shape[:2], np.uint8)
    cv2.line(marks, start, end, 255, width)
    return marks


def _blurred(picture: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(picture.astype(np.float32), (0, 0), sigma)


def test_a_broad_stroke_on_a_smooth_background_has_no_blocks_or_seams():
    """Its fill is as smooth as the background (no step between neighbours larger than the
    background's own), follows the background's light, and has its grain."""
    clean = _smooth_grainy(300, 400)
    marks = _stroke(clean.shape, (20, 40), (380, 260), 40)
    damaged = clean.copy()
    damaged[marks > 0] = 250
    filled = fill_marks(damaged, marks).pixels
    hole = marks > 0
    assert np.array_equal(filled[~hole], clean[~hole])
    soft_filled, soft_clean = _blurred(filled, 2.0), _blurred(clean, 2.0)
    assert np.abs(soft_filled - soft_clean)[hole].mean() < 1.5

    def steps(soft: np.ndarray) -> np.ndarray:
        across = np.abs(np.diff(soft, axis=1))[hole[:, 1:] & hole[:, :-1]]
        down = np.abs(np.diff(soft, axis=0))[hole[1:] & hole[:-1]]
        return np.concatenate([across, down]).ravel()

    assert np.percentile(steps(soft_filled), 99.9) < 1.3 * np.percentile(steps(soft_clean), 99.9)

    def fine(picture: np.ndarray) -> np.ndarray:
        return picture.astype(np.float32) - _blurred(picture, 1.0)

    ratio = fine(filled)[hole].std() / fine(clean)[hole].std()
    assert 0.6 < ratio < 1.5


def test_a_blot_on_foliage_keeps_the_texture_around_it_not_a_smear():
    """A blot on bushes: its middle keeps much of the texture's coarse detail."""
    image = cv2.cvtColor(cv2.imread(str(photo_path(12))), cv2.COLOR_BGR2RGB)
    marks = np.zeros(image.shape[:2], np.uint8)
    cv2.circle(marks, (150, 200), 20, 255, -1)
    damaged = image.copy()
    damaged[marks > 0] = 240
    filled = fill_marks(damaged, marks).pixels
    assert np.array_equal(filled[marks == 0], damaged[marks == 0])

    def coarse(picture: np.ndarray) -> np.ndarray:
        return _blurred(picture, 1.5) - _blurred(picture, 5)

    middle = cv2.distanceTransform(marks, cv2.DIST_L2, 3) >= 6
    ring = (cv2.dilate(marks, np.ones((25, 25), np.uint8)) > 0) & (marks == 0)
    assert coarse(filled)[middle].std() > 0.7 * coarse(image)[ring].std()


def test_a_part_crossed_by_a_broad_stroke_is_filled_as_the_whole_is():
    clean = _smooth_grainy(300, 400)
    marks = _stroke(clean.shape, (20, 40), (380, 260), 36)
    cv2.circle(marks, (350, 40), 10, 255, -1)  # far from the part: left alone
    damaged = clean.copy()
    damaged[marks > 0] = 250
    whole = fill_marks(damaged, marks).pixels
    region = Box(150, 100, 230, 180)
    part = fill_marks(damaged, marks, region).pixels
    assert np.array_equal(part[region.slices], whole[region.slices])
    assert np.array_equal(part[20:60, 330:370], damaged[20:60, 330:370])


class _CountingToken(CancelToken):
    """A cancel token that counts the checks made on it (by a progress and its spans)."""

    def __init__(self) -> None:
        super().__init__()
        self.checks = 0

    def wait_while_paused(self) -> None:
        self.checks += 1
        super().wait_while_paused()


def test_filling_reports_its_progress_and_checks_for_cancel_within_a_wide_mark():
    clean = _smooth_grainy(300, 400)
    marks = _stroke(clean.shape, (20, 40), (380, 260), 40)
    for row, column in [(250, 50), (260, 120), (40, 300)]:
        cv2.circle(marks, (column, row), 2, 255, -1)  # specks: thin marks
    events, token = [], _CountingToken()
    fill_marks(clean, marks, progress=Progress(events.append, token))
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert 0 < fractions[0] < 0.9  # heard of while the stroke, the most of it, is filled
    assert token.checks >= 4 + 3  # before each of the four groups, and within the wide one


def test_a_wide_fill_of_a_large_scan_stops_soon_when_cancelled():
    clean = _smooth_grainy(1600, 2400)
    marks = _stroke(clean.shape, (100, 200), (2300, 1400), 130)
    token = CancelToken()
    asked = []

    def cancel() -> None:
        time.sleep(0.3)
        asked.append(time.monotonic())
        token.cancel()

    threading.Thread(target=cancel, daemon=True).start()
    with pytest.raises(Cancelled):
        fill_marks(clean, marks, progress=Progress(token=token))
    assert time.monotonic() - asked[0] < 1.5


def test_restoring_a_photo_with_marks_shows_the_filling_first(tiny_model_file):
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"), tile=32)
    clean = _smooth_grainy(48, 64)
    marks = _stroke(clean.shape, (5, 10), (60, 40), 9)
    picture = Picture(clean, None, None, None, "png")
    events = []
    restorer.restore(picture, RestoreOptions(scale_out=1), Progress(events.append), marks=marks)
    fractions = [event.fraction for event in events]
    filling = [fraction for fraction in fractions if fraction <= FILLING + 1e-9]
    assert filling == fractions[: len(filling)]  # the marks filled first, the enlarging next
    assert filling[-1] == pytest.approx(FILLING)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    stopped = CancelToken()
    stopped.cancel()
    with pytest.raises(Cancelled):
        restorer.restore(picture, RestoreOptions(scale_out=1), Progress(token=stopped), marks=marks)


def test_a_preview_part_with_marks_shows_the_filling_first(tiny_model_file):
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"), tile=32)
    clean = _smooth_grainy(48, 64)
    marks = _stroke(clean.shape, (5, 10), (60, 40), 9)
    events = []
    options = RestoreOptions(scale_out=1)
    restore_part(
        restorer, clean, Region(8, 8, 32, 24), options, Progress(events.append), marks=marks
    )
    fractions = [event.fraction for event in events]
    filling = [fraction for fraction in fractions if fraction <= FILLING + 1e-9]
    assert filling == fractions[: len(filling)]  # the marks filled first, the enlarging next
    assert filling[-1] == pytest.approx(FILLING)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_a_wide_marks_structure_is_filled_with_its_progress_told():
    """Seen before: a broad stroke across a large scan told nothing until its structure was
    filled, half its work, and then jumped to half-way."""
    clean = _smooth_grainy(600, 800)
    marks = _stroke(clean.shape, (40, 80), (760, 520), 60)
    events = []
    fill_marks(clean, marks, progress=Progress(events.append))
    structure = {event.fraction for event in events if 0 < event.fraction < 0.5}
    assert len(structure) >= 3


def test_a_wide_fill_is_heard_of_and_can_stop_before_its_patches_are_copied(monkeypatch):
    """Seen before: on a large scan a wide mark's progress was first heard of seconds in,
    after its scale was reduced, its light smoothed and a whole ring of patches copied."""
    copying = fill._copied
    heard_when_copying = []
    events = []

    def copied(*arguments, **keywords):
        heard_when_copying.append(len(events))
        return copying(*arguments, **keywords)

    monkeypatch.setattr(fill, "_copied", copied)
    clean = _smooth_grainy(300, 400)
    marks = _stroke(clean.shape, (20, 40), (380, 260), 40)
    fill_marks(clean, marks, progress=Progress(events.append))
    assert heard_when_copying[0] >= 2  # its scale reduced, its light smoothed
    token = CancelToken()

    def cancel_when_heard(_event) -> None:
        token.cancel()

    heard_when_copying.clear()
    with pytest.raises(Cancelled):
        fill_marks(clean, marks, progress=Progress(cancel_when_heard, token))
    assert heard_when_copying == []
