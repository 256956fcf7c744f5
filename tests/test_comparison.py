"""Before-and-after pictures (engine/comparison.py): the original enlarged left of the line,
the result right of it, written without touching either, and from the command line."""

import struct

import cv2
import numpy as np
import pytest

from engine import icc
from engine.cli import main
from engine.comparison import comparison, write_comparison
from engine.errors import RekindleError
from engine.imageio import Picture, print_resolution, read_picture, resolution_of, write_picture
from engine.pixels import to_8bit
from engine.text_metadata import TextMetadata, sidecar_of
from tests.test_decoding_colour import XYZ_TO_SRGB, srgb_encoded
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
    with pytest.raises(ValueError, match="between 0 and 1"):
        comparison(before, after, 1.5)


def test_a_comparison_is_drawn_on_before_it_is_written(tmp_path):
    before, after = _pair(np.random.default_rng(3))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    result = write_picture(Picture(after, None, None, None, "png"), tmp_path / "new.png")

    def inverted(picture: Picture) -> Picture:
        return Picture(255 - picture.pixels, None, None, None, "png")

    out = write_comparison(original, result, tmp_path / "drawn.png", 0.3, decorate=inverted)
    np.testing.assert_array_equal(read_picture(out).pixels, 255 - comparison(before, after, 0.3))


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


LIGHTROOM_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""'
    b' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
    b' xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"'
    b' xmpMM:DocumentID="xmp.did:result-7" xmpMM:InstanceID="xmp.iid:result-7"'
    b' crs:HasCrop="True" crs:CropLeft="0.6" crs:Exposure2012="+1.50"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
"""A result's XMP as Lightroom leaves it: the result's identity and a crop and develop
settings for its pixels."""
CAPTION = b"\x1c\x02\x78" + struct.pack(">H", 14) + b"Aunt May, 1962"
"""An IPTC record holding a caption (dataset 2:120)."""


@pytest.mark.parametrize("name", ["side.jpg", "side.tif"])
def test_a_comparison_carries_no_xmp_and_no_sidecar_but_keeps_the_caption(tmp_path, name):
    """A comparison is a picture of its own: none of the result's XMP (its document IDs, a
    catalogue's crop and develop settings) and no copy of its sidecar; its IPTC caption
    stays."""
    before, after = _pair(np.random.default_rng(9))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    text = TextMetadata(xmp=LIGHTROOM_XMP, iptc=CAPTION, sidecar=LIGHTROOM_XMP)
    result = write_picture(
        Picture(after, None, None, None, "jpg", text_metadata=text), tmp_path / "new.jpg"
    )
    assert sidecar_of(result) is not None

    written = write_comparison(original, result, tmp_path / name)

    kept = read_picture(written).text_metadata
    assert kept.xmp is None and kept.sidecar is None and kept.iptc == CAPTION
    assert sidecar_of(written) is None
    assert b"result-7" not in written.read_bytes() and b"crs:" not in written.read_bytes()


def test_a_png_comparison_keeps_the_results_png_text(tmp_path):
    before, after = _pair(np.random.default_rng(10))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    words = ((b"tEXt", b"Title\x00Aunt May, 1962"),)
    text = TextMetadata(xmp=LIGHTROOM_XMP, png_text=words)
    result = write_picture(
        Picture(after, None, None, None, "png", text_metadata=text), tmp_path / "new.png"
    )

    kept = read_picture(write_comparison(original, result, tmp_path / "side.png")).text_metadata

    assert kept.png_text == words and kept.xmp is None


@pytest.mark.parametrize("result_name", ["new.png", "new.jpg", "new.tif", "new.webp"])
@pytest.mark.parametrize("name", ["side.jpg", "side.png"])
def test_a_comparison_prints_as_large_as_its_result(tmp_path, result_name, name):
    """A 120-pixel result at 600 dpi (a 0.2 inch print), compared 60 pixels across: 300 dpi,
    whatever the result's format says its resolution in (a TIFF's and a WebP's EXIF)."""
    before, after = _pair(np.random.default_rng(11))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    result = write_picture(Picture(after, None, None, None, "png", dpi=600), tmp_path / result_name)
    assert resolution_of(read_picture(result)) == 600

    written = read_picture(write_comparison(original, result, tmp_path / name, long_side=60))

    assert written.width == 60 and resolution_of(written) == pytest.approx(300)
    full = read_picture(write_comparison(original, result, tmp_path / name, long_side=None))
    assert resolution_of(full) == pytest.approx(600)


def test_a_comparison_keeps_a_resolution_that_differs_down(tmp_path):
    before, after = _pair(np.random.default_rng(14))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    dpi = (600, 1200)
    result = write_picture(Picture(after, None, None, None, "png", dpi=dpi), tmp_path / "r.png")

    written = read_picture(write_comparison(original, result, tmp_path / "side.jpg", long_side=60))

    assert print_resolution(written) == pytest.approx((300, 600))


