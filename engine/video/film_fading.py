"""Fixing a faded film: faded colour stock (the magenta of old Eastmancolor prints) and
greyed black-and-white film. One correction is measured on frames spread across the film
and applied to every frame: measured frame by frame, it would change with each shot and the
film would flicker."""

from __future__ import annotations

from engine.fading import FadingFix, measure_fading
from engine.progress import Progress, silent
from engine.video.still import FrameReader
from engine.words import say

MEASURED_FRAMES = 16


def measure_film_fading(reader: FrameReader, progress: Progress | None = None) -> FadingFix:
    """The fading correction for the film ``reader`` reads, from its ``measured_frames`` (as
    the preview reads them: an interlaced film's made whole, which moves its levels too little
    to matter when a run keeps the fields). Each frame is a seek and a decode from the
    keyframe before it: ``progress`` hears of each, and may cancel."""
    progress = progress or silent()
    indices = measured_frames(reader.info.frames)
    frames = []
    for done, index in enumerate(indices):
        progress.check()
        note = say("measuring the fading: {done}/{total} frames", done=done, total=len(indices))
        progress.update(done, len(indices), note, unit="measured frame")
        frames.append(reader.read(index))
    return measure_fading(frames)


def measured_frames(frames: int) -> list[int]:
    """The frames of a film of ``frames`` frames its fading is measured on
    (``between_the_ends``); a black frame among them does not count either
    (``engine.fading.measure_fading``)."""
    return between_the_ends(frames, MEASURED_FRAMES)


def between_the_ends(frames: int, most: int) -> list[int]:
    """``most`` frames of a film of ``frames`` frames, spread evenly between its first and
    its last, which are left out (a leader, a title, black: they tell little of its colour)
    unless they are all it has."""
    if frames <= 2:
        return list(range(frames))
    count = min(most, frames - 2)
    return [(k + 1) * (frames - 1) // (count + 1) for k in range(count)]
