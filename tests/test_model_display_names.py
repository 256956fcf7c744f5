"""A community model chosen on the command line by the display name ``models list`` shows it
by: ``--model``, ``--before`` and ``--after`` take it (case ignored, the name as written first)
through the one resolver, and the same model gives the same results and the same batch
whichever of its names it was given by."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact

from engine.cli import main
from engine.cli.parser import command_parser
from engine.cli.resuming import BATCH_SETTINGS, FILM_BATCH_SETTINGS, batch_settings
from engine.errors import ModelFileError
from engine.library.descriptor import Origin
from engine.library.loading import resolve_model_key, resolve_model_path
from engine.paths import user_models_dir
from engine.unfinished import BatchMarker
from tests.test_model_naming import _shown

CPU = ("--device", "cpu")


def _compact(path: Path, scale: int) -> Path:
    """A tiny RealESRGAN Compact model of ``scale`` saved at ``path``, as people download."""
    torch.manual_seed(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(SRVGGNetCompact(num_feat=8, num_conv=2, upscale=scale).state_dict(), path)
    return path


def _imported(file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Import ``file`` with ``models import``; the display name ``models list`` shows for it."""
    assert main(["models", "import", str(file)]) == 0
    capsys.readouterr()
    assert main(["models", "list"]) == 0
    return _shown(file.stem, capsys.readouterr().out)


def _photo_folder(folder: Path) -> Path:
    """A folder holding one small photo."""
    folder.mkdir()
    pixels = np.random.default_rng(0).integers(0, 255, (12, 16, 3), dtype=np.uint8)
    assert cv2.imwrite(str(folder / "photo.png"), pixels)
    return folder


def _results_beside(folder: Path, *options: str) -> list[str]:
    """The results a restore of ``folder``'s photo into the folder itself makes (named by
    their recipe, as results beside their original are)."""
    photo = folder / "photo.png"
    assert main(["restore", str(photo), "-o", str(folder), *CPU, *options]) == 0
    return sorted(path.name for path in folder.iterdir() if path != photo)


