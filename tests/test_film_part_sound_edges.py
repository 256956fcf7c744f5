"""The sound at the edges of a part of a film restored into a film file (``_SoundCut`` in
``engine.video.join``): PCM cut to the sample, compressed sound starting at the part's first
frame or before and lasting as long as it, and never lost. 8 kHz sound makes a packet (1024
samples) long against a frame, so that a cut in whole packets shows."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import pytest

from engine.video import FilmPoint, FilmSpan, VideoOptions, film_span, probe, restore_video
from engine.video.span import span_seconds
from tests.video_helpers import decoded_frames, make_clip, sound_of, tiny_restorer

RATE = 24
FRAMES = 48
SOUND_RATE = 8000


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


def _film(folder: Path, suffix: str, audio: str) -> Path:
    return make_clip(
        folder / f"film{suffix}", frames=FRAMES, rate=RATE, audio=audio, audio_rate=SOUND_RATE
    )


def _part(restorer, film: Path, target: Path, start: str, stop: str | None) -> FilmSpan:
    """Restore the part of ``film`` from ``start`` to ``stop`` (as ``--from`` and ``--to``
    give them) into ``target``."""
    points = [None if text is None else FilmPoint.parse(text) for text in (start, stop)]
    span = film_span(probe(film), *points)
    restore_video(restorer, film, target, VideoOptions(span=span))
    return span


def _seconds(film: Path, span: FilmSpan) -> Fraction:
    """How long ``span`` of ``film`` lasts."""
    begin, end = span_seconds(probe(film), span)
    return end - begin


def _decoded_rate(path: Path) -> int:
    with av.open(str(path)) as container:
        return container.streams.audio[0].codec_context.sample_rate


PARTS = [("40f", None), ("0f", "1f"), ("47f", None)]


@pytest.mark.parametrize(("start", "stop"), PARTS)
@pytest.mark.parametrize(
    ("audio", "suffix"),
    [("pcm_s16le", ".mkv"), ("libopus", ".mov")],  # copied; converted to PCM
)
def test_a_parts_pcm_sound_is_its_sources_cut_to_the_sample(
    restorer, tmp_path, audio, suffix, start, stop
):
    film = _film(tmp_path, ".mkv", audio)
    target = tmp_path / f"part{suffix}"
    span = _part(restorer, film, target, start, stop)
    begins, samples = sound_of(target)
    rate = _decoded_rate(target)  # Opus decodes at 48 kHz
    assert begins == 0
    assert len(samples) == round(_seconds(film, span) * rate)
    info = probe(film)  # its sound starts with its first frame, at 0
    offset = round(info.times[span.first] * info.time_base * rate)
    _, source = sound_of(film)
    assert (samples == source[offset : offset + len(samples)]).all()


@pytest.mark.parametrize(
    ("suffix", "start", "stop"),
    [
        (".mp4", "40f", None),  # no packet starts with the part's first frame
        (".mp4", "47f", None),  # none starts within it
        (".mov", "40f", None),
        (".mkv", "40f", None),
        (".mkv", "0f", "1f"),  # the packet that starts with it is the one Matroska leaves unplayed
        (".mkv", "47f", None),
    ],
)
def test_a_parts_compressed_sound_starts_by_its_first_frame_and_lasts_as_long(
    restorer, tmp_path, suffix, start, stop
):
    film = _film(tmp_path, suffix, "aac")
    target = tmp_path / f"part{suffix}"
    span = _part(restorer, film, target, start, stop)
    begins, samples = sound_of(target)
    assert decoded_frames(target)[0][0] == 0  # the sound's earlier start moves no frame
    assert begins <= 0
    assert begins + Fraction(len(samples), SOUND_RATE) >= _seconds(film, span)


def test_a_one_frame_part_at_the_films_end_keeps_its_sound_in_another_container(restorer, tmp_path):
    film = _film(tmp_path, ".mp4", "aac")
    target = tmp_path / "part.mkv"
    _part(restorer, film, target, "47f", None)
    with av.open(str(target)) as result:
        packets = [packet for packet in result.demux(audio=0) if packet.size]
    assert packets
