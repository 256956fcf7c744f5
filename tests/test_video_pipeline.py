"""The decoder / model / encoder threads: bounded memory, overlap, batches, errors."""

import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from engine.errors import Cancelled
from engine.restorer import Restorer
from engine.video.pipeline import run_pipeline
from engine.video.restore import MAX_BATCH, auto_batch
from tests.video_helpers import tiny_restorer


class RecordingSink:
    def __init__(self, fail_at=None):
        self.items = []
        self.finished = 0
        self.stopped_by = None
        self.thread = None
        self.fail_at = fail_at

    def add(self, item):
        self.thread = threading.current_thread()
        if item == self.fail_at:
            raise OSError("disk full")
        self.items.append(item)

    def finish(self):
        self.finished += 1

    def stop(self, error):
        self.stopped_by = error


class TimedModel:
    """Stands in for the model: ``pause`` seconds a batch, adding up its busy time."""

    def __init__(self, pause):
        self.pause = pause
        self.seconds = 0.0

    def __call__(self, batch):
        began = time.perf_counter()
        time.sleep(self.pause)
        self.seconds += time.perf_counter() - began
        return batch


def _timed(run):
    """What ``run()`` returns, and the wall time it takes."""
    began = time.perf_counter()
    result = run()
    return result, time.perf_counter() - began


def _numbers(count, produced=None, fail_at=None):
    def produce():
        for number in range(count):
            if number == fail_at:
                raise ValueError("damaged frame")
            if produced is not None:
                produced.append(number)
            yield number

    return produce


def test_every_item_arrives_in_order_on_the_encoder_thread():
    sink = RecordingSink()
    run_pipeline(_numbers(50), lambda batch: [n * 2 for n in batch], sink, batch=3)
    assert sink.items == [n * 2 for n in range(50)]
    assert sink.finished == 1 and sink.stopped_by is None
    assert sink.thread is not threading.current_thread()


def test_memory_stays_bounded_however_long_the_film():
    """The decoder runs at most a couple of queues ahead of the model."""
    produced, ahead = [], []
    sink = RecordingSink()

    def transform(batch):
        time.sleep(0.002)
        ahead.append(len(produced) - batch[-1])
        return batch

    run_pipeline(_numbers(300, produced), transform, sink, batch=2, queue_size=4)
    assert len(sink.items) == 300
    assert max(ahead) <= 4 + 2 + 2  # the queue, a batch, the one being decoded


def test_decoding_overlaps_the_model():
    """While the model works on one frame, the next is decoded: the model hardly waits."""

    def slow_frames():
        for number in range(12):
            time.sleep(0.02)  # decoding
            yield number

    model = TimedModel(0.03)
    _, seconds = _timed(lambda: run_pipeline(slow_frames, model, RecordingSink(), batch=1))
    serial = 12 * (0.02 + 0.03)
    assert seconds < serial * 0.85
    assert model.seconds > seconds / 2  # it waits for frames less than it works


def test_a_slow_encoder_keeps_the_model_busy_and_each_stage_is_timed():
    """Decoding 10 ms, the model 30 ms, encoding 20 ms a frame: the encoder works beside the
    model, so the run takes about the model's time, and each stage's busy time is measured."""

    class SlowSink(RecordingSink):
        def add(self, item):
            time.sleep(0.02)
            super().add(item)

    def frames():
        for number in range(12):
            time.sleep(0.01)
            yield number

    model = TimedModel(0.03)
    stats, seconds = _timed(lambda: run_pipeline(frames, model, SlowSink(), batch=1))
    assert seconds < 12 * (0.01 + 0.03 + 0.02) * 0.85
    assert model.seconds > 0.7 * seconds  # the model hardly waits
    assert 12 * 0.01 <= stats.produce_seconds < 12 * 0.03
    assert 12 * 0.02 <= stats.sink_seconds < 12 * 0.05


