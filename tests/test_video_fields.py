"""What an interlaced film's fields hold decides how its frames are made whole
(engine/video/fields.py, deinterlace.py): a telecined film's fields are matched back into its
film frames, whole film frames carried in fields are kept, video is deinterlaced."""

from itertools import pairwise

import numpy as np
import pytest
import torch

from bench.fields import interlaced_clip, telecined
from engine.cli import main
from engine.library.loading import load_model
from engine.video import VideoOptions, restore_video
from engine.video.fields import TELECINE, VIDEO, WHOLE, Fields
from engine.video.frames import before_frame, decode_frames
from engine.video.probe import probe
from engine.video.repeats import repeats
from engine.video.temporal import FilmCleanup, cleaned
from tests.conftest import SHARED_DATA
from tests.video_helpers import (
    TELECINED_FRAMES,
    FailingRestorer,
    combing,
    make_clip,
    make_interlaced_clip,
    make_telecined_clip,
    panned_film,
    tiny_restorer,
)


def _psnr(one: np.ndarray, other: np.ndarray) -> float:
    error = np.mean((one.astype(np.float64) - other.astype(np.float64)) ** 2)
    return float(10 * np.log10(255**2 / error))


def _nearest_film_frame(picture: np.ndarray) -> float:
    """The PSNR of ``picture`` against the film frame it is nearest to."""
    return max(_psnr(picture, frame) for frame in panned_film())


def test_the_fields_of_a_film_are_told_apart(tmp_path):
    assert probe(make_telecined_clip(tmp_path / "telecined.mp4")).fields == Fields(TELECINE)
    whole = interlaced_clip(tmp_path / "whole.mp4", [(f, f) for f in panned_film()], rate=25)
    assert probe(whole).fields == Fields(WHOLE)
    video = probe(make_interlaced_clip(tmp_path / "video.mp4", frames=30, size=(240, 160)))
    assert video.fields == Fields(VIDEO) and video.interlaced
    progressive = probe(make_clip(tmp_path / "progressive.mp4", frames=4))
    assert progressive.fields is None and not progressive.interlaced


def _moments(top_first: bool) -> list[tuple[np.ndarray, np.ndarray]]:
    """A video camera's fields (top, bottom) panning across a photo: the one shown second
    half a frame later."""
    film = panned_film()
    pairs = [(film[n], film[n + 1]) for n in range(len(film) - 1)]  # 5 px a field apart
    return pairs if top_first else [(second, first) for first, second in pairs]


@pytest.mark.parametrize("top_first", [True, False])
def test_fields_woven_into_frames_flagged_progressive_are_seen_and_deinterlaced(
    tmp_path, top_first
):
    path = interlaced_clip(tmp_path / "vhs.mp4", _moments(top_first), rate=30, flagged=False)
    info = probe(path)
    assert info.fields == Fields(VIDEO, "tff" if top_first else "bff")
    woven = [frame.pixels for frame in decode_frames(info, deinterlace=False)]
    whole = [frame.pixels for frame in decode_frames(info)]
    assert np.mean([combing(p) for p in whole]) < 0.5 * np.mean([combing(p) for p in woven])


def test_telecined_frames_flagged_progressive_are_seen_and_matched(tmp_path):
    path = interlaced_clip(tmp_path / "dvd.mp4", telecined(panned_film()), rate=30, flagged=False)
    info = probe(path)
    assert info.fields == Fields(TELECINE, "tff")
    assert min(_nearest_film_frame(frame.pixels) for frame in decode_frames(info)) > 33


def test_progressive_films_are_left_progressive(tmp_path):
    detailed = [(frame, frame) for frame in panned_film()]
    assert (
        probe(interlaced_clip(tmp_path / "p.mp4", detailed, rate=24, flagged=False)).fields is None
    )
    assert probe(SHARED_DATA / "video" / "market_street_1906_60f.mp4").fields is None


@pytest.mark.parametrize("top_first", [True, False])
def test_a_telecined_film_comes_out_as_its_film_frames_whole(tmp_path, top_first):
    info = probe(make_telecined_clip(tmp_path / "telecined.mp4", top_first))
    assert info.fields == Fields(TELECINE)
    matched = [frame.pixels for frame in decode_frames(info)]
    woven = [frame.pixels for frame in decode_frames(info, deinterlace=False)]
    assert len(matched) == info.frames == TELECINED_FRAMES * 5 // 4
    assert min(_nearest_film_frame(picture) for picture in matched) > 33
    assert min(_nearest_film_frame(picture) for picture in woven) < 20  # BC and CD: combed
    assert max(combing(picture) for picture in matched) < 1.2 * combing(panned_film()[0])
    shown_again = [repeats(a, b) for a, b in pairwise(matched)]
    assert sum(shown_again) == TELECINED_FRAMES // 4  # one film frame in four shown twice


