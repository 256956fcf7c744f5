"""Restoring a part of a film (``restore-video --from T --to T``, ``VideoOptions.span``):
its points read in every form, bad ones refused before anything is written, and the part's
frames, sound, numbers, timecode and resumable work as the whole film's run makes them
(``engine.video.span``)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import torch

from engine import dpx
from engine.cli import main
from engine.errors import RekindleError
from engine.imageio import read_picture
from engine.progress import silent
from engine.video import (
    FilmPoint,
    FilmSpan,
    VideoOptions,
    film_span,
    probe,
    restore_frame_files,
    restore_video,
)
from engine.video.span import span_stem
from tests.video_helpers import (
    EVERY_CLEANUP,
    FailingRestorer,
    decoded_frames,
    make_clip,
    sound_of,
    tiny_restorer,
)

RATE = 24
FRAMES = 48  # two seconds
SPAN = FilmSpan(13, 30)
SOUND_RATE = 48_000
CLICK_FRAME = 30  # the frame the click of ``_clicking_film`` sounds at
CPU = torch.device("cpu")


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


@pytest.fixture
def film(tmp_path) -> Path:
    return make_clip(tmp_path / "film.mkv", frames=FRAMES, rate=RATE)


def _clicking_film(path: Path, audio: str = "pcm_s16le", timecode: str | None = None) -> Path:
    """A film of ``FRAMES`` frames whose sound is silent but for a click at ``CLICK_FRAME``."""
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=RATE)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        if timecode is not None:
            video.metadata["timecode"] = timecode
        sound = out.add_stream(audio, rate=SOUND_RATE)
        sound.layout = "mono"
        for index in range(FRAMES):
            pixels = np.full((48, 64, 3), index * 5, np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24").reformat(format="yuv420p")
            frame.pts = index
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        count = SOUND_RATE * FRAMES // RATE
        wave = np.zeros(count, np.float32)
        click = CLICK_FRAME * SOUND_RATE // RATE
        wave[click : click + 48] = 0.9
        for start in range(0, count, 1024):
            part = wave[start : start + 1024].reshape(1, -1)
            if audio.startswith("pcm"):
                piece = av.AudioFrame.from_ndarray(
                    (part * 32767).astype(np.int16), format="s16", layout="mono"
                )
            else:
                piece = av.AudioFrame.from_ndarray(part, format="fltp", layout="mono")
            piece.sample_rate, piece.pts = SOUND_RATE, start
            out.mux(sound.encode(piece))
        out.mux(sound.encode(None))
    return path


def _click_seconds(path: Path) -> Fraction:
    start, samples = sound_of(path)
    loud = np.abs(samples) > 0.3 * np.abs(samples).max()
    return start + Fraction(int(np.argmax(loud)), SOUND_RATE)


@pytest.mark.parametrize(
    ("text", "boundary"),
    [
        ("1", 24),
        ("0.5", 12),
        ("0.51", 12),  # the nearer boundary between frames
        ("1:01", None),  # past the end: refused below
        ("0:01", 24),
        ("0:00:01.5", 36),
        ("00:00:01.250", 30),
        ("30f", 30),
        ("48f", 48),
        ("00:00:01:06", 30),  # no timecode of its own: from 00:00:00:00
        ("0:00:01:06", 30),  # its hours in one digit
        ("2", 48),
    ],
)
def test_every_form_of_a_point_falls_on_its_frame(film, text, boundary):
    info = probe(film)
    point = FilmPoint.parse(text)
    if boundary is None:
        with pytest.raises(RekindleError, match=r"past the end of film\.mkv"):
            point.boundary(info, "out point")
    else:
        assert point.boundary(info, "in point") == boundary


def test_a_timecode_is_read_on_the_films_own_clock(film):
    info = replace(probe(film), timecode="01:00:00:00")
    assert FilmPoint.parse("01:00:01:02").boundary(info, "in point") == 26
    with pytest.raises(RekindleError, match=r"before film\.mkv starts, at 01:00:00:00"):
        FilmPoint.parse("00:59:59:00").boundary(info, "in point")
    with pytest.raises(RekindleError, match="timecode has no 01:00:00:30"):
        FilmPoint.parse("01:00:00:30").boundary(info, "in point")


@pytest.mark.parametrize(
    ("timecode", "frames"),
    [
        ("00:00:59;29", 1799),
        ("00:01:00;00", 1800),  # drop-frame leaves out ;00 and ;01 here: the next frame shown
        ("00:01:00;01", 1800),
        ("00:01:00;02", 1800),
        ("00:10:00;00", 17982),  # each tenth minute keeps them
        ("00:10:00;01", 17983),
    ],
)
def test_a_drop_frame_number_left_out_is_the_next_frame_shown(timecode, frames):
    assert dpx.timecode_frames(timecode, Fraction(30000, 1001)) == frames


@pytest.mark.parametrize("rate", [Fraction(24), Fraction(25), Fraction(30)])
def test_a_drop_frame_timecode_is_refused_at_a_rate_that_has_none(film, rate):
    info = replace(probe(film), rate=rate)
    with pytest.raises(RekindleError, match=r"00:00:01;06 is a drop-frame timecode.*film\.mkv"):
        FilmPoint.parse("00:00:01;06").boundary(info, "in point")


def test_a_parts_name_is_labelled_by_its_frames_once(film):
    info = probe(film)
    assert span_stem("film", info, FilmSpan()) == "film"
    assert span_stem("film", info, FilmSpan(3, 9)) == "film [frames 4-9]"
    # the app's frames of a part go into a folder so named: their sound is not labelled twice
    assert span_stem("film [frames 4-9]", info, FilmSpan(3, 9)) == "film [frames 4-9]"
    assert span_stem("film [frames 4-9]", info, FilmSpan(4, 9)) == "film [frames 4-9] [frames 5-9]"


@pytest.mark.parametrize("text", ["", "abc", "1:75", "1:60:00", "1:2:3:4", "-3", "12 f"])
def test_a_point_in_no_form_is_refused(text):
    with pytest.raises(ValueError, match=r"no point of a film|go up to 59"):
        FilmPoint.parse(text)


@pytest.mark.parametrize(
    ("start", "stop", "said"),
    [
        ("1", "0.5", "holds no frames"),
        ("1", "1", "holds no frames"),
        ("2", None, r"in point of film\.mkv is at its end, after its last frame \(48\)"),
        ("0.5", "3", r"past the end of film.mkv, which runs 00:00:0[12]\.\d{3} \(48 frames\)"),
        ("49f", None, "past the end"),
    ],
)
def test_a_bad_part_is_refused_naming_the_film(film, start, stop, said):
    points = [None if text is None else FilmPoint.parse(text) for text in (start, stop)]
    with pytest.raises(RekindleError, match=said) as refused:
        film_span(probe(film), *points)
    assert "film.mkv" in str(refused.value)


def test_a_part_given_by_frames_is_refused_outside_the_film_before_any_work(
    film, restorer, tmp_path
):
    out = tmp_path / "out"
    out.mkdir()
    for span in (FilmSpan(40, 60), FilmSpan(20, 20), FilmSpan(-1, 4)):
        with pytest.raises(RekindleError, match=r"film\.mkv"):
            restore_video(restorer, film, out / "part.mkv", VideoOptions(span=span))
        with pytest.raises(RekindleError, match=r"film\.mkv"):
            restore_frame_files(restorer, film, out / "f_%04d.png", VideoOptions(span=span))
    assert list(out.iterdir()) == []


def test_a_parts_frames_are_the_whole_runs_own_numbered_as_it_numbers_them(
    film, restorer, tmp_path
):
    options = VideoOptions(cleanup=EVERY_CLEANUP, segment_frames=8)
    whole = restore_frame_files(restorer, film, tmp_path / "whole" / "f_%04d.png", options)
    part = restore_frame_files(
        restorer, film, tmp_path / "part" / "f_%04d.png", replace(options, span=SPAN)
    )
    assert (whole.frames, part.frames, part.first) == (FRAMES, 17, 13)
    numbers = [f"f_{number:04d}.png" for number in range(14, 31)]  # frames 13 to 29, from 1
    assert sorted(p.name for p in (tmp_path / "part").glob("f_*.png")) == numbers
    for name in numbers:
        ours = read_picture(tmp_path / "part" / name).pixels
        assert np.array_equal(ours, read_picture(tmp_path / "whole" / name).pixels), name
    wav = (tmp_path / "part" / "f [frames 14-30].wav").read_bytes()
    with av.open(str(tmp_path / "part" / "f [frames 14-30].wav")) as sound:
        samples = sum(piece.samples for piece in sound.decode(audio=0))
    times, base = probe(film).times, probe(film).time_base
    stretch = (times[30] - times[13]) * base  # frames 13 to 29 as stored (in milliseconds)
    assert wav and samples == round(stretch * 8000)  # the part's stretch, to the sample


def test_a_parts_film_starts_at_zero_with_the_whole_runs_frames(film, restorer, tmp_path):
    options = VideoOptions(codec="ffv1", segment_frames=8, cleanup=EVERY_CLEANUP)
    restore_video(restorer, film, tmp_path / "whole.mkv", options)
    report = restore_video(restorer, film, tmp_path / "part.mkv", replace(options, span=SPAN))
    assert (report.frames, report.first) == (17, 13)
    whole, part = decoded_frames(tmp_path / "whole.mkv"), decoded_frames(tmp_path / "part.mkv")
    assert len(part) == 17 and part[0][0] == 0
    for index, (_, pixels) in enumerate(part):
        assert np.array_equal(pixels, whole[SPAN.first + index][1]), index
    with av.open(str(tmp_path / "part.mkv")) as result:
        comment = {k.lower(): v for k, v in result.metadata.items()}["comment"]
    assert "frames 14 to 30 only (00:00:00.542 to 00:00:01.250)" in comment


@pytest.mark.parametrize(("audio", "suffix"), [("pcm_s16le", ".mkv"), ("aac", ".mp4")])
def test_a_parts_sound_is_cut_to_it_and_keeps_in_sync(restorer, tmp_path, audio, suffix):
    film = _clicking_film(tmp_path / f"film{suffix}", audio)
    target = tmp_path / f"part{suffix}"
    restore_video(restorer, film, target, VideoOptions(span=FilmSpan(12, 40)))
    assert decoded_frames(target)[0][0] == 0
    assert _click_seconds(target) == Fraction(CLICK_FRAME - 12, RATE)
    start, samples = sound_of(target)
    packet = Fraction(1024, SOUND_RATE)  # the sound starts and ends within a packet of it
    assert 0 <= start < packet
    assert abs(start + Fraction(len(samples), SOUND_RATE) - Fraction(28, RATE)) < packet


def test_a_parts_timecode_is_counted_on_to_its_first_frame(restorer, tmp_path):
    film = _clicking_film(tmp_path / "film.mov", timecode="01:00:00:00")
    restore_video(restorer, film, tmp_path / "part.mov", VideoOptions(span=FilmSpan(12, 40)))
    assert probe(tmp_path / "part.mov").timecode == "01:00:00:12"
    frames = tmp_path / "frames" / "f_%04d.dpx"
    restore_frame_files(restorer, film, frames, VideoOptions(span=FilmSpan(12, 14)))
    headers = [dpx.header_in(tmp_path / "frames" / f"f_{n:04d}.dpx") for n in (13, 14)]
    assert [header.timecode for header in headers] == ["01:00:00:12", "01:00:00:13"]
    assert probe(film).timecode == "01:00:00:00"


def test_a_killed_part_goes_on_from_its_segments_and_another_part_does_not_take_them(
    film, restorer, tmp_path
):
    options = VideoOptions(codec="ffv1", segment_frames=4, span=FilmSpan(8, 40))
    failing = FailingRestorer(restorer.model, CPU, fail_after=10)
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(failing, film, tmp_path / "part.mkv", options)
    again = restore_video(restorer, film, tmp_path / "part.mkv", options)
    assert again.resumed_from >= 4 and again.first == 8
    whole = restore_video(restorer, film, tmp_path / "whole.mkv", replace(options, span=FilmSpan()))
    part = decoded_frames(tmp_path / "part.mkv")
    assert len(part) == 32
    assert all(
        np.array_equal(p, decoded_frames(tmp_path / "whole.mkv")[8 + i][1])
        for i, (_, p) in enumerate(part)
    )
    assert whole.resumed_from == 0

    failing = FailingRestorer(restorer.model, CPU, fail_after=10)
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(failing, film, tmp_path / "other.mkv", options)
    other = replace(options, span=FilmSpan(9, 40))
    notes: list[str] = []
    report = restore_video(restorer, film, tmp_path / "other.mkv", other, on_notice=notes.append)
    assert report.resumed_from == 0 and len(decoded_frames(tmp_path / "other.mkv")) == 31
    assert any("starts over" in note for note in notes)


def test_a_killed_part_into_frames_goes_on_after_its_own(film, restorer, tmp_path):
    options = VideoOptions(segment_frames=4, span=FilmSpan(8, 40))
    pattern = tmp_path / "frames" / "f_%04d.png"
    failing = FailingRestorer(restorer.model, CPU, fail_after=10)
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_frame_files(failing, film, pattern, options)
    again = restore_frame_files(restorer, film, pattern, options)
    assert again.resumed_from >= 4 and again.first == 8
    numbers = sorted(int(p.stem[2:]) for p in pattern.parent.glob("f_*.png"))
    assert numbers == list(range(9, 41))


def _restore(model: Path, *arguments: object) -> int:
    return main(["restore-video", *map(str, arguments), "--model", str(model)])


def test_the_command_restores_each_films_part_and_fails_a_film_it_falls_outside(
    tmp_path, tiny_model_file, capsys
):
    (tmp_path / "in").mkdir()
    long = make_clip(tmp_path / "in" / "long.mkv", frames=FRAMES, rate=RATE)
    make_clip(tmp_path / "in" / "short.mkv", frames=24, rate=RATE)
    out = tmp_path / "out"
    code = _restore(tiny_model_file, long.parent, "-o", f"{out}/", "--from", "1", "--to", "1.5")
    said = capsys.readouterr()
    assert code == 1
    assert "out point 1.5 is past the end of short.mkv" in said.err
    assert "only from 1 to 1.5" in said.err
    result = out / "in" / "long [frames 25-36].mkv"
    assert sorted(p.name for p in (out / "in").iterdir()) == [result.name]
    assert f"{result}: 12 frames" in said.out
    assert len(decoded_frames(result)) == 12


def test_the_command_refuses_a_bad_point_before_anything_is_written(
    film, tmp_path, tiny_model_file, capsys
):
    out = tmp_path / "out.mkv"
    with pytest.raises(SystemExit):
        _restore(tiny_model_file, film, "-o", out, "--from", "1:75")
    assert "minutes and seconds go up to 59" in capsys.readouterr().err
    assert _restore(tiny_model_file, film, "-o", out, "--from", "1.5", "--to", "0:01") == 1
    assert "holds no frames" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob(".out*")) == []


def test_the_help_says_how_a_part_is_given(capsys):
    with pytest.raises(SystemExit):
        main(["restore-video", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--from T" in text and "--to T" in text
    assert "the frame at it not included" in text and "2160f" in text


def test_a_cluster_refuses_a_part_of_a_film(restorer):
    from engine.cluster.films import restore_films

    span = VideoOptions(span=FilmSpan(1, 4))
    with pytest.raises(RekindleError, match="part of a film is restored on one machine only"):
        restore_films(None, None, restorer, [], span, silent())
