"""Restoring one part of a picture (the app's preview of the part in view): the part comes out
as the same part of the whole picture restored, with any chain, output size, fading fix, gray
or 16-bit pixels, wherever the part lies."""

import cv2
import numpy as np
import pytest
import torch

from engine.alpha_resize import resized_alpha
from engine.chain import open_chain
from engine.fading import measure_fading
from engine.imageio import Picture
from engine.output_size import OutputSize
from engine.part import Region, part_alpha, restore_part
from engine.restorer import RestoreOptions, Restorer
from tests.conftest import photo_path

CPU = torch.device("cpu")
LEVELS = 1
"""A part differs from the whole as a tile does: at most one level of 255."""


@pytest.fixture(scope="module")
def photo() -> np.ndarray:
    image = cv2.cvtColor(cv2.imread(str(photo_path(3))), cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray(image[100:190, 200:330])  # 130 x 90


def _region_of(whole: np.ndarray, region: Region, scale: int) -> np.ndarray:
    y, x = region.y * scale, region.x * scale
    return whole[y : y + region.height * scale, x : x + region.width * scale]


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.abs(a.astype(int) - b.astype(int)).max() <= LEVELS


@pytest.mark.parametrize(
    "region",
    [Region(0, 0, 40, 30), Region(37, 21, 45, 33), Region(101, 63, 29, 27), Region(0, 0, 130, 90)],
)
def test_a_part_is_that_part_of_the_whole_restored(photo, region):
    restorer = Restorer(open_chain("faithful-x4"), CPU, tile=48)
    whole = restorer.enlarge(photo)
    assert _close(restore_part(restorer, photo, region), _region_of(whole, region, 4))


def test_a_chain_and_a_second_pass_see_around_the_part_too(photo):
    """cleanup-x1 before, a 2x model run twice for 4x: each sees what it sees in the whole."""
    restorer = Restorer(open_chain("faithful-x2", before=["cleanup-x1"]), CPU, tile=40)
    region = Region(50, 30, 36, 28)
    options = RestoreOptions(scale_out=4)
    whole = restorer.enlarge(photo, 4)
    part = restore_part(restorer, photo, region, options)
    assert _close(part, _region_of(whole, region, 4))


def test_gray_and_sixteen_bit_parts_keep_their_kind(photo):
    restorer = Restorer(open_chain("faithful-x2"), CPU)
    region = Region(10, 12, 30, 20)
    gray = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)
    whole = restorer.enlarge(gray)
    assert _close(restore_part(restorer, gray, region), _region_of(whole, region, 2))
    deep = photo.astype(np.uint16) * 257
    part = restore_part(restorer, deep, region)
    assert part.dtype == np.uint16 and part.shape == (40, 60, 3)


def test_a_size_in_pixels_shrinks_the_part_as_it_shrinks_the_whole(photo):
    """A long side of 390 px makes the 130 px photo 3x: the 4x result, reduced."""
    restorer = Restorer(open_chain("faithful-x4"), CPU)
    options = RestoreOptions(size=OutputSize(long_side=390))
    whole = restorer.restore(Picture(photo, None, None, None, "png"), options).pixels
    assert whole.shape[:2] == (270, 390)
    region = Region(40, 30, 40, 30)
    part = restore_part(restorer, photo, region, options)
    assert part.shape == (90, 120, 3)
    assert _close(part, _region_of(whole, region, 3))  # its edges too


def _shown_of(whole: np.ndarray, region: Region, picture: np.ndarray) -> np.ndarray:
    """The part of ``whole``, a restoration of ``picture`` to any size, that ``region`` of
    ``picture`` becomes: its corner and sides scaled and rounded."""
    across = whole.shape[1] / picture.shape[1]
    down = whole.shape[0] / picture.shape[0]
    x, y = round(region.x * across), round(region.y * down)
    width, height = round(region.width * across), round(region.height * down)
    return whole[y : y + height, x : x + width]


