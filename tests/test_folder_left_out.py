"""Files a folder holds that Rekindle does not read (a JPEG 2000 master, a layered PSD) are
named when the folder is restored, never passed over in silence: the search lists them
(``engine.media.media_in``'s ``left_out``), leaving out what is expected beside photos
(sidecars, a system's files, hidden ones, Rekindle's own work), and ``restore`` tells them
in one note, or, where they are all it found, in its error."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.cli.photos import LEFT_OUT_NAMED
from engine.leftovers import part_name
from engine.media import media_in, results_apart
from engine.unfinished import MARKER_PREFIX, MARKER_SUFFIX
from tests.test_media import _touch

NOT_READ = ("master1.jp2", "layered.psd", "scans/master2.jp2", "scans/anim.gif", "README")
"""Files a person may have meant as photos, which Rekindle does not read."""
EXPECTED = (
    "a.xmp",
    "takeout.json",
    "scans/notes.txt",
    "IMG_0001.AAE",
    "MVI_0002.THM",
    "Thumbs.db",
    "desktop.ini",
    "Icon\r",
    ".DS_Store",
    "._master1.jp2",
    ".cache/hidden.jp2",
)
"""Files expected beside photos, or hidden: no photo was meant by them."""


def _photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), np.full((8, 12, 3), 90, np.uint8))
    return path


@pytest.fixture
def album(tmp_path: Path) -> Path:
    """A photo beside files Rekindle does not read, the files expected beside photos, and
    Rekindle's own leftovers."""
    root = tmp_path / "album"
    _photo(root / "access.png")
    for name in (*NOT_READ, *EXPECTED):
        _touch(root / name)
    _touch(part_name(root / "access.png"))
    _touch(root / f"{MARKER_PREFIX}0123456789abcdef.123{MARKER_SUFFIX}")
    return root


def _names(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def test_the_search_lists_the_files_it_does_not_take_but_those_expected_beside_photos(album):
    left_out: list[Path] = []
    found = media_in(album, left_out=left_out)
    assert _names(found, album) == ["access.png"]
    assert _names(left_out, album) == sorted(NOT_READ)


def test_the_photos_found_are_the_same_whether_the_files_left_out_are_asked_for(album):
    out = album / "restored"
    _photo(out / "access.png")  # a result of an earlier run into the folder
    assert results_apart(album, out, left_out=[]) == results_apart(album, out)


def _restore(folder: Path, out: Path, model: Path) -> int:
    return main(["restore", str(folder), "-o", str(out), "--model", str(model)])


def test_restoring_a_folder_names_the_files_left_out_in_one_note(
    album, tmp_path, tiny_model_file, capsys
):
    assert _restore(album, tmp_path / "out", tiny_model_file) == 0
    captured = capsys.readouterr()
    notes = [line for line in captured.err.splitlines() if "Rekindle does not read" in line]
    named = ", ".join(f"album/{name}" for name in sorted(NOT_READ))
    assert notes == [f"note: left out 5 files Rekindle does not read: {named}"]
    assert "1 restored, 0 failed" in captured.out


def test_a_folder_of_files_rekindle_does_not_read_is_told_what_it_holds(
    tmp_path, tiny_model_file, capsys
):
    masters = tmp_path / "masters"
    names = [f"m{index:02d}.jp2" for index in range(LEFT_OUT_NAMED + 2)]
    for name in names:
        _touch(masters / name)
    _touch(masters / "m00.xmp")
    assert _restore(masters, tmp_path / "out", tiny_model_file) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    first = ", ".join(f"masters/{name}" for name in names[:LEFT_OUT_NAMED])
    assert error.startswith(
        f"error: no images found in the inputs, but {len(names)} files Rekindle does not "
        f"read: {first}, and 2 more ("
    )


def test_a_folder_with_nothing_at_all_is_told_no_images_were_found(
    tmp_path, tiny_model_file, capsys
):
    empty = tmp_path / "empty"
    _touch(empty / "notes.txt")
    assert _restore(empty, tmp_path / "out", tiny_model_file) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "error: no images found in the inputs"
    )
