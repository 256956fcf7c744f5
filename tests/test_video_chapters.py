"""A film's chapters survive a restore, with their titles and times."""

from fractions import Fraction
from pathlib import Path

import av
import pytest
import torch

from engine.library.loading import load_model
from engine.video import restore_video
from tests.video_helpers import NearestRestorer, make_clip, tiny_restorer

FRAMES, RATE = 6, 24
REELS = [("Reel 1", 0, 125), ("Reel 2 — the fire", 125, 208), ("Reel 3", 208, 250)]
"""Each chapter's title, start and end (ms), on frame boundaries of a 6-frame film at 24 fps."""

Chapter = tuple[str, Fraction, Fraction]  # title, start and end in seconds


@pytest.fixture
def nearest(tmp_path):
    model = tiny_restorer(tmp_path).model
    return NearestRestorer(load_model(model.descriptor.path), torch.device("cpu"))


def _with_chapters(source: Path, target: Path) -> Path:
    """``source``'s packets copied into ``target``, which gets the chapters ``REELS``."""
    with av.open(str(source)) as film, av.open(str(target), "w") as out:
        streams = {stream.index: out.add_stream_from_template(stream) for stream in film.streams}
        out.set_chapters(
            [
                {
                    "id": number,
                    "start": start,
                    "end": end,
                    "time_base": Fraction(1, 1000),
                    "metadata": {"title": title},
                }
                for number, (title, start, end) in enumerate(REELS, 1)
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
