"""A folder of DPX frames, as film scanners deliver them, restores like a folder of photos: read
at their full depth, levels as they are, results written as DPX frames of the same numbering
(16 bits for a 10-bit scan, 8 for an 8-bit one), a damaged frame told and the batch going on.
The frames are made by FFmpeg's DPX encoder (``tests.dpx_helpers``); the app's part is in
``tests/app/test_dpx_frames_app.py``."""

from __future__ import annotations

import struct
from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest

from engine.batch import recorded_source_of, save_again, with_source_recorded
from engine.cli import main
from engine.errors import ImageReadError
from engine.imageio import Picture, picture_is_whole, read_picture, write_picture
from engine.media import carries_mark
from engine.provenance import marked_exif
from tests.dpx_helpers import (
    FRAME_POSITION,
    FRAME_RATE,
    PIXEL_ASPECT,
    PRINTING_DENSITY,
    REFERENCE_CODES,
    RIGHT_TO_LEFT,
    SCANNER,
    TIMECODE,
    TV_LEVELS,
    UNDEFINED,
    header_codes,
    header_fields,
    write_scan,
    write_scanner_frame,
)

DESCRIPTOR, CB_Y_CR_Y = 800, 100  # the first image element's descriptor: 4:2:2 YCbCr
ORIENTATION = 768  # the header's orientation
BYTE_ORDERS = [pytest.param(">", id="big-endian"), pytest.param("<", id="little-endian")]


