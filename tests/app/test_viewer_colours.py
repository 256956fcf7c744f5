"""The viewer shows every photo in the colours its profile says (a PNG's gamma and primaries
among them), converted to sRGB's, as screens show: a ProPhoto or Adobe RGB photo's own numbers
look dull there, a linear PNG's near black. A result saved as a BMP, whose colours are
converted to sRGB's as it is written, then shows the same colours as its original beside it."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from gui_helpers import WAIT_MS, rgb_pixels, wait_until_read
from PIL import Image
from PySide6.QtCore import QPointF

from app.images import picture_to_qimage, pixel_view, thumbnail
from app.settings import AppSettings
from engine import icc
from engine.imageio import Picture, read_picture
from engine.pixels import to_rgb8
from tests.test_comparison import ADOBE_RGB_LIKE
from tests.test_icc_grey import shown_in_srgb
from tests.test_png_gamma import png_with

PROPHOTO_XY = ((0.7347, 0.2653), (0.1596, 0.8404), (0.0366, 0.0001))
D50_XY = (0.3457, 0.3585)
PROPHOTO_LIKE = icc.rgb_profile(PROPHOTO_XY, D50_XY, icc.parametric_curve(1.8), "ProPhoto-like")
SRGB_OF_ANOTHER_MAKER = icc.rgb_profile(
    icc.SRGB_PRIMARIES, icc.D65, icc.parametric_curve(*icc.SRGB_CURVE), "sRGB IEC61966-2.1"
)
LINEAR_GAMMA = (b"gAMA", struct.pack(">I", 100000))  # gamma 1.0, times 100000


def colours(dtype: type = np.uint8) -> np.ndarray:
    """Saturated and pale colours alike, 24 by 32 pixels."""
    levels = np.random.default_rng(5).integers(0, 256, (24, 32, 3)).astype(np.uint8)
    return levels.astype(np.uint16) * 257 if dtype == np.uint16 else levels


def shown(picture: Picture) -> np.ndarray:
    """The viewer's levels of ``picture``, RGB."""
    return rgb_pixels(picture_to_qimage(picture)).astype(np.int16)


@pytest.mark.parametrize("profile", [PROPHOTO_LIKE, ADOBE_RGB_LIKE])
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_a_wide_gamut_photo_is_shown_in_its_srgb_colours(profile: bytes, dtype: type) -> None:
    pixels = colours(dtype)

    on_show = shown(Picture(pixels, None, profile, None, "png"))

    expected = shown_in_srgb(pixels, profile)
    assert np.abs(on_show - expected).max() <= 1
    assert np.abs(on_show - to_rgb8(pixels)).max() > 20  # not its own numbers


def test_a_wide_gamut_photos_thumbnail_is_shown_in_its_srgb_colours() -> None:
    pixels = np.repeat(np.repeat(colours(), 4, axis=0), 4, axis=1)  # blocks of one colour

    small = rgb_pixels(thumbnail(pixels, 32, PROPHOTO_LIKE)).astype(np.int16)

    expected = shown_in_srgb(colours(), PROPHOTO_LIKE)
    assert small.shape == (24, 32, 3)
    assert np.abs(small - expected).max() <= 1


def test_a_wide_gamut_photo_with_alpha_keeps_its_alpha() -> None:
    pixels = colours()
    alpha = np.full(pixels.shape[:2], 255, np.uint8)
    alpha[:, :8] = 0

    image = picture_to_qimage(Picture(pixels, alpha, PROPHOTO_LIKE, None, "png"))

    assert image.format() == image.Format.Format_RGBA8888
    np.testing.assert_array_equal(pixel_view(image)[..., 3], alpha)
    assert np.abs(shown_in_srgb(pixels, PROPHOTO_LIKE) - rgb_pixels(image)).max() <= 1


def linear_light_in_srgb(levels: np.ndarray) -> np.ndarray:
    """The 8-bit sRGB levels of grey ``levels`` (8 or 16 bits) that are linear light, as a
    PNG with gamma 1.0 stores them."""
    linear = levels / np.iinfo(levels.dtype).max
    encoded = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    return np.repeat(np.round(encoded * 255).astype(np.int16)[..., None], 3, axis=2)


