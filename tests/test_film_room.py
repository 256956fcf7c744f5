"""A film whose rest would not fit on its drive stops as soon as its first segments tell how
many bytes a frame takes, not at its join hours later: joining needs room for the whole film
again while its segments are still there, and for its sound. The segments made are kept."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest

from engine.cli import main
from engine.errors import Cancelled, WriteError
from engine.preflight import MEGABYTE
from engine.video import VideoOptions, probe, restore_video
from engine.video import restore as restore_module
from engine.video.restore import sound_bytes
from engine.video.segments import ROOM_SAMPLE_SHARE, Journal, Segment
from tests.video_helpers import NearestRestorer, leftovers, make_clip, tiny_restorer

FRAMES = 24
SEGMENT = 4
OPTIONS = VideoOptions(codec="ffv1", segment_frames=SEGMENT)


@pytest.fixture
def restorer(tmp_path):
    tiny = tiny_restorer(tmp_path)
    return NearestRestorer(tiny.model, tiny.device)


@pytest.fixture
def film(tmp_path):
    return make_clip(tmp_path / "film.mp4", frames=FRAMES, size=(48, 32), audio=None)


def _journal(out: Path) -> dict:
    (work,) = [p for p in out.iterdir() if p.name.endswith(".rekindle")]
    return json.loads((work / "journal.json").read_text())


def _free(monkeypatch, free: int) -> list[Path]:
    """The drive has ``free`` bytes free, whatever is written to it; the folders asked of."""
    asked: list[Path] = []

    def free_bytes(folder: Path) -> int:
        asked.append(folder)
        return free

    monkeypatch.setattr(restore_module, "free_bytes", free_bytes)
    return asked


def _segments_size(restorer, film: Path, folder: Path) -> int:
    """The bytes of a film's finished segments: what its result holds, restored
    uninterrupted."""
    return restore_video(restorer, film, folder / "reference.mkv", OPTIONS).target.stat().st_size


def test_a_film_with_room_for_its_segments_but_not_its_join_stops_after_its_first_segment(
    tmp_path, restorer, film, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    free = _segments_size(restorer, film, tmp_path)  # every segment fits, the join does not
    asked = _free(monkeypatch, free)
    with pytest.raises(WriteError) as stopped:
        restore_video(restorer, film, out / "film.mkv", OPTIONS)
    sentence = stopped.value.sentence
    assert sentence.startswith("film.mp4: about ")
    assert f"MB more are needed in {out} to finish it" in sentence
    assert f"and {free // MEGABYTE} MB are free there" in sentence
    assert sentence.endswith("the frames restored so far are kept")
    assert _journal(out)["segments"][0]["frames"] == SEGMENT  # stopped after the first
    assert len(_journal(out)["segments"]) == 1
    assert not (out / "film.mkv").exists()
    assert all(folder.parent == out for folder in asked)  # its work folder's drive

    monkeypatch.undo()  # room made
    report = restore_video(restorer, film, out / "film.mkv", OPTIONS)
    assert report.resumed_from == SEGMENT
    assert probe(report.target).frames == FRAMES
    assert leftovers(out, {"film.mkv"}) == []


def test_a_film_whose_frames_are_all_restored_is_not_joined_without_room_for_the_result(
    tmp_path, restorer, film, monkeypatch
):
    out = tmp_path / "out"

    def stopped_before_the_join(*args, **kwargs):
        raise Cancelled()

    with monkeypatch.context() as before:
        before.setattr(restore_module, "finish_film", stopped_before_the_join)
        with pytest.raises(Cancelled):
            restore_video(restorer, film, out / "film.mkv", OPTIONS)
    journal = _journal(out)
    assert journal["complete"]
    _free(monkeypatch, sum(segment["size"] for segment in journal["segments"]) - 1)
    with pytest.raises(WriteError) as stopped:
        restore_video(restorer, film, out / "film.mkv", OPTIONS)
    assert "about 1 MB more are needed" in stopped.value.sentence
    (work,) = leftovers(out, set())  # no result begun, the segments kept
    assert work.endswith(".rekindle")
    assert _journal(out)["complete"]


def test_a_film_is_not_joined_without_room_for_the_result_once_its_last_frame_is_restored(
    tmp_path, restorer, monkeypatch
):
    """The last segment, shorter than the others, is closed by the film's end: the join is
    judged then too."""
    film = make_clip(tmp_path / "film.mp4", frames=FRAMES - 2, size=(48, 32), audio=None)
    out = tmp_path / "out"

    def free_until_the_last_segment(folder: Path) -> int:
        return 1 if _journal(out)["complete"] else 10**12

    monkeypatch.setattr(restore_module, "free_bytes", free_until_the_last_segment)
    with pytest.raises(WriteError):
        restore_video(restorer, film, out / "film.mkv", OPTIONS)
    assert _journal(out)["complete"]
    assert not (out / "film.mkv").exists()


def test_the_command_line_tells_a_film_short_of_room_and_keeps_its_work(
    tmp_path, film, tiny_model_file, monkeypatch, capsys
):
    _free(monkeypatch, 1)
    out = tmp_path / "out.mkv"
    command = ["restore-video", str(film), "-o", str(out), "--model", str(tiny_model_file)]
    assert main([*command, "--segment-frames", str(SEGMENT), "--codec", "ffv1"]) == 1
    said = capsys.readouterr().err
    assert "failed: film.mp4: about 1 MB more are needed in" in said
    assert "and 0 MB are free there" in said
    assert len(_journal(tmp_path)["segments"]) == 1


@pytest.mark.parametrize(
    ("frames", "segments", "sound", "needed"),
    [
        (1000, [(10, 500)], 7, 50 * (990 + 1000) + 7),  # a frame takes 50 bytes
        (1000, [(10, 500), (10, 1500)], 0, 100 * (980 + 1000)),  # then 100, on average
        (1000, [(1000, 4000)], 3, 4000 + 3),  # all restored: the join's alone
        (2000, [(10, 500)], 7, 7),  # too few frames yet to tell: the sound alone
        (1000, [], 0, 0),
    ],
    ids=["one-segment", "averaged", "complete", "too-few-to-tell", "nothing-yet"],
)
def test_the_room_a_film_still_needs_is_its_frames_left_and_all_of_them_again(
    frames, segments, sound, needed
):
    journal = Journal("key", frames, segment_frames=10)
    first = 0
    for index, (count, size) in enumerate(segments):
        journal.add(Segment(index, first, count, first + count, None, size))
        first += count
    assert 10 / 2000 < ROOM_SAMPLE_SHARE <= 10 / 1000
    assert journal.room_to_finish(sound) == needed


def test_the_sound_is_counted_as_its_packets_take_or_as_the_pcm_it_becomes(tmp_path):
    with_aac = make_clip(tmp_path / "aac.mkv", frames=48, subtitles="subrip")
    with av.open(str(with_aac)) as source:
        packets = sum(p.size for p in source.demux() if p.stream.type in ("audio", "subtitle"))
    assert packets > 0
    assert sound_bytes(probe(with_aac), "matroska") == packets  # Matroska states no bit rate

    with_flac = make_clip(
        tmp_path / "flac.mkv", frames=48, audio="flac", channels=2, audio_rate=8000
    )
    info = probe(with_flac)
    pcm = 8000 * 2 * 2 * info.duration  # samples a second, channels, 16 bits
    assert sound_bytes(info, "mov") == pytest.approx(pcm, rel=0.01)  # converted to PCM
    assert sound_bytes(probe(make_clip(tmp_path / "silent.mp4", audio=None)), "mp4") == 0


def test_a_film_short_of_room_for_its_sound_alone_stops_before_its_first_frame(
    tmp_path, restorer, monkeypatch
):
    film = make_clip(tmp_path / "film.mp4", frames=FRAMES, size=(48, 32))
    enlarged = []
    monkeypatch.setattr(
        NearestRestorer, "enlarge", lambda self, *args, **kwargs: enlarged.append(1)
    )
    _free(monkeypatch, sound_bytes(probe(film), "matroska") - 1)
    with pytest.raises(WriteError):
        restore_video(restorer, film, tmp_path / "out" / "film.mkv", OPTIONS)
    assert enlarged == []
