"""Fixing fading: a faded print's levels and part of its cast come back; a photo that never
faded changes little; a toned black-and-white print keeps its tone."""

from dataclasses import replace

import cv2
import numpy as np
import pytest
import torch

from engine import fading
from engine.cli import main
from engine.fading import fix_fading, measure_fading
from engine.imageio import read_picture
from engine.library.loading import load_model
from engine.pixels import to_rgb8
from engine.restorer import RestoreOptions, Restorer
from engine.split import find_prints
from tests.conftest import VAL_DIR
from training.degrade import SEPIA_TINT, fade_colour_print
from training.metrics import psnr_rgb

PHOTOS = [VAL_DIR / f"kodim{n:02d}.png" for n in (3, 5, 7, 11, 19, 23)]


@pytest.fixture(scope="module")
def photos():
    return [to_rgb8(read_picture(path).pixels) for path in PHOTOS]


def test_a_faded_print_comes_back_much_closer(photos):
    faded = [
        fade_colour_print(photo, np.random.default_rng(seed)) for seed, photo in enumerate(photos)
    ]
    pairs = list(zip(faded, photos, strict=True))
    before = np.mean([psnr_rgb(old, photo) for old, photo in pairs])
    after = np.mean([psnr_rgb(fix_fading(old), photo) for old, photo in pairs])
    assert after > before + 2.3  # measured: 22.2 -> 25.0 dB on these six


@pytest.fixture(scope="module")
def kodak24():
    return [to_rgb8(read_picture(path).pixels) for path in sorted(VAL_DIR.glob("kodim*.png"))]


def test_photos_that_never_faded_are_left_alone_and_faded_ones_found(kodak24):
    """kodak24 never faded: 21 of its 24 show no sign of it (the others, dark or hazy scenes,
    look faded to the numbers and are changed a little); all 24 faded are found."""
    untouched = [np.array_equal(fix_fading(photo), photo) for photo in kodak24]
    assert sum(untouched) >= 21  # seen: 21
    changed = [photo for photo, same in zip(kodak24, untouched, strict=True) if not same]
    assert all(psnr_rgb(fix_fading(photo), photo) > 30 for photo in changed)  # seen: 32.6
    faded = [fade_colour_print(p, np.random.default_rng(seed)) for seed, p in enumerate(kodak24)]
    assert all(measure_fading([old]).faded for old in faded)


def test_a_print_whose_dyes_faded_unevenly_is_found_by_its_coloured_shadows(photos):
    """Full blacks and whites, but shadows with a green cast, as a scanned print of the real
    set shows: faded, though its levels are not."""
    cast = np.clip(photos[2].astype(np.float32) * [0.75, 1.0, 0.9] + [0, 60, 40], 0, 255)
    cast = cast.astype(np.uint8)
    assert fading.fading_degree([cast.astype(np.float32) / 255]) > 0.5
    assert not measure_fading([photos[2]]).faded
    fixed = fix_fading(cast)
    colour = [fading._shadow_colour([x.astype(np.float32) / 255]) for x in (photos[2], cast, fixed)]
    assert colour[2] < 0.6 * colour[1]  # the green went out of the shadows (seen: 0.22 -> 0.10)
    assert psnr_rgb(fixed, photos[2]) > psnr_rgb(cast, photos[2]) + 1.5  # seen: 15.5 -> 17.6


def test_an_unfaded_picture_whose_darkest_parts_are_coloured_is_left_alone(photos):
    """The top right of kodim03: a red and a green cap, its darkest parts, under a grey sky.
    Their colour is theirs, not a cast: the greys of the shadows do not share it (taken for a
    cast, the sky turned blue)."""
    caps = np.ascontiguousarray(photos[0][:250, 250:500])
    assert fading.fading_degree([caps.astype(np.float32) / 255]) == 0
    np.testing.assert_array_equal(fix_fading(caps), caps)


def test_a_scene_with_true_blacks_and_no_white_is_left_alone(kodak24):
    """kodim01, a stone house: its brightest channel reaches 0.80 only, but its blacks are
    black, as a faded print's are not (taken for faded, its warm stone cooled); faded, it is
    found."""
    house = kodak24[0]
    np.testing.assert_array_equal(fix_fading(house), house)
    assert measure_fading([fade_colour_print(house, np.random.default_rng(0))]).faded


def test_crops_of_photos_that_never_faded_are_seldom_changed_much(kodak24):
    """Six random 250-pixel crops of each kodak24 photo: a crop often lacks a white, or its
    darkest parts are one coloured thing; only a few hazy ones (sails against the sky, a flat
    mural) still look faded."""
    rng = np.random.default_rng(0)
    changes = []
    for photo in kodak24:
        for _ in range(6):
            top, left = (int(rng.integers(0, side - 250 + 1)) for side in photo.shape[:2])
            crop = np.ascontiguousarray(photo[top : top + 250, left : left + 250])
            changes.append(np.abs(fix_fading(crop).astype(np.int16) - crop).mean())
    assert sum(change > 8 for change in changes) <= 6  # mean levels; seen: 4 of 144


def test_a_sepia_print_keeps_its_tone_and_gets_its_contrast_back(photos):
    grey = photos[0].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    faded = 40 + grey * (180 / 255)  # lifted blacks, dull whites
    sepia = np.clip(faded[..., None] * np.array(SEPIA_TINT, np.float32), 0, 255).astype(np.uint8)
    fixed = fix_fading(sepia)
    np.testing.assert_allclose(_tone(fixed), _tone(sepia), rtol=0.03)
    assert np.percentile(fixed[..., 1], 1) < np.percentile(sepia[..., 1], 1) - 10
    assert fixed[..., 1].std() > 1.2 * sepia[..., 1].std()


