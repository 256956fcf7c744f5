"""Splitting a scan of several prints: each print found, cut straight, in reading order, and
written beside the others without touching the scan."""

import os
import sys
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.errors import RekindleError
from engine.file_names import NAME_MAX
from engine.imageio import Picture, write_picture
from engine.split import _cut as split_cut
from engine.split import find_prints, split_scan, split_scan_file, split_scan_into_its_folder
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


def test_prints_of_a_scan_whose_name_fills_a_file_name_get_names_that_fit(tmp_path, scan):
    stem = "祖" * 83  # 249 bytes: "-1.png" would take the name past 255
    source = write_picture(Picture(scan, None, None, None, "png"), tmp_path / f"{stem}.png")
    written = split_scan_file(source, tmp_path / "prints")
    assert len(written) == 3 and all(p.is_file() for p in written)
    assert all(len(os.fsencode(p.name)) <= NAME_MAX for p in written)
    assert [p.name[-6:] for p in written] == ["-1.png", "-2.png", "-3.png"]
    again = split_scan_file(source, tmp_path / "prints")  # numbered: the print's number kept
    assert [p.name[-10:] for p in again] == ["-1 (2).png", "-2 (2).png", "-3 (2).png"]


@pytest.mark.skipif(sys.platform != "linux", reason="names of any bytes: Linux file systems")
def test_a_scan_named_in_latin_1_bytes_is_split_into_its_folder_and_found_again(tmp_path, scan):
    name = os.fsdecode(b"box \xe9t\xe9.png")  # not UTF-8: an old share's, a zip's
    source = write_picture(Picture(scan, None, None, None, "png"), tmp_path / name)
    first = split_scan_into_its_folder(source, tmp_path / "prints")
    again = split_scan_into_its_folder(source, tmp_path / "prints")
    assert len(first) == 3 and {p.parent for p in first} == {p.parent for p in again}


def test_each_scan_gets_a_folder_of_its_own_and_finds_it_again(tmp_path, scan):
    """A folder of the scan's name that is not its (the person's own, another scan's) is left
    alone; the scan split again writes into its own, beside its first prints."""
    out = tmp_path / "prints"
    (out / "box.v2").mkdir(parents=True)  # the person's own folder
    first, second = (
        write_picture(Picture(scan, None, None, None, "png"), tmp_path / box / "box.v2.png")
        for box in ("a", "b")
    )
    assert {p.parent.name for p in split_scan_into_its_folder(first, out)} == {"box.v2 (2)"}
    assert {p.parent.name for p in split_scan_into_its_folder(second, out)} == {"box.v2 (3)"}
    again = split_scan_into_its_folder(first, out)
    assert [p.relative_to(out) for p in again] == [
        Path("box.v2 (2)", f"box.v2-{n} (2).png") for n in (1, 2, 3)
    ]
    assert list((out / "box.v2").iterdir()) == []


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