def test_batches_fill_up_to_the_batch_size():
    sizes = []

    def transform(batch):
        sizes.append(len(batch))
        return batch

    run_pipeline(_numbers(20), transform, RecordingSink(), batch=4, queue_size=8)
    assert sum(sizes) == 20 and max(sizes) == 4


def _pipeline_threads():
    """The pipeline's own threads still alive (other suites' threads do not count)."""
    names = ("rekindle-decoder", "rekindle-encoder")
    return [t for t in threading.enumerate() if t.name in names]


def test_a_decoding_error_stops_everything_and_comes_out():
    sink = RecordingSink()
    with pytest.raises(ValueError, match="damaged frame"):
        run_pipeline(_numbers(100, fail_at=7), lambda batch: batch, sink)
    assert sink.items == list(range(7))
    assert isinstance(sink.stopped_by, ValueError) and sink.finished == 0
    assert _pipeline_threads() == []


def test_a_model_error_stops_the_decoder_and_tells_the_encoder():
    sink = RecordingSink()

    def transform(batch):
        if batch[0] == 5:
            raise Cancelled()
        return batch

    with pytest.raises(Cancelled):
        run_pipeline(_numbers(10_000), transform, sink)
    assert sink.items == list(range(len(sink.items))) and len(sink.items) <= 5
    assert isinstance(sink.stopped_by, Cancelled)
    assert _pipeline_threads() == []


def test_a_cancel_drops_the_results_queued_for_a_slow_encoder_and_stops_the_decoder():
    """An encoder far slower than the model (x264 at 8K): when the job is cancelled, the
    results queued for it are not encoded, and the decoder has stopped by the time the
    encoder is told."""

    class SlowSink(RecordingSink):
        decoding_when_stopped = None

        def add(self, item):
            time.sleep(0.2)
            super().add(item)

        def stop(self, error):
            decoders = [t for t in _pipeline_threads() if t is not threading.current_thread()]
            for decoder in decoders:
                decoder.join(timeout=2)
            self.decoding_when_stopped = any(decoder.is_alive() for decoder in decoders)
            super().stop(error)

    def transform(batch):
        if batch[0] == 10:
            raise Cancelled()
        return batch

    sink = SlowSink()
    with pytest.raises(Cancelled):
        run_pipeline(_numbers(10_000), transform, sink, queue_size=4)
    assert sink.items == list(range(len(sink.items))) and len(sink.items) <= 10 - 4 + 1
    assert isinstance(sink.stopped_by, Cancelled)
    assert sink.decoding_when_stopped is False
    assert _pipeline_threads() == []


def test_an_encoder_error_comes_out_and_stops_the_decoder():
    sink = RecordingSink(fail_at=3)
    with pytest.raises(OSError, match="disk full"):
        run_pipeline(_numbers(10_000), lambda batch: batch, sink)
    assert sink.items == [0, 1, 2]
    assert _pipeline_threads() == []


def test_a_stack_of_frames_restores_as_each_frame_alone(tmp_path, rng):
    restorer = tiny_restorer(tmp_path)
    frames = rng.integers(0, 256, (3, 20, 28, 3), dtype=np.uint8)
    together = restorer.enlarge(frames, tile=16)
    assert together.shape == (3, 40, 56, 3)
    for frame, restored in zip(frames, together, strict=True):
        np.testing.assert_allclose(
            restored.astype(int), restorer.enlarge(frame, tile=16).astype(int), atol=1
        )
    assert restorer.enlarge(frames, scale_out=4).shape == (3, 80, 112, 3)


def test_frames_are_batched_on_cuda_only(tmp_path):
    model = tiny_restorer(tmp_path).model
    cpu = Restorer(model, torch.device("cpu"), tile=512)
    assert auto_batch(cpu, 320, 240) == 1
    cuda = SimpleNamespace(device=torch.device("cuda"), model=model, tile=1024)
    assert auto_batch(cuda, 320, 240) == MAX_BATCH
    assert auto_batch(cuda, 3840, 2160) == 1
