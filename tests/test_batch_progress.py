"""A batch's progress and summary: each photo takes a share of the bar as large as its pixel
count, so a huge scan among small photos is not told as nearly done; photos skipped as already
restored are the share done before the run, not this run's speed; and the summary ends with
each failure and why, and folds many renamed results into one line."""

from pathlib import Path

import cv2
import numpy as np
import pytest

import engine.batch
from engine.batch import BatchReport, Job, ListedOrMarked, restore_batch
from engine.imageio import read_picture
from engine.progress import Progress, ProgressEvent

SIDES = (10, 40, 20)  # square photos: 100, 1600 and 400 pixels


class AsItIs:
    """Stands for the restorer where ``restore_picture`` is replaced: it says a result is as
    large as its photo, as the batch asks to weigh each result's saving."""

    def output_size(self, width: int, height: int, options: object) -> tuple[int, int]:
        return width, height


@pytest.fixture
def jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """A job per photo of ``SIDES``, restored as it is (no network)."""
    (tmp_path / "out").mkdir()
    made = []
    for index, side in enumerate(SIDES):
        source = tmp_path / f"p{index}.png"
        assert cv2.imwrite(str(source), np.full((side, side, 3), 128, np.uint8))
        made.append(Job(source, tmp_path / "out" / source.name))
    monkeypatch.setattr(
        engine.batch, "restore_picture", lambda restorer, job, *_: read_picture(job.source)
    )
    return made


def _photo_starts(jobs: list[Job], **options) -> list[ProgressEvent]:
    """The events that tell a photo starts (named by it), of a batch of ``jobs``."""
    events: list[ProgressEvent] = []
    progress = Progress(events.append)
    restore_batch(AsItIs(), jobs, progress=progress, **options)  # type: ignore[arg-type]
    names = {job.source.name for job in jobs}
    return [event for event in events if event.what in names]


def test_each_photo_takes_a_share_as_large_as_its_pixels(jobs):
    pixels = [side * side for side in SIDES]
    starts = [event.fraction for event in _photo_starts(jobs)]
    expected = [sum(pixels[:index]) / sum(pixels) for index in range(len(pixels))]
    assert starts == pytest.approx(expected)


def test_photos_skipped_are_the_share_done_before_the_run(jobs):
    for job in jobs[:2]:
        assert cv2.imwrite(str(job.target), cv2.imread(str(job.source)))
    listed = ListedOrMarked(lambda path: True)  # as a batch's journal lists its results
    first = _photo_starts(jobs, skip_existing=True, is_result=listed)[0]
    pixels = [side * side for side in SIDES]
    before = sum(pixels[:2]) / sum(pixels)
    assert first.what == jobs[2].source.name
    assert first.resumed_fraction == pytest.approx(before)
    assert first.fraction == pytest.approx(before)


def _report(failures: int, renames: int) -> BatchReport:
    report = BatchReport()
    for index in range(failures):
        report.failed.append((Path(f"bad{index}.jpg"), f"bad{index}.jpg: the file is cut short"))
    for index in range(renames):
        report.renamed.append((Path(f"r{index}.jpg"), Path(f"r{index} (2).jpg"), "taken"))
    return report


def test_the_summary_ends_with_each_failure_and_why():
    lines = _report(failures=2, renames=0).summary(lambda source: f"in/{source.name}").splitlines()
    assert lines[1:] == [
        "failed: in/bad0.jpg: the file is cut short",
        "failed: in/bad1.jpg: the file is cut short",
    ]


def test_the_summary_counts_failures_beyond_those_it_names():
    lines = _report(failures=engine.batch.FAILURES_LISTED + 3, renames=0).summary().splitlines()
    assert len(lines) == 1 + engine.batch.FAILURES_LISTED + 1
    assert lines[-1] == "and 3 more failed"


def test_the_summary_folds_many_renamed_results_into_a_line():
    many = engine.batch.SUMMED_UP_AFTER + 1
    lines = _report(failures=0, renames=many).summary().splitlines()
    assert lines[1:] == [
        f"renamed: {many} results saved under other names, as their own were taken"
    ]


def test_the_summary_names_each_of_a_few_renamed_results():
    lines = _report(failures=0, renames=2).summary().splitlines()
    assert lines[1:] == [
        "renamed: r0.jpg saved as r0 (2).jpg (taken)",
        "renamed: r1.jpg saved as r1 (2).jpg (taken)",
    ]
