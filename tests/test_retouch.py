"""A photo's dust, specks and scratches: found on real photos without touching what belongs to
the picture, filled from the picture around them with its grain, kept as files
(engine/retouch)."""

import cv2
import numpy as np
import pytest

from engine.errors import RekindleError
from engine.retouch.fill import Box, fill_marks
from engine.retouch.find import GROWTH, find_spots
from engine.retouch.marks import count_places, marks_digest, read_marks, write_marks
from tests.conftest import SHARED_DATA, photo_path

SPECKS = [(60, 80, 1, 250), (150, 300, 2, 15), (250, 200, 3, 240), (420, 330, 2, 10)]
"""(row, column, radius, level) of specks planted on a photo: light ones and dark ones."""
HAIR = [(40, 380), (52, 392), (58, 404)]
"""A hairline's points (row, column), drawn one pixel wide."""
PRINTS = SHARED_DATA / "real" / "prints"


def _photo(index: int = 3, grain: float = 2.0) -> np.ndarray:
    """A real photo (kodak24), with the fine grain of a scanned print."""
    image = cv2.cvtColor(cv2.imread(str(photo_path(index))), cv2.COLOR_BGR2RGB)
    noise = np.random.default_rng(index).normal(0, grain, image.shape[:2])[..., None]
    return np.clip(np.rint(image + noise), 0, 255).astype(np.uint8)


