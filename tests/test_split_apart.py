"""Splitting scans that are not plain: a photo that is no scan, prints on a mottled paper
backing, prints a millimetre apart or touching, prints the scan's edge cuts off askew, a
print with a pale edge, a borderless print on a grained table, and the spots marked on a
scan going with its prints."""

import cv2
import numpy as np
import pytest

from engine.errors import RekindleError
from engine.imageio import Picture, read_picture, write_picture
from engine.retouch.marks import MARKED, count_places
from engine.split import (
    NotAScan,
    _cut,
    find_prints,
    split_scan,
    split_scan_file,
    split_scan_into_its_folder,
)
from tests.conftest import VAL_DIR
from tests.scan_helpers import kodak_print, lay, photographed, scan_of

SHEET_LID = 238


def _sheet(width: int, height: int) -> np.ndarray:
    """A flatbed's white lid at 300 dpi, lit a little unevenly, with the scanner's noise."""
    x = np.arange(width)[None, :, None]
    light = SHEET_LID + 4 * (x / width - 0.5) + np.zeros((height, 1, 3))
    light = light + np.random.default_rng(1).normal(0, 3, light.shape)
    return np.clip(np.rint(light), 0, 255).astype(np.uint8)


def _photo(number: int, width: int, height: int) -> np.ndarray:
    return cv2.resize(kodak_print(number), (width, height), interpolation=cv2.INTER_AREA)


def _covered(shape: tuple[int, ...], centre, size, angle) -> np.ndarray:
    """Where a print of ``size`` laid at ``centre``, turned ``angle``, covers the scan."""
    covered = np.zeros(shape[:2], np.uint8)
    lay(covered, np.full(size[::-1], 255, np.uint8), centre, angle)
    return covered


@pytest.mark.parametrize("number", [1, 2, 6, 9])
def test_a_single_photo_is_no_scan_and_nothing_is_written(tmp_path, number):
    """Seen: kodim02 came out as "2 prints", a 38x94 fragment and the whole photo turned 28
    degrees with smeared edges."""
    photo = VAL_DIR / f"kodim{number:02d}.png"
    with pytest.raises(NotAScan, match="looks like a single photo"):
        split_scan_file(photo, tmp_path / "prints")
    assert not (tmp_path / "prints").exists()


def test_a_print_already_cut_out_is_no_scan():
    first = split_scan(Picture(scan_of([kodak_print(n) for n in (3, 5, 23)]), *[None] * 3, "png"))
    with pytest.raises(NotAScan, match="looks like a single photo"):
        split_scan(first[0])


def test_prints_a_millimetre_apart_are_told_apart():
    """Three prints 20 px apart, laid a little askew, so 8 to 15 px (about a millimetre)
    where they come nearest: seen as one print holding all three and a quarter of lid."""
    scan = _sheet(2480, 1900)
    spots = [((620, 520), 0.6), ((620 + 820, 520), -0.4), ((620, 520 + 820), 0.5)]
    for number, (centre, angle) in zip((7, 8, 9), spots, strict=True):
        lay(scan, _photo(number, 800, 800), centre, angle)
    found = find_prints(scan)
    assert len(found) == 3
    assert all(abs(side - 800) < 12 for p in found for side in p.size)


def test_prints_lying_against_each_other_are_said_not_cut_as_one():
    scan = _sheet(2480, 1900)
    spots = [((620, 520), 0.0), ((620 + 801, 520), 0.0), ((620, 520 + 801), 0.0)]
    for number, (centre, angle) in zip((7, 8, 9), spots, strict=True):
        lay(scan, _photo(number, 800, 800), centre, angle)
    with pytest.raises(RekindleError, match="lying against each other"):
        find_prints(scan)