def test_a_small_sepia_scan_with_colour_noise_keeps_its_tone(photos):
    """A faded sepia print scanned 500 pixels across with 2.5 levels of colour noise: pixel by
    pixel the noise pulls its channels' correlation below a toned print's (taken for colour,
    it was stretched channel by channel and turned grey-brown)."""
    rng = np.random.default_rng(0)
    small = cv2.resize(photos[0], (500, 333), interpolation=cv2.INTER_AREA)
    grey = small.astype(np.float32) @ fading.LUMA / 255 + rng.normal(0, 0.015, small.shape[:2])
    toned = (0.25 + 0.55 * grey)[..., None] * 0.8 * np.array(SEPIA_TINT)
    scan = np.clip(toned + rng.normal(0, 2.5 / 255, toned.shape), 0, 1)
    scan = np.rint(scan * 255).astype(np.uint8)
    fix = measure_fading([scan])
    assert fix.faded and fix.toned
    np.testing.assert_allclose(_tone(fix.apply(scan)), _tone(scan), rtol=0.03)


def _tone(pixels):
    """The mean of each channel, relative to green's."""
    means = pixels.reshape(-1, 3).mean(axis=0)
    return means / means[1]


def test_shapes_and_sample_types_are_kept():
    rng = np.random.default_rng(0)
    deep = (rng.random((40, 50, 3)) * 30000 + 10000).astype(np.uint16)
    grey = (rng.random((40, 50)) * 120 + 60).astype(np.uint8)
    for pixels in (deep, grey):
        fixed = fix_fading(pixels)
        assert fixed.shape == pixels.shape and fixed.dtype == pixels.dtype
        assert fixed.max() > pixels.max() and fixed.min() < pixels.min()  # stretched
    flat = np.full((8, 8, 3), 128, np.uint8)
    np.testing.assert_array_equal(fix_fading(flat), flat)  # nothing to stretch, no NaN


def test_restore_fixes_fading_before_enlarging(tiny_model_file, photos):
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"))
    picture = read_picture(PHOTOS[1])
    faded = fade_colour_print(photos[1][:64, :80], np.random.default_rng(3))
    small = replace(picture, pixels=faded)
    fixed = restorer.restore(small, RestoreOptions(fix_fading=True)).pixels
    np.testing.assert_array_equal(fixed, restorer.enlarge(fix_fading(small.pixels)))
    assert not np.array_equal(fixed, restorer.restore(small).pixels)


def test_the_command_line_fixes_fading_when_asked(tmp_path, tiny_model_file, photos):
    source = tmp_path / "in" / "print.png"
    source.parent.mkdir()
    faded = fade_colour_print(photos[0][:96, :128], np.random.default_rng(1))
    cv2.imwrite(str(source), cv2.cvtColor(faded, cv2.COLOR_RGB2BGR))
    base = ["restore", str(source), "--model", str(tiny_model_file)]
    assert main([*base, "-o", str(tmp_path / "plain")]) == 0
    assert main([*base, "-o", str(tmp_path / "fixed"), "--fix-fading"]) == 0
    plain = read_picture(tmp_path / "plain" / "print.png").pixels
    fixed = read_picture(tmp_path / "fixed" / "print.png").pixels
    assert fixed.std() > plain.std()  # its contrast came back


def test_the_command_line_says_when_a_photo_shows_no_fading(tmp_path, tiny_model_file, capsys):
    source = tmp_path / "in" / "kept.png"
    source.parent.mkdir()
    photo = cv2.resize(cv2.imread(str(PHOTOS[2])), (128, 86), interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(source), photo)
    args = ["restore", str(source), "--model", str(tiny_model_file), "--fix-fading"]
    assert main([*args, "-o", str(tmp_path / "out")]) == 0
    assert "note: kept.png shows no sign of fading; its colours are left as they were" in (
        capsys.readouterr().err
    )


def test_a_tall_picture_is_fixed_in_strips_exactly_as_in_one_piece(photos, monkeypatch):
    tall = np.concatenate([photos[2]] * 2)  # 1024 rows: four strips
    fix = measure_fading([tall])
    in_strips = fix.apply(tall)
    monkeypatch.setattr(fading, "STRIP_ROWS", tall.shape[0])
    np.testing.assert_array_equal(in_strips, fix.apply(tall))


def test_a_strip_one_pixel_high_is_measured_and_split_finds_no_print():
    """Reduced for its statistics, a 3000 x 1 strip keeps a row (it used to reduce to none)."""
    strip = np.random.default_rng(0).integers(0, 256, (1, 3000, 3), np.uint8)
    for pixels in (strip, strip.transpose(1, 0, 2).copy()):
        assert measure_fading([pixels]).apply(pixels).shape == pixels.shape
        assert find_prints(pixels) == []


@pytest.mark.parametrize("shape", [(1, 2, 3), (3, 3, 3), (2, 5, 3)])
def test_a_picture_of_a_few_pixels_is_measured(shape):
    """Every band of the shadows holds a pixel, however few the picture has."""
    pixels = np.random.default_rng(0).integers(0, 256, shape, np.uint8)
    fix = measure_fading([pixels])
    assert np.isfinite(fix.black).all() and np.isfinite(fix.gain).all()
    assert fix.apply(pixels).shape == shape
