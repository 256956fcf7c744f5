"""The sound written beside a film's frames is a Broadcast Wave file whose time reference puts
it at its first frame's timecode, the one the DPX frames carry, so that a suite conforming the
frames by timecode lines the sound up by itself; a film without a timecode starts at midnight,
a part at its own time (``engine.video.broadcast_wave``)."""

from __future__ import annotations

import struct
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from engine import dpx
from engine.video import FilmSpan, VideoOptions, probe, restore_frame_files
from engine.video.broadcast_wave import first_second
from tests.test_film_span import RATE, SOUND_RATE, _clicking_film
from tests.video_helpers import tiny_restorer


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


def _bext(path: Path) -> dict[str, object]:
    """The Broadcast Wave chunk of the WAV file at ``path`` (EBU Tech 3285): its
    description, originator and time reference."""
    data = path.read_bytes()
    at = 12  # after "RIFF", its size and "WAVE"
    while at < len(data):
        name, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        if name == b"bext":
            chunk = data[at + 8 : at + 8 + size]
            return {
                "description": chunk[:256].rstrip(b"\0").decode(),
                "originator": chunk[256:288].rstrip(b"\0").decode(),
                "time reference": struct.unpack("<Q", chunk[338:346])[0],
            }
        at += 8 + size + size % 2
    raise AssertionError(f"{path.name} has no bext chunk")


def test_a_parts_sound_starts_at_its_first_frames_timecode(restorer, tmp_path):
    film = _clicking_film(tmp_path / "film.mov", timecode="01:00:00:00")
    frames = tmp_path / "frames" / "f_%04d.dpx"
    restore_frame_files(restorer, film, frames, VideoOptions(span=FilmSpan(12, 14)))

    chunk = _bext(tmp_path / "frames" / "f [frames 13-14].wav")
    header = dpx.header_in(tmp_path / "frames" / "f_0013.dpx")
    assert header.timecode == "01:00:00:12"
    on_frame = dpx.timecode_frames(header.timecode, Fraction(RATE))
    assert chunk["time reference"] == on_frame * SOUND_RATE // RATE == (3600 * 24 + 12) * 2000
    assert chunk["originator"].startswith("Rekindle")
    assert chunk["description"].startswith("Sound of film.mov, frames 13 to 14 only")


def test_a_film_without_a_timecode_starts_at_midnight(restorer, tmp_path):
    film = _clicking_film(tmp_path / "film.mkv")
    restore_frame_files(restorer, film, tmp_path / "frames" / "f_%04d.png")

    chunk = _bext(tmp_path / "frames" / "f.wav")
    assert (chunk["time reference"], chunk["description"]) == (0, "Sound of film.mkv")


def test_a_drop_frame_timecode_is_counted_in_real_seconds(tmp_path):
    """An hour of drop-frame timecode at 29.97 frames a second is an hour of real time, to
    3.6 ms; counted as 30 frames a second it would be 3.6 s short."""
    film = _clicking_film(tmp_path / "film.mkv")
    info = replace(probe(film), timecode="01:00:00;00", rate=Fraction(30000, 1001), times=None)
    assert abs(first_second(info, FilmSpan()) - 3600) < Fraction(4, 1000)


def test_a_part_past_midnight_starts_again_from_midnight(tmp_path):
    """A night shoot's time-of-day timecode: the frames' DPX timecode wraps, so does the sound."""
    film = _clicking_film(tmp_path / "film.mkv")
    info = replace(probe(film), timecode="23:59:59:12")
    assert dpx.timecode_after("23:59:59:12", 30, Fraction(RATE)) == "00:00:00:18"
    assert first_second(info, FilmSpan(30, 40)) == Fraction(18, RATE)
