"""Before-and-after pictures (engine/comparison.py): the original enlarged left of the line,
the result right of it, written without touching either, and from the command line."""

import cv2
import numpy as np
import pytest

from engine import icc
from engine.cli import main
from engine.comparison import comparison, write_comparison
from engine.errors import RekindleError
from engine.imageio import Picture, read_picture, write_picture
from tests.test_icc_grey import GAMMA_18, grey_ramp, shown_from_file, shown_in_srgb


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


def _adobe_rgb_like():
    """An RGB display profile with Adobe RGB's primaries and its gamma of about 2.2: its
    numbers show other colours than sRGB's same ones."""
    adobe_primaries = ((0.64, 0.33), (0.21, 0.71), (0.15, 0.06))
    return icc.rgb_profile(adobe_primaries, icc.D65, icc.parametric_curve(2.2), "Adobe RGB-like")


ADOBE_RGB_LIKE = _adobe_rgb_like()


def _halves_shown(path, split_column):
    """What a colour-managed viewer shows of the comparison at ``path``, left of the line and
    right of it."""
    shown = shown_from_file(path)
    return shown[:, : split_column - 1], shown[:, split_column + 1 :]


@pytest.mark.parametrize("result_profile", [icc.srgb_profile(), None, GAMMA_18])
@pytest.mark.parametrize("name", ["side.png", "side.tif"])
def test_a_grey_original_in_its_grey_profile_looks_as_it_does(tmp_path, result_profile, name):
    """A scan in gamma 1.8 (as a Dot Gain profile, some 17 levels from sRGB's same number)
    beside a result in sRGB: the left half shows the greys the scan shows, converted through
    its profile, not its numbers taken as sRGB's."""
    grey = grey_ramp(np.uint8)
    colour = np.random.default_rng(6).integers(0, 256, (16, 32, 3)).astype(np.uint8)
    original = write_picture(Picture(grey, None, GAMMA_18, None, "png"), tmp_path / "scan.png")
    result = write_picture(Picture(colour, None, result_profile, None, "png"), tmp_path / "r.png")

    left, right = _halves_shown(write_comparison(original, result, tmp_path / name), 16)

    assert np.abs(left - shown_in_srgb(grey, GAMMA_18)[:, :15]).max() <= 1
    assert np.abs(right - shown_from_file(result)[:, 17:]).max() <= 1


def test_a_sixteen_bit_grey_result_in_another_grey_profile(tmp_path):
    """Both halves grey in two grey profiles: each shows its own greys, in the result's depth."""
    grey = grey_ramp(np.uint16)
    original = write_picture(Picture(grey, None, GAMMA_18, None, "png"), tmp_path / "scan.png")
    linear = icc.grey_profile(b"curv\0\0\0\0" + bytes(4))
    result = write_picture(Picture(grey, None, linear, None, "png"), tmp_path / "lin.png")

    written = write_comparison(original, result, tmp_path / "side.png")

    assert read_picture(written).pixels.dtype == np.uint16
    left, right = _halves_shown(written, 16)
    assert np.abs(left - shown_in_srgb(grey, GAMMA_18)[:, :15]).max() <= 1
    assert np.abs(right - shown_in_srgb(grey, linear)[:, 17:]).max() <= 1


@pytest.mark.parametrize(
    ("original_profile", "result_profile"),
    [(ADOBE_RGB_LIKE, icc.srgb_profile()), (ADOBE_RGB_LIKE, None), (None, ADOBE_RGB_LIKE)],
)
def test_an_rgb_original_and_result_in_two_profiles_look_as_they_do(
    tmp_path, original_profile, result_profile
):
    """An Adobe RGB scan beside an sRGB result (or the other way round): each half shows the
    colours its own profile gives its numbers."""
    before, after = _pair(np.random.default_rng(7), np.uint16)
    original = write_picture(
        Picture(before, None, original_profile, None, "png"), tmp_path / "o.png"
    )
    result = write_picture(Picture(after, None, result_profile, None, "png"), tmp_path / "r.png")

    written = write_comparison(original, result, tmp_path / "side.png")

    assert read_picture(written).pixels.dtype == np.uint16
    left, right = _halves_shown(written, 60)
    enlarged = cv2.resize(before, (120, 90), interpolation=cv2.INTER_CUBIC)
    assert np.abs(left - shown_in_srgb(enlarged, original_profile)[:, :59]).max() <= 1
    assert np.abs(right - shown_in_srgb(after, result_profile)[:, 61:]).max() <= 1


def test_halves_in_one_profile_keep_it(tmp_path):
    """A result in its original's profile, as Rekindle writes one: the comparison carries that
    profile and both halves' numbers as they are."""
    before, after = _pair(np.random.default_rng(8))
    original = write_picture(Picture(before, None, ADOBE_RGB_LIKE, None, "png"), tmp_path / "o.png")
    result = write_picture(Picture(after, None, ADOBE_RGB_LIKE, None, "png"), tmp_path / "r.png")

    written = read_picture(write_comparison(original, result, tmp_path / "side.png"))

    assert written.icc_profile == ADOBE_RGB_LIKE
    np.testing.assert_array_equal(written.pixels, comparison(before, after))
