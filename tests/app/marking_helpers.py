"""Marking spots by hand as a person does it, shared by the tests of marking and of what
uses the marks."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from gui_helpers import WAIT_MS, wait_until_read
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

import app.spot_marking as spot_marking
from app.jobs import Job
from app.spot_marks import SpotMarks, stored_marks
from engine.imageio import Picture, write_picture


@dataclass
class HeldReads:
    """The reads of ``held``'s kept marks wait until ``release`` is set; ``jobs`` are the
    marking's background jobs, in the order they were made."""

    held: Path | None = None
    release: threading.Event = field(default_factory=threading.Event)
    jobs: list[Job] = field(default_factory=list)


def hold_reads(monkeypatch) -> HeldReads:
    """Hold the marking's reads of kept marks as ``HeldReads`` says, and note its jobs."""
    held = HeldReads()
    real = spot_marking.read_marks

    def waiting(path: Path):
        if path == held.held:
            held.release.wait(WAIT_MS / 1000)
        return real(path)

    class Recorded(Job):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            held.jobs.append(self)

    monkeypatch.setattr(spot_marking, "read_marks", waiting)
    monkeypatch.setattr(spot_marking, "Job", Recorded)
    return held


def speckled(path: Path) -> tuple[Path, np.ndarray]:
    """A grainy grey photo, 80x60, with two white specks of dust."""
    rng = np.random.default_rng(3)
    pixels = np.clip(rng.normal(90, 2, (60, 80, 3)), 0, 255).astype(np.uint8)
    pixels[20:22, 20:22] = 250
    pixels[40:42, 60:62] = 250
    write_picture(Picture(pixels, None, None, None, "png"), path)
    return path, pixels


def start_marking(window, qtbot):
    window.mark_spots_action.trigger()
    qtbot.waitUntil(window.spot_marking.is_active, timeout=WAIT_MS)
    return window.spot_marking


def drag(viewer, points: list[QPointF], button=Qt.MouseButton.LeftButton, modifiers=None):
    """A drag through ``points`` (the photo's pixels), as a person's mouse makes it."""
    transform = viewer.marks_transform()
    where = [transform.map(p).toPoint() for p in points]
    modifiers = modifiers or Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewer, button, modifiers, where[0])
    for point in where[1:]:
        QTest.mouseMove(viewer, point)
    QTest.mouseRelease(viewer, button, modifiers, where[-1])


SPECK = [QPointF(20.5, 20.5), QPointF(21.5, 21.5)]
"""A drag over the first speck of ``speckled``'s photo."""


def mark_and_keep(window, qtbot, item, points: list[QPointF], brush: int | None = None):
    """Mark the photo on show by a drag through ``points`` at 100% (with a brush of
    ``brush`` screen pixels), press Done and wait until the marks are kept; the marks as
    they were painted."""
    marking = start_marking(window, qtbot)
    if brush is not None:
        marking.bar.brush.setValue(brush)
    window.viewer.set_zoom(1.0)
    drag(window.viewer, points)
    marked = marking._marks.mask.copy()
    with qtbot.waitSignal(marking.marks_changed, timeout=WAIT_MS):  # kept, and told
        marking.bar.done_button.click()
    assert stored_marks(item.source) is not None
    return marked


def window_on_speckled(make_window, qtbot, folder: Path):
    """A window showing ``speckled``'s photo, read: the window, its item, the photo's pixels."""
    path, pixels = speckled(folder / "print.png")
    window = make_window()
    [item] = window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    return window, item, pixels


def paint(marks: SpotMarks, points: list[QPointF], radius: float, erase: bool = False) -> None:
    """One stroke through ``points`` with a brush of ``radius``, painting (or erasing)."""
    marks.begin_stroke(points[0], radius, erase)
    for point in points[1:]:
        marks.extend_stroke(point)
    marks.end_stroke()
