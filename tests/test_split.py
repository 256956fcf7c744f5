"""Splitting a scan of several prints: each print found, cut straight, in reading order, and
written beside the others without touching the scan."""

from dataclasses import replace

import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.errors import RekindleError
from engine.imageio import Picture, write_picture
from engine.split import _cut as split_cut
from engine.split import find_prints, split_scan, split_scan_file
from tests.scan_helpers import (
    LID,
    SPOTS,
    kodak_print,
    lay,
    photographed,
    scan_of,
    seen_corners,
)


@pytest.fixture(scope="module")
def prints():
    return [kodak_print(n) for n in (3, 5, 23)]


@pytest.fixture(scope="module")
def scan(prints):
    return scan_of(prints)


def _best_psnr(cut, photo):
    """The PSNR of the cut's inside against the photo, at the best offset of a few pixels."""
    core = cut[6:-6, 6:-6].astype(np.float64)
    best = 0.0
    for dy in range(photo.shape[0] - core.shape[0] + 1):
        for dx in range(photo.shape[1] - core.shape[1] + 1):
            error = np.mean((core - photo[dy : dy + core.shape[0], dx : dx + core.shape[1]]) ** 2)
            best = max(best, float("inf") if error == 0 else 10 * np.log10(255**2 / error))
    return best


def test_each_print_is_found_cut_straight_and_in_reading_order(scan, prints):
    parts = split_scan(Picture(scan, None, b"profile", b"exif", "png"))
    assert len(parts) == 3
    for part in parts:
        height, width = part.pixels.shape[:2]
        assert 0.97 * 360 <= width <= 360 and 0.97 * 240 <= height <= 240  # upright, trimmed
        assert part.icc_profile == b"profile" and part.exif is None
    assert _best_psnr(parts[2].pixels, prints[2]) == float("inf")  # laid square: cut exactly
    assert _best_psnr(parts[0].pixels, prints[0]) > 33  # turned back (seen 36.5)
    assert _best_psnr(parts[1].pixels, prints[1]) > 25  # busier, turned back (seen 26.9)
    for part in parts:  # no strip of the lid is left along any side
        pixels = part.pixels
        for line in (pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]):
            lid_like = (np.abs(line.astype(int) - LID).max(axis=-1) <= 12).mean()
            assert lid_like < 0.08  # seen: 0.15-0.23 with a strip left; the photos' own 0.05


def test_dust_on_the_lid_a_pale_sky_and_white_inside_a_print_do_not_fool_it(prints):
    scan = np.full((700, 900, 3), LID, np.uint8)
    photo = prints[0].copy()
    photo[:80] = LID - 30  # a pale sky, touching the print's edge
    photo[120:170, 150:220] = LID  # a patch as white as the lid, inside the print
    lay(scan, photo, (450, 350), 2.0)
    for x, y in ((60, 60), (820, 640), (100, 600)):
        cv2.circle(scan, (x, y), 3, (30, 30, 30), -1)  # specks of dust
    (found,) = find_prints(scan)
    assert abs(max(found.size) - 360) < 4 and abs(min(found.size) - 240) < 4


def test_a_lid_lit_unevenly_is_still_the_lid(prints):
    """A lamp that lights the glass unevenly: 60 levels darker at one side, and the corners."""
    height, width = 900, 1300
    y, x = np.mgrid[0:height, 0:width]
    light = 250 - 60 * (x / width) - 25 * ((y / height - 0.5) ** 2 + (x / width - 0.5) ** 2)
    scan = np.repeat(light[..., None], 3, axis=2).astype(np.uint8)
    for photo, (centre, angle) in zip(prints, SPOTS, strict=True):
        lay(scan, photo, centre, angle)
    found = find_prints(scan)
    assert len(found) == 3
    assert all(abs(max(p.size) - 360) < 6 and abs(min(p.size) - 240) < 6 for p in found)


def test_a_blank_scan_says_so():
    with pytest.raises(RekindleError, match="no prints were found"):
        split_scan(Picture(np.full((300, 400, 3), LID, np.uint8), None, None, None, "png"))


def test_deep_and_grey_scans_keep_their_samples(scan):
    deep = Picture(scan.astype(np.uint16) * 257, None, None, None, "png")
    grey = Picture(cv2.cvtColor(scan, cv2.COLOR_RGB2GRAY), None, None, None, "png")
    for picture in (deep, grey):
        parts = split_scan(picture)
        assert len(parts) == 3
        assert all(p.pixels.dtype == picture.pixels.dtype for p in parts)
        assert all(p.pixels.ndim == picture.pixels.ndim for p in parts)