def _planted(photo: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """The photo with the specks and a hairline on it, and each one's pixels."""
    damaged, marks = photo.copy(), []
    for row, column, radius, _level in SPECKS:
        mark = np.zeros(photo.shape[:2], np.uint8)
        cv2.circle(mark, (column, row), radius, 1, -1)
        marks.append(mark > 0)
    hair = np.zeros(photo.shape[:2], np.uint8)
    points = np.array([(c, r) for r, c in HAIR], np.int32)
    cv2.polylines(hair, [points], False, 1, 1)
    marks.append(hair > 0)
    for mark, level in zip(marks, [s[3] for s in SPECKS] + [235], strict=True):
        damaged[mark] = level
    return damaged, marks


def test_specks_and_a_hairline_on_a_real_photo_are_found_and_nothing_else():
    photo = _photo()
    damaged, planted = _planted(photo)
    found = find_spots(damaged) > 0
    for mark in planted:
        assert found[mark].mean() >= 0.9
    anywhere = cv2.dilate(np.any(planted, axis=0).astype(np.uint8), np.ones((9, 9), np.uint8))
    stray = found & (anywhere == 0)
    clean = find_spots(photo) > 0  # what the photo itself shows (see the next test)
    assert stray.sum() <= clean.sum() + 20


@pytest.mark.parametrize("index", [0, 3, 7, 12, 18])
def test_clean_photos_with_eyes_letters_and_edges_are_left_alone(index):
    """Real photos (faces, houses, a river, a lighthouse) with grain and no damage: at most
    a few dark window panes or glints of small things are taken for dust."""
    found = find_spots(_photo(index)) > 0
    assert found.mean() <= 0.004


def test_crowded_specks_are_texture_and_are_left():
    """Gravel, foliage or a print's screen: small marks everywhere are the picture."""
    rng = np.random.default_rng(5)
    picture = np.full((300, 400, 3), 90, np.uint8)
    dots = rng.random((300, 400)) < 0.04
    picture[dots] = 200
    assert not find_spots(picture).any()


def _ground(colour: tuple[int, int, int], shape: tuple[int, int] = (300, 400)) -> np.ndarray:
    """A plain RGB ground of ``colour`` with soft blotches and the grain of a print."""
    rng = np.random.default_rng(7)
    blotches = 60 * cv2.GaussianBlur(rng.normal(0, 1, shape).astype(np.float32), (0, 0), 4)
    light = blotches + rng.normal(0, 2.0, shape)
    return np.clip(np.rint(np.float32(colour) + light[..., None]), 0, 255).astype(np.uint8)


def _dots(picture: np.ndarray, centres, colour, radius: int = 3) -> np.ndarray:
    """The picture with round dots of ``colour`` on it, their edges soft as a lens leaves them."""
    dots = np.zeros(picture.shape[:2], np.uint8)
    for row, column in centres:
        cv2.circle(dots, (column, row), radius, 255, -1)
    share = cv2.GaussianBlur(dots.astype(np.float32) / 255, (0, 0), 0.8)[..., None]
    mixed = picture * (1 - share) + np.float32(colour) * share
    return np.rint(mixed).astype(np.uint8)


def test_a_row_of_alike_dots_is_the_pictures_own_and_lone_ones_are_dust():
    """Buttons down a cardigan: evenly spaced, alike bright dots; dust falls at random."""
    row = [(40 + 28 * step, 120 + 5 * step) for step in range(8)]
    lone = [(50, 320), (170, 260), (260, 360)]
    picture = _dots(_ground((30, 90, 70)), row + lone, (235, 250, 250))
    found = find_spots(picture) > 0
    assert all(found[centre] for centre in lone)
    assert not any(found[centre] for centre in row)


def test_a_light_mark_of_a_colour_of_its_own_is_left_but_a_dark_one_is_dust():
    """A date imprint's orange dot on dark red is no light dust, which is white or grey (as
    the grey speck beside it); grit and fibres darker than the print are often coloured, so a
    blue speck on a pale wall is dust."""
    orange, grey = [(100, 100)], [(150, 250)]
    picture = _dots(_ground((100, 30, 28)), orange, (225, 110, 40))
    picture = _dots(picture, grey, (136, 136, 136))
    found = find_spots(picture) > 0
    assert found[grey[0]] and not found[orange[0]]
    blue = [(120, 200)]
    wall = _dots(_ground((200, 216, 221)), blue, (70, 120, 235), radius=1)
    assert (find_spots(wall) > 0)[blue[0]]


def _real_print(name: str) -> np.ndarray:
    return cv2.cvtColor(cv2.imread(str(PRINTS / name)), cv2.COLOR_BGR2RGB)


def test_the_buttons_on_a_real_print_are_left_and_its_specks_found():
    """The nine white buttons down the woman's cardigan are a row; the white specks on the
    dark clothes and the blue background are still marked."""
    buttons = [(331, 433), (356, 437), (380, 442), (401, 447), (424, 453)]
    buttons += [(446, 458), (468, 462), (491, 466), (513, 469)]
    found = find_spots(_real_print("family-print.png"))
    assert not any(found[button] for button in buttons)
    assert count_places(found) >= 20


def test_a_date_imprint_and_an_ornament_on_a_real_print_are_left_and_its_dust_found():
    """The camera's orange date and a yellow ornament on a shoe are the picture's own; a black
    speck and a blue fibre on the pale wall are dust."""
    found = find_spots(_real_print("family-1990s.jpg"))
    assert not any(found[place] for place in [(430, 1131), (432, 1153), (1458, 904)])
    assert all(found[place] for place in [(172, 388), (251, 309)])


def test_found_marks_take_in_the_soft_edge_of_a_speck():
    photo = _photo()
    damaged, planted = _planted(photo)
    found = find_spots(damaged) > 0
    speck = planted[2]
    grown = cv2.dilate(speck.astype(np.uint8), np.ones((2 * GROWTH + 1,) * 2, np.uint8)) > 0
    assert found[grown].mean() >= 0.9


def test_sixteen_bit_and_grey_photos_are_searched_alike():
    damaged, _ = _planted(_photo())
    found = find_spots(damaged)
    assert np.array_equal(find_spots(damaged.astype(np.uint16) * 257), found)
    grey = cv2.cvtColor(damaged, cv2.COLOR_RGB2GRAY)
    assert (find_spots(grey) != find_spots(np.dstack([grey] * 3))).sum() == 0


def test_filling_puts_back_what_was_under_the_marks_and_touches_nothing_else():
    photo = _photo()
    damaged, planted = _planted(photo)
    marks = np.any(planted, axis=0).astype(np.uint8) * 255
    marks = cv2.dilate(marks, np.ones((3, 3), np.uint8))
    filled = fill_marks(damaged, marks)
    assert filled.spots == len(planted)
    assert filled.pixels.dtype == np.uint8 and filled.pixels.shape == photo.shape
    assert np.array_equal(filled.pixels[marks == 0], damaged[marks == 0])
    hole = marks > 0
    before = np.abs(damaged[hole].astype(int) - photo[hole]).mean()
    after = np.abs(filled.pixels[hole].astype(int) - photo[hole]).mean()
    assert after < before / 4


def test_a_fill_has_the_grain_of_the_picture_around_it():
    rng = np.random.default_rng(1)
    grainy = np.clip(rng.normal(128, 6, (200, 200)), 0, 255).astype(np.uint8)
    marks = np.zeros((200, 200), np.uint8)
    marks[60:140, 98:103] = 255  # a scratch five pixels wide
    filled = fill_marks(grainy, marks).pixels
    hole, around = marks > 0, np.s_[60:140, 80:95]

    def fine(picture):
        return picture.astype(np.float32) - cv2.GaussianBlur(picture.astype(np.float32), (0, 0), 1)

    ratio = fine(filled)[hole].std() / fine(filled)[around].std()
    assert 0.6 < ratio < 1.5
    flat = fill_marks(np.full((200, 200), 77, np.uint8), marks).pixels
    assert (flat == 77).all()


def test_a_part_is_filled_as_the_whole_is():
    """A preview's part fills the groups of marks that reach it, each from its own box, and
    a wide mark copies from nowhere marked, so a group beside it changes nothing."""
    damaged, planted = _planted(_photo())
    marks = np.any(planted, axis=0).astype(np.uint8) * 255
    cv2.circle(marks, (470, 100), 12, 255, -1)  # wide: filled with texture, near the hair
    damaged[marks > 0] = 250
    whole = fill_marks(damaged, marks).pixels
    region = Box(390, 30, 520, 80)  # cuts through the hairline and the blot
    part = fill_marks(damaged, marks, region).pixels
    inside = region.slices
    assert np.array_equal(part[inside], whole[inside])
    assert np.array_equal(part[300:, :], damaged[300:, :])  # groups away from it are left


def test_sixteen_bit_and_grey_pictures_are_filled_in_their_own_kind():
    damaged, planted = _planted(_photo())
    marks = np.any(planted, axis=0).astype(np.uint8)
    deep = fill_marks(damaged.astype(np.uint16) * 257, marks).pixels
    assert deep.dtype == np.uint16 and deep.shape == damaged.shape
    grey = fill_marks(cv2.cvtColor(damaged, cv2.COLOR_RGB2GRAY), marks).pixels
    assert grey.ndim == 2 and grey.dtype == np.uint8
    eight = fill_marks(damaged, marks).pixels
    assert np.abs(deep / 257.0 - eight).max() <= 1.5


def test_marks_of_another_size_are_refused_in_plain_words():
    with pytest.raises(RekindleError, match="the marks are 30x20, but the photo is 40x10"):
        fill_marks(np.zeros((10, 40, 3), np.uint8), np.zeros((20, 30), np.uint8))


def test_no_marks_leave_the_picture_as_it_is():
    picture = _photo()
    assert fill_marks(picture, None).pixels is picture
    assert fill_marks(picture, np.zeros(picture.shape[:2], np.uint8)).spots == 0


def test_marks_files_round_trip_and_take_any_mostly_white_pixel(tmp_path):
    marks = np.zeros((30, 40), np.uint8)
    marks[5:9, 10:30] = 255
    marks[20, 5] = 1  # any non-zero value counts as marked
    path = write_marks(tmp_path / "marks.png", marks)
    read = read_marks(path)
    assert read.dtype == np.uint8 and set(np.unique(read)) == {0, 255}
    assert np.array_equal(read > 0, marks > 0)
    painted = np.zeros((30, 40, 3), np.uint8)
    painted[3, 3] = (200, 200, 200)  # a soft brush's edge: half white and more is marked
    painted[4, 4] = (100, 100, 100)
    cv2.imwrite(str(tmp_path / "painted.png"), painted)
    read = read_marks(tmp_path / "painted.png")
    assert read[3, 3] == 255 and read[4, 4] == 0 and count_places(read) == 1


def test_marks_are_never_written_over_the_photo(tmp_path):
    photo = tmp_path / "photo.png"
    cv2.imwrite(str(photo), np.zeros((8, 8), np.uint8))
    with pytest.raises(RekindleError):
        write_marks(photo, np.zeros((8, 8), np.uint8), forbid=[photo])
    assert cv2.imread(str(photo)) is not None


def test_a_digest_tells_marks_apart():
    marks = np.zeros((30, 40), np.uint8)
    marks[5, 5] = 255
    other = marks.copy()
    other[6, 6] = 255
    assert marks_digest(marks) == marks_digest(marks.copy() // 255)
    assert marks_digest(marks) != marks_digest(other)
    assert marks_digest(marks) != marks_digest(marks.T)
