"""What a frame sequence's headers say before any frame is restored: a frame whose header
cannot be read (an empty file, as an interrupted copy leaves it) is refused up front, naming
its file; a DPX scan's frame rate is the rate its film runs at, unless one is given, and its
timecode the film's."""

from __future__ import annotations

import math
import struct
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from engine import dpx
from engine.cli import films as cli_films
from engine.cli import main
from engine.video import probe
from engine.video.probe import UnreadableFrameError, probe_sequence
from engine.video.restore import film_info
from engine.video.sequence import frame_sequence
from tests.dpx_helpers import UNDEFINED, write_scanner_frame

FRAMES = 4
FILM_RATE, TV_RATE, TIMECODE = 1724, 1940, 1920  # where a DPX header states them
SMPTE = 0x10000000  # 10:00:00:00, in BCD


def _scan(folder: Path, film_rate: float | None = 25.0, tv_rate: float | None = None) -> Path:
    """A film scanner's DPX frames 1001 to 1000 + ``FRAMES`` of ``folder``, their film and
    television headers stating ``film_rate`` and ``tv_rate`` (None: undefined), and the
    timecode ``SMPTE``."""
    for number in range(1001, 1001 + FRAMES):
        path = folder / f"scan_{number:07d}.dpx"
        write_scanner_frame(path, ">", seed=number)
        _state(path, FILM_RATE, film_rate)
        _state(path, TV_RATE, tv_rate)
        _state(path, TIMECODE, SMPTE)
    return folder


def _state(path: Path, offset: int, value: float | None) -> None:
    """Write ``value`` into the DPX header of ``path`` at ``offset``: a float, an int as a
    32-bit number, None as undefined."""
    data = bytearray(path.read_bytes())
    if value is None:
        struct.pack_into(">I", data, offset, UNDEFINED)
    else:
        struct.pack_into(">I" if isinstance(value, int) else ">f", data, offset, value)
    path.write_bytes(bytes(data))


def _png_reel(folder: Path) -> Path:
    folder.mkdir(parents=True)
    rng = np.random.default_rng(1)
    for number in range(1, 7):
        frame = rng.integers(0, 255, (32, 48, 3), dtype=np.uint8)
        assert cv2.imwrite(str(folder / f"frame_{number:06d}.png"), frame)
    return folder


def _restore_video(model: Path, *arguments: object) -> int:
    return main(["restore-video", *map(str, arguments), "--model", str(model)])


def _not_restored(*args, **kwargs):
    raise AssertionError("a film was restored")


@pytest.mark.parametrize("zeros", [False, True], ids=["empty", "zeros"])
def test_a_frame_that_cannot_be_read_is_refused_before_any_work_naming_its_file(
    tmp_path, tiny_model_file, monkeypatch, capsys, zeros
):
    reel = _png_reel(tmp_path / "reel")
    frame = reel / "frame_000005.png"
    frame.write_bytes(bytes(frame.stat().st_size if zeros else 0))  # a copy not begun
    told = "reel: frame 5 (frame_000005.png) is empty or cannot be read (copied only in part?)"
    with pytest.raises(UnreadableFrameError) as refused:
        film_info(reel, tmp_path)
    assert told in refused.value.sentence and "allow gaps" in refused.value.sentence
    assert "--" not in refused.value.sentence  # the app's row shows it: no option there
    monkeypatch.setattr(cli_films, "restore_video", _not_restored)
    assert _restore_video(tiny_model_file, reel, "-o", tmp_path / "out", "--allow-gaps") == 1
    said = capsys.readouterr().err
    assert told in said and "the option is --allow-gaps" in said
    assert not (tmp_path / "out").exists()


def test_an_empty_scan_frame_is_refused_and_a_half_copied_one_is_not(tmp_path):
    scan = _scan(tmp_path / "scan")
    half = scan / "scan_0001002.dpx"
    half.write_bytes(half.read_bytes()[:3000])  # its header whole: told when it is decoded
    assert probe_sequence(frame_sequence(scan), None).frames == FRAMES
    (scan / "scan_0001004.dpx").write_bytes(b"")
    with pytest.raises(UnreadableFrameError, match=r"frame 1004 \(scan_0001004.dpx\) is empty"):
        probe_sequence(frame_sequence(scan), None)


