"""A film's chapters survive a restore, with their titles and times."""

from fractions import Fraction
from pathlib import Path

import av
import pytest
import torch

from engine.cli import main
from engine.library.loading import load_model
from engine.video import probe, restore_video
from engine.video.join import join_notes
from tests.video_helpers import NearestRestorer, make_clip, tiny_restorer

FRAMES, RATE = 6, 24
REELS = [("Reel 1", 0, 125), ("Reel 2 — the fire", 125, 208), ("Reel 3", 208, 250)]
"""Each chapter's title, start and end (ms), on frame boundaries of a 6-frame film at 24 fps."""

Chapter = tuple[str, Fraction, Fraction]  # title, start and end in seconds


@pytest.fixture
def nearest(tmp_path):
    model = tiny_restorer(tmp_path).model
    return NearestRestorer(load_model(model.descriptor.path), torch.device("cpu"))


def _with_chapters(
    source: Path,
    target: Path,
    reels: list[tuple[str, int, int]] = REELS,
    time_base: Fraction = Fraction(1, 1000),
) -> Path:
    """``source``'s packets copied into ``target``, which gets the chapters ``reels`` (title,
    start and end in ``time_base`` units)."""
    with av.open(str(source)) as film, av.open(str(target), "w") as out:
        streams = {stream.index: out.add_stream_from_template(stream) for stream in film.streams}
        out.set_chapters(
            [
                {
                    "id": number,
                    "start": start,
                    "end": end,
                    "time_base": time_base,
                    "metadata": {"title": title},
                }
                for number, (title, start, end) in enumerate(reels, 1)
            ]
        )
        for packet in film.demux():
            if packet.size:
                packet.stream = streams[packet.stream.index]
                out.mux(packet)
    return target


def _chapters(path: Path) -> list[Chapter]:
    with av.open(str(path)) as film:
        return [
            (
                chapter["metadata"].get("title"),
                chapter["start"] * chapter["time_base"],
                chapter["end"] * chapter["time_base"],
            )
            for chapter in film.chapters()
        ]


@pytest.mark.parametrize("source_suffix", [".mp4", ".mkv"])
@pytest.mark.parametrize("target_name", ["out.mp4", "out.mkv", "out.mov"])
def test_the_chapters_are_kept_with_their_titles_and_times(
    tmp_path, nearest, source_suffix, target_name
):
    clip = make_clip(tmp_path / f"clip{source_suffix}", frames=FRAMES, rate=RATE, size=(32, 24))
    film = _with_chapters(clip, tmp_path / f"film{source_suffix}")
    expected = [(title, Fraction(start, 1000), Fraction(end, 1000)) for title, start, end in REELS]
    assert _chapters(film) == expected
    target = tmp_path / target_name
    restore_video(nearest, film, target)
    assert _chapters(target) == expected


def test_a_film_without_chapters_gets_none(tmp_path, nearest):
    film = make_clip(tmp_path / "film.mkv", frames=FRAMES, rate=RATE, size=(32, 24))
    target = tmp_path / "out.mp4"
    restore_video(nearest, film, target)
    assert _chapters(target) == []
    with av.open(str(target)) as written:  # MP4 writes its chapters as a track of their own
        assert [stream.type for stream in written.streams] == ["video", "audio"]


def _damaged(film: Path, sound: bytes, damaged: bytes) -> Path:
    """``film`` with the one place its bytes read ``sound`` made to read ``damaged``."""
    data = film.read_bytes()
    assert data.count(sound) == 1
    film.write_bytes(data.replace(sound, damaged))
    return film


def _frames(path: Path) -> int:
    with av.open(str(path)) as film:
        return sum(1 for packet in film.demux(film.streams.video[0]) if packet.size)


@pytest.mark.parametrize("target_name", ["out.mkv", "out.mp4"])
def test_chapters_past_the_end_are_left_out_and_one_running_past_it_is_cut(
    tmp_path, nearest, target_name
):
    clip = make_clip(tmp_path / "clip.mkv", frames=FRAMES, rate=RATE, size=(32, 24))
    reels = [("Reel 1", 0, 125), ("Reel 2", 125, 1000), ("Credits", 1000, 2000)]
    film = _with_chapters(clip, tmp_path / "film.mkv", reels)  # its table runs on past 250 ms
    target = tmp_path / target_name
    restore_video(nearest, film, target)
    end = Fraction(FRAMES, RATE)
    assert _chapters(target) == [
        ("Reel 1", 0, Fraction(125, 1000)),
        ("Reel 2", Fraction(125, 1000), end),
    ]
    assert join_notes(probe(film), target) == []


def _starts_before_the_film(clip: Path, film: Path) -> Path:
    """A Matroska film whose one chapter starts before the film, as a damaged table has it:
    the start, stored as an 8-byte number, gets its first bit set (a negative time)."""
    start = 1 << 56  # nanoseconds
    _with_chapters(clip, film, [("Reel 1", start, start + 1)], Fraction(1, 10**9))
    stored = bytes([0x91, 0x88]) + start.to_bytes(8, "big")  # ChapterTimeStart, 8 bytes
    return _damaged(film, stored, stored[:2] + b"\xff" + stored[3:])


def _title_not_utf8(clip: Path, film: Path) -> Path:
    """A Matroska film whose second chapter's title is Latin-1, not UTF-8 as Matroska's are."""
    _with_chapters(clip, film, [("Reel 1", 0, 125), ("Reel 2 ete", 125, 250)])
    return _damaged(film, b"Reel 2 ete", "Reel 2 été".encode("latin-1"))


@pytest.mark.parametrize("damage", [_starts_before_the_film, _title_not_utf8])
def test_a_damaged_chapter_table_is_left_out_and_told(tmp_path, nearest, damage):
    clip = make_clip(tmp_path / "clip.mkv", frames=FRAMES, rate=RATE, size=(32, 24))
    film = damage(clip, tmp_path / "film.mkv")
    target = tmp_path / "out.mkv"
    restore_video(nearest, film, target)
    assert _frames(target) == FRAMES
    assert _chapters(target) == []
    notes = [str(note) for note in join_notes(probe(film), target)]
    assert len(notes) == 1
    assert film.name in notes[0] and "chapters" in notes[0]


def test_the_command_line_says_once_that_the_chapters_are_left_out(
    tmp_path, tiny_model_file, capsys
):
    clip = make_clip(tmp_path / "clip.mkv", frames=FRAMES, rate=RATE, size=(32, 24))
    film = _title_not_utf8(clip, tmp_path / "film.mkv")
    target = tmp_path / "out.mkv"
    assert (
        main(["restore-video", str(film), "-o", str(target), "--model", str(tiny_model_file)]) == 0
    )
    said = [line for line in capsys.readouterr().err.splitlines() if "chapters" in line]
    assert said == [f"note: {note}" for note in join_notes(probe(film), target)]
    assert len(said) == 1 and _frames(target) == FRAMES