def test_the_command_line_takes_a_folder_of_scans_keeping_its_subfolders(tmp_path, scan):
    folder = tmp_path / "scans"
    write_picture(Picture(scan, None, None, None, "png"), folder / "box 1.png")
    write_picture(Picture(scan, None, None, None, "png"), folder / "attic" / "box 2.png")
    assert main(["split", str(folder), "-o", str(tmp_path / "out")]) == 0
    written = {p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*.png")}
    assert written == {Path("scans", f"box 1-{n}.png") for n in (1, 2, 3)} | {
        Path("scans", "attic", f"box 2-{n}.png") for n in (1, 2, 3)
    }


def test_scans_of_one_name_in_two_folders_keep_their_prints_apart(tmp_path, scan, capsys):
    folder = tmp_path / "nest"
    for box in ("box1", "box2"):
        write_picture(Picture(scan, None, None, None, "png"), folder / box / "scan.png")
    assert main(["split", str(folder), "-o", str(tmp_path / "out")]) == 0
    for box in ("box1", "box2"):
        prints = sorted(p.name for p in (tmp_path / "out" / "nest" / box).iterdir())
        assert prints == ["scan-1.png", "scan-2.png", "scan-3.png"]  # none numbered (2)
    told = f"{Path('nest', 'box2', 'scan.png')}: 3 prints: scan-1.png, scan-2.png, scan-3.png"
    assert told in capsys.readouterr().out


def test_the_command_line_will_not_split_a_folder_into_itself(tmp_path, scan, capsys):
    folder = tmp_path / "scans"
    write_picture(Picture(scan, None, None, None, "png"), folder / "box.png")
    assert main(["split", str(folder), "-o", str(tmp_path)]) == 2
    assert "would go into" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["box.png"]


def test_a_folder_split_into_a_folder_inside_it_leaves_its_prints_out_on_the_next_run(
    tmp_path, scan, capsys
):
    """As ``restore`` leaves its earlier results out: seen before, the second run split the
    first run's prints again."""
    folder = tmp_path / "nest"
    write_picture(Picture(scan, None, None, None, "png"), folder / "box.png")
    out = folder / "prints"
    assert main(["split", str(folder), "-o", str(out)]) == 0
    first = sorted(out.rglob("*.png"))
    assert [p.relative_to(out) for p in first] == [Path("nest", f"box-{n}.png") for n in (1, 2, 3)]
    capsys.readouterr()
    assert main(["split", str(folder), "-o", str(out)]) == 0
    told = capsys.readouterr().out
    assert "box-1.png:" not in told and told.count("3 prints") == 1
    assert len(list(out.rglob("*.png"))) == 6  # box's prints once more, the prints' none


SHEET = (1700, 1400)  # width, height: a part of a flatbed's glass at 300 dpi
SHEET_SPOTS = (((450, 380), 3.0), ((1250, 380), -5.0), ((450, 1020), 0.0), ((1250, 1020), 8.0))
STRIPS = {  # the glass beyond the lid, or its shadow, along an edge, so deep
    "top": lambda depth: np.s_[:depth],
    "bottom": lambda depth: np.s_[-depth:],
    "left": lambda depth: np.s_[:, :depth],
    "right": lambda depth: np.s_[:, -depth:],
}


def _lid(width: int, height: int) -> np.ndarray:
    """A white lid, lit a little unevenly, with the scanner's noise."""
    y, x = np.mgrid[0:height, 0:width]
    light = 240 - 8 * x / width - 6 * y / height
    light = light + np.random.default_rng(0).normal(0, 1.5, light.shape)
    return np.repeat(np.clip(light, 0, 255)[..., None], 3, axis=2).astype(np.uint8)


@pytest.fixture(scope="module")
def sheet():
    """Four prints 540x360 (4.6x3 cm at 300 dpi) laid on the lid at ``SHEET_SPOTS``."""
    scan = _lid(*SHEET)
    for number, (centre, angle) in zip((3, 5, 23, 14), SHEET_SPOTS, strict=True):
        photo = cv2.resize(kodak_print(number), (540, 360), interpolation=cv2.INTER_CUBIC)
        lay(scan, photo, centre, angle)
    return scan


@pytest.mark.parametrize("depth", [12, 35])  # 1 and 3 mm at 300 dpi
@pytest.mark.parametrize("edges", [("top",), ("bottom",), ("left",), ("right",), ("top", "left")])
def test_a_dark_strip_along_the_scans_edge_is_no_print_and_spoils_none(sheet, edges, depth):
    """Seen before the lid was read robustly and strips set aside: the prints beside the
    strip came out as one with it and a wide band of lid, a strip along the top or bottom
    made two halves of the scan the prints, one along the right added slivers of it."""
    scan = sheet.copy()
    for edge in edges:
        scan[STRIPS[edge](depth)] = 45
    found = find_prints(scan)
    assert len(found) == 4
    for print_found, (centre, _) in zip(found, SHEET_SPOTS, strict=True):
        assert np.hypot(*np.subtract(print_found.centre, centre)) < 4
        assert abs(max(print_found.size) - 540) < 6 and abs(min(print_found.size) - 360) < 6


def test_a_print_laid_against_a_strip_is_cut_without_it():
    scan = _lid(*SHEET)
    scan[:35] = 45  # 3 mm of the glass beyond the lid
    photo = cv2.resize(kodak_print(3), (540, 360), interpolation=cv2.INTER_CUBIC)
    lay(scan, photo, (450, 35 + 180), 0.0)  # pushed against the lid's edge
    lay(scan, kodak_print(5), (1200, 800), 4.0)
    first, _ = find_prints(scan)
    # seen 536x354: the line the print shares with the strip (blurred by the search's
    # shrinking) goes with the strip
    assert abs(max(first.size) - 540) < 8 and abs(min(first.size) - 360) < 8
    assert abs(first.centre[1] - (35 + 180)) < 4


def test_a_shadow_along_part_of_an_edge_is_no_print(sheet):
    """Along less than half of the side, its lines are mostly the lid: the region it makes,
    lying wholly within a strip's depth of the edge, is left out."""
    scan = sheet.copy()
    scan[:50, :800] = 45  # each as large as a print may be on its own, 1 % of the scan
    scan[-650:, -45:] = 60
    assert len(find_prints(scan)) == 4


def _row_order(centres: list[tuple[int, int]]) -> list[int]:
    """The order in which prints laid at ``centres`` are found, by where each was laid."""
    scan = _lid(2300, 1300)
    for number, centre in enumerate(centres, start=1):
        lay(scan, kodak_print(number), centre, 0.0)
    found = find_prints(scan)
    return [
        min(range(len(centres)), key=lambda i: np.hypot(*np.subtract(p.centre, centres[i])))
        for p in found
    ]


def test_prints_a_little_higher_or_lower_than_their_neighbours_keep_their_row():
    """Seen before rows went by overlap: a print 4 px lower than its neighbour on the left
    came after it, and four prints in a row at slightly different heights came out jumbled."""
    assert _row_order([(300, 304), (800, 300)]) == [0, 1]  # the left one 4 px lower
    row = [(250, 330), (750, 250), (1250, 380), (1750, 290)]  # then a second row below
    assert _row_order([*row, (500, 900), (1100, 860)]) == [0, 1, 2, 3, 4, 5]


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
    found = find_prints(scan)
    assert len(found) == 3 and all(one.corners == () for one in found)
