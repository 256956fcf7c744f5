"""Before-and-after pictures (engine/comparison.py): the original enlarged left of the line,
the result right of it, written without touching either, and from the command line."""

import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.comparison import comparison, write_comparison
from engine.errors import RekindleError
from engine.imageio import Picture, read_picture, write_picture


def _pair(rng, depth=np.uint8):
    before = rng.integers(0, 256, (30, 40, 3)).astype(np.uint8)
    after = rng.integers(0, 256, (90, 120, 3)).astype(np.uint8)
    if depth == np.uint16:
        after = after.astype(np.uint16) * 257
    return before, after


@pytest.mark.parametrize("split", [0.0, 0.25, 0.5, 1.0])
def test_the_original_is_left_of_the_line_and_the_result_right_of_it(split):
    before, after = _pair(np.random.default_rng(0))
    shown = comparison(before, after, split)
    enlarged = cv2.resize(before, (120, 90), interpolation=cv2.INTER_CUBIC)
    column = round(split * 120)
    line = np.all(shown == 255, axis=(0, 2))  # columns wholly white: the line
    assert line.sum() == 2 and (column - 2 <= np.flatnonzero(line)).all()
    left, right = ~line & (np.arange(120) < column), ~line & (np.arange(120) >= column)
    np.testing.assert_array_equal(shown[:, left], enlarged[:, left])
    np.testing.assert_array_equal(shown[:, right], after[:, right])


def test_a_grey_eight_bit_original_beside_a_sixteen_bit_result():
    before, after = _pair(np.random.default_rng(1), np.uint16)
    grey = before[..., 0]
    shown = comparison(grey, after, 0.5)
    assert shown.dtype == np.uint16 and shown.shape == after.shape
    enlarged = cv2.resize(grey, (120, 90), interpolation=cv2.INTER_CUBIC).astype(int) * 257
    np.testing.assert_array_equal(shown[:, :50, 1], enlarged[:, :50])
    assert shown[:, 59:61].min() == 65535


def test_the_picture_is_written_beside_without_touching_either(tmp_path):
    before, after = _pair(np.random.default_rng(2))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    result = write_picture(Picture(after, None, None, None, "png"), tmp_path / "new.png")
    kept = original.read_bytes(), result.read_bytes()
    out = tmp_path / "side.jpg"
    assert write_comparison(original, result, out, 0.3) == out
    assert write_comparison(original, result, out, 0.3).name == "side (2).jpg"  # never over one
    assert (original.read_bytes(), result.read_bytes()) == kept
    assert read_picture(out).pixels.shape == (90, 120, 3)
    in_memory = write_comparison(original, read_picture(result), tmp_path / "mem.png", 0.3)
    np.testing.assert_array_equal(read_picture(in_memory).pixels, comparison(before, after, 0.3))
    squashed = write_picture(Picture(after[:, :60], None, None, None, "png"), tmp_path / "sq.png")
    with pytest.raises(RekindleError, match="not the same shape"):
        write_comparison(original, squashed, tmp_path / "bad.jpg")
    with pytest.raises(ValueError, match="between 0 and 1"):
        comparison(before, after, 1.5)


def test_a_large_result_is_compared_at_a_size_for_showing():
    before = np.random.default_rng(4).integers(0, 256, (300, 200, 3)).astype(np.uint8)
    after = cv2.resize(before, (800, 1200), interpolation=cv2.INTER_CUBIC)
    shown = comparison(before, after, 0.5, long_side=600)
    assert shown.shape == (600, 400, 3)
    smaller = cv2.resize(after, (400, 600), interpolation=cv2.INTER_AREA)
    np.testing.assert_array_equal(shown[:, 210:], smaller[:, 210:])
    assert comparison(before, after, 0.5, long_side=None).shape == (1200, 800, 3)


def test_the_command_line_compares_and_refuses_a_split_outside_the_picture(tmp_path, capsys):
    before, after = _pair(np.random.default_rng(3))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    result = write_picture(Picture(after, None, None, None, "png"), tmp_path / "new.png")
    out = tmp_path / "compare.png"
    assert main(["compare", str(original), str(result), "-o", str(out), "--split", "0.4"]) == 0
    assert "old.png left of the line, new.png right of it" in capsys.readouterr().out
    np.testing.assert_array_equal(read_picture(out).pixels, comparison(before, after, 0.4))
    small = tmp_path / "small.png"
    assert main(["compare", str(original), str(result), "-o", str(small), "--long-side", "60"]) == 0
    assert read_picture(small).pixels.shape == (45, 60, 3)
    assert main(["compare", str(original), str(result), "-o", str(out), "--split", "2"]) == 2
    assert "--split is a share of the width" in capsys.readouterr().err
    assert main(["compare", str(tmp_path / "gone.png"), str(result), "-o", str(out)]) == 2


def test_what_lies_under_a_transparent_part_stays_hidden(tmp_path):
    """Cut-out photos: the original's transparent left border and the result's right one hide
    magenta. A PNG comparison keeps each half's alpha (a result without alpha opaque, the line
    opaque); a JPEG lays it over white, as saving any picture as JPEG does."""
    before, after = _pair(np.random.default_rng(5))
    before[:, :10] = after[:, 100:] = (255, 0, 255)
    alpha = np.full((30, 40), 255, np.uint8)
    alpha[:, :10] = 0
    after_alpha = np.full((90, 120), 255, np.uint8)
    after_alpha[:, 100:] = 0
    original = write_picture(Picture(before, alpha, None, None, "png"), tmp_path / "cut.png")
    cut_out = write_picture(Picture(after, after_alpha, None, None, "png"), tmp_path / "new.png")
    flat = write_picture(Picture(after, None, None, None, "png"), tmp_path / "flat.png")
    shown = read_picture(write_comparison(original, cut_out, tmp_path / "side.png"))
    enlarged = cv2.resize(alpha, (120, 90), interpolation=cv2.INTER_CUBIC)
    np.testing.assert_array_equal(shown.alpha[:, :59], enlarged[:, :59])  # the original's
    np.testing.assert_array_equal(shown.alpha[:, 61:], after_alpha[:, 61:])  # the result's
    assert shown.alpha[:, 59:61].min() == 255  # the line
    beside_flat = read_picture(write_comparison(original, flat, tmp_path / "flat_side.png"))
    np.testing.assert_array_equal(beside_flat.alpha[:, :59], enlarged[:, :59])
    assert beside_flat.alpha[:, 59:].min() == 255
    jpeg = read_picture(write_comparison(original, cut_out, tmp_path / "side.jpg"))
    assert jpeg.alpha is None
    assert jpeg.pixels[:, :20].min() > 240 and jpeg.pixels[:, 104:].min() > 240  # white
