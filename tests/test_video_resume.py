"""Resuming: a killed or cancelled film continues from its last finished segment and comes out
as an uninterrupted run makes it."""

import itertools
import json
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from engine.errors import Cancelled
from engine.library.loading import load_model
from engine.progress import CancelToken, Progress
from engine.restorer import RestoreOptions
from engine.video import VideoOptions, probe, restore_video
from engine.video import frames as frames_module
from engine.video.codecs import choose_codec
from engine.video.encoder import EncodePlan
from engine.video.frames import decode_frames
from engine.video.join import decoding_times, reorder_depth
from engine.video.segments import SOURCE_MARK, SegmentWriter, WorkFolder
from tests.video_helpers import (
    FailingRestorer,
    decoded_frames,
    leftovers,
    make_clip,
    stream_packets,
    tiny_restorer,
)

FRAMES = 22
SEGMENT = 4


@pytest.fixture
def model_path(tmp_path):
    return tiny_restorer(tmp_path).model.descriptor.path


@pytest.fixture
def source(tmp_path):
    return make_clip(tmp_path / "film.mp4", frames=FRAMES, size=(48, 32))


def _restorer(model_path, fail_after=10**9):
    return FailingRestorer(load_model(model_path), torch.device("cpu"), fail_after)


def _work_folders(folder):
    return [p for p in folder.iterdir() if p.name.endswith(".rekindle")]


def _journal(folder):
    (work,) = _work_folders(folder)
    return json.loads((work / "journal.json").read_text())


def _same_frames(a, b, noise_db=None):
    """The same frames at the same times: equal pixels, or, with ``noise_db``, pixels at least
    that close (PSNR) for an encoder that does not repeat itself exactly."""
    frames_a, frames_b = decoded_frames(a), decoded_frames(b)
    assert [t for t, _ in frames_a] == [t for t, _ in frames_b]
    for (_, x), (_, y) in zip(frames_a, frames_b, strict=True):
        if noise_db is None:
            np.testing.assert_array_equal(x, y)
        else:
            assert _psnr(x, y) >= noise_db


def _psnr(x, y):
    error = np.mean((x.astype(np.float64) - y) ** 2)
    return float("inf") if error == 0 else 10 * np.log10(255**2 / error)


def _segment_packets(folder, suffix):
    """The video packets of the finished segments in a job's work folder, in order."""
    (work,) = _work_folders(folder)
    return [
        packet.data
        for segment in sorted(work.glob(f"segment-?????{suffix}"))
        for packet in stream_packets(segment, "video")[0]
    ]


X264_NOISE_DB = 33
"""How close two H.264 encodes of the same frames are at least. x264's AVX-512 code does not
give the same stream twice for pictures whose width is not a multiple of 64 px (96 here): 20
encodes of the same four frames in one process gave 4 different streams, and 1 with x264's
asm limited to AVX2 or with its mb-tree off. So two uninterrupted runs may differ as well (by
39.9 dB at worst, measured here), while neighbouring frames of this clip are 24 dB apart at
most: a frame out of place still fails. The lossless FFV1 case shows that the restored frames
themselves are the same."""


@pytest.mark.parametrize("codec", ["h264", "ffv1"])
def test_a_crash_resumes_from_the_last_segment_and_matches_a_whole_run(
    tmp_path, model_path, source, codec, monkeypatch
):
    suffix = ".mp4" if codec == "h264" else ".mkv"
    options = VideoOptions(codec=codec, segment_frames=SEGMENT)
    whole = tmp_path / f"whole{suffix}"
    restore_video(_restorer(model_path), source, whole, options)

    out = tmp_path / "out"
    target = out / f"film{suffix}"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(_restorer(model_path, fail_after=10), source, target, options)
    assert not target.exists()
    journal = _journal(out)
    done = [(s["first"], s["frames"]) for s in journal["segments"]]
    assert done == [(0, 4), (4, 4)]  # frames 8 and 9 were in the unfinished third segment
    assert not journal["complete"]
    kept = _segment_packets(out, suffix)
    assert len(kept) == 8  # one packet a frame
    # The resumed run seeks to the last finished frame instead of decoding from the start.
    monkeypatch.setattr(frames_module, "_decode_from_beginning", _must_not_be_called)
    again = _restorer(model_path)
    report = restore_video(again, source, target, options)
    assert report.resumed_from == 8
    assert again.frames == FRAMES - 8  # no frame restored twice
    assert [p.data for p in stream_packets(target, "video")[0][: len(kept)]] == kept
    _same_frames(whole, target, X264_NOISE_DB if codec == "h264" else None)
    assert probe(target).frames == FRAMES
    assert leftovers(out, {target.name}) == []


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("resuming decoded the film from its first frame")