def test_a_print_the_scans_edge_cuts_off_askew_gets_no_made_up_pixels():
    """Seen: a wedge of streaks repeating the scan's edge where the turned print's rectangle
    reached past it."""
    scan = _sheet(1700, 1400)
    lay(scan, _photo(15, 900, 600), (225, 600), 3.0)  # its left 225 px beyond the scan
    lay(scan, _photo(16, 600, 600), (1250, 800), 1.0)
    scan[:, 0] = (255, 0, 0)  # the scan's edge column, red, to show where it is repeated
    cut_off, _ = find_prints(scan)
    cut = _cut(scan, cut_off)
    red = (cut[..., 0] > 200) & (cut[..., 1] < 80) & (cut[..., 2] < 80)
    assert red.sum(axis=1).max() <= 3  # the edge column itself, at most (seen: 27 wide)
    assert cut.shape[1] > 600  # yet the print is kept (seen 655 of 675 across)


def test_a_print_with_a_pale_edge_on_a_scanner_is_turned_not_warped():
    """A print whose sky is as pale as the lid loses that edge to it: its outline is no
    rectangle, yet it lay flat on the glass (seen: warped as if photographed at an angle)."""
    scan = _sheet(2480, 1900)
    photo = _photo(13, 900, 600)
    y, x = np.mgrid[0:600, 0:900]
    photo[y < 10 + 0.05 * x] = (SHEET_LID - 6, SHEET_LID - 4, SHEET_LID - 8)  # a pale sky
    lay(scan, photo, (800, 700), 2.0)
    (found,) = find_prints(scan)
    assert found.corners == ()
    assert abs(found.angle % 90 - 88.0) < 0.3  # turned back by its 2 degrees


@pytest.mark.parametrize("grain", [15.0, 25.0])
def test_a_borderless_print_on_a_grained_table_is_no_print(grain):
    """Seen: the whole photo of the table taken for the print; before edges were asked to run
    all the way round it, the outline its picture's own lines draw taken for its corners (off
    by 13 to 110 px)."""
    phone = photographed(_photo(3, 600, 400), -20.0, 30.0, grain=grain)
    assert find_prints(phone) == []


@pytest.mark.parametrize(("tilt", "turn"), [(-20.0, 30.0), (35.0, 12.0)])
def test_a_borderless_print_on_a_mildly_grained_table_is_still_flattened(tilt, turn):
    """Its edges do not draw its outline all round, but its colours tell it from the wood."""
    (found,) = find_prints(photographed(_photo(23, 600, 400), tilt, turn, grain=6.0))
    assert len(found.corners) == 4


def test_a_print_pushed_into_the_glass_corner_askew_is_straightened_without_lid():
    """Its outline is cut square by the scan's edges: seen cut at 0 degrees, keeping a strip
    of lid along the two sides that are its own."""
    scan = _sheet(1700, 1400)
    centre, size, angle = (447, 297), (900, 600), 0.8
    lay(scan, _photo(21, *size), centre, angle)
    lay(scan, _photo(22, 500, 700), (1300, 950), 0.0)
    pushed = find_prints(scan)[0]
    assert abs((pushed.angle + 45) % 90 - 45 + angle) < 0.2
    on_print = _cut(_covered(scan.shape, centre, size, angle), pushed, cv2.INTER_NEAREST)
    assert on_print.min() == 255  # no lid in it
    assert on_print.shape[1] > 0.95 * size[0] and on_print.shape[0] > 0.95 * size[1]


PAPER_SPOTS = (
    ((300, 260), (420, 300), 0.0),
    ((850, 260), (420, 300), 0.0),
    ((560, 720), (600, 400), 1.5),
)
"""Where three prints lie on a scan of a paper backing: centre, size (with the print's white
border), degrees."""
PRINT_BORDER = 15  # 1.3 mm at 300 dpi