@pytest.mark.parametrize(
    ("size", "region"),
    [
        (OutputSize(long_side=301), Region(37, 21, 45, 33)),
        (OutputSize(long_side=301), Region(0, 0, 130, 90)),
        (OutputSize(long_side=301), Region(129, 89, 1, 1)),
        (OutputSize(long_side=250), Region(11, 50, 27, 40)),
        (OutputSize(print_mm=(20.0, 30.0), dpi=300), Region(64, 7, 50, 61)),
    ],
)
@pytest.mark.parametrize("kind", ["colour", "grey", "16-bit"])
def test_a_part_at_a_size_between_whole_scales_is_that_part_of_the_whole(photo, size, region, kind):
    """A size between whole scales: the part is the same part of the whole result, its edges
    too, where the whole's 4x enlargement is reduced by area over the whole's pixel grid."""
    pixels = {
        "colour": photo,
        "grey": cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY),
        "16-bit": photo.astype(np.uint16) * 257 + 128,
    }[kind]
    restorer = Restorer(open_chain("faithful-x4"), CPU, tile=48)
    options = RestoreOptions(size=size)
    whole = restorer.restore(Picture(pixels, None, None, None, "png"), options).pixels
    assert whole.shape[1] % photo.shape[1] and whole.shape[0] % photo.shape[0]
    part = restore_part(restorer, pixels, region, options)
    expected = _shown_of(whole, region, pixels)
    assert part.shape == expected.shape and part.dtype == expected.dtype
    levels = LEVELS * (257 if kind == "16-bit" else 1)
    assert np.abs(part.astype(int) - expected.astype(int)).max() <= levels


def test_the_fading_measured_on_the_whole_is_taken_away_from_the_part(photo):
    faded = np.clip(photo.astype(int) * [1.0, 0.85, 0.6] + [30, 20, 0], 0, 255).astype(np.uint8)
    restorer = Restorer(open_chain("faithful-x2"), CPU)
    options = RestoreOptions(fix_fading=True)
    fading = measure_fading([faded])
    assert fading.faded
    whole = restorer.restore(Picture(faded, None, None, None, "png"), options, fading=fading).pixels
    region = Region(20, 20, 40, 30)
    part = restore_part(restorer, faded, region, options, fading=fading)
    assert _close(part, _region_of(whole, region, 2))
    unfixed = restore_part(restorer, faded, region)
    assert np.abs(unfixed.astype(int) - part.astype(int)).mean() > 5


def test_a_large_region_is_capped_to_its_centre_with_its_shape():
    region = Region(100, 50, 4000, 3000)
    capped = region.capped(400 * 300)
    assert (capped.width, capped.height) == (400, 300)
    assert (capped.x, capped.y) == (100 + 1800, 50 + 1350)
    small = Region(5, 5, 20, 10)
    assert small.capped(400 * 300) is small


def test_spots_are_filled_in_a_part_as_in_the_whole(photo):
    """Marks on the whole photo, some cut by the part's edge: the part's fill is the whole's."""
    restorer = Restorer(open_chain("faithful-x2"), CPU, tile=40)
    marks = np.zeros(photo.shape[:2], np.uint8)
    marks[20:24, 30:70] = 255  # a scratch the part's left edge cuts
    marks[60:63, 100:103] = 255
    picture = Picture(photo, None, None, None, "png")
    whole = restorer.restore(picture, marks=marks).pixels
    region = Region(50, 10, 60, 60)
    part = restore_part(restorer, photo, region, marks=marks)
    assert _close(part, _region_of(whole, region, 2))
    assert not _close(part, _region_of(restorer.restore(picture).pixels, region, 2))


def test_a_part_gets_the_grain_the_whole_restored_picture_gets_there(photo):
    restorer = Restorer(open_chain("faithful-x4"), CPU, tile=48)
    options = RestoreOptions(grain=0.5)
    whole = restorer.restore(Picture(photo, None, None, None, "png"), options).pixels
    plain = restorer.enlarge(photo)
    region = Region(37, 21, 45, 33)
    part = restore_part(restorer, photo, region, options)
    assert _close(part, _region_of(whole, region, 4))
    assert np.abs(whole.astype(int) - plain).mean() > 1  # the grain is there


@pytest.mark.parametrize("size", [(604, 804), (500, 666), (121, 161)])
@pytest.mark.parametrize("region", [Region(37, 21, 50, 33), Region(0, 0, 30, 40)])
def test_a_parts_alpha_is_that_part_of_the_whole_results(size, region):
    """Seen before: the part's alpha was its crop enlarged on its own, its edges and, between
    whole scales, its grid its own."""
    noise = np.random.default_rng(0).random((201, 151)) * 65535
    alpha = cv2.GaussianBlur(noise.astype(np.uint16), (0, 0), 3)
    whole = resized_alpha(alpha, size)  # as Restorer.restore resizes the whole alpha
    part = part_alpha(alpha, region, size)
    x, y = (
        round(start * out / side)
        for start, out, side in ((region.x, size[0], 151), (region.y, size[1], 201))
    )
    expected = whole[y : y + part.shape[0], x : x + part.shape[1]]
    assert part.shape == (round(region.height * size[1] / 201), round(region.width * size[0] / 151))
    assert np.array_equal(part, expected)