@pytest.mark.parametrize(("held_back", "kept"), [(0, True), (10**9, False)])
def test_a_cancel_keeps_the_open_segment_only_where_closing_it_waits_on_little(
    monkeypatch, held_back, kept
):
    """x264 holds frames back to look ahead: a cancel closes the open segment (flushing
    them) only where they are few pixels (``CLOSE_ON_CANCEL_PIXELS``), else gives it up and
    stops at once."""
    told: list[str] = []
    segment = SimpleNamespace(
        encoder=SimpleNamespace(held_back_pixels=held_back),
        abort=lambda: told.append("given up"),
    )
    writer = object.__new__(SegmentWriter)  # its segment alone is asked
    writer._segment = segment
    monkeypatch.setattr(writer, "_close_segment", lambda: told.append("closed"), raising=False)
    writer.stop(Cancelled())
    assert told == ["closed" if kept else "given up"]


def test_cancel_keeps_the_frames_done_and_the_next_run_finishes(tmp_path, model_path, source):
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT)
    whole = tmp_path / "whole.mkv"
    restore_video(_restorer(model_path), source, whole, options)

    token = CancelToken()
    notes = []

    def listener(event):
        notes.append(event.what)
        if event.what.startswith("7/"):
            token.cancel()

    out = tmp_path / "out"
    target = out / "film.mkv"
    with pytest.raises(Cancelled):
        restore_video(_restorer(model_path), source, target, options, Progress(listener, token))
    assert not target.exists()
    segments = [(s["first"], s["frames"]) for s in _journal(out)["segments"]]
    assert segments[:1] == [(0, 4)]  # the segment finished; of the next, the frames encoded
    ends = list(itertools.accumulate(frames for _, frames in segments))
    assert [first for first, _ in segments] == [0, *ends[:-1]]  # no frame missing between
    assert "7/22 frames" in notes[-1] or any(n.startswith("7/22 frames, ") for n in notes)

    again = _restorer(model_path)
    report = restore_video(again, source, target, options)
    assert report.resumed_from == ends[-1]
    assert again.frames == FRAMES - report.resumed_from
    _same_frames(whole, target)
    assert leftovers(out, {target.name}) == []


def test_other_settings_start_afresh_and_the_finished_film_clears_all_work(
    tmp_path, model_path, source
):
    out = tmp_path / "out"
    target = out / "film.mp4"
    with pytest.raises(RuntimeError):
        restore_video(
            _restorer(model_path, fail_after=9),
            source,
            target,
            VideoOptions(crf=30, segment_frames=SEGMENT),
        )
    report = restore_video(
        _restorer(model_path), source, target, VideoOptions(crf=20, segment_frames=SEGMENT)
    )
    assert report.resumed_from == 0
    assert leftovers(out, {target.name}) == []


def test_a_finished_film_clears_its_work_for_other_names_but_not_another_films(
    tmp_path, model_path, source
):
    other = make_clip(tmp_path / "other.mp4", frames=FRAMES, size=(48, 32))
    out = tmp_path / "out"
    earlier = VideoOptions(crf=30, segment_frames=SEGMENT)
    for film in (source, other):
        target = out / f"{film.stem} [crf30].mp4"
        with pytest.raises(RuntimeError):
            restore_video(_restorer(model_path, fail_after=9), film, target, earlier)
    target = out / "film [crf20].mp4"
    restore_video(_restorer(model_path), source, target, replace(earlier, crf=20))
    (kept,) = leftovers(out, {target.name})
    assert kept.startswith(".other [crf30].mp4.")