def test_a_scans_film_runs_at_the_rate_its_frames_state_and_keeps_their_timecode(
    tmp_path, tiny_model_file, capsys
):
    scan = _scan(tmp_path / "pal scan")
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, scan, "-o", out, "--codec", "ffv1") == 0
    assert "frame sequences at 25 fps" in capsys.readouterr().err
    film = out / "pal scan.mkv"
    assert probe(film).rate == 25
    assert _timecode(film) == dpx.header_in(scan / "scan_0001001.dpx").timecode == "10:00:00:00"


def test_an_mp4_of_a_scan_keeps_its_timecode(tmp_path, tiny_model_file):
    scan = _scan(tmp_path / "scan", film_rate=24.0)
    film = tmp_path / "scan.mp4"
    assert _restore_video(tiny_model_file, scan, "-o", film, "--codec", "h264") == 0
    assert (probe(film).rate, _timecode(film)) == (24, "10:00:00:00")


def _timecode(film: Path) -> str | None:
    """The timecode of the film's video stream, as Matroska (TIMECODE) or MP4 keeps it."""
    with av.open(str(film)) as container:
        tags = {key.lower(): value for key, value in container.streams.video[0].metadata.items()}
    return tags.get("timecode")


def test_a_rate_given_wins_over_the_rate_the_frames_state(tmp_path, tiny_model_file):
    scan = _scan(tmp_path / "scan")
    assert probe_sequence(frame_sequence(scan), Fraction(24)).rate == 24
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, scan, "-o", out, "--codec", "ffv1", "--rate", "24") == 0
    assert probe(out / "scan.mkv").rate == 24


@pytest.mark.parametrize(
    ("film_rate", "tv_rate", "rate"),
    [
        (23.976, None, Fraction(24000, 1001)),
        (29.97, None, Fraction(30000, 1001)),
        (16.0, 25.0, Fraction(16)),  # the film header's first
        (None, 25.0, Fraction(25)),  # else the television header's
        (0.0, 12.5, Fraction(25, 2)),
        (5000.0, 25.0, Fraction(25)),  # no film's rate: a header's garbage
        (math.nan, None, Fraction(24)),
        (None, None, Fraction(24)),  # none stated
    ],
)
def test_a_sequence_is_read_at_the_rate_its_first_frame_states_exactly(
    tmp_path, film_rate, tv_rate, rate
):
    scan = _scan(tmp_path / "scan", film_rate, tv_rate)
    _state(scan / "scan_0001002.dpx", FILM_RATE, 50.0)  # a later frame's rate is not asked
    info = probe_sequence(frame_sequence(scan), None)
    assert info.rate == rate
    assert info.times[1] * info.time_base == pytest.approx(1 / rate)


@pytest.mark.parametrize("order", [">", "<"])
@pytest.mark.parametrize("code", [0x01023004, 0x23595924, 0x00000000, 0x01000044, 0x81020304])
def test_a_dpx_timecode_reads_as_ffmpeg_reads_it(tmp_path, order, code):
    path = tmp_path / "frame.dpx"
    write_scanner_frame(path, order)
    data = bytearray(path.read_bytes())
    struct.pack_into(order + "I", data, TIMECODE, code)  # 0x40 of the frames: drop-frame
    path.write_bytes(bytes(data))
    with av.open(str(path)) as container:
        said = next(container.decode(video=0)).metadata["timecode"]
    assert dpx.header_in(path).timecode == said


@pytest.mark.parametrize("code", [UNDEFINED, 0x2A000000, 0x0000000A])
def test_a_dpx_timecode_that_is_no_time_is_none(tmp_path, code):
    path = tmp_path / "frame.dpx"
    write_scanner_frame(path, ">")
    _state(path, TIMECODE, code)
    assert dpx.header_in(path).timecode is None
