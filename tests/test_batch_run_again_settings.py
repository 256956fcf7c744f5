"""A photo batch run again into the folder it restored into finishes the job: a photo whose own
result made with the same settings lies at its name is skipped, as its result records them
(its EXIF description), not restored again as "name (2)"; a result made with other settings
is not taken for it: the photo is restored beside it, and the summary says why.
``--skip-existing`` skips a photo's own result whatever its settings, and counts those made
with other settings apart."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from engine.console import INTERRUPTED
from engine.icc import ORIENTATION
from engine.imageio import Picture, read_picture, write_picture
from engine.media import header_exif
from engine.provenance import DESCRIPTION_TAG, SOFTWARE_TAG, marked_exif
from engine.retouch.marks import write_marks
from engine.unfinished import BatchMarker
from tests.conftest import photo_path


def _small(path: Path, index: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), cv2.resize(cv2.imread(str(photo_path(index))), (24, 16)))
    return path


def _album(folder: Path, count: int) -> Path:
    for index in range(count):
        _small(folder / f"p{index}.png", index)
    return folder


def _plain(folder: Path) -> Path:
    return _small(folder / "photo.png", 1)


def _specked(folder: Path) -> Path:
    """A flat grey photo with three dark specks, which ``--find-spots`` finds."""
    path = folder / "specks.png"
    pixels = np.full((48, 64, 3), 128, np.uint8)
    pixels += np.random.default_rng(0).integers(0, 6, pixels.shape, dtype=np.uint8)
    for top, left in ((10, 10), (30, 40), (20, 50)):
        pixels[top : top + 2, left : left + 2] = 10
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), pixels)
    return path


def _results(folder: Path) -> list[str]:
    """The results below ``folder`` (a batch's hidden journal left out)."""
    found = folder.rglob("*")
    return sorted(str(p.relative_to(folder)) for p in found if not p.name.startswith("."))


def _counts(out: str) -> str:
    return next(line for line in out.splitlines() if " restored, " in line)


def test_a_finished_batch_run_again_with_a_photo_added_restores_only_that_one(
    tiny_restore, tmp_path
):
    album = _album(tmp_path / "album", 3)
    out = tmp_path / "out"
    assert tiny_restore(album, "-o", out)[0] == 0
    _small(album / "new.png", 4)

    code, printed = tiny_restore(album, "-o", out)

    assert code == 0
    assert _counts(printed) == "1 restored, 0 failed, 3 skipped (already restored)"
    assert "renamed" not in printed
    assert _results(out) == [
        "album",
        "album/new.png",
        "album/p0.png",
        "album/p1.png",
        "album/p2.png",
    ]


def test_results_of_other_settings_are_restored_beside_and_found_there_next_time(
    tiny_restore, tmp_path
):
    album = _album(tmp_path / "album", 2)
    out = tmp_path / "out"
    assert tiny_restore(album, "-o", out, "--scale-out", "1")[0] == 0

    code, printed = tiny_restore(album, "-o", out)

    assert code == 0 and _counts(printed) == "2 restored, 0 failed"
    assert (
        "renamed: album/p0.png saved as p0 (2).png "
        "(p0.png holds this photo's result made with other settings)"
    ) in printed
    widths = {
        name: read_picture(out / "album" / name).pixels.shape[1]
        for name in ("p0.png", "p0 (2).png")
    }
    assert widths == {"p0.png": 24, "p0 (2).png": 96}

    for settings in ([], ["--scale-out", "1"]):  # each finds its own results
        code, printed = tiny_restore(album, "-o", out, *settings)
        assert (
            code == 0 and _counts(printed) == "0 restored, 0 failed, 2 skipped (already restored)"
        )
    assert len(_results(out / "album")) == 4


def test_many_results_renamed_for_other_settings_are_counted_so(tiny_restore, tmp_path):
    album = _album(tmp_path / "album", 11)
    out = tmp_path / "out"
    assert tiny_restore(album, "-o", out, "--scale-out", "1")[0] == 0

    printed = tiny_restore(album, "-o", out)[1]

    assert (
        "renamed: 11 results saved under other names, as theirs held results made with other "
        "settings"
    ) in printed


def test_skip_existing_counts_results_of_other_settings_apart(tiny_restore, tmp_path):
    album = _album(tmp_path / "album", 2)
    out = tmp_path / "out"
    assert tiny_restore(album, "-o", out, "--scale-out", "1")[0] == 0
    _small(album / "new.png", 3)
    assert tiny_restore(album / "new.png", "-o", out / "album")[0] == 0  # these settings
    before = _results(out)

    code, printed = tiny_restore(album, "-o", out, "--skip-existing")

    assert code == 0
    assert _counts(printed) == (
        "0 restored, 0 failed, 1 skipped (already restored), "
        "2 skipped (restored before with other settings)"
    )
    assert _results(out) == before


def test_a_run_stopped_after_a_finished_one_then_run_again_leaves_one_result_a_photo(
    tiny_restore, stopped_after_one_photo, tmp_path
):
    """The same command run again after Ctrl+C stopped it finishes the job: the photos the
    stopped run restored and those the finished one did are skipped alike."""
    album = _album(tmp_path / "album", 2)
    out = tmp_path / "out"
    assert tiny_restore(album, "-o", out)[0] == 0
    for index in (2, 3, 4):
        _small(album / f"new{index}.png", index)
    assert stopped_after_one_photo(album, "-o", out) == INTERRUPTED

    code, printed = tiny_restore(album, "-o", out)

    assert code == 0
    assert _counts(printed) == "2 restored, 0 failed, 3 skipped (already restored)"
    names = ["new2.png", "new3.png", "new4.png", "p0.png", "p1.png"]
    assert _results(out / "album") == names


def _with_caption_and_software(folder: Path) -> Path:
    """A JPEG photo whose EXIF holds a caption and the scanner's software: its result's
    description holds them around what Rekindle did."""
    path = folder / "scan.jpg"
    folder.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[DESCRIPTION_TAG] = "Grandma, 1962 | at the lake"
    exif[SOFTWARE_TAG] = "EPSON Scan 3.9"
    Image.open(photo_path(1)).convert("RGB").resize((24, 16)).save(path, exif=exif.tobytes())
    return path


def _turned(folder: Path) -> Path:
    """A JPEG photo stored 24 wide and 16 high, shown turned a quarter round (orientation 6)."""
    path = folder / "turned.jpg"
    folder.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    Image.open(photo_path(2)).convert("RGB").resize((24, 16)).save(path, exif=exif.tobytes())
    return path


@pytest.mark.parametrize(
    ("photo", "settings", "recorded"),
    [
        (_with_caption_and_software, [], "the original made with EPSON Scan 3.9"),
        (_turned, ["--long-side", "40"], "enlarged to 27x40"),
        (_plain, ["--fix-fading"], "no sign of fading, colours kept"),
        (_specked, ["--find-spots"], "dust and scratches filled first (3 places)"),
        (_plain, ["--find-spots"], "], enlarged 4x"),  # none found: no places named after
    ],
    ids=["caption-and-software", "turned", "no-fading", "spots", "no-spots"],
)
def test_what_the_photo_tells_of_its_result_is_no_other_setting(
    tiny_restore, tmp_path, photo, settings, recorded
):
    """A result records what was found on the photo (spots filled, fading), its caption and
    software, and its size as shown: the photo run again is still skipped."""
    source = photo(tmp_path / "in")
    out = tmp_path / "out"
    assert tiny_restore(source, "-o", out, *settings)[0] == 0
    (result,) = out.iterdir()
    assert header_exif(result)[DESCRIPTION_TAG].endswith(recorded)

    code, printed = tiny_restore(source, "-o", out, *settings)

    assert code == 0 and _counts(printed) == "0 restored, 0 failed, 1 skipped (already restored)"
    assert [path.name for path in out.iterdir()] == [result.name]


def test_looking_for_spots_on_a_photo_that_has_them_is_another_setting(tiny_restore, tmp_path):
    """A result made without looking for spots names none filled: it is not taken for the
    result of a run that finds some on the photo."""
    source = _specked(tmp_path / "in")
    out = tmp_path / "out"
    assert tiny_restore(source, "-o", out)[0] == 0

    code, printed = tiny_restore(source, "-o", out, "--find-spots")

    assert code == 0 and _counts(printed) == "1 restored, 0 failed"
    assert sorted(path.name for path in out.iterdir()) == ["specks (2).png", "specks.png"]


def test_overwrite_still_replaces_a_result_of_the_same_settings(tiny_restore, tmp_path):
    source = _small(tmp_path / "in" / "photo.png", 0)
    out = tmp_path / "out"
    assert tiny_restore(source, "-o", out)[0] == 0
    before = (out / "photo.png").stat().st_ino

    code, printed = tiny_restore(source, "-o", out, "--overwrite")

    assert code == 0 and _counts(printed) == "1 restored, 0 failed"
    assert [path.name for path in out.iterdir()] == ["photo.png"]
    assert (out / "photo.png").stat().st_ino != before


def test_a_photo_run_again_with_the_same_marks_is_skipped(tiny_restore, tmp_path):
    """Its result names the places its marks filled, as many as the marks hold."""
    source = _plain(tmp_path / "in")
    marks = np.zeros((16, 24), np.uint8)
    marks[2:4, 2:4] = marks[10:12, 15:18] = 255
    marks_file = write_marks(tmp_path / "marks.png", marks)
    out = tmp_path / "out"
    assert tiny_restore(source, "-o", out, "--marks", marks_file)[0] == 0
    assert "(2 places)" in header_exif(out / "photo.png")[DESCRIPTION_TAG]

    code, printed = tiny_restore(source, "-o", out, "--marks", marks_file)

    assert code == 0 and _counts(printed) == "0 restored, 0 failed, 1 skipped (already restored)"
    assert [path.name for path in out.iterdir()] == ["photo.png"]


def test_a_result_that_does_not_record_its_settings_is_not_taken_for_this_runs(
    tiny_restore, tmp_path
):
    """An earlier Rekindle's result, which records neither its photo nor its settings, is
    the photo's while a journal lists it: this run's result goes beside it."""
    source = _plain(tmp_path / "in")
    out = tmp_path / "out"
    earlier = out / "photo.png"
    out.mkdir()
    pixels = read_picture(source).pixels
    write_picture(Picture(pixels, None, None, marked_exif(None, "Restored"), "png"), earlier)
    journal = BatchMarker(out, {"an earlier release's batch": str(source)})
    journal.start()
    journal.record(source, earlier)

    code, printed = tiny_restore(source, "-o", out)

    assert code == 0 and _counts(printed) == "1 restored, 0 failed"
    assert (
        "renamed: photo.png saved as photo (2).png "
        "(photo.png holds this photo's result, which does not record its settings)"
    ) in printed