def _on_mottled_paper(shade: int, mottling: float, strip: int) -> np.ndarray:
    """A 1300x1000 scan at 150 dpi of three white-bordered prints (``PAPER_SPOTS``) on a
    paper backing of ``shade`` mottled in blotches about 7 mm across and a fine grain, each
    varying by ``mottling`` levels; with ``strip``, a black strip that deep along the top and
    right, where the lid did not close."""
    rng = np.random.default_rng(2)
    height, width = 1000, 1300
    blotches = rng.normal(0, mottling, (height // 40 + 1, width // 40 + 1)).astype(np.float32)
    blotches = cv2.resize(blotches, (width, height), interpolation=cv2.INTER_CUBIC)
    grain = cv2.GaussianBlur(rng.normal(0, mottling, (height, width)), (0, 0), 0.75)
    paper = np.clip(np.rint(shade + blotches + grain), 0, 255).astype(np.uint8)
    scan = np.repeat(paper[..., None], 3, axis=2)
    for number, (centre, size, angle) in zip((3, 5, 23), PAPER_SPOTS, strict=True):
        bordered = np.full((size[1], size[0], 3), 242, np.uint8)
        inner = (size[0] - 2 * PRINT_BORDER, size[1] - 2 * PRINT_BORDER)
        bordered[PRINT_BORDER:-PRINT_BORDER, PRINT_BORDER:-PRINT_BORDER] = _photo(number, *inner)
        lay(scan, bordered, centre, angle)
    if strip:
        scan[:strip] = scan[:, -strip:] = 20
    return scan


@pytest.mark.parametrize(
    ("shade", "mottling", "strip"),
    [(232, 6.0, 22), (225, 12.0, 0)],
    ids=["mottled-with-a-dark-strip", "strongly-mottled"],
)
def test_prints_on_a_mottled_paper_backing_are_cut(shade, mottling, strip):
    """Its surround has a texture of its own, as a photo's scene has: seen refused as "a
    single photo, not a scan of prints" (before, each print was cut)."""
    scan = _on_mottled_paper(shade, mottling, strip)
    found = find_prints(scan)
    assert len(found) == 3
    for print_found, (centre, size, angle) in zip(found, PAPER_SPOTS, strict=True):
        assert np.hypot(*np.subtract(print_found.centre, centre)) < 3
        on_print = _cut(_covered(scan.shape, centre, size, angle), print_found, cv2.INTER_NEAREST)
        assert on_print.min() == 255  # no paper in it
        photo = np.subtract(size, 2 * PRINT_BORDER)  # its white border may go with the paper
        assert on_print.shape[1] > 0.97 * photo[0] and on_print.shape[0] > 0.97 * photo[1]


def _marked(scan: np.ndarray, spots: list[tuple[int, int]]) -> np.ndarray:
    marks = np.zeros(scan.shape[:2], np.uint8)
    for x, y in spots:
        marks[y - 3 : y + 4, x - 3 : x + 4] = MARKED
    return marks


def test_the_spots_marked_on_a_scan_go_with_its_prints(tmp_path):
    scan = scan_of([kodak_print(n) for n in (3, 5, 23)])
    source = write_picture(Picture(scan, None, None, None, "png"), tmp_path / "box.png")
    # two spots on the first print (one near its corner), one on the third, one on the lid
    marks = _marked(scan, [(250, 200), (140, 140), (400, 620), (1200, 820)])
    kept = {}
    files = split_scan_into_its_folder(source, tmp_path / "out", marks, kept.__setitem__)
    assert list(kept) == [files[0], files[2]]  # the second print has no marks kept
    assert [count_places(kept[f]) for f in kept] == [2, 1]
    for path, print_marks in kept.items():
        assert print_marks.shape == read_picture(path).pixels.shape[:2]
        assert set(np.unique(print_marks)) == {0, MARKED}


def test_marks_not_of_the_scans_size_are_said(tmp_path):
    scan = scan_of([kodak_print(n) for n in (3, 5, 23)])
    source = write_picture(Picture(scan, None, None, None, "png"), tmp_path / "box.png")
    with pytest.raises(RekindleError, match="not the scan's size"):
        split_scan_file(source, tmp_path / "out", np.zeros((10, 10), np.uint8), print)
    assert not (tmp_path / "out").exists()