def linear_png(folder: Path, dtype: type) -> tuple[np.ndarray, Path]:
    """Greys from black to white in linear light (8 or 16 bits), and a PNG of them in gamma
    1.0, as a scanner's raw output may be."""
    top = np.iinfo(dtype).max
    greys = (np.linspace(0, 1, 24 * 32).reshape(24, 32) ** 2.2 * top).round().astype(dtype)
    return greys, png_with(folder / "linear.png", greys, [LINEAR_GAMMA])


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_a_png_in_linear_light_is_shown_light(tmp_path: Path, dtype: type) -> None:
    greys, png = linear_png(tmp_path, dtype)

    on_show = shown(read_picture(png))

    lit = greys >= 0.05 * np.iinfo(dtype).max  # the darkest: the next test
    assert np.abs(on_show - linear_light_in_srgb(greys))[lit].max() <= 1
    assert on_show.mean() > to_rgb8(greys).mean() + 40


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_the_darkest_greys_of_a_png_in_linear_light_are_shown_as_they_look(
    tmp_path: Path, dtype: type
) -> None:
    """Converted in their depth: a 16-bit scan's darkest greys, at 8 bits all black, keep
    their steps."""
    greys, png = linear_png(tmp_path, dtype)

    on_show = shown(read_picture(png))

    assert np.abs(on_show - linear_light_in_srgb(greys)).max() <= 1


@pytest.mark.parametrize("profile", [None, icc.srgb_profile(), SRGB_OF_ANOTHER_MAKER])
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_a_photo_in_srgb_is_shown_as_its_numbers_without_converting(
    monkeypatch: pytest.MonkeyPatch, profile: bytes | None, dtype: type
) -> None:
    def refused(*_args: object) -> None:
        raise AssertionError("converted")

    monkeypatch.setattr(icc, "in_srgb", refused)
    pixels = colours(dtype)

    on_show = shown(Picture(pixels, None, profile, None, "png"))

    np.testing.assert_array_equal(on_show, to_rgb8(pixels))


def photo_in_prophoto(path: Path) -> Path:
    """A photo of smooth, bright colours (an enlargement keeps their mean), in ProPhoto."""
    across, down = np.meshgrid(np.linspace(0, 1, 40), np.linspace(0, 1, 30))
    srgb = np.dstack([200 * across + 40, 160 - 100 * down, 60 + 50 * across * down])
    path.parent.mkdir(parents=True, exist_ok=True)
    pixels = srgb.round().astype(np.uint8)
    Image.fromarray(pixels).save(path, icc_profile=PROPHOTO_LIKE)
    return path


def mean_colour(image) -> np.ndarray:
    return rgb_pixels(image).reshape(-1, 3).mean(axis=0)


def test_before_and_after_of_a_prophoto_photo_saved_as_bmp_agree_in_colour(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
) -> None:
    """The BMP's colours are sRGB's; the original's, shown through its profile, are too: the
    restoration seems to change no colour. Both as restored (the result in memory) and as read
    back from the two files."""
    app_settings.auto_save = True
    app_settings.output_format = "bmp"
    sources = [photo_in_prophoto(tmp_path / "photos" / f"{n}.png") for n in "ab"]
    window = make_window()
    first, second = window.add_paths(sources)
    wait_until_read(qtbot, window)
    window.queue_view.select_id(first.id)
    window.restore_all()
    qtbot.waitUntil(lambda: None not in (first.saved_to, second.saved_to), timeout=WAIT_MS)
    assert second.saved_to.suffix == ".bmp"
    viewer = window.viewer

    for item in (first, second):  # the second read back from its files
        window.queue_view.select_id(item.id)
        qtbot.waitUntil(viewer.has_after, timeout=WAIT_MS)
        before, after = mean_colour(viewer.before_image()), mean_colour(viewer.after_image())
        assert np.abs(before - after).max() <= 3, (before, after)
        own_numbers = read_picture(item.source).pixels.reshape(-1, 3).mean(axis=0)
        assert np.abs(before - own_numbers).max() > 10  # not its own numbers


def test_a_preview_of_a_part_of_a_prophoto_photo_shows_the_colours_of_its_whole(
    make_window, qtbot, tiny_model, tmp_path: Path
) -> None:
    """The part restored is in the photo's profile, as the whole result is: shown through it,
    not as sRGB numbers (it looked dull beside the original)."""
    source = photo_in_prophoto(tmp_path / "photos" / "a.png")
    window = make_window()
    (item,) = window.add_paths([source])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    viewer = window.viewer
    qtbot.waitUntil(viewer.has_images, timeout=WAIT_MS)
    viewer.set_zoom(8.0, QPointF(viewer.width() / 2, viewer.height() / 2))
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_image() is not None, timeout=WAIT_MS)
    part = mean_colour(viewer.part_image())

    area = viewer.part_rect().toRect()
    rows, columns = slice(area.top(), area.bottom() + 1), slice(area.left(), area.right() + 1)
    before = rgb_pixels(viewer.before_image())[rows, columns].reshape(-1, 3).mean(axis=0)
    own_numbers = read_picture(source).pixels[rows, columns].reshape(-1, 3).mean(axis=0)
    assert np.abs(part - before).max() <= 4, (part, before)
    assert np.abs(part - own_numbers).max() > 10  # not its own numbers