def test_the_work_of_a_journal_whose_key_names_no_source_is_continued(tmp_path, model_path, source):
    """Journals written before a job's key named its input are continued all the same."""
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT)
    out = tmp_path / "out"
    target = out / "film.mkv"
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(_restorer(model_path, fail_after=10), source, target, options)
    (work,) = _work_folders(out)
    journal = json.loads((work / "journal.json").read_text())
    journal["key"] = journal["key"].partition(SOURCE_MARK)[0]
    (work / "journal.json").write_text(json.dumps(journal))
    report = restore_video(_restorer(model_path), source, target, options)
    assert report.resumed_from == 8
    assert leftovers(out, {target.name}) == []


def test_extra_care_is_a_setting_a_resumed_film_must_share(tmp_path, model_path, source):
    """Segments made with and without the eight orientations must not end up in one film."""
    target = tmp_path / "out" / "film.mkv"
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT)
    with pytest.raises(RuntimeError):
        restore_video(_restorer(model_path, fail_after=9), source, target, options)
    careful = replace(options, frames=RestoreOptions(ensemble=True))
    assert restore_video(_restorer(model_path), source, target, careful).resumed_from == 0


def test_a_damaged_segment_is_made_again(tmp_path, model_path, source):
    options = VideoOptions(codec="ffv1", segment_frames=SEGMENT)
    out = tmp_path / "out"
    target = out / "film.mkv"
    with pytest.raises(RuntimeError):
        restore_video(_restorer(model_path, fail_after=13), source, target, options)
    (work,) = _work_folders(out)
    second = sorted(work.glob("segment-00001.mkv"))[0]
    second.write_bytes(second.read_bytes()[:100])
    report = restore_video(_restorer(model_path), source, target, options)
    assert report.resumed_from == 4  # segment 0 kept, 1 (damaged) and 2 made again
    assert probe(target).frames == FRAMES


def test_the_progress_counts_frames_and_reaches_the_end(tmp_path, model_path, source):
    seen = []
    restore_video(
        _restorer(model_path),
        source,
        tmp_path / "restored.mp4",
        VideoOptions(segment_frames=SEGMENT),
        Progress(lambda event: seen.append((event.fraction, event.what))),
    )
    fractions = [f for f, _ in seen]
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(fractions))
    assert fractions[-1] == 1.0
    notes = [n for _, n in seen if n]
    assert notes[0] == f"0/{FRAMES} frames"
    assert any(n.startswith(f"{FRAMES}/{FRAMES} frames, ") and n.endswith(" fps") for n in notes)


def test_decoding_times_of_joined_segments_leave_no_holes():
    """Three encoders: B-frames hold back two frames in the first two segments, none in the
    short last one; the joined stream is still one frame apart everywhere."""
    segments = [[0, 3, 1, 2], [4, 7, 5, 6], [8, 9]]
    assert [reorder_depth(s) for s in segments] == [1, 1, 0]
    times = decoding_times(segments, ticks=1)
    flat = [t for segment in times for t in segment]
    assert flat == list(range(-1, 9))
    assert all(d <= p for d, p in zip(flat, [p for s in segments for p in s], strict=True))


@pytest.mark.parametrize(("segment_frames", "sizes"), [(100, [3, 3, 3, 1]), (2, [2] * 5)])
def test_a_segment_closes_after_its_seconds_of_work_or_its_frames(
    tmp_path, source, segment_frames, sizes
):
    """One second of work a frame: with 2.5 s a segment, every third frame closes one, unless
    the frame limit comes first; the film's last frame closes the last one."""
    info = probe(source)
    target = tmp_path / "film.mkv"
    plan = EncodePlan.for_film(info, choose_codec("ffv1", target, None), "matroska", 1, None)
    folder = WorkFolder(tmp_path / "work", ".mkv")
    journal = folder.open_journal("key", 10, segment_frames)
    now = [0.0]
    writer = SegmentWriter(folder, journal, plan, 2.5, clock=lambda: now[0])
    for frame in itertools.islice(decode_frames(info), 10):
        now[0] += 1.0  # the frame took a second to restore
        writer.add(frame)
    writer.finish()
    assert [segment.frames for segment in journal.segments] == sizes
    assert [segment.first for segment in journal.segments] == list(
        itertools.accumulate([0, *sizes[:-1]])
    )
