"""What a result's header tells a batch (``engine.media.header_facts``) is read once per
result and kept while the file is the same: a batch run again with --skip-existing asks each
result several questions (Rekindle's? of which photo?), and on a network share every header
read is a round trip. A result replaced since is read again."""

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

import engine.batch
import engine.media
from engine.batch import Job, restore_batch
from engine.imageio import Picture, read_picture
from engine.media import header_facts
from engine.provenance import marked_exif
from tests.test_batch_progress import AsItIs


@pytest.fixture
def jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """Three photos and their jobs, restored as they are (no network), marked as the
    restorer marks its results."""
    (tmp_path / "out").mkdir()
    made = []
    for index in range(3):
        source = tmp_path / f"p{index}.png"
        assert cv2.imwrite(str(source), np.full((12, 16, 3), 40 * index, np.uint8))
        made.append(Job(source, tmp_path / "out" / source.name))
    monkeypatch.setattr(engine.batch, "restore_picture", lambda restorer, job, *_: _marked(job))
    return made


def _marked(job: Job) -> Picture:
    picture = read_picture(job.source)
    return replace(picture, exif=marked_exif(picture.exif, "restored as it is"))


def _header_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths whose header ``header_exif`` reads from now on, in order."""
    reads: list[Path] = []
    read = engine.media.header_exif

    def counted(path: Path):
        reads.append(Path(path))
        return read(path)

    monkeypatch.setattr(engine.media, "header_exif", counted)
    return reads


def test_a_run_again_reads_each_results_header_once(jobs, monkeypatch):
    first = restore_batch(AsItIs(), jobs)  # type: ignore[arg-type]
    assert [result for _, result in first.results] == [job.target for job in jobs]
    reads = _header_reads(monkeypatch)
    again = restore_batch(AsItIs(), jobs, skip_existing=True)  # type: ignore[arg-type]
    assert sorted(again.skipped) == sorted(job.target for job in jobs)
    assert sorted(reads) == sorted(job.target for job in jobs)


def test_a_result_replaced_since_is_read_again(jobs, tmp_path):
    restore_batch(AsItIs(), jobs[:1])  # type: ignore[arg-type]
    result = jobs[0].target
    facts = header_facts(result)
    assert facts.marked and facts.source is not None and facts.source.is_of(jobs[0].source)
    stranger = tmp_path / "stranger.png"
    assert cv2.imwrite(str(stranger), np.zeros((12, 16, 3), np.uint8))
    stranger.replace(result)  # a person's own file put under the result's name
    assert header_facts(result) == engine.media.HeaderFacts(marked=False, source=None)


def test_no_file_has_no_facts(tmp_path):
    assert header_facts(tmp_path / "gone.png") == engine.media.HeaderFacts(False, None)