def test_a_result_without_a_resolution_gives_a_comparison_without_one(tmp_path):
    before, after = _pair(np.random.default_rng(12))
    original = write_picture(Picture(before, None, None, None, "png", dpi=300), tmp_path / "o.png")
    result = write_picture(Picture(after, None, None, None, "png"), tmp_path / "r.png")

    written = read_picture(write_comparison(original, result, tmp_path / "side.png", long_side=60))

    assert resolution_of(written) is None


def test_a_result_of_another_shape_is_named_in_the_refusal(tmp_path):
    before, after = _pair(np.random.default_rng(13))
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "old.png")
    squashed = Picture(after[:, :60], None, None, None, "png")
    result = write_picture(squashed, tmp_path / "sq.png")

    with pytest.raises(RekindleError, match=r"^sq\.png: the result is not the same shape as old"):
        write_comparison(original, result, tmp_path / "bad.jpg")
    with pytest.raises(RekindleError, match=r"^old\.png: its result is not the same shape"):
        write_comparison(original, squashed, tmp_path / "bad.jpg")
    assert not list(tmp_path.glob("bad*"))


ADOBE_RGB_TO_XYZ = np.array(
    [
        [0.5767309, 0.1855540, 0.1881852],
        [0.2973769, 0.6273491, 0.0752741],
        [0.0270343, 0.0706872, 0.9911085],
    ]
)
"""D65 XYZ of linear Adobe RGB (1998), as Bruce Lindbloom publishes it."""


@pytest.mark.parametrize("name", ["side.png", "side.tif"])
def test_a_sixteen_bit_result_in_another_rgb_profile_keeps_its_depth(tmp_path, name):
    """A 16-bit result in an Adobe RGB-like profile beside an sRGB original: its half is
    converted to sRGB in 16 bits, within a small share of an 8-bit level of what the books'
    formulas give, where through 8 bits it would be a quarter of one off on average."""
    before = np.random.default_rng(14).integers(0, 256, (30, 40, 3)).astype(np.uint8)
    after = np.random.default_rng(15).integers(0, 65536, (90, 120, 3)).astype(np.uint16)
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "o.png")
    result = Picture(after, None, ADOBE_RGB_LIKE, None, "png")
    result = write_picture(result, tmp_path / "r.png")

    written = read_picture(write_comparison(original, result, tmp_path / name))

    assert written.pixels.dtype == np.uint16
    linear = (after / 65535.0) ** 2.2 @ (XYZ_TO_SRGB @ ADOBE_RGB_TO_XYZ).T
    off = np.abs(written.pixels[:, 61:] / 257 - srgb_encoded(linear)[:, 61:] * 255)
    assert off.mean() < 0.05 and off.max() < 1


def _linear_srgb_by_lookup_table():
    """An RGB profile of a lookup table (A2B0, as a scanner's), not of curves and colorants:
    linear light in sRGB's primaries, its cube's corners mapped to their D50 XYZ."""
    to_xyz = icc.rgb_to_d50_xyz(icc.SRGB_PRIMARIES, icc.D65)
    corners = [np.array(corner) for corner in np.ndindex(2, 2, 2)]
    table = b"".join(struct.pack(">3H", *np.round(to_xyz @ c * 32768).astype(int)) for c in corners)
    straight = struct.pack(">2H", 0, 65535) * 3  # each channel's curves, in and out
    matrix = b"".join(struct.pack(">i", v * 65536) for v in np.eye(3, dtype=int).ravel())
    lut = b"mft2" + bytes(4) + bytes([3, 3, 2, 0]) + matrix + struct.pack(">2H", 2, 2)
    lut += straight + table + straight
    lut += bytes(-len(lut) % 4)
    return icc.display_profile(b"RGB ", [(b"wtpt", icc.xyz_tag(*icc.D50)), (b"A2B0", lut)])


def test_a_sixteen_bit_result_in_a_lookup_table_profile_is_converted_through_eight_bits(
    tmp_path,
):
    """A profile of lookup tables is LittleCMS's to convert, in 8 bits: the 16-bit half is
    those levels, in 16 bits."""
    before, after = _pair(np.random.default_rng(16), np.uint16)
    profile = _linear_srgb_by_lookup_table()
    original = write_picture(Picture(before, None, None, None, "png"), tmp_path / "o.png")
    result = write_picture(Picture(after, None, profile, None, "png"), tmp_path / "r.png")

    written = read_picture(write_comparison(original, result, tmp_path / "side.png"))

    through_8_bits = icc.rgb_in_srgb(to_8bit(after), profile).astype(np.uint16) * 257
    np.testing.assert_array_equal(written.pixels[:, 61:], through_8_bits[:, 61:])
    assert written.icc_profile == icc.srgb_profile()