def test_the_files_are_written_beside_each_other_and_the_scan_is_untouched(tmp_path, scan):
    source = write_picture(Picture(scan, None, None, None, "png"), tmp_path / "box 1.png")
    before = source.read_bytes()
    out = tmp_path / "prints"
    first = split_scan_file(source, out)
    again = split_scan_file(source, out)
    assert [p.name for p in first] == ["box 1-1.png", "box 1-2.png", "box 1-3.png"]
    assert [p.name for p in again] == ["box 1-1 (2).png", "box 1-2 (2).png", "box 1-3 (2).png"]
    assert source.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in first + again)


def test_the_command_line_splits_and_goes_on_past_a_bad_scan(tmp_path, scan, capsys):
    good = write_picture(Picture(scan, None, None, None, "png"), tmp_path / "box.png")
    blank = write_picture(
        Picture(np.full((200, 300, 3), LID, np.uint8), None, None, None, "png"),
        tmp_path / "lid.png",
    )
    code = main(["split", str(blank), str(good), "-o", str(tmp_path / "out")])
    assert code == 1
    captured = capsys.readouterr()
    assert "failed: lid.png: no prints were found" in captured.err
    assert "box.png: 3 prints: box-1.png, box-2.png, box-3.png" in captured.out
    one = np.full((500, 600, 3), LID, np.uint8)
    lay(one, kodak_print(3), (300, 250), 5.0)  # one print laid askew: straightened alone
    single = write_picture(Picture(one, None, None, None, "png"), tmp_path / "single.png")
    assert main(["split", str(single), "-o", str(tmp_path / "out")]) == 0
    assert "single.png: 1 print: single-1.png" in capsys.readouterr().out


def test_the_command_line_takes_a_folder_of_scans(tmp_path, scan):
    folder = tmp_path / "scans"
    write_picture(Picture(scan, None, None, None, "png"), folder / "box 1.png")
    write_picture(Picture(scan, None, None, None, "png"), folder / "attic" / "box 2.png")
    assert main(["split", str(folder), "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"box {box}-{n}.png" for box in (1, 2) for n in (1, 2, 3)
    ]


def _bordered(number: int) -> np.ndarray:
    """An old print, 600x400, with its white border."""
    photo = cv2.resize(kodak_print(number), (576, 376), interpolation=cv2.INTER_AREA)
    return cv2.copyMakeBorder(photo, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=(235, 232, 222))


@pytest.mark.parametrize("grain", [0.0, 25.0])  # a plain table, and a wooden one
@pytest.mark.parametrize(("tilt", "turn"), [(35.0, 12.0), (-20.0, 30.0), (40.0, 0.0)])
def test_a_print_photographed_at_an_angle_is_flattened_into_its_own_shape(tilt, turn, grain):
    photo = _bordered(23)
    phone = photographed(photo, tilt, turn, grain)
    (found,) = find_prints(phone)
    corners = seen_corners((600, 400), tilt, turn)
    assert np.hypot(*(np.array(found.corners) - corners).T).max() < 6  # seen 2.2-4.7

    def error(cut):  # against the print, away from its edges
        height, width = cut.shape[:2]
        truth = cv2.resize(photo, (width, height), interpolation=cv2.INTER_AREA)
        core = np.s_[height // 10 : -height // 10, width // 10 : -width // 10]
        return np.abs(cut.astype(int) - truth)[core].mean()

    (part,) = split_scan(Picture(phone, None, None, None, "png"))
    height, width = part.pixels.shape[:2]
    # turned about one axis only, the corners cannot tell the lens: a usual one is assumed
    assert abs(width / height - 1.5) < (0.04 if turn else 0.12)  # seen 1.53, 1.50, 1.60
    turned = split_cut(phone, replace(found, corners=()))  # as if it lay on a scanner
    assert error(part.pixels) < 0.4 * error(turned)  # seen 9.1 against 29.5, 8.6/32, 8.9/25
    for line in (part.pixels[0], part.pixels[-1], part.pixels[:, 0], part.pixels[:, -1]):
        assert (line.astype(int).mean(axis=-1) < 60).mean() < 0.2  # no strip of the table


def test_prints_laid_on_a_scanner_are_turned_not_flattened(scan):
    assert all(found.corners == () for found in find_prints(scan))


def test_on_a_wooden_table_a_print_whose_edge_does_not_show_all_round_is_not_flattened():
    """Without a white border, parts of a dark print's edge vanish into the wood; the outline
    its picture's own lines draw is not taken for its corners (seen: off by 13 to 110 px
    before edges were asked to run all the way round it)."""
    photo = cv2.resize(kodak_print(3), (600, 400), interpolation=cv2.INTER_AREA)
    for found in find_prints(photographed(photo, -20.0, 30.0, grain=15.0)):
        assert found.corners == ()
