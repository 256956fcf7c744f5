"""Bad films and bad choices: a clear ``RekindleError``, no output, nothing left behind, the
input untouched."""

import hashlib

import numpy as np
import pytest
import torch

from engine.cli import main
from engine.errors import RekindleError
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.output_size import OutputSize
from engine.progress import Progress
from engine.restorer import RestoreOptions, Restorer
from engine.video import VideoOptions, VideoReadError, probe, restore_video
from engine.video import codecs as codecs_module
from engine.video import frames as frames_module
from tests.conftest import SHARED_DATA
from tests.video_helpers import leftovers, make_clip, tiny_restorer

CLIP = SHARED_DATA / "video" / "market_street_1906_60f.mp4"


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fails_cleanly(restorer, source, folder, match, **options):
    """Restoring ``source`` into ``folder`` raises a RekindleError matching ``match``, writes
    nothing there and leaves the source as it was."""
    folder.mkdir(exist_ok=True)
    before = _digest(source) if source.is_file() else None
    with pytest.raises(RekindleError, match=match):
        restore_video(restorer, source, folder / "out.mp4", VideoOptions(**options))
    assert leftovers(folder, set()) == []
    if before is not None:
        assert _digest(source) == before


def test_a_size_to_restore_to_is_refused_for_a_film(tmp_path, restorer):
    frames = RestoreOptions(size=OutputSize(long_side=100))
    _fails_cleanly(restorer, CLIP, tmp_path / "out", "size to restore to", frames=frames)


def test_a_truncated_film_is_refused_before_any_work(tmp_path, restorer):
    truncated = tmp_path / "truncated.mp4"
    data = CLIP.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    _fails_cleanly(restorer, truncated, tmp_path / "out", "truncated")


def test_a_matroska_film_cut_short_is_refused_though_it_stores_no_frame_count(tmp_path, restorer):
    film = make_clip(tmp_path / "film.mkv", frames=24, subtitles="subrip")
    cut = tmp_path / "cut.mkv"
    data = film.read_bytes()
    cut.write_bytes(data[: len(data) * 6 // 10])
    said = r"cut\.mkv: the film is truncated: the file holds \d+ frames, 0\.\d+ s of its 1\.13 s"
    _fails_cleanly(restorer, cut, tmp_path / "out", said)


@pytest.mark.parametrize(
    ("name", "clip"),
    [
        ("sound_runs_on.mkv", {"frames": 12, "audio_seconds": 1.5}),
        ("irregular.mkv", {"frames": 6, "times_ms": [0, 40, 90, 200, 330, 480]}),
        ("film.webm", {"frames": 12, "codec": "libvpx", "audio": "libopus"}),
        (
            "sound_runs_on.webm",
            {"frames": 12, "codec": "libvpx", "audio": "libopus", "audio_seconds": 2},
        ),
    ],
)
def test_whole_matroska_and_webm_films_are_not_taken_for_cut_short(tmp_path, name, clip):
    assert probe(make_clip(tmp_path / name, **clip)).frames == clip["frames"]


def test_a_film_damaged_in_the_middle_fails_without_output_or_work_left(
    tmp_path, restorer, monkeypatch
):
    """The damage is found only when decoding reaches it, after segments were written: they
    go too (no run could get past it). Here any frame lost to it is a run too long."""
    monkeypatch.setattr(frames_module, "LOST_RUN_FRAMES", 0)
    damaged = make_clip(tmp_path / "damaged.mp4", frames=60, size=(96, 64), audio=None)
    data = bytearray(damaged.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 800] = np.random.default_rng(0).integers(0, 256, 800, np.uint8).tobytes()
    damaged.write_bytes(bytes(data))
    notes = []
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RekindleError, match="damaged"):
        restore_video(
            restorer,
            damaged,
            out / "out.mp4",
            VideoOptions(segment_frames=4),
            Progress(lambda event: notes.append(event.what)),
        )
    assert any(note.startswith("12/60 frames") for note in notes)  # segments were made
    assert leftovers(out, set()) == []


@pytest.mark.parametrize(
    ("content", "match"),
    [(b"", "not a film"), (b"this is text, not a film" * 100, "not a film")],
)
def test_files_that_are_not_films(tmp_path, restorer, content, match):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(content)
    _fails_cleanly(restorer, bad, tmp_path / "out", match)


def test_a_missing_film(tmp_path, restorer):
    _fails_cleanly(restorer, tmp_path / "nowhere.mp4", tmp_path / "out", "no such file")


def test_a_picture_is_not_a_film(tmp_path, restorer):
    import cv2

    picture = tmp_path / "photo.png"
    cv2.imwrite(str(picture), np.zeros((8, 8, 3), np.uint8))
    with pytest.raises(VideoReadError, match="a picture, not a film"):
        restore_video(restorer, picture, tmp_path / "out.mkv")


@pytest.mark.parametrize(
    ("target", "codec", "crf", "match"),
    [
        ("out.mp4", "prores", None, r"prores cannot be written into a \.mp4 file.*\.mov"),
        ("out.mp4", "ffv1", None, r"name the output \.mkv"),
        ("out.avi", "h264", None, r"name the output with one of \.mp4, \.mkv, \.mov"),
        ("out.mkv", "ffv1", 20, "--crf applies to h264 and h265 only"),
        ("out.mp4", "h264", 70, "between 0 and 51"),
        ("out.mp4", "vp9", None, "unknown video codec 'vp9'"),
    ],
)
def test_codec_and_container_must_fit(tmp_path, restorer, target, codec, crf, match):
    source = make_clip(tmp_path / "a.mp4", frames=2)
    with pytest.raises(RekindleError, match=match):
        restore_video(restorer, source, tmp_path / target, VideoOptions(codec=codec, crf=crf))
    assert leftovers(tmp_path, {"a.mp4", "tiny2.safetensors"}) == []


def test_a_missing_encoder_is_named(tmp_path, restorer, monkeypatch):
    available = codecs_module.encoder_available
    monkeypatch.setattr(
        codecs_module, "encoder_available", lambda name: name != "libx265" and available(name)
    )
    source = make_clip(tmp_path / "a.mp4", frames=2)
    with pytest.raises(RekindleError, match=r"no libx265 encoder.*available here: h264"):
        restore_video(restorer, source, tmp_path / "out.mkv", VideoOptions(codec="h265"))
    assert "h265" not in codecs_module.available_codecs()


def test_this_installation_has_every_codec():
    assert codecs_module.available_codecs() == ["h264", "h265", "prores", "ffv1"]


def test_subtitles_the_container_cannot_hold_are_refused_before_any_work(tmp_path, restorer):
    source = make_clip(tmp_path / "a.mkv", frames=2, subtitles="subrip")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RekindleError, match=r"subtitle stream \(srt\).*\.mp4 file"):
        restore_video(restorer, source, out / "film.mp4")
    assert leftovers(out, set()) == []