def test_a_telecined_film_resumed_anywhere_comes_out_the_same(tmp_path):
    path = make_telecined_clip(tmp_path / "telecined.mp4")
    info = probe(path)
    whole = [frame.pixels for frame in decode_frames(info)]
    for start in (7, 18, 33):
        after = before_frame(info, start)
        resumed = decode_frames(info, start, *after)
        for index, frame in zip(range(start, info.frames), resumed, strict=True):
            np.testing.assert_array_equal(frame.pixels, whole[index])


def test_whole_frames_carried_in_fields_are_kept_as_decoded(tmp_path):
    path = interlaced_clip(tmp_path / "whole.mp4", [(f, f) for f in panned_film()], rate=25)
    info = probe(path)
    kept = [frame.pixels for frame in decode_frames(info)]
    for picture, as_stored in zip(kept, decode_frames(info, deinterlace=False), strict=True):
        np.testing.assert_array_equal(picture, as_stored.pixels)
    assert min(_nearest_film_frame(picture) for picture in kept) > 33


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (make_telecined_clip, "fields matched into film frames"),
        (make_interlaced_clip, "deinterlaced"),
    ],
)
def test_a_restored_film_says_how_its_frames_were_made_whole(tmp_path, make, said):
    source = make(tmp_path / "film.mp4")
    model = load_model(tiny_restorer(tmp_path).model.descriptor.path)
    restorer = FailingRestorer(model, torch.device("cpu"), 10**9)
    report = restore_video(restorer, source, tmp_path / "out.mkv", VideoOptions(codec="ffv1"))
    assert report.joined
    record = report.target.read_bytes().decode("latin-1")
    assert said in record and ("deinterlaced" in record) == (said == "deinterlaced")


def test_the_command_line_says_a_telecined_films_fields_were_matched(tmp_path, capsys):
    film = make_telecined_clip(tmp_path / "ntsc.mp4")
    model = str(tiny_restorer(tmp_path).model.descriptor.path)
    args = ["restore-video", str(film), "-o", str(tmp_path / "out.mp4"), "--model", model]
    assert main(args) == 0
    film_line = capsys.readouterr().out.splitlines()[0]
    assert film_line.endswith(", fields matched into film frames")


def test_a_films_fields_are_measured_once_while_the_file_stays_the_same(tmp_path, monkeypatch):
    import engine.video.fields as fields_module

    measured = []
    real = fields_module._count
    monkeypatch.setattr(fields_module, "_count", lambda *args: measured.append(1) or real(*args))
    path = make_telecined_clip(tmp_path / "ntsc.mp4")
    first = probe(path)
    count = len(measured)
    assert count and probe(path).fields == first.fields and len(measured) == count
    make_interlaced_clip(path, frames=30, size=(240, 160))  # the file replaced
    assert probe(path).fields == Fields(VIDEO) and len(measured) > count


@pytest.mark.parametrize("flagged", [True, False])
@pytest.mark.parametrize("top_first", [True, False])
def test_video_is_deinterlaced_to_the_moment_of_its_first_field(tmp_path, top_first, flagged):
    moments = _moments(top_first)
    path = interlaced_clip(
        tmp_path / "v.mp4", moments, rate=30, top_first=top_first, flagged=flagged
    )
    frames = [frame.pixels for frame in decode_frames(probe(path))]
    shown_first = [pair[0] if top_first else pair[1] for pair in moments]
    shown_second = [pair[1] if top_first else pair[0] for pair in moments]
    near_first = np.mean([_psnr(f, m) for f, m in zip(frames, shown_first, strict=True)])
    near_second = np.mean([_psnr(f, m) for f, m in zip(frames, shown_second, strict=True)])
    assert near_first > near_second + 4


def test_a_telecined_films_repeated_film_frames_can_be_made_halfway(tmp_path):
    info = probe(make_telecined_clip(tmp_path / "ntsc.mp4"))
    decoded = list(decode_frames(info))
    smooth = list(
        cleaned(iter(decoded), 0, info.frames, info.frames, FilmCleanup(smooth_repeats=True))
    )
    twice = [i for i in range(1, len(decoded)) if repeats(decoded[i - 1].pixels, decoded[i].pixels)]
    assert len(twice) == TELECINED_FRAMES // 4
    for index in twice:
        if index + 1 < len(decoded):  # the last frame has nothing to go towards
            assert not repeats(smooth[index - 1].pixels, smooth[index].pixels)
            assert not repeats(smooth[index].pixels, smooth[index + 1].pixels)


def test_a_film_taller_than_any_interlaced_standard_is_not_read_unless_it_says_so(
    tmp_path, monkeypatch
):
    import engine.video.fields as fields_module

    monkeypatch.setattr(fields_module, "_count", lambda *args: pytest.fail("frames were read"))
    assert probe(make_clip(tmp_path / "uhd.mp4", frames=3, size=(1280, 1090))).fields is None
