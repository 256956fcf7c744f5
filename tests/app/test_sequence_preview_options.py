"""A preview of a frame sequence's frame reads the sequence as its job says (the settings it
was asked with): a sequence with a number missing is previewed where its gaps are let through,
and refused with the engine's sentence where they are not, whatever was previewed before."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import write_photo

from app.workers import PreviewJob, RestoreWorker
from engine.chain import ModelRequest
from engine.progress import CancelToken
from engine.restorer import RestoreOptions
from engine.video.probe import probe_sequence
from engine.video.sequence import SequenceOptions, frame_sequence
from engine.video.still import FrameReader

FRAME = 1


def _previewed(worker: RestoreWorker, scan: Path, model: Path, gaps: bool) -> list[str]:
    """What the worker says of a preview of ``FRAME`` of ``scan``, its gaps let through or
    not: the frame previewed, or why not."""
    said: list[str] = []
    worker.preview_failed.connect(lambda _item, _index, why: said.append(why))
    worker.preview_ready.connect(lambda result: said.append(f"frame {result.index}"))
    info = probe_sequence(frame_sequence(scan, allow_gaps=True), SequenceOptions.rate)
    pixels = FrameReader(scan, info).read(FRAME)
    request, options = ModelRequest(str(model)), RestoreOptions()
    reading = SequenceOptions(allow_gaps=gaps)
    job = PreviewJob(
        1, scan, request, "cpu", options, CancelToken(), FRAME, pixels, sequence=reading
    )
    worker.preview(job)
    worker.preview_failed.disconnect()
    worker.preview_ready.disconnect()
    return said


def test_a_sequences_preview_reads_it_as_its_job_says(tmp_path: Path, tiny_model_file: Path):
    scan = tmp_path / "scan"
    for number in (1, 2, 3, 5, 6, 7):
        write_photo(scan / f"frame_{number:04d}.png", seed=number)
    worker = RestoreWorker()
    assert _previewed(worker, scan, tiny_model_file, gaps=True) == [f"frame {FRAME}"]
    (refused,) = _previewed(worker, scan, tiny_model_file, gaps=False)
    assert "frame 4 is missing (frame_0004.png)" in refused
    assert _previewed(worker, scan, tiny_model_file, gaps=True) == [f"frame {FRAME}"]
