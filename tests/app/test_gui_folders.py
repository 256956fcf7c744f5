"""One folder tree as ``python -m engine restore`` and a drop on the window see it: the same
photos and films, whatever else lies beside them."""

from __future__ import annotations

import os
from pathlib import Path

from gui_helpers import add_searched, drop_paths, searched, write_photo

from engine.cli import main
from engine.leftovers import part_name
from engine.media import is_supported_video
from engine.unfinished import MARKER_PREFIX, MARKER_SUFFIX
from engine.video.segments import work_folder

FILMS_LEFT_OUT = "films left out (restore each with restore-video): "


def _album(root: Path) -> Path:
    """Photos and films in subfolders, beside hidden files, files that are neither, links (back
    up the tree, and to a photo already there) and what a killed run of Rekindle leaves."""
    for seed, name in enumerate(["b.jpg", "A.PNG", "trip/c.webp", "trip/day 2/d.png"]):
        write_photo(root / name, 12, 10, seed)
    for name in ["film.mkv", "trip/e.mov"]:
        (root / name).write_bytes(b"named as a film")
    for name in [".hidden.png", ".cache/f.png", "trip/.thumbnails/g.jpg"]:
        write_photo(root / name, 12, 10)
    (root / "notes.txt").write_text("not a photo")
    (root / "anim.gif").write_bytes(b"GIF89a")
    part_name(root / "b.jpg").write_bytes((root / "b.jpg").read_bytes())
    segments = work_folder(root / "restored.mkv", "0" * 64)
    segments.mkdir()
    (segments / "segment-0.mkv").write_bytes(b"a finished segment")
    (root / f"{MARKER_PREFIX}{'0' * 16}.123{MARKER_SUFFIX}").touch()
    if os.name != "nt":
        (root / "trip" / "back").symlink_to(root, target_is_directory=True)
        (root / "trip" / "same.jpg").symlink_to(root / "b.jpg")
    return root


def test_the_command_line_and_the_window_find_the_same_files_in_a_folder(
    make_window, qtbot, tmp_path: Path, tiny_model_file: Path, capsys
):
    album = _album(tmp_path / "album")
    out = tmp_path / "out"

    assert main(["restore", str(album), "-o", str(out), "--model", str(tiny_model_file)]) == 0
    film_line = next(
        line for line in capsys.readouterr().err.splitlines() if line.startswith(FILMS_LEFT_OUT)
    )
    restored = sorted(
        path.relative_to(out / "album").with_suffix("").as_posix()
        for path in out.rglob("*")
        if path.is_file()
    )
    window = make_window()
    assert drop_paths(window, [album])
    searched(qtbot, window)
    queued = [item.source for item in window.queue.items()]

    assert [path.relative_to(album).as_posix() for path in queued] == [
        "A.PNG",
        "b.jpg",
        "film.mkv",
        "trip/c.webp",
        "trip/day 2/d.png",
        "trip/e.mov",
    ]
    photos = [path for path in queued if not is_supported_video(path)]
    assert restored == sorted(path.relative_to(album).with_suffix("").as_posix() for path in photos)
    films = [path.name for path in queued if is_supported_video(path)]
    assert film_line == FILMS_LEFT_OUT + ", ".join(films)


def test_a_folder_that_cannot_be_read_is_said_when_its_parent_is_added(
    make_window, qtbot, tmp_path: Path, monkeypatch
):
    album = tmp_path / "album"
    write_photo(album / "1950s" / "a.png")
    locked = album / "1960s"
    write_photo(locked / "b.png")
    real = os.scandir

    def scandir(path="."):  # root reads any folder, whatever its mode
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    window = make_window()
    items = add_searched(qtbot, window, [album])
    assert [item.name for item in items] == ["a.png"]
    message = window.statusBar().currentMessage()
    assert "Not read: 1960s: the folder cannot be read (permission denied)." in message