@pytest.fixture
def tiny(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """A 2x community model imported as people do: its file name and its display name."""
    file = _compact(tmp_path / "downloads" / "2x_Tiny.pth", 2)
    return file.stem, _imported(file, capsys)


@pytest.fixture
def cleaner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """A 1x community model imported as people do: its file name and its display name."""
    file = _compact(tmp_path / "downloads" / "1x_Clean.pth", 1)
    return file.stem, _imported(file, capsys)


def test_restore_takes_the_display_name_models_lists(tiny, tmp_path):
    name, shown = tiny
    assert shown != name
    by_file = _results_beside(_photo_folder(tmp_path / "a"), "--model", name)
    by_shown = _results_beside(_photo_folder(tmp_path / "b"), "--model", shown)
    by_case = _results_beside(_photo_folder(tmp_path / "c"), "--model", shown.swapcase())
    assert len(by_file) == 1
    assert by_shown == by_file == by_case


def test_before_and_after_take_the_display_name_models_lists(tiny, cleaner, tmp_path):
    name, shown = tiny
    stage, stage_shown = cleaner
    by_file = _results_beside(
        _photo_folder(tmp_path / "a"), "--model", name, "--before", stage, "--after", stage
    )
    by_shown = _results_beside(
        _photo_folder(tmp_path / "b"),
        *("--model", shown.upper(), "--before", stage_shown, "--after", stage_shown.lower()),
    )
    assert len(by_file) == 1
    assert by_shown == by_file


@pytest.mark.parametrize(
    ("command", "settings"), [("restore", BATCH_SETTINGS), ("restore-video", FILM_BATCH_SETTINGS)]
)
def test_a_batch_is_the_same_whichever_name_its_models_are_given_by(
    tiny, cleaner, tmp_path, command, settings
):
    """So a second run of the same batch at once is refused, and an unfinished one is
    continued, however the model was named."""
    name, shown = tiny
    stage, stage_shown = cleaner

    def settings_of(*models: str) -> dict[str, object]:
        line = [command, str(tmp_path), "-o", str(tmp_path / "out"), *models]
        return batch_settings(command_parser().parse_args(line), settings)

    assert settings_of("--model", name, "--before", stage) == settings_of(
        "--model", shown.lower(), "--before", stage_shown
    )
    assert settings_of("--model", name) != settings_of("--model", stage)


def test_the_display_name_as_written_wins_over_one_differing_in_case(capsys):
    """As a file name as written wins over one in another case."""
    upper = _compact(user_models_dir() / "a" / "Tiny.pth", 2)
    lower = _compact(user_models_dir() / "b" / "tiny.pth", 2)
    assert main(["models", "list"]) == 0
    listed = capsys.readouterr().out
    shown_upper, shown_lower = _shown("a/Tiny.pth", listed), _shown("b/tiny.pth", listed)
    assert shown_upper.casefold() == shown_lower.casefold()
    assert resolve_model_path(shown_upper) == (upper, Origin.IMPORTED)
    assert resolve_model_path(shown_lower) == (lower, Origin.IMPORTED)


def test_a_display_name_two_models_share_is_refused_naming_what_tells_them_apart(tmp_path, capsys):
    for folder in ("ESRGAN", "old"):
        _compact(user_models_dir() / folder / "4x_Tiny.pth", 2)
    assert main(["models", "list"]) == 0
    shown = _shown("ESRGAN/4x_Tiny.pth", capsys.readouterr().out)
    with pytest.raises(ModelFileError) as refused:
        resolve_model_path(shown)
    sentence = str(refused.value)
    assert sentence.count(". ") == 0 and "ESRGAN/4x_Tiny.pth, old/4x_Tiny.pth" in sentence
    with pytest.raises(ModelFileError, match=re.escape("ESRGAN/4x_Tiny.pth, old/4x_Tiny.pth")):
        resolve_model_path(shown.upper())
    folder = _photo_folder(tmp_path / "photos")
    for option in ("--model", "--before", "--after"):
        assert main(["restore", str(folder), "-o", str(tmp_path / "out"), option, shown]) == 2
        assert f"error: {sentence}" in capsys.readouterr().err


def _yesterdays_settings(args: argparse.Namespace, names: Sequence[str]) -> dict[str, object]:
    """A batch's settings as the release before models were held by their keys wrote them
    into its marker: each option as typed (``--model`` "default" when not given)."""
    return {
        "inputs": sorted(str(path.resolve()) for path in args.inputs),
        **{name: getattr(args, name) for name in names},
    }


def _photos_and_a_damaged_one(folder: Path) -> Path:
    """Two small photos and a damaged one, whose failure leaves a batch unfinished."""
    folder.mkdir()
    pixels = np.random.default_rng(1).integers(0, 255, (12, 16, 3), dtype=np.uint8)
    for name in ("p1.png", "p2.png"):
        assert cv2.imwrite(str(folder / name), pixels)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    return folder


def _results_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize("by_shown", [False, True])
def test_a_batch_left_unfinished_by_the_previous_release_is_continued(
    tiny, tmp_path, monkeypatch, capsys, by_shown
):
    """Its marker is named for the models as typed: the same command finds it, skips the
    photos it restored (no "p1 (2).png"), and goes on as that batch until it is done."""
    photos = _photos_and_a_damaged_one(tmp_path / "photos")
    line = ["restore", str(photos), "-o", str(tmp_path / "out"), *CPU]
    line += ["--model", tiny[1]] if by_shown else []
    with monkeypatch.context() as previous_release:
        previous_release.setattr("engine.cli.photos.batch_settings", _yesterdays_settings)
        assert main(line) == 1  # the damaged photo fails: its marker stays
    old = _yesterdays_settings(command_parser().parse_args(line), BATCH_SETTINGS)
    assert BatchMarker(tmp_path / "out", old).unfinished
    capsys.readouterr()
    for _again in range(2):
        assert main(line) == 1
        assert "photos it restored are skipped" in capsys.readouterr().err
        assert _results_in(tmp_path / "out" / "photos") == ["p1.png", "p2.png"]
    (photos / "broken.png").unlink()
    assert main(line) == 0
    assert not BatchMarker(tmp_path / "out", old).unfinished


HOLDS_A_BATCH = """
import json, sys
from pathlib import Path
from engine.unfinished import BatchMarker, holding
folder, settings = Path(sys.argv[1]), json.loads(sys.argv[2])
with holding(folder, settings):
    BatchMarker(folder, settings).start()
    print("holding", flush=True)
    sys.stdin.read()
"""
"""A run of a batch of ``settings`` into ``folder`` (its arguments) going on till its input ends."""


def test_the_same_command_is_refused_while_a_previous_release_batch_is_continued(tmp_path, capsys):
    """A run continuing the batch its marker names by the models as typed holds that batch:
    the same command meanwhile is refused, not run as another batch."""
    photos = _photos_and_a_damaged_one(tmp_path / "photos")
    line = ["restore", str(photos), "-o", str(tmp_path / "out"), *CPU]
    old = _yesterdays_settings(command_parser().parse_args(line), BATCH_SETTINGS)
    script = ["-c", HOLDS_A_BATCH, str(tmp_path / "out"), json.dumps(old)]
    root = Path(__file__).resolve().parents[1]
    with subprocess.Popen(
        [sys.executable, *script],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
            assert main(line) != 0
            assert "a batch of the same settings is being restored" in capsys.readouterr().err
        finally:
            holder.communicate("")
    assert not (tmp_path / "out" / "photos").exists()


def test_a_model_file_is_one_batch_however_its_path_is_written(tmp_path, monkeypatch, capsys):
    """Relative, "./", absolute and through a linked folder: one file, one key, so a batch
    stopped under one spelling is continued under another."""
    file = _compact(tmp_path / "downloads" / "2x_Tiny.pth", 2)
    (tmp_path / "linked").symlink_to(file.parent, target_is_directory=True)
    monkeypatch.chdir(file.parent)
    spellings = ["2x_Tiny.pth", "./2x_Tiny.pth", str(file), str(tmp_path / "linked" / file.name)]
    assert len({resolve_model_key(spelling) for spelling in spellings}) == 1
    photos = _photos_and_a_damaged_one(tmp_path / "photos")
    line = ["restore", str(photos), "-o", str(tmp_path / "out"), *CPU, "--model"]
    assert main([*line, spellings[0]]) == 1
    capsys.readouterr()
    for spelling in spellings[1:]:
        assert main([*line, spelling]) == 1
        assert "photos it restored are skipped" in capsys.readouterr().err
        assert _results_in(tmp_path / "out" / "photos") == ["p1.png", "p2.png"]
