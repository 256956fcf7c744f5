"""``turn`` and ``split`` of a folder holding photos and Rekindle's results of them, restored
beside them: each result is left out with a line saying why, as ``restore`` leaves it out,
so that every picture is turned (or split) once, not once more as its restored copy. A
result given without its photo is done as asked."""

from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.imageio import Picture, write_picture
from tests.scan_helpers import LID, kodak_print, lay


def _photo(path: Path, pixels: np.ndarray) -> Path:
    return write_picture(Picture(pixels, None, None, None, "png"), path)


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


def _restored_beside(model: Path, photo: Path) -> Path:
    """``photo``'s result, restored into its own folder."""
    before = set(photo.parent.iterdir())
    restore = ["restore", str(photo), "-o", str(photo.parent), "--model", str(model)]
    assert main([*restore, "--scale-out", "1"]) == 0
    (result,) = set(photo.parent.iterdir()) - before
    return result


@pytest.fixture
def album(tmp_path: Path, tiny_model_file: Path, capsys) -> Path:
    """A folder of a photo and its result beside it."""
    pixels = np.random.default_rng(0).integers(0, 255, (24, 32, 3), np.uint8)
    photo = _photo(tmp_path / "album" / "a.png", pixels)
    _restored_beside(tiny_model_file, photo)
    capsys.readouterr()
    return photo.parent


def test_turning_a_folder_turns_the_photo_and_leaves_its_result_out(album, tmp_path, capsys):
    result = next(path for path in album.iterdir() if path.name != "a.png")
    assert main(["turn", str(album), "--left", "-o", str(tmp_path / "turned")]) == 0
    printed = capsys.readouterr()
    assert _names(tmp_path / "turned") == ["a turned.png"]
    assert (
        f"left out: album/{result.name} is Rekindle's result of album/a.png, given too (to "
        "turn the result itself, give it on its own)"
    ) in printed.err.splitlines()
    assert "album/a.png: " in printed.out and result.name not in printed.out


def test_a_result_given_without_its_photo_is_turned(album, tmp_path, capsys):
    result = next(path for path in album.iterdir() if path.name != "a.png")
    assert main(["turn", str(result), "--left", "-o", str(tmp_path / "turned")]) == 0
    assert "left out" not in capsys.readouterr().err
    assert _names(tmp_path / "turned") == [f"{result.stem} turned.png"]


def test_splitting_a_scan_and_its_result_given_by_a_glob_splits_the_scan(
    tmp_path, tiny_model_file, capsys
):
    pixels = np.full((500, 600, 3), LID, np.uint8)
    lay(pixels, kodak_print(3), (300, 250), 5.0)
    scan = _photo(tmp_path / "scans" / "scan.png", pixels)
    result = _restored_beside(tiny_model_file, scan)
    capsys.readouterr()
    globbed = sorted(map(str, scan.parent.glob("*.png")))
    assert main(["split", *globbed, "-o", str(tmp_path / "prints")]) == 0
    printed = capsys.readouterr()
    assert f"left out: {result.name} is Rekindle's result of scan.png, given too (to split" in (
        printed.err
    )
    assert [line.split(":")[0] for line in printed.out.splitlines()] == ["scan.png"]
    assert len(_names(tmp_path / "prints")) == 1
