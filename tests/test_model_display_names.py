"""A community model chosen on the command line by the display name ``models list`` shows it
by: ``--model``, ``--before`` and ``--after`` take it (case ignored, the name as written first)
through the one resolver, and the same model gives the same results and the same batch
whichever of its names it was given by."""

from __future__ import annotations

import re
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
from engine.library.loading import resolve_model_path
from engine.paths import user_models_dir
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
