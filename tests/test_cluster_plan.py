"""The parts of restoring on a cluster that need no cluster: cutting a film at its keyframes,
a journal that keeps segments finished out of order, the progress board, a worker's segment
task run in this process, and Rekindle without Ray installed."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np
import pytest
import torch

from engine import cli as engine_cli
from engine.batch import Job
from engine.chain import ModelRequest
from engine.cluster import tasks
from engine.cluster.board import Board, workers_note
from engine.cluster.connect import check_address, local_plan, local_workers, survey
from engine.cluster.plan import cut, keyframes, plan_segments
from engine.cluster.shipping import pack_setup
from engine.cluster.tasks import restore_segment
from engine.errors import RekindleError
from engine.progress import silent
from engine.restorer import RestoreOptions
from engine.video import VideoOptions
from engine.video.frames import decode_frames
from engine.video.probe import probe
from engine.video.restore import prepare_film
from engine.video.segments import Journal, Segment, WorkFolder
from tests.test_cluster_addresses import SETTINGS_FRAME, _listener
from tests.test_cluster_stops import _Reports
from tests.video_helpers import decoded_frames, make_clip, tiny_restorer

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("first", "end", "keys", "most", "ranges"),
    [
        # groups of 12 frames, segments of at most 24: two groups a segment
        (0, 40, [0, 12, 24, 36], 24, [(0, 24), (24, 40)]),
        # groups longer than a segment are cut evenly, each piece in its own group
        (0, 40, [0, 12, 24], 8, [(0, 6), (6, 12), (12, 18), (18, 24), (24, 32), (32, 40)]),
        # a gap that begins inside a group
        (5, 40, [0, 12, 24, 36], 30, [(5, 24), (24, 40)]),
        # no keyframes known: even pieces
        (0, 10, [], 4, [(0, 3), (3, 6), (6, 10)]),
    ],
)
def test_a_film_is_cut_into_whole_groups_of_pictures(first, end, keys, most, ranges):
    assert cut(first, end, keys, most) == ranges


def test_every_range_is_short_enough_and_they_tile_the_gap():
    for end, most, step in itertools.product((1, 7, 50), (1, 3, 8), (1, 5, 13)):
        keys = list(range(0, end, step))
        ranges = cut(0, end, keys, most)
        assert [a for a, _ in ranges] == [0] + [b for _, b in ranges[:-1]]
        assert ranges[-1][1] == end
        assert all(0 < b - a <= most for a, b in ranges)


def _segment(index: int, first: int, frames: int) -> Segment:
    return Segment(index, first, frames, last_pts=0, last_raw_pts=0, size=0)


def test_the_journal_keeps_segments_finished_out_of_order():
    journal = Journal("key", frames=30, segment_frames=10)
    journal.add(_segment(2, 20, 10))
    journal.add(_segment(0, 0, 10))
    assert [s.first for s in journal.segments] == [0, 20]
    assert journal.gaps() == [(10, 20)]
    assert (journal.done, journal.frames_done, journal.next_index) == (10, 20, 3)
    assert not journal.complete
    journal.add(_segment(5, 10, 10))
    assert journal.complete and journal.gaps() == [] and journal.done == 30


def _folder_with(tmp_path: Path, segments: list[Segment]) -> WorkFolder:
    """A work folder whose journal lists ``segments``, each with its (empty) files."""
    folder = WorkFolder(tmp_path / "work", ".mkv")
    journal = folder.open_journal("key", 30, 10)
    for segment in segments:
        folder.segment_path(segment.index).write_bytes(b"")
        folder.times_path(segment.index).write_text("{}")
        journal.add(segment)
    folder.save(journal)
    return folder


def test_a_rerun_keeps_the_segments_around_a_gap_and_one_machine_keeps_the_first_run(tmp_path):
    kept = [_segment(0, 0, 10), _segment(1, 20, 10)]
    folder = _folder_with(tmp_path, kept)
    (folder.path / "segment-00004.123.partial.mkv").write_bytes(b"cut short")
    cluster = folder.open_journal("key", 30, 10, in_order=False)
    assert cluster.segments == kept and cluster.gaps() == [(10, 20)]
    assert not (folder.path / "segment-00004.123.partial.mkv").exists()  # a lost attempt's
    one_machine = folder.open_journal("key", 30, 10)
    assert one_machine.segments == kept[:1] and one_machine.done == 10
    assert not folder.segment_path(1).exists()  # one machine makes frames 10 on again


def test_the_plan_fills_only_the_gaps_at_the_keyframes(tmp_path):
    film = make_clip(tmp_path / "film.mp4", frames=40, size=(48, 32), codec="mpeg4", audio=None)
    info = probe(film)
    times = info.times
    assert keyframes(info) == [0, 12, 24, 36]  # mpeg4's default group of 12 frames
    job = prepare_film(
        tiny_restorer(tmp_path), film, tmp_path / "out.mkv", VideoOptions(codec="ffv1"), silent()
    )
    journal = Journal(job.key, 40, segment_frames=24, segments=[_segment(0, 0, 12)])
    planned = plan_segments(job, journal)
    assert [(p.index, p.first, p.frames) for p in planned] == [(1, 12, 24), (2, 36, 4)]
    assert [p.keyframe_pts for p in planned] == [times[12], times[36]]
    assert planned[0].after == (times[11], times[11])


@pytest.mark.parametrize("codec", ["mpeg4", "libx264"])
def test_decoding_from_a_keyframe_gives_the_frames_a_whole_decode_gives(tmp_path, codec):
    film = make_clip(tmp_path / "film.mp4", frames=72, size=(64, 48), codec=codec, audio=None)
    info = probe(film)
    times = info.times
    start = keyframes(info)[1]  # libx264 (with B-frames): the one it put at frame 29
    whole = list(decode_frames(info))[start:]
    seeking = list(
        decode_frames(info, start, times[start - 1], times[start - 1], keyframe_pts=times[start])
    )
    assert [(f.index, f.pts) for f in seeking] == [(f.index, f.pts) for f in whole]
    for a, b in zip(seeking, whole, strict=True):
        np.testing.assert_array_equal(a.pixels, b.pixels)


def test_the_board_counts_a_lost_segment_again_from_zero():
    board = Board()
    board.start(0, 3, "a:1")
    board.advance(0, 3, "a:1", 5)
    board.start(0, 3, "b:2")  # a:1 was lost: Ray runs the segment on b:2
    board.advance(0, 3, "a:1", 1)  # a late report from the lost attempt
    board.advance(0, 3, "b:2", 2)
    state = board.state()
    assert state.frames == {(0, 3): 2}
    assert state.workers == {"a:1": 6, "b:2": 2}
    assert state.restarted == 1
    assert workers_note({"a:1": 6, "b:2": 2}) == "a:1 6, b:2 2"


def test_a_worker_without_the_work_folder_sends_its_segment_back(tmp_path):
    film = make_clip(tmp_path / "film.mkv", frames=20, size=(48, 32), audio=None)
    restorer = tiny_restorer(tmp_path)
    model = restorer.model.descriptor.path
    job = prepare_film(restorer, film, tmp_path / "out.mkv", VideoOptions(codec="ffv1"), silent())
    times = job.info.times
    setup = pack_setup(ModelRequest(str(model)), device="cpu", tile=0, threads=1)
    segment = SimpleNamespace(
        index=7, first=5, frames=6, end=11, after=(times[4], times[4]), keyframe_pts=None
    )
    reports = _Reports()
    done = restore_segment(setup, job, 0, segment, reports)  # no journal there: not shared
    assert done.data is not None and not job.folder.path.exists()
    assert (done.encoded.first, done.encoded.frames) == (5, 6)
    assert reports.calls[0] == ("start", (0, 7, done.worker))
    assert sum(args[3] for name, args in reports.calls if name == "advance") == 6
    copy = tmp_path / "segment.mkv"
    copy.write_bytes(done.data)
    single = tmp_path / "whole.mkv"
    engine_cli.main(
        ["restore-video", str(film), "-o", str(single), "--codec", "ffv1", "--model", str(model)]
    )
    theirs = [pixels for _, pixels in decoded_frames(single)][5:11]
    for ours, whole in zip([p for _, p in decoded_frames(copy)], theirs, strict=True):
        np.testing.assert_array_equal(ours, whole)


def test_local_workers_are_read_from_the_address():
    assert local_workers("local") == 0
    assert local_workers("local:3") == 3
    assert local_workers("10.0.0.5:6379") is None


def test_an_address_is_checked_without_ray_and_in_the_time_given():
    check_address("local")
    check_address("local:2")
    with pytest.raises(RekindleError, match="say local, or local:N"):
        check_address("local:none")
    for address in ("10.0.0.5:head", "10.0.0.5:70000"):
        with pytest.raises(RekindleError, match="give its head's HOST:PORT"):
            check_address(address)
    with pytest.raises(RekindleError, match=r"cannot reach a Ray cluster at 127\.0\.0\.1:1 \("):
        check_address("127.0.0.1:1", timeout=0.5)  # nothing listens on port 1


def test_a_local_cluster_is_surveyed_without_starting_it(monkeypatch):
    monkeypatch.setattr("engine.cluster.connect.torch.cuda.device_count", lambda: 2)
    monkeypatch.setattr("engine.cluster.connect.os.cpu_count", lambda: 16)
    assert (survey("local").workers, survey("local").gpus) == (2, 2)  # one per GPU
    three = survey("local:3")
    assert (three.workers, three.threads, three.resources["num_gpus"]) == (3, 5, 0.5)
    assert local_plan(4, device="cpu").gpus == 0
    with pytest.raises(RekindleError, match=r"cannot reach a Ray cluster at 127\.0\.0\.1:1"):
        survey("127.0.0.1:1", timeout=0.5)  # refused before Ray is asked to join


def test_a_survey_leaves_alone_a_cluster_this_process_is_joined_to(monkeypatch):
    """The app checks an address on one thread while its worker may be joined for a
    restoration on another: Ray has one driver a process, so the survey must not join (nor
    leave, which would cut the restoration off)."""
    ray = pytest.importorskip("ray")
    monkeypatch.setattr(ray, "is_initialized", lambda: True)
    monkeypatch.setattr(ray, "init", lambda **_: pytest.fail("joined a second time"))
    monkeypatch.setattr(ray, "shutdown", lambda: pytest.fail("left the restoration's cluster"))
    with _listener(SETTINGS_FRAME) as address:  # an address that answers as a head's does
        assert survey(address, timeout=1.0) is None


def test_ray_is_found_installed_or_not_without_being_imported():
    code = (
        "import sys; from engine.cluster.connect import ray_installed\n"
        "print(ray_installed(), 'ray' in sys.modules)\n"
        "sys.modules['ray'] = None\n"
        "print(ray_installed())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "False", "False"]  # installed here (.[cluster])


def test_rekindle_runs_without_ray(tmp_path):
    """With Ray absent, everything imports (the cluster modules too), and asking for a
    cluster says how to install it, as one sentence."""
    code = (
        "import sys; sys.modules['ray'] = None\n"
        "import engine.cli, engine.batch, engine.video, engine.cluster.films, "
        "engine.cluster.photos\n"
        "from engine import cli\n"
        f"sys.exit(cli.main(['restore', {str(tmp_path)!r}, '-o', {str(tmp_path / 'out')!r}, "
        "'--cluster', 'local:2']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        "error: restoring on a cluster needs Ray, an optional part of Rekindle: install it "
        "with pip install 'rekindle[cluster]' (or pip install ray)"
    )


def test_a_worker_restores_a_photo_it_cannot_reach_from_the_bytes_sent(tmp_path):
    """The app sends a photo's bytes: a cluster's worker does not see this computer's files."""
    restorer = tiny_restorer(tmp_path)
    photo = tmp_path / "p.png"
    pixels = (np.random.default_rng(0).random((24, 32, 3)) * 255).astype(np.uint8)
    cv2.imwrite(str(photo), pixels)
    model = ModelRequest(str(restorer.model.descriptor.path))
    setup = pack_setup(model, device="cpu", tile=0, threads=torch.get_num_threads())
    here = tasks.restore_photo(setup, Job(photo, tmp_path / "a.png"), RestoreOptions())
    away = Job(tmp_path / "elsewhere" / "p.png", tmp_path / "b.png")
    sent = tasks.restore_photo(setup, away, RestoreOptions(), photo.read_bytes())
    assert sent.failure == "" and sent.picture.pixels.shape == (48, 64, 3)
    np.testing.assert_array_equal(sent.picture.pixels, here.picture.pixels)
    assert "does not exist" in tasks.restore_photo(setup, away, RestoreOptions()).failure
