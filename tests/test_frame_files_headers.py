"""What a film's DPX frames say of it, which a grading suite conforms and shows them by: each
frame's timecode (the film's counted on to it, drop-frame where the film counts so), the film's
frame rate and its pixels' aspect (``engine.dpx.film_header``); a DPX scan's frames say again
what their own headers say. TIFF and PNG frames, which cannot say a pixel aspect, come with a
note saying it."""

from __future__ import annotations

import struct
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from engine import dpx
from engine.video.frame_files import FrameFiles, frame_files_notes, restore_frame_files
from engine.video.probe import probe
from tests.dpx_helpers import TIMECODE, header_codes, header_fields, write_scanner_frame
from tests.video_helpers import make_clip, tiny_restorer

FRAMES = 4
SIZE = (32, 24)  # width, height
ANAMORPHIC = Fraction(16, 15)  # a PAL 4:3 film's pixels


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


def _with_timecode(source: Path, target: Path, timecode: str) -> Path:
    """``source``'s video packets copied into ``target``, its video stream tagged with
    ``timecode`` (which a MOV file keeps as a timecode track, Matroska as a tag)."""
    with av.open(str(source)) as film, av.open(str(target), "w") as out:
        video = out.add_stream_from_template(film.streams.video[0])
        video.metadata["timecode"] = timecode
        for packet in film.demux(film.streams.video[0]):
            if packet.size:
                packet.stream = video
                out.mux(packet)
    return target


def _film(tmp_path: Path, name: str, rate: int | Fraction = 24, **given) -> Path:
    return make_clip(tmp_path / name, frames=FRAMES, size=SIZE, rate=rate, audio=None, **given)


