"""A folder that cannot be read is told, never left out without a word: by the search for
photos and films (``media_in``), by ``restore``, and by training's ``prepare`` and ``pack``.

The folder is made unreadable by the search's own listing refusing it (root reads any folder,
whatever its mode)."""

import os
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.media import media_in
from tests.conftest import photo_path
from training.cli import main as training_main

REFUSED = "the folder cannot be read (permission denied)"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Two decades of photos, two each."""
    for decade, indices in (("1950s", (0, 1)), ("1960s", (2, 3))):
        (tmp_path / "arch" / decade).mkdir(parents=True)
        for index in indices:
            shutil.copy(photo_path(index), tmp_path / "arch" / decade / f"k{index}.png")
    return tmp_path / "arch"


@pytest.fixture
def locked(archive: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``archive``'s 1960s folder, which cannot be listed."""
    folder = archive / "1960s"
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return folder


def test_the_search_names_each_folder_it_cannot_read(archive, locked):
    unreadable: list[tuple[Path, str]] = []
    found = media_in(archive, unreadable)
    assert [path.name for path in found] == ["k0.png", "k1.png"]
    assert unreadable == [(locked, f"1960s: {REFUSED}")]
    assert media_in(archive) == found  # asked for files alone


def test_a_folder_whose_files_cannot_be_looked_at_is_named(archive, monkeypatch):
    """A folder that lists its names but lets none be looked at (read without search
    permission) is unreadable too, not a folder without photos."""
    folder = archive / "1960s"
    real = Path.is_file

    def is_file(path: Path) -> bool:
        if path.parent == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "is_file", is_file)
    unreadable: list[tuple[Path, str]] = []
    assert [path.name for path in media_in(archive, unreadable)] == ["k0.png", "k1.png"]
    assert unreadable == [(folder, f"1960s: {REFUSED}")]


def test_restore_fails_an_unreadable_folder_and_restores_the_rest(
    archive, locked, tmp_path, tiny_model_file, capsys
):
    out = tmp_path / "out"
    command = ["restore", str(archive), "-o", str(out), "--model", str(tiny_model_file)]
    assert main([*command, "--scale-out", "1"]) == 1
    captured = capsys.readouterr()
    assert f"failed: {Path('arch', '1960s')}: {REFUSED}" in captured.err
    assert "2 restored, 1 failed" in captured.out
    assert sorted(p.name for p in (out / "arch" / "1950s").iterdir()) == ["k0.png", "k1.png"]


def test_restore_of_an_unreadable_folder_alone_says_why(locked, tmp_path, tiny_model_file, capsys):
    command = ["restore", str(locked), "-o", str(tmp_path / "out"), "--model", str(tiny_model_file)]
    assert main(command) == 1
    captured = capsys.readouterr()
    assert f"failed: 1960s: {REFUSED}" in captured.err
    assert "no images found" not in captured.err


def test_prepare_and_pack_tell_an_unreadable_folder(archive, locked, tmp_path, capsys):
    dataset = ["prepare", str(archive), str(tmp_path / "ds"), "--crop", "32"]
    assert training_main([*dataset, "--crops-per-image", "1"]) == 0
    printed = capsys.readouterr()
    assert f"unreadable: 1960s: {REFUSED}" in printed.err
    assert "2 pairs from 2 photos; 0 too small, 1 unreadable" in printed.out

    assert training_main(["pack", str(archive), str(tmp_path / "arch.rkpack")]) == 0
    printed = capsys.readouterr()
    assert f"unreadable: 1960s: {REFUSED}" in printed.err
    assert "1 unreadable" in printed.out


def test_turn_fails_an_unreadable_folder_and_turns_the_rest(archive, locked, tmp_path, capsys):
    out = tmp_path / "turned"
    assert main(["turn", "--right", str(archive), "-o", str(out)]) == 1
    assert f"failed: {Path('arch', '1960s')}: {REFUSED}" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["k0 turned.png", "k1 turned.png"]