def test_non_square_pixels_that_a_format_would_lose_are_refused(tmp_path, restorer):
    from fractions import Fraction

    source = make_clip(tmp_path / "dv.mp4", frames=2, sample_aspect_ratio=Fraction(10, 11))
    with pytest.raises(RekindleError, match=r"non-square pixels \(10:11\).*prores"):
        restore_video(restorer, source, tmp_path / "out.mkv", VideoOptions(codec="ffv1"))


def test_the_output_may_not_replace_the_input(tmp_path, restorer):
    source = make_clip(tmp_path / "a.mp4", frames=2)
    before = _digest(source)
    with pytest.raises(RekindleError, match="would replace the input"):
        restore_video(restorer, source, source, VideoOptions(overwrite=True))
    assert _digest(source) == before


def test_the_command_line_reports_a_failed_film_in_one_line(tmp_path, restorer, capsys):
    bad = tmp_path / "bad.mkv"
    bad.write_bytes(b"nothing")
    model = restorer.model.descriptor.path
    code = main(["restore-video", str(bad), "-o", str(tmp_path / "o.mp4"), "--model", str(model)])
    assert code == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("failed: bad.mkv: not a film")


def test_an_odd_sized_film_through_a_1x_model_is_told_the_codec_that_takes_it(tmp_path):
    """A 1x model cannot make 161 x 97 even: the way out is a codec without subsampling."""
    torch.manual_seed(0)
    network = UNetGenerator(scale=1, width=4, depth=1, convs=1, up_width=4)
    model = load_model(save_model(network, tmp_path / "x1.safetensors", display_name="Tiny 1x"))
    cleanup = Restorer(model, torch.device("cpu"))
    film = make_clip(tmp_path / "odd.mkv", frames=2, size=(161, 97), codec="ffv1", audio=None)
    with pytest.raises(RekindleError, match=r"161x97 is not; choose FFV1 \(lossless\)"):
        restore_video(cleanup, film, tmp_path / "out.mp4")
    restore_video(cleanup, film, tmp_path / "out.mkv", VideoOptions(codec="ffv1"))
    assert probe(tmp_path / "out.mkv").width == 161