def _dpx_frames(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.dpx"))


def _black() -> np.ndarray:
    return np.zeros((SIZE[1], SIZE[0], 3), np.uint8)


def _aspect_notes(notes: list[str]) -> list[str]:
    return [note for note in notes if "non-square pixels" in note]


@pytest.mark.parametrize(
    ("start", "frames", "rate", "then"),
    [
        ("01:00:00:00", 25, Fraction(24), "01:00:01:01"),
        ("23:59:59:23", 1, Fraction(24), "00:00:00:00"),  # a day on, from 0 again
        ("00:59:59:23", 1, Fraction(24000, 1001), "01:00:00:00"),  # counted in 24s
        ("00:00:59;29", 1, Fraction(30000, 1001), "00:01:00;02"),  # ;00 and ;01 skipped
        ("00:09:59;29", 1, Fraction(30000, 1001), "00:10:00;00"),  # not at every tenth
        ("01:00:00;00", 107892, Fraction(30000, 1001), "02:00:00;00"),  # an hour's frames
        ("00:00:59;59", 1, Fraction(60000, 1001), "00:01:00;04"),
        ("00:00:59:29", 1, Fraction(30000, 1001), "00:01:00:00"),  # non-drop: every number
    ],
)
def test_a_timecode_counts_on_as_smpte_counts(start, frames, rate, then):
    assert dpx.timecode_after(start, frames, rate) == then


@pytest.mark.parametrize("start", ["", "1:00:00:00", "01:60:00:00", "00:00:00:24", "none"])
def test_what_is_no_timecode_counts_to_none(start):
    assert dpx.timecode_after(start, 1, Fraction(24)) is None


@pytest.mark.parametrize("timecode", ["01:02:30:04", "10:00:00;02", "23:59:59:23"])
def test_a_film_header_s_timecode_and_rate_read_as_ffmpeg_reads_them(tmp_path, timecode):
    path = tmp_path / "frame.dpx"
    header = dpx.film_header(timecode, Fraction(30000, 1001), Fraction(1))
    with path.open("wb") as stream:
        dpx.encode_dpx(_black(), None, header, None, stream)
    with av.open(str(path)) as container:
        said = next(container.decode(video=0)).metadata["timecode"]
    read = dpx.header_in(path)
    assert read.timecode == said == timecode
    assert read.frame_rates == pytest.approx((30000 / 1001,) * 2)


@pytest.mark.parametrize(
    ("container", "rate", "start"),
    [
        ("mov", 24, "01:00:00:00"),
        ("mov", Fraction(30000, 1001), "00:00:59;28"),
        ("mkv", 25, "10:00:00:00"),
    ],
)
def test_each_dpx_frame_of_a_film_says_its_timecode_and_the_film_s_rate(
    tmp_path, restorer, container, rate, start
):
    plain = _film(tmp_path, "plain.mp4", rate=rate)
    film = _with_timecode(plain, tmp_path / f"tc.{container}", start)
    restore_frame_files(restorer, film, tmp_path / "out" / "f_%06d.dpx")
    headers = [dpx.header_in(path) for path in _dpx_frames(tmp_path / "out")]
    assert [header.timecode for header in headers] == [
        dpx.timecode_after(start, index, Fraction(rate)) for index in range(FRAMES)
    ]
    assert all(header.frame_rates == pytest.approx((float(rate),) * 2) for header in headers)


def test_the_frames_of_a_film_without_a_timecode_say_none_and_its_rate(tmp_path, restorer):
    film = _film(tmp_path, "film.mp4", rate=25)
    restore_frame_files(restorer, film, tmp_path / "out" / "f_%04d.dpx")
    for path in _dpx_frames(tmp_path / "out"):
        assert (dpx.header_in(path).timecode, header_fields(path)["frame rate"]) == (None, 25.0)


@pytest.mark.parametrize(("aspect", "said"), [(ANAMORPHIC, (16, 15)), (None, (1, 1))])
def test_a_film_s_dpx_frames_say_its_pixels_aspect(tmp_path, restorer, aspect, said):
    film = _film(tmp_path, "film.mkv", sample_aspect_ratio=aspect)
    assert probe(film).sample_aspect_ratio == aspect
    restore_frame_files(restorer, film, tmp_path / "out" / "f_%04d.dpx")
    assert {header_fields(path)["pixel aspect"] for path in _dpx_frames(tmp_path / "out")} == {said}


@pytest.mark.parametrize("suffix", [".tif", ".png"])
def test_tiff_and_png_frames_of_non_square_pixels_come_with_a_note_saying_their_aspect(
    tmp_path, restorer, suffix
):
    film = _film(tmp_path, "film.mkv", sample_aspect_ratio=ANAMORPHIC)
    told: list[str] = []
    pattern = tmp_path / "out" / f"f_%04d{suffix}"
    restore_frame_files(restorer, film, pattern, on_notice=told.append)
    (note,) = _aspect_notes(told)
    assert note.startswith("film.mkv has non-square pixels (16:15)")
    assert ("TIFF" if suffix == ".tif" else "PNG") in note


def test_dpx_frames_and_square_pixels_need_no_note_of_their_aspect(tmp_path):
    square = probe(_film(tmp_path, "square.mkv"))
    anamorphic = probe(_film(tmp_path, "anamorphic.mkv", sample_aspect_ratio=ANAMORPHIC))
    notes = [
        *frame_files_notes(FrameFiles.of(tmp_path / "a" / "f_%04d.tif", square)),
        *frame_files_notes(FrameFiles.of(tmp_path / "b" / "f_%04d.dpx", anamorphic)),
    ]
    assert _aspect_notes(notes) == []


def test_a_scan_s_frames_keep_the_timecode_their_own_headers_say(tmp_path, restorer):
    """Each frame of a DPX scan says again what its own header says (the same timecode in
    each, as this scanner wrote them), not the film's counted on."""
    for number in range(1, FRAMES + 1):
        write_scanner_frame(tmp_path / "scan" / f"s_{number:04d}.dpx", ">", seed=number)
    restore_frame_files(restorer, tmp_path / "scan", tmp_path / "out" / "s_%04d.dpx")
    written = _dpx_frames(tmp_path / "out")
    assert len(written) == FRAMES
    assert {header_fields(path)["timecode"] for path in written} == {TIMECODE}
    assert {header_fields(path)["pixel aspect"] for path in written} == {(2, 1)}


@pytest.mark.parametrize("timecode", ["01:00:00:00", "01:00:00:49"])
def test_a_film_of_frames_a_dpx_timecode_cannot_number_gets_none_on_any_frame(timecode):
    assert dpx.film_header(timecode, Fraction(50), Fraction(1)).timecode is None


def test_a_film_header_leaves_the_rest_of_the_header_to_the_encoder(tmp_path):
    """The frame's reference codes are the encoder's, as without a header; its transfer and
    colorimetric codes the film's standard."""
    plain, stated = tmp_path / "plain.dpx", tmp_path / "stated.dpx"
    with plain.open("wb") as stream:
        dpx.encode_dpx(_black(), None, None, None, stream)
    with stated.open("wb") as stream:
        header = dpx.film_header("01:00:00:00", Fraction(24), Fraction(1), dpx.ITU_709)
        dpx.encode_dpx(_black(), None, header, None, stream)
    before, after = plain.read_bytes(), stated.read_bytes()
    order = "<" if before[:4] == dpx.LITTLE_ENDIAN else ">"
    assert after[768:801] + after[803:1628] == before[768:801] + before[803:1628]
    assert header_codes(stated)[:2] == (dpx.ITU_709, dpx.ITU_709)
    assert struct.unpack_from(order + "2I", after, 1628) == (1, 1)


def test_a_photo_s_dpx_says_its_standard_is_its_own_not_linear(tmp_path):
    """An sRGB photo's levels are not linear light, which FFmpeg's encoder says they are."""
    path = tmp_path / "photo.dpx"
    with path.open("wb") as stream:
        dpx.encode_dpx(_black(), None, None, None, stream)
    assert header_codes(path)[:2] == (dpx.USER_DEFINED, dpx.USER_DEFINED)


@pytest.mark.parametrize(
    ("size", "rate", "colorspace", "standard"),
    [
        ((32, 24), 24, None, dpx.ITU_601_525),  # SD, untagged: read as BT.601
        ((32, 24), 25, 6, dpx.ITU_601_625),  # PAL's rate, whatever its tag
        ((32, 24), Fraction(30000, 1001), 5, dpx.ITU_601_525),
        ((32, 24), 24, 1, dpx.ITU_709),
        ((1280, 16), 24, None, dpx.ITU_709),  # HD, untagged: read as BT.709
        ((32, 24), 24, 9, dpx.USER_DEFINED),  # BT.2020, which DPX has no code for
    ],
)
def test_a_video_film_s_dpx_frames_say_the_standard_its_levels_are_in(
    tmp_path, restorer, size, rate, colorspace, standard
):
    film = make_clip(
        tmp_path / "film.mkv", frames=1, size=size, rate=rate, audio=None, colorspace=colorspace
    )
    restore_frame_files(restorer, film, tmp_path / "out" / "f_%04d.dpx")
    [frame] = _dpx_frames(tmp_path / "out")
    assert header_codes(frame)[:2] == (standard, standard)


def test_a_sequence_of_pngs_restored_to_dpx_frames_says_its_standard_is_its_own(tmp_path, restorer):
    folder = tmp_path / "png"
    folder.mkdir()
    for number in (1, 2):
        cv2.imwrite(str(folder / f"p_{number:04d}.png"), _black())
    restore_frame_files(restorer, folder / "p_%04d.png", tmp_path / "out" / "f_%04d.dpx")
    frames = _dpx_frames(tmp_path / "out")
    assert len(frames) == 2
    assert {header_codes(frame)[:2] for frame in frames} == {(dpx.USER_DEFINED,) * 2}
