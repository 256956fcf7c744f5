"""A folder of DPX frames, as film scanners deliver them, restores like a folder of photos: read
at their full depth, levels as they are, results written as DPX frames of the same numbering
(16 bits for a 10-bit scan, 8 for an 8-bit one), a damaged frame told and the batch going on.
The frames are made by FFmpeg's DPX encoder (``tests.dpx_helpers``); the app's part is in
``tests/app/test_dpx_frames_app.py``."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from engine.batch import save_again
from engine.cli import main
from engine.errors import ImageReadError
from engine.imageio import Picture, read_picture, write_picture
from tests.dpx_helpers import PRINTING_DENSITY, header_codes, write_scan

DESCRIPTOR, CB_Y_CR_Y = 800, 100  # the first image element's descriptor: 4:2:2 YCbCr
ORIENTATION, RIGHT_TO_LEFT = 768, 1  # the header's orientation: rows stored right to left


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
    restored; DPX carries no mark, so, as a BMP's, a result the batch's journal lists is
    replaced by --overwrite, in place."""
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
