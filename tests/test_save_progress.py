"""Saving a batch's results is inside its progress: each photo's share of the bar holds its
result's writing, as large as the result's pixels weighted by its format
(``engine.batch.SAVING_WORK``), and the bar says "saving" while it writes, so that it does not
stand at 100% with no time left while a large TIFF is still being written; it stands full
once the last result is written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from engine.batch import SAVING_WORK, Job, restore_batch
from engine.imageio import Picture
from engine.progress import Progress, ProgressEvent
from engine.restorer import RestoreOptions

SCALE = 2
SIDES = ((8, 12), (16, 20))  # (height, width) of each photo


class Enlarging:
    """A restorer that enlarges each photo ``SCALE`` times, its progress told at the end."""

    def output_size(self, width: int, height: int, options: RestoreOptions) -> tuple[int, int]:
        return width * SCALE, height * SCALE

    def restore(self, picture: Picture, _options, progress: Progress, *_: object) -> Picture:
        height, width = picture.pixels.shape[:2]
        pixels = cv2.resize(picture.pixels, (width * SCALE, height * SCALE))
        progress.update(1, 1)
        return replace(picture, pixels=pixels)


def _jobs(tmp_path: Path, suffix: str) -> list[Job]:
    (tmp_path / "out").mkdir(exist_ok=True)
    jobs = []
    for index, (height, width) in enumerate(SIDES):
        source = tmp_path / f"p{index}.png"
        assert cv2.imwrite(str(source), np.full((height, width, 3), 60 * index, np.uint8))
        jobs.append(Job(source, tmp_path / "out" / f"p{index}{suffix}"))
    return jobs


def _events(jobs: list[Job]) -> list[tuple[ProgressEvent, bool]]:
    """The batch's events, each with whether its photo's result was there as it was told."""
    told: list[tuple[ProgressEvent, bool]] = []
    by_name = {job.source.name: job.target for job in jobs}

    def listener(event: ProgressEvent) -> None:
        target = by_name.get(event.what.removeprefix("saving ").removeprefix("saved "))
        told.append((event, target is not None and target.exists()))

    report = restore_batch(Enlarging(), jobs, progress=Progress(listener))  # type: ignore[arg-type]
    assert len(report.results) == len(jobs)
    return told


def _works(fmt: str) -> list[tuple[float, float]]:
    """Each photo's (restoring, saving) work, as the batch weighs them."""
    return [
        (height * width, height * width * SCALE * SCALE * SAVING_WORK[fmt])
        for height, width in SIDES
    ]


@pytest.mark.parametrize(("suffix", "fmt"), [(".tif", "tif"), (".jpg", "jpg"), (".png", "png")])
def test_each_result_is_saved_within_its_photos_share_and_said_so(tmp_path, suffix, fmt):
    jobs = _jobs(tmp_path, suffix)
    told = [(event, there) for event, there in _events(jobs) if event.what]
    works = _works(fmt)
    total = sum(restoring + saving for restoring, saving in works)
    start = 0.0
    expected = []
    for job, (restoring, saving) in zip(jobs, works, strict=True):
        expected += [
            (job.source.name, start / total, False),
            (f"saving {job.source.name}", (start + restoring) / total, False),
        ]
        start += restoring + saving
    expected.append((f"saved {jobs[-1].source.name}", 1.0, True))  # the bar full at the end
    assert [(event.what, pytest.approx(event.fraction), there) for event, there in told] == expected


def test_a_photo_is_restored_in_its_share_less_its_saving(tmp_path):
    jobs = _jobs(tmp_path, ".tif")
    works = _works("tif")
    total = sum(restoring + saving for restoring, saving in works)
    restored = [event for event, _ in _events(jobs) if not event.what]  # the restorer's
    assert [event.fraction for event in restored] == pytest.approx(
        [works[0][0] / total, (sum(works[0]) + works[1][0]) / total]
    )
