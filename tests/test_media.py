"""Which files a folder holds: ``media_in``, the one rule the command line, the app and
training share."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.leftovers import part_name
from engine.media import is_media, media_in, photos_in
from engine.unfinished import MARKER_PREFIX, MARKER_SUFFIX
from engine.video.segments import work_folder


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


@pytest.fixture
def album(tmp_path: Path) -> Path:
    """Photos and films at three depths, with everything that is not one beside them."""
    root = tmp_path / "album"
    for name in ("b.jpg", "A.PNG", "film.MKV", "trip/c.webp", "trip/day 2/d.tif", "trip/e.mov"):
        _touch(root / name)
    for name in ("notes.txt", "anim.gif", "trip/README", "trip/extension-less"):
        _touch(root / name)
    for name in (".DS_Store", ".hidden.png", ".cache/f.png", "trip/.thumbnails/g.jpg"):
        _touch(root / name)
    # Rekindle's own leftovers: a write cut short, a film's segments, a batch's marker.
    _touch(part_name(root / "b.jpg"))
    _touch(work_folder(root / "restored.mp4", "0123456789abcdef" * 4) / "segment-0.mp4")
    _touch(root / f"{MARKER_PREFIX}0123456789abcdef.123{MARKER_SUFFIX}")
    return root


def _names(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def test_a_folder_holds_its_photos_and_films_at_any_depth_in_path_order(album: Path):
    assert _names(media_in(album), album) == [
        "A.PNG",
        "b.jpg",
        "film.MKV",
        "trip/c.webp",
        "trip/day 2/d.tif",
        "trip/e.mov",
    ]


def test_photos_are_the_media_that_are_not_films(album: Path):
    assert _names(photos_in(album), album) == ["A.PNG", "b.jpg", "trip/c.webp", "trip/day 2/d.tif"]


def test_a_hidden_folder_chosen_itself_is_searched(tmp_path: Path):
    chosen = tmp_path / ".photos"
    _touch(chosen / "a.png")
    assert _names(media_in(chosen), chosen) == ["a.png"]


def test_media_is_told_by_suffix():
    assert is_media("a/B.JPEG") and is_media("film.webm") and is_media(Path("scan.TIFF"))
    assert not is_media("anim.gif") and not is_media("notes.txt") and not is_media("film")


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")
def test_linked_files_count_once_and_linked_folders_are_not_entered(tmp_path: Path):
    root = tmp_path / "album"
    _touch(root / "a.png")
    elsewhere = _touch(tmp_path / "elsewhere" / "far.png")
    (root / "linked.png").symlink_to(elsewhere)
    (root / "twice.png").symlink_to(root / "a.png")
    (root / "broken.png").symlink_to(tmp_path / "gone.png")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "out").symlink_to(elsewhere.parent, target_is_directory=True)
    (root / "folder.png").symlink_to(elsewhere.parent, target_is_directory=True)
    assert _names(media_in(root), root) == ["a.png", "linked.png"]
    (root / "0-best-of.png").symlink_to(root / "a.png")  # a link sorting before its file
    assert _names(media_in(root), root) == ["a.png", "linked.png"]


def test_a_missing_folder_holds_nothing(tmp_path: Path):
    assert media_in(tmp_path / "nowhere") == []