def over_16_bits(levels: np.ndarray, bits: int) -> np.ndarray:
    """``bits``-bit levels at the nearest 16-bit ones."""
    top = 2**bits - 1
    return ((levels.astype(np.int64) * 65535 + top // 2) // top).astype(np.uint16)


@pytest.mark.parametrize("bits", [10, 12, 16])
def test_a_deep_frame_reads_over_16_bits_and_writes_back_exactly(tmp_path, bits):
    levels = write_scan(tmp_path / "frame_000001.dpx", bits)
    picture = read_picture(tmp_path / "frame_000001.dpx")
    assert picture.pixels.dtype == np.uint16 and picture.pixels.shape == (32, 48, 3)
    assert np.array_equal(picture.pixels, over_16_bits(levels, bits))
    assert picture.alpha is None and picture.icc_profile is None and picture.exif is None

    written = write_picture(picture, tmp_path / "out" / "frame_000001.dpx")
    assert header_codes(written) == (PRINTING_DENSITY, PRINTING_DENSITY, 16)
    assert np.array_equal(read_picture(written).pixels, picture.pixels)


def test_an_8_bit_frame_stays_8_bits(tmp_path):
    levels = write_scan(tmp_path / "frame_000001.dpx", 8)
    picture = read_picture(tmp_path / "frame_000001.dpx")
    assert picture.pixels.dtype == np.uint8 and np.array_equal(picture.pixels, levels)
    written = write_picture(picture, tmp_path / "out" / "frame_000001.dpx")
    assert header_codes(written) == (PRINTING_DENSITY, PRINTING_DENSITY, 8)
    assert np.array_equal(read_picture(written).pixels, levels)


def test_the_pixels_stay_as_stored_and_their_orientation_is_said_again(tmp_path):
    scan = tmp_path / "frame_000001.dpx"
    levels = write_scan(scan, 8)
    data = bytearray(scan.read_bytes())
    struct.pack_into("<H", data, ORIENTATION, RIGHT_TO_LEFT)
    scan.write_bytes(bytes(data))
    written = write_picture(read_picture(scan), tmp_path / "out" / scan.name)
    assert struct.unpack_from("<H", written.read_bytes(), ORIENTATION) == (RIGHT_TO_LEFT,)
    assert np.array_equal(read_picture(written).pixels, levels)


def test_grey_and_alpha_are_kept(tmp_path):
    rng = np.random.default_rng(3)
    grey, alpha = rng.integers(0, 65536, (2, 32, 48), dtype=np.uint16)
    colours = rng.integers(0, 65536, (32, 48, 3), dtype=np.uint16)
    write_picture(Picture(grey, None, None, None, "dpx"), tmp_path / "grey.dpx")
    write_picture(Picture(colours, alpha, None, None, "dpx"), tmp_path / "rgba.dpx")
    assert np.array_equal(read_picture(tmp_path / "grey.dpx").pixels, grey)
    read = read_picture(tmp_path / "rgba.dpx")
    assert np.array_equal(read.pixels, colours) and np.array_equal(read.alpha, alpha)


def test_samples_of_another_kind_are_named_so(tmp_path):
    """A frame of colour-difference (YCbCr) samples, which FFmpeg's decoder does not read in
    10 bits, is refused with why, not called damaged."""
    write_scan(tmp_path / "frame_000001.dpx", 10)
    data = bytearray((tmp_path / "frame_000001.dpx").read_bytes())
    data[DESCRIPTOR] = CB_Y_CR_Y
    (tmp_path / "frame_000001.dpx").write_bytes(bytes(data))
    with pytest.raises(ImageReadError, match="holds DPX samples Rekindle cannot read"):
        read_picture(tmp_path / "frame_000001.dpx")


def _restore(folder: Path, out: Path, model: Path, *flags: str) -> int:
    return main(["restore", str(folder), "-o", str(out), "--model", str(model), *flags])


def test_a_folder_of_frames_restores_to_frames_of_the_same_numbers(tmp_path, tiny_model_file):
    frames = tmp_path / "reel1"
    names = [f"frame_{number:06d}.dpx" for number in (1, 2, 3)]
    for seed, name in enumerate(names):
        write_scan(frames / name, 10, seed)
    assert _restore(frames, tmp_path / "out", tiny_model_file) == 0
    results = tmp_path / "out" / "reel1"
    assert sorted(path.name for path in results.iterdir()) == names
    for name in names:
        restored = read_picture(results / name)
        assert restored.pixels.dtype == np.uint16 and restored.pixels.shape == (128, 192, 3)
        assert header_codes(results / name) == (PRINTING_DENSITY, PRINTING_DENSITY, 16)


def test_a_damaged_frame_is_told_and_the_journal_knows_the_results(
    tmp_path, tiny_model_file, capsys
):
    """A cut-off frame fails with the sentence any damaged photo gets, the others are
    restored; a result the batch's journal lists is replaced by --overwrite, in place."""
    frames = tmp_path / "reel1"
    write_scan(frames / "frame_000001.dpx", 8)
    write_scan(frames / "frame_000002.dpx", 8, seed=1)
    write_scan(tmp_path / "whole.dpx", 10)
    (frames / "frame_000003.dpx").write_bytes((tmp_path / "whole.dpx").read_bytes()[:-100])
    out = tmp_path / "out"
    assert _restore(frames, out, tiny_model_file) == 1
    told = capsys.readouterr()
    assert "frame_000003.dpx: the file is damaged or not an image" in told.out + told.err
    results = out / "reel1"
    assert sorted(p.name for p in results.iterdir()) == ["frame_000001.dpx", "frame_000002.dpx"]
    assert header_codes(results / "frame_000001.dpx")[2] == 8
    first = {path.name: path.stat().st_ino for path in results.iterdir()}

    assert _restore(frames, out, tiny_model_file, "--overwrite") == 1
    assert {path.name: path.stat().st_ino for path in results.iterdir()}.keys() == first.keys()
    assert all((results / name).stat().st_ino != ino for name, ino in first.items())


def test_a_frame_s_result_saved_again_in_another_format(tmp_path):
    """A DPX result holds the whole result: it is saved again as a PNG of it (16 bits)."""
    write_scan(tmp_path / "frame_000001.dpx", 10)
    kept = write_picture(read_picture(tmp_path / "frame_000001.dpx"), tmp_path / "r.dpx")
    png = save_again(kept, tmp_path / "r.png")
    assert np.array_equal(read_picture(png).pixels, read_picture(kept).pixels)


def test_a_finished_batch_s_frames_are_known_as_its_results(tmp_path, tiny_model_file):
    """Once a batch of frames has finished (its journal gone), its results are still known
    as Rekindle's, made from these frames: --skip-existing skips them and --overwrite
    replaces them in place, the numbering a conform tool reads kept (no "(2)" frame)."""
    frames = tmp_path / "reel1"
    names = [f"frame_{number:06d}.dpx" for number in (1, 2)]
    for seed, name in enumerate(names):
        write_scan(frames / name, 10, seed)
    out = tmp_path / "out"
    assert _restore(frames, out, tiny_model_file) == 0
    results = out / "reel1"
    first = {path.name: path.stat().st_ino for path in results.iterdir()}
    assert sorted(first) == names and all(carries_mark(results / name) for name in names)

    assert _restore(frames, out, tiny_model_file, "--skip-existing") == 0
    assert {path.name: path.stat().st_ino for path in results.iterdir()} == first

    assert _restore(frames, out, tiny_model_file, "--overwrite") == 0
    replaced = {path.name: path.stat().st_ino for path in results.iterdir()}
    assert replaced.keys() == first.keys()
    assert all(replaced[name] != ino for name, ino in first.items())


def _at_16_bits(code: float) -> float:
    """A 10-bit code value at 16 bits, as a 10-bit sample is spread over 16."""
    return code * 65535 / 1023


@pytest.mark.parametrize("order", BYTE_ORDERS)
def test_a_scanner_s_header_is_said_again_by_its_result(tmp_path, order):
    """What a scanner's header says of the frame's origin reaches its 16-bit result, in
    either byte order: timecode, frame position and rate, pixel aspect, orientation, the
    scanner; the reference codes and television levels at 16 bits, where the samples at
    those codes are; Rekindle its creator."""
    scan = tmp_path / "frame_000123.dpx"
    write_scanner_frame(scan, order)
    read = read_picture(scan)
    result = header_fields(write_picture(read, tmp_path / "out" / scan.name))

    assert result["bits"] == 16 and result["creator"].startswith(b"Rekindle")
    assert result["input device"] == SCANNER
    assert result["timecode"] == TIMECODE and result["frame position"] == FRAME_POSITION
    assert result["frame rate"] == FRAME_RATE and result["pixel aspect"] == PIXEL_ASPECT
    assert result["orientation"] == RIGHT_TO_LEFT
    low, high = read.pixels[0, 0, 0], read.pixels[0, 1, 0]  # the samples at the codes
    assert result["reference codes"] == (low, high)
    assert result["reference codes"] == tuple(round(_at_16_bits(c)) for c in REFERENCE_CODES)
    expected_levels = tuple(_at_16_bits(level) for level in TV_LEVELS)
    assert result["tv levels"] == pytest.approx(expected_levels)
    assert header_codes(tmp_path / "out" / scan.name)[:2] == (PRINTING_DENSITY,) * 2


def test_a_frame_without_film_and_television_headers_gets_none_made_up(tmp_path):
    """FFmpeg's own frames have no industry header: the result's says nothing (a timecode
    of 00:00:00:00 or a frame rate of 0 would be made up)."""
    write_scan(tmp_path / "frame_000001.dpx", 10)
    read = read_picture(tmp_path / "frame_000001.dpx")
    result = header_fields(write_picture(read, tmp_path / "out" / "frame_000001.dpx"))
    assert result["pixels at"] == 2048 and result["timecode"] == UNDEFINED
    assert result["frame position"] == UNDEFINED and result["pixel aspect"] == (0, 1)


@pytest.mark.parametrize("order", BYTE_ORDERS)
def test_a_result_records_its_frame_and_ffmpeg_still_reads_it(tmp_path, order):
    """A frame's result keeps its EXIF, Rekindle's mark and the record of its source, in its
    user-defined data, read back by the readers that read a PNG's; the pixels follow, where
    FFmpeg's decoder finds them, the file whole, its film header as the scanner wrote it."""
    scan = tmp_path / "frame_000123.dpx"
    write_scanner_frame(scan, order)
    read = read_picture(scan)
    restored = with_source_recorded(replace(read, exif=marked_exif(None, "Restored")), scan)
    result = write_picture(restored, tmp_path / "out" / scan.name)

    assert carries_mark(result) and recorded_source_of(result).is_of(scan)
    assert read_picture(result).exif == restored.exif
    fields = header_fields(result)
    assert fields["pixels at"] >= 2048 + fields["user data"] > 2048 + len(restored.exif)
    assert fields["timecode"] == TIMECODE and picture_is_whole(result)
    codec = av.CodecContext.create("dpx", "r")
    (frame,) = codec.decode(av.Packet(result.read_bytes()))
    assert frame.format.name == "rgb48le"
    assert np.array_equal(frame.to_ndarray(), read.pixels)
