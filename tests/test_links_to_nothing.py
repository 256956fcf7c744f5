"""A link named as a photo or a film that leads nowhere (to a drive not plugged in, say) is told
when a folder holding it is searched, with the sentence it gets when given by name, never left
out without a word: by the search (``media_in``), by ``restore``, which restores the rest, and
by training's ``prepare``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.errors import RekindleError
from engine.media import media_in
from engine.preflight import require_inputs
from tests.conftest import photo_path
from training.cli import main as training_main

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")

NOWHERE = "a link to nothing (what it points to is missing, or a loop)"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Two photos, and a photo on a drive that is not plugged in, linked to."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for index in (0, 1):
        shutil.copy(photo_path(index), folder / f"k{index}.png")
    (folder / "onusb.jpg").symlink_to(tmp_path / "usb" / "photo.jpg")
    return folder


def test_the_search_names_a_photo_or_film_link_to_nothing(batch: Path, tmp_path: Path):
    (batch / "reel.mp4").symlink_to(tmp_path / "usb" / "reel.mp4")
    (batch / "loop.png").symlink_to(batch / "loop.png")
    (batch / "notes.txt").symlink_to(tmp_path / "usb" / "notes.txt")  # not a photo: not told
    unreadable: list[tuple[Path, str]] = []
    assert [path.name for path in media_in(batch, unreadable)] == ["k0.png", "k1.png"]
    assert unreadable == [
        (batch / "loop.png", f"loop.png: {NOWHERE}"),
        (batch / "onusb.jpg", f"onusb.jpg: {NOWHERE}"),
        (batch / "reel.mp4", f"reel.mp4: {NOWHERE}"),
    ]


def test_the_sentence_is_the_one_a_link_given_by_name_gets(batch: Path):
    link = batch / "onusb.jpg"
    with pytest.raises(RekindleError) as given:
        require_inputs([link])
    unreadable: list[tuple[Path, str]] = []
    media_in(batch, unreadable)
    ((_, found),) = unreadable
    assert found.template == given.value.sentence.template


def test_restore_fails_a_link_to_nothing_and_restores_the_rest(
    batch: Path, tmp_path: Path, tiny_model_file: Path, capsys
):
    out = tmp_path / "out"
    command = ["restore", str(batch), "-o", str(out), "--model", str(tiny_model_file)]
    assert main([*command, "--scale-out", "1"]) == 1
    captured = capsys.readouterr()
    assert f"failed: {Path('batch', 'onusb.jpg')}: {NOWHERE}" in captured.err
    assert "2 restored, 1 failed" in captured.out
    assert sorted(path.name for path in (out / "batch").iterdir()) == ["k0.png", "k1.png"]


def test_prepare_tells_a_link_to_nothing(batch: Path, tmp_path: Path, capsys):
    dataset = ["prepare", str(batch), str(tmp_path / "ds"), "--crop", "32"]
    assert training_main([*dataset, "--crops-per-image", "1"]) == 0
    printed = capsys.readouterr()
    assert f"unreadable: onusb.jpg: {NOWHERE}" in printed.err
    assert "2 pairs from 2 photos; 0 too small, 1 unreadable" in printed.out
